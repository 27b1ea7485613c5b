#!/usr/bin/env bash
# pactgraph summary over a store built from tests/fixtures/records: the
# sections are there, and the numbers are those of the fixture (counted by
# hand from basic.jsonl: 2 documents, 4 articles, 10 sentences, 8 event
# reports of 7 events — GBR signs with UKR in two documents —, 2 news
# memberships).
set -u
shopt -s lastpipe
PACT=${PACT:?set PACT to the pactgraph binary}
SRC=${PACT_SOURCE_DIR:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() {
  local what=$1; shift
  if ! "$@"; then echo "FAIL: $what" >&2; fail=1; fi
}
jsoncheck() {
  local what=$1 expr=$2
  if ! python3 -c "import json,sys; j=json.load(sys.stdin); sys.exit(0 if ($expr) else 1)"; then
    echo "FAIL: $what" >&2; fail=1
  fi
}
# Stores are files, or with PACT_TEST_PG databases of a PostgreSQL server
# (tests/cli/pg_store.sh runs this script so).
. "$SRC/tests/cli/pg_server.inc"
if [ -z "${PACT_TEST_PG:-}" ]; then  # a database is never "missing": it gets the schema
  "$PACT" summary --db "$tmp/s.db" 2>"$tmp/err0"
  check "summary of a missing store fails" test $? -eq 1
  check "and says so" grep -q "no store" "$tmp/err0"
fi
db=$(store s)
"$PACT" ingest -q --db "$db" --records "$SRC/tests/fixtures/records/basic.jsonl" || { echo "ingest failed" >&2; exit 1; }

"$PACT" summary --db "$db" > "$tmp/out"
check "summary exits 0" test $? -eq 0
for section in "Groupings, in the news first" "Strongest ties" "Latest dated events"; do
  check "section '$section'" grep -q "^$section" "$tmp/out"
done
check "totals line" grep -q "2 documents, 4 articles, 10 sentences" "$tmp/out"
check "events and reports" grep -q "7 events (8 reports); 2 memberships from the news (2 sentences)" "$tmp/out"
check "AUKUS is the first grouping" test "$(sed -n '/^Groupings/{n;p;q}' "$tmp/out" | awk '{print $1}')" = AUKUS
check "JPN a declared non-member of AUKUS from one sentence" grep -q "not members *JPN (news 1)" "$tmp/out"
check "KOR a NATO partner, reference and news" grep -q "KOR (ref, news 1)" "$tmp/out"
check "the latest event first, with its CAMEO name" \
  grep -q "^  2024-01-12  [A-Z]*  [0-9]* [A-Z]" "$tmp/out"
check "GBR signs with UKR, named" grep -q "GBR  057 Sign formal agreement  -> UKR" "$tmp/out"
check "long sentences shortened" grep -q "…  (pages/a.txt \[144, 245\], and more)" "$tmp/out"

"$PACT" summary --db "$db" --json > "$tmp/j"
jsoncheck "totals" '{k: j["totals"][k] for k in ("documents","articles","sentences","events","event_reports","news_memberships","membership_reports")} == dict(documents=2, articles=4, sentences=10, events=7, event_reports=8, news_memberships=2, membership_reports=2)' < "$tmp/j"
jsoncheck "groupings in the news first: AUKUS, NATO, then the reference's QUAD, IP4, G7, ASEAN" \
  '[g["org"] for g in j["groupings"][:6]] == ["AUKUS","NATO","QUAD","IP4","G7","ASEAN"]' < "$tmp/j"
jsoncheck "AUKUS: 1 membership sentence, 2 events, members AUS GBR USA" \
  'j["groupings"][0]["evidence"]==1 and j["groupings"][0]["events"]==2 and {m["member"] for m in j["groupings"][0]["members"] if m["role"]=="member"}=={"AUS","GBR","USA"}' < "$tmp/j"
jsoncheck "ties: 7 pairs of one event each, GBR-UKR cooperative +8" \
  'len(j["ties"])==7 and all(t["events"]==1 for t in j["ties"]) and any(t["a"]=="GBR" and t["b"]=="UKR" and t["cooperation"]==1 and t["conflict"]==0 and abs(t["goldstein"]-8.0)<1e-9 for t in j["ties"])' < "$tmp/j"
jsoncheck "latest: newest first, GBR-UKR reported twice" \
  '[e["date"] for e in j["latest"]] == sorted([e["date"] for e in j["latest"]], reverse=True) and any(e["source"]=="GBR" and e["target"]=="UKR" and e["evidence"]==2 and e["cameo"]=="Sign formal agreement" for e in j["latest"])' < "$tmp/j"
"$PACT" summary --db "$db" --json --limit 2 | jsoncheck "--limit 2" \
  'len(j["groupings"])==2 and len(j["ties"])==2 and len(j["latest"])==2 and j["more_groupings"]>0'

# Counted again straight from the store, when the sqlite3 (or psql) tool is there.
n=
if [ -n "${PACT_TEST_PG:-}" ]; then
  n=$("$PACT_TEST_PG_BIN/psql" -X -At "$db" -c "SELECT count(*) FROM events WHERE source <> target")
elif command -v sqlite3 >/dev/null; then
  n=$(sqlite3 "$db" "SELECT count(*) FROM events WHERE source <> target")
fi
if [ -n "$n" ]; then
  jsoncheck "tie events add up to the store's ($n)" "sum(t['events'] for t in j['ties']) == $n" < "$tmp/j"
fi

# Ingesting again changes no number.
"$PACT" ingest -q --db "$db" --records "$SRC/tests/fixtures/records/basic.jsonl"
"$PACT" summary --db "$db" --json | jsoncheck "a second ingest changes nothing" \
  "j == json.load(open('$tmp/j'))"

"$PACT" summary --bogus 2>/dev/null
check "unknown option is a usage error" test $? -eq 2
"$PACT" summary --help | grep -q -- "--json"
check "--help" test $? -eq 0
exit $fail
