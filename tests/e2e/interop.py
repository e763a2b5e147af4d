#!/usr/bin/env python3
"""CycloneDX in and out on the shipped examples, as docs/interop.md shows them.

Usage: interop.py SOVAUDIT [CDXGEN]
  * export -> import -> export is stable for every field CycloneDX carries, for every example;
  * the specification's example BOMs import and the result validates; the invalid one is refused
    at the offending field; import never overwrites without --force;
  * drift and scan --observed on the committed cdxgen SBOMs find exactly the shadow and unseen
    providers of tests/interop/inventory.yaml, with SARIF pointing into both files;
  * with CDXGEN, the SBOMs are generated afresh from tests/interop/projects and give the same drift.
"""
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
INTEROP = ROOT / "tests" / "interop"
PROJECTS = {"support-assistant": "js", "claims-triage": "python", "rag-search": "go", "claims-summary": "java"}
EXPECTED_DRIFT = {
    ("SOV-SHADOW-PROVIDER", "azure-openai"),
    ("SOV-SHADOW-PROVIDER", "pinecone"),
    ("SOV-SHADOW-PROVIDER", "qdrant"),
    ("SOV-SHADOW-PROVIDER", "weaviate"),
    ("SOV-UNSEEN-PROVIDER", "mistral"),
}
failures = 0


def check(what, ok, detail=""):
    global failures
    if ok:
        print(f"ok: {what}")
    else:
        failures += 1
        print(f"FAIL: {what}\n{detail}")


def run(binary, *args):
    return subprocess.run([binary, *map(str, args)], capture_output=True, text=True, cwd=ROOT)


def carried(path):
    """What CycloneDX itself carries, with the BOM's own serial number taken out of its BOM-Links."""
    text = pathlib.Path(path).read_text(encoding="utf-8")
    serial = json.loads(text)["serialNumber"][len("urn:uuid:"):]
    d = json.loads(text.replace(f"urn:cdx:{serial}/1", "urn:cdx:SELF/1"))

    def service(s):
        kept = {k: s.get(k) for k in ("bom-ref", "name", "provider", "endpoints", "x-trust-boundary", "trustZone", "data")}
        kept["services"] = [service(x) for x in s.get("services", [])]
        return kept

    return {
        "services": [service(s) for s in d.get("services", [])],
        "components": [{k: c.get(k) for k in ("bom-ref", "type", "name", "supplier")} for c in d.get("components", [])],
        "dependencies": d.get("dependencies"),
    }


def round_trip(binary, work):
    for example in sorted((ROOT / "examples").glob("*.yaml")):
        first, imported, second = work / f"{example.stem}-1.cdx.json", work / f"{example.stem}.yaml", work / f"{example.stem}-2.cdx.json"
        run(binary, "scan", example, "--as-of", "2026-11-22", "--quiet", "--output", first)
        r = run(binary, "import", "cyclonedx", first, "--as-of", "2026-11-22", "--output", imported)
        check(f"{example.name}: its export imports", r.returncode == 0, r.stderr)
        v = run(binary, "validate", imported)
        check(f"{example.name}: the imported inventory validates", v.returncode == 0, v.stderr)
        run(binary, "scan", imported, "--as-of", "2026-11-22", "--quiet", "--output", second)
        a, b = carried(first), carried(second)
        for key in a:
            check(f"{example.name}: export -> import -> export keeps {key}", a[key] == b[key],
                  json.dumps(a[key], indent=1)[:2000] + "\n---\n" + json.dumps(b[key], indent=1)[:2000])
        again = run(binary, "scan", example, "--as-of", "2026-11-22", "--quiet", "--output", "cyclonedx:-")
        check(f"{example.name}: the export is byte-identical run after run", again.stdout == first.read_text(encoding="utf-8"))


def spec_examples(binary, work):
    for bom in sorted((INTEROP / "spec-examples").glob("valid-*.json")):
        out = work / f"{bom.stem}.yaml"
        r = run(binary, "import", "cyclonedx", bom, "--as-of", "2026-11-22", "--output", out)
        check(f"{bom.name} imports", r.returncode == 0, r.stderr)
        v = run(binary, "validate", out)
        check(f"{bom.name}: the starter validates", v.returncode == 0, v.stderr)
    saas = (work / "valid-saasbom-1.6.yaml").read_text(encoding="utf-8")
    check("the SaaSBOM's nested services become upstreams", "- {provider: microservice-1}" in saas, saas[:3000])
    check("its PII becomes personal data, its PIFI financial",
          "data: [personal]" in saas and "data: [financial]" in saas, saas)
    check("a classification with no sovaudit class is left as a comment",
          "# data Consumer to Stock Service: Customer: no sovaudit data class matches" in saas, saas)
    bad = INTEROP / "spec-examples" / "invalid-service-data-1.6.json"
    r = run(binary, "import", "cyclonedx", bad.relative_to(ROOT), "--output", work / "never.yaml")
    check("the invalid example is refused with exit 2", r.returncode == 2, r.stderr)
    check("at the offending field", r.stderr.startswith(
        "tests/interop/spec-examples/invalid-service-data-1.6.json:16:19: error: /services/0/data/0/flow: 'flow' is 'bar'; "
        "CycloneDX allows inbound, outbound, bi-directional or unknown\n"), r.stderr)
    check("and nothing is written", not (work / "never.yaml").exists())
    target = work / "mine.yaml"
    target.write_text("# my edits\n", encoding="utf-8")
    r = run(binary, "import", "cyclonedx", INTEROP / "spec-examples" / "valid-service-1.6.json", "--output", target)
    check("import refuses to overwrite without --force", r.returncode == 2 and "--force" in r.stderr
          and target.read_text(encoding="utf-8") == "# my edits\n", r.stderr)
    r = run(binary, "import", "cyclonedx", INTEROP / "spec-examples" / "valid-service-1.6.json", "--output", target, "--force")
    check("and replaces it with --force", r.returncode == 0 and "stock-ticker-service" in target.read_text(encoding="utf-8"), r.stderr)


