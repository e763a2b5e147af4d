// Differential test of line breaks: sovaudit must read the document every YAML 1.2 reader reads, or
// refuse the file. js-yaml (a YAML 1.2 reader, pinned in package-lock.json) is the reference.
// Usage: node line_breaks.mjs SOVAUDIT
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRequire } from "node:module";
import { isDeepStrictEqual } from "node:util";

const require = createRequire(import.meta.url);
const yaml = require("js-yaml");
const sovaudit = process.argv[2];
const lines = [
  "sovaudit: 1",
  "organization: {name: Acme, jurisdiction: DE, trusted_jurisdictions: [DE], engineer_week_cost: 1000}",
  "providers:",
  "  - id: p # a comment",
  "    hq: DE",
  "capabilities:",
  "  - id: c",
  "    needs:",
  "      # the slot below must not vanish",
  "      - {slot: llm, primary: {provider: p}}",
];
const breaks = { LF: "\n", CRLF: "\r\n", CR: "\r" };
const corpus = [];
for (const [name, br] of Object.entries(breaks)) corpus.push([`all ${name}`, lines.join(br) + br]);
// Mixed: one lone CR after a comment, elsewhere LF; a CR at the very end; CR before CRLF.
corpus.push(["lone CR after a comment", lines.slice(0, 9).join("\n") + "\r" + lines.slice(9).join("\n") + "\n"]);
corpus.push(["lone CR at the end", lines.join("\n") + "\r"]);
corpus.push(["CR CR LF", lines.join("\r\r\n") + "\n"]);
corpus.push(["CRLF and LF mixed", lines.map((l, i) => l + (i % 2 ? "\r\n" : "\n")).join("")]);

const dir = mkdtempSync(join(tmpdir(), "sovaudit-breaks-"));
let failures = 0;
for (const [name, text] of corpus) {
  const file = join(dir, "inventory.yaml");
  writeFileSync(file, text);
  const run = spawnSync(sovaudit, ["validate", file], { encoding: "utf8" });
  const loneCr = /\r(?!\n)/.test(text);
  let ok;
  if (run.status === 0) {
    // Accepted: the document js-yaml reads must be the one yaml-cpp reads (CRLF is LF for both).
    ok = !loneCr && isDeepStrictEqual(yaml.load(text), yaml.load(text.replace(/\r\n/g, "\n")));
  } else {
    ok = loneCr && run.status === 2 && run.stderr.includes("a carriage return without a line feed");
  }
  console.log(`${ok ? "ok" : "FAIL"}: ${name} (exit ${run.status})`);
  if (!ok) {
    failures++;
    console.log(run.stderr);
  }
}
rmSync(dir, { recursive: true, force: true });
console.log(`${failures} failed`);
process.exit(failures ? 1 : 0);
