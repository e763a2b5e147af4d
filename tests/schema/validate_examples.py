#!/usr/bin/env python3
"""Checks schemas/inventory.schema.json with an independent validator (python-jsonschema).

Every shipped example must validate and point editors at the schema; every file under the
rejected/ folder must fail exactly where its `# expect: <path>` comment says, which proves the
schema (and this test) can fail.
"""
import json
import pathlib
import re
import sys

import jsonschema
import yaml

BOOL_TAG = "tag:yaml.org,2002:bool"
TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


class Yaml12Loader(yaml.SafeLoader):
    """PyYAML reads YAML 1.1 (NO is false, dates become objects); sovaudit reads YAML 1.2."""


Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in (BOOL_TAG, TIMESTAMP_TAG)]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Yaml12Loader.add_implicit_resolver(BOOL_TAG, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def errors_of(validator, path):
    document = yaml.load(path.read_text(encoding="utf-8"), Loader=Yaml12Loader)
    return sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.absolute_path)))


def main(schema_path, examples_dir, rejected_dir):
    schema = json.loads(pathlib.Path(schema_path).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    failures = 0

    examples = sorted(pathlib.Path(examples_dir).glob("*.yaml"))
    if len(examples) < 3:
        print(f"FAIL: expected at least 3 examples in {examples_dir}, found {len(examples)}")
        failures += 1
    for example in examples:
        first_line = example.read_text(encoding="utf-8").splitlines()[0]
        if "yaml-language-server: $schema=" not in first_line:
            print(f"FAIL {example.name}: first line does not point editors at the schema")
            failures += 1
        errors = errors_of(validator, example)
        for error in errors:
            print(f"FAIL {example.name}: /{'/'.join(map(str, error.absolute_path))}: {error.message}")
        failures += len(errors)
        if not errors:
            print(f"ok   {example.name} validates")

    rejected = sorted(pathlib.Path(rejected_dir).glob("*.yaml"))
    if not rejected:
        print(f"FAIL: no rejected cases in {rejected_dir}")
        failures += 1
    for case in rejected:
        match = re.search(r"^# expect: (\S*)$", case.read_text(encoding="utf-8"), re.M)
        if not match:
            print(f"FAIL {case.name}: no '# expect: <path>' line")
            failures += 1
            continue
        paths = ["/" + "/".join(map(str, e.absolute_path)) for e in errors_of(validator, case)]
        if match.group(1) in paths:
            print(f"ok   {case.name} is rejected at {match.group(1)}")
        else:
            print(f"FAIL {case.name}: expected an error at {match.group(1)}, got {paths or 'none'}")
            failures += 1

    checked = len(examples) + len(rejected)
    print(f"{max(checked - failures, 0)} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
