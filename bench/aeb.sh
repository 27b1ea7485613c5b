#!/bin/bash
# Page-reader speed on the article-extraction benchmark pages (AEB dev half),
# on one core: pactgraph's HTML reader alone (bench/aeb_page.c, linked against
# the build's static libraries), then the whole `pactgraph extract` pipeline
# (figures on the CPU clock, so a busy machine slows them less than wall time).
#
#   bench/aeb.sh [BUILD_DIR]      (default: build; a Release build is what to quote)
#   REPS=10 bench/aeb.sh build-release
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=$(dirname "$here")
build=${1:-$src/build}
shared=${PACT_SHARED_DIR:-$src/../shared}
pages=("$shared"/aeb/html/*.html.gz)
if [ ! -e "${pages[0]}" ]; then
    echo "no AEB pages under $shared/aeb/html" >&2
    exit 77
fi
for lib in page text util; do
    [ -f "$build/libpact_$lib.a" ] || { echo "build $build first (missing libpact_$lib.a)" >&2; exit 1; }
done
core="taskset -c 0"
command -v taskset >/dev/null || core=""
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
# shellcheck disable=SC2046
cc -O2 -I"$src/src" -I"$src/include" "$here/aeb_page.c" \
    "$build/libpact_page.a" "$build/libpact_text.a" "$build/libpact_util.a" \
    $(pkg-config --libs libxml-2.0 zlib libutf8proc) -lm -o "$bin/aeb_page"
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(nproc) cores; $(date -u +%Y-%m-%d)"
echo "page reader (HTML -> blocks, article, spans):"
$core "$bin/aeb_page" "${pages[@]}"
if [ -x "$build/pactgraph" ]; then
    echo "pactgraph extract (whole pipeline, gunzip included), one process, CPU time:"
    TIMEFORMAT='%U %S %R'
    t=$( { time $core "$build/pactgraph" extract -q "${pages[@]}" > /dev/null 2>&1; } 2>&1 )
    python3 -c "import sys; n=int(sys.argv[1]); u,s,r=map(float,sys.argv[2:5]); print('%d pages in %.2f s CPU (%.2f s wall): %.0f pages/s' % (n, u+s, r, n/(u+s)))" \
        "${#pages[@]}" $t
fi
