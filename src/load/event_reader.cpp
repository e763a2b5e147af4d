// The only place that sees yaml-cpp: its event stream drives the schema frames straight into the
// model, so no node tree is ever built.
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <cstdio>
#include <istream>
#include <streambuf>

#include "frames.hpp"
#include "pieces.hpp"
#include "prescan.hpp"
#include "schema.hpp"
#include "sovaudit/loader.hpp"
#include "sovaudit/text.hpp"

namespace sovaudit {
namespace load {
namespace {

/// yaml-cpp 0.7 writes the YAML escapes \N and \_ (U+0085, U+00A0) as the single bytes 0x85 and
/// 0xA0, not as UTF-8: a reader of YAML 1.2 sees the character, sovaudit saw invalid bytes that
/// reached the reports raw. The file itself was valid UTF-8, so those are the only bytes a quoted
/// scalar can hold out of place; each gets its lead byte back in `fixed` (left empty when nothing
/// needed it). Returns false when anything else is invalid. Linear: each byte is scanned once.
bool repair_yaml_cpp_escapes(const std::string& value, std::string& fixed) {
  std::optional<std::size_t> bad = first_invalid_utf8(value);
  if (!bad) return true;
  fixed.reserve(value.size() + 16);
  std::size_t from = 0;
  while (bad) {
    const std::size_t at = from + *bad;
    const auto byte = static_cast<unsigned char>(value[at]);
    if (byte != 0x85 && byte != 0xA0) return false;
    fixed.append(value, from, at - from);
    fixed += '\xC2';
    fixed += static_cast<char>(byte);
    from = at + 1;
    bad = first_invalid_utf8(std::string_view(value).substr(from));
  }
  fixed.append(value, from, std::string::npos);
  return true;
}

/// Thrown by the handler to stop yaml-cpp early (a second document, a limit); never leaves this file.
struct StopParsing {};

/// A read-only stream over the source text, so yaml-cpp reads it without a copy: one view, or a
/// short first line followed by a piece of the file (parse_piece).
class ViewStreamBuf final : public std::streambuf {
 public:
  explicit ViewStreamBuf(std::string_view text, std::string_view then = {}) : then_(then) { show(text); }

 protected:
  int_type underflow() override {
    if (then_.empty()) return traits_type::eof();
    show(then_);
    then_ = {};
    return traits_type::to_int_type(*gptr());
  }

 private:
  void show(std::string_view text) {
    char* begin = const_cast<char*>(text.data());  // NOLINT: get area is never written through
    setg(begin, begin, begin + text.size());
  }
  std::string_view then_;
};

SourceLoc to_loc(const YAML::Mark& mark) {
  if (mark.is_null() || mark.line < 0 || mark.column < 0) return {};
  return {static_cast<std::uint32_t>(mark.line) + 1, static_cast<std::uint32_t>(mark.column) + 1};
}

/// Where the stream yaml-cpp reads sits in the file: its marks count from the stream's start.
struct StreamPlace {
  std::string_view text;             ///< the file up to the stream's end (quotes must close before it)
  std::int64_t pos_shift = 0;        ///< file offset = mark.pos + pos_shift
  std::uint32_t first_line = 1;      ///< the file's 1-based line of the stream's line 0
  bool at_file_start = true;         ///< the stream starts where the file does (a byte order mark)
};

class SkipFrame final : public Frame {
 public:
  void on_scalar(Diagnostics&, const Scalar&) override {}
  FramePtr on_open(Diagnostics&, const Collection&) override { return std::make_unique<SkipFrame>(); }
};

/// Receives yaml-cpp's events and hands them to the frame on top of the stack.
class EventReader final : public YAML::EventHandler {
 public:
  EventReader(StreamPlace place, Inventory& target, Diagnostics& diags, const LoadLimits& limits,
              bool whole_document = true)
      : place_(place), text_(place.text), diags_(diags), limits_(limits), record_shape_(!whole_document) {
    stack_.push_back(make_root_frame(target, whole_document));
  }

  /// The top-level keys as read, in order, with their file lines (recorded for a piece only).
  [[nodiscard]] const std::vector<std::pair<std::string, std::uint32_t>>& top_level_keys() const { return keys_; }
  /// Where the first collection inside a top-level value opens (recorded for a piece only).
  [[nodiscard]] SourceLoc first_nested() const { return first_nested_; }

  /// A mark as a place in the file.
  [[nodiscard]] SourceLoc to_file_loc(const YAML::Mark& mark) const {
    SourceLoc loc = to_loc(mark);
    if (loc.known()) loc.line += place_.first_line - 1;
    return loc;
  }

