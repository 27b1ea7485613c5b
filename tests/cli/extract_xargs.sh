#!/usr/bin/env bash
# `extract` under `xargs -P`: the pages split across two concurrent runs give,
# together, the records of one run (sorted, as xargs finishes runs in any
# order). Both the ways docs/CLUSTER.md shows: each run to its own file, and
# all runs into one shared file (whole-document writes: no line is cut).
set -u
PACT=${PACT:?set PACT to the pactgraph binary}
SRC=${PACT_SOURCE_DIR:?set PACT_SOURCE_DIR}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { if ! eval "$1"; then echo "FAIL: $2"; fail=1; fi; }

# a few copies of the samples, so that each run has several pages
mkdir "$tmp/pages"
for i in 1 2 3; do
    for f in "$SRC"/samples/*; do cp "$f" "$tmp/pages/$i-$(basename "$f")"; done
done
cd "$tmp"
"$PACT" extract -q pages > one.out
check '[ -s one.out ]' "no records from a single run"

# each run to its own file
mkdir parts
find pages -type f | sort | xargs -P 2 -n 7 sh -c '"$0" extract -q "$@" > "parts/$$.jsonl"' "$PACT"
check '[ "$(ls parts | wc -l)" -ge 2 ]' "xargs did not make several runs"
check 'cmp -s <(sort one.out) <(cat parts/*.jsonl | sort)' "union of the xargs -P 2 runs (own files) differs from one run"

# all runs into one shared file
find pages -type f | sort | xargs -P 2 -n 5 "$PACT" extract -q > shared.out
check 'cmp -s <(sort one.out) <(sort shared.out)' "union of the xargs -P 2 runs (one shared file) differs from one run"
check 'python3 -c "import json,sys; [json.loads(l) for l in open(sys.argv[1])]" shared.out' "a line was cut: the shared output is not JSON Lines"

# and with -j inside each run
find pages -type f | sort | xargs -P 2 -n 9 "$PACT" extract -q -j 2 > shared2.out
check 'cmp -s <(sort one.out) <(sort shared2.out)' "union of the xargs -P 2 runs with -j 2 differs from one run"

[ $fail -eq 0 ] && echo "ok"
exit $fail
