#!/usr/bin/env bash
# Crash safety of the store (issue "Hardening"): a long `pactgraph ingest` is
# killed with SIGKILL at random moments, several times, then run again to the
# end. After each kill the store must be intact (PRAGMA integrity_check,
# foreign keys) and hold no half-ingested document; the last run must store
# the rest, and the store must then equal one made by a single clean ingest.
#
# "No half-ingested document", over the schema:
#   - each document's articles are numbered 0..n-1 without holes, and every
#     document has its articles (the inputs give every document at least one);
#   - every sentence with text is in the full-text index, and nothing else is;
#   - every piece of evidence belongs to an event or a membership that exists,
#     in an article of its own document; every event and every news
#     membership has evidence;
#   - the links table counts exactly the events between each pair.
# Bounded: the input is sized so that the whole test stays under a minute
# under ASan (about 1500 synthetic records, bench/gen_records.py).
set -u
PACT=${PACT:?set PACT to the pactgraph binary}
SRC=${PACT_SOURCE_DIR:?}
command -v python3 >/dev/null || { echo "SKIP: needs python3" >&2; exit 77; }
python3 -c 'import sqlite3' 2>/dev/null || { echo "SKIP: needs python3's sqlite3" >&2; exit 77; }
tmp=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill -9 "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
fail=0
start=$SECONDS

python3 "$SRC/bench/gen_records.py" "${PACT_CRASH_RECORDS:-1500}" --seed 7 > "$tmp/records.jsonl"

cat > "$tmp/check.py" <<'PY'
import sqlite3, sys
db, mode = sys.argv[1], sys.argv[2]
c = sqlite3.connect(db)
q = lambda sql: c.execute(sql).fetchall()
problems = []
def expect_none(what, sql):
    rows = q(sql)
    if rows:
        problems.append(f"{what}: {len(rows)} (e.g. {rows[:3]})")
ic = q("PRAGMA integrity_check")
if ic != [("ok",)]:
    problems.append(f"integrity_check: {ic[:5]}")
expect_none("foreign key violations", "PRAGMA foreign_key_check")
tables = {r[0] for r in q("SELECT name FROM sqlite_master WHERE type = 'table'")}
if "documents" in tables:
    expect_none("documents without articles",
                "SELECT id FROM documents d WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.doc_id = d.id)")
    expect_none("documents with holes in their articles",
                "SELECT doc_id FROM articles GROUP BY doc_id HAVING max(idx) + 1 <> count(*) OR min(idx) <> 0")
    expect_none("articles of no document",
                "SELECT id FROM articles WHERE doc_id NOT IN (SELECT id FROM documents)")
    expect_none("sentences of no article",
                "SELECT id FROM sentences WHERE article_id NOT IN (SELECT id FROM articles)")
    expect_none("sentences missing from the index",
                "SELECT id FROM sentences WHERE text IS NOT NULL AND id NOT IN (SELECT rowid FROM sentences_fts)")
    expect_none("index rows of no sentence",
                "SELECT rowid FROM sentences_fts WHERE rowid NOT IN (SELECT id FROM sentences WHERE text IS NOT NULL)")
    expect_none("entities of no article",
                "SELECT id FROM entities WHERE article_id NOT IN (SELECT id FROM articles)")
    expect_none("evidence of nothing",
                "SELECT id FROM evidence WHERE (event_id IS NULL) = (membership_id IS NULL)")
    expect_none("evidence of a missing event",
                "SELECT id FROM evidence WHERE event_id IS NOT NULL AND event_id NOT IN (SELECT id FROM events)")
    expect_none("evidence of a missing membership",
                "SELECT id FROM evidence WHERE membership_id IS NOT NULL AND membership_id NOT IN (SELECT id FROM memberships)")
    expect_none("evidence outside its document",
                "SELECT e.id FROM evidence e LEFT JOIN articles a ON a.id = e.article_id WHERE a.doc_id IS NOT e.doc_id")
    expect_none("events without evidence",
                "SELECT id FROM events WHERE id NOT IN (SELECT event_id FROM evidence WHERE event_id IS NOT NULL)")
    expect_none("news memberships without evidence",
                "SELECT id FROM memberships WHERE origin = 'news' AND id NOT IN"
                " (SELECT membership_id FROM evidence WHERE membership_id IS NOT NULL)")
    expect_none("links that do not count the events",
                "SELECT * FROM (SELECT min(source, target) a, max(source, target) b, count(*) n FROM events"
                " WHERE source <> target GROUP BY 1, 2) v FULL JOIN links l ON l.a = v.a AND l.b = v.b"
                " WHERE v.n IS NOT l.n")
    expect_none("actors missing", "SELECT source FROM events WHERE source NOT IN (SELECT id FROM actors)"
                " UNION SELECT target FROM events WHERE target NOT IN (SELECT id FROM actors)")
