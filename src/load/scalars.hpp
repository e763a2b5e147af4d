// Internal to the loader: strict typed readings of YAML scalars (YAML 1.2 core schema, stricter).
#pragma once

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "frames.hpp"
#include "sovaudit/dates.hpp"
#include "sovaudit/model.hpp"

namespace sovaudit::load {

/// A way to read one scalar as a `V`: it reports its own diagnostic and returns nothing on failure.
template <class V>
struct ScalarRule {
  std::string expected;
  std::function<std::optional<V>(Diagnostics&, const Scalar&, const Slot&)> parse;
};

/// Any non-empty text without control characters.
ScalarRule<std::string> text_rule();
/// An id or a reference to one: ASCII letters, digits, '-', '_' and '.', at most 128 characters.
ScalarRule<std::string> id_rule();
/// A number in [min, max] (or (min, max] when `min_exclusive`); NaN, Inf, octal-looking and
/// quoted numbers are refused.
/// `expected` replaces the generated "a number from MIN to MAX" in messages.
ScalarRule<double> number_rule(double min, double max, bool min_exclusive = false, std::string expected = {});
/// A whole number in [min, max].
ScalarRule<int> integer_rule(int min, int max);
/// `true` or `false` (also `True`, `TRUE`, `False`, `FALSE`); never `yes`, `no`, `on`, `off`.
ScalarRule<bool> bool_rule();
/// A calendar date written YYYY-MM-DD.
ScalarRule<Date> date_rule();
/// An ISO 3166-1 alpha-2 country code.
ScalarRule<std::string> country_rule();
/// A country code or a named group (EU, EEA).
ScalarRule<std::string> jurisdiction_rule();
/// An ISO 4217 currency code.
ScalarRule<std::string> currency_rule();
/// A package URL that names a package (pkg:TYPE/NAMESPACE/NAME, version optional).
ScalarRule<std::string> package_url_rule();
/// A host pattern (docs/inventory.md, `detect`): lower-case labels, '*.' for any subdomain.
ScalarRule<std::string> host_pattern_rule();
/// A sovaudit rule id: SOV- followed by upper-case words.
ScalarRule<std::string> rule_id_rule();

/// One of a closed list of spellings, mapped to the enum value of the same index.
template <class E>
ScalarRule<E> enum_rule();

/// Shared body of enum_rule: the index of `s.text` in `names`, or a diagnostic.
std::optional<std::size_t> parse_enum_index(Diagnostics& diags, const Scalar& s, const Slot& slot,
                                            std::span<const std::string_view> names);
/// "one of a, b, c".
std::string one_of(std::span<const std::string_view> names);

template <class E>
ScalarRule<E> enum_rule() {
  const auto names = enum_names<E>();
  return {one_of(names), [names](Diagnostics& d, const Scalar& s, const Slot& slot) -> std::optional<E> {
            if (auto index = parse_enum_index(d, s, slot, names)) return static_cast<E>(*index);
            return std::nullopt;
          }};
}

}  // namespace sovaudit::load
