#!/usr/bin/env bash
# The browser view end to end: builds a store from samples/ and
# tests/web/pages/, starts `pactgraph serve` on a free loopback port, and has
# Chromium (playwright-core) load the page, move the slider, click an actor
# and a tie, follow the evidence, search without diacritics and open a page
# with <script> in its text. Screenshots go to <build>/screenshots/.
# Skips (77) only when Chromium or Node cannot be installed.
set -euo pipefail
: "${PACT:?PACT must name the pactgraph binary}"
src=${PACT_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$(dirname "$0")/stop_server.inc"

# What the test needs: Chromium, Node, and web/node_modules (npm ci).
PACT_WITH_BROWSER=1 bash "$src/scripts/deps.sh" >&2 || true
chromium=${PACT_CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ] || ! command -v node >/dev/null; then
  echo "SKIP: Chromium ($chromium) or Node is not installed and could not be (run scripts/deps.sh as root with PACT_WITH_BROWSER=1)"
  exit 77
fi
if [ ! -d "$src/web/node_modules/playwright-core" ] || [ ! -f "$src/web/node_modules/cytoscape/dist/cytoscape.min.js" ]; then
  echo "SKIP: web/node_modules is missing and npm could not install it (cd web && npm ci)"
  exit 77
fi

work=$(mktemp -d)
server=
cleanup() {
  [ -n "$server" ] && stop_server "$server" TERM >/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

cd "$src"
"$PACT" ingest -q --db "$work/pact.db" samples/ tests/web/pages/ >/dev/null

"$PACT" serve --db "$work/pact.db" --port 0 --quiet >"$work/out" 2>"$work/err" &
server=$!
for _ in $(seq 100); do grep -q listening "$work/out" 2>/dev/null && break; sleep 0.1; done
url=$(sed -n 's/.*listening on \(http[^ ]*\)\/$/\1/p' "$work/out")
[ -n "$url" ] || { echo "FAIL: the server did not start"; cat "$work/err"; exit 1; }

shots=$(dirname "$PACT")/screenshots
timeout 240 node "$src/tests/web/e2e.mjs" "$url" "$shots"
echo "screenshots in $shots"
