// CycloneDX interop: SHA-1 and UUIDs, package URLs and hosts, JSON places, SBOM reading, drift findings.
#include <catch2/catch.hpp>
#include <sstream>

#include "scenario.hpp"
#include "sovaudit/catalogue.hpp"
#include "sovaudit/digest.hpp"
#include "sovaudit/report.hpp"
#include "sovaudit/sbom.hpp"

using namespace sovaudit;

namespace {

Observations observe(const std::string& json, const std::string& path = "app.cdx.json", bool complete = false) {
  Observations o;
  Diagnostics d;
  read_observed_sbom(SourceFile{path, json}, o, d);
  INFO(render_diagnostics(path, json, d.sorted(), TextStyle{}));
  REQUIRE_FALSE(d.has_errors());
  o.complete = complete;
  return o;
}

std::string sbom_errors(const std::string& json) {
  Observations o;
  Diagnostics d;
  read_observed_sbom(SourceFile{"app.cdx.json", json}, o, d);
  return render_diagnostics("app.cdx.json", json, d.sorted(), TextStyle{});
}

std::string messages(const test::Scenario& s) {
  std::string out;
  for (const Finding& f : s.verdict.findings) {
    if (f.rule != "SOV-SHADOW-PROVIDER" && f.rule != "SOV-UNSEEN-PROVIDER") continue;
    out += std::string(to_string(f.severity)) + " " + std::string(f.rule) + " " + f.target + ": " +
           render_message(f, *builtin_passes().rule(f.rule), s.inventory()) + "\n";
  }
  return out;
}

constexpr const char* kProviders = R"(providers:
  - {id: openai, name: OpenAI, hq: US}
  - {id: mistral, name: Mistral AI, hq: FR}
  - id: reseller
    name: EU reseller
    hq: FR
    detect: {purls: ["pkg:pypi/openai"], hosts: [api.reseller.example]}
capabilities:
  - id: chat
    value_share: 0.3
    needs: [{slot: llm, primary: {provider: openai}}]
  - id: translate
    value_share: 0.1
    needs: [{slot: llm, primary: {provider: mistral}}]
)";

}  // namespace

