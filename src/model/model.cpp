#include "model/model.hpp"

#include <algorithm>

namespace decarbfund::model {

namespace {
Index find_in(const std::vector<std::string>& ids, std::string_view id) {
  auto it = std::find(ids.begin(), ids.end(), id);
  return it == ids.end() ? kNone : static_cast<Index>(it - ids.begin());
}
}  // namespace

Index Model::find_site(std::string_view id) const { return find_in(sites.id, id); }
Index Model::find_option(std::string_view id) const { return find_in(options.id, id); }
Index Model::find_infrastructure(std::string_view id) const { return find_in(infrastructure.id, id); }
Index Model::find_cluster(std::string_view id) const { return find_in(clusters.id, id); }

}  // namespace decarbfund::model
