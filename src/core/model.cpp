// Inventory spellings of the model's closed lists.
#include "sovaudit/model.hpp"

#include <array>

namespace sovaudit {
namespace {

constexpr std::array<std::string_view, 8> kProviderKinds = {
    "model-api", "hosted-model", "self-hosted", "cloud", "vector-db", "compute", "saas", "weights-licensor"};
constexpr std::array<std::string_view, 4> kSubstitutability = {"easy", "medium", "highly-complex",
                                                               "not-substitutable"};
constexpr std::array<std::string_view, 6> kUpstreamRoles = {"model",   "weights", "hosting",
                                                            "compute", "storage", "other"};
constexpr std::array<std::string_view, 3> kSourcing = {"build", "buy", "hybrid"};
constexpr std::array<std::string_view, 3> kIntegration = {"abstraction-layer", "sdk", "deep"};
constexpr std::array<std::string_view, 10> kFeatures = {
    "fine-tuning", "embeddings", "assistants", "agents",     "function-calling",
    "structured-output", "batch", "realtime",  "multimodal", "prompt-caching"};
constexpr std::array<std::string_view, 10> kDataClasses = {
    "public", "internal", "confidential", "personal", "financial", "special-category",
    "health", "biometric", "genetic",     "criminal"};
constexpr std::array<std::string_view, 5> kTransferMechanisms = {"none", "adequacy", "scc", "bcr",
                                                                 "derogation"};
constexpr std::array<std::string_view, 2> kOperators = {"vendor", "self"};
constexpr std::array<std::string_view, 3> kPolicySeverities = {"advisory", "material", "existential"};

}  // namespace

template <> std::span<const std::string_view> enum_names<ProviderKind>() { return kProviderKinds; }
template <> std::span<const std::string_view> enum_names<Substitutability>() { return kSubstitutability; }
template <> std::span<const std::string_view> enum_names<UpstreamRole>() { return kUpstreamRoles; }
template <> std::span<const std::string_view> enum_names<Sourcing>() { return kSourcing; }
template <> std::span<const std::string_view> enum_names<Integration>() { return kIntegration; }
template <> std::span<const std::string_view> enum_names<Feature>() { return kFeatures; }
template <> std::span<const std::string_view> enum_names<DataClass>() { return kDataClasses; }
template <> std::span<const std::string_view> enum_names<TransferMechanism>() { return kTransferMechanisms; }
template <> std::span<const std::string_view> enum_names<Operator>() { return kOperators; }
template <> std::span<const std::string_view> enum_names<PolicySeverity>() { return kPolicySeverities; }

}  // namespace sovaudit
