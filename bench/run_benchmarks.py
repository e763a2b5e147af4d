#!/usr/bin/env python3
"""Measures sovaudit against yaml-cpp's floor on generated inventories from 1 KB to 50 MB.

Usage: bench/run_benchmarks.py [--build DIR] [--runs N] [--sizes 1K,60K,1M,10M,50M] [--work DIR]

For every size it generates an inventory (tools/generate_inventory.py, fixed seed), then runs each
measurement in a fresh process, at least --runs times, and reports medians:

* the floor: `sovaudit_bare_parse`, a program that links only yaml-cpp and runs its event parse over
  a std::ifstream with a handler that builds nothing; and YAML::LoadFile (a node tree), for reference;
* sovaudit's phases in one process: read, parse into the model, check, graph, analyses, passes, the column index and
  every writer, each with its time and the process's peak RSS at its end;
* whole processes: `sovaudit scan FILE` (terminal summary), `sovaudit scan FILE --format json > report.json`, and
  `sovaudit scan FILE` writing every format (all eleven writers) to files;
* the analyses with a cost of their own, shown apart: `scan --simulate 1000` (files up to 1 MB) and
  `sovaudit plan` (bench/plan_bench.py).

It prints a table per size and the targets (issue 19) with the ratio measured in this run. It
asserts nothing and always exits 0 once it has measured: speed belongs in a benchmark, not a test.
"""
import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
AS_OF = "2026-11-22"
# Every writer of the registry, each to its own file (FORMAT:PATH).
FORMATS = ["table", "markdown", "markdown-summary", "json", "sarif", "github", "gitlab-codequality", "junit",
           "cyclonedx", "mermaid", "dot"]
REALISTIC = "60K"


def parse_size(text):
    units = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    return int(float(text[:-1]) * units[text[-1].upper()]) if text[-1].upper() in units else int(text)


PHASE_BENCH = None  # set in main: build/bench/sovaudit_phase_bench


def run_measured(argv, stdout_path=None):
    """Runs argv once as a whole process through `sovaudit_phase_bench run`, which forks it from a
    small process (Linux keeps the peak RSS of the forking process across execve, and Python's
    would swamp a small run). Its standard output goes to stdout_path (as `> FILE`), else to
    /dev/null. Returns (wall seconds, peak RSS KiB)."""
    mode = ["run-to", stdout_path] if stdout_path else ["run"]
    result = subprocess.run([PHASE_BENCH] + mode + argv, stdout=subprocess.PIPE, check=False)
    fields = result.stdout.decode().strip().split("\t")
    if result.returncode != 0 or len(fields) != 4:
        sys.exit("benchmark: %s failed (%s)" % (" ".join(argv), result.stdout.decode().strip()))
    return float(fields[1]), int(fields[2])


def median_run(argv, runs, stdout_path=None):
    walls, rss = [], []
    for _ in range(runs):
        wall, peak = run_measured(argv, stdout_path)
        walls.append(wall)
        rss.append(peak)
    return statistics.median(walls), statistics.median(rss)


def phase_runs(argv, runs):
    """Runs sovaudit_phase_bench `runs` times; returns the TSV outputs."""
    outputs = []
    for _ in range(runs):
        result = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
        if result.returncode != 0:
            sys.exit("benchmark: %s exited with %d\n%s" % (" ".join(argv), result.returncode,
                                                              result.stderr.decode()[-2000:]))
        outputs.append(result.stdout.decode())
    return outputs


def phase_medians(outputs):
    """Median seconds and peak RSS per phase over the TSV outputs of sovaudit_phase_bench."""
    table = {}
    order = []
    for text in outputs:
        for line in text.strip().splitlines():
            name, seconds, rss, _heap = line.split("\t")
            if name not in table:
                table[name] = ([], [])
                order.append(name)
            table[name][0].append(float(seconds))
            table[name][1].append(int(rss))
    return [(n, statistics.median(table[n][0]), statistics.median(table[n][1])) for n in order]


