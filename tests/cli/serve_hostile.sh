#!/usr/bin/env bash
# `pactgraph serve` against hostile requests: path traversal (plain, percent-
# encoded, encoded separators), NUL, bad percent-encoding, oversized targets
# and headers, bodies, methods other than GET/HEAD, unknown endpoints, SQL in
# parameters, invalid UTF-8. Every answer must be the right status with a
# JSON error, the server must stay up, and stop cleanly on SIGTERM.
# Each request is bounded (curl --max-time), the whole test too.
set -uo pipefail
: "${PACT:?PACT must name the pactgraph binary}"
src=${PACT_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$(dirname "$0")/stop_server.inc"
command -v curl >/dev/null || { echo "SKIP: curl is not installed"; exit 77; }

work=$(mktemp -d)
server=
cleanup() {
  [ -n "$server" ] && stop_server "$server" TERM >/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

# A store from the repository's samples, and a static folder with a secret
# next to it that no request may reach.
"$PACT" ingest -q --db "$work/pact.db" "$src/samples/" >/dev/null 2>&1 || { echo "FAIL: ingest"; exit 1; }
mkdir -p "$work/web/sub" "$work/web/node_modules/x"
echo '<!doctype html><title>ok</title>' >"$work/web/index.html"
echo 'body{}' >"$work/web/sub/a.css"
echo 'secret' >"$work/secret.txt"
echo 'secret' >"$work/web/.hidden.txt"
echo 'secret' >"$work/web/node_modules/x/y.js"
ln -s "$work/secret.txt" "$work/web/link.txt"

timeout 20 "$PACT" serve --db "$work/pact.db" --static "$work/web" --port 0 --quiet >"$work/out" 2>"$work/err" &
server=$!
for _ in $(seq 100); do grep -q listening "$work/out" 2>/dev/null && break; sleep 0.1; done
base=$(sed -n 's/.*listening on \(http[^ ]*\)\/$/\1/p' "$work/out")
[ -n "$base" ] || { echo "FAIL: the server did not start"; cat "$work/err"; exit 1; }

fails=0
# expect NAME STATUS [curl args...] -- URL-PATH: the status, and for errors a
# JSON body {"error": ...}; never the secret.
expect() {
  local name=$1 want=$2
  shift 2
  local got
  got=$(curl -s -g --path-as-is --max-time 5 -o "$work/body" -D "$work/headers" -w '%{http_code}' "$@")
  if [ "$got" != "$want" ]; then
    echo "FAIL $name: status $got, expected $want"; fails=$((fails + 1)); return
  fi
  if grep -q secret "$work/body" 2>/dev/null; then
    echo "FAIL $name: the answer leaks a file outside the static folder"; fails=$((fails + 1)); return
  fi
  if [ "$want" -ge 400 ] && [ -s "$work/body" ] && ! grep -q '^{"error":' "$work/body"; then
    echo "FAIL $name: the error is not JSON: $(head -c 200 "$work/body")"; fails=$((fails + 1)); return
  fi
  echo "ok   $name ($got)"
}

expect "index" 200 "$base/"
grep -qi '^content-security-policy:.*default-src .none.' "$work/headers" || { echo "FAIL: no strict CSP header"; fails=$((fails + 1)); }
grep -qi '^x-content-type-options: nosniff' "$work/headers" || { echo "FAIL: no nosniff header"; fails=$((fails + 1)); }
grep -qi '^content-type: text/html' "$work/headers" || { echo "FAIL: index is not text/html"; fails=$((fails + 1)); }
expect "css in a subfolder" 200 "$base/sub/a.css"
expect "HEAD" 200 -I "$base/"

# Traversal out of the static folder.
expect "dot-dot" 400 "$base/../secret.txt"
expect "dot-dot deeper" 400 "$base/sub/../../secret.txt"
expect "encoded dot-dot" 400 "$base/%2e%2e/secret.txt"
expect "encoded dot-dot upper" 400 "$base/%2E%2E/%2E%2E/etc/passwd"
expect "encoded slash" 400 "$base/..%2fsecret.txt"
expect "encoded slash 2" 400 "$base/sub%2f..%2f..%2fsecret.txt"
expect "encoded backslash" 400 "$base/..%5csecret.txt"
expect "raw backslash" 400 "$base/..\\secret.txt"
expect "double-encoded" 404 "$base/%252e%252e/secret.txt"
expect "hidden file" 404 "$base/.hidden.txt"
expect "symlink out" 404 "$base/link.txt"
expect "node_modules" 404 "$base/node_modules/x/y.js"
expect "absolute" 404 "$base//etc/passwd"
expect "NUL" 400 "$base/index.html%00.css"
expect "NUL in a parameter" 400 "$base/api/actor?id=USA%00x"
expect "bad percent-encoding" 400 "$base/%zz"
expect "truncated percent-encoding" 400 "$base/api/search?q=ab%2"
expect "unknown extension" 404 "$base/pact.db"

# Size limits.
long=$(head -c 5000 /dev/zero | tr '\0' a)
expect "oversized target" 414 "$base/$long"
big=$(head -c 40000 /dev/zero | tr '\0' b)
got=$(curl -s --max-time 5 -o /dev/null -w '%{http_code}' -H "X-Big: $big" "$base/")
case "$got" in 431|413|400|000) echo "ok   oversized headers ($got)" ;;
  *) echo "FAIL oversized headers: status $got"; fails=$((fails + 1)) ;; esac
