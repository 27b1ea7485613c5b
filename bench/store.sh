#!/usr/bin/env bash
# The store on both back ends: ingest speed of records (--records) and the
# latency of the graph queries, on SQLite and on a throwaway PostgreSQL
# server (tests/cli/pg_server.inc), from the same synthetic records.
#
# usage: bench/store.sh [N_ARTICLES] [BUILD_DIR]
#   N_ARTICLES  how many synthetic articles (default 100000; bench/gen_records.py)
#   BUILD_DIR   a build with an optimised pactgraph (default: build-bench,
#               configured here as Release without sanitizers)
# Environment: PACT_BENCH_RECORDS=FILE reuses a records file; BACKENDS="sqlite
# postgresql" (default both); RUNS=N runs per query (default 20).
# Writes its figures to standard output; copy them into bench/README.md.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/.." && pwd)
n=${1:-100000}
build=${2:-$src/build-bench}
runs=${RUNS:-20}
backends=${BACKENDS:-sqlite postgresql}
if [ ! -x "$build/pactgraph" ] || [ "${PACT_BENCH_REBUILD:-1}" = 1 ]; then
  cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Release -DPACT_SANITIZE=OFF >/dev/null
  cmake --build "$build" --target pactgraph -j"$(nproc)" >/dev/null
fi
pact=$build/pactgraph
tmp=$(mktemp -d)
. "$src/tests/cli/pg_server.inc"

echo "machine: $(uname -srm); $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); $(nproc) cores"
echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
recs=${PACT_BENCH_RECORDS:-$tmp/records.jsonl}
[ -s "$recs" ] || python3 "$here/gen_records.py" "$n" > "$recs"
echo "input: $(wc -l < "$recs") articles, $(du -m "$recs" | cut -f1) MB of JSON Lines"

# CPU time (user+sys, in clock ticks) of the PostgreSQL server's processes,
# the finished backends included (the postmaster's children).
server_cpu() {
  local t=0 p s
  for p in $(pgrep -u postgres -f "$PG_DIR/data" 2>/dev/null) $(pgrep -u postgres -P "$(head -1 "$PG_DIR/data/postmaster.pid" 2>/dev/null || echo 1)" 2>/dev/null); do
    s=$(awk '{print $14+$15+$16+$17}' "/proc/$p/stat" 2>/dev/null || echo 0)
    t=$((t + ${s:-0}))
  done
  echo "$t"
}
now() { date +%s%N; }

for be in $backends; do
  if [ "$be" = postgresql ]; then
    (pg_find_bin) || { echo "postgresql: not installed, skipped"; continue; }
    # A server as shipped, with a little more memory: durability on.
    pg_start shared_buffers=256MB max_wal_size=4GB
    trap 'pg_stop; rm -rf "$tmp"' EXIT
    db=$(tmp=$tmp store bench)
  else
    trap 'pg_stop; rm -rf "$tmp"' EXIT
    db=$tmp/bench.db
  fi
  echo
  echo "== $be"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  c0=0; [ "$be" = postgresql ] && c0=$(server_cpu)
  TIMEFORMAT='%R %U %S'
  { time "$pact" ingest --db "$db" --records "$recs" 2>"$tmp/ingest.err"; } 2>"$tmp/time"
  c1=0; [ "$be" = postgresql ] && c1=$(server_cpu)
  tail -1 "$tmp/ingest.err"
  read -r real user sys < "$tmp/time"
  python3 -c "
import sys
r,u,s,n,srv=map(float,sys.argv[1:])
srv/=100.0
print('ingest: %.1f s wall (%.0f articles/s); pactgraph %.1f s CPU%s; %.0f articles per CPU second' %
      (r, n/r, u+s, (', server %.1f s CPU' % srv) if srv else '', n/(u+s+srv)))" \
    "$real" "$user" "$sys" "$(wc -l < "$recs")" "$((c1 - c0))"
  if [ "$be" = sqlite ]; then echo "store: $(du -m "$db" | cut -f1) MB"
  else echo "store: $("$PACT_TEST_PG_BIN/psql" -X -At "$db" -c "SELECT pg_database_size(current_database()) / 1048576") MB"; fi
  echo "load average after ingest: $(cut -d' ' -f1-3 /proc/loadavg)"
  bench() {
    local name=$1; shift
    local times=() i a b
    for i in $(seq "$runs"); do
      a=$(now); "$pact" "$@" --db "$db" --json > /dev/null; b=$(now)
      times+=("$(( (b - a) / 1000 ))")
    done
    python3 -c "
import sys, statistics
t=[float(x)/1000 for x in sys.argv[2:]]
print('%-28s median %7.1f ms   min %7.1f ms   max %7.1f ms' % (sys.argv[1], statistics.median(t), min(t), max(t)))" "$name" "${times[@]}"
  }
  # A command that opens the store and finds nothing: what every query
  # pays before its own work (process start, store open, reference check).
  bench "(open only)" members NOSUCHORG 2>/dev/null || true
  bench "members NATO" members NATO
  bench "members NATO --at 2020" members NATO --at 2020
  bench "ties USA CHN --limit 20" ties USA CHN --limit 20
  bench "ties USA CHN" ties USA CHN
  bench "timeline USA JPN --limit 20" timeline USA JPN --limit 20
  bench "timeline JPN" timeline JPN
  bench "path TLS CSTO" path TLS CSTO
  bench "path KOR AUKUS" path KOR AUKUS
  bench "actor USA" actor USA
  bench "search thoa thuan" search thoa thuan --limit 20
  [ "$be" = postgresql ] && pg_stop
done
