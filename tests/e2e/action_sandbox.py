"""Runs the composite GitHub Action in action.yml the way a runner does, without GitHub: each `run:`
step in bash (-eo pipefail, as `shell: bash` does) with its `env:`, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY,
GITHUB_WORKSPACE, GITHUB_PATH and RUNNER_TEMP; `${{ }}` expressions for inputs, github.action_path,
runner.temp, runner.os and steps.<id>.outputs.<name>, and nothing else (an unknown expression is an
error, so the sandbox never guesses). actions/cache is checked, not run: its key must be the key
step's output and its path where the install step looks, and the cache is "restored" by placing the
binary under test there. The action's outputs are evaluated from its `outputs:` section."""
import os
import re
import shutil
import subprocess
import tempfile

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


class ActionRun:
    """What one run of the action left: exit code, outputs, job summary, console and step outputs."""

    def __init__(self):
        self.exit_code = 0
        self.outputs = {}
        self.summary = ""
        self.console = ""
        self.steps = {}
        self.cache = None
        self.failed_step = None


def _evaluate(text, context):
    def replace(match):
        expression = match.group(1)
        parts = expression.split(".")
        if parts[0] == "inputs" and len(parts) == 2:
            return context["inputs"][parts[1]]
        if expression in ("github.action_path", "runner.temp", "runner.os", "github.workspace"):
            return context[expression]
        if parts[0] == "steps" and len(parts) == 4 and parts[2] == "outputs":
            return context["steps"].get(parts[1], {}).get(parts[3], "")
        raise ValueError(f"the sandbox does not evaluate ${{{{ {expression} }}}}")

    return EXPRESSION.sub(replace, str(text))


def _read_outputs(path):
    values = {}
    if os.path.exists(path):
        for line in open(path, encoding="utf-8"):
            if "=" in line:
                key, value = line.rstrip("\n").split("=", 1)
                values[key] = value
    return values


def run_action(workspace, inputs, sovaudit, env=None, cached=True, work=None):
    """Runs action.yml in `workspace` with `inputs` (missing ones take their defaults). `cached`
    places `sovaudit` where the cache would restore the build; `env` adds variables (PATH too)."""
    action = yaml.safe_load(open(os.path.join(ROOT, "action.yml"), encoding="utf-8"))
    assert action["runs"]["using"] == "composite", "the action is a composite action"
    unknown = set(inputs) - set(action["inputs"])
    assert not unknown, f"the action has no input {unknown}"
    own_work = work is None
    work = work or tempfile.mkdtemp(prefix="sovaudit-action-")
    runner_temp = os.path.join(work, "runner-temp")
    os.makedirs(runner_temp, exist_ok=True)
    summary_path = os.path.join(work, "step-summary.md")
    open(summary_path, "a").close()
    context = {
        "inputs": {name: str(inputs.get(name, spec.get("default", ""))) for name, spec in action["inputs"].items()},
        "github.action_path": ROOT,
        "github.workspace": workspace,
        "runner.temp": runner_temp,
        "runner.os": "Linux",
        "steps": {},
    }
    result = ActionRun()
    base_env = dict(os.environ)
    base_env.update(env or {})
    base_env.update({"GITHUB_STEP_SUMMARY": summary_path, "GITHUB_WORKSPACE": workspace, "RUNNER_TEMP": runner_temp,
                     "GITHUB_PATH": os.path.join(work, "github-path"), "GITHUB_ACTIONS": "true", "CI": "true"})
    try:
        for index, step in enumerate(action["runs"]["steps"]):
            step_id = step.get("id", f"step{index}")
            if "uses" in step:
                assert step["uses"].startswith("actions/cache@"), f"unexpected action {step['uses']}"
                result.cache = {key: _evaluate(value, context) for key, value in step["with"].items()}
                if cached:
                    os.makedirs(result.cache["path"], exist_ok=True)
                    target = os.path.join(result.cache["path"], "sovaudit")
                    if not os.path.exists(target):
                        shutil.copy(sovaudit, target)
                continue
            assert step.get("shell") == "bash", f"step {step.get('name')} must say shell: bash"
            output_path = os.path.join(work, f"output-{index}")
            open(output_path, "w").close()
            step_env = dict(base_env)
            step_env["GITHUB_OUTPUT"] = output_path
            step_env.update({key: _evaluate(value, context) for key, value in step.get("env", {}).items()})
            script = _evaluate(step["run"], context)
            run = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script], cwd=workspace,
                                 env=step_env, capture_output=True, text=True, timeout=600)
            result.console += run.stdout + run.stderr
            context["steps"][step_id] = _read_outputs(output_path)
            if run.returncode != 0:
                result.exit_code = run.returncode
                result.failed_step = step.get("name", step_id)
                break
        result.steps = context["steps"]
        result.outputs = {name: _evaluate(spec["value"], context) for name, spec in action["outputs"].items()}
        result.summary = open(summary_path, encoding="utf-8").read()
    finally:
        if own_work:
            shutil.rmtree(work, ignore_errors=True)
    return result
