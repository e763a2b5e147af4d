#!/usr/bin/env bash
# Fuzzes the whole sovaudit pipeline with libFuzzer (tests/fuzz/fuzz_pipeline.cpp).
#
#   scripts/fuzz.sh smoke [SECONDS] [BUILD_DIR]   clang + ASan + UBSan build, default 60 s (what CI runs)
#   scripts/fuzz.sh deep  [SECONDS]               also instruments yaml-cpp, built from Debian's source
#                                                 package with the same flags, default 600 s
#
# Debian's libyaml-cpp carries no coverage instrumentation, so a smoke run steers by sovaudit's own
# code only; the deep run lets libFuzzer see inside the parser. It needs root once, to enable the
# deb-src index and install dpkg-dev. Crashes are written to BUILD_DIR/fuzz-artifacts/.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
mode=${1:-smoke}
seconds=${2:-}
case $mode in
  smoke) seconds=${seconds:-60}; build=${3:-$root/build-fuzz} ;;
  deep) seconds=${seconds:-600}; build=$root/build-fuzz-deep ;;
  *) echo "usage: scripts/fuzz.sh smoke|deep [SECONDS] [BUILD_DIR]" >&2; exit 2 ;;
esac
sudo=""
[[ $(id -u) -ne 0 ]] && sudo=sudo

cmake_args=(-G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSOVAUDIT_FUZZ=ON)
if [[ $mode == deep ]]; then
  prefix=$build/yaml-cpp-instrumented
  if [[ ! -f $prefix/lib/libyaml-cpp.a ]]; then
    if ! apt-get source --print-uris yaml-cpp > /dev/null 2>&1; then
      echo "enabling Debian's source index (deb-src)" >&2
      sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources |
        $sudo tee /etc/apt/sources.list.d/sovaudit-deb-src.sources > /dev/null
      $sudo apt-get update -qq
    fi
    command -v dpkg-source > /dev/null || $sudo apt-get install -y -qq dpkg-dev > /dev/null
    mkdir -p "$build/src"
    (cd "$build/src" && apt-get source -qq yaml-cpp > /dev/null)
    source_dir=$(find "$build/src" -maxdepth 1 -type d -name 'yaml-cpp-*' | head -n 1)
    flags="-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -g -O1"
    cmake -S "$source_dir" -B "$build/yaml-cpp-build" -G Ninja -DCMAKE_CXX_COMPILER=clang++ \
      -DCMAKE_CXX_FLAGS="$flags" -DYAML_CPP_BUILD_TESTS=OFF -DYAML_CPP_BUILD_TOOLS=OFF \
      -DYAML_BUILD_SHARED_LIBS=OFF -DCMAKE_INSTALL_PREFIX="$prefix" > /dev/null
    cmake --build "$build/yaml-cpp-build" --target install > /dev/null
  fi
  cmake_args+=(-DCMAKE_PREFIX_PATH="$prefix" -DSOVAUDIT_BUILD_TESTS=OFF)
fi
if [[ ! -x $build/tests/fuzz/sovaudit_fuzz ]]; then
  cmake -S "$root" -B "$build" "${cmake_args[@]}" > /dev/null
fi
cmake --build "$build" --target sovaudit_fuzz > /dev/null

# Seeds: every inventory the project ships or tests with; the working corpus grows between runs.
seeds=$build/fuzz-seeds
corpus=$build/fuzz-corpus
artifacts=$build/fuzz-artifacts
mkdir -p "$seeds" "$corpus" "$artifacts"
for file in "$root"/examples/*.yaml "$root"/tests/cases/*.yaml "$root"/tests/e2e/invalid/*.yaml \
  "$root"/tests/adversarial/files/*; do
  cp "$file" "$seeds/$(basename "$(dirname "$file")")-$(basename "$file")"
done
echo "fuzzing for ${seconds}s ($mode) with $(ls "$seeds" | wc -l) seeds" >&2
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} "$build/tests/fuzz/sovaudit_fuzz" \
  -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
  -artifact_prefix="$artifacts/" "$corpus" "$seeds"
