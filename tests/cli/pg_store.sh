#!/usr/bin/env bash
# The store on PostgreSQL: starts a throwaway server (tests/cli/pg_server.inc:
# initdb in a temporary directory, its own socket and port) and runs the same
# store tests against it as against SQLite — the unit tests test_graph_store
# and test_graph_query, and the checks of graph_ingest.sh, graph_queries.sh,
# graph_export.sh and graph_summary.sh with --db naming a database of that
# server. Then: an SQLite store and a PostgreSQL store of the same records
# give the same answers to every query and export (search hits may come in
# another order: the two rank differently), and the server reads the
# PostgreSQL store, its answer cache seeing an ingest made beside it. Skipped (77) only when PostgreSQL is not installed.
set -u
PACT=${PACT:?set PACT to the pactgraph binary}
SRC=${PACT_SOURCE_DIR:?}
tmp=$(mktemp -d)
. "$SRC/tests/cli/pg_server.inc"
# A test server: durability is not what is tested.
pg_start fsync=off synchronous_commit=off full_page_writes=off
trap 'pg_stop; rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*" >&2; fail=1; }

build=$(dirname "$PACT")
for t in test_graph_store test_graph_query; do
  bin=$build/tests/$t
  if [ ! -x "$bin" ]; then bad "$bin is not built"; continue; fi
  timeout 180 "$bin" >"$tmp/$t.out" 2>&1 || { cat "$tmp/$t.out" >&2; bad "$t against PostgreSQL"; }
done
for s in graph_ingest graph_queries graph_export graph_summary; do
  timeout 300 bash "$SRC/tests/cli/$s.sh" || bad "$s.sh against PostgreSQL"
done

# The same records in both back ends, the same answers.
recs=$SRC/tests/fixtures/records/basic.jsonl
lite=$tmp/same.db
pg=$(store same)
"$PACT" ingest -q --db "$lite" --records "$recs" || bad "SQLite ingest"
"$PACT" ingest -q --db "$pg" --records "$recs" || bad "PostgreSQL ingest"
queries=(
  "members NATO --json --evidence" "members AUKUS --at 2023 --json" "members QUAD"
  "ties GBR UKR --json --evidence" "ties CHN AUKUS" "timeline GBR --json" "timeline USA JPN --json"
  "path KOR UKR --json --evidence" "path DEU UKR" "actor GBR --json --evidence" "actor KOR"
  "summary --json" "export --format events-tsv" "export --format graphml" "export --format dot"
  "export --format jsonl"
)
for q in "${queries[@]}"; do
  # shellcheck disable=SC2086
  "$PACT" $q --db "$lite" > "$tmp/a" 2>&1
  # shellcheck disable=SC2086
  "$PACT" $q --db "$pg" > "$tmp/b" 2>&1
  cmp -s "$tmp/a" "$tmp/b" || { diff "$tmp/a" "$tmp/b" | head -5 >&2; bad "'$q' differs between SQLite and PostgreSQL"; }
done
for q in "thoa thuan" "dong minh" "an ninh"; do
  "$PACT" search $q --json --db "$lite" | python3 -c 'import json,sys; print(sorted(json.dumps(x) for x in json.load(sys.stdin)))' > "$tmp/a"
  "$PACT" search $q --json --db "$pg" | python3 -c 'import json,sys; print(sorted(json.dumps(x) for x in json.load(sys.stdin)))' > "$tmp/b"
  cmp -s "$tmp/a" "$tmp/b" || bad "search '$q' finds other sentences in PostgreSQL"
  grep -q "doc" "$tmp/a" || bad "search '$q' finds nothing"
done

# A document saved again replaces its older version there too.
sed 's/"2024-01-12"/"2024-01-13"/g' "$recs" > "$tmp/v2.jsonl"
"$PACT" ingest -q --db "$lite" --records "$tmp/v2.jsonl" || bad "SQLite re-ingest"
"$PACT" ingest -q --db "$pg" --records "$tmp/v2.jsonl" || bad "PostgreSQL re-ingest"
for q in "export --format jsonl" "summary --json" "timeline GBR --json"; do
  # shellcheck disable=SC2086
  "$PACT" $q --db "$lite" > "$tmp/a" 2>&1
  # shellcheck disable=SC2086
  "$PACT" $q --db "$pg" > "$tmp/b" 2>&1
  cmp -s "$tmp/a" "$tmp/b" || bad "after a replacement, '$q' differs between SQLite and PostgreSQL"
done

# Errors name the store and say what failed.
"$PACT" members NATO --db "host=$PG_DIR port=1 user=postgres dbname=nosuch" 2>"$tmp/err"
[ $? -eq 1 ] || bad "an unreachable server is an error"
grep -q "cannot connect to PostgreSQL" "$tmp/err" || bad "the error says what failed: $(head -c 300 "$tmp/err")"

# The server reads the PostgreSQL store.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$PACT" serve --db "$pg" --port "$port" --quiet >"$tmp/serve.out" 2>"$tmp/serve.err" &
spid=$!
ok=0
for _ in $(seq 100); do
  if python3 - "$port" >"$tmp/api" 2>/dev/null <<'PY'
import json, sys, urllib.request
base = "http://127.0.0.1:%s/api/" % sys.argv[1]
ties = json.load(urllib.request.urlopen(base + "ties?a=GBR&b=UKR"))
graph = json.load(urllib.request.urlopen(base + "graph"))
assert ties and ties[0]["source"] in ("GBR", "UKR"), ties
assert any(n["id"] == "GBR" for n in graph["nodes"]), graph
print("ok")
PY
  then ok=1; break; fi
  sleep 0.1
done
# Its answer cache sees an ingest made beside it (the store's generation).
if [ $ok = 1 ]; then
  graph() { curl -s --max-time 10 "http://127.0.0.1:$port/api/graph"; }
  g1=$(graph); g2=$(graph)
  [ -n "$g1" ] && [ "$g1" = "$g2" ] || bad "/api/graph twice gives the same answer"
  "$PACT" ingest -q --db "$pg" "$SRC/samples/08_quad_fm_tokyo_2024.txt" || bad "ingest beside the server"
  g3=$(graph)
  [ -n "$g3" ] && [ "$g3" != "$g1" ] || bad "/api/graph after an ingest beside the server is the old answer"
fi
kill "$spid" 2>/dev/null
for _ in $(seq 100); do kill -0 "$spid" 2>/dev/null || break; sleep 0.1; done
kill -9 "$spid" 2>/dev/null
wait "$spid" 2>/dev/null
[ $ok = 1 ] || { cat "$tmp/serve.err" >&2; bad "pactgraph serve --db URL answers /api/ties and /api/graph"; }
exit $fail