TEST_CASE("SHA-1 and version-5 UUIDs match the published vectors", "[interop]") {
  CHECK(to_hex(sha1("")) == "da39a3ee5e6b4b0d3255bfef95601890afd80709");
  CHECK(to_hex(sha1("abc")) == "a9993e364706816aba3e25717850c26c9cd0d89d");
  CHECK(to_hex(sha1("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")) ==
        "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
  CHECK(to_hex(sha1(std::string(1000000, 'a'))) == "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
  // 55, 56 and 64 bytes: the length field fits, just does not fit, and a whole block.
  CHECK(to_hex(sha1(std::string(55, 'a'))) == "c1c8bbdc22796e28c0e15163d20899b65621d65a");
  CHECK(to_hex(sha1(std::string(56, 'a'))) == "c2db330f6083854c99d4b5bfb6e8f29f201be699");
  CHECK(to_hex(sha1(std::string(64, 'a'))) == "0098ba824b5c16427bd7a1122a5a442a25ec644d");
  // Python's uuid.uuid5(uuid.NAMESPACE_DNS, "python.org").
  CHECK(uuid_v5("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "python.org") == "886313e1-3b8a-5372-9b90-0c9aee199e5d");
}

TEST_CASE("SHA-1's two engines, portable and the processor's SHA instructions, give the same digests", "[interop]") {
  auto digest = [](Sha1Engine engine, std::string_view data) {
    Sha1 hash(engine);
    hash.update(data);
    return to_hex(hash.finish());
  };
  // The published vectors, through the portable code even on a machine with SHA instructions.
  CHECK(digest(Sha1Engine::Portable, "abc") == "a9993e364706816aba3e25717850c26c9cd0d89d");
  CHECK(digest(Sha1Engine::Portable, std::string(1000000, 'a')) == "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
  CHECK_FALSE(Sha1(Sha1Engine::Portable).uses_cpu_instructions());
  // Every length around block edges, of bytes that use all eight bits.
  std::string text;
  std::uint32_t state = 12345;
  for (int i = 0; i < 4200; ++i) {
    state = state * 1103515245u + 12345u;
    text += static_cast<char>(state >> 24);
  }
  for (std::size_t length : {0, 1, 55, 56, 63, 64, 65, 119, 120, 128, 1000, 4095, 4096, 4200}) {
    const std::string_view data = std::string_view(text).substr(0, length);
    INFO("length " << length);
    CHECK(digest(Sha1Engine::Fastest, data) == digest(Sha1Engine::Portable, data));
  }
}

TEST_CASE("SHA-1 given in parts equals the digest of the whole, wherever the parts end", "[interop]") {
  std::string text;
  for (int i = 0; i < 1000; ++i) text += static_cast<char>('a' + (i * 7) % 26);
  const std::string whole = to_hex(sha1(text));
  for (std::size_t step : {1, 3, 55, 56, 63, 64, 65, 127, 999}) {
    Sha1 hash;
    for (std::size_t at = 0; at < text.size(); at += step) hash.update(std::string_view(text).substr(at, step));
    CHECK(to_hex(hash.finish()) == whole);
  }
  Sha1 dns = uuid_v5_hash("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
  dns.update("python");
  dns.update(".org");
  CHECK(uuid_v5(dns) == "886313e1-3b8a-5372-9b90-0c9aee199e5d");
}

TEST_CASE("package URLs reduce to what names a package", "[interop]") {
  const auto npm = parse_purl("pkg:npm/%40pinecone-database/pinecone@4.0.0?arch=x#sub");
  REQUIRE(npm);
  CHECK(display_purl(*npm) == "pkg:npm/@pinecone-database/pinecone");
  CHECK(parse_purl("pkg:npm/@Pinecone-Database/Pinecone") == npm);
  CHECK(display_purl(*parse_purl("pkg:pypi/Qdrant_Client@1.12.1")) == "pkg:pypi/qdrant-client");
  CHECK(display_purl(*parse_purl("pkg:golang/github.com/weaviate/weaviate-go-client/v4@v4.16.1")) ==
        "pkg:golang/github.com/weaviate/weaviate-go-client");
  CHECK(display_purl(*parse_purl("pkg:nuget/Azure.AI.OpenAI@2.1.0")) == "pkg:nuget/azure.ai.openai");
  CHECK(display_purl(*parse_purl("pkg:maven/com.azure/azure-ai-openai@1.0.0-beta.12?type=jar")) ==
        "pkg:maven/com.azure/azure-ai-openai");
  CHECK_FALSE(parse_purl("npm/openai"));
  CHECK_FALSE(parse_purl("pkg:npm"));
  CHECK_FALSE(parse_purl("pkg:npm/%4"));
  REQUIRE(catalogue_entry_for(*parse_purl("pkg:pypi/langchain_openai@0.2")));
  CHECK(catalogue_entry_for(*parse_purl("pkg:pypi/langchain_openai@0.2"))->vendors.size() == 2);
  CHECK_FALSE(catalogue_entry_for(*parse_purl("pkg:pypi/requests@2.32.3")));
}

TEST_CASE("host patterns match whole labels, and a leading *. any subdomain", "[interop]") {
  CHECK(host_matches("*.openai.azure.com", "Contoso.OpenAI.Azure.com"));
  CHECK_FALSE(host_matches("*.openai.azure.com", "openai.azure.com"));
  CHECK(host_matches("*.pinecone.io", "idx-1.svc.us-east1.pinecone.io"));
  CHECK(host_matches("bedrock-runtime.*.amazonaws.com", "bedrock-runtime.eu-central-1.amazonaws.com"));
  CHECK_FALSE(host_matches("bedrock-runtime.*.amazonaws.com", "bedrock-runtime.a.b.amazonaws.com"));
  CHECK(host_matches("*-aiplatform.googleapis.com", "europe-west4-aiplatform.googleapis.com"));
  CHECK_FALSE(host_matches("api.openai.com", "api.openai.com.evil.example"));
  CHECK(host_of("https://user@API.Mistral.ai:443/v1/chat?x=1") == "api.mistral.ai");
  CHECK(host_of("ms-1-pgsql.example.com:5432") == "ms-1-pgsql.example.com");
  CHECK(valid_host_pattern("*.example.com"));
  CHECK_FALSE(valid_host_pattern("example.*"));
  CHECK_FALSE(valid_host_pattern("https://api.example.com"));
  CHECK_FALSE(valid_host_pattern("localhost"));
}

TEST_CASE("a JSON pointer names a line and column", "[interop]") {
  const std::string json = "{\n  \"a\": [1, {\"b~/c\": \"x\"}],\n  \"s\": \"q\\\"}\",\n  \"t\": 2\n}";
  CHECK(locate_json_pointer(json, "") == SourceLoc{1, 1});
  CHECK(locate_json_pointer(json, "/a") == SourceLoc{2, 8});
  CHECK(locate_json_pointer(json, "/a/1") == SourceLoc{2, 12});
  CHECK(locate_json_pointer(json, "/a/1/b~0~1c") == SourceLoc{2, 21});
  CHECK(locate_json_pointer(json, "/t") == SourceLoc{4, 8});
  CHECK_FALSE(locate_json_pointer(json, "/a/2").known());
  CHECK_FALSE(locate_json_pointer(json, "/missing").known());
  // Hostile depth is skimmed without recursion.
  const std::string deep = "{\"x\": " + std::string(100000, '[') + std::string(100000, ']') + ", \"y\": 1}";
  CHECK(locate_json_pointer(deep, "/y") == SourceLoc{1, 200014});
}

TEST_CASE("many JSON pointers are placed in one pass, each where the single look-up puts it", "[interop]") {
  const std::string json =
      "{\n  \"a\": [1, {\"b~/c\": \"x\"}, [], {}],\n  \"s\": \"q\\\"}\",\n  \"t\": 2, \"e\": {\"k\": [true, null]}\n}";
  const std::vector<std::string> pointers{"",    "/a",   "/a/1", "/a/1/b~0~1c", "/a/2",     "/a/3", "/t",
                                          "/e/k/1", "/e/k", "/a/4", "/missing",   "/a/1/b~0~1c"};
  const auto places = locate_json_pointers(json, pointers);
  REQUIRE(places.size() == pointers.size());
  for (std::size_t i = 0; i < pointers.size(); ++i) {
    INFO(pointers[i]);
    CHECK(places[i] == locate_json_pointer(json, pointers[i]));
  }
  CHECK(places[4] == SourceLoc{2, 27});
  CHECK_FALSE(places[9].known());
  const std::string deep = "{\"x\": " + std::string(100000, '[') + std::string(100000, ']') + ", \"y\": 1}";
  CHECK(locate_json_pointers(deep, {"/y"}) == std::vector<SourceLoc>{SourceLoc{1, 200014}});
}

TEST_CASE("an SBOM that is not CycloneDX is refused at its place", "[interop]") {
  CHECK(sbom_errors("{\"bomFormat\": \"SPDX\", \"specVersion\": \"1.6\"}") ==
        "app.cdx.json:1:15: error: not a CycloneDX BOM: 'bomFormat' must be \"CycloneDX\"\n"
        "    1 | {\"bomFormat\": \"SPDX\", \"specVersion\": \"1.6\"}\n"
        "      |               ^\n");
  CHECK(sbom_errors("{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"2.0\"}").starts_with(
      "app.cdx.json:1:43: error: 'specVersion' '2.0' is not a CycloneDX version sovaudit reads (1.2 to 1.7)"));
  CHECK(sbom_errors("{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.6\",\n \"components\": {}}").starts_with(
      "app.cdx.json:2:16: error: 'components' must be an array"));
  CHECK(sbom_errors("[1, 2").starts_with("app.cdx.json:1:"));
  CHECK(sbom_errors(std::string(200, '[') + std::string(200, ']'))
            .starts_with("app.cdx.json:1:129: error: JSON nested deeper than 128 levels"));
}

TEST_CASE("drift attributes SDKs to declared providers and reports the rest", "[interop][drift]") {
  const std::string sbom = R"({"bomFormat": "CycloneDX", "specVersion": "1.6",
 "components": [
  {"type": "library", "name": "openai", "purl": "pkg:npm/openai@4.77.0"},
  {"type": "library", "name": "openai", "purl": "pkg:pypi/openai@1.50.0"},
  {"type": "library", "name": "pinecone", "purl": "pkg:npm/%40pinecone-database/pinecone@4.0.0",
   "properties": [{"name": "SrcFile", "value": "app/package-lock.json"}]},
  {"type": "library", "name": "litellm", "purl": "pkg:pypi/litellm@1.0"},
  {"type": "library", "name": "transformers", "purl": "pkg:pypi/transformers@4.0"},
  {"type": "library", "name": "requests", "purl": "pkg:pypi/requests@2.32.3"}],
 "services": [{"name": "claude", "endpoints": ["https://api.anthropic.com/v1"]}]}
)";
  const Observations observed = observe(sbom, "app.cdx.json", true);
  CHECK(observed.items.size() == 7);
  const auto s = test::run_scenario(test::with_head(kProviders), "2026-11-22", FailOn::Material,
                                    AnalysisOptions{{}, {}, {}, &observed});
  // The npm openai client is OpenAI's by the catalogue; the PyPI one is the reseller's by its detect.
  CHECK(messages(*s) ==
        "material SOV-SHADOW-PROVIDER anthropic: anthropic is used in code but not declared: api.anthropic.com in "
        "app.cdx.json reaches Anthropic\n"
        "material SOV-SHADOW-PROVIDER pinecone: pinecone is used in code but not declared: "
        "pkg:npm/@pinecone-database/pinecone in app.cdx.json reaches Pinecone\n"
        "material SOV-SHADOW-PROVIDER pkg:pypi/litellm: pkg:pypi/litellm is used in code but not declared: "
        "pkg:pypi/litellm in app.cdx.json reaches providers hidden behind a gateway\n"
        "advisory SOV-SHADOW-PROVIDER huggingface: huggingface is used in code but not declared: "
        "pkg:pypi/transformers in app.cdx.json reaches Hugging Face\n"
        "advisory SOV-UNSEEN-PROVIDER mistral: mistral is the primary of translate but appears in none of "
        "app.cdx.json\n");
  const auto pinecone = s->findings("SOV-SHADOW-PROVIDER", "pinecone");
  REQUIRE(pinecone.size() == 1);
  REQUIRE(pinecone[0]->related.size() == 1);
  CHECK(pinecone[0]->related[0].artifact == "app.cdx.json");
  CHECK(pinecone[0]->related[0].id == "/components/2");
  CHECK(pinecone[0]->related[0].loc == SourceLoc{5, 3});
  CHECK(pinecone[0]->loc == SourceLoc{3, 1});  // the inventory's providers: key
  CHECK(find_evidence(*pinecone[0], "manifests")->items == std::vector<std::string>{"app/package-lock.json"});
  CHECK(s->verdict.gate_failed);
}

TEST_CASE("an SDK that several vendors share says what it cannot tell apart", "[interop][drift]") {
  const std::string sbom = R"({"bomFormat": "CycloneDX", "specVersion": "1.5",
 "components": [{"type": "library", "name": "openai", "purl": "pkg:npm/openai@4.77.0"}]})";
  const Observations observed = observe(sbom);
  const auto s = test::run_scenario(test::with_head("providers: [{id: eu-llm, hq: FR}]\n"), "2026-11-22",
                                    FailOn::Existential, AnalysisOptions{{}, {}, {}, &observed});
  CHECK(messages(*s) ==
        "material SOV-SHADOW-PROVIDER openai: openai is used in code but not declared: pkg:npm/openai in "
        "app.cdx.json reaches OpenAI, Azure OpenAI or an OpenAI-compatible service\n");
  const auto f = s->findings("SOV-SHADOW-PROVIDER", "openai");
  REQUIRE(f.size() == 1);
  REQUIRE(find_evidence(*f[0], "ambiguity"));
  CHECK(find_evidence(*f[0], "ambiguity")->items.front().starts_with("the OpenAI client also talks to Azure OpenAI"));
  // Declaring either vendor covers it; an Azure OpenAI provider is recognised by its id.
  const auto azure = test::run_scenario(test::with_head("providers: [{id: azure-openai, hq: US}]\n"), "2026-11-22",
                                        FailOn::Existential, AnalysisOptions{{}, {}, {}, &observed});
  CHECK(messages(*azure).empty());
}

TEST_CASE("a shadow provider seen in many places keeps a few of them and counts all", "[interop][drift]") {
  std::string sbom = R"({"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [)";
  for (int i = 0; i < 40; ++i) {
    if (i > 0) sbom += ",";
    sbom += R"({"type": "library", "name": "pinecone", "purl": "pkg:npm/%40pinecone-database/pinecone@4.0.0",)"
            R"( "properties": [{"name": "SrcFile", "value": "svc)" +
            std::to_string(i) + R"(/package-lock.json"}]})";
  }
  sbom += "]}";
  const Observations observed = observe(sbom);
  const auto s = test::run_scenario(test::with_head(kProviders), "2026-11-22", FailOn::Material,
                                    AnalysisOptions{{}, {}, {}, &observed});
  const auto f = s->findings("SOV-SHADOW-PROVIDER", "pinecone");
  REQUIRE(f.size() == 1);
  CHECK(f[0]->related.size() == 16);
  CHECK(f[0]->related.front().id == "/components/0");
  CHECK(f[0]->related.back().id == "/components/15");
  REQUIRE(find_evidence(*f[0], "sightings"));
  CHECK(find_evidence(*f[0], "sightings")->number == 40);
  CHECK(find_evidence(*f[0], "manifests")->items.size() == 40);
}

