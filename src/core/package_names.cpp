// Package URLs and host patterns: how an SBOM's components and endpoints are compared with the catalogue.
#include <algorithm>
#include <cctype>

#include "sovaudit/catalogue.hpp"

namespace sovaudit {
namespace {

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

std::string lowered(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), lower);
  return out;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = lower(c);
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

/// Percent-decoding of one purl segment; nothing when an escape is malformed.
std::optional<std::string> decoded(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    if (i + 2 >= text.size()) return std::nullopt;
    const int high = hex_digit(text[i + 1]), low = hex_digit(text[i + 2]);
    if (high < 0 || low < 0) return std::nullopt;
    out += static_cast<char>(high * 16 + low);
    i += 2;
  }
  return out;
}

/// A Go module path without its major-version suffix: ".../weaviate-go-client/v4" names the same
/// client as ".../weaviate-go-client".
std::string without_major_version(std::string path) {
  const std::size_t slash = path.find_last_of('/');
  if (slash == std::string::npos || slash + 2 > path.size() || path[slash + 1] != 'v') return path;
  const std::string_view digits = std::string_view(path).substr(slash + 2);
  if (digits.empty() || !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) return path;
  path.resize(slash);
  return path;
}

/// Matches one DNS label against a label pattern holding at most one '*' (one or more characters).
bool label_matches(std::string_view pattern, std::string_view label) {
  const std::size_t star = pattern.find('*');
  if (star == std::string_view::npos) return pattern == label;
  const std::string_view prefix = pattern.substr(0, star), suffix = pattern.substr(star + 1);
  return label.size() > prefix.size() + suffix.size() && label.starts_with(prefix) && label.ends_with(suffix);
}

std::vector<std::string_view> labels_of(std::string_view host) {
  std::vector<std::string_view> labels;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = host.find('.', start);
    labels.push_back(host.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
    if (dot == std::string_view::npos) return labels;
    start = dot + 1;
  }
}

}  // namespace

std::optional<PackageName> parse_purl(std::string_view purl) {
  if (purl.size() > 2048 || !purl.starts_with("pkg:")) return std::nullopt;
  std::string_view rest = purl.substr(4);
  while (rest.starts_with('/')) rest.remove_prefix(1);  // "pkg://npm/x" is tolerated by the spec
  // Subpath, qualifiers and version carry nothing that names the package.
  if (const std::size_t hash = rest.find('#'); hash != std::string_view::npos) rest = rest.substr(0, hash);
  if (const std::size_t question = rest.find('?'); question != std::string_view::npos) rest = rest.substr(0, question);
  const std::size_t slash = rest.find('/');
  if (slash == std::string_view::npos || slash == 0) return std::nullopt;
  PackageName package;
  package.type = lowered(rest.substr(0, slash));
  std::string_view path = rest.substr(slash + 1);
  if (const std::size_t at = path.rfind('@'); at != std::string_view::npos && at != 0) {
    // An '@' that starts a segment is an npm scope written unencoded, not a version.
    if (path[at - 1] != '/') path = path.substr(0, at);
  }
  while (path.ends_with('/')) path.remove_suffix(1);
  auto full = decoded(path);
  if (!full || full->empty()) return std::nullopt;
  std::string joined = *full;
  if (package.type == "golang") joined = without_major_version(joined);
  const std::size_t last = joined.find_last_of('/');
  package.name = last == std::string::npos ? joined : joined.substr(last + 1);
  package.name_space = last == std::string::npos ? "" : joined.substr(0, last);
  if (package.name.empty()) return std::nullopt;
  if (package.type == "npm" || package.type == "nuget") {
    package.name = lowered(package.name);
    package.name_space = lowered(package.name_space);
  } else if (package.type == "pypi") {
    package.name = lowered(package.name);
    std::replace_if(package.name.begin(), package.name.end(), [](char c) { return c == '_' || c == '.'; }, '-');
  }
  return package;
}

std::string display_purl(const PackageName& package) {
  return "pkg:" + package.type + "/" + (package.name_space.empty() ? "" : package.name_space + "/") + package.name;
}

bool valid_host_pattern(std::string_view pattern) {
  if (pattern.empty() || pattern.size() > 253) return false;
  const std::vector<std::string_view> labels = labels_of(pattern);
  if (labels.size() < 2) return false;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const std::string_view label = labels[i];
    if (label.empty() || label.size() > 63 || std::count(label.begin(), label.end(), '*') > 1) return false;
    if (label.front() == '-' || label.back() == '-') return false;
    for (char c : label) {
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '*')) return false;
    }
  }
  // The last label names the top-level domain: a pattern that matches every domain means nothing.
  return labels.back().find('*') == std::string_view::npos;
}

bool host_matches(std::string_view pattern, std::string_view host) {
  const std::string host_lower = lowered(host);
  std::vector<std::string_view> want = labels_of(pattern);
  const std::vector<std::string_view> have = labels_of(host_lower);
  // A leading "*." stands for any subdomain, however deep: "*.pinecone.io" covers "a.svc.pinecone.io".
  if (want.front() == "*") {
    want.erase(want.begin());
    if (have.size() <= want.size()) return false;
    return std::equal(want.rbegin(), want.rend(), have.rbegin(), label_matches);
  }
  return want.size() == have.size() && std::equal(want.begin(), want.end(), have.begin(), label_matches);
}

std::string host_of(std::string_view endpoint) {
  std::string_view rest = endpoint;
  if (const std::size_t scheme = rest.find("://"); scheme != std::string_view::npos) rest = rest.substr(scheme + 3);
  const std::size_t end = rest.find_first_of("/?#");
  rest = rest.substr(0, end);
  if (const std::size_t at = rest.rfind('@'); at != std::string_view::npos) rest = rest.substr(at + 1);
  if (rest.starts_with('[')) return "";  // an IPv6 literal names no vendor
  if (const std::size_t colon = rest.find(':'); colon != std::string_view::npos) rest = rest.substr(0, colon);
  while (rest.ends_with('.')) rest.remove_suffix(1);
  return lowered(rest);
}

}  // namespace sovaudit
