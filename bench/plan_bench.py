#!/usr/bin/env python3
"""Times `sovaudit plan` and `sovaudit scan --simulate 10000` on the largest shipped example and on
generated inventories of about 200 entries and more (tools/generate_inventory.py, fixed seed).

Usage: bench/plan_bench.py [--build build] [--runs 3] [--sizes 70K,140K]
Prints the median wall time and peak RSS of each run and the planner's own counts (candidates,
analyses run, steps). It asserts nothing: speed is measured here, never by a timed test.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def timed(argv):
    """Wall time, peak RSS in MB (of this child alone, from wait4) and standard output."""
    start = time.monotonic()
    child = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    out = child.stdout.read()
    _, _, usage = os.wait4(child.pid, 0)
    return time.monotonic() - start, usage.ru_maxrss / 1024, out


def median_run(argv, runs):
    times, peaks, out = [], [], b""
    for _ in range(runs):
        elapsed, peak, out = timed(argv)
        times.append(elapsed)
        peaks.append(peak)
    return statistics.median(times), max(peaks), out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", default="80K,140K")
    args = parser.parse_args()
    binary = os.path.join(args.build, "sovaudit")
    work = tempfile.mkdtemp(prefix="sovaudit-plan-bench-")
    inventories = [os.path.join(ROOT, "examples", "eu-health-tech.yaml")]
    for size in args.sizes.split(","):
        path = os.path.join(work, "generated-%s.yaml" % size)
        with open(path, "w", encoding="utf-8") as out:
            subprocess.run([sys.executable, os.path.join(ROOT, "tools", "generate_inventory.py"), "--size", size,
                            "--seed", "1"], stdout=out, check=True)
        inventories.append(path)
    print("| Inventory | entries | plan | candidates | analyses | steps | plan RSS | scan --simulate 10000 |")
    print("|---|---|---|---|---|---|---|---|")
    for path in inventories:
        checked = subprocess.run([binary, "validate", path], capture_output=True, text=True, check=True).stdout
        entries = checked[checked.find("(") + 1:checked.find(")")]
        plan_time, plan_rss, out = median_run([binary, "plan", path, "--as-of", "2026-12-01", "--format", "json"],
                                              args.runs)
        plan = json.loads(out)
        sim_time, _, _ = median_run([binary, "scan", path, "--as-of", "2026-12-01", "--simulate", "10000",
                                     "--fail-on", "none", "--quiet"], args.runs)
        print("| %s | %s | %.2f s | %d | %d | %d | %.0f MB | %.2f s |" % (
            os.path.basename(path), entries, plan_time, plan["search"]["candidates"], plan["search"]["evaluations"],
            len(plan["steps"]), plan_rss, sim_time))
    return 0


if __name__ == "__main__":
    sys.exit(main())
