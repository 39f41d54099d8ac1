#pragma once
// A read-only YAML tree: what data::parse_yaml (yaml_document.hpp) gives the readers of scenario,
// deal, round, phase and dataset files. A node is a handle: copies share the document, which
// lives as long as any of its nodes.
//
// It answers as the yaml-cpp nodes the readers were written against did (issue 21 replaced
// yaml-cpp, a thousand instructions a byte, by libyaml's parser, about 140), with one change:
// asking anything of a node that is not there, or a key of a node that is not a mapping, gives an
// undefined node or an empty answer rather than an exception.

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace decarbfund::data {

enum class YamlKind { null, scalar, sequence, map };

/// One node of a parsed document. A mapping's `children` alternate key and value, in document order.
struct YamlNodeData {
  YamlKind kind = YamlKind::null;
  long line = 0;  ///< 1-based line where the node starts (its anchor, tag or first character); 0 for none
  std::string scalar;  ///< a scalar's text ("" for a null)
  std::vector<const YamlNodeData*> children;
};

class YamlItem;

class YamlNode {
 public:
  /// An undefined node: what a missing key gives.
  YamlNode() = default;
  /// `node` belongs to `document` (a node of the tree, shared ownership of the whole).
  YamlNode(std::shared_ptr<const void> document, const YamlNodeData* node)
      : document_(std::move(document)), node_(node) {}

  /// Whether the node is there: false for a missing key, an index past the end, or a default node.
  bool defined() const { return node_ != nullptr; }
  /// `~`, `null`, `Null`, `NULL` or nothing, unquoted and untagged (an empty value is a null).
  bool is_null() const { return node_ && node_->kind == YamlKind::null; }
  bool is_scalar() const { return node_ && node_->kind == YamlKind::scalar; }
  bool is_sequence() const { return node_ && node_->kind == YamlKind::sequence; }
  bool is_map() const { return node_ && node_->kind == YamlKind::map; }

  /// A scalar's text; "" for anything else.
  const std::string& scalar() const;
  /// A mapping key's text as yaml-cpp's `as<std::string>("")` gave it: the scalar, "null" for a
  /// null key, "" for a collection or nothing.
  std::string key_text() const;
  /// 1-based line where the node starts; 0 when it has none (undefined).
  long line() const { return node_ ? node_->line : 0; }
  /// Items of a sequence, entries of a mapping; 0 for anything else.
  std::size_t size() const;

  /// A mapping's value for the scalar key `key` (the first such entry); undefined when there is
  /// none or the node is not a mapping.
  YamlNode operator[](std::string_view key) const;
  /// A sequence's item `index`; undefined past the end or when the node is not a sequence.
  YamlNode operator[](std::size_t index) const;

  class const_iterator;
  /// A sequence's items (each a YamlItem that is the item) or a mapping's entries (each with
  /// `first` the key and `second` the value); nothing for anything else.
  const_iterator begin() const;
  const_iterator end() const;

 private:
  YamlNode child(std::size_t i) const { return {document_, node_->children[i]}; }

  std::shared_ptr<const void> document_;
  const YamlNodeData* node_ = nullptr;
};

/// What iterating gives: for a sequence, the item itself; for a mapping, `first` (the key) and
/// `second` (the value), the item itself undefined.
class YamlItem : public YamlNode {
 public:
  YamlItem(YamlNode item, YamlNode key, YamlNode value)
      : YamlNode(std::move(item)), first(std::move(key)), second(std::move(value)) {}
  YamlNode first;
  YamlNode second;
};

class YamlNode::const_iterator {
 public:
  using value_type = YamlItem;
  using difference_type = std::ptrdiff_t;
  const_iterator(YamlNode parent, std::size_t entry) : parent_(std::move(parent)), entry_(entry) {}
  YamlItem operator*() const;
  const_iterator& operator++() {
    ++entry_;
    return *this;
  }
  bool operator==(const const_iterator& o) const { return entry_ == o.entry_; }
  bool operator!=(const const_iterator& o) const { return entry_ != o.entry_; }

 private:
  YamlNode parent_;  // a copy: iterating a temporary's node is safe
  std::size_t entry_;  ///< a sequence's item or a mapping's entry
};

}  // namespace decarbfund::data