TEST_CASE("unseen primaries are reported only when the SBOMs are declared complete", "[interop][drift]") {
  const std::string sbom = R"({"bomFormat": "CycloneDX", "specVersion": "1.6", "components": []})";
  const Observations partial = observe(sbom, "app.cdx.json", false);
  const auto s = test::run_scenario(test::with_head(kProviders), "2026-11-22", FailOn::Existential,
                                    AnalysisOptions{{}, {}, {}, &partial});
  CHECK(messages(*s).empty());
  const std::string complete_sbom = R"({"bomFormat": "CycloneDX", "specVersion": "1.6",
 "metadata": {"component": {"type": "application", "name": "app", "bom-ref": "app"}},
 "compositions": [{"aggregate": "complete", "assemblies": ["app"]}], "components": []})";
  const Observations complete = observe(complete_sbom, "app.cdx.json", false);
  REQUIRE(complete.files.front().complete);
}

TEST_CASE("a shadow provider can be accepted, by a catalogue key or a package", "[interop][drift]") {
  const std::string sbom = R"({"bomFormat": "CycloneDX", "specVersion": "1.6",
 "components": [{"type": "library", "name": "pinecone", "purl": "pkg:npm/%40pinecone-database/pinecone@4.0.0"}]})";
  const Observations observed = observe(sbom);
  const std::string accepted = std::string(kProviders) +
                               "accepted_risks:\n"
                               "  - {rule: SOV-SHADOW-PROVIDER, target: pinecone, owner: cto, expires: 2027-01-31,"
                               " justification: pilot until the January review}\n";
  const auto s = test::run_scenario(test::with_head(accepted), "2026-11-22", FailOn::Material,
                                    AnalysisOptions{{}, {}, {}, &observed});
  const auto f = s->findings("SOV-SHADOW-PROVIDER", "pinecone");
  REQUIRE(f.size() == 1);
  CHECK(f[0]->accepted);
  CHECK_FALSE(trips_gate(*f[0], FailOn::Material));
  const auto rules = builtin_passes().rules();
  const auto typo = test::load(test::with_head(std::string(kProviders) +
                                               "accepted_risks:\n"
                                               "  - {rule: SOV-SHADOW-PROVIDER, target: pinecon, owner: cto, "
                                               "expires: 2027-01-31, justification: pilot}\n"),
                               {}, rules);
  CHECK(typo.text.find("error: accepted risk targets 'pinecon', which is neither a catalogue vendor nor a package "
                       "URL (did you mean 'pinecone'?) ('sovaudit catalogue' lists them)") != std::string::npos);
}

