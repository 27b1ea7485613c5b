#!/usr/bin/env bash
# Installs the Debian packages pactgraph needs, when any is missing.
# As root it runs apt-get; otherwise it prints the exact command to run.
set -euo pipefail

pkgs=(build-essential cmake pkg-config python3 clang libclang-rt-14-dev
      libutf8proc-dev libsqlite3-dev sqlite3 libxml2-dev libmicrohttpd-dev zlib1g-dev
      libjansson-dev unicode-cldr-core)
[ "${PACT_WITH_BROWSER:-0}" = 1 ] && pkgs+=(chromium nodejs npm)

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  echo "pactgraph: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "pactgraph: missing packages; run:" >&2
  echo "  sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