def machine():
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return "%s, %d cores, %s, Python %s" % (cpu, os.cpu_count() or 0, platform.platform(), platform.python_version())


def build_type(build):
    try:
        with open(os.path.join(build, "CMakeCache.txt"), encoding="utf-8") as f:
            for line in f:
                if line.startswith("CMAKE_BUILD_TYPE:"):
                    return line.split("=", 1)[1].strip()
    except OSError:
        pass
    return "unknown"


def mb(kib):
    return kib / 1024.0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (medians; at least 5)")
    parser.add_argument("--sizes", default="1K,10K,60K,100K,1M,10M,50M")
    parser.add_argument("--work", default=None, help="folder for generated inventories and reports")
    args = parser.parse_args()
    if args.runs < 5:
        sys.exit("benchmark: --runs must be at least 5")
    global PHASE_BENCH
    sovaudit = os.path.join(args.build, "sovaudit")
    phase = PHASE_BENCH = os.path.join(args.build, "bench", "sovaudit_phase_bench")
    floor = os.path.join(args.build, "bench", "sovaudit_bare_parse")
    for binary in (sovaudit, phase, floor):
        if not os.access(binary, os.X_OK):
            sys.exit("benchmark: %s is missing; build the project first (see docs/performance.md)" % binary)
    work = args.work or tempfile.mkdtemp(prefix="sovaudit-bench-")
    os.makedirs(work, exist_ok=True)

    print("sovaudit benchmark: medians of %d runs (more for files under 1 MB), each in a fresh process" % args.runs)
    print("machine: %s" % machine())
    print("build: %s (%s)" % (args.build, build_type(args.build)))
    print("inventories: tools/generate_inventory.py --seed 1, in %s" % work)
    print()

    results = {}
    for label in args.sizes.split(","):
        path = os.path.join(work, "inventory-%s.yaml" % label)
        subprocess.run([sys.executable, os.path.join(ROOT, "tools", "generate_inventory.py"), "--size", label,
                        "--seed", "1", "--output", path], check=True)
        size = os.path.getsize(path)
        # Small files finish in milliseconds, where scheduling noise is relatively large.
        runs = args.runs if size >= (1 << 20) else max(args.runs, 21)
        _, bare_phase, bare_rss = phase_medians(phase_runs([phase, "bare", path], runs))[0]
        _, tree_phase, tree_rss = phase_medians(phase_runs([phase, "tree", path], runs))[0]
        phases = phase_medians(phase_runs([phase, "pipeline", path, AS_OF], runs))
        bare_wall, bare_process_rss = median_run([floor, path], runs)
        scan_argv = [sovaudit, "scan", path, "--as-of", AS_OF, "--fail-on", "none"]
        scan_wall, scan_rss = median_run(scan_argv, runs)
        # As a user runs it: `sovaudit scan FILE --format json > report.json`, one rendering to a file.
        json_wall, json_rss = median_run(scan_argv + ["--format", "json"], runs,
                                         os.path.join(work, "report-%s-only.json" % label))
        outputs = []
        for name in FORMATS:
            outputs += ["--output", "%s:%s" % (name, os.path.join(work, "report-%s.%s" % (label, name)))]
        full_wall, full_rss = median_run(scan_argv + outputs, runs)
        simulate_wall = None
        if size <= (1 << 20) + (1 << 18):
            simulate_wall, _ = median_run(scan_argv + ["--format", "json", "--simulate", "1000"], runs,
                                          os.path.join(work, "report-%s-simulated.json" % label))
        results[label] = dict(size=size, bare=bare_phase, bare_wall=bare_wall, bare_rss=bare_process_rss,
                              tree=tree_phase, tree_rss=tree_rss, phases=phases, scan=scan_wall, scan_rss=scan_rss,
                              json=json_wall, json_rss=json_rss, full=full_wall, full_rss=full_rss,
                              simulate=simulate_wall)

        print("== %s: %d bytes (%d runs)" % (label, size, runs))
        print("  %-32s %10s %12s" % ("measurement", "seconds", "peak RSS MB"))
        print("  %-32s %10.4f %12.1f" % ("yaml-cpp bare event parse", bare_phase, mb(bare_rss)))
        print("  %-32s %10.4f %12.1f" % ("yaml-cpp YAML::LoadFile", tree_phase, mb(tree_rss)))
        for name, seconds, rss in phases:
            print("  %-32s %10.4f %12.1f" % ("sovaudit " + name, seconds, mb(rss)))
        print("  %-32s %10.4f %12.1f" % ("process: bare parse (the floor)", bare_wall, mb(bare_process_rss)))
        print("  %-32s %10.4f %12.1f" % ("process: sovaudit scan", scan_wall, mb(scan_rss)))
        print("  %-32s %10.4f %12.1f" % ("process: scan --format json", json_wall, mb(json_rss)))
        print("  %-32s %10.4f %12.1f" % ("process: scan, every format", full_wall, mb(full_rss)))
        if simulate_wall is not None:
            print("  %-32s %10.4f %12s" % ("process: scan --simulate 1000", simulate_wall, "(apart)"))
        print("  against the floor: JSON scan throughput %.2fx; peak RSS / input %.1fx (every format %.1fx)" % (
            bare_wall / json_wall, scan_rss * 1024.0 / size, full_rss * 1024.0 / size))
        print()
        sys.stdout.flush()

    print_targets(results)
    return 0