TEST_CASE("detect patterns are checked where they are written", "[interop][loader]") {
  const auto bad = test::load(test::with_head(
      "providers:\n"
      "  - id: x\n"
      "    detect: {purls: [openai], hosts: ['https://api.x.example/v1']}\n"
      "  - id: y\n"
      "    detect: {}\n"));
  CHECK(bad.text ==
        "inventory.yaml:5:22: error: 'purls' must be a package URL such as pkg:pypi/openai (no version needed), got "
        "'openai'\n"
        "    5 |     detect: {purls: [openai], hosts: ['https://api.x.example/v1']}\n"
        "      |                      ^~~~~~\n"
        "inventory.yaml:5:39: error: 'hosts' must be a host name such as api.example.com, '*.' for any subdomain, "
        "got 'https://api.x.example/v1' (write the host alone, without scheme or path: 'api.x.example')\n"
        "    5 |     detect: {purls: [openai], hosts: ['https://api.x.example/v1']}\n"
        "      |                                       ^~~~~~~~~~~~~~~~~~~~~~~~~~\n"
        "inventory.yaml:7:13: error: 'detect' lists neither 'purls' nor 'hosts'; give at least one, or remove it\n"
        "    7 |     detect: {}\n"
        "      |             ^\n");
}

TEST_CASE("the CycloneDX export is deterministic and names the same BOM the same way", "[interop][export]") {
  const auto s = test::run_scenario(test::with_head(kProviders));
  const Report report{s->inventory(), s->analysis, s->verdict, builtin_passes(), s->loaded.text, {}};
  const Writer* w = find_writer("cyclonedx");
  REQUIRE(w);
  CHECK(writer_for_path("out/services.cdx.json") == w);
  CHECK(writer_for_path("report.json") == find_writer("json"));
  const std::string a = render(*w, report, TextStyle{}), b = render(*w, report, TextStyle{});
  CHECK(a == b);
  CHECK(a.find("\"serialNumber\": \"urn:uuid:") != std::string::npos);
  CHECK(a.find("00000000-0000-5000-8000-000000000000") == std::string::npos);
  CHECK(a.find("\"timestamp\": \"2026-11-22T00:00:00Z\"") != std::string::npos);
  // Held in memory or rendered twice (over the limit, or at any limit below its size), one document.
  for (const std::size_t limit : {std::size_t{0}, std::size_t{1}, a.size() - 2, a.size() - 1, a.size() + 10}) {
    std::ostringstream bounded;
    write_cyclonedx_kept_up_to(report, bounded, limit);
    CHECK(bounded.str() == a);
  }
  // Another date is another document, with another serial number.
  const auto later = test::run_scenario(test::with_head(kProviders), "2026-12-22");
  const Report later_report{later->inventory(), later->analysis, later->verdict, builtin_passes(), later->loaded.text, {}};
  const std::string c = render(*w, later_report, TextStyle{});
  CHECK(c.substr(c.find("urn:uuid:"), 45) != a.substr(a.find("urn:uuid:"), 45));
}
