#!/usr/bin/env python3
"""Writes a valid, realistic synthetic sovaudit inventory, deterministically from a seed.

Usage: generate_inventory.py --capabilities N [--seed S] [--output FILE]
       generate_inventory.py --size 50M [--seed S] [--output FILE]

Providers in several jurisdictions (some with foreign parents), resellers on upstream chains several
levels deep, capabilities with slots, tested and stale fallbacks, `requires` chains, model versions with
retirement dates, contract ends, data flows and accepted risks. The same arguments always give the same bytes.
"""
import argparse
import random
import sys

COUNTRIES = ["DE", "FR", "NL", "SE", "IE", "US", "GB", "CH", "CA", "JP"]
KINDS = ["model-api", "hosted-model", "self-hosted", "cloud", "vector-db", "compute", "saas"]
ROLES = ["model", "weights", "hosting", "compute", "storage"]
INTEGRATIONS = ["abstraction-layer", "sdk", "deep"]
FEATURES = ["fine-tuning", "embeddings", "assistants", "agents", "function-calling", "structured-output", "batch"]
DATA = ["internal", "confidential", "personal", "financial", "health"]
SUBST = ["easy", "medium", "highly-complex", "not-substitutable"]


def parse_size(text):
    units = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    return int(float(text[:-1]) * units[text[-1].upper()]) if text[-1].upper() in units else int(text)


def capabilities_for_size(size):
    # About 610 bytes per capability once providers, flows and risks are included (measured).
    return max(2, size // 610)


def write(out, capabilities, seed):
    rng = random.Random(seed)
    # Dates come from their own stream, so the rest of an inventory is what it was before they existed.
    dated = random.Random(seed + 7919)
    providers = max(3, capabilities // 8)
    w = out.write
    w("# Synthetic inventory written by tools/generate_inventory.py (seed %d, %d capabilities).\n" % (seed, capabilities))
    w("sovaudit: 1\norganization:\n  name: Synthetic Group %d\n  jurisdiction: DE\n" % seed)
    w("  trusted_jurisdictions: [EEA, CH]\n  annual_ai_budget: %d\n  currency: EUR\n" % (providers * 40000))
    w("  engineer_week_cost: 4000\npolicy:\n  notice_months: 6\n  horizon_months: 18\nproviders:\n")
    for p in range(providers):
        hq = rng.choice(COUNTRIES)
        w("  - id: p%d\n    name: Provider %d\n    kind: %s\n    hq: %s\n" % (p, p, rng.choice(KINDS), hq))
        if rng.random() < 0.2:
            w("    ultimate_parent: {name: Holding %d, hq: %s}\n" % (p % 50, rng.choice(COUNTRIES)))
        w("    regions: [%s]\n    annual_spend: %d\n" % (", ".join(sorted({hq, rng.choice(COUNTRIES)})), rng.randrange(0, 200000, 500)))
        if rng.random() < 0.5:
            w("    notice_months: %d\n" % rng.choice([1, 3, 6, 12]))
        w("    substitutability: %s\n" % rng.choice(SUBST))
        if dated.random() < 0.1:
            w("    contract_ends: 2027-%02d-28\n" % dated.randint(1, 12))
            if dated.random() < 0.5:
                w("    renews_automatically: true\n")
        if rng.random() < 0.3:
            w("    exit_plan: {exists: true, tested: 2026-%02d-15}\n" % rng.randint(1, 11))
        # Resellers sit on earlier providers, so chains reach several levels without cycles.
        if p > 3 and rng.random() < 0.35:
            w("    upstream:\n")
            for u in sorted({rng.randrange(max(0, p - 40), p) for _ in range(rng.randint(1, 2))}):
                w("      - {provider: p%d, role: %s, price_passthrough: %.1f}\n" % (u, rng.choice(ROLES), rng.randint(3, 10) / 10))
    share = 0.9 / capabilities
    primaries = []
    stale = []  # capabilities with a fallback last tested in 2024: SOV-FALLBACK-STALE fires on them

    w("capabilities:\n")
    for c in range(capabilities):
        w("  - id: c%d\n    name: Capability %d\n    value_share: %.8f\n" % (c, c, share))
        w("    sourcing: %s\n" % rng.choice(["buy", "buy", "hybrid", "build"]))
        flags = [rng.random() < 0.5 for _ in range(4)]
        w("    criteria: {differentiating: %s, proprietary_data: %s, compliance: %s, stable: %s}\n" % tuple(
            "true" if f else "false" for f in flags))
        if c > 0 and rng.random() < 0.25:
            w("    requires: [c%d]\n" % rng.randrange(max(0, c - 100), c))
        w("    needs:\n")
        for s in range(rng.randint(1, 3)):
            primary = rng.randrange(providers)
            if s == 0:
                primaries.append(primary)
            features = rng.sample(FEATURES, rng.randint(0, 2))
            model = ""
            if dated.random() < 0.15:
                # Three model versions per provider; one date per version, so no two uses disagree.
                version = dated.randrange(3)
                model = ", model: p%d-model-%d" % (primary, version)
                if (primary + version) % 2 == 0:
                    model += ", retires: 2027-%02d-15" % ((primary * 3 + version) % 12 + 1)
            w("      - slot: s%d\n        primary: {provider: p%d, integration: %s%s%s}\n" % (
                s, primary, rng.choice(INTEGRATIONS), (", features: [%s]" % ", ".join(features)) if features else "", model))
            if rng.random() < 0.4:
                fallback = (primary + rng.randrange(1, providers)) % providers
                tested = "2026-%02d-01" % rng.randint(1, 11) if rng.random() < 0.7 else "2024-06-01"
                if tested.startswith("2024") and (not stale or stale[-1] != c):
                    stale.append(c)
                w("        fallbacks: [{provider: p%d, tested: %s}]\n" % (fallback, tested))
        if rng.random() < 0.5:
            low = rng.randint(1, 10)
            w("    migration_weeks: {low: %d, likely: %d, high: %d}\n" % (low, low * 2, low * 4))
        w("    engineers: %d\n    evals: %s\n" % (rng.randint(1, 4), "true" if rng.random() < 0.5 else "false"))
    w("data_flows:\n")
    flows = max(1, capabilities // 3)
    for f in range(flows):
        c = rng.randrange(capabilities)
        w("  - {id: f%d, capability: c%d, provider: p%d, data: [%s], allowed: [EEA]}\n" % (
            f, c, primaries[c], rng.choice(DATA)))
    # Accepted risks name findings that exist, so a scan of the output reports no unmatched acceptance.
    accepted = rng.sample(stale, min(len(stale), max(1, capabilities // 50))) if stale else []
    if accepted:
        w("accepted_risks:\n")
    for a, c in enumerate(sorted(accepted)):
        w("  - {rule: SOV-FALLBACK-STALE, target: c%d, owner: owner%d@example.com, expires: 2027-0%d-28, justification: reviewed}\n" % (
            c, a % 20, rng.randint(1, 9)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--capabilities", type=int)
    group.add_argument("--size", help="approximate size, e.g. 60K, 1M, 50M")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--output", default="-")
    args = parser.parse_args()
    capabilities = args.capabilities if args.capabilities else capabilities_for_size(parse_size(args.size))
    out = sys.stdout if args.output == "-" else open(args.output, "w", encoding="utf-8")
    with out:
        write(out, capabilities, args.seed)


if __name__ == "__main__":
    main()
