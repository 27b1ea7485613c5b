#!/bin/bash
# Throughput and memory of the whole extraction (`pactgraph extract`: page
# reader, normalisation, sentences, entities, dates, events, JSON records) on
# corpora made by bench/gen_corpus.py from samples/ and data/ (never from
# ../shared), fed as JSON Lines on standard input, the cluster map step's way.
#
# For each size: one thread and `-j 2` (JOBS), with
# - MB/s and articles/s of wall-clock time, and MB/s per core of CPU time
#   (user + system), the figure that does not depend on what else the
#   machine is running;
# - peak RSS from /usr/bin/time -v: it must not grow with the input;
# - a check that -j N gives the very bytes of one thread (cmp).
# Then `perf stat` and the hot spots (`perf record`, else callgrind) on a
# small slice.
#
#   bench/extract.sh [BUILD_DIR]        (default: build; quote a Release build)
#   SIZES="100M 1G" JOBS="1 2" bench/extract.sh build-release
#   KEEP=/tmp/corpora bench/extract.sh   (keeps and reuses generated corpora)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=$(dirname "$here")
build=${1:-$src/build}
sizes=${SIZES:-100M 1G}
jobs=${JOBS:-1 2}
pact=$build/pactgraph
[ -x "$pact" ] || { echo "build $build first (no $pact)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
work=${KEEP:-$(mktemp -d)}
mkdir -p "$work"
[ -n "${KEEP:-}" ] || trap 'rm -rf "$work"' EXIT

echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(nproc) cores," \
     "load average $(cut -d' ' -f1-3 /proc/loadavg); $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "binary: $pact ($(grep -m1 CMAKE_BUILD_TYPE: "$build/CMakeCache.txt" 2>/dev/null | cut -d= -f2))"
printf '%-6s %-4s %9s %8s %8s %10s %11s %9s %9s %s\n' size jobs pages_MB wall_s cpu_s MB/s_wall MB/s/core art/s RSS_MB same
for size in $sizes; do
    corpus=$work/corpus-$size.jsonl
    if [ ! -s "$corpus" ]; then
        python3 "$here/gen_corpus.py" "$size" --out "$corpus" 2> "$corpus.info"
    fi
    # the pages' own bytes (what spans count), not the JSON quoting around them
    mb=$(sed -n 's/.*pages, \([0-9.]*\) MB of pages.*/\1/p' "$corpus.info")
    [ -n "$mb" ] || mb=$(awk -v b="$(wc -c < "$corpus")" 'BEGIN { printf "%.1f", b / 1e6 }')
    ref=""
    for j in $jobs; do
        out=$work/out-$size-$j.jsonl
        /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$pact" extract -q -j "$j" --jsonl-input - < "$corpus" > "$out"
        read -r wall user sys rss < "$work/time"
        arts=$(wc -l < "$out")
        same=-
        if [ -z "$ref" ]; then ref=$out; else cmp -s "$ref" "$out" && same=yes || same=NO; fi
        awk -v s="$size" -v j="$j" -v mb="$mb" -v w="$wall" -v u="$user" -v sy="$sys" -v r="$rss" -v a="$arts" -v same="$same" \
            'BEGIN { c = u + sy; printf "%-6s %-4s %9.1f %8.1f %8.1f %10.2f %11.2f %9.0f %9.1f %s\n",
                     s, j, mb, w, c, mb / w, mb / c, a / w, r / 1024, same }'
    done
    [ -n "${KEEP:-}" ] || rm -f "$work"/out-"$size"-*.jsonl
done

# hot spots on a small slice (2,000 pages)
first=$(echo "$sizes" | awk '{ print $1 }')
head -n 2000 "$work/corpus-$first.jsonl" > "$work/slice.jsonl"
echo
echo "slice for profiling: $(wc -l < "$work/slice.jsonl") pages, $(wc -c < "$work/slice.jsonl") bytes of JSON Lines"
if command -v perf > /dev/null && perf stat -o "$work/stat" "$pact" extract -q --jsonl-input "$work/slice.jsonl" > /dev/null 2>&1; then
    echo "perf stat:"
    grep -E 'task-clock|cycles|instructions|elapsed' "$work/stat" | sed 's/^ */  /'
fi
if command -v perf > /dev/null &&
   perf record -q -F 999 --call-graph dwarf,16384 -o "$work/perf.data" \
        "$pact" extract -q --jsonl-input "$work/slice.jsonl" > /dev/null 2>&1; then
    echo "hot spots (perf, self time, top 25):"
    perf report -i "$work/perf.data" --no-children --sort symbol --stdio -g none 2>/dev/null |
        grep -E '^ +[0-9.]+%' | head -25
    echo "by stage (perf, time including callees):"
    perf report -i "$work/perf.data" --children --sort symbol --stdio -g none 2>/dev/null |
        grep -E 'pact_page_read|pact__entities_recognize|pact__events_code|pact__units_annotate|pact__units_build|pact__pattern_key|pact__coref_collapse|pact_text_normalize|\] normalize |pact_lex_scan|pact_lexicon_match|pact_text_fold|pact_sentences_split|pact_tokenize|pact_record_write_json|pact_doc_from_json|pact_extractor_new' |
        head -24
elif command -v valgrind > /dev/null; then
    head -n 200 "$work/slice.jsonl" > "$work/tiny.jsonl"
    valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" "$pact" extract -q --jsonl-input "$work/tiny.jsonl" > /dev/null 2>&1
    echo "hot spots (callgrind, inclusive):"
    callgrind_annotate --inclusive=yes "$work/cg.out" 2>/dev/null | head -40
fi
