#!/bin/bash
# The page reader on the article-extraction benchmark (dev half): body-text F1
# of `pactgraph extract` against the gold must stay at 0.93 or above
# (readability-lxml scores 0.919 on these pages, trafilatura 0.963).
# Skipped (77) when $PACT_SHARED_DIR/aeb is absent.
set -u
shared=${PACT_SHARED_DIR:-$(dirname "$0")/../../../shared}
min=${PACT_AEB_MIN_F1:-0.93}
if [ ! -f "$shared/aeb/ground-truth.json" ] || [ ! -d "$shared/aeb/html" ]; then
    echo "skip: no benchmark at $shared/aeb"
    exit 77
fi
if ! command -v python3 >/dev/null; then
    echo "skip: python3 is needed to score"
    exit 77
fi
: "${PACT:?set PACT to the pactgraph binary}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if ! "$PACT" extract -q "$shared"/aeb/html/*.html.gz > "$tmp/aeb.jsonl" 2> "$tmp/err"; then
    echo "pactgraph extract failed:"
    head -20 "$tmp/err"
    exit 1
fi
python3 "$shared/eval/aeb_from_records.py" "$tmp/aeb.jsonl" > "$tmp/pred.json" || exit 1
python3 "$shared/eval/aeb_score.py" --truth "$shared/aeb/ground-truth.json" --json "$tmp/pred.json" \
    > "$tmp/score.json" || exit 1
python3 - "$tmp/score.json" "$min" <<'PY'
import json, sys
score = next(iter(json.load(open(sys.argv[1])).values()))
f1, floor = score["f1"], float(sys.argv[2])
print("AEB dev half: F1 %.3f  precision %.3f  recall %.3f  pages %d/%d (floor %.2f)" % (
    f1, score["precision"], score["recall"], score["pages_with_prediction"], score["pages"], floor))
sys.exit(0 if f1 >= floor else 1)
PY
