#!/usr/bin/env python3
"""Every ```console block of a doc that starts with `$ sovaudit ...` shows what that command prints
today: it is run from the repository root and its standard error, then standard output, must be the
rest of the block. Usage: docs_console.py SOVAUDIT DOC..."""
import pathlib
import shlex
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]


def blocks(text):
    """(command, shown output) of each console block."""
    for chunk in text.split("```console\n")[1:]:
        body = chunk.split("```", 1)[0]
        first, _, rest = body.partition("\n")
        if first.startswith("$ sovaudit "):
            yield first[2:], rest


def main(binary, docs):
    failures = 0
    checked = 0
    for doc in docs:
        text = (ROOT / doc).read_text(encoding="utf-8")
        for command, shown in blocks(text):
            args = shlex.split(command)
            run = subprocess.run([binary] + args[1:], cwd=ROOT, capture_output=True, text=True)
            checked += 1
            if run.stderr + run.stdout != shown:
                print(f"FAIL: {doc}: `{command}` prints something else now:\n{run.stderr}{run.stdout}")
                failures += 1
    if checked == 0:
        print("FAIL: no console block was found")
        failures += 1
    print(f"{checked} command(s) checked, {failures} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2:]))
