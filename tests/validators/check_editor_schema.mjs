// The inventory schema as an editor's JSON language service reads it (vscode-json-languageservice,
// which VS Code and the YAML language server build on): a wrong country code gets the short message,
// not 249 choices; every enum value offered in completion carries its description.
// Usage: node check_editor_schema.mjs SCHEMA
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import languageService from "vscode-json-languageservice";
const { getLanguageService, TextDocument } = languageService;
const require = createRequire(import.meta.url);
const yaml = require("js-yaml");

const schemaPath = process.argv[2];
const schema = JSON.parse(readFileSync(schemaPath, "utf8"));
const service = getLanguageService({});
service.configure({ validate: true, schemas: [{ uri: "sovaudit://inventory.schema.json", fileMatch: ["*.json"], schema }] });
let failures = 0;
const check = (ok, what, detail = "") => {
  console.log(`${ok ? "ok" : "FAIL"}: ${what}${ok ? "" : `\n  ${detail}`}`);
  if (!ok) failures++;
};

async function diagnostics(value) {
  const text = JSON.stringify(value, null, 2);
  const document = TextDocument.create("file:///inventory.json", "json", 1, text);
  return service.doValidation(document, service.parseJSONDocument(document), { schemaValidation: "error" });
}

// A real inventory, read as the YAML language server reads it, then one value made wrong.
// YAML 1.2 core schema, as the YAML language server reads it: dates stay strings.
const base = yaml.load(readFileSync(new URL("../../examples/eu-health-tech.yaml", import.meta.url), "utf8"),
                       { schema: yaml.CORE_SCHEMA });
const clean = await diagnostics(base);
check(clean.length === 0, "the base inventory is clean to the language service", JSON.stringify(clean));

const wrongCountry = structuredClone(base);
wrongCountry.organization.jurisdiction = "Germany";
wrongCountry.providers[0].hq = "usa";
const countryMessages = (await diagnostics(wrongCountry)).map((d) => d.message);
check(countryMessages.length === 2 && countryMessages.every((m) => m.startsWith("not an ISO 3166-1 alpha-2 country code")) &&
      countryMessages.every((m) => m.length < 120),
      "each wrong country code gets one short message", JSON.stringify(countryMessages).slice(0, 400));

const wrongCurrency = structuredClone(base);
wrongCurrency.organization.currency = "euro";
const currencyMessages = (await diagnostics(wrongCurrency)).map((d) => d.message);
check(currencyMessages.length > 0 && currencyMessages.every((m) => m.startsWith("not an ISO 4217 currency code")),
      "a wrong currency gets one short message", JSON.stringify(currencyMessages).slice(0, 400));

// Completion of a provider's kind offers each value with its own documentation.
const text = '{"sovaudit": 1, "providers": [{"id": "p", "kind": ""}]}';
const document = TextDocument.create("file:///inventory.json", "json", 1, text);
const offset = text.indexOf('""') + 1;
const completion = await service.doComplete(document, document.positionAt(offset), service.parseJSONDocument(document));
const kinds = (completion?.items ?? []).filter((item) => item.label.includes("model-api") || item.label.includes("weights-licensor"));
check(kinds.length === 2 && kinds.every((item) => item.documentation && JSON.stringify(item.documentation).length > 20),
      "completing a provider's kind documents each value", JSON.stringify(completion?.items?.slice(0, 3)));

// Every enum of the schema has one description per value (country and currency: a short error instead).
let missing = [];
(function walk(node, path) {
  if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${path}[${i}]`));
  if (!node || typeof node !== "object") return;
  if (Array.isArray(node.enum)) {
    const described = Array.isArray(node.markdownEnumDescriptions) && node.markdownEnumDescriptions.length === node.enum.length;
    if (!described && !node.errorMessage) missing.push(path);
  }
  for (const [key, value] of Object.entries(node)) walk(value, `${path}/${key}`);
})(schema, "");
check(missing.length === 0, "every enum describes each of its values", missing.join(", "));

console.log(`${failures} failed`);
process.exit(failures ? 1 : 0);
