// Internal to the loader: generic readers that bind a YAML value to a model field, used by the
// format tables in schema.cpp.
#pragma once

#include <concepts>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "frames.hpp"
#include "scalars.hpp"

namespace sovaudit::load {

/// A scalar read with `rule` into the located field `member`, which may store the value in a
/// compacter type made from it (an id read as text is kept as CompactText).
template <class T, class Stored, class V>
  requires std::constructible_from<Stored, V>
ValueReader<T> scalar_field(Located<Stored> T::*member, ScalarRule<V> rule) {
  ValueReader<T> r;
  r.expected = rule.expected;
  r.scalar = [member, parse = std::move(rule.parse)](Diagnostics& d, T& t, const Scalar& s, const Slot& slot) {
    if (auto v = parse(d, s, slot)) t.*member = Located<Stored>(Stored(std::move(*v)), s.loc);
  };
  return r;
}

/// A list of scalars, each read with `rule`, into the list that `place(target)` returns; fewer than
/// `min_entries` entries is an error.
template <class T, class V, class Place>
ValueReader<T> scalar_list_into(Place place, ScalarRule<V> rule, std::size_t min_entries) {
  using List = std::vector<Located<V>>;
  auto item = std::make_shared<ValueReader<List>>();
  item->expected = rule.expected;
  item->scalar = [parse = std::move(rule.parse)](Diagnostics& d, List& out, const Scalar& s, const Slot& slot) {
    if (auto v = parse(d, s, slot)) out.emplace_back(std::move(*v), s.loc);
  };
  ValueReader<T> r;
  r.expected = "a list";
  r.open = [place, item, min_entries, expected = r.expected](Diagnostics& d, T& t, const Collection& c,
                                                             const Slot& slot) -> FramePtr {
    if (c.is_map) {
      d.error(c.loc, type_error(slot.key, expected, describe(c)));
      return make_skip_frame();
    }
    auto frame = std::make_unique<ListFrame<List>>(*item, place(t), slot, c.loc, min_entries);
    frame->note_errors_at_open(d.error_count());
    return frame;
  };
  return r;
}

/// A list of scalars, each read with `rule`; fewer than `min_entries` entries is an error.
template <class T, class V>
ValueReader<T> scalar_list_field(std::vector<Located<V>> T::*member, ScalarRule<V> rule, std::size_t min_entries = 0) {
  return scalar_list_into<T, V>([member](T& t) -> std::vector<Located<V>>& { return t.*member; }, std::move(rule),
                                min_entries);
}

/// A scalar read with `rule` into `member` of the boxed map `box`, which is created on first use: flat
/// keys of a map stored apart because most entries leave them out (a use's model and retirement).
template <class T, class U, class V>
ValueReader<T> boxed_scalar_field(Boxed<U> T::*box, Located<V> U::*member, ScalarRule<V> rule) {
  ValueReader<T> r;
  r.expected = rule.expected;
  r.scalar = [box, member, parse = std::move(rule.parse)](Diagnostics& d, T& t, const Scalar& s, const Slot& slot) {
    if (auto v = parse(d, s, slot)) (t.*box).ensure().*member = Located<V>(std::move(*v), s.loc);
  };
  return r;
}

/// A non-empty list of regions pinned by a use, stored boxed.
template <class T>
ValueReader<T> pinned_regions_field(PinnedRegions T::*member, ScalarRule<std::string> rule) {
  return scalar_list_into<T, std::string>([member](T& t) -> PinnedRegions::List& { return (t.*member).edit(); },
                                          std::move(rule), 1);
}

/// "; write it as {name: Microsoft, hq: ...}": the map's required keys (else its first two), the
/// first filled with the text given in place of the map.
template <class U>
std::string map_shape_hint(const MapSchema<U>& schema, const Scalar& given) {
  std::vector<std::string_view> keys;
  for (const auto& f : schema.fields) {
    if (f.required) keys.push_back(f.key);
  }
  for (std::size_t i = 0; keys.empty() && i < schema.fields.size() && i < 2; ++i) keys.push_back(schema.fields[i].key);
  if (keys.empty()) return {};
  std::string shape;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const bool fill = i == 0 && given.style == ScalarStyle::Plain && !given.text.empty() && given.text.size() <= 64 &&
                      given.text.find_first_of("{}[],:#\n") == std::string_view::npos;
    shape += (i ? ", " : "") + std::string(keys[i]) + ": " + (fill ? std::string(given.text) : std::string("..."));
  }
  return "; write it as {" + shape + "}";
}

