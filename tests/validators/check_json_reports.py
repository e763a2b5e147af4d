#!/usr/bin/env python3
"""Validates sovaudit's JSON report and SARIF output with python-jsonschema.

Usage: check_json_reports.py REPORT_SCHEMA SARIF_SCHEMA [--json FILE]... [--sarif FILE]...
Besides the official SARIF 2.1.0 schema, checks what GitHub code scanning needs and how it reads a
log: a ruleId on every result, short and full descriptions on every rule, relative artifact URIs,
regions with start and end, primaryLocationLineHash (the only fingerprint GitHub matches alerts by),
security-severity and the security tag only together and only on legal or data rules, a helpUri
anchor per rule that docs/rules.md has, related locations linked from the message, in-source
suppressions, and at most 25,000 results.
"""
import json
import os
import re
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


RULES_MD = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "docs", "rules.md")
# The rules whose findings are about whose law reaches data or where it is processed.
LEGAL_TAGS = {"residency", "jurisdiction", "sovereignty", "privacy", "gdpr"}
PRIMARY_HASH = re.compile(r"^[0-9a-f]{16}:[1-9][0-9]*$")


def github_anchors():
    """Anchors GitHub gives the headings of docs/rules.md: lower case, punctuation but '-' dropped."""
    with open(RULES_MD, encoding="utf-8") as f:
        return {re.sub(r"[^a-z0-9 _-]", "", line.lstrip("#").strip().lower()).replace(" ", "-")
                for line in f if line.startswith("#")}


def github_errors(path, sarif):
    errors = []
    anchors = github_anchors()
    for run in sarif.get("runs", []):
        rules = {r.get("id"): r for r in run.get("tool", {}).get("driver", {}).get("rules", [])}
        for rid, rule in rules.items():
            for key in ("shortDescription", "fullDescription"):
                if not rule.get(key, {}).get("text"):
                    errors.append(f"{path}: rule {rid} has no {key}.text")
            help_uri = rule.get("helpUri", "")
            if "#" not in help_uri or ("/docs/rules.md" in help_uri and help_uri.split("#", 1)[1] not in anchors):
                errors.append(f"{path}: rule {rid} helpUri {help_uri!r} is not an anchor of docs/rules.md")
            props = rule.get("properties", {})
            tags, severity = props.get("tags", []), props.get("security-severity")
            if ("security" in tags) != (severity is not None):
                errors.append(f"{path}: rule {rid} has the security tag xor a security-severity")
            if severity is not None:
                if not LEGAL_TAGS & set(tags):
                    errors.append(f"{path}: rule {rid} ({tags}) is not about legal or data exposure but has security-severity")
                if not 0.1 <= float(severity) <= 10:
                    errors.append(f"{path}: rule {rid} security-severity {severity} outside 0.1..10")
        results = run.get("results", [])
        if len(results) > 25000:
            errors.append(f"{path}: {len(results)} results; GitHub accepts at most 25,000 per run")
        if not run.get("invocations"):
            errors.append(f"{path}: no invocations (the run's notifications go there)")
        for i, result in enumerate(run.get("results", [])):
            where = f"{path}: results[{i}]"
            rid = result.get("ruleId")
            if not rid:
                errors.append(f"{where}: no ruleId")
            elif rid not in rules:
                errors.append(f"{where}: ruleId {rid} is not among the driver's rules")
            if not result.get("partialFingerprints"):
                errors.append(f"{where}: no partialFingerprints")
            elif not PRIMARY_HASH.match(result["partialFingerprints"].get("primaryLocationLineHash", "")):
                errors.append(f"{where}: no primaryLocationLineHash of the form <16 hex>:<n>")
            text = result.get("message", {}).get("text", "")
            for rel in result.get("relatedLocations", []):
                if f"]({rel.get('id')})" not in text:
                    errors.append(f"{where}: related location {rel.get('id')} is not linked from the message")
            for suppression in result.get("suppressions", []):
                if suppression.get("kind") != "inSource":
                    errors.append(f"{where}: an accepted risk in the inventory is an inSource suppression")
            for loc in result.get("locations", []) + result.get("relatedLocations", []):
                physical = loc.get("physicalLocation", {})
                uri = physical.get("artifactLocation", {}).get("uri", "")
                if not uri or uri.startswith("/") or "://" in uri:
                    errors.append(f"{where}: artifact URI {uri!r} is not relative to the repository root")
                region = physical.get("region", {})
                if region.get("startLine", 0) < 1:
                    errors.append(f"{where}: startLine must be >= 1")
                if (region.get("endLine", 0), region.get("endColumn", 0)) <= (region.get("startLine", 0), region.get("startColumn", 0)):
                    errors.append(f"{where}: the region must end after it starts: {region}")
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
