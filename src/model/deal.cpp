#include "model/deal.hpp"

namespace decarbfund::model {

bool project_matches(std::string_view pattern, std::string_view id) {
  if (!pattern.empty() && pattern.back() == '*') {
    const auto prefix = pattern.substr(0, pattern.size() - 1);
    return id.substr(0, prefix.size()) == prefix;
  }
  return pattern == id;
}

std::vector<Index> project_options(const Model& model, const DealProject& project) {
  std::vector<Index> out;
  for (Index i = 0; i < model.options.size(); ++i) {
    if (project_matches(project.option, model.options.id[i])) {
      out.push_back(i);
    }
  }
  return out;
}

}  // namespace decarbfund::model
