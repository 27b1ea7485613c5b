#!/usr/bin/env bash
# `extract -j N` gives the very bytes of `-j 1`, in input order: on samples/,
# the test fixtures (HTML, flattened text), a set large enough to cycle the
# reorder window many times (with a bad file in the middle: its message keeps
# its place and the others still come out), JSON Lines input, and the shared
# corpus when it is there (that part is skipped, not failed, without it).
set -u
PACT=${PACT:?set PACT to the pactgraph binary}
SRC=${PACT_SOURCE_DIR:?set PACT_SOURCE_DIR}
SHARED=${PACT_SHARED_DIR:-$SRC/../shared}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

# same_bytes NAME ARGS...: -j 1 against -j 2 and -j 3, stdout and exit status
same_bytes() {
    local name=$1
    shift
    "$PACT" extract -q "$@" > "$tmp/$name.1" 2> "$tmp/$name.1.err"
    local rc1=$?
    for j in 2 3; do
        "$PACT" extract -q -j $j "$@" > "$tmp/$name.$j" 2> "$tmp/$name.$j.err"
        local rcj=$?
        if ! cmp -s "$tmp/$name.1" "$tmp/$name.$j"; then
            echo "FAIL: $name: -j $j output differs from -j 1"
            diff <(cut -c1-200 "$tmp/$name.1") <(cut -c1-200 "$tmp/$name.$j") | head -5
            fail=1
        fi
        if [ $rc1 -ne $rcj ]; then
            echo "FAIL: $name: -j $j exit status $rcj, -j 1 gave $rc1"
            fail=1
        fi
        if ! cmp -s "$tmp/$name.1.err" "$tmp/$name.$j.err"; then
            echo "FAIL: $name: -j $j messages differ from -j 1 (or their order)"
            diff "$tmp/$name.1.err" "$tmp/$name.$j.err" | head -5
            fail=1
        fi
    done
    if [ ! -s "$tmp/$name.1" ] && [ "$name" != empty ]; then
        echo "FAIL: $name: no records at all"
        fail=1
    fi
}

same_bytes samples "$SRC/samples"
same_bytes fixtures "$SRC/tests/fixtures/pages" "$SRC/tests/fixtures/html"

# many documents, a bad one among them
mkdir "$tmp/many"
for i in 1 2 3 4 5 6; do
    for f in "$SRC"/samples/*; do cp "$f" "$tmp/many/$i-$(basename "$f")"; done
done
printf 'GIF89a\001\000\001\000\000\000\000binary' > "$tmp/many/3-00-binary.txt"
same_bytes many "$tmp/many"
n=$(wc -l < "$tmp/many.1")
want=$(( 6 * $(wc -l < "$tmp/samples.1") ))
[ "$n" -eq "$want" ] || { echo "FAIL: many: $n records, expected $want"; fail=1; }
grep -q '3-00-binary.txt: .*binary' "$tmp/many.1.err" || { echo "FAIL: many: the binary file was not reported"; fail=1; }

# JSON Lines input, from a file and from standard input
python3 - "$SRC/samples" > "$tmp/pages.jsonl" <<'PY'
import json, os, sys
d = sys.argv[1]
for f in sorted(os.listdir(d)):
    page = open(os.path.join(d, f), encoding="utf-8").read()
    key = "html" if f.endswith(".html") else "text"
    print(json.dumps({"doc": f, key: page}, ensure_ascii=False))
PY
same_bytes jsonl --jsonl-input "$tmp/pages.jsonl" "$tmp/pages.jsonl"
"$PACT" extract -q -j 2 --jsonl-input - < "$tmp/pages.jsonl" > "$tmp/stdin.2"
"$PACT" extract -q --jsonl-input - < "$tmp/pages.jsonl" > "$tmp/stdin.1"
cmp -s "$tmp/stdin.1" "$tmp/stdin.2" || { echo "FAIL: --jsonl-input -: -j 2 differs from -j 1"; fail=1; }

if [ -d "$SHARED/corpus" ]; then
    same_bytes corpus "$SHARED/corpus"
else
    echo "skip part: $SHARED/corpus not found (the shared corpus is not part of the repository)"
fi

[ $fail -eq 0 ] && echo "ok"
exit $fail
