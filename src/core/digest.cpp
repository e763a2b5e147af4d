// SHA-1 (FIPS 180-4) and version-5 UUIDs, so an exported BOM's serial number follows its content.
#include "sovaudit/digest.hpp"

#include <algorithm>
#include <cstring>
#include <utility>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <cpuid.h>
#include <immintrin.h>
#define SOVAUDIT_SHA_NI 1
#endif

namespace sovaudit {
namespace {

constexpr std::uint32_t rotate_left(std::uint32_t x, int n) { return (x << n) | (x >> (32 - n)); }

void compress_portable(std::array<std::uint32_t, 5>& h, const std::uint8_t* block) {
  std::array<std::uint32_t, 80> w{};
  for (int i = 0; i < 16; ++i) {
    w[static_cast<std::size_t>(i)] = (std::uint32_t{block[4 * i]} << 24) | (std::uint32_t{block[4 * i + 1]} << 16) |
                                     (std::uint32_t{block[4 * i + 2]} << 8) | std::uint32_t{block[4 * i + 3]};
  }
  for (std::size_t i = 16; i < 80; ++i) w[i] = rotate_left(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
  std::uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
  for (std::size_t i = 0; i < 80; ++i) {
    std::uint32_t f = 0, k = 0;
    if (i < 20) {
      f = (b & c) | (~b & d), k = 0x5A827999;
    } else if (i < 40) {
      f = b ^ c ^ d, k = 0x6ED9EBA1;
    } else if (i < 60) {
      f = (b & c) | (b & d) | (c & d), k = 0x8F1BBCDC;
    } else {
      f = b ^ c ^ d, k = 0xCA62C1D6;
    }
    const std::uint32_t t = rotate_left(a, 5) + f + e + k + w[i];
    e = d, d = c, c = rotate_left(b, 30), b = a, a = t;
  }
  h[0] += a, h[1] += b, h[2] += c, h[3] += d, h[4] += e;
}

#ifdef SOVAUDIT_SHA_NI
// The SHA-NI schedule: four rounds per step, the message words of step g in msg[g % 4]. Steps after
// the last use of a message word compute words nobody reads, which keeps every step alike.
template <int Step>
__attribute__((target("sha,ssse3,sse4.1"))) inline void sha_ni_step(__m128i& abcd, __m128i& e0, __m128i& e1,
                                                                     __m128i (&msg)[4]) {
  __m128i& current = msg[Step % 4];
  __m128i& e = Step % 2 == 0 ? e0 : e1;
  __m128i& next_e = Step % 2 == 0 ? e1 : e0;
  if constexpr (Step == 0) {
    e = _mm_add_epi32(e, current);
  } else {
    e = _mm_sha1nexte_epu32(e, current);
  }
  next_e = abcd;
  if constexpr (Step >= 3) msg[(Step + 1) % 4] = _mm_sha1msg2_epu32(msg[(Step + 1) % 4], current);
  abcd = _mm_sha1rnds4_epu32(abcd, e, Step / 5);
  if constexpr (Step >= 1) msg[(Step + 3) % 4] = _mm_sha1msg1_epu32(msg[(Step + 3) % 4], current);
  if constexpr (Step >= 2) msg[(Step + 2) % 4] = _mm_xor_si128(msg[(Step + 2) % 4], current);
}

template <std::size_t... Steps>
__attribute__((target("sha,ssse3,sse4.1"))) inline void sha_ni_steps(__m128i& abcd, __m128i& e0, __m128i& e1,
                                                                      __m128i (&msg)[4], std::index_sequence<Steps...>) {
  (sha_ni_step<static_cast<int>(Steps)>(abcd, e0, e1, msg), ...);
}

__attribute__((target("sha,ssse3,sse4.1"))) void compress_sha_ni(std::array<std::uint32_t, 5>& h,
                                                                  const std::uint8_t* blocks, std::size_t count) {
  __m128i abcd = _mm_shuffle_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(h.data())), 0x1B);
  __m128i e0 = _mm_set_epi32(static_cast<int>(h[4]), 0, 0, 0);
  for (std::size_t b = 0; b < count; ++b) {
    const __m128i abcd_before = abcd;
    const __m128i e_before = e0;
    __m128i e1 = _mm_setzero_si128();
    const __m128i big_endian = _mm_set_epi64x(0x0001020304050607LL, 0x08090a0b0c0d0e0fLL);
    __m128i msg[4];
    for (int i = 0; i < 4; ++i) {
      msg[i] = _mm_shuffle_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(blocks + 64 * b + 16 * i)), big_endian);
    }
    sha_ni_steps(abcd, e0, e1, msg, std::make_index_sequence<20>{});
    e0 = _mm_sha1nexte_epu32(e0, e_before);
    abcd = _mm_add_epi32(abcd, abcd_before);
  }
  _mm_storeu_si128(reinterpret_cast<__m128i*>(h.data()), _mm_shuffle_epi32(abcd, 0x1B));
  h[4] = static_cast<std::uint32_t>(_mm_extract_epi32(e0, 3));
}

