// Immutable sorted sets of node indices that share structure, so that a chain of n sets each one
// element larger than the last costs O(n log n) memory instead of O(n^2).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "sovaudit/graph.hpp"

namespace sovaudit {

/// A set held by a `SetArena`. The default value is the empty set; copying it copies no elements.
/// Two handles from one arena that compare equal hold the same elements (the converse need not hold).
struct SetHandle {
  std::uint32_t root = 0;
  [[nodiscard]] bool empty() const { return root == 0; }
  friend bool operator==(SetHandle, SetHandle) = default;
};

/// Owns the nodes of many sets. Each set is a treap whose priorities are a fixed bijective hash of
/// the key, so a set's shape depends only on its elements, and the sets built from one another
/// share every subtree the operation did not touch. Nodes are never freed before the arena.
class SetArena {
 public:
  /// An arena whose sets carry no weights (weight() is 0).
  SetArena();
  /// An arena in which each key k weighs `weights[k]`, so that weight() of a set is O(1). Every key
  /// given to singleton() must be below weights.size().
  explicit SetArena(std::vector<std::int64_t> weights);

  /// The set holding only `key`.
  SetHandle singleton(NodeIndex key);
  /// The set of `keys`, which must be ascending and distinct, in O(keys.size()) time and nodes.
  SetHandle from_sorted(std::span<const NodeIndex> keys);
  /// The union; returns `a` itself when `b` adds nothing it can see cheaply (b empty or equal to a).
  SetHandle unite(SetHandle a, SetHandle b);
  /// The intersection; cost grows with the smaller set and the parts the two do not share.
  SetHandle intersect(SetHandle a, SetHandle b);

  /// True when `set` holds `key`. O(depth).
  [[nodiscard]] bool contains(SetHandle set, NodeIndex key) const;
  /// The number of elements. O(size): nodes keep no counts, which saves a quarter of their memory.
  [[nodiscard]] std::size_t size(SetHandle set) const;
  /// True when the set holds exactly one element. O(1).
  [[nodiscard]] bool is_singleton(SetHandle set) const {
    return set.root != 0 && nodes_[set.root].left == 0 && nodes_[set.root].right == 0;
  }
  /// The sum of the weights of the elements (exact integer arithmetic, so independent of order). O(1).
  [[nodiscard]] std::int64_t weight(SetHandle set) const {
    return subtree_weight_.empty() ? 0 : subtree_weight_[set.root];
  }
  /// The elements in ascending order.
  [[nodiscard]] std::vector<NodeIndex> elements(SetHandle set) const;
  /// Calls `visit(key)` for every element in ascending order, without recursion.
  template <typename Visit>
  void for_each(SetHandle set, Visit&& visit) const;
  /// Nodes allocated so far, for benchmarks and tests of the sharing.
  [[nodiscard]] std::size_t node_count() const { return nodes_.size() - 1; }

  /// Keeps only the nodes that the handles still in use reach, at the exact size, and points those
  /// handles at the kept nodes: the intermediate sets of a computation (every union and
  /// intersection copies a path) are most of an arena. `visit_handles(f)` must call `f(handle)` on
  /// every handle into this arena that is used afterwards; any other handle is invalid afterwards.
  /// Shared subtrees stay shared, and every set keeps its elements, shape and weight.
  template <typename VisitHandles>
  void keep_reachable(VisitHandles&& visit_handles) {
    Compaction compaction(*this);
    visit_handles([&](SetHandle& handle) { handle.root = compaction.copy(handle.root); });
    compaction.finish();
  }

 private:
  struct Node {
    NodeIndex key = 0;
    std::uint32_t left = 0, right = 0;  // 0 is the empty tree
  };
  struct Split {
    std::uint32_t less = 0, greater = 0;
    bool found = false;
  };

  /// The copy of the reachable nodes that keep_reachable builds.
  class Compaction {
   public:
    explicit Compaction(SetArena& arena);
    /// The kept copy of the tree at `root` (copied once, however often it is reached).
    std::uint32_t copy(std::uint32_t root);
    /// Replaces the arena's nodes by the kept ones.
    void finish();

   private:
    SetArena& arena_;
    std::vector<std::uint32_t> moved_;  // old node -> kept node; 0: not kept yet
    std::vector<Node> kept_;
    std::vector<std::int64_t> kept_weight_;
    std::vector<std::uint32_t> stack_;
  };

  std::uint32_t make(NodeIndex key, std::uint32_t left, std::uint32_t right);
  Split split(std::uint32_t tree, NodeIndex key);
  std::uint32_t join(std::uint32_t less, std::uint32_t greater);
  std::uint32_t unite(std::uint32_t a, std::uint32_t b);
  std::uint32_t intersect(std::uint32_t a, std::uint32_t b);

  void fix_weights(std::uint32_t root);

  std::vector<Node> nodes_;  // nodes_[0] is the empty tree
  std::vector<std::int64_t> weights_;         // by key; empty for an unweighted arena
  std::vector<std::int64_t> subtree_weight_;  // by node, kept only for a weighted arena
};

template <typename Visit>
void SetArena::for_each(SetHandle set, Visit&& visit) const {
  std::vector<std::uint32_t> stack;
  std::uint32_t at = set.root;
  while (at != 0 || !stack.empty()) {
    while (at != 0) {
      stack.push_back(at);
      at = nodes_[at].left;
    }
    at = stack.back();
    stack.pop_back();
    visit(nodes_[at].key);
    at = nodes_[at].right;
  }
}

}  // namespace sovaudit
