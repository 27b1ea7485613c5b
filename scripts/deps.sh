#!/usr/bin/env bash
# Installs the Debian packages pactgraph needs, when any is missing.
# As root it runs apt-get; otherwise it prints the exact command to run.
set -euo pipefail

pkgs=(build-essential cmake pkg-config python3 clang libclang-rt-14-dev
      libutf8proc-dev libsqlite3-dev sqlite3 libxml2-dev libmicrohttpd-dev zlib1g-dev
      libpq-dev postgresql
      libjansson-dev unicode-cldr-core graphviz)
if [ "${PACT_WITH_BROWSER:-0}" = 1 ]; then
  pkgs+=(chromium)
  # A node/npm from elsewhere (nodesource, nvm) will do: Debian's would conflict.
  command -v node >/dev/null || pkgs+=(nodejs)
  command -v npm >/dev/null || pkgs+=(npm)
fi
[ "${PACT_WITH_BENCH:-0}" = 1 ] && pkgs+=(wrk curl)

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# The web UI's libraries (cytoscape; playwright-core for its tests) come from
# npm into web/node_modules, pinned by web/package-lock.json.
web_modules() {
  local web
  web="$(cd "$(dirname "$0")/.." && pwd)/web"
  [ -d "$web/node_modules/cytoscape" ] && [ -d "$web/node_modules/playwright-core" ] && return 0
  command -v npm >/dev/null || return 0
  echo "pactgraph: installing the web UI's npm packages in $web" >&2
  (cd "$web" && { npm ci --no-audit --no-fund || npm install --no-audit --no-fund; }) >&2
}

if [ ${#missing[@]} -eq 0 ]; then
  web_modules
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  echo "pactgraph: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
  web_modules
else
  echo "pactgraph: missing packages; run:" >&2
  echo "  sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
