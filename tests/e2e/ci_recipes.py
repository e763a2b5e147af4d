#!/usr/bin/env python3
"""Runs the command lines of examples/ci/github-actions.yml and examples/ci/gitlab-ci.yml, as written.

Usage: ci_recipes.py SOVAUDIT

Each recipe's steps (GitHub `run:` blocks, GitLab `script:` lists) run in a scratch git checkout
whose `origin` holds the target branch, with the built sovaudit first on PATH and the CI variables
the recipes read. The install steps are left out: they build sovaudit, which is under test here.
Four situations: a clean inventory (every step passes), an inventory with existential risks (the
scan gates with exit 1 and the reports are still written), a pull request that makes things
worse (the diff step and the baseline gate exit 1), and one whose only change raises the severity
of known findings (the baseline gate still trips and says which); and one that moves a data flow to
another provider without its transfer mechanism (the diff names it and trips).
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from action_sandbox import run_action  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
failures = []
ran_lines = set()
scratch = []
outputs = {}  # the last GitHub run's output by step name
action_outputs = {}  # the last GitHub run's action outputs by step name


def check(ok, what):
    print(("ok: " if ok else "FAIL: ") + what)
    if not ok:
        failures.append(what)


def git(cwd, *args):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def checkout(work, base, head):
    """A clone whose origin/main holds `base` as inventory.yaml (None: no inventory yet, the pull
    request adds it), with `head` in the working tree."""
    origin = os.path.join(work, "origin.git")
    seed = os.path.join(work, "seed")
    repo = os.path.join(work, "repo")
    git(work, "init", "-q", "--bare", "-b", "main", origin)
    os.makedirs(seed)
    git(seed, "init", "-q", "-b", "main")
    if base is None:
        open(os.path.join(seed, "README.md"), "w").write("a repository before sovaudit\n")
        git(seed, "add", "README.md")
    else:
        shutil.copy(os.path.join(ROOT, base), os.path.join(seed, "inventory.yaml"))
        git(seed, "add", "inventory.yaml")
    git(seed, "-c", "user.name=ci", "-c", "user.email=ci@example.com", "commit", "-q", "-m", "base")
    git(seed, "push", "-q", "file://" + origin, "main")
    git(work, "clone", "-q", "file://" + origin, repo)
    shutil.copy(os.path.join(ROOT, head), os.path.join(repo, "inventory.yaml"))
    return repo


def run_script(script, repo, env):
    # GitHub runs `bash --noprofile --norc -eo pipefail`; GitLab's shell also stops at the first failure.
    for line in script.splitlines():
        if "sovaudit " in line:
            ran_lines.add(line.strip().split(" || ")[0])
    result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script], cwd=repo, env=env,
                            capture_output=True, text=True)
    return result.returncode, result.stdout + result.stderr


def environment(work, sovaudit):
    bin_dir = os.path.join(work, "bin")
    os.makedirs(bin_dir, exist_ok=True)
    target = os.path.join(bin_dir, "sovaudit")
    if not os.path.exists(target):
        os.symlink(sovaudit, target)
    env = dict(os.environ)
    env["PATH"] = bin_dir + os.pathsep + env["PATH"]
    env["GITHUB_STEP_SUMMARY"] = os.path.join(work, "step-summary.md")
    env["GITHUB_BASE_REF"] = "main"
    env["RUNNER_TEMP"] = work
    env["CI_MERGE_REQUEST_TARGET_BRANCH_NAME"] = "main"
    env["CI_PIPELINE_SOURCE"] = "merge_request_event"
    return env


def sandbox(prefix, sovaudit, base, head):
    """A scratch folder (removed at exit), its checkout and the CI environment."""
    work = tempfile.mkdtemp(prefix=prefix)
    scratch.append(work)
    return work, checkout(work, base, head), environment(work, sovaudit)


ACTION = "sovaudit/sovaudit@"


def github_steps(recipe, pull_request):
    """(name, step, always, needs) for each step that runs sovaudit, in order: `run:` steps and uses
    of the sovaudit action; `needs` is the file a hashFiles() condition wants to exist."""
    steps = []
    for step in recipe["jobs"]["sovaudit"]["steps"]:
        if not step.get("run") and not str(step.get("uses", "")).startswith(ACTION):
            continue
        condition = str(step.get("if", ""))
        if "pull_request" in condition and not pull_request:
            continue
        needs = condition.split("hashFiles('")[1].split("'")[0] if "hashFiles('" in condition else None
        steps.append((step.get("name", step.get("run")), step, "always()" in condition, needs))
    return steps


def run_github(sovaudit, base, head, pull_request):
    """Runs the recipe like a runner: after a failed step only `always()` steps run."""
    recipe = yaml.safe_load(open(os.path.join(ROOT, "examples/ci/github-actions.yml")))
    work, repo, env = sandbox("sovaudit-gha-", sovaudit, base, head)
    codes = {}
    outputs.clear()
    action_outputs.clear()
    failed = False
    for name, step, always, needs in github_steps(recipe, pull_request):
        if failed and not always:
            continue
        if needs and not os.path.exists(os.path.join(repo, needs)):
            continue
        if "uses" in step:
            # The action itself, run step by step in the sandbox, with this job's summary file.
            run = run_action(repo, {k: str(v).lower() if isinstance(v, bool) else str(v)
                                    for k, v in step.get("with", {}).items()}, sovaudit, env=env,
                             work=tempfile.mkdtemp(prefix="sovaudit-action-", dir=work))
            with open(env["GITHUB_STEP_SUMMARY"], "a") as summary:
                summary.write(run.summary)
            code, output = run.exit_code, run.console
            action_outputs[name] = run.outputs
        else:
            code, output = run_script(step["run"], repo, env)
        codes[name] = code
        outputs[name] = output
        if code != 0:
            failed = True
            print("  step %r exited %d: %s" % (name, code, output.strip().splitlines()[-1:] if output else ""))
    return work, repo, codes


def run_gitlab(sovaudit, base, head, job):
    recipe = yaml.safe_load(open(os.path.join(ROOT, "examples/ci/gitlab-ci.yml")))
    work, repo, env = sandbox("sovaudit-gitlab-", sovaudit, base, head)
    code, output = run_script("\n".join(recipe[job]["script"]), repo, env)
    if code != 0:
        print("  job %s exited %d: %s" % (job, code, output.strip().splitlines()[-1:]))
    return work, repo, code


def main():
    sovaudit = os.path.abspath(sys.argv[1])
    clean = "examples/public-sector.yaml"
    risky = "examples/eu-health-tech.yaml"
    q3, q4 = "tests/cases/diff/q3.yaml", "tests/cases/diff/q4.yaml"

    work, repo, codes = run_github(sovaudit, clean, clean, pull_request=True)
    check(codes and all(c == 0 for c in codes.values()), "GitHub, clean inventory: every step passes %s" % codes)
    summary = open(os.path.join(work, "step-summary.md")).read()
    check(summary.startswith("# AI dependency summary:"), "GitHub: the bounded summary is in the job summary")
    check(os.path.exists(os.path.join(repo, "sovaudit-review.md")), "GitHub: and the full review is written for the artifact")
    check(action_outputs["Scan and gate"]["gate"] == "pass" and action_outputs["Scan and gate"]["exit-code"] == "0",
          "GitHub: the action's outputs say the gate passed")
    check("# AI dependency changes:" in summary and "No changes." in summary, "GitHub: and so are the changes")
    sarif = json.load(open(os.path.join(repo, "sovaudit.sarif")))
    check(sarif["version"] == "2.1.0" and sarif["runs"][0]["results"], "GitHub: the SARIF for code scanning is written")
    check(json.load(open(os.path.join(repo, "sovaudit-report.json")))["summary"]["gate"] == "pass",
          "GitHub: the JSON report is kept")

    work, repo, codes = run_github(sovaudit, risky, risky, pull_request=False)
    check(codes.get("Scan and gate") == 1, "GitHub, existential risks: the scan step gates with exit 1")
    check(open(os.path.join(work, "step-summary.md")).read().startswith("# AI dependency summary:"),
          "GitHub: the review still reaches the job summary")
    check(action_outputs["Scan and gate"]["existential"] == "3", "GitHub: the action reports 3 existential findings")
    check(os.path.exists(os.path.join(repo, "sovaudit.sarif")), "GitHub: the SARIF is still written for upload")

    work, repo, codes = run_github(sovaudit, q3, q4, pull_request=True)
    check(codes.get("Changes against the target branch") == 1, "GitHub, a pull request that regresses: exit 1")
    check("Regression:" in open(os.path.join(work, "step-summary.md")).read(), "GitHub: the summary says what got worse")

    check(codes.get("Gate on material risks this pull request adds or raises") == 1,
          "GitHub: the pull request's new material findings trip the baseline gate")

    # A pull request whose only change raises known findings: the baseline must not hide the rise.
    escalated = os.path.join(tempfile.mkdtemp(prefix="sovaudit-escalated-"), "q3-escalated.yaml")
    scratch.append(os.path.dirname(escalated))
    text = open(os.path.join(ROOT, q3)).read()
    check("annual_spend: 95000" in text, "q3.yaml still pays azure-openai 95000 a year")
    open(escalated, "w").write(text.replace("annual_spend: 95000", "annual_spend: 400000"))
    work, repo, codes = run_github(sovaudit, q3, escalated, pull_request=True)
    gate = "Gate on material risks this pull request adds or raises"
    check(codes.get(gate) == 1, "GitHub, a pull request that raises a baselined finding: the baseline gate trips")
    check("title=SOV-PRICE-SHOCK azure-openai (existential)::material in the baseline, existential now:"
          in outputs.get(gate, ""), "GitHub: the annotation says which finding rose and from what")

    # A pull request that moves a data flow to another provider and leaves its SCCs behind.
    work, repo, codes = run_github(sovaudit, q3, "tests/cases/diff/q3-flow-moved.yaml", pull_request=True)
    check(codes.get("Changes against the target branch") == 1, "GitHub, a moved data flow that lost its SCCs: exit 1")
    summary = open(os.path.join(work, "step-summary.md")).read()
    check("| `record-embeddings` | default | scc | **none (dropped)** |" in summary
          and "1 dropped transfer mechanism" in summary, "GitHub: the summary names the flow and its dropped SCCs")

    # The pull request that first adds inventory.yaml: nothing to compare, nothing fails.
    work, repo, codes = run_github(sovaudit, None, clean, pull_request=True)
    check(codes and all(c == 0 for c in codes.values()), "GitHub, the pull request that adds inventory.yaml passes %s" % codes)
    check("new in this pull request" in open(os.path.join(work, "step-summary.md")).read(),
          "GitHub: its summary says there is no earlier inventory")
    recipe_text = open(os.path.join(ROOT, "examples/ci/github-actions.yml")).read()
    check(recipe_text.count("sovaudit diff ") == 1, "GitHub: the recipe runs the diff once")

    _, repo, code = run_gitlab(sovaudit, clean, clean, "sovaudit-scan")
    check(code == 0 and os.path.exists(os.path.join(repo, "review.md")), "GitLab, clean inventory: scan passes")
    _, repo, code = run_gitlab(sovaudit, risky, risky, "sovaudit-scan")
    check(code == 1 and os.path.exists(os.path.join(repo, "sovaudit.sarif")), "GitLab, existential risks: exit 1")
    recipe = yaml.safe_load(open(os.path.join(ROOT, "examples/ci/gitlab-ci.yml")))
    reports = recipe["sovaudit-scan"]["artifacts"]["reports"]
    quality, junit = (os.path.join(repo, reports[k]) for k in ("codequality", "junit"))
    validated = subprocess.run([sys.executable, os.path.join(ROOT, "tests/validators/check_gitlab.py"),
                                "--codequality", quality, "--junit", junit], capture_output=True, text=True)
    check(validated.returncode == 0, "GitLab: the Code Quality and JUnit reports the job declares are written "
                                     "and valid: " + validated.stdout.strip().splitlines()[-1])
    issues = json.load(open(quality))
    check(any(i["severity"] == "critical" and i["location"]["path"] == "inventory.yaml" for i in issues),
          "GitLab: Code Quality lists the existential findings on inventory.yaml")
    junit_text = open(junit).read()
    check(junit_text.count("<failure ") == 3 and "<skipped>" in junit_text,
          "GitLab: JUnit fails the three findings that trip the gate and skips the accepted one")
    _, repo, code = run_gitlab(sovaudit, clean, clean, "sovaudit-changes")
    check(code == 0 and os.path.exists(os.path.join(repo, "changes.md")), "GitLab, unchanged merge request passes")
    _, repo, code = run_gitlab(sovaudit, q3, q4, "sovaudit-changes")
    check(code == 1 and "Regression:" in open(os.path.join(repo, "changes.md")).read(),
          "GitLab, a merge request that regresses: exit 1, and changes.md says what got worse")
    _, repo, code = run_gitlab(sovaudit, None, clean, "sovaudit-changes")
    check(code == 0 and "new in this merge request" in open(os.path.join(repo, "changes.md")).read(),
          "GitLab, the merge request that first adds inventory.yaml: passes and says there is nothing to compare")

    # Every sovaudit command line of both recipes ran at least once.
    expected = set()
    for path in ("examples/ci/github-actions.yml", "examples/ci/gitlab-ci.yml"):
        for line in open(os.path.join(ROOT, path)):
            text = line.strip().lstrip("-").strip()
            if text.startswith("run:"):
                text = text[4:].strip()
            text = text.split(" || ")[0]
            if text.startswith("sovaudit "):
                expected.add(text)
    missing = expected - ran_lines
    check(not missing, "every sovaudit command line in the recipes ran (missing: %s)" % sorted(missing))

    print("%d failed" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    try:
        status = main()
    finally:
        for folder in scratch:
            shutil.rmtree(folder, ignore_errors=True)
    sys.exit(status)
