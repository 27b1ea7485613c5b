#!/usr/bin/env bash
# The page reader on the shared pages: body, titles, article counts and
# datelines scored against the gold with ../shared/eval/score.py.
set -u
shared=${PACT_SHARED_DIR:-}
if [ -z "$shared" ] || [ ! -d "$shared/corpus" ] || [ ! -d "$shared/gold" ] || [ ! -f "$shared/eval/score.py" ]; then
    echo "skip: the shared pages are not here (PACT_SHARED_DIR=${shared:-unset})"
    exit 77
fi
command -v python3 >/dev/null || { echo "skip: python3 is missing"; exit 77; }
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$PACT" extract -q "$shared"/corpus/*.txt > "$out" || { echo "FAIL: pactgraph extract exited $?"; exit 1; }
python3 "$shared/eval/score.py" --gold "$shared/gold" --corpus "$shared/corpus" "$out" \
    --min body.f1=0.97 --min titles.acc=1 --min articles.acc=1 --min published.acc=1