expect "long parameter" 400 "$base/api/search?q=$(head -c 800 /dev/zero | tr '\0' x)"
expect "body on GET" 413 -X GET --data-binary 'x=1' "$base/api/actors"

# Methods.
expect "POST" 405 -X POST --data 'a=b' "$base/api/actors"
grep -qi '^allow: GET, HEAD' "$work/headers" || { echo "FAIL: 405 without Allow"; fails=$((fails + 1)); }
expect "PUT" 405 -X PUT --data-binary @"$work/secret.txt" "$base/x.txt"
expect "DELETE" 405 -X DELETE "$base/api/actors"
expect "OPTIONS" 405 -X OPTIONS "$base/"
expect "TRACE" 405 -X TRACE "$base/"

# The API: unknown endpoints, bad and hostile parameters.
expect "unknown endpoint" 404 "$base/api/nope"
expect "api root" 404 "$base/api/"
expect "missing parameter" 400 "$base/api/ties?a=USA"
expect "bad date" 400 "$base/api/members?org=NATO&at=2023-13-01"
expect "bad date 2" 400 "$base/api/graph?at=yesterday"
expect "bad number" 400 "$base/api/ties?a=USA&b=JPN&limit=-5"
expect "bad article" 400 "$base/api/article?doc=x&article=abc"
expect "unknown actor" 404 "$base/api/actor?id=NOSUCH"
expect "SQL in actor" 404 "$base/api/actor?id=USA'%20OR%20'1'='1"
expect "SQL in org" 404 "$base/api/members?org=NATO%22%3B%20DROP%20TABLE%20events%3B--"
expect "FTS syntax in search" 200 "$base/api/search?q=%22%20OR%20NEAR(a%20b)%20*"
expect "empty search" 400 "$base/api/search?q=%22%22"
expect "invalid UTF-8" 400 "$base/api/search?q=%ff%fe"
expect "control character" 400 "$base/api/search?q=a%01b"
expect "unknown article" 404 "$base/api/article?doc=..%2f..%2fetc%2fpasswd&article=0"

# Still up and answering, with the store unharmed.
expect "still serving" 200 "$base/api/ties?a=USA&b=JPN"
grep -q '"source"' "$work/body" || { echo "FAIL: the store lost its events"; fails=$((fails + 1)); }

# Graceful stop.
stop_server "$server" TERM
rc=$?
server=
[ "$rc" -eq 0 ] || { echo "FAIL: exit status $rc after SIGTERM"; cat "$work/err"; fails=$((fails + 1)); }

[ "$fails" -eq 0 ] && echo "serve_hostile: all checks passed" || echo "serve_hostile: $fails failed"
[ "$fails" -eq 0 ]
