#!/usr/bin/env bash
# Benchmark of `pactgraph serve`: requests/s and latency (p50, p99) of the
# main endpoints with wrk on loopback, over a store of N synthetic articles
# (bench/gen_records.py, the store's own benchmark input).
#
# usage: bench/serve.sh [N_ARTICLES] [BUILD_DIR]
#   N_ARTICLES  how many synthetic articles (default 100000)
#   BUILD_DIR   a Release build without sanitizers (default: build-serve-rel,
#               configured here)
# Environment: DURATION (seconds per endpoint, default 10), CONNECTIONS (32),
# THREADS (server worker threads, default: the number of cores).
# The store is kept in BUILD_DIR/serve-bench-N.db and reused when present.
# Prints a Markdown table; copy it into bench/README.md.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/.." && pwd)
n=${1:-100000}
build=${2:-$src/build-serve-rel}
duration=${DURATION:-10}
conns=${CONNECTIONS:-32}
threads=${THREADS:-$(nproc)}
command -v wrk >/dev/null || PACT_WITH_BENCH=1 bash "$src/scripts/deps.sh"
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }

if [ ! -x "$build/pactgraph" ] || [ "${PACT_BENCH_REBUILD:-1}" = 1 ]; then
  cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Release -DPACT_SANITIZE=OFF >/dev/null
  cmake --build "$build" --target pactgraph -j"$(nproc)" >/dev/null
fi
pact=$build/pactgraph
db=$build/serve-bench-$n.db
work=$(mktemp -d)
server=
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

if [ ! -s "$db" ]; then
  echo "building the store: $n synthetic articles..." >&2
  python3 "$here/gen_records.py" "$n" >"$work/records.jsonl"
  "$pact" ingest -q --db "$db.tmp" --records "$work/records.jsonl" >&2
  mv "$db.tmp" "$db"
  rm -f "$db.tmp-wal" "$db.tmp-shm"
fi
counts=$(sqlite3 "$db" "SELECT (SELECT count(*) FROM articles) || ' articles, ' || (SELECT count(*) FROM events)
  || ' events, ' || (SELECT count(*) FROM evidence) || ' pieces of evidence, ' || (SELECT count(*) FROM sentences) || ' sentences'")

"$pact" serve --db "$db" --port 0 --threads "$threads" --quiet >"$work/out" 2>"$work/err" &
server=$!
for _ in $(seq 100); do grep -q listening "$work/out" 2>/dev/null && break; sleep 0.1; done
base=$(sed -n 's/.*listening on \(http[^ ]*\)\/$/\1/p' "$work/out")
[ -n "$base" ] || { cat "$work/err" >&2; exit 1; }

doc=$(curl -s "$base/api/search?q=dong%20minh&limit=1" | python3 -c "import json,sys,urllib.parse; h=json.load(sys.stdin); print(urllib.parse.quote(h[0]['doc'], safe='') if h else 'none')")

echo "machine: $(uname -srm); $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); $(nproc) cores"
echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
echo "store: $counts; $(du -m "$db" | cut -f1) MB"
echo "server: $threads worker threads; wrk: 2 threads, $conns connections, ${duration}s per endpoint"
echo
echo "| endpoint | first request | requests/s | p50 | p99 | answer |"
echo "|----------|--------------:|-----------:|----:|----:|-------:|"
run() {
  local name=$1 path=$2
  local bytes first
  # The first request is cold: /api/graph and /api/actors are cached after it.
  read -r bytes first < <(curl -s -o /dev/null -w '%{size_download} %{time_total}\n' "$base$path")
  wrk -t2 -c"$conns" -d"${duration}s" --latency "$base$path" >"$work/wrk" 2>&1
  local rps p50 p99 errs
  rps=$(awk '/^Requests\/sec/ {printf "%.0f", $2}' "$work/wrk")
  p50=$(awk '$1 == "50%" {print $2}' "$work/wrk")
  p99=$(awk '$1 == "99%" {print $2}' "$work/wrk")
  errs=$(awk '/Non-2xx/ {print " (" $NF " non-2xx)"}' "$work/wrk")
  echo "| \`$name\` | $(awk -v t="$first" 'BEGIN {printf "%.0f ms", t * 1000}') | $rps$errs | $p50 | $p99 | $((bytes / 1024)) KB |"
}
run "/ (index.html)" "/"
run "/vendor/cytoscape.min.js" "/vendor/cytoscape.min.js"
run "/api/actors" "/api/actors"
run "/api/graph" "/api/graph"
run "/api/graph?at=2020-06" "/api/graph?at=2020-06"
run "/api/members?org=NATO" "/api/members?org=NATO"
run "/api/ties?a=USA&b=CHN" "/api/ties?a=USA&b=CHN"
run "/api/ties?a=USA&b=CHN&evidence=1&limit=100" "/api/ties?a=USA&b=CHN&evidence=1&limit=100"
run "/api/timeline?a=JPN" "/api/timeline?a=JPN"
run "/api/actor?id=USA" "/api/actor?id=USA"
run "/api/path?a=KOR&b=AUKUS" "/api/path?a=KOR&b=AUKUS"
run "/api/search?q=dong minh" "/api/search?q=dong%20minh"
run "/api/article" "/api/article?doc=$doc&article=0"
