// Internal to the loader: frames that turn YAML events into model fields, driven by schema tables.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sovaudit/diagnostics.hpp"
#include "sovaudit/source.hpp"
#include "sovaudit/suggest.hpp"
#include "sovaudit/text.hpp"

namespace sovaudit::load {

/// How a scalar was written: plain, quoted (or block), YAML null, or an alias (already refused).
enum class ScalarStyle : unsigned char { Plain, Quoted, Null, Alias };

/// One scalar event.
struct Scalar {
  std::string_view text;
  SourceLoc loc;
  std::uint32_t length = 1;
  ScalarStyle style = ScalarStyle::Plain;
};

/// The start of a map or list.
struct Collection {
  bool is_map = false;
  SourceLoc loc;
};

/// The key a value is being read for, used to name it in messages.
struct Slot {
  std::string_view key;
  SourceLoc key_loc;
};

/// How a value that arrived is described in "got ..." messages.
std::string describe(const Scalar& s);
/// "a map" or "a list".
std::string describe(const Collection& c);

class Frame;
using FramePtr = std::unique_ptr<Frame>;

/// Consumes the events inside one collection (or the document root).
class Frame {
 public:
  virtual ~Frame() = default;
  /// A scalar arrived at this frame's current position.
  virtual void on_scalar(Diagnostics& diags, const Scalar& s) = 0;
  /// A collection starts at this frame's current position; returns the frame that reads it.
  virtual FramePtr on_open(Diagnostics& diags, const Collection& c) = 0;
  /// This frame's collection ended.
  virtual void on_close(Diagnostics& /*diags*/) {}
};

/// A frame that silently consumes a whole subtree (already reported or deliberately ignored).
FramePtr make_skip_frame();

/// How to read one value into a `T`: from a scalar, from a collection, or both.
template <class T>
struct ValueReader {
  std::string expected;  ///< e.g. "a number from 0 to 1", for "must be ..." messages
  std::function<void(Diagnostics&, T&, const Scalar&, const Slot&)> scalar;
  std::function<FramePtr(Diagnostics&, T&, const Collection&, const Slot&)> open;
};

/// One key of a map schema.
template <class T>
struct FieldSpec {
  std::string_view key;
  bool required = false;
  ValueReader<T> read;
};

/// The keys a map may hold, how to read each, and checks across keys once the map ends.
template <class T>
struct MapSchema {
  std::string_view what;  ///< the entity's name in messages: "provider", "upstream entry"
  std::vector<FieldSpec<T>> fields;
  std::function<void(Diagnostics&, T&, SourceLoc)> finish;
  /// The keys in declaration order, for suggestions.
  [[nodiscard]] std::vector<std::string_view> keys() const {
    std::vector<std::string_view> out;
    for (const auto& f : fields) out.push_back(f.key);
    return out;
  }
};

/// "'key' must be EXPECTED, got WHAT".
std::string type_error(std::string_view key, std::string_view expected, std::string_view got);

/// Reports an unknown key with a suggestion or the list of known keys.
void report_unknown_key(Diagnostics& diags, const Scalar& key, std::string_view what,
                        const std::vector<std::string_view>& known);

/// Reads a map whose keys are given by a schema into `target`.
template <class T>
class MapFrame final : public Frame {
 public:
  MapFrame(const MapSchema<T>& schema, T& target, SourceLoc loc)
      : schema_(schema), target_(target), loc_(loc), seen_(schema.fields.size()) {}

  void on_scalar(Diagnostics& diags, const Scalar& s) override {
    if (expect_key_) {
      take_key(diags, s);
      return;
    }
    expect_key_ = true;
    if (current_ < 0 || s.style == ScalarStyle::Alias) return;
    const FieldSpec<T>& field = schema_.fields[static_cast<std::size_t>(current_)];
    Scalar value = s;
    // yaml-cpp marks an empty value at the next token; the key is where the reader looks.
    if (value.style == ScalarStyle::Null) {
      value.loc = key_.loc;
      value.length = key_.length;
    }
    if (field.read.scalar) {
      field.read.scalar(diags, target_, value, Slot{field.key, key_.loc});
    } else {
      diags.error(value.loc, type_error(field.key, field.read.expected, describe(value)), value.length);
    }
  }

