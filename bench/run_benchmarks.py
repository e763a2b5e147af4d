#!/usr/bin/env python3
"""Measures sovaudit against yaml-cpp's floor on generated inventories from 1 KB to 50 MB.

Usage: bench/run_benchmarks.py [--build DIR] [--runs N] [--sizes 1K,60K,1M,10M,50M] [--work DIR]

For every size it generates an inventory (tools/generate_inventory.py, fixed seed), then runs each
measurement in a fresh process, at least --runs times, and reports medians:

* yaml-cpp's bare event parse (a handler that builds nothing) and YAML::LoadFile (a node tree);
* sovaudit's phases in one process: read, parse into the model, check, graph, analyses, passes and
  every writer, each with its time and the process's peak RSS at its end;
* whole processes: `sovaudit scan FILE` (terminal summary), and `sovaudit scan FILE` writing every
  format to files, next to the bare parse run as a whole process.

It prints a table per size and the issue-7 targets with the ratio measured in this run. It asserts
nothing and always exits 0 once it has measured: speed belongs in a benchmark, not in a test.
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
FORMATS = ["json", "sarif", "md", "mmd", "dot", "txt"]
REALISTIC = "60K"


def parse_size(text):
    units = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    return int(float(text[:-1]) * units[text[-1].upper()]) if text[-1].upper() in units else int(text)


PHASE_BENCH = None  # set in main: build/bench/sovaudit_phase_bench


def run_measured(argv):
    """Runs argv once as a whole process through `sovaudit_phase_bench run`, which forks it from a
    small process (Linux keeps the peak RSS of the forking process across execve, and Python's
    would swamp a small run). Returns (wall seconds, peak RSS KiB)."""
    result = subprocess.run([PHASE_BENCH, "run"] + argv, stdout=subprocess.PIPE, check=False)
    fields = result.stdout.decode().strip().split("\t")
    if result.returncode != 0 or len(fields) != 4:
        sys.exit("benchmark: %s failed (%s)" % (" ".join(argv), result.stdout.decode().strip()))
    return float(fields[1]), int(fields[2])


def median_run(argv, runs):
    walls, rss = [], []
    for _ in range(runs):
        wall, peak = run_measured(argv)
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
    for binary in (sovaudit, phase):
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
        bare_wall, bare_process_rss = median_run([phase, "bare", path], runs)
        scan_argv = [sovaudit, "scan", path, "--as-of", AS_OF, "--fail-on", "none"]
        scan_wall, scan_rss = median_run(scan_argv, runs)
        outputs = []
        for ext in FORMATS:
            outputs += ["--output", os.path.join(work, "report-%s.%s" % (label, ext))]
        full_wall, full_rss = median_run(scan_argv + outputs, runs)
        results[label] = dict(size=size, bare=bare_phase, bare_wall=bare_wall, bare_rss=bare_rss, tree=tree_phase,
                              tree_rss=tree_rss, phases=phases, scan=scan_wall, scan_rss=scan_rss,
                              full=full_wall, full_rss=full_rss)

        print("== %s: %d bytes (%d runs)" % (label, size, runs))
        print("  %-28s %10s %12s" % ("measurement", "seconds", "peak RSS MB"))
        print("  %-28s %10.4f %12.1f" % ("yaml-cpp bare event parse", bare_phase, mb(bare_rss)))
        print("  %-28s %10.4f %12.1f" % ("yaml-cpp YAML::LoadFile", tree_phase, mb(tree_rss)))
        for name, seconds, rss in phases:
            print("  %-28s %10.4f %12.1f" % ("sovaudit " + name, seconds, mb(rss)))
        print("  %-28s %10.4f %12.1f" % ("process: bare parse", bare_wall, mb(bare_process_rss)))
        print("  %-28s %10.4f %12.1f" % ("process: sovaudit scan", scan_wall, mb(scan_rss)))
        print("  %-28s %10.4f %12.1f" % ("process: scan, every format", full_wall, mb(full_rss)))
        print("  whole processes: scan throughput / bare parse throughput %.2fx; peak RSS / input %.1fx "
              "(every format %.1fx)" % (bare_wall / scan_wall, scan_rss * 1024.0 / size, full_rss * 1024.0 / size))
        print()
        sys.stdout.flush()

    print_targets(results)
    return 0


def print_targets(results):
    print("== targets (issue 7), measured in this run")

    def verdict(ok):
        return "met " if ok else "MISS"

    ten = results.get("10M")
    if ten:
        # Both as whole processes, so each includes starting up and reading the file.
        ratio = ten["bare_wall"] / ten["scan"]
        print("  [%s] scan throughput at 10 MB >= 0.8x bare event parse: %.2fx (scan %.2f s, bare %.2f s)" % (
            verdict(ratio >= 0.8), ratio, ten["scan"], ten["bare_wall"]))
    big = [(label, r) for label, r in results.items() if r["size"] >= (1 << 19)]
    if big:
        worst_label, worst = max(big, key=lambda lr: lr[1]["full_rss"] * 1024.0 / lr[1]["size"])
        ratio = worst["full_rss"] * 1024.0 / worst["size"]
        print("  [%s] peak RSS <= 5x input (files >= 1 MB, every format written): worst %.1fx at %s" % (
            verdict(ratio <= 5.0), ratio, worst_label))
        scan_worst = max(r["scan_rss"] * 1024.0 / r["size"] for _, r in big)
        print("         (terminal-only scan: worst %.1fx)" % scan_worst)
    if len(big) >= 2:
        per_mb = [(label, r["scan"] / (r["size"] / float(1 << 20))) for label, r in big]
        low = min(v for _, v in per_mb)
        high = max(v for _, v in per_mb)
        spread = high / low - 1.0
        print("  [%s] scan cost per MB, 1 MB to 50 MB, varies <= 15%%: %.0f%% (%s)" % (
            verdict(spread <= 0.15), spread * 100, ", ".join("%s %.3f s/MB" % lv for lv in per_mb)))
    realistic = results.get(REALISTIC)
    if realistic:
        ratio = realistic["full"] / realistic["bare_wall"]
        print("  [%s] ~60 KB inventory, whole process, scan writing every format <= 1.5x bare parse: %.2fx "
              "(%.1f ms vs %.1f ms)" % (verdict(ratio <= 1.5), ratio, realistic["full"] * 1000,
                                         realistic["bare_wall"] * 1000))


if __name__ == "__main__":
    sys.exit(main())
