#!/usr/bin/env python3
"""The shell's conventions, run on the real binary: '-' for standard input and output, FORCE_COLOR
and CLICOLOR_FORCE, --color after the command, --quiet, progress on a terminal's stderr only, and
options from .sovaudit.toml, --config and SOVAUDIT_* with command line over environment over file.
Usage: shell_conventions.py SOVAUDIT SOURCE_DIR"""
import json
import os
import pty
import subprocess
import sys
import tempfile

BIN, SOURCE = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
EXAMPLE = os.path.join(SOURCE, "examples", "eu-health-tech.yaml")  # existential findings: gate trips
STALE = os.path.join(SOURCE, "tests", "cases", "stale-acceptances.yaml")  # warnings, no findings that gate
INVALID = os.path.join(SOURCE, "tests", "e2e", "invalid", "eight_mistakes.yaml")  # errors and a warning
failures = 0


def check(what, condition, detail=""):
    global failures
    print(("ok: " if condition else "FAIL: ") + what + ("" if condition else f"\n  {detail}"))
    failures += 0 if condition else 1


def run(args, cwd, env=None, stdin=None):
    environment = {k: v for k, v in os.environ.items()
                   if not k.startswith("SOVAUDIT_") and k not in ("FORCE_COLOR", "CLICOLOR_FORCE", "NO_COLOR")}
    environment.update(env or {})
    return subprocess.run([BIN] + args, cwd=cwd, env=environment, input=stdin, capture_output=True, timeout=120)


