#!/usr/bin/env python3
"""Writes the large adversarial inputs (too big to commit) into a directory.

Usage: make_large.py OUTDIR. Files already present with the right size are kept.
"""
import os
import subprocess
import sys

HEAD = "sovaudit: 1\norganization: {name: Acme, jurisdiction: DE}\n"


def cases(root):
    yield "deep-flow-100k.yaml", lambda f: f.write("a: " + "[" * 100000 + "]" * 100000 + "\n")
    yield "deep-flow-map-100k.yaml", lambda f: f.write("a: " + "{b: " * 100000 + "c" + "}" * 100000 + "\n")
    yield "deep-block-100k.yaml", lambda f: f.write(HEAD + "providers:\n  " + "- " * 100000 + "x\n")
    yield "deep-block-maps.yaml", lambda f: f.write(HEAD + "".join(" " * i + "k%d:\n" % i for i in range(2000)))
    yield "million-entries.yaml", lambda f: f.writelines(
        [HEAD, "providers:\n"] + ["  - {id: p%d}\n" % i for i in range(1000000)])
    yield "long-string.yaml", lambda f: f.write(HEAD.replace("name: Acme", "name: \"" + "x" * (1 << 20) + "\""))
    yield "many-unknown-keys.yaml", lambda f: f.writelines([HEAD] + ["unknown%d: 1\n" % i for i in range(100000)])
    yield "many-dangling-references.yaml", lambda f: f.writelines(
        [HEAD, "capabilities:\n"] + ["  - {id: c%d, requires: [ghost%d]}\n" % (i, i) for i in range(20000)])
    # A quote inside a plain scalar, then 1M levels of flow nesting: the pre-scan must still see them.
    yield "quote-then-deep.yaml", lambda f: f.write(HEAD + "note: say \"hi\nx: " + "[" * 1000000 + "\n")
    # A plain scalar full of brackets (block context) is text, not nesting: only the unknown key is reported.
    yield "plain-brackets.yaml", lambda f: f.write(HEAD + "note: a" + "[" * 100000 + "\n")
    # One region repeated 100,000 times on a provider and a flow, pinned by 2,000 slots: each
    # distinct region is checked once, not once per repetition.
    yield "repeated-regions.yaml", lambda f: f.writelines(
        [HEAD, "providers:\n  - {id: p, regions: [" + "SE, " * 100000 + "US]}\ncapabilities:\n"]
        + ["  - {id: c%d, needs: [{slot: s, primary: {provider: p, regions: [%s]}}]}\n" % (i, ", ".join(["SE"] * 50))
           for i in range(2000)]
        + ["data_flows:\n  - {id: f, capability: c0, provider: p, data: [health], regions: [" + "US, " * 100000
           + "US], transfer_mechanisms: {US: scc}}\n"])
    # The densest inputs: each entry a few bytes of text for a few hundred bytes of model.
    yield "dense-providers-200k.yaml", lambda f: f.writelines(
        [HEAD, "providers:\n"] + ["  - {id: p%d}\n" % i for i in range(200000)])
    yield "dense-flow-providers-200k.yaml", lambda f: f.write(
        HEAD + "providers: [" + ",".join("{id: a%d}" % i for i in range(200000)) + "]\n")
    # Ten million empty lines: nothing to read, and nothing to index.
    yield "empty-lines-10m.yaml", lambda f: f.write(HEAD + "\n" * 10000000)
    # Chains whose critical sets hold n^2 / 2 elements between them (200 million at 20,000).
    yield "upstream-chain-20k.yaml", lambda f: f.writelines(
        [HEAD, "providers:\n"]
        + ["  - {id: p%d, hq: US, upstream: [{provider: p%d, role: hosting}]}\n" % (i, i + 1) for i in range(19999)]
        + ["  - {id: p19999, hq: US}\ncapabilities:\n",
           "  - {id: c, value_share: 0.5, needs: [{slot: s, primary: {provider: p0}}]}\n"])
    # 50 layers of 40 providers, each on all 40 of the next layer (78,400 upstream edges), under 40
    # capabilities with fallbacks: walks that test membership linearly, or sets that share nothing, blow up.
    yield "upstream-lattice.yaml", lambda f: f.writelines(
        [HEAD, "providers:\n"]
        + ["  - {id: p%d_%d, hq: US%s}\n" % (layer, w, "" if layer == 49 else ", upstream: [" + ", ".join(
            "{provider: p%d_%d, role: hosting}" % (layer + 1, v) for v in range(40)) + "]")
           for layer in range(50) for w in range(40)]
        + ["capabilities:\n"]
        + ["  - {id: c%d, value_share: 0.01, needs: [{slot: s, primary: {provider: p0_%d}, fallbacks: "
           "[{provider: p0_%d, tested: 2026-10-01}]}]}\n" % (w, w, (w + 1) % 40) for w in range(40)])
    yield "requires-chain-20k.yaml", lambda f: f.writelines(
        [HEAD, "providers:\n"] + ["  - {id: p%d, hq: US}\n" % i for i in range(20000)] + ["capabilities:\n"]
        + ["  - {id: c%d, needs: [{slot: s, primary: {provider: p%d}}]%s}\n"
           % (i, i, ", requires: [c%d]" % (i - 1) if i else "") for i in range(20000)])


def main(outdir):
    os.makedirs(outdir, exist_ok=True)
    for name, write in cases(outdir):
        path = os.path.join(outdir, name)
        if not os.path.exists(path):
            with open(path, "w", encoding="utf-8") as f:
                write(f)
    fifty = os.path.join(outdir, "fifty-megabytes.yaml")
    if not os.path.exists(fifty):
        here = os.path.dirname(os.path.abspath(__file__))
        subprocess.run([sys.executable, os.path.join(here, "..", "..", "tools", "generate_inventory.py"),
                        "--size", "50M", "--seed", "1", "--output", fifty], check=True)


if __name__ == "__main__":
    main(sys.argv[1])