if problems:
    print("; ".join(problems))
    sys.exit(1)
if mode == "counts":
    counts = [q(f"SELECT count(*) FROM {t}")[0][0] for t in
              ("documents", "articles", "sentences", "entities", "events", "evidence", "memberships", "actors")]
    counts.append(q("SELECT coalesce(sum(n), 0) FROM links")[0][0])
    counts.append(q("SELECT count(*) FROM sentences_fts")[0][0])
    # what the facts are, not their row ids
    counts.append(q("SELECT count(DISTINCT source || target || code || coalesce(date, '') || dkey) FROM events")[0][0])
    print(" ".join(map(str, counts)))
PY
check_store() { # check_store WHEN DB
  local out
  if ! out=$(python3 "$tmp/check.py" "$2" check 2>&1); then
    echo "FAIL: $1: $out" >&2; fail=1
  fi
}

# The reference: one clean ingest, timed.
t0=$(date +%s%N)
"$PACT" ingest -q --db "$tmp/clean.db" --records "$tmp/records.jsonl" || { echo "FAIL: clean ingest" >&2; exit 1; }
t1=$(date +%s%N)
ms=$(( (t1 - t0) / 1000000 ))
want=$(python3 "$tmp/check.py" "$tmp/clean.db" counts) || { echo "FAIL: the clean store: $want" >&2; exit 1; }
echo "clean ingest: ${ms} ms; counts: $want" >&2

# Kills at random moments within the ingest's running time, while there is
# time left for the rest (each run restarts on the same inputs).
RANDOM=${PACT_CRASH_SEED:-$$}
kills=0
for i in 1 2 3 4 5 6; do
  [ $((SECONDS - start)) -lt 20 ] || break
  delay=$(( 100 + RANDOM % (ms > 200 ? ms - 100 : 100) ))
  "$PACT" ingest -q --db "$tmp/crash.db" --records "$tmp/records.jsonl" 2>"$tmp/err.$i" &
  pid=$!
  sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
  if kill -9 "$pid" 2>/dev/null; then kills=$((kills + 1)); fi
  wait "$pid" 2>/dev/null
  pid=
  [ -e "$tmp/crash.db" ] || continue
  check_store "after kill $i (at ${delay} ms)" "$tmp/crash.db"
done
echo "killed $kills times" >&2

"$PACT" ingest --db "$tmp/crash.db" --records "$tmp/records.jsonl" 2>"$tmp/err.last"
rc=$?
[ $rc -eq 0 ] || { echo "FAIL: the last run exited $rc: $(tail -3 "$tmp/err.last")" >&2; fail=1; }
got=$(python3 "$tmp/check.py" "$tmp/crash.db" counts)
if [ "$got" != "$want" ]; then
  echo "FAIL: after the kills and a last run the store differs from a clean ingest" >&2
  echo "  (documents articles sentences entities events evidence memberships actors links fts facts)" >&2
  echo "  clean: $want" >&2
  echo "  got:   $got" >&2
  fail=1
fi
# And one more run stores nothing.
"$PACT" ingest --db "$tmp/crash.db" --records "$tmp/records.jsonl" 2>"$tmp/err.again"
grep -q "^ingest: 0 pages stored" "$tmp/err.again" || { echo "FAIL: a run after the end stored more: $(tail -1 "$tmp/err.again")" >&2; fail=1; }
echo "total $((SECONDS - start)) s" >&2
exit $fail
