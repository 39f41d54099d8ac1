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
Index ActivityGroups::find(std::string_view group) const { return find_in(id, group); }

Index Published::find(std::string_view series_name, int year_of) const {
  for (Index r = 0; r < series.size(); ++r) {
    if (series[r] == series_name && year[r] == year_of) {
      return r;
    }
  }
  return kNone;
}

}  // namespace decarbfund::model
