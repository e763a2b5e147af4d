#!/usr/bin/env python3
"""Validates sovaudit's JSON report and SARIF output with python-jsonschema.

Usage: check_json_reports.py REPORT_SCHEMA SARIF_SCHEMA [--json FILE]... [--sarif FILE]...
Besides the official SARIF 2.1.0 schema, checks what GitHub code scanning needs: a ruleId on every
result, short and full descriptions on every rule, relative artifact URIs and startLine >= 1.
"""
import json
import sys

import jsonschema


def validator(schema_path):
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=jsonschema.FormatChecker())


def schema_errors(v, path):
    with open(path, encoding="utf-8") as f:
        document = json.load(f)
    return document, [f"{path}: /{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in v.iter_errors(document)]


def github_errors(path, sarif):
    errors = []
    for run in sarif.get("runs", []):
        rules = {r.get("id"): r for r in run.get("tool", {}).get("driver", {}).get("rules", [])}
        for rid, rule in rules.items():
            for key in ("shortDescription", "fullDescription"):
                if not rule.get(key, {}).get("text"):
                    errors.append(f"{path}: rule {rid} has no {key}.text")
        for i, result in enumerate(run.get("results", [])):
            where = f"{path}: results[{i}]"
            rid = result.get("ruleId")
            if not rid:
                errors.append(f"{where}: no ruleId")
            elif rid not in rules:
                errors.append(f"{where}: ruleId {rid} is not among the driver's rules")
            if not result.get("partialFingerprints"):
                errors.append(f"{where}: no partialFingerprints")
            for loc in result.get("locations", []) + result.get("relatedLocations", []):
                physical = loc.get("physicalLocation", {})
                uri = physical.get("artifactLocation", {}).get("uri", "")
                if not uri or uri.startswith("/") or "://" in uri:
                    errors.append(f"{where}: artifact URI {uri!r} is not relative to the repository root")
                if physical.get("region", {}).get("startLine", 0) < 1:
                    errors.append(f"{where}: startLine must be >= 1")
    return errors


def main(argv):
    report_v, sarif_v = validator(argv[0]), validator(argv[1])
    errors, checked = [], 0
    args = argv[2:]
    for flag, path in zip(args[::2], args[1::2]):
        checked += 1
        if flag == "--json":
            errors += schema_errors(report_v, path)[1]
        elif flag == "--sarif":
            document, found = schema_errors(sarif_v, path)
            errors += found + github_errors(path, document)
        else:
            errors.append(f"unknown flag {flag}")
    for e in errors:
        print(e)
    print(f"{checked - min(checked, len(errors))} passed, {len(errors)} failed" if errors else f"{checked} passed, 0 failed")
    return 1 if errors or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
