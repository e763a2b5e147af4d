// The treap operations behind SetArena: persistent split, join, union and intersection.
#include "sovaudit/persistent_set.hpp"

#include <stdexcept>
#include <utility>

namespace sovaudit {
namespace {

/// A bijection on 32-bit values (the MurmurHash3 finaliser): every key has its own priority, and
/// the priorities of consecutive indices look random, so the expected depth is logarithmic.
std::uint32_t priority(NodeIndex key) {
  std::uint32_t h = key;
  h ^= h >> 16;
  h *= 0x85ebca6bU;
  h ^= h >> 13;
  h *= 0xc2b2ae35U;
  h ^= h >> 16;
  return h;
}

}  // namespace

SetArena::SetArena() : nodes_(1) {}

SetArena::SetArena(std::vector<std::int64_t> weights)
    : nodes_(1), weights_(std::move(weights)), subtree_weight_(weights_.empty() ? 0 : 1, 0) {}

SetArena::Compaction::Compaction(SetArena& arena)
    : arena_(arena), moved_(arena.nodes_.size(), 0), kept_(1), kept_weight_(arena.subtree_weight_.empty() ? 0 : 1, 0) {}

std::uint32_t SetArena::Compaction::copy(std::uint32_t root) {
  if (root == 0 || moved_[root] != 0) return moved_[root];
  // Children before parents, without recursion: a set can be a chain as deep as it is long.
  stack_.push_back(root);
  while (!stack_.empty()) {
    const std::uint32_t at = stack_.back();
    const Node node = arena_.nodes_[at];
    if (node.left != 0 && moved_[node.left] == 0) {
      stack_.push_back(node.left);
      continue;
    }
    if (node.right != 0 && moved_[node.right] == 0) {
      stack_.push_back(node.right);
      continue;
    }
    stack_.pop_back();
    if (moved_[at] != 0) continue;
    kept_.push_back(Node{node.key, moved_[node.left], moved_[node.right]});
    if (!kept_weight_.empty()) kept_weight_.push_back(arena_.subtree_weight_[at]);
    moved_[at] = static_cast<std::uint32_t>(kept_.size() - 1);
  }
  return moved_[root];
}

void SetArena::Compaction::finish() {
  std::vector<std::uint32_t>().swap(moved_);
  kept_.shrink_to_fit();
  kept_weight_.shrink_to_fit();
  arena_.nodes_ = std::move(kept_);
  arena_.subtree_weight_ = std::move(kept_weight_);
}

std::uint32_t SetArena::make(NodeIndex key, std::uint32_t left, std::uint32_t right) {
  // A 4-billion-node arena would need 64 GB; the file-size and entry limits stop far earlier.
  if (nodes_.size() >= UINT32_MAX) throw std::length_error("set arena full");
  nodes_.push_back(Node{key, left, right});
  if (!weights_.empty()) subtree_weight_.push_back(subtree_weight_[left] + subtree_weight_[right] + weights_.at(key));
  return static_cast<std::uint32_t>(nodes_.size() - 1);
}

SetHandle SetArena::singleton(NodeIndex key) { return SetHandle{make(key, 0, 0)}; }

SetHandle SetArena::from_sorted(std::span<const NodeIndex> keys) {
  // The Cartesian tree of the keys by priority, built left to right with the stack of its right
  // spine; the nodes are new, so linking them in place changes no other set.
  std::vector<std::uint32_t> spine;
  for (NodeIndex key : keys) {
    const std::uint32_t node = make(key, 0, 0);
    std::uint32_t below = 0;
    while (!spine.empty() && priority(nodes_[spine.back()].key) < priority(key)) {
      below = spine.back();
      spine.pop_back();
    }
    nodes_[node].left = below;
    if (!spine.empty()) nodes_[spine.back()].right = node;
    spine.push_back(node);
  }
  if (spine.empty()) return {};
  if (!weights_.empty()) fix_weights(spine.front());
  return SetHandle{spine.front()};
}

void SetArena::fix_weights(std::uint32_t root) {
  // Post-order without recursion: a child's weight is final before its parent's is summed.
  std::vector<std::pair<std::uint32_t, bool>> stack{{root, false}};
  while (!stack.empty()) {
    auto [at, children_done] = stack.back();
    stack.pop_back();
    const Node& n = nodes_[at];
    if (!children_done) {
      stack.emplace_back(at, true);
      if (n.left != 0) stack.emplace_back(n.left, false);
      if (n.right != 0) stack.emplace_back(n.right, false);
      continue;
    }
    subtree_weight_[at] = subtree_weight_[n.left] + subtree_weight_[n.right] + weights_.at(n.key);
  }
}

SetArena::Split SetArena::split(std::uint32_t tree, NodeIndex key) {
  if (tree == 0) return {};
  const Node n = nodes_[tree];  // a copy: make() may reallocate nodes_
  if (key < n.key) {
    Split s = split(n.left, key);
    s.greater = make(n.key, s.greater, n.right);
    return s;
  }
  if (key > n.key) {
    Split s = split(n.right, key);
    s.less = make(n.key, n.left, s.less);
    return s;
  }
  return {n.left, n.right, true};
}

std::uint32_t SetArena::join(std::uint32_t less, std::uint32_t greater) {
  if (less == 0) return greater;
  if (greater == 0) return less;
  const Node l = nodes_[less], g = nodes_[greater];
  if (priority(l.key) > priority(g.key)) return make(l.key, l.left, join(l.right, greater));
  return make(g.key, join(less, g.left), g.right);
}

std::uint32_t SetArena::unite(std::uint32_t a, std::uint32_t b) {
  if (a == b || b == 0) return a;
  if (a == 0) return b;
  if (priority(nodes_[a].key) < priority(nodes_[b].key)) std::swap(a, b);
  const Node top = nodes_[a];
  const Split s = split(b, top.key);
  const std::uint32_t left = unite(top.left, s.less);
  const std::uint32_t right = unite(top.right, s.greater);
  if (left == top.left && right == top.right) return a;
  return make(top.key, left, right);
}

std::uint32_t SetArena::intersect(std::uint32_t a, std::uint32_t b) {
  if (a == b) return a;
  if (a == 0 || b == 0) return 0;
  if (priority(nodes_[a].key) < priority(nodes_[b].key)) std::swap(a, b);
  const Node top = nodes_[a];
  const Split s = split(b, top.key);
  const std::uint32_t left = intersect(top.left, s.less);
  const std::uint32_t right = intersect(top.right, s.greater);
  if (!s.found) return join(left, right);
  if (left == top.left && right == top.right) return a;
  return make(top.key, left, right);
}

SetHandle SetArena::unite(SetHandle a, SetHandle b) { return SetHandle{unite(a.root, b.root)}; }

SetHandle SetArena::intersect(SetHandle a, SetHandle b) { return SetHandle{intersect(a.root, b.root)}; }

bool SetArena::contains(SetHandle set, NodeIndex key) const {
  std::uint32_t at = set.root;
  while (at != 0) {
    const Node& n = nodes_[at];
    if (key == n.key) return true;
    at = key < n.key ? n.left : n.right;
  }
  return false;
}

std::size_t SetArena::size(SetHandle set) const {
  std::size_t count = 0;
  for_each(set, [&](NodeIndex) { ++count; });
  return count;
}

std::vector<NodeIndex> SetArena::elements(SetHandle set) const {
  std::vector<NodeIndex> out;
  for_each(set, [&](NodeIndex key) { out.push_back(key); });
  return out;
}

}  // namespace sovaudit
