#!/usr/bin/env bash
# Installs what sovaudit needs on Debian 12, only what is missing.
# Usage: scripts/install-deps.sh          build and run
#        scripts/install-deps.sh --test   also the test suite's tools: Catch2, Python jsonschema, Graphviz,
#                                         Node.js and the pinned npm validators in tests/validators
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

# dpkg-dev and file: CPack's .deb (cmake --build build --target package) derives dependencies with dpkg-shlibdeps.
packages=(g++ cmake ninja-build libcli11-dev libyaml-cpp-dev nlohmann-json3-dev libfmt-dev dpkg-dev file)
if [[ "${1:-}" == "--test" ]]; then
  packages+=(catch2 python3 python3-yaml python3-jsonschema graphviz clang libclang-rt-14-dev
             dpkg-dev fakeroot file lintian libxml2-utils zsh fish)
  command -v node > /dev/null || packages+=(nodejs)
  command -v npm > /dev/null || packages+=(npm)
fi

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
if ((${#missing[@]} > 0)); then
  sudo=""
  if [[ $(id -u) -ne 0 ]]; then
    sudo="sudo"
  fi
  echo "installing: ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

if [[ "${1:-}" == "--test" ]]; then
  # The report validators, at the versions in the committed lockfile; reinstalled when it changes.
  validators=$root/tests/validators
  if [[ ! -f "$validators/node_modules/.package-lock.json" ||
        "$validators/package-lock.json" -nt "$validators/node_modules/.package-lock.json" ]]; then
    echo "installing the report validators (npm ci in tests/validators)" >&2
    (cd "$validators" && npm ci --no-audit --no-fund --loglevel=error) >&2
  fi
fi
