#!/bin/bash
# Flattened-text reader speed on the shared pages, on one core: the page
# reader alone (bench/aeb_page.c linked against the build's static libraries,
# the corpus read into memory once and parsed REPS times, 200 by default),
# then the whole `pactgraph extract` pipeline over the corpus copied REPS times.
#
#   bench/pages.sh [BUILD_DIR]      (default: build; a Release build is what to quote)
#   REPS=500 bench/pages.sh build-release
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=$(dirname "$here")
build=${1:-$src/build}
shared=${PACT_SHARED_DIR:-$src/../shared}
reps=${REPS:-200}
pages=("$shared"/corpus/*.txt)
if [ ! -e "${pages[0]}" ]; then
    echo "no shared pages under $shared/corpus" >&2
    exit 77
fi
for lib in page text util; do
    [ -f "$build/libpact_$lib.a" ] || { echo "build $build first (missing libpact_$lib.a)" >&2; exit 1; }
done
core="taskset -c 0"
command -v taskset >/dev/null || core=""
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# shellcheck disable=SC2046
cc -O2 -I"$src/src" -I"$src/include" "$here/aeb_page.c" \
    "$build/libpact_page.a" "$build/libpact_text.a" "$build/libpact_util.a" \
    $(pkg-config --libs libxml-2.0 zlib libutf8proc) -lm -o "$tmp/page_bench"
bytes=$(cat "${pages[@]}" | wc -c)
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(nproc) cores; $(date -u +%Y-%m-%d)"
echo "input: ${#pages[@]} flattened pages, $bytes bytes, x $reps"
echo "page reader (flattened text -> blocks, articles, datelines):"
REPS=$reps $core "$tmp/page_bench" "${pages[@]}"
if [ -x "$build/pactgraph" ]; then
    mkdir "$tmp/copies"
    for ((r = 0; r < reps; r++)); do
        for p in "${pages[@]}"; do ln -s "$p" "$tmp/copies/$r-$(basename "$p")"; done
    done
    n=$((reps * ${#pages[@]}))
    echo "pactgraph extract (whole pipeline), one process, $n files:"
    start=$(date +%s.%N)
    $core "$build/pactgraph" extract -q "$tmp/copies" > /dev/null
    end=$(date +%s.%N)
    python3 -c "import sys; n=int(sys.argv[1]); s=float(sys.argv[3])-float(sys.argv[2]); print('%d pages in %.2f s wall: %.0f pages/s' % (n, s, n/s))" \
        "$n" "$start" "$end"
fi