/// A nested map read with `schema` into the object that `place(target)` returns.
template <class T, class U, class Place>
ValueReader<T> nested_map_field(const MapSchema<U>& schema, Place place) {
  ValueReader<T> r;
  r.expected = "a map";
  r.scalar = [&schema](Diagnostics& d, T&, const Scalar& s, const Slot& slot) {
    d.error(s.loc, type_error(slot.key, "a map", describe(s)) + (s.style == ScalarStyle::Alias ? "" : map_shape_hint(schema, s)),
            s.length);
  };
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

/// An optional nested map kept on the heap (ultimate_parent, exit_plan).
template <class T, class U>
ValueReader<T> optional_object_field(Boxed<U> T::*member, const MapSchema<U>& schema) {
  return nested_map_field<T, U>(schema, [member](T& t) -> U& { return (t.*member).emplace(); });
}

/// A list of maps (providers, upstream, needs, fallbacks, ...).
template <class T, class U, template <class...> class Container>
ValueReader<T> object_list_field(Container<U> T::*member, const MapSchema<U>& schema) {
  using List = Container<U>;
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

/// Reads a map keyed by jurisdiction (`{US: scc, CA: adequacy}`) into a list of entries, in file order.
template <class V>
class JurisdictionMapFrame final : public Frame {
 public:
  using List = std::vector<ForJurisdiction<V>>;
  JurisdictionMapFrame(List& target, const ScalarRule<std::string>& key_rule, const ScalarRule<V>& value_rule,
                       Slot slot)
      : target_(target), key_rule_(key_rule), value_rule_(value_rule), slot_(slot) {}

  void on_scalar(Diagnostics& d, const Scalar& s) override {
    if (expect_key_) {
      expect_key_ = false;
      key_ok_ = take_key(d, s);
      return;
    }
    expect_key_ = true;
    if (!key_ok_ || s.style == ScalarStyle::Alias) return;
    Scalar value = s;
    if (value.style == ScalarStyle::Null) value.loc = key_.loc;
    if (auto v = value_rule_.parse(d, value, Slot{slot_.key, key_.loc})) {
      target_.push_back({key_, Located<V>(std::move(*v), value.loc)});
    }
  }

  FramePtr on_open(Diagnostics& d, const Collection& c) override {
    if (expect_key_) {
      d.error(c.loc, "a key of '" + std::string(slot_.key) + "' must be a jurisdiction, not " + describe(c));
    } else if (key_ok_) {
      d.error(c.loc, "each value of '" + std::string(slot_.key) + "' must be " + value_rule_.expected + ", got " +
                         describe(c));
    }
    expect_key_ = !expect_key_;
    key_ok_ = false;
    return make_skip_frame();
  }

 private:
  bool take_key(Diagnostics& d, const Scalar& key) {
    if (key.style == ScalarStyle::Alias) return false;
    auto code = key_rule_.parse(d, key, slot_);
    if (!code) return false;
    for (const ForJurisdiction<V>& e : target_) {
      if (e.jurisdiction.value != *code) continue;
      d.error(key.loc,
              "duplicate key " + quote(*code) + " in '" + std::string(slot_.key) + "'; the first is at line " +
                  std::to_string(e.jurisdiction.loc.line) + " and YAML readers disagree on which one wins",
              key.length);
      return false;
    }
    key_ = Located<std::string>(std::move(*code), key.loc);
    return true;
  }

  List& target_;
  const ScalarRule<std::string>& key_rule_;
  const ScalarRule<V>& value_rule_;
  Slot slot_;
  Located<std::string> key_;
  bool expect_key_ = true;
  bool key_ok_ = false;
};

/// A map from jurisdictions (read with `key_rule`) to values read with `value_rule`.
template <class T, class V>
ValueReader<T> jurisdiction_map_field(std::vector<ForJurisdiction<V>> T::*member, ScalarRule<std::string> key_rule,
                                      ScalarRule<V> value_rule) {
  auto rules = std::make_shared<std::pair<ScalarRule<std::string>, ScalarRule<V>>>(std::move(key_rule),
                                                                                   std::move(value_rule));
  ValueReader<T> r;
  r.expected = "a map from jurisdictions to " + rules->second.expected;
  r.open = [member, rules, expected = r.expected](Diagnostics& d, T& t, const Collection& c,
                                                  const Slot& slot) -> FramePtr {
    if (!c.is_map) {
      d.error(c.loc, type_error(slot.key, expected, describe(c)));
      return make_skip_frame();
    }
    return std::make_unique<JurisdictionMapFrame<V>>(t.*member, rules->first, rules->second, slot);
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