def drift_findings(binary, sboms, *extra):
    args = ["drift", INTEROP / "inventory.yaml", "--as-of", "2026-11-22", "--format", "json", *extra]
    for sbom in sboms:
        args += ["--observed", sbom]
    r = run(binary, *args)
    report = json.loads(r.stdout) if r.stdout else {"findings": []}
    return r, {(f["rule"], f["target"]) for f in report["findings"]}, report


def drift(binary, sboms, label, work):
    r, found, report = drift_findings(binary, sboms, "--observed-complete")
    check(f"{label}: drift finds exactly the shadow and unseen providers", found == EXPECTED_DRIFT,
          f"got {sorted(found)}\n{r.stderr}")
    check(f"{label}: drift exits 1 on the material shadow providers", r.returncode == 1, r.stderr)
    r, found, _ = drift_findings(binary, sboms)
    check(f"{label}: without --observed-complete no unseen provider is reported",
          found == {f for f in EXPECTED_DRIFT if f[0] == "SOV-SHADOW-PROVIDER"}, sorted(found))
    if label != "committed SBOMs":
        return
    shadow = next(f for f in report["findings"] if f["target"] == "pinecone")
    place = shadow["related_locations"][0]
    check("a shadow finding points at the component in the SBOM",
          place["file"].endswith("support-assistant.cdx.json") and place["role"] == "observed"
          and place["id"].startswith("/components/"), place)
    sarif = work / "drift.sarif"
    args = ["scan", INTEROP / "inventory.yaml", "--as-of", "2026-11-22", "--observed-complete", "--fail-on", "material",
            "--output", sarif, "--quiet"]
    for sbom in sboms:
        args += ["--observed", sbom]
    r = run(binary, *args)
    check("scan --observed adds the drift findings to the gate", r.returncode == 1, r.stderr)
    log = json.loads(sarif.read_text(encoding="utf-8"))
    uris = [a["location"]["uri"] for a in log["runs"][0]["artifacts"]]
    check("SARIF lists the inventory and every SBOM as artifacts",
          uris == ["tests/interop/inventory.yaml"] + [f"tests/interop/sboms/{p}.cdx.json" for p in PROJECTS], uris)
    result = next(x for x in log["runs"][0]["results"] if x["ruleId"] == "SOV-SHADOW-PROVIDER")
    primary = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    declare = result["relatedLocations"][-1]["physicalLocation"]["artifactLocation"]["uri"]
    check("a shadow alert sits on the SBOM and links the inventory's providers line",
          primary.startswith("tests/interop/sboms/") and declare == "tests/interop/inventory.yaml", result)


def fresh_sboms(cdxgen, work):
    sboms = []
    for project, kind in PROJECTS.items():
        out = work / f"{project}.cdx.json"
        # Offline: no license lookups, and Maven never tries the network (cdxgen then reads pom.xml).
        env = dict(os.environ, FETCH_LICENSE="false", MVN_ARGS="-o")
        r = subprocess.run([cdxgen, "-t", kind, "--spec-version", "1.6", "--no-install-deps", "-o", str(out), project],
                           capture_output=True, text=True, cwd=INTEROP / "projects", env=env, timeout=600)
        check(f"cdxgen writes an SBOM of {project} ({kind})", r.returncode == 0 and out.exists(), r.stdout[-2000:] + r.stderr[-2000:])
        sboms.append(out)
    return sboms


def main():
    binary = sys.argv[1]
    with tempfile.TemporaryDirectory() as tmp:
        work = pathlib.Path(tmp)
        if len(sys.argv) > 2:
            drift(binary, fresh_sboms(sys.argv[2], work), "fresh cdxgen SBOMs", work)
        else:
            round_trip(binary, work)
            spec_examples(binary, work)
            drift(binary, [f"tests/interop/sboms/{p}.cdx.json" for p in PROJECTS], "committed SBOMs", work)
    print(f"{failures} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
