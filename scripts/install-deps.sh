#!/usr/bin/env bash
# Installs the Debian 12 packages sovaudit needs, only those that are missing.
# Usage: scripts/install-deps.sh          build and run
#        scripts/install-deps.sh --test   also the test suite's tools (Catch2, Python jsonschema)
set -euo pipefail

packages=(g++ cmake ninja-build libcli11-dev libyaml-cpp-dev nlohmann-json3-dev libfmt-dev)
if [[ "${1:-}" == "--test" ]]; then
  packages+=(catch2 python3 python3-yaml python3-jsonschema)
fi

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
if ((${#missing[@]} == 0)); then
  exit 0
fi

sudo=""
if [[ $(id -u) -ne 0 ]]; then
  sudo="sudo"
fi
echo "installing: ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
