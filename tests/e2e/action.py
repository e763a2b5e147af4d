#!/usr/bin/env python3
"""The GitHub Action (action.yml) run step by step in a sandbox (action_sandbox.py): outputs, job
summary size, SARIF category, annotations and exit codes for a clean inventory, existential risks, a
relaxed gate, a baseline, an invalid inventory and a 1 MB inventory; the cache key follows the
sources; a cached build is used without installing anything. Usage: action.py SOVAUDIT"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from action_sandbox import ROOT, run_action  # noqa: E402

SOVAUDIT = os.path.abspath(sys.argv[1])
failures = []


def check(ok, what, detail=""):
    print(("ok: " if ok else "FAIL: ") + what + ("" if ok else f"\n  {detail}"))
    if not ok:
        failures.append(what)


def workspace(inventory_source, name="inventory.yaml"):
    folder = tempfile.mkdtemp(prefix="sovaudit-workspace-")
    if inventory_source:
        shutil.copy(os.path.join(ROOT, inventory_source), os.path.join(folder, name))
    return folder


def no_installer(folder):
    """A PATH where apt-get and sudo fail loudly: a cached build must not reach for them."""
    fake = os.path.join(folder, "fake-bin")
    os.makedirs(fake, exist_ok=True)
    for tool in ("apt-get", "sudo"):
        path = os.path.join(fake, tool)
        with open(path, "w") as f:
            f.write("#!/bin/sh\necho \"$0 must not run with a cached build\" >&2\nexit 99\n")
        os.chmod(path, 0o755)
    return {"PATH": fake + os.pathsep + os.environ["PATH"]}


folders = []
try:
    # A clean inventory: the step passes and the outputs say so.
    ws = workspace("examples/public-sector.yaml")
    folders.append(ws)
    run = run_action(ws, {}, SOVAUDIT, env=no_installer(ws))
    check(run.exit_code == 0, "clean inventory: the action passes", run.console[-500:])
    check("using the cached build" in run.console, "a cached build is used; apt-get is never called", run.console[-300:])
    report = json.load(open(os.path.join(ws, "sovaudit-report.json")))["summary"]
    check(run.outputs["exit-code"] == "0" and run.outputs["gate"] == "pass", "outputs: exit-code 0, gate pass",
          run.outputs)
    check(all(run.outputs[k] == str(report[k]) for k in ("existential", "material", "advisory", "accepted")),
          "outputs: the counts are the report's", (run.outputs, report))
    check(run.outputs["sarif-file"] == "sovaudit.sarif" and os.path.exists(os.path.join(ws, "sovaudit.sarif")),
          "the SARIF log is written where the output says")
    sarif = json.load(open(os.path.join(ws, "sovaudit.sarif")))
    check(sarif["runs"][0]["automationDetails"]["id"] == "sovaudit/inventory.yaml/",
          "the SARIF category defaults to the inventory's path", sarif["runs"][0].get("automationDetails"))
    check(run.summary.startswith("# AI dependency summary:") and len(run.summary.encode()) < 64 * 1024,
          "the bounded summary is in the job summary", run.summary[:100])
    check(run.cache is not None and run.cache["key"] == run.steps["source"]["key"] and
          run.cache["path"].endswith("sovaudit-build"), "actions/cache is keyed on the source step's key", run.cache)

    # Existential risks: exit 1, annotations on the lines, the evidence still written.
    ws = workspace("examples/eu-health-tech.yaml")
    folders.append(ws)
    run = run_action(ws, {"sarif-category": "inventories/eu"}, SOVAUDIT)
    check(run.exit_code == 1 and run.failed_step == "Scan", "existential risks: the Scan step fails with exit 1",
          (run.exit_code, run.failed_step))
    check(run.outputs["exit-code"] == "1" and run.outputs["gate"] == "fail" and run.outputs["existential"] == "3",
          "outputs: exit-code 1, gate fail, 3 existential", run.outputs)
    check("::error file=inventory.yaml,line=" in run.console, "the findings annotate the inventory's lines",
          run.console[:300])
    check(os.path.exists(os.path.join(ws, "sovaudit.sarif")) and run.summary, "the SARIF and summary still exist")
    sarif = json.load(open(os.path.join(ws, "sovaudit.sarif")))
    check(sarif["runs"][0]["automationDetails"]["id"] == "inventories/eu/", "sarif-category reaches the SARIF log")

    run = run_action(ws, {"fail-on": "none", "summary": "false"}, SOVAUDIT)
    check(run.exit_code == 0 and run.outputs["gate"] == "pass" and run.summary == "",
          "fail-on none passes; summary false writes no job summary", (run.exit_code, run.outputs, run.summary[:80]))

    # A baseline of the same inventory: nothing new, so a strict gate passes.
    shutil.copy(os.path.join(ws, "sovaudit-report.json"), os.path.join(ws, "baseline.json"))
    run = run_action(ws, {"fail-on": "material", "baseline": "baseline.json", "report": "again.json"}, SOVAUDIT)
    check(run.exit_code == 0 and int(run.outputs.get("existential", "0")) == 3,
          "with a baseline, known findings do not fail a material gate", (run.exit_code, run.outputs))

    # An invalid inventory: exit 2, and its mistakes annotate the exact lines.
    ws = workspace("tests/e2e/invalid/eight_mistakes.yaml")
    folders.append(ws)
    run = run_action(ws, {}, SOVAUDIT)
    check(run.exit_code == 2 and run.outputs["exit-code"] == "2" and run.outputs["gate"] == "invalid",
          "an invalid inventory fails with exit 2, gate invalid", (run.exit_code, run.outputs))
    check(run.console.count("::error file=inventory.yaml,line=") >= 8, "each mistake is annotated on its line",
          run.console[:400])

    # A cache miss: the install step installs the packages and builds. Recording stand-ins for
    # apt-get, sudo and cmake show what it runs (the real build is the README's, tested elsewhere);
    # cmake --build "produces" the binary under test, and the scan then runs it.
    ws = workspace("examples/public-sector.yaml")
    folders.append(ws)
    fake = os.path.join(ws, "fake-bin")
    os.makedirs(fake)
    log = os.path.join(ws, "calls.log")
    for tool in ("apt-get", "sudo", "cmake"):
        with open(os.path.join(fake, tool), "w") as f:
            f.write(f"#!/bin/sh\necho \"{tool} $*\" >> '{log}'\n")
            if tool == "sudo":
                f.write('exec "$@"\n')
            if tool == "cmake":
                f.write(f'case "$1" in --build) mkdir -p "$2" && cp \'{SOVAUDIT}\' "$2/sovaudit" ;; esac\n')
        os.chmod(os.path.join(fake, tool), 0o755)
    run = run_action(ws, {}, SOVAUDIT, cached=False, env={"PATH": fake + os.pathsep + os.environ["PATH"]})
    calls = open(log).read() if os.path.exists(log) else ""
    check(run.exit_code == 0 and run.outputs["gate"] == "pass", "a cache miss builds, then scans", run.console[-400:])
    check("apt-get install -y -qq --no-install-recommends cmake ninja-build g++ libcli11-dev libyaml-cpp-dev "
          "nlohmann-json3-dev libfmt-dev" in calls, "a cache miss installs the five -dev packages, CMake and Ninja", calls)
    check(f"cmake -S {ROOT} -B " in calls and "-DSOVAUDIT_BUILD_TESTS=OFF" in calls and
          "--target sovaudit" in calls, "and builds the binary alone, without the tests", calls)
    check(run.cache and calls.count("--build ") == 1 and run.cache["path"] in calls,
          "into the directory the cache saves", (run.cache, calls))

    # A missing inventory is an invalid input, not a crash.
    ws = workspace(None)
    folders.append(ws)
    run = run_action(ws, {}, SOVAUDIT)
    check(run.exit_code == 2, "a missing inventory exits 2", run.console[-300:])

    # 1 MB: the job summary stays under GitHub's limit by a wide margin.
    ws = workspace(None)
    folders.append(ws)
    subprocess.run([sys.executable, os.path.join(ROOT, "tools", "generate_inventory.py"), "--size", "1M", "--seed", "5",
                    "--output", os.path.join(ws, "inventory.yaml")], check=True)
    run = run_action(ws, {"fail-on": "none"}, SOVAUDIT)
    size = len(run.summary.encode())
    check(run.exit_code == 0 and 0 < size < 64 * 1024, f"a 1 MB inventory's job summary is {size} bytes (< 64 KiB)")

    # The cache key follows the sources the binary is built from, and only those.
    tree = tempfile.mkdtemp(prefix="sovaudit-source-")
    folders.append(tree)
    for part in ("CMakeLists.txt", "cmake", "include", "src", "scripts"):
        source = os.path.join(ROOT, part)
        (shutil.copytree if os.path.isdir(source) else shutil.copy)(source, os.path.join(tree, part))

    def key():
        out = os.path.join(tree, "out")
        open(out, "w").close()
        subprocess.run([os.path.join(tree, "scripts", "action.sh"), "key"], check=True,
                       env=dict(os.environ, GITHUB_ACTION_PATH=tree, GITHUB_OUTPUT=out, RUNNER_TEMP=tree))
        return open(out).read().strip()

    first = key()
    check(first == key() and first.startswith("key=sovaudit-"), "the cache key is stable", first)
    with open(os.path.join(tree, "src", "main.cpp"), "a") as f:
        f.write("// a change\n")
    check(key() != first, "and changes when a source file does")
    os.makedirs(os.path.join(tree, "docs"), exist_ok=True)
    changed = key()
    with open(os.path.join(tree, "docs", "notes.md"), "w") as f:
        f.write("docs do not rebuild\n")
    check(key() == changed, "but not when only the docs change")
finally:
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)

print(f"{len(failures)} failed")
sys.exit(1 if failures else 0)
