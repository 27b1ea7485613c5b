#!/usr/bin/env bash
# The event coder on the blind development pages (tests/fixtures/gold-pages,
# written for the project, annotated before the coder was run on them; gold in
# tests/fixtures/gold in the shared gold format), scored with the shared
# scorer ../shared/eval/score.py. The floors sit a little below the figures
# measured when they were set, so that a regression fails.
#   b01-b06 (session 1): events F1 0.918, P 0.886, dates 0.846 when set.
#   q01-q05 (session 2, one of them HTML): frozen first score, before any fix
#   made on them, events F1 0.755 (P 0.822, R 0.698), dates 0.846,
#   memberships 0.400 -- the honest hold-out figure.
#   q06-q07 (session 2, written after the first fixes): frozen first score
#   events F1 0.865 (P 0.842, R 0.889), dates 1.000.
#   q08 (session 2, written after all its fixes): frozen first score events
#   F1 0.600 (P 0.667, R 0.545; its second article is not split off).
#   All fourteen pages at the end of session 2: events F1 0.917 (P 0.933,
#   R 0.902), dates 0.947, memberships 1.000.
#   q09-q11 (session 2, quality2, one of them HTML; written and annotated
#   after that helper's fixes of the brief's causes, before the coder was
#   run on them): frozen first score events F1 0.604 (P 0.842, R 0.471),
#   dates 1.000 (4/4).
#   q12 (session 2, quality2, written after all that helper's fixes):
#   frozen first score events F1 0.800 (P 0.727, R 0.889), dates 1.000.
#   After quality2's fixes: b01-q08 events F1 0.971 (was 0.917), q09-q11
#   0.839 (frozen 0.604), q12 0.947 (frozen 0.800); all eighteen pages
#   events F1 0.944 (P 0.968, R 0.922), dates 0.960, memberships 1.000.
#   q13-q14 (session 2, quality3, q14 in HTML; written and annotated before
#   the coder was run on them): frozen first score events F1 0.718 (P 0.737,
#   R 0.700), dates 1.000 (7/7); 0.737 once one annotation slip was mended
#   (the title's protest is at PRK as well as RUS, as line 13 has it).
#   After quality3's fixes: b01-q12 events F1 0.975 (was 0.944), q13-q14
#   1.000; all twenty pages events F1 0.978 (P 0.994, R 0.962), dates 0.966.
set -u
src=${PACT_SOURCE_DIR:?}
shared=${PACT_SHARED_DIR:-}
command -v python3 >/dev/null || { echo "skip: python3 is missing"; exit 77; }
if [ -z "$shared" ] || [ ! -f "$shared/eval/score.py" ]; then
    echo "skip: the shared scorer is not here (PACT_SHARED_DIR=${shared:-unset})"
    exit 77
fi
pages=$src/tests/fixtures/gold-pages
gold=$src/tests/fixtures/gold
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$PACT" extract -q "$pages"/*.txt "$pages"/*.html > "$out" || { echo "FAIL: pactgraph extract exited $?"; exit 1; }
python3 "$shared/eval/score.py" --gold "$gold" --corpus "$pages" "$out" \
    --min events.f1=0.95 --min events.p=0.96 --min dates.acc=0.93 --min memberships.f1=0.9
