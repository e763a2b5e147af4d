// SHA-1 (FIPS 180-4) and version-5 UUIDs, so an exported BOM's serial number follows its content.
#include "sovaudit/digest.hpp"

#include <algorithm>
#include <cstring>

namespace sovaudit {
namespace {

constexpr std::uint32_t rotate_left(std::uint32_t x, int n) { return (x << n) | (x >> (32 - n)); }

void compress(std::array<std::uint32_t, 5>& h, const std::uint8_t* block) {
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

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

void Sha1::update(std::string_view data) {
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(data.data());
  std::size_t n = data.size();
  length_ += n;
  if (filled_ > 0) {
    const std::size_t take = std::min(n, block_.size() - filled_);
    std::memcpy(block_.data() + filled_, bytes, take);
    filled_ += take, bytes += take, n -= take;
    if (filled_ < block_.size()) return;
    compress(h_, block_.data());
    filled_ = 0;
  }
  for (; n >= 64; bytes += 64, n -= 64) compress(h_, bytes);
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
  for (std::size_t i = 0; i < tail_size; i += 64) compress(h_, tail.data() + i);
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
