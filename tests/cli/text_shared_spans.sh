#!/bin/bash
# For every sentence `pactgraph text` prints for every page of the shared
# corpus, the original bytes of its [start,end) span, normalised again, must
# give exactly that sentence: the offset map is right and splitting is stable.
# The spans of a page are cut out into one file, one per line, which
# pactgraph text must print back as the same sentences with the new spans.
set -u
dir="${PACT_SHARED_DIR:-}/corpus"
if [ -z "${PACT_SHARED_DIR:-}" ] || [ ! -d "$dir" ]; then
    echo "skipped: the shared corpus ($dir) is absent"
    exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0 n=0 pages=0
for f in "$dir"/*; do
    [ -f "$f" ] || continue
    pages=$((pages + 1))
    if ! "$PACT" text "$f" > "$tmp/out"; then
        echo "FAIL: pactgraph text $f exited non-zero"
        fail=1
        continue
    fi
    size=$(wc -c < "$f")
    : > "$tmp/slices"
    : > "$tmp/want"
    off=0
    while IFS= read -r line; do
        [[ $line =~ ^\[([0-9]+),([0-9]+)\)\ (.*)$ ]] || continue
        s=${BASH_REMATCH[1]} e=${BASH_REMATCH[2]} text=${BASH_REMATCH[3]}
        n=$((n + 1))
        if [ "$s" -ge "$e" ] || [ "$e" -gt "$size" ]; then
            echo "FAIL: $f: bad span [$s,$e) for: $text"
            fail=1
            continue
        fi
        tail -c +$((s + 1)) "$f" | head -c $((e - s)) >> "$tmp/slices"
        echo >> "$tmp/slices"
        printf '[%d,%d) %s\n\n' "$off" $((off + e - s)) "$text" >> "$tmp/want"
        off=$((off + e - s + 1))
    done < "$tmp/out"
    "$PACT" text "$tmp/slices" > "$tmp/got"
    if ! diff -u "$tmp/want" "$tmp/got" > "$tmp/diff"; then
        echo "FAIL: $f: spans cut from the file do not normalise to their sentences"
        echo "(--- the sentence as printed for the page, +++ its span cut out and read again)"
        head -40 "$tmp/diff"
        fail=1
    fi
done
echo "$n sentences of $pages pages checked"
[ "$n" -gt 0 ] || { echo "FAIL: no sentence printed"; exit 1; }
exit $fail
