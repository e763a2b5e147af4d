// How many cores this process may use: its CPU affinity, not the machine's count.
#include "sovaudit/parallel.hpp"

#include <sched.h>

namespace sovaudit {

unsigned available_cores() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof set, &set) == 0) return static_cast<unsigned>(std::max(1, CPU_COUNT(&set)));
  return std::max(1u, std::thread::hardware_concurrency());
}

}  // namespace sovaudit
