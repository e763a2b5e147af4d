// Internal to the loader: generic readers that bind a YAML value to a model field, used by the
// format tables in schema.cpp.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "frames.hpp"
#include "scalars.hpp"

namespace sovaudit::load {

/// A scalar read with `rule` into the located field `member`.
template <class T, class V>
ValueReader<T> scalar_field(Located<V> T::*member, ScalarRule<V> rule) {
  ValueReader<T> r;
  r.expected = rule.expected;
  r.scalar = [member, parse = std::move(rule.parse)](Diagnostics& d, T& t, const Scalar& s, const Slot& slot) {
    if (auto v = parse(d, s, slot)) t.*member = Located<V>(std::move(*v), s.loc);
  };
  return r;
}

/// A list of scalars, each read with `rule`; fewer than `min_entries` entries is an error.
template <class T, class V>
ValueReader<T> scalar_list_field(std::vector<Located<V>> T::*member, ScalarRule<V> rule, std::size_t min_entries = 0) {
  using List = std::vector<Located<V>>;
  auto item = std::make_shared<ValueReader<List>>();
  item->expected = rule.expected;
  item->scalar = [parse = std::move(rule.parse)](Diagnostics& d, List& out, const Scalar& s, const Slot& slot) {
    if (auto v = parse(d, s, slot)) out.emplace_back(std::move(*v), s.loc);
  };
  ValueReader<T> r;
  r.expected = "a list";
  r.open = [member, item, min_entries, expected = r.expected](Diagnostics& d, T& t, const Collection& c,
                                                              const Slot& slot) -> FramePtr {
    if (c.is_map) {
      d.error(c.loc, type_error(slot.key, expected, describe(c)));
      return make_skip_frame();
    }
    auto frame = std::make_unique<ListFrame<List>>(*item, t.*member, slot, c.loc, min_entries);
    frame->note_errors_at_open(d.error_count());
    return frame;
  };
  return r;
}

/// A nested map read with `schema` into the object that `place(target)` returns.
template <class T, class U, class Place>
ValueReader<T> nested_map_field(const MapSchema<U>& schema, Place place) {
  ValueReader<T> r;
  r.expected = "a map";
  r.open = [&schema, place](Diagnostics& d, T& t, const Collection& c, const Slot& slot) -> FramePtr {
    if (!c.is_map) {
      d.error(c.loc, type_error(slot.key, "a map", describe(c)));
      return make_skip_frame();
    }
    U& object = place(t);
    object.loc = c.loc;
    return std::make_unique<MapFrame<U>>(schema, object, c.loc);
  };
  return r;
}

/// A nested map stored in place (organization, policy).
template <class T, class U>
ValueReader<T> object_field(U T::*member, const MapSchema<U>& schema) {
  return nested_map_field<T, U>(schema, [member](T& t) -> U& { return t.*member; });
}

/// An optional nested map (ultimate_parent, exit_plan, criteria, primary).
template <class T, class U>
ValueReader<T> optional_object_field(std::optional<U> T::*member, const MapSchema<U>& schema) {
  return nested_map_field<T, U>(schema, [member](T& t) -> U& { return (t.*member).emplace(); });
}

/// A list of maps (providers, upstream, needs, fallbacks, ...).
template <class T, class U>
ValueReader<T> object_list_field(std::vector<U> T::*member, const MapSchema<U>& schema) {
  using List = std::vector<U>;
  auto item = std::make_shared<ValueReader<List>>();
  item->expected = "a map (one " + std::string(schema.what) + ")";
  item->open = [&schema, expected = item->expected](Diagnostics& d, List& out, const Collection& c,
                                                    const Slot& slot) -> FramePtr {
    if (!c.is_map) {
      d.error(c.loc, "each entry of '" + std::string(slot.key) + "' must be " + expected + ", got " + describe(c));
      return make_skip_frame();
    }
    U& object = out.emplace_back();
    object.loc = c.loc;
    return std::make_unique<MapFrame<U>>(schema, object, c.loc);
  };
  ValueReader<T> r;
  r.expected = "a list of maps";
  r.open = [member, item](Diagnostics& d, T& t, const Collection& c, const Slot& slot) -> FramePtr {
    if (c.is_map) {
      d.error(c.loc, type_error(slot.key, "a list of maps", describe(c)));
      return make_skip_frame();
    }
    return std::make_unique<ListFrame<List>>(*item, t.*member, slot);
  };
  return r;
}

/// Remembers where the key of a top-level section was written, then reads it with `inner`.
template <class T>
ValueReader<T> with_key_loc(SourceLoc T::*where, ValueReader<T> inner) {
  auto open = std::move(inner.open);
  inner.open = [where, open](Diagnostics& d, T& t, const Collection& c, const Slot& slot) {
    t.*where = slot.key_loc;
    return open(d, t, c, slot);
  };
  return inner;
}

}  // namespace sovaudit::load
