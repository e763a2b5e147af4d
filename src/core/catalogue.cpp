// The shipped catalogue of AI SDKs and endpoints (docs/interop.md lists it; `sovaudit catalogue` prints it).
#include <algorithm>
#include <array>

#include "sovaudit/catalogue.hpp"

namespace sovaudit {
namespace {

using Names = std::span<const std::string_view>;

// ---------------------------------------------------------------- vendors

constexpr std::string_view kOpenAiAliases[] = {"open-ai"};
constexpr std::string_view kAzureOpenAiAliases[] = {"aoai", "azure-openai-service"};
constexpr std::string_view kAzureAiAliases[] = {"azure-ai-foundry", "azure-ai-inference", "azure-ai-studio"};
constexpr std::string_view kAnthropicAliases[] = {"claude"};
constexpr std::string_view kMistralAliases[] = {"mistral-ai", "mistralai"};
constexpr std::string_view kVertexAliases[] = {"vertex", "vertex-ai", "google-vertex-ai", "gcp-vertex"};
constexpr std::string_view kGeminiAliases[] = {"gemini", "google-ai", "google-genai", "google-ai-studio"};
constexpr std::string_view kBedrockAliases[] = {"bedrock", "amazon-bedrock"};
constexpr std::string_view kHuggingFaceAliases[] = {"hf", "hugging-face"};
constexpr std::string_view kQdrantAliases[] = {"qdrant-cloud"};
constexpr std::string_view kWeaviateAliases[] = {"weaviate-cloud"};
constexpr std::string_view kChromaAliases[] = {"chromadb", "chroma-cloud"};
constexpr std::string_view kMilvusAliases[] = {"zilliz", "zilliz-cloud"};
constexpr std::string_view kNone[] = {""};

// Sorted by key.
const std::array kVendors = {
    Vendor{"anthropic", "Anthropic", ProviderKind::ModelApi, kAnthropicAliases},
    Vendor{"aws-bedrock", "Amazon Bedrock", ProviderKind::HostedModel, kBedrockAliases},
    Vendor{"azure-ai", "Azure AI Foundry", ProviderKind::HostedModel, kAzureAiAliases},
    Vendor{"azure-openai", "Azure OpenAI", ProviderKind::HostedModel, kAzureOpenAiAliases},
    Vendor{"chroma", "Chroma", ProviderKind::VectorDb, kChromaAliases},
    Vendor{"cohere", "Cohere", ProviderKind::ModelApi, Names(kNone, 0)},
    Vendor{"google-gemini", "Google Gemini API", ProviderKind::ModelApi, kGeminiAliases},
    Vendor{"google-vertex", "Google Vertex AI", ProviderKind::HostedModel, kVertexAliases},
    Vendor{"huggingface", "Hugging Face", ProviderKind::ModelApi, kHuggingFaceAliases},
    Vendor{"milvus", "Milvus (Zilliz Cloud)", ProviderKind::VectorDb, kMilvusAliases},
    Vendor{"mistral", "Mistral AI", ProviderKind::ModelApi, kMistralAliases},
    Vendor{"openai", "OpenAI", ProviderKind::ModelApi, kOpenAiAliases},
    Vendor{"openrouter", "OpenRouter", ProviderKind::ModelApi, Names(kNone, 0)},
    Vendor{"pinecone", "Pinecone", ProviderKind::VectorDb, Names(kNone, 0)},
    Vendor{"qdrant", "Qdrant", ProviderKind::VectorDb, kQdrantAliases},
    Vendor{"weaviate", "Weaviate", ProviderKind::VectorDb, kWeaviateAliases},
};

// ---------------------------------------------------------------- what a sighting may mean

constexpr std::string_view kOpenAi[] = {"openai"};
constexpr std::string_view kOpenAiOrAzure[] = {"openai", "azure-openai"};
constexpr std::string_view kAzureOpenAi[] = {"azure-openai"};
constexpr std::string_view kAzureAi[] = {"azure-ai"};
constexpr std::string_view kAnthropic[] = {"anthropic"};
constexpr std::string_view kAnthropicAnywhere[] = {"anthropic", "aws-bedrock", "google-vertex"};
constexpr std::string_view kMistral[] = {"mistral"};
constexpr std::string_view kCohere[] = {"cohere"};
constexpr std::string_view kVertex[] = {"google-vertex"};
constexpr std::string_view kGemini[] = {"google-gemini"};
constexpr std::string_view kGeminiOrVertex[] = {"google-gemini", "google-vertex"};
constexpr std::string_view kBedrock[] = {"aws-bedrock"};
constexpr std::string_view kHuggingFace[] = {"huggingface"};
constexpr std::string_view kPinecone[] = {"pinecone"};
constexpr std::string_view kQdrant[] = {"qdrant"};
constexpr std::string_view kWeaviate[] = {"weaviate"};
constexpr std::string_view kChroma[] = {"chroma"};
constexpr std::string_view kMilvus[] = {"milvus"};
constexpr std::string_view kOpenRouter[] = {"openrouter"};
constexpr Names kUnknown{kNone, 0};

constexpr std::string_view kOpenAiNote =
    "the OpenAI client also talks to Azure OpenAI and to any OpenAI-compatible endpoint (a reseller, a gateway, "
    "a self-hosted server)";
constexpr std::string_view kAnthropicNote = "the Anthropic client also reaches Claude on Amazon Bedrock and Vertex AI";
constexpr std::string_view kGenAiNote = "the Google Gen AI client reaches the Gemini API or Vertex AI, as configured";
constexpr std::string_view kGatewayNote = "a gateway or framework that can call many providers; which ones is configuration";

CatalogueEntry pkg(std::string_view purl, Names vendors, std::string_view note = "", Sighting s = Sighting::Service) {
  return CatalogueEntry{purl, false, s, vendors, note};
}
CatalogueEntry gateway(std::string_view purl) { return CatalogueEntry{purl, false, Sighting::Gateway, kUnknown, kGatewayNote}; }
CatalogueEntry host(std::string_view pattern, Names vendors) { return CatalogueEntry{pattern, true, Sighting::Service, vendors, ""}; }

const std::vector<CatalogueEntry>& entries() {
  static const std::vector<CatalogueEntry> list = {
      // npm
      pkg("pkg:npm/openai", kOpenAiOrAzure, kOpenAiNote),
      pkg("pkg:npm/@azure/openai", kAzureOpenAi),
      pkg("pkg:npm/@azure-rest/ai-inference", kAzureAi),
      pkg("pkg:npm/@anthropic-ai/sdk", kAnthropic),
      pkg("pkg:npm/@anthropic-ai/bedrock-sdk", kBedrock),
      pkg("pkg:npm/@anthropic-ai/vertex-sdk", kVertex),
      pkg("pkg:npm/@mistralai/mistralai", kMistral),
      pkg("pkg:npm/cohere-ai", kCohere),
      pkg("pkg:npm/@google-cloud/vertexai", kVertex),
      pkg("pkg:npm/@google/generative-ai", kGemini),
      pkg("pkg:npm/@google/genai", kGeminiOrVertex, kGenAiNote),
      pkg("pkg:npm/@aws-sdk/client-bedrock-runtime", kBedrock),
      pkg("pkg:npm/@aws-sdk/client-bedrock-agent-runtime", kBedrock),
      pkg("pkg:npm/@huggingface/inference", kHuggingFace),
      pkg("pkg:npm/@huggingface/transformers", kHuggingFace, "", Sighting::Weights),
      pkg("pkg:npm/@pinecone-database/pinecone", kPinecone),
      pkg("pkg:npm/@qdrant/js-client-rest", kQdrant),
      pkg("pkg:npm/weaviate-client", kWeaviate),
      pkg("pkg:npm/weaviate-ts-client", kWeaviate),
      pkg("pkg:npm/chromadb", kChroma),
      pkg("pkg:npm/@zilliz/milvus2-sdk-node", kMilvus),
      pkg("pkg:npm/@langchain/openai", kOpenAiOrAzure, kOpenAiNote),
      pkg("pkg:npm/@langchain/anthropic", kAnthropic),
      pkg("pkg:npm/@langchain/mistralai", kMistral),
      pkg("pkg:npm/@langchain/cohere", kCohere),
      pkg("pkg:npm/@langchain/google-vertexai", kVertex),
      pkg("pkg:npm/@langchain/google-genai", kGemini),
      pkg("pkg:npm/@langchain/aws", kBedrock),
      pkg("pkg:npm/@langchain/pinecone", kPinecone),
      pkg("pkg:npm/@langchain/qdrant", kQdrant),
      pkg("pkg:npm/@langchain/weaviate", kWeaviate),
      pkg("pkg:npm/@llamaindex/openai", kOpenAiOrAzure, kOpenAiNote),
      pkg("pkg:npm/@llamaindex/anthropic", kAnthropic),
      gateway("pkg:npm/portkey-ai"),
      // PyPI
      pkg("pkg:pypi/openai", kOpenAiOrAzure, kOpenAiNote),
      pkg("pkg:pypi/azure-ai-inference", kAzureAi),
      pkg("pkg:pypi/anthropic", kAnthropicAnywhere, kAnthropicNote),
      pkg("pkg:pypi/mistralai", kMistral),
      pkg("pkg:pypi/cohere", kCohere),
      pkg("pkg:pypi/google-cloud-aiplatform", kVertex),
      pkg("pkg:pypi/vertexai", kVertex),
      pkg("pkg:pypi/google-generativeai", kGemini),
      pkg("pkg:pypi/google-genai", kGeminiOrVertex, kGenAiNote),
      pkg("pkg:pypi/huggingface-hub", kHuggingFace),
      pkg("pkg:pypi/transformers", kHuggingFace, "", Sighting::Weights),
      pkg("pkg:pypi/pinecone", kPinecone),
      pkg("pkg:pypi/pinecone-client", kPinecone),
      pkg("pkg:pypi/qdrant-client", kQdrant),
      pkg("pkg:pypi/weaviate-client", kWeaviate),
      pkg("pkg:pypi/chromadb", kChroma),
      pkg("pkg:pypi/chromadb-client", kChroma),
      pkg("pkg:pypi/pymilvus", kMilvus),
      pkg("pkg:pypi/langchain-openai", kOpenAiOrAzure, kOpenAiNote),
      pkg("pkg:pypi/langchain-anthropic", kAnthropic),
      pkg("pkg:pypi/langchain-mistralai", kMistral),
      pkg("pkg:pypi/langchain-cohere", kCohere),
      pkg("pkg:pypi/langchain-google-vertexai", kVertex),
      pkg("pkg:pypi/langchain-google-genai", kGemini),
      pkg("pkg:pypi/langchain-aws", kBedrock),
      pkg("pkg:pypi/langchain-huggingface", kHuggingFace),
      pkg("pkg:pypi/langchain-pinecone", kPinecone),
      pkg("pkg:pypi/langchain-qdrant", kQdrant),
      pkg("pkg:pypi/langchain-weaviate", kWeaviate),
      pkg("pkg:pypi/langchain-chroma", kChroma),
      pkg("pkg:pypi/langchain-milvus", kMilvus),
      pkg("pkg:pypi/llama-index-llms-openai", kOpenAi),
      pkg("pkg:pypi/llama-index-embeddings-openai", kOpenAi),
      pkg("pkg:pypi/llama-index-llms-azure-openai", kAzureOpenAi),
      pkg("pkg:pypi/llama-index-llms-anthropic", kAnthropic),
      pkg("pkg:pypi/llama-index-llms-mistralai", kMistral),
      pkg("pkg:pypi/llama-index-llms-cohere", kCohere),
      pkg("pkg:pypi/llama-index-llms-vertex", kVertex),
      pkg("pkg:pypi/llama-index-llms-gemini", kGemini),
      pkg("pkg:pypi/llama-index-llms-bedrock", kBedrock),
      pkg("pkg:pypi/llama-index-llms-bedrock-converse", kBedrock),
      pkg("pkg:pypi/llama-index-vector-stores-pinecone", kPinecone),
      pkg("pkg:pypi/llama-index-vector-stores-qdrant", kQdrant),
      pkg("pkg:pypi/llama-index-vector-stores-weaviate", kWeaviate),
      pkg("pkg:pypi/llama-index-vector-stores-chroma", kChroma),
      pkg("pkg:pypi/llama-index-vector-stores-milvus", kMilvus),
      gateway("pkg:pypi/litellm"),
      gateway("pkg:pypi/portkey-ai"),
      // Maven
      pkg("pkg:maven/com.openai/openai-java", kOpenAiOrAzure, kOpenAiNote),
      pkg("pkg:maven/com.azure/azure-ai-openai", kAzureOpenAi),
      pkg("pkg:maven/com.azure/azure-ai-inference", kAzureAi),
      pkg("pkg:maven/com.anthropic/anthropic-java", kAnthropic),
      pkg("pkg:maven/software.amazon.awssdk/bedrockruntime", kBedrock),
      pkg("pkg:maven/software.amazon.awssdk/bedrockagentruntime", kBedrock),
      pkg("pkg:maven/com.google.cloud/google-cloud-vertexai", kVertex),
      pkg("pkg:maven/com.google.genai/google-genai", kGeminiOrVertex, kGenAiNote),
      pkg("pkg:maven/com.cohere/cohere-java", kCohere),
      pkg("pkg:maven/io.pinecone/pinecone-client", kPinecone),
      pkg("pkg:maven/io.qdrant/client", kQdrant),
      pkg("pkg:maven/io.weaviate/client", kWeaviate),
      pkg("pkg:maven/io.milvus/milvus-sdk-java", kMilvus),
      pkg("pkg:maven/dev.langchain4j/langchain4j-open-ai", kOpenAi),
      pkg("pkg:maven/dev.langchain4j/langchain4j-azure-open-ai", kAzureOpenAi),
      pkg("pkg:maven/dev.langchain4j/langchain4j-anthropic", kAnthropic),
      pkg("pkg:maven/dev.langchain4j/langchain4j-mistral-ai", kMistral),
      pkg("pkg:maven/dev.langchain4j/langchain4j-vertex-ai-gemini", kVertex),
      pkg("pkg:maven/dev.langchain4j/langchain4j-google-ai-gemini", kGemini),
      pkg("pkg:maven/dev.langchain4j/langchain4j-bedrock", kBedrock),
      pkg("pkg:maven/dev.langchain4j/langchain4j-pinecone", kPinecone),
      pkg("pkg:maven/dev.langchain4j/langchain4j-qdrant", kQdrant),
      pkg("pkg:maven/dev.langchain4j/langchain4j-weaviate", kWeaviate),
      pkg("pkg:maven/dev.langchain4j/langchain4j-chroma", kChroma),
      pkg("pkg:maven/dev.langchain4j/langchain4j-milvus", kMilvus),
      // Go (a module's major-version suffix such as /v4 is ignored)
      pkg("pkg:golang/github.com/openai/openai-go", kOpenAiOrAzure, kOpenAiNote),
      pkg("pkg:golang/github.com/sashabaranov/go-openai", kOpenAiOrAzure, kOpenAiNote),
      pkg("pkg:golang/github.com/anthropics/anthropic-sdk-go", kAnthropic),
      pkg("pkg:golang/github.com/aws/aws-sdk-go-v2/service/bedrockruntime", kBedrock),
      pkg("pkg:golang/cloud.google.com/go/vertexai", kVertex),
      pkg("pkg:golang/google.golang.org/genai", kGeminiOrVertex, kGenAiNote),
      pkg("pkg:golang/github.com/google/generative-ai-go", kGemini),
      pkg("pkg:golang/github.com/cohere-ai/cohere-go", kCohere),
      pkg("pkg:golang/github.com/pinecone-io/go-pinecone", kPinecone),
      pkg("pkg:golang/github.com/qdrant/go-client", kQdrant),
      pkg("pkg:golang/github.com/weaviate/weaviate-go-client", kWeaviate),
      pkg("pkg:golang/github.com/milvus-io/milvus-sdk-go", kMilvus),
      pkg("pkg:golang/github.com/amikos-tech/chroma-go", kChroma),
      gateway("pkg:golang/github.com/tmc/langchaingo"),
      // NuGet (names compared without case)
      pkg("pkg:nuget/OpenAI", kOpenAiOrAzure, kOpenAiNote),
      pkg("pkg:nuget/Azure.AI.OpenAI", kAzureOpenAi),
      pkg("pkg:nuget/Azure.AI.Inference", kAzureAi),
      pkg("pkg:nuget/Anthropic", kAnthropic),
      pkg("pkg:nuget/Anthropic.SDK", kAnthropic),
      pkg("pkg:nuget/AWSSDK.BedrockRuntime", kBedrock),
      pkg("pkg:nuget/Google.Cloud.AIPlatform.V1", kVertex),
      pkg("pkg:nuget/Google.GenAI", kGeminiOrVertex, kGenAiNote),
      pkg("pkg:nuget/Mistral.SDK", kMistral),
      pkg("pkg:nuget/Pinecone.Client", kPinecone),
      pkg("pkg:nuget/Qdrant.Client", kQdrant),
      pkg("pkg:nuget/Milvus.Client", kMilvus),
      pkg("pkg:nuget/Microsoft.SemanticKernel.Connectors.OpenAI", kOpenAiOrAzure, kOpenAiNote),
      pkg("pkg:nuget/Microsoft.SemanticKernel.Connectors.AzureOpenAI", kAzureOpenAi),
      // Endpoints (a leading "*." is any subdomain; a '*' inside a label is part of that label)
      host("api.openai.com", kOpenAi),
      host("*.openai.azure.com", kAzureOpenAi),
      host("*.services.ai.azure.com", kAzureAi),
      host("*.inference.ai.azure.com", kAzureAi),
      host("*.models.ai.azure.com", kAzureAi),
      host("api.anthropic.com", kAnthropic),
      host("api.mistral.ai", kMistral),
      host("api.cohere.com", kCohere),
      host("api.cohere.ai", kCohere),
      host("generativelanguage.googleapis.com", kGemini),
      host("aiplatform.googleapis.com", kVertex),
      host("*-aiplatform.googleapis.com", kVertex),
      host("bedrock-runtime.*.amazonaws.com", kBedrock),
      host("bedrock-agent-runtime.*.amazonaws.com", kBedrock),
      host("api-inference.huggingface.co", kHuggingFace),
      host("router.huggingface.co", kHuggingFace),
      host("*.endpoints.huggingface.cloud", kHuggingFace),
      host("*.pinecone.io", kPinecone),
      host("*.cloud.qdrant.io", kQdrant),
      host("*.weaviate.cloud", kWeaviate),
      host("*.weaviate.network", kWeaviate),
      host("api.trychroma.com", kChroma),
      host("*.zillizcloud.com", kMilvus),
      host("openrouter.ai", kOpenRouter),
  };
  return list;
}

/// Ids and names compared the way people vary them: no case, no '-', '_', '.' or spaces.
std::string folded(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '-' || c == '_' || c == '.' || c == ' ') continue;
    out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  return out;
}

bool names_vendor(const Vendor& vendor, std::string_view text) {
  if (text.empty()) return false;
  const std::string f = folded(text);
  if (f == folded(vendor.key) || f == folded(vendor.name)) return true;
  return std::any_of(vendor.aliases.begin(), vendor.aliases.end(), [&](std::string_view a) { return folded(a) == f; });
}

}  // namespace

std::span<const Vendor> catalogue_vendors() { return kVendors; }

std::span<const CatalogueEntry> catalogue_entries() { return entries(); }

const Vendor* find_vendor(std::string_view key) {
  const auto it = std::find_if(kVendors.begin(), kVendors.end(), [&](const Vendor& v) { return v.key == key; });
  return it == kVendors.end() ? nullptr : &*it;
}

const CatalogueEntry* catalogue_entry_for(const PackageName& package) {
  for (const CatalogueEntry& entry : entries()) {
    if (entry.host) continue;
    if (const auto known = parse_purl(entry.pattern); known && *known == package) return &entry;
  }
  return nullptr;
}

const CatalogueEntry* catalogue_entry_for_host(std::string_view host_name) {
  for (const CatalogueEntry& entry : entries()) {
    if (entry.host && host_matches(entry.pattern, host_name)) return &entry;
  }
  return nullptr;
}

const Vendor* vendor_of(const Provider& provider) {
  for (const Vendor& vendor : kVendors) {
    if (names_vendor(vendor, provider.id.value) || names_vendor(vendor, provider.name.value)) return &vendor;
  }
  return nullptr;
}

}  // namespace sovaudit
