#!/usr/bin/env python3
"""Replays every step of `sovaudit plan` with `sovaudit what-if` and checks that the figures agree.

For each inventory: the plan's JSON gives, per step, the changes through that step ("replay"); the
what-if of those changes must report the plan's "before" figures of step 1 as its own "before" and
the step's "after" figures as its "after", exactly. Also checks that the plan is the same when the
inventory's lists are given in reverse order (ids, not positions, decide).
"""
import json
import subprocess
import sys
import tempfile

import yaml  # PyYAML, from Debian's python3-yaml


def run_json(args):
    done = subprocess.run(args, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"FAIL: {' '.join(args)} exited {done.returncode}: {done.stderr}")
    return json.loads(done.stdout)


def main():
    binary, as_of, budget, inventories = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
    failures = 0
    for inventory in inventories:
        plan = run_json([binary, "plan", inventory, "--as-of", as_of, "--budget-weeks", budget, "--format", "json"])
        if not plan["steps"]:
            print(f"FAIL: {inventory}: the plan has no step, so nothing is replayed")
            failures += 1
        for number, step in enumerate(plan["steps"], start=1):
            replayed = run_json([binary, "what-if", inventory, "--as-of", as_of, "--format", "json"] + step["replay"])
            if replayed["command"] != "what-if":
                print(f"FAIL: {inventory} step {number}: what-if JSON says command {replayed['command']}")
                failures += 1
            for side, expected in (("before", plan["start"]), ("after", step["after"])):
                if replayed["figures"][side] != expected:
                    print(f"FAIL: {inventory} step {number} {side}: what-if {replayed['figures'][side]} "
                          f"!= plan {expected}")
                    failures += 1
        print(f"ok: {inventory}: {len(plan['steps'])} steps replayed")
        # The same inventory with every list reversed plans the same steps.
        with open(inventory, encoding="utf-8") as f:
            doc = yaml.safe_load(f)
        for key in ("providers", "capabilities", "data_flows", "accepted_risks"):
            if isinstance(doc.get(key), list):
                doc[key].reverse()
        with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False, encoding="utf-8") as out:
            yaml.safe_dump(doc, out, sort_keys=False)
            reversed_path = out.name
        again = run_json([binary, "plan", reversed_path, "--as-of", as_of, "--budget-weeks", budget, "--format",
                          "json"])
        keys = [s["action"]["key"] for s in plan["steps"]]
        keys_again = [s["action"]["key"] for s in again["steps"]]
        if keys != keys_again or [s["after"] for s in plan["steps"]] != [s["after"] for s in again["steps"]]:
            print(f"FAIL: {inventory}: reversing the lists changes the plan: {keys} vs {keys_again}")
            failures += 1
        else:
            print(f"ok: {inventory}: the same plan with every list reversed")
    if failures:
        print(f"{failures} failure(s)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
