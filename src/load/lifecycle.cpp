// Reads a --lifecycle file. Small and shared, so it is read as a yaml-cpp node tree after the same
// byte checks as an inventory (the pre-scan bounds flow nesting before yaml-cpp buffers it).
#include "sovaudit/lifecycle.hpp"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <sstream>
#include <unordered_map>

#include "prescan.hpp"
#include "sovaudit/suggest.hpp"
#include "sovaudit/text.hpp"

namespace sovaudit {
namespace {

SourceLoc place_of(const YAML::Mark& mark) {
  if (mark.line < 0 || mark.column < 0) return {};
  return SourceLoc{static_cast<std::uint32_t>(mark.line + 1), static_cast<std::uint32_t>(mark.column + 1)};
}

std::uint32_t width_of(const YAML::Node& node) {
  return node.IsScalar() ? static_cast<std::uint32_t>(std::max<std::size_t>(1, node.Scalar().size())) : 1;
}

/// A scalar value of `key` in an entry, or an error when it is a map or a list.
bool scalar_of(const YAML::Node& value, std::string_view key, const std::string& entry, Diagnostics& diags) {
  if (value.IsScalar()) return true;
  diags.error(place_of(value.Mark()), "lifecycle entry " + quote(entry) + ": '" + std::string(key) + "' must be a scalar");
  return false;
}

/// A first pass over the events, before any node is built: nesting within the depth limit, no
/// anchor or alias (as in inventories), one document. Stops at the first problem.
class Guard final : public YAML::EventHandler {
 public:
  struct Stop {
    SourceLoc loc;
    std::string message;
  };
  explicit Guard(std::uint32_t max_depth) : max_depth_(max_depth) {}
  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override { check_anchor(mark, anchor); }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override {
    throw Stop{place_of(mark), "aliases are not allowed in a lifecycle file; write the value out in full"};
  }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor, const std::string&) override {
    check_anchor(mark, anchor);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor, YAML::EmitterStyle::value) override {
    open(mark, anchor);
  }
  void OnSequenceEnd() override { --depth_; }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor, YAML::EmitterStyle::value) override {
    open(mark, anchor);
  }
  void OnMapEnd() override { --depth_; }

 private:
  void check_anchor(const YAML::Mark& mark, YAML::anchor_t anchor) {
    if (anchor != YAML::NullAnchor) throw Stop{place_of(mark), "anchors are not allowed in a lifecycle file"};
  }
  void open(const YAML::Mark& mark, YAML::anchor_t anchor) {
    check_anchor(mark, anchor);
    if (++depth_ > max_depth_) {
      throw Stop{place_of(mark), "the lifecycle file nests deeper than " + std::to_string(max_depth_) + " levels"};
    }
  }
  std::uint32_t max_depth_;
  std::uint32_t depth_ = 0;
};

