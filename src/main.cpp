// The sovaudit executable: collect the arguments and the environment, run, return the exit code.
#include <iostream>
#include <string>
#include <vector>

#include "sovaudit/cli.hpp"

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + (argc > 0 ? 1 : 0), argv + argc);
  const auto env = sovaudit::cli::Environment::from_process();
  sovaudit::cli::leave_results_to_exit();
  sovaudit::cli::map_large_blocks_apart();
  return static_cast<int>(sovaudit::cli::run(args, std::cout, std::cerr, env));
}
