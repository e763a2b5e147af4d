// Character columns of the places a report names, found in one pass over the inventory's text.
#include "sovaudit/column_index.hpp"

#include <algorithm>

#include "sovaudit/text.hpp"

namespace sovaudit {

namespace {

/// `rest` up to its first newline, without a carriage return before it.
std::string_view first_line(std::string_view rest) {
  std::string_view line = rest.substr(0, std::min(rest.find('\n'), rest.size()));
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

/// A mapped text's pages are given back in steps of this many bytes as the pass moves on.
constexpr std::size_t kReleaseStep = std::size_t{1} << 20;

}  // namespace

std::uint32_t character_column_at(std::string_view rest, SourceLoc loc) {
  return static_cast<std::uint32_t>(count_code_points(rest, loc.column - 1) + 1);
}

SourceLoc token_end_at(std::string_view rest, SourceLoc loc) {
  if (loc.column == 0) return SourceLoc{loc.line, loc.column + 1};
  const std::string_view line = first_line(rest);
  const std::size_t i = loc.column - 1;
  if (i >= line.size()) return SourceLoc{loc.line, loc.column + 1};
  std::size_t end = i;
  const char first = line[i];
  if (first == '"' || first == '\'') {
    for (end = i + 1; end < line.size(); ++end) {
      if (first == '"' && line[end] == '\\') {
        ++end;
        continue;
      }
      if (line[end] != first) continue;
      if (first == '\'' && end + 1 < line.size() && line[end + 1] == '\'') {
        ++end;
        continue;
      }
      ++end;
      break;
    }
  } else if (first == '{' || first == '[') {
    int depth = 0;
    for (end = i; end < line.size(); ++end) {
      if (line[end] == '{' || line[end] == '[') ++depth;
      if ((line[end] == '}' || line[end] == ']') && --depth == 0) {
        ++end;
        break;
      }
    }
  } else {
    for (end = i; end < line.size(); ++end) {
      const char c = line[end];
      const bool spaced = end + 1 >= line.size() || line[end + 1] == ' ';
      if (c == ',' || c == ']' || c == '}' || (c == ':' && spaced) || (c == '#' && end > i && line[end - 1] == ' ')) break;
    }
    while (end > i && line[end - 1] == ' ') --end;
  }
  end = std::min(end, line.size());
  if (end <= i) end = i + 1;
  return SourceLoc{loc.line, static_cast<std::uint32_t>(end + 1)};
}

ColumnIndex ColumnIndex::of(const SourceText& text, std::vector<SourceLoc> places) {
  std::sort(places.begin(), places.end());
  places.erase(std::unique(places.begin(), places.end()), places.end());
  ColumnIndex index;
  index.places_.reserve(places.size());
  const std::string_view all = text.view();
  std::uint32_t line = 1;     // the line that starts at `start`
  std::size_t start = 0;
  std::size_t released = 0;   // bytes before this are given back
  for (const SourceLoc place : places) {
    if (place.line == 0 || place.column == 0) continue;
    while (line < place.line) {
      const std::size_t newline = all.find('\n', start);
      if (newline == std::string_view::npos) break;
      start = newline + 1;
      ++line;
    }
    if (line < place.line) break;  // past the last line: so is every place after it
    if (start - released >= kReleaseStep) {
      text.release_pages(released, start);
      released = start;
    }
    const std::string_view rest = all.substr(start);
    const SourceLoc end = token_end_at(rest, place);
    index.places_.push_back(PlaceColumns{place, character_column_at(rest, place), end, character_column_at(rest, end)});
  }
  text.release_pages(0, all.size());
  return index;
}

const PlaceColumns* ColumnIndex::find(SourceLoc place) const {
  const auto at = std::lower_bound(places_.begin(), places_.end(), place,
                                   [](const PlaceColumns& p, SourceLoc wanted) { return p.place < wanted; });
  return at != places_.end() && at->place == place ? &*at : nullptr;
}

std::vector<SourceLoc> places_of(const std::vector<Finding>& findings) {
  std::vector<SourceLoc> places{SourceLoc{1, 1}};
  places.reserve(findings.size() + 1);
  for (const Finding& f : findings) {
    if (f.loc.known()) places.push_back(f.loc);
    for (const RelatedLocation& rel : f.related) {
      if (rel.artifact.empty() && rel.loc.known()) places.push_back(rel.loc);
    }
  }
  return places;
}

}  // namespace sovaudit
