// Internal to the text writers: a document rendered piece by piece and handed to its stream in chunks.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>

namespace sovaudit {

/// A document as it is rendered. With a stream, whatever passes 64 KiB is handed
/// on to it, so no section of a large review sits whole in memory; the newlines at the end are held
/// back, so that the document's last line can still be trimmed to one newline. Without a stream
/// (a bounded document, or one embedded in another) it keeps everything.
class StreamedText {
 public:
  explicit StreamedText(std::ostream* stream = nullptr) : stream_(stream) {}
  StreamedText(const StreamedText&) = delete;
  StreamedText& operator=(const StreamedText&) = delete;

  StreamedText& operator+=(std::string_view text) {
    text_ += text;
    if (stream_ && text_.size() >= kSpillBytes) spill();
    return *this;
  }
  StreamedText& operator+=(char c) { return *this += std::string_view(&c, 1); }

  /// What is rendered and not yet handed on.
  std::string& pending() { return text_; }
  /// Hands everything pending to the stream.
  void flush() {
    if (stream_) *stream_ << text_;
    text_.clear();
  }

 private:
  static constexpr std::size_t kSpillBytes = std::size_t{1} << 16;
  void spill() {
    const std::size_t kept = text_.find_last_not_of('\n') + 1;
    stream_->write(text_.data(), static_cast<std::streamsize>(kept));
    text_.erase(0, kept);
  }
  std::ostream* stream_;
  std::string text_;
};

}  // namespace sovaudit