  FramePtr on_open(Diagnostics& diags, const Collection& c) override {
    if (expect_key_) {
      diags.error(c.loc, "a key must be a single word, not " + describe(c));
      expect_key_ = false;
      current_ = -1;
      return make_skip_frame();
    }
    expect_key_ = true;
    if (current_ < 0) return make_skip_frame();
    const FieldSpec<T>& field = schema_.fields[static_cast<std::size_t>(current_)];
    if (field.read.open) return field.read.open(diags, target_, c, Slot{field.key, key_.loc});
    diags.error(c.loc, type_error(field.key, field.read.expected, describe(c)));
    return make_skip_frame();
  }

  void on_close(Diagnostics& diags) override {
    for (std::size_t i = 0; i < schema_.fields.size(); ++i) {
      if (schema_.fields[i].required && !seen_[i].known()) {
        diags.error(loc_, std::string(schema_.what) + name_suffix() + " is missing required key '" +
                              std::string(schema_.fields[i].key) + "'");
      }
    }
    if (schema_.finish) schema_.finish(diags, target_, loc_);
  }

 private:
  std::string name_suffix() const {
    if constexpr (requires { target_.id.value; }) {
      if (target_.id.present) return " " + quote(target_.id.value);
    }
    return {};
  }

  void take_key(Diagnostics& diags, const Scalar& key) {
    expect_key_ = false;
    current_ = -1;
    key_ = key;
    if (key.style == ScalarStyle::Alias) return;
    if (key.style == ScalarStyle::Null) {
      diags.error(key.loc, "a key is empty");
      return;
    }
    for (std::size_t i = 0; i < schema_.fields.size(); ++i) {
      if (schema_.fields[i].key != key.text) continue;
      if (seen_[i].known()) {
        diags.error(key.loc,
                    "duplicate key " + quote(key.text) + " in " + std::string(schema_.what) + name_suffix() +
                        "; the first is at line " + std::to_string(seen_[i].line) +
                        " and YAML readers disagree on which one wins",
                    key.length);
        return;
      }
      seen_[i] = key.loc;
      current_ = static_cast<int>(i);
      return;
    }
    report_unknown_key(diags, key, std::string(schema_.what) + name_suffix(), schema_.keys());
  }

  const MapSchema<T>& schema_;
  T& target_;
  SourceLoc loc_;
  std::vector<SourceLoc> seen_;  // where each field's key was seen; unknown when not yet
  Scalar key_;
  int current_ = -1;
  bool expect_key_ = true;
};

/// Reads a list whose entries are each read by `item` into the container `target`.
template <class C>
class ListFrame final : public Frame {
 public:
  /// `min_entries` > 0 makes an empty list an error reported at `loc`.
  ListFrame(const ValueReader<C>& item, C& target, Slot slot, SourceLoc loc = {}, std::size_t min_entries = 0)
      : item_(item), target_(target), slot_(slot), loc_(loc), min_entries_(min_entries), size_before_(target.size()) {}

  void on_scalar(Diagnostics& diags, const Scalar& s) override {
    if (s.style == ScalarStyle::Alias) return;
    if (item_.scalar) {
      item_.scalar(diags, target_, s, slot_);
    } else {
      diags.error(s.loc, entry_error(describe(s)), s.length);
    }
  }

  FramePtr on_open(Diagnostics& diags, const Collection& c) override {
    if (item_.open) return item_.open(diags, target_, c, slot_);
    diags.error(c.loc, entry_error(describe(c)));
    return make_skip_frame();
  }

  void on_close(Diagnostics& diags) override {
    if (min_entries_ > 0 && target_.size() - size_before_ < min_entries_ && !entries_refused(diags)) {
      diags.error(loc_, "'" + std::string(slot_.key) + "' must list at least one entry, each " + item_.expected);
    }
  }

 private:
  // An entry that was refused already explains why the list looks short.
  bool entries_refused(const Diagnostics& diags) const { return diags.error_count() != errors_at_open_; }

  std::string entry_error(const std::string& got) const {
    return "each entry of '" + std::string(slot_.key) + "' must be " + item_.expected + ", got " + got;
  }

  const ValueReader<C>& item_;
  C& target_;
  Slot slot_;
  SourceLoc loc_;
  std::size_t min_entries_;
  std::size_t size_before_;
  std::size_t errors_at_open_ = 0;

 public:
  /// Remembers how many errors existed when the list opened (see entries_refused).
  void note_errors_at_open(std::size_t count) { errors_at_open_ = count; }
};

}  // namespace sovaudit::load