with tempfile.TemporaryDirectory() as work:
    day = ["--as-of", "2026-11-22"]
    text = open(EXAMPLE, "rb").read()

    # '-' reads standard input; --output FORMAT:- writes that report to standard output alone.
    r = run(["scan", "-", "--format", "json", "--fail-on", "none"] + day, work, stdin=text)
    check("scan - reads the inventory from standard input", r.returncode == 0 and
          json.loads(r.stdout)["inventory"]["organization"] == "Medivia Health GmbH", r.stderr)
    r = run(["scan", EXAMPLE, "--output", "sarif:-", "--fail-on", "none"] + day, work)
    check("--output sarif:- puts the SARIF log alone on standard output",
          r.returncode == 0 and json.loads(r.stdout)["version"] == "2.1.0", r.stdout[:200])
    r = run(["scan", "-", "--fail-on", "existential"] + day, work, stdin=text)
    check("the gate holds for standard input (exit 1)", r.returncode == 1, r.returncode)
    r = run(["validate", "-"], work, stdin=b"version: 1\nproviders: [\n")
    check("diagnostics name standard input <stdin>", r.returncode == 2 and b"<stdin>:" in r.stderr, r.stderr)

    # Colour: --color after the command; FORCE_COLOR and CLICOLOR_FORCE off a terminal; never wins.
    esc = b"\x1b["
    r = run(["validate", INVALID, "--color", "always"], work)
    check("--color always after the command colours diagnostics", esc in r.stderr, r.stderr[:200])
    r = run(["validate", INVALID], work)
    check("no colour off a terminal by default", esc not in r.stderr, r.stderr[:200])
    for variable in ("FORCE_COLOR", "CLICOLOR_FORCE"):
        r = run(["validate", INVALID], work, env={variable: "1"})
        check(f"{variable}=1 colours output that is not a terminal", esc in r.stderr, r.stderr[:200])
        r = run(["validate", INVALID], work, env={variable: "0"})
        check(f"{variable}=0 does not", esc not in r.stderr, r.stderr[:200])
    r = run(["validate", INVALID, "--color", "never"], work, env={"FORCE_COLOR": "1"})
    check("--color never wins over FORCE_COLOR", esc not in r.stderr, r.stderr[:200])
    r = run(["scan", EXAMPLE, "--fail-on", "none"] + day, work, env={"CLICOLOR_FORCE": "1"})
    check("CLICOLOR_FORCE colours the terminal table too", esc in r.stdout, r.stdout[:200])

    # --quiet: errors only, no table unless --format; exit codes unchanged; files still written.
    r = run(["scan", STALE, "--quiet"] + day, work)
    check("--quiet: a scan with warnings prints nothing", r.stdout == b"" and r.stderr == b"", r.stderr[:300])
    r = run(["scan", STALE] + day, work)
    check("(without --quiet the same scan warns)", b"warning:" in r.stderr, r.stderr[:200])
    r = run(["scan", EXAMPLE, "--quiet"] + day, work)
    check("--quiet keeps the gate's exit code", r.returncode == 1 and r.stdout == b"", r.returncode)
    r = run(["--quiet", "scan", EXAMPLE, "--format", "json", "--output", "review.md"] + day, work)
    check("--quiet still writes --format and --output", r.stdout.startswith(b"{") and
          os.path.getsize(os.path.join(work, "review.md")) > 0, r.stderr)
    r = run(["validate", INVALID, "-q"], work)
    check("--quiet: validate prints errors but no warnings", r.returncode == 2 and b"error:" in r.stderr and
          b"warning:" not in r.stderr and b"8 errors generated" in r.stderr, r.stderr[-300:])
    r = run(["validate", EXAMPLE, "--quiet"], work)
    check("--quiet: a valid inventory prints nothing", r.returncode == 0 and r.stdout == b"" and r.stderr == b"")
    r = run(["diff", EXAMPLE, EXAMPLE, "--quiet"] + day, work)
    check("--quiet: diff prints nothing without --format", r.returncode == 0 and r.stdout == b"", r.stdout[:100])
    r = run(["init", "new.yaml", "--quiet"], work)
    check("--quiet: init writes the file silently", r.returncode == 0 and r.stdout == b"" and
          os.path.exists(os.path.join(work, "new.yaml")))

    # Progress: a large scan on a terminal shows its stages on stderr, and erases them.
    big = os.path.join(work, "big.yaml")
    subprocess.run([sys.executable, os.path.join(SOURCE, "tools", "generate_inventory.py"), "--size", "2M",
                    "--seed", "3", "--output", big], check=True)
    parent, child = pty.openpty()
    with open(os.path.join(work, "report.json"), "wb") as out:
        process = subprocess.Popen([BIN, "scan", big, "--format", "json", "--fail-on", "none"] + day, cwd=work,
                                   stdout=out, stderr=child, stdin=subprocess.DEVNULL)
        os.close(child)
        seen = b""
        while True:
            try:
                chunk = os.read(parent, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
        process.wait()
    os.close(parent)
    check("a large scan on a terminal shows progress on stderr",
          b"sovaudit: analysing" in seen and b"sovaudit: running the rules" in seen, seen[:300])
    check("and erases it when done", seen.endswith(b"\r\x1b[K"), seen[-40:])
    check("standard output still holds the report alone",
          json.load(open(os.path.join(work, "report.json")))["schema_version"] == 1)
    r = run(["scan", big, "--format", "json", "--fail-on", "none"] + day, work)
    check("no progress when stderr is not a terminal", b"sovaudit:" not in r.stderr, r.stderr[:200])

    # Config file and environment: command line > environment > file.
    project = os.path.join(work, "project")
    os.mkdir(project)
    with open(os.path.join(project, ".sovaudit.toml"), "w") as f:
        f.write('# sovaudit settings for this repository\n[scan]\nfail-on = "none"\nas_of = "2026-11-22"\n')
    r = run(["scan", EXAMPLE, "--format", "json"], project)
    report = json.loads(r.stdout) if r.stdout else {}
    check(".sovaudit.toml in the working directory sets scan options (fail-on none, as_of)",
          r.returncode == 0 and report.get("as_of") == "2026-11-22", r.stderr)
    r = run(["scan", EXAMPLE], project, env={"SOVAUDIT_FAIL_ON": "existential"})
    check("SOVAUDIT_FAIL_ON wins over the file", r.returncode == 1, r.returncode)
    r = run(["scan", EXAMPLE, "--fail-on", "none"], project, env={"SOVAUDIT_FAIL_ON": "existential"})
    check("the command line wins over the environment", r.returncode == 0, r.returncode)
    r = run(["scan", EXAMPLE, "--format", "json"], work, env={"SOVAUDIT_AS_OF": "2026-10-01", "SOVAUDIT_FAIL_ON": "none"})
    check("SOVAUDIT_AS_OF sets --as-of", json.loads(r.stdout)["as_of"] == "2026-10-01", r.stderr)
    with open(os.path.join(work, "strict.toml"), "w") as f:
        f.write('color = "never"\n[scan]\nfail-on = "advisory"\n')
    r = run(["scan", EXAMPLE, "--config", os.path.join(work, "strict.toml"), "--format", "json"] + day, project)
    check("--config names another file, which replaces .sovaudit.toml",
          r.returncode == 1 and json.loads(r.stdout)["summary"]["fail_on"] == "advisory", r.stderr)
    r = run(["scan", EXAMPLE, "--format", "sarif", "--fail-on", "none"] + day, SOURCE,
            env={"SOVAUDIT_SARIF_CATEGORY": "inventories/eu"})
    check("SOVAUDIT_SARIF_CATEGORY sets automationDetails.id",
          json.loads(r.stdout)["runs"][0]["automationDetails"]["id"] == "inventories/eu/", r.stderr)
    os.mkfifo(os.path.join(work, "fifo.toml"))
    for config in ("/dev/zero", os.path.join(work, "fifo.toml")):
        r = run(["scan", EXAMPLE, "--config", config], work)
        check(f"--config {os.path.basename(config)} is refused at once, not read forever",
              r.returncode == 2 and b"is not a regular file" in r.stderr, r.stderr)
    r = run(["scan", EXAMPLE, "--config", "missing.toml"], work)
    check("a missing --config file is an error", r.returncode == 2 and
          r.stderr == b"sovaudit: error: --config: cannot read 'missing.toml'; no such file\n", r.stderr)
    with open(os.path.join(project, ".sovaudit.toml"), "w") as f:
        f.write('[scan]\nfail-onn = "none"\n')
    r = run(["scan", EXAMPLE], project)
    check("a misspelt key is an error with a suggestion, never ignored", r.returncode == 2 and
          r.stderr == b".sovaudit.toml:2:1: error: [scan] has no option 'fail-onn' (did you mean 'fail-on'?)\n",
          r.stderr)
    r = run(["validate", EXAMPLE], work, env={"SOVAUDIT_PRICE_MULTIPLIER": "abc"})
    check("a variable for scan and diff does not reach validate", r.returncode == 0, r.stderr)
    r = run(["scan", EXAMPLE] + day, work, env={"SOVAUDIT_PRICE_MULTIPLIER": "abc"})
    check("a bad value from the environment names its variable", r.returncode == 2 and
          b"is not a finite number in range 1 to 100 (from SOVAUDIT_PRICE_MULTIPLIER)" in r.stderr, r.stderr)
    r = run(["scan", "--help"], work, env={"SOVAUDIT_PRICE_MULTIPLIER": "abc"})
    check("--help answers whatever the environment holds", r.returncode == 0 and b"Examples:" in r.stdout, r.stderr)
    with open(os.path.join(project, ".sovaudit.toml"), "w") as f:
        f.write('[diff]\nprice-multiplier = "abc"\n')
    r = run(["validate", EXAMPLE], project)
    check("another command's table does not break validate", r.returncode == 0, r.stderr)
    r = run(["diff", "--help"], project)
    check("and whatever the config file holds", r.returncode == 0 and b"Examples:" in r.stdout, r.stderr)
    r = run(["diff", EXAMPLE, EXAMPLE] + day, project)
    check("and a bad value from the file names the file", r.returncode == 2 and
          b"(from .sovaudit.toml:2:1)" in r.stderr, r.stderr)
    with open(os.path.join(project, ".sovaudit.toml"), "w") as f:
        f.write('fail-on = "none"\n')
    r = run(["scan", EXAMPLE], project)
    check("a command's option at the top level says where it goes", r.returncode == 2 and
          r.stderr == b".sovaudit.toml:1:1: error: 'fail-on' is an option of scan, not a global one; put it under [scan]\n",
          r.stderr)

print(f"{failures} failure(s)")
sys.exit(1 if failures else 0)
