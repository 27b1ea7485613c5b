#!/usr/bin/env bash
# `pactgraph serve`'s JSON API answers what the command line answers, in the
# shapes of spec/OUTPUT.md: /api/members, ties, path, timeline, search,
# actor are byte-for-byte the CLI's --json; /api/actors, article and graph
# have the fields the UI reads. Also HEAD, the cache (same answer twice), and
# a store that is not there.
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
fails=0
fail() { echo "FAIL $*"; fails=$((fails + 1)); }

cd "$src"
"$PACT" ingest -q --db "$work/pact.db" samples/ >/dev/null 2>&1 || { echo "FAIL: ingest"; exit 1; }

# No store: a clear message and exit status 1, not a new empty file.
timeout 10 "$PACT" serve --db "$work/missing.db" --port 0 >/dev/null 2>"$work/err0"
[ $? -eq 1 ] || fail "a missing store should exit 1"
grep -q "no such store" "$work/err0" || fail "no clear message for a missing store: $(cat "$work/err0")"
[ ! -e "$work/missing.db" ] || fail "serve created a store"

timeout 60 "$PACT" serve --db "$work/pact.db" --port 0 --quiet >"$work/out" 2>"$work/err" &
server=$!
for _ in $(seq 100); do grep -q listening "$work/out" 2>/dev/null && break; sleep 0.1; done
base=$(sed -n 's/.*listening on \(http[^ ]*\)\/$/\1/p' "$work/out")
[ -n "$base" ] || { echo "FAIL: the server did not start"; cat "$work/err"; exit 1; }

get() { curl -s --max-time 10 "$base$1"; }

# Same answers as the command line.
same() {
  local name=$1 path=$2
  shift 2
  local api cli
  api=$(get "$path")
  cli=$("$PACT" "$@" --db "$work/pact.db" --json 2>/dev/null)
  if [ "$(printf '%s' "$api" | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin), sort_keys=True))')" != \
       "$(printf '%s' "$cli" | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin), sort_keys=True))')" ]; then
    fail "$name: the API and 'pactgraph $*' differ"
  else echo "ok   $name = pactgraph $*"; fi
}
same members "/api/members?org=NATO&at=2023-06-01" members NATO --at 2023-06-01
same ties "/api/ties?a=USA&b=JPN" ties USA JPN
same "ties by name" "/api/ties?a=Nh%E1%BA%ADt%20B%E1%BA%A3n&b=USA" ties "Nhật Bản" USA
same path "/api/path?a=KOR&b=AUKUS" path KOR AUKUS
same timeline "/api/timeline?a=PHL" timeline PHL
same actor "/api/actor?id=USA" actor USA
same search "/api/search?q=thoa%20thuan" search thoa thuan

# The views the UI reads.
get "/api/actors" >"$work/actors.json"
get "/api/graph" >"$work/graph.json"
get "/api/graph?at=2015-01&from=2010" >"$work/graph2015.json"
get "/api/article?doc=samples%2F08_quad_fm_tokyo_2024.txt&article=0" >"$work/article.json"
python3 - "$work" <<'EOF' || fails=$((fails + 1))
import json, sys
w = sys.argv[1]
actors = json.load(open(w + "/actors.json"))
assert isinstance(actors, list) and actors, "actors: empty"
assert {"id", "kind", "name", "name_vi", "events"} <= set(actors[0]), f"actors: fields {actors[0]}"
g = json.load(open(w + "/graph.json"))
assert {"at", "range", "nodes", "edges"} <= set(g), "graph: fields"
ids = {n["id"] for n in g["nodes"]}
assert "USA" in ids and "NATO" in ids, "graph: USA or NATO missing"
for e in g["edges"]:
    assert e["source"] in ids and e["target"] in ids, f"graph: edge to a node not shown {e}"
    assert e["kind"] in ("event", "membership")
ev = [e for e in g["edges"] if e["kind"] == "event"]
assert ev and all({"events", "goldstein", "mean", "cooperation", "conflict"} <= set(e) for e in ev), "graph: tie fields"
g15 = json.load(open(w + "/graph2015.json"))
assert len(g15["nodes"]) < len(g["nodes"]), "graph: 2015 is not smaller than today"
# AUKUS was founded in 2021: no membership of it in 2015, neither dated nor
# one the news gives no date for (it counts from its first report, 2024).
assert not [e for e in g15["edges"] if e["kind"] == "membership" and e["source"] == "AUKUS"], \
    "graph: AUKUS members in 2015"
a = json.load(open(w + "/article.json"))
assert a["title"] and a["body_text"] and a["sentences"] and a["entities"] and a["events"], "article: empty parts"
# The UI finds the evidence sentences in the body text by their text.
found = [s for s in a["sentences"] if s["text"] in a["body_text"] or s["text"] in a["title"]]
assert len(found) >= 0.8 * len(a["sentences"]), f"article: only {len(found)} of {len(a['sentences'])} sentences in the text"
print("ok   actors, graph, article")
EOF

# The cache gives the same answer; HEAD gives headers only.
[ "$(get /api/graph)" = "$(cat "$work/graph.json")" ] && echo "ok   graph twice" || fail "the cached graph differs"
h=$(curl -s --max-time 5 -I "$base/api/actors")
printf '%s' "$h" | grep -q '^HTTP/1.1 200' && printf '%s' "$h" | grep -qi '^content-type: application/json' \
  && echo "ok   HEAD" || fail "HEAD /api/actors: $h"
code=$(curl -s --max-time 5 -o /dev/null -w '%{http_code}' "$base/api/article?doc=nope&article=0")
[ "$code" = 404 ] && echo "ok   unknown article (404)" || fail "unknown article: $code"

stop_server "$server" INT
rc=$?
server=
[ "$rc" -eq 0 ] && echo "ok   stops on SIGINT" || fail "exit status $rc after SIGINT"

[ "$fails" -eq 0 ] && echo "serve_api: all checks passed"
[ "$fails" -eq 0 ]
