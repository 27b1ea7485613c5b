#!/usr/bin/env bash
# Peak memory of one huge document (issue 8). Scrapers save several pages as
# one file: a document of hundreds of articles. It is extracted article by
# article (each article's working memory freed before the next, its JSON
# lines written as they are made), so memory grows with the document's bytes,
# not with its articles times their records. Here the flattened samples 30
# times over in one file (~0.8 MB, hundreds of articles) may cost at most 16 MB
# more than one copy (before: ~40 MB more, growing with the square of the
# size); and -j 2, which hands such a document back in parts from a worker,
# gives the bytes of -j 1.
set -u
PACT=${PACT:?set PACT to the pactgraph binary}
SRC=${PACT_SOURCE_DIR:?set PACT_SOURCE_DIR}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

python3 - "$SRC/samples" "$tmp" <<'EOF'
import glob, os, sys
src, out = sys.argv[1], sys.argv[2]
one = b"".join(open(f, "rb").read() + b"\n\n" for f in sorted(glob.glob(os.path.join(src, "*.txt"))))
open(os.path.join(out, "small.txt"), "wb").write(one)
open(os.path.join(out, "big.txt"), "wb").write(one * 30)
EOF

# ASan keeps freed blocks in a quarantine (256 MB by default), which would
# hide what is live: keep it small, so that the figures are live memory
# (plus ASan's shadow, the same for both runs)
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=1"

# peak OUT ARGS...: runs ARGS with stdout to OUT; prints "KB STATUS"
peak() {
    python3 - "$@" <<'EOF'
import resource, subprocess, sys
with open(sys.argv[1], "wb") as out:
    rc = subprocess.run(sys.argv[2:], stdout=out).returncode
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, rc)
EOF
}

read -r small_kb small_rc < <(peak "$tmp/small.out" "$PACT" extract -q "$tmp/small.txt")
read -r big_kb big_rc < <(peak "$tmp/big.out" "$PACT" extract -q "$tmp/big.txt")
nsmall=$(wc -l < "$tmp/small.out")
nbig=$(wc -l < "$tmp/big.out")
if [ "$small_rc" != 0 ] || [ "$big_rc" != 0 ]; then
    echo "FAIL: extract exited $small_rc (one copy) and $big_rc (30 copies)"
    fail=1
fi
if [ "$nsmall" -lt 5 ] || [ "$nbig" -ne $((30 * nsmall)) ]; then
    echo "FAIL: $nsmall records from one copy of the samples and $nbig from 30 (want 30 times as many)"
    fail=1
fi
grow=$((big_kb - small_kb))
echo "peak RSS: one copy ($nsmall articles) ${small_kb} KB, 30 copies ($nbig articles) ${big_kb} KB: +${grow} KB"
if [ "$grow" -gt 16384 ]; then
    echo "FAIL: a document of $nbig articles costs ${grow} KB more than one of $nsmall (limit 16384 KB):" \
         "memory grows with the articles, not with the document's bytes"
    fail=1
fi

# -j 2: the big document comes back in parts from a worker, in order
"$PACT" extract -q -j 2 "$tmp/big.txt" "$tmp/small.txt" "$tmp/big.txt" > "$tmp/j2.out"
if ! cmp -s "$tmp/j2.out" <(cat "$tmp/big.out" "$tmp/small.out" "$tmp/big.out"); then
    echo "FAIL: -j 2 on big, small, big differs from -j 1"
    fail=1
fi

[ $fail -eq 0 ] && echo "ok"
exit $fail
