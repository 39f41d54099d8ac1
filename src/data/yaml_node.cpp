#include "data/yaml_node.hpp"

namespace decarbfund::data {

namespace {
const std::string kEmpty;
}  // namespace

const std::string& YamlNode::scalar() const { return is_scalar() ? node_->scalar : kEmpty; }

std::string YamlNode::key_text() const {
  if (is_null()) {
    return "null";
  }
  return scalar();
}

std::size_t YamlNode::size() const {
  if (is_sequence()) {
    return node_->children.size();
  }
  return is_map() ? node_->children.size() / 2 : 0;
}

YamlNode YamlNode::operator[](std::string_view key) const {
  if (!is_map()) {
    return {};
  }
  const auto& c = node_->children;
  for (std::size_t i = 0; i < c.size(); i += 2) {
    if (c[i]->kind == YamlKind::scalar && c[i]->scalar == key) {
      return child(i + 1);
    }
  }
  return {};
}

YamlNode YamlNode::operator[](std::size_t index) const {
  return is_sequence() && index < node_->children.size() ? child(index) : YamlNode();
}

YamlNode::const_iterator YamlNode::begin() const { return {*this, 0}; }

YamlNode::const_iterator YamlNode::end() const { return {*this, size()}; }

YamlItem YamlNode::const_iterator::operator*() const {
  if (parent_.is_map()) {
    return {YamlNode(), parent_.child(2 * entry_), parent_.child(2 * entry_ + 1)};
  }
  return {parent_.child(entry_), YamlNode(), YamlNode()};
}

}  // namespace decarbfund::data
