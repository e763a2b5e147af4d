// Running independent pieces of work on the machine's cores, with results that never depend on it.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <thread>
#include <utility>
#include <vector>

namespace sovaudit {

/// The cores this process may run on (its CPU affinity, as `taskset` or a container limits it), at least 1.
unsigned available_cores();

namespace detail {
/// True on a thread while it runs items of a parallel_for: work nested in it (the planner analyses
/// candidates on every core, and each analysis could start threads of its own) runs on that
/// thread, so the cores are not oversubscribed and no thread is started per item.
inline thread_local bool in_parallel_for = false;

/// Marks the current thread as running parallel_for items for its lifetime.
class ParallelForScope {
 public:
  ParallelForScope() : was_(std::exchange(in_parallel_for, true)) {}
  ParallelForScope(const ParallelForScope&) = delete;
  ParallelForScope& operator=(const ParallelForScope&) = delete;
  ~ParallelForScope() { in_parallel_for = was_; }

 private:
  bool was_;
};
}  // namespace detail

/// Runs `work(i)` for every i in [0, n) on up to `threads` threads, the calling one among them.
/// Work is handed out by index and each call writes only its own result, so the outcome does not
/// depend on the scheduling. When no thread can be started, or when called from inside another
/// parallel_for's work, the caller does all the work.
template <class Work>
void parallel_for(std::size_t n, unsigned threads, Work work) {
  const std::size_t count = std::min<std::size_t>(std::max(1u, threads), n);
  if (count <= 1 || detail::in_parallel_for) {
    for (std::size_t i = 0; i < n; ++i) work(i);
    return;
  }
  std::atomic<std::size_t> next{0};
  auto drain = [&] {
    const detail::ParallelForScope scope;
    for (std::size_t i = next++; i < n; i = next++) work(i);
  };
  std::vector<std::thread> helpers;
  try {
    for (std::size_t t = 1; t < count; ++t) helpers.emplace_back(drain);
  } catch (const std::exception&) {
    // Fewer helpers than asked for (or none): the caller drains what is left.
  }
  drain();
  for (std::thread& t : helpers) t.join();
}

/// Runs `beside()` on a thread of its own while the caller runs `work()`, and returns once both are
/// done. The two must touch disjoint data. When no thread can be started, only one core is
/// available, or the caller is running a parallel_for's work, the caller runs both, `beside`
/// first. An exception from `beside` is rethrown here after `work` has finished.
template <class Beside, class Work>
void run_beside(Beside beside, Work work) {
  if (available_cores() < 2 || detail::in_parallel_for) {
    beside();
    work();
    return;
  }
  std::exception_ptr failed;
  std::thread helper;
  try {
    helper = std::thread([&] {
      try {
        beside();
      } catch (...) {
        failed = std::current_exception();
      }
    });
  } catch (const std::exception&) {
    beside();  // no thread: the caller does both
  }
  try {
    work();
  } catch (...) {
    if (helper.joinable()) helper.join();
    throw;
  }
  if (helper.joinable()) helper.join();
  if (failed) std::rethrow_exception(failed);
}

}  // namespace sovaudit
