#!/usr/bin/env python3
"""The review and the bounded summary at 60 KB, 1 MB and 10 MB of generated inventory.

Usage: review_sizes.py SOVAUDIT VALIDATORS_DIR

For each size: the summary (markdown-summary) stays under 64 KiB; the review's executive summary
names at most 10 existential risks and an action at most 12 targets; every table over 30 rows is
folded into <details>; the diagram is legible (at most 40 nodes) or replaced by a note; the appendix
lists every finding of the JSON report exactly once. markdownlint checks every summary and the 60 KB
review, mermaid parses every diagram (linting a 15 MB review takes minutes; its structure is checked
here instead).
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
failures = []


def check(ok, what):
    print(("ok: " if ok else "FAIL: ") + what)
    if not ok:
        failures.append(what)


def sections(text):
    """Top-level sections by title."""
    out = {}
    for part in re.split(r"^(?=## )", text, flags=re.M):
        if part.startswith("## "):
            out[part.split("\n", 1)[0][3:]] = part
    return out


def tables_folded(text):
    """True when every table of more than 30 rows sits inside <details>."""
    inside = False
    rows = 0
    for line in text.split("\n"):
        if line == "<details>":
            inside = True
        elif line == "</details>":
            inside = False
        if line.startswith("| ") and not line.startswith("| ---"):
            rows += 1
        else:
            if rows - 1 > 30 and not inside:
                return False
            rows = 0
    return text.count("<details>") == text.count("</details>")


def main():
    sovaudit, validators = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    lint = [os.path.join(validators, "node_modules/.bin/markdownlint-cli2"), "--config",
            os.path.join(validators, ".markdownlint-cli2.jsonc")]
    work = tempfile.mkdtemp(prefix="sovaudit-sizes-")
    try:
        for size, target in (("60K", 60_000), ("1M", 1_000_000), ("10M", 10_000_000)):
            inventory = os.path.join(work, size + ".yaml")
            subprocess.run([sys.executable, os.path.join(ROOT, "tools/generate_inventory.py"), "--size", size,
                            "--seed", "3", "--output", inventory], check=True)
            actual = os.path.getsize(inventory)
            check(0.7 * target <= actual <= 1.3 * target, "%s: the generated inventory is %d bytes" % (size, actual))
            review, summary, report = (os.path.join(work, size + ext) for ext in (".md", ".summary.md", ".json"))
            run = subprocess.run([sovaudit, "scan", inventory, "--as-of", "2026-11-22", "--fail-on", "none",
                                  "--output", review, "--output", "markdown-summary:" + summary, "--output", report],
                                 capture_output=True, text=True)
            check(run.returncode == 0, "%s: scan exits 0 (%s)" % (size, run.stderr.strip()[:200]))
            text = open(review, encoding="utf-8").read()
            short = os.path.getsize(summary)
            check(short < 64 * 1024, "%s: the summary is %d bytes, under 64 KiB" % (size, short))
            parts = sections(text)
            bullets = re.findall(r"^  - ", parts.get("Executive summary", ""), flags=re.M)
            check(len(bullets) <= 11, "%s: the executive summary lists %d risks (10 and a line for the rest)"
                  % (size, len(bullets)))
            widest = max((len(re.findall(r"`[^`]+`", line.split(":", 1)[0])) for line in
                          parts.get("Actions", "").split("\n") if re.match(r"^\d+\. \*\*", line)), default=0)
            check(widest <= 12, "%s: an action names at most 12 targets (%d)" % (size, widest))
            check(tables_folded(text), "%s: every table over 30 rows is folded" % size)
            diagram = parts.get("Dependency diagram", "")
            nodes = len(re.findall(r"^  [cp]\d+[\[(]", diagram, flags=re.M))
            check(("```mermaid" in diagram and nodes <= 40) or "too large to read as a diagram" in diagram,
                  "%s: the diagram is legible (%d nodes) or replaced by a note" % (size, nodes))
            findings = json.load(open(report))["findings"]
            appendix = [l for l in parts.get("Appendix: every finding", "").split("\n")
                        if l.startswith("| ") and not l.startswith("| ---") and not l.startswith("| Severity")]
            check(len(appendix) == len(findings), "%s: the appendix lists all %d findings once (%d rows)"
                  % (size, len(findings), len(appendix)))
            files = [summary] + ([review] if size == "60K" else [])
            result = subprocess.run(lint + files, capture_output=True, text=True)
            check(result.returncode == 0, "%s: markdownlint passes %s %s" % (size, [os.path.basename(f) for f in files],
                                                                           result.stdout[-300:] + result.stderr[-300:]))
            result = subprocess.run(["node", os.path.join(validators, "check_mermaid.mjs"), review],
                                    capture_output=True, text=True)
            check(result.returncode == 0, "%s: mermaid parses the review's diagrams %s" % (size, result.stderr[-200:]))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("%d failed" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