void read_entry(const YAML::Node& key, const YAML::Node& value, const LoadLimits& limits,
                std::unordered_map<std::string, SourceLoc>& seen, Lifecycle& out, Diagnostics& diags) {
  LifecycleEntry entry;
  entry.name = Located<std::string>(key.Scalar(), place_of(key.Mark()));
  const std::string& name = entry.name.value;
  if (name.empty() || name.size() > limits.max_string_bytes || name.find('\0') != std::string::npos) {
    diags.error(entry.name.loc, "a lifecycle key must be a model name or a provider id of at most " +
                                    std::to_string(limits.max_string_bytes) + " bytes");
    return;
  }
  if (const auto [first, inserted] = seen.emplace(name, entry.name.loc); !inserted) {
    diags.error(entry.name.loc, "lifecycle names " + quote(name) + " twice", width_of(key));
    diags.note(first->second, "first given here", width_of(key));
    return;
  }
  if (!value.IsMap()) {
    diags.error(place_of(value.Mark()), "lifecycle entry " + quote(name) + " must be a map: {retires: YYYY-MM-DD, source: TEXT}",
                width_of(value));
    return;
  }
  bool whole = true;
  for (const auto& field : value) {
    const std::string k = field.first.IsScalar() ? field.first.Scalar() : std::string();
    const YAML::Node& v = field.second;
    if (k == "retires") {
      if (!scalar_of(v, k, name, diags)) {
        whole = false;
        continue;
      }
      const DateParse parsed = parse_iso_date(v.Scalar());
      if (!parsed.date) {
        std::string message = "lifecycle entry " + quote(name) + ": 'retires' must be a date written YYYY-MM-DD, got " +
                              quote(v.Scalar());
        if (parsed.problem != "expected YYYY-MM-DD") message += ": " + parsed.problem;
        diags.error(place_of(v.Mark()), message, width_of(v));
        whole = false;
        continue;
      }
      entry.retires = Located<Date>(*parsed.date, place_of(v.Mark()));
    } else if (k == "source") {
      if (!scalar_of(v, k, name, diags)) continue;
      if (v.Scalar().size() > limits.max_string_bytes || v.Scalar().find('\0') != std::string::npos) {
        diags.error(place_of(v.Mark()), "lifecycle entry " + quote(name) + ": 'source' must be a text without NUL of at most " + std::to_string(limits.max_string_bytes) + " bytes", width_of(v));
        continue;
      }
      entry.source = Located<std::string>(v.Scalar(), place_of(v.Mark()));
    } else {
      static const std::vector<std::string_view> kKeys{"retires", "source"};
      const std::string suggestion = did_you_mean(closest_match(k, kKeys));
      diags.error(place_of(field.first.Mark()),
                  "lifecycle entry " + quote(name) + " has unknown key " + quote(k) +
                      (suggestion.empty() ? std::string("; expected 'retires' and 'source'") : suggestion),
                  width_of(field.first));
      whole = false;
    }
  }
  if (!entry.retires.present) {
    if (whole) diags.error(entry.name.loc, "lifecycle entry " + quote(name) + " gives no 'retires' date", width_of(key));
    return;
  }
  out.entries.push_back(std::move(entry));
}

}  // namespace

Lifecycle parse_lifecycle(const SourceFile& source, const LoadLimits& limits, Diagnostics& diags) {
  Lifecycle out;
  out.path = source.path;
  const std::string_view text = source.text;
  if (!load::prescan(text, limits, diags)) return out;
  YAML::Node root;
  try {
    {
      std::istringstream events{std::string(text)};
      YAML::Parser parser(events);
      Guard guard(limits.max_depth);
      if (parser.HandleNextDocument(guard) && parser.HandleNextDocument(guard)) {
        diags.error({}, "a lifecycle file holds one YAML document");
        return out;
      }
    }
    root = YAML::Load(std::string(text));
  } catch (const Guard::Stop& stop) {
    diags.error(stop.loc, stop.message);
    return out;
  } catch (const YAML::Exception& e) {
    diags.error(place_of(e.mark), "the lifecycle file is not valid YAML: " + e.msg);
    return out;
  } catch (const std::exception& e) {
    diags.error({}, std::string("the lifecycle file cannot be read: ") + e.what());
    return out;
  }
  if (!root || root.IsNull()) return out;  // an empty file knows no dates
  if (!root.IsMap()) {
    diags.error(place_of(root.Mark()), "a lifecycle file is a map of model names or provider ids to {retires: YYYY-MM-DD, source: TEXT}");
    return out;
  }
  if (root.size() > limits.max_entries) {
    diags.error(place_of(root.Mark()), "the lifecycle file has " + std::to_string(root.size()) + " entries; the limit is " +
                                           std::to_string(limits.max_entries));
    return out;
  }
  std::unordered_map<std::string, SourceLoc> seen;
  for (const auto& item : root) {
    if (!item.first.IsScalar()) {
      diags.error(place_of(item.first.Mark()), "a lifecycle key must be a model name or a provider id");
      continue;
    }
    read_entry(item.first, item.second, limits, seen, out, diags);
  }
  out.by_name.resize(out.entries.size());
  for (std::size_t i = 0; i < out.by_name.size(); ++i) out.by_name[i] = i;
  std::sort(out.by_name.begin(), out.by_name.end(),
            [&](std::size_t a, std::size_t b) { return out.entries[a].name.value < out.entries[b].name.value; });
  return out;
}

}  // namespace sovaudit
