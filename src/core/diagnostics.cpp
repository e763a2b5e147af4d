// Collection and ordering of diagnostics.
#include "sovaudit/diagnostics.hpp"

#include <algorithm>

namespace sovaudit {

std::string_view to_string(DiagSeverity s) {
  switch (s) {
    case DiagSeverity::Error:
      return "error";
    case DiagSeverity::Warning:
      return "warning";
    case DiagSeverity::Note:
      break;
  }
  return "note";
}


void Diagnostics::error(SourceLoc loc, std::string message, std::uint32_t length) {
  items_.push_back({DiagSeverity::Error, loc, length, std::move(message)});
  ++errors_;
}

void Diagnostics::warning(SourceLoc loc, std::string message, std::uint32_t length) {
  items_.push_back({DiagSeverity::Warning, loc, length, std::move(message)});
  ++warnings_;
}

void Diagnostics::note(SourceLoc loc, std::string message, std::uint32_t length) {
  items_.push_back({DiagSeverity::Note, loc, length, std::move(message)});
}

void Diagnostics::append(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
  errors_ += other.errors_;
  warnings_ += other.warnings_;
}

std::vector<Diagnostic> Diagnostics::sorted() const {
  // Group each diagnostic with the notes that follow it, then order the groups by the
  // location of their head; whole-file problems (no location) come first.
  struct Group {
    std::size_t first;
    std::size_t count;
  };
  std::vector<Group> groups;
  for (std::size_t i = 0; i < items_.size(); ++i) {
    if (items_[i].severity == DiagSeverity::Note && !groups.empty()) {
      ++groups.back().count;
    } else {
      groups.push_back({i, 1});
    }
  }
  std::stable_sort(groups.begin(), groups.end(), [this](const Group& a, const Group& b) {
    return items_[a.first].loc < items_[b.first].loc;
  });
  std::vector<Diagnostic> out;
  out.reserve(items_.size());
  for (const Group& g : groups) {
    for (std::size_t i = 0; i < g.count; ++i) out.push_back(items_[g.first + i]);
  }
  return out;
}

}  // namespace sovaudit
