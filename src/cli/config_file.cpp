// The config file as the user sees it: safe to read, what is wrong in it, where a value came from.
#include "config_file.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "sovaudit/suggest.hpp"
#include "sovaudit/text.hpp"

namespace sovaudit::cli {

std::string config_file(const CommandLine& line) {
  const CLI::Option* option = const_cast<CLI::App&>(line.app).get_config_ptr();
  if (option && option->count() > 0 && !option->results().empty()) return option->results().back();
  return ".sovaudit.toml";
}

namespace {

/// The 1-based line and column of `key` in table `table` ("" for the top level) of the TOML file,
/// or of the table's header when `key` is empty; nothing when it is not there. Keys match with `-`
/// or `_`, bare or quoted, as the reader accepts them.
std::optional<SourceLoc> locate(const std::string& path, const std::string& table, const std::string& key) {
  std::ifstream in(path);
  std::string text;
  std::string current;
  for (std::uint32_t number = 1; std::getline(in, text); ++number) {
    const std::size_t start = text.find_first_not_of(" \t");
    if (start == std::string::npos || text[start] == '#') continue;
    if (text[start] == '[') {
      const std::size_t end = text.find(']', start);
      std::string name = text.substr(start + 1, end == std::string::npos ? std::string::npos : end - start - 1);
      name.erase(0, name.find_first_not_of(' '));
      name.erase(name.find_last_not_of(' ') + 1);
      current = name;
      if (key.empty() && current == table) return SourceLoc{number, static_cast<std::uint32_t>(start + 1)};
      continue;
    }
    if (key.empty() || current != table) continue;
    std::string name = text.substr(start, text.find('=', start) == std::string::npos ? 0 : text.find('=', start) - start);
    name.erase(name.find_last_not_of(" \t") + 1);
    if (name.size() >= 2 && (name.front() == '"' || name.front() == '\'')) name = name.substr(1, name.size() - 2);
    std::replace(name.begin(), name.end(), '_', '-');
    if (name == key) return SourceLoc{number, static_cast<std::uint32_t>(start + 1)};
  }
  return std::nullopt;
}

/// `FILE:LINE:COL: error: MESSAGE` where the place is known, else `sovaudit: error: FILE: MESSAGE`.
std::string config_error(const std::string& file, std::optional<SourceLoc> where, const std::string& message) {
  if (!where) return "sovaudit: error: " + terminal_safe(file) + ": " + message;
  return terminal_safe(file) + ":" + std::to_string(where->line) + ":" + std::to_string(where->column) +
         ": error: " + message;
}

}  // namespace

std::string config_problem(const CommandLine& line, const std::string& message) {
  constexpr std::string_view kMarker = "was not able to parse ";
  const std::size_t at = message.find(kMarker);
  const std::string file = config_file(line);
  if (at == std::string::npos) return config_error(file, std::nullopt, terminal_safe(message));
  const std::string key = message.substr(at + kMarker.size());
  const std::size_t dot = key.rfind('.');
  const std::string section = dot == std::string::npos ? "" : key.substr(0, dot);
  const std::string name = dot == std::string::npos ? key : key.substr(dot + 1);
  const CLI::App* scope = &line.app;
  for (const CLI::App* command : subcommands_of(line.app)) {
    if (command->get_name() == section) scope = command;
  }
  if (!section.empty() && scope == &line.app) {
    std::vector<std::string> names;
    for (const CLI::App* command : subcommands_of(line.app)) names.push_back(command->get_name());
    return config_error(file, locate(file, section, ""),
                        "unknown table " + quote("[" + section + "]") + did_you_mean(closest_match(section, names)) +
                            "; tables are named after commands");
  }
  if (section.empty()) {
    for (const CLI::App* command : subcommands_of(line.app)) {
      if (const_cast<CLI::App*>(command)->get_option_no_throw("--" + name)) {
        return config_error(file, locate(file, "", name),
                            quote(name) + " is an option of " + command->get_name() +
                                ", not a global one; put it under [" + command->get_name() + "]");
      }
    }
  }
  std::vector<std::string> names;
  for (const CLI::Option* option : scope->get_options()) {
    if (!option->get_lnames().empty()) names.push_back(option->get_lnames().front());
  }
  return config_error(file, locate(file, section, name),
                      (section.empty() ? "" : "[" + section + "] ") + "has no option " + quote(name) +
                          did_you_mean(closest_match(name, names)));
}

std::string config_file_problem(const std::vector<std::string>& args) {
  std::string path;
  bool given = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--config" && i + 1 < args.size()) path = args[i + 1], given = true;
    if (args[i].starts_with("--config=")) path = args[i].substr(9), given = true;
  }
  if (!given) path = ".sovaudit.toml";
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (!given && !std::filesystem::exists(status)) return {};  // the default is optional
  if (!std::filesystem::exists(status)) return {};            // CLI11 reports a missing --config
  constexpr std::uintmax_t kMaxConfigBytes = 1u << 20;
  const std::string shown = terminal_safe(path);
  if (!std::filesystem::is_regular_file(status)) return "--config: '" + shown + "' is not a regular file";
  if (std::filesystem::file_size(path, ec) > kMaxConfigBytes) {
    return "--config: '" + shown + "' is larger than 1 MiB; a config file holds a few options";
  }
  return {};
}

std::string value_source(const CommandLine& line, const std::vector<std::string>& args, const std::string& message) {
  if (!message.starts_with("--")) return {};
  const std::string option = message.substr(0, message.find(':'));
  for (const std::string& arg : args) {
    if (arg == option || arg.starts_with(option + "=")) return {};
  }
  const std::string variable = environment_name(option);
  const char* value = std::getenv(variable.c_str());
  if (value != nullptr && *value != '\0') return " (from " + variable + ")";
  // The running command's table sets its options; the top level sets the global ones.
  const std::string file = config_file(line);
  const std::string key = option.substr(2);
  std::optional<SourceLoc> where = locate(file, line.invoked, key);
  if (!where) where = locate(file, "", key);
  if (!where) return " (from " + terminal_safe(file) + ")";
  return " (from " + terminal_safe(file) + ":" + std::to_string(where->line) + ":" + std::to_string(where->column) + ")";
}

}  // namespace sovaudit::cli
