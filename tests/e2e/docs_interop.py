#!/usr/bin/env python3
"""docs/interop.md shows what the tests run: the drift and import goldens verbatim, the SaaSBOM
excerpt as the import writes it, and the catalogue as `sovaudit catalogue --markdown` prints it.
Usage: docs_interop.py SOVAUDIT"""
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]


def main(binary):
    doc = (ROOT / "docs" / "interop.md").read_text(encoding="utf-8")
    expected = ROOT / "tests" / "e2e" / "expected" / "drift"
    failures = 0
    for name in ("fixture.txt", "import_invalid.stderr"):
        if (expected / name).read_text(encoding="utf-8") not in doc:
            print(f"FAIL: docs/interop.md does not show tests/e2e/expected/drift/{name} as it is")
            failures += 1
    excerpt = doc.split("```yaml\n", 1)[1].split("```", 1)[0]
    if excerpt not in (expected / "saasbom.yaml").read_text(encoding="utf-8"):
        print("FAIL: the SaaSBOM excerpt is not what import writes")
        failures += 1
    catalogue = subprocess.run([binary, "catalogue", "--markdown"], capture_output=True, text=True, check=True).stdout
    if not doc.endswith(catalogue):
        print("FAIL: the catalogue in docs/interop.md is not `sovaudit catalogue --markdown`")
        failures += 1
    print(f"{failures} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