  void OnDocumentStart(const YAML::Mark& mark) override {
    if (++documents_ > 1) {
      diags_.error(to_file_loc(mark), "a second YAML document starts here; an inventory is a single document", 3);
      throw StopParsing{};
    }
  }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t) override {
    count_entry(mark);
    stack_.back()->on_scalar(diags_, Scalar{{}, to_file_loc(mark), 1, ScalarStyle::Null});
    stop_after_too_many_errors();
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override {
    // One error per kind is enough; an alias bomb would otherwise bury everything else.
    if (aliases_.count++ == 0) {
      aliases_.first = to_file_loc(mark);
      diags_.error(aliases_.first, "aliases are not allowed in an inventory; write the value out in full");
    }
    count_entry(mark);
    stack_.back()->on_scalar(diags_, Scalar{{}, to_file_loc(mark), 1, ScalarStyle::Alias});
  }

  void OnAnchor(const YAML::Mark& mark, const std::string& name) override {
    if (anchors_.count++ == 0) {
      anchors_.first = to_file_loc(mark);
      diags_.error(anchors_.first,
                   "anchors are not allowed in an inventory (aliases can make a small file expand without bound)",
                   static_cast<std::uint32_t>(name.size() + 1));
    }
  }

  /// Adds a note for the anchors and aliases that were refused but not reported one by one.
  void report_repeats() {
    auto note = [this](const Repeats& r, std::string_view what) {
      if (r.count > 1) {
        diags_.note(r.first, std::to_string(r.count - 1) + " more " + std::string(what) +
                                 " in this file are refused too");
      }
    };
    note(anchors_, "anchors");
    note(aliases_, "aliases");
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t,
                const std::string& raw_value) override {
    check_tag(mark, tag);
    if (record_shape_ && levels_.size() == 1 && levels_[0].is_map && levels_[0].children % 2 == 0) {
      keys_.emplace_back(raw_value, to_file_loc(mark).line);
    }
    count_entry(mark);
    if (raw_value.size() > limits_.max_string_bytes) {
      diags_.error(to_file_loc(mark), "a text of " + std::to_string(raw_value.size()) + " bytes is longer than the limit of " +
                                     std::to_string(limits_.max_string_bytes) +
                                     " bytes (raise it with --max-string-length)");
      // Consumed like a refused alias: the field stays unset without a second error.
      stack_.back()->on_scalar(diags_, Scalar{{}, to_file_loc(mark), 1, ScalarStyle::Alias});
      stop_after_too_many_errors();
      return;
    }
    const ScalarStyle style = tag == "?" ? ScalarStyle::Plain : ScalarStyle::Quoted;
    if (style == ScalarStyle::Quoted && !closing_quote_found(mark)) {
      diags_.error(to_file_loc(mark),
                   "the closing quote is missing, so the rest of the file would be read as this text");
      throw StopParsing{};
    }
    std::string repaired;
    if (style == ScalarStyle::Quoted && !repair_yaml_cpp_escapes(raw_value, repaired)) {
      diags_.error(to_file_loc(mark), "this text is not valid UTF-8 once its escapes are read");
      stack_.back()->on_scalar(diags_, Scalar{{}, to_file_loc(mark), 1, ScalarStyle::Alias});
      stop_after_too_many_errors();
      return;
    }
    const std::string& value = repaired.empty() ? raw_value : repaired;
    const std::size_t line_end = value.find('\n');
    std::size_t length = count_code_points(value, line_end == std::string::npos ? value.size() : line_end);
    if (style == ScalarStyle::Quoted) length += 2;
    stack_.back()->on_scalar(
        diags_, Scalar{value, to_file_loc(mark), static_cast<std::uint32_t>(length == 0 ? 1 : length), style});
    stop_after_too_many_errors();
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {
    open(mark, tag, false);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {
    open(mark, tag, true);
  }
  void OnMapEnd() override { close(); }

  /// Number of documents seen so far.
  [[nodiscard]] int documents() const { return documents_; }

 private:
  void check_tag(const YAML::Mark& mark, const std::string& tag) {
    if (tag != "?" && tag != "!" && !tag.empty()) {
      diags_.error(to_file_loc(mark), "YAML tags such as " + quote(tag) + " are not allowed in an inventory");
    }
  }

  /// yaml-cpp 0.7 accepts a quoted scalar that runs to the end of the input; look for its end.
  [[nodiscard]] bool closing_quote_found(const YAML::Mark& mark) const {
    if (mark.pos < 0 || mark.pos + place_.pos_shift < 0) return true;
    std::size_t i = static_cast<std::size_t>(mark.pos + place_.pos_shift);
    // The stream skips a leading byte order mark, so its positions are three bytes short.
    if (place_.at_file_start && text_.starts_with("\xEF\xBB\xBF")) i += 3;
    if (i >= text_.size()) return true;
    const char quote = text_[i];
    if (quote != '"' && quote != '\'') return true;  // a block scalar (| or >)
    for (++i; i < text_.size(); ++i) {
      if (quote == '"' && text_[i] == '\\') {
        ++i;
      } else if (text_[i] == quote) {
        if (quote == '\'' && i + 1 < text_.size() && text_[i + 1] == '\'') {
          ++i;  // '' is an escaped quote
        } else {
          return true;
        }
      }
    }
    return false;
  }

  /// Counts one entry of the collection on top; stops reading past --max-entries.
  void count_entry(const YAML::Mark& mark) {
    if (levels_.empty()) return;
    Level& level = levels_.back();
    const std::uint64_t entries = level.is_map ? (++level.children + 1) / 2 : ++level.children;
    if (entries > limits_.max_entries) {
      diags_.error(to_file_loc(mark), std::string(level.is_map ? "a map has more than " : "a list has more than ") +
                                     std::to_string(limits_.max_entries) +
                                     " entries (raise the limit with --max-entries)");
      throw StopParsing{};
    }
  }

  /// Stops reading once --max-errors errors are reported: past that, more add noise, not help.
  void stop_after_too_many_errors() {
    if (diags_.error_count() < limits_.max_errors) return;
    diags_.note({}, "stopped reading after " + std::to_string(limits_.max_errors) + " errors");
    throw StopParsing{};
  }

  void open(const YAML::Mark& mark, const std::string& tag, bool is_map) {
    check_tag(mark, tag);
    if (record_shape_ && levels_.size() == 2 && !first_nested_.known()) first_nested_ = to_file_loc(mark);
    count_entry(mark);
    // The root frame is not a collection: the stack holds depth + 1 frames.
    if (stack_.size() > limits_.max_depth) {
      diags_.error(to_file_loc(mark), "nesting is deeper than " + std::to_string(limits_.max_depth) +
                                     " levels; no inventory needs that (raise the limit with --max-depth)");
      throw StopParsing{};
    }
    // Two collections opening at one place is yaml-cpp reading `[{k: v}: x]`, a map as the key of
    // a one-pair map. It also reads a flow map whose quote never closes that way, before the
    // quote is seen: what the frames say about the key waits until the collection closes, so
    // that a missing quote reports only itself.
    const bool lookahead_key = !levels_.empty() && levels_.back().pos == mark.pos && levels_.back().children == 1;
    Level level{is_map, 0, mark.pos, {}};
    FramePtr next = stack_.back()->on_open(lookahead_key ? level.held : diags_, Collection{is_map, to_file_loc(mark)});
    stack_.push_back(std::move(next));
    levels_.push_back(std::move(level));
    stop_after_too_many_errors();
  }

  void close() {
    diags_.append(levels_.back().held);
    stack_.back()->on_close(diags_);
    stack_.pop_back();
    levels_.pop_back();
    stop_after_too_many_errors();
  }

  struct Repeats {
    std::size_t count = 0;
    SourceLoc first;
  };
  /// Entries seen so far in one open collection (keys and values both count in a map).
  struct Level {
    bool is_map = false;
    std::uint64_t children = 0;
    int pos = -1;           // byte offset of the collection's start
    Diagnostics held;       // what its opening said, reported when it closes
  };

  StreamPlace place_;
  std::string_view text_;
  Diagnostics& diags_;
  const LoadLimits& limits_;
  bool record_shape_;
  std::vector<std::pair<std::string, std::uint32_t>> keys_;
  SourceLoc first_nested_;
  std::vector<FramePtr> stack_;
  std::vector<Level> levels_;
  int documents_ = 0;
  Repeats anchors_, aliases_;
};

/// A hint when the line of a syntax error is indented with a tab, which YAML forbids.
std::string tab_hint(std::string_view text, SourceLoc where) {
  if (!where.known()) return {};
  std::size_t start = 0;
  for (std::uint32_t line = 1; line < where.line && start != std::string_view::npos; ++line) {
    start = text.find('\n', start);
    if (start != std::string_view::npos) ++start;
  }
  if (start == std::string_view::npos) return {};
  for (std::size_t i = start; i < text.size() && (text[i] == ' ' || text[i] == '\t'); ++i) {
    if (text[i] == '\t') return " (the line is indented with a tab; YAML indentation must use spaces)";
  }
  return {};
}

}  // namespace

std::string describe(const Scalar& s) {
  switch (s.style) {
    case ScalarStyle::Null:
      return "nothing";
    case ScalarStyle::Alias:
      return "an alias";
    case ScalarStyle::Quoted:
      return "the text " + quote(s.text);
    case ScalarStyle::Plain:
      break;
  }
  return quote(s.text);
}

std::string describe(const Collection& c) { return c.is_map ? "a map" : "a list"; }

std::string type_error(std::string_view key, std::string_view expected, std::string_view got) {
  return "'" + std::string(key) + "' must be " + std::string(expected) + ", got " + std::string(got);
}

void report_unknown_key(Diagnostics& diags, const Scalar& key, std::string_view what,
                        const std::vector<std::string_view>& known) {
  std::string message = "unknown key " + quote(key.text) + " in " + std::string(what);
  if (auto hint = closest_match(key.text, known)) {
    message += did_you_mean(hint);
  } else {
    message += "; expected one of ";
    for (std::size_t i = 0; i < known.size(); ++i) {
      if (i) message += ", ";
      message += known[i];
    }
  }
  diags.error(key.loc, message, key.length);
}

FramePtr make_skip_frame() { return std::make_unique<SkipFrame>(); }

}  // namespace load

namespace load {

PieceResult parse_piece(std::string_view text, std::size_t begin, std::size_t end, std::string_view list_key,
                        std::uint32_t first_line, const LoadLimits& limits) {
  PieceResult result;
  // A piece after the first is read behind its list's key line, so it is a document of its own.
  const std::string key_line = list_key.empty() ? std::string() : std::string(list_key) + ":\n";
  const std::string_view body = text.substr(begin, end - begin);
  ViewStreamBuf buffer(key_line.empty() ? body : std::string_view(key_line),
                       key_line.empty() ? std::string_view() : body);
  std::istream stream(&buffer);
  const StreamPlace place{text.substr(0, end), static_cast<std::int64_t>(begin) - static_cast<std::int64_t>(key_line.size()),
                          key_line.empty() ? 1 : first_line - 1, begin == 0};
  EventReader reader(place, result.inventory, result.diagnostics, limits, false);
  try {
    YAML::Parser parser(stream);
    result.complete = parser.HandleNextDocument(reader) && !parser.HandleNextDocument(reader) &&
                      reader.documents() == 1;
  } catch (...) {
    // Whatever stopped this piece, the whole file is read again in one piece and says it.
    result.complete = false;
  }
  result.keys = reader.top_level_keys();
  result.first_nested = reader.first_nested();
  return result;
}

}  // namespace load

ParseResult parse_inventory(const SourceFile& source, const LoadLimits& limits, const ParseOptions& options) {
  ParseResult result;
  result.inventory.path = source.path;
  if (!load::prescan(source.text, limits, result.diagnostics)) return result;
  if (std::optional<ParseResult> split = load::parse_in_pieces(source, limits, options)) return std::move(*split);

  load::ViewStreamBuf buffer(source.text);
  std::istream stream(&buffer);
  load::EventReader reader(load::StreamPlace{source.text}, result.inventory, result.diagnostics, limits);
  try {
    YAML::Parser parser(stream);
    if (parser.HandleNextDocument(reader)) {
      result.complete = true;
      // yaml-cpp would silently ignore the rest; the handler reports a second document and stops.
      parser.HandleNextDocument(reader);
    }
    if (reader.documents() == 0) {
      result.complete = false;
      result.diagnostics.error(SourceLoc{1, 1},
                               "the inventory is empty; it needs at least 'sovaudit: 1' and an 'organization'");
    }
  } catch (const load::StopParsing&) {
    // Reported by the handler. A second document leaves the first one complete.
  } catch (const YAML::ParserException& e) {
    result.complete = false;
    const SourceLoc where = load::to_loc(e.mark);
    result.diagnostics.error(where, "syntax error: " + e.msg + load::tab_hint(source.text, where));
  } catch (const YAML::Exception& e) {
    result.complete = false;
    result.diagnostics.error(load::to_loc(e.mark), "syntax error: " + e.msg);
  } catch (const std::exception& e) {
    result.complete = false;
    result.internal_failure = true;
    result.diagnostics.error({}, std::string("internal error while reading the inventory: ") + e.what());
  }
  reader.report_repeats();
  // Lists grew by doubling; on a large inventory the spare capacity is megabytes that every later
  // stage would carry to the end of the run. A file refused half-way goes no further, so copying
  // its lists would only raise the peak.
  if (!result.complete || result.diagnostics.has_errors()) return result;
  Inventory& inventory = result.inventory;
  load::shrink_entry_lists(inventory);
  return result;
}

}  // namespace sovaudit
