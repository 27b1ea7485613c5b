#!/usr/bin/env bash
# Benchmark of the store: ingest speed of records (--records) and the latency
# of the graph queries on the resulting store.
#
# usage: bench/graph.sh [N_ARTICLES] [BUILD_DIR]
#   N_ARTICLES  how many synthetic articles (default 100000)
#   BUILD_DIR   a build with an optimised pactgraph (default: build-bench,
#               configured here as Release without sanitizers)
# Writes its figures to standard output; copy them into bench/README.md.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/.." && pwd)
n=${1:-100000}
build=${2:-$src/build-bench}
if [ ! -x "$build/pactgraph" ] || [ "${PACT_BENCH_REBUILD:-1}" = 1 ]; then
  cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Release -DPACT_SANITIZE=OFF >/dev/null
  cmake --build "$build" --target pactgraph -j"$(nproc)" >/dev/null
fi
pact=$build/pactgraph
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "machine: $(uname -srm); $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); $(nproc) cores"
echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
python3 "$here/gen_records.py" "$n" > "$work/records.jsonl"
size=$(du -m "$work/records.jsonl" | cut -f1)
events=$(python3 -c "import json,sys; print(sum(len(json.loads(l)['events']) for l in open(sys.argv[1])))" "$work/records.jsonl")
echo "input: $n articles, $events events, ${size} MB of JSON Lines"

now() { date +%s.%N; }
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
# Wall clock and CPU (user+sys): on a shared machine the wall clock also
# measures the neighbours; CPU time measures pactgraph.
TIMEFORMAT='%R %U %S'
{ time "$pact" ingest --db "$work/bench.db" --records "$work/records.jsonl" 2>"$work/ingest.err"; } 2>"$work/time"
tail -1 "$work/ingest.err"
read -r real user sys < "$work/time"
python3 -c "import sys; r,u,s,n=map(float,sys.argv[1:]); print('ingest: %.1f s wall (%.0f articles/s), %.1f s CPU (%.0f articles/s of CPU)' % (r, n/r, u+s, n/(u+s)))" "$real" "$user" "$sys" "$n"
echo "store: $(du -m "$work/bench.db" | cut -f1) MB"
{ time "$pact" ingest --db "$work/bench.db" --records "$work/records.jsonl" 2>/dev/null; } 2>"$work/time"
read -r real user sys < "$work/time"
python3 -c "import sys; r,u,s=map(float,sys.argv[1:]); print('re-ingest of the same records (all skipped): %.1f s wall, %.1f s CPU' % (r, u+s))" "$real" "$user" "$sys"
echo "load average after ingest: $(cut -d' ' -f1-3 /proc/loadavg)"

# Each query 20 times as a whole command (process start, store open, query,
# printing JSON); median and worst.
bench() {
  local name=$1; shift
  local times=()
  for i in $(seq 20); do
    local a b
    a=$(now); "$pact" "$@" --db "$work/bench.db" --json > /dev/null; b=$(now)
    times+=("$(python3 -c "import sys; print((float(sys.argv[2])-float(sys.argv[1]))*1000)" "$a" "$b")")
  done
  python3 -c "
import sys, statistics
t=[float(x) for x in sys.argv[2:]]
print('%-28s median %7.1f ms   max %7.1f ms' % (sys.argv[1], statistics.median(t), max(t)))" "$name" "${times[@]}"
}
bench "members NATO" members NATO
bench "members NATO --at 2020" members NATO --at 2020
bench "ties USA CHN" ties USA CHN
bench "ties USA CHN --evidence" ties USA CHN --evidence --limit 100
bench "timeline JPN" timeline JPN
bench "timeline USA JPN" timeline USA JPN
bench "path TLS CSTO" path TLS CSTO
bench "actor USA" actor USA
bench "search thoa thuan" search thoa thuan --limit 20