bool cpu_has_sha_instructions() {
  // CPUID leaf 7: SHA in EBX bit 29; leaf 1: SSSE3 in ECX bit 9, SSE4.1 in ECX bit 19. (Clang's
  // __builtin_cpu_supports does not know "sha".)
  static const bool has = [] {
    unsigned a = 0, b = 0, c = 0, d = 0;
    if (__get_cpuid(1, &a, &b, &c, &d) == 0 || (c & (1U << 9)) == 0 || (c & (1U << 19)) == 0) return false;
    if (__get_cpuid_count(7, 0, &a, &b, &c, &d) == 0) return false;
    return (b & (1U << 29)) != 0;
  }();
  return has;
}
#else
bool cpu_has_sha_instructions() { return false; }
#endif

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

Sha1::Sha1(Sha1Engine engine) : accelerated_(engine == Sha1Engine::Fastest && cpu_has_sha_instructions()) {}

void Sha1::compress(const std::uint8_t* blocks, std::size_t count) {
#ifdef SOVAUDIT_SHA_NI
  if (accelerated_) {
    compress_sha_ni(h_, blocks, count);
    return;
  }
#endif
  for (std::size_t b = 0; b < count; ++b) compress_portable(h_, blocks + 64 * b);
}

void Sha1::update(std::string_view data) {
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(data.data());
  std::size_t n = data.size();
  length_ += n;
  if (filled_ > 0) {
    const std::size_t take = std::min(n, block_.size() - filled_);
    std::memcpy(block_.data() + filled_, bytes, take);
    filled_ += take, bytes += take, n -= take;
    if (filled_ < block_.size()) return;
    compress(block_.data(), 1);
    filled_ = 0;
  }
  compress(bytes, n / 64);
  bytes += n / 64 * 64, n %= 64;
  if (n != 0) std::memcpy(block_.data(), bytes, n);
  filled_ = n;
}

std::array<std::uint8_t, 20> Sha1::finish() {
  // The tail, the 0x80 marker and the bit length fill one or two final blocks.
  std::array<std::uint8_t, 128> tail{};
  if (filled_ != 0) std::memcpy(tail.data(), block_.data(), filled_);
  tail[filled_] = 0x80;
  const std::size_t tail_size = filled_ < 56 ? 64 : 128;
  const std::uint64_t bits = length_ * 8;
  for (int i = 0; i < 8; ++i) tail[tail_size - 1 - static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(bits >> (8 * i));
  compress(tail.data(), tail_size / 64);
  std::array<std::uint8_t, 20> digest{};
  for (std::size_t i = 0; i < 20; ++i) digest[i] = static_cast<std::uint8_t>(h_[i / 4] >> (24 - 8 * (i % 4)));
  return digest;
}

std::array<std::uint8_t, 20> sha1(std::string_view data) {
  Sha1 hash;
  hash.update(data);
  return hash.finish();
}

std::string to_hex(const std::array<std::uint8_t, 20>& digest) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (std::uint8_t b : digest) {
    out += kDigits[b >> 4];
    out += kDigits[b & 15];
  }
  return out;
}

Sha1 uuid_v5_hash(std::string_view namespace_uuid) {
  std::string bytes;
  for (std::size_t i = 0; i + 1 < namespace_uuid.size(); ++i) {
    if (namespace_uuid[i] == '-') continue;
    const int high = hex_value(namespace_uuid[i]), low = hex_value(namespace_uuid[i + 1]);
    if (high < 0 || low < 0) break;
    bytes += static_cast<char>(high * 16 + low);
    ++i;
  }
  Sha1 hash;
  hash.update(bytes);
  return hash;
}

std::string uuid_v5(Sha1& hash) {
  std::array<std::uint8_t, 20> d = hash.finish();
  d[6] = static_cast<std::uint8_t>((d[6] & 0x0F) | 0x50);  // version 5
  d[8] = static_cast<std::uint8_t>((d[8] & 0x3F) | 0x80);  // RFC 9562 variant
  const std::string hex = to_hex(d).substr(0, 32);
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" + hex.substr(16, 4) + "-" +
         hex.substr(20, 12);
}

std::string uuid_v5(std::string_view namespace_uuid, std::string_view name) {
  Sha1 hash = uuid_v5_hash(namespace_uuid);
  hash.update(name);
  return uuid_v5(hash);
}

}  // namespace sovaudit