def print_targets(results):
    print("== targets (issue 19), each against the floor measured in this run")

    def verdict(ok):
        return "met " if ok else "MISS"

    ten = results.get("10M")
    if ten:
        # Both whole processes, so each includes starting up and reading the file.
        ratio = ten["bare_wall"] / ten["json"]
        print("  [%s] 1. JSON scan throughput at 10 MB >= 0.8x the bare parse: %.2fx (scan %.2f s, bare %.2f s)" % (
            verdict(ratio >= 0.8), ratio, ten["json"], ten["bare_wall"]))
    big = [(label, r) for label, r in results.items() if r["size"] >= (1 << 20) - (1 << 17)]
    if len(big) >= 2:
        per_mb = [(label, r["json"] / (r["size"] / float(1 << 20))) for label, r in big]
        low = min(v for _, v in per_mb)
        high = max(v for _, v in per_mb)
        spread = high / low - 1.0
        print("  [%s] 1. JSON scan cost per MB, 1 MB to 50 MB, within 15%%: %.0f%% (%s)" % (
            verdict(spread <= 0.15), spread * 100, ", ".join("%s %.3f s/MB" % lv for lv in per_mb)))
    for label in ("10M", "50M"):
        r = results.get(label)
        if not r:
            continue
        terminal = r["scan_rss"] * 1024.0 / r["size"]
        every = r["full_rss"] * 1024.0 / r["size"]
        print("  [%s] 2. peak RSS <= 5x the input at %s: terminal scan %.1fx (%.0f MB), every format %.1fx (%.0f MB)" % (
            verdict(terminal <= 5.0 and every <= 5.0), label, terminal, mb(r["scan_rss"]), every, mb(r["full_rss"])))
    realistic = results.get(REALISTIC)
    if realistic:
        ratio = realistic["full"] / realistic["bare_wall"]
        print("  [%s] 3. ~60 KB inventory, whole process writing every format <= 1.5x the bare parse: %.2fx "
              "(%.1f ms vs %.1f ms)" % (verdict(ratio <= 1.5), ratio, realistic["full"] * 1000,
                                         realistic["bare_wall"] * 1000))
    simulated = [(label, r) for label, r in results.items() if r.get("simulate") is not None]
    for label, r in simulated:
        print("         4. apart: scan --simulate 1000 at %s costs %.3f s over the JSON scan (%.3f s)" % (
            label, r["simulate"] - r["json"], r["json"]))
    print("         4. apart: sovaudit plan, see bench/plan_bench.py and docs/performance.md")


if __name__ == "__main__":
    sys.exit(main())
