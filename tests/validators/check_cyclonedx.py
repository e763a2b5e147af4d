#!/usr/bin/env python3
"""Validates CycloneDX JSON files against the official CycloneDX 1.6 JSON Schema (python-jsonschema).

Usage: check_cyclonedx.py SCHEMA_DIR FILE... ; a FILE prefixed with '!' must be rejected, which proves
the check can fail. The schema's references (spdx.schema.json, jsf-0.82.schema.json) are resolved
from SCHEMA_DIR, never fetched.
"""
import json
import pathlib
import sys

import warnings

import jsonschema

warnings.filterwarnings("ignore", category=DeprecationWarning)


def validator_for(schema_dir):
    schema_dir = pathlib.Path(schema_dir)
    schema = json.loads((schema_dir / "bom-1.6.schema.json").read_text(encoding="utf-8"))
    store = {}
    for name in ("spdx.schema.json", "jsf-0.82.schema.json", "bom-1.6.schema.json"):
        document = json.loads((schema_dir / name).read_text(encoding="utf-8"))
        store[name] = document
        store["http://cyclonedx.org/schema/" + name] = document
        if "$id" in document:
            store[document["$id"]] = document
    resolver = jsonschema.RefResolver(base_uri="http://cyclonedx.org/schema/bom-1.6.schema.json", referrer=schema, store=store)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, resolver=resolver, format_checker=jsonschema.FormatChecker())


def main(schema_dir, files):
    validator = validator_for(schema_dir)
    failures = 0
    for spec in files:
        must_fail = spec.startswith("!")
        path = pathlib.Path(spec.lstrip("!"))
        document = json.loads(path.read_text(encoding="utf-8"))
        errors = sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.absolute_path)))
        if must_fail and not errors:
            print(f"{path}: expected the schema to reject it, but it validates")
            failures += 1
        elif not must_fail and errors:
            for e in errors[:10]:
                print(f"{path}: /{'/'.join(map(str, e.absolute_path))}: {e.message[:300]}")
            failures += 1
        else:
            print(f"{path}: {'rejected as expected' if must_fail else 'valid CycloneDX 1.6'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2:]))
