#!/usr/bin/env python3
"""Runs sovaudit on one adversarial input and checks what a user depends on.

Usage: run_case.py SOVAUDIT FILE EXPECTED_DIR [--args "..."] [--rss-base MIB] [--rss-factor F]
                   [--scan-rss-factor F] [--scan]

* exit code and standard error match EXPECTED_DIR/NAME.exit and NAME.stderr
  (SOVAUDIT_UPDATE_GOLDEN=1 rewrites them); standard output is empty when the input is refused;
* the run finishes within the CTest timeout, and its peak RSS stays under BASE MiB + F x file size,
  64 MiB + 30x by default: the bound docs/hardening.md promises for reading any input (skipped
  under sanitizers, SOVAUDIT_SANITIZED=1, whose shadow memory is not ours);
* with --scan, a valid input is also scanned end to end, within BASE MiB + the scan factor x file
  size (100 by default: the results add a few hundred bytes per entry of a few bytes of text).
"""
import argparse
import os
import resource
import shlex
import subprocess
import sys


def run(cmd, cwd):
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    proc = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return proc, max(peak_kib, before)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("binary")
    p.add_argument("file")
    p.add_argument("expected_dir")
    p.add_argument("--args", default="")
    p.add_argument("--name", default=None)
    p.add_argument("--rss-base", type=float, default=64)
    p.add_argument("--rss-factor", type=float, default=30)
    p.add_argument("--scan-rss-factor", type=float, default=100)
    p.add_argument("--scan", action="store_true")
    a = p.parse_args()

    name = a.name or os.path.splitext(os.path.basename(a.file))[0]
    cwd, base = os.path.dirname(os.path.abspath(a.file)), os.path.basename(a.file)
    binary = os.path.abspath(a.binary)
    size = os.path.getsize(a.file)
    limit_kib = a.rss_base * 1024 + a.rss_factor * size / 1024
    scan_limit_kib = a.rss_base * 1024 + a.scan_rss_factor * size / 1024
    sanitized = os.environ.get("SOVAUDIT_SANITIZED") == "1"
    failures = []

    proc, peak = run([binary, "validate", *shlex.split(a.args), base], cwd)
    stderr = proc.stderr.decode("utf-8", errors="replace")
    exit_file = os.path.join(a.expected_dir, name + ".exit")
    stderr_file = os.path.join(a.expected_dir, name + ".stderr")
    if os.environ.get("SOVAUDIT_UPDATE_GOLDEN") == "1":
        with open(exit_file, "w") as f:
            f.write("%d\n" % proc.returncode)
        with open(stderr_file, "w", encoding="utf-8") as f:
            f.write(stderr)
    expected_exit = int(open(exit_file).read())
    expected_stderr = open(stderr_file, encoding="utf-8").read()
    if proc.returncode != expected_exit:
        failures.append("exit %d, expected %d" % (proc.returncode, expected_exit))
    if stderr != expected_stderr:
        failures.append("stderr differs from %s:\n%s" % (stderr_file, stderr[:3000]))
    if proc.returncode == 2 and proc.stdout:
        failures.append("a refused input printed on stdout")
    if not sanitized and peak > limit_kib:
        failures.append("validate peak RSS %d KiB over the bound of %d KiB" % (peak, limit_kib))
    print("validate: exit %d, peak RSS %.1f MiB for %.1f MiB of input" % (proc.returncode, peak / 1024, size / 2**20))

    if a.scan and proc.returncode == 0:
        proc, peak = run([binary, "scan", "--as-of", "2026-11-22", "--fail-on", "none", *shlex.split(a.args), base], cwd)
        if proc.returncode != 0:
            failures.append("scan exit %d: %s" % (proc.returncode, proc.stderr.decode(errors="replace")[:2000]))
        if not sanitized and peak > scan_limit_kib:
            failures.append("scan peak RSS %d KiB over the bound of %d KiB" % (peak, scan_limit_kib))
        print("scan: exit %d, peak RSS %.1f MiB (%.1fx the input)" % (proc.returncode, peak / 1024, peak * 1024 / size))

    for f in failures:
        print("FAIL:", f)
    print("%d passed, %d failed" % (0 if failures else 1, len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
