#!/usr/bin/env bash
# pactgraph ingest --records: summary, idempotence, bad lines reported while
# the rest is stored, usage errors.
set -u
shopt -s lastpipe  # so that check functions at the end of a pipe can set fail
PACT=${PACT:?set PACT to the pactgraph binary}
SRC=${PACT_SOURCE_DIR:?}
FIX=$SRC/tests/fixtures/records
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { # check DESCRIPTION COMMAND...
  local what=$1; shift
  if ! "$@"; then echo "FAIL: $what" >&2; fail=1; fi
}
# Stores are files, or with PACT_TEST_PG databases of a PostgreSQL server
# (tests/cli/pg_store.sh runs this script so).
. "$SRC/tests/cli/pg_server.inc"
db=$(store t)

"$PACT" ingest --db "$db" --records "$FIX/basic.jsonl" 2>"$tmp/err1"
check "first ingest exits 0" test $? -eq 0
check "summary counts pages, articles, events" grep -q "2 pages stored.*4 articles, 8 events (7 new), 2 memberships" "$tmp/err1"
"$PACT" export --db "$db" --format events-tsv > "$tmp/before.tsv"
"$PACT" export --db "$db" --format jsonl > "$tmp/before.jsonl"

# The same records again: nothing changes.
"$PACT" ingest --db "$db" --records "$FIX/basic.jsonl" 2>"$tmp/err2"
check "second ingest exits 0" test $? -eq 0
check "second ingest stores nothing" grep -q "0 pages stored.*2 already in the store" "$tmp/err2"
"$PACT" export --db "$db" --format events-tsv > "$tmp/after.tsv"
"$PACT" export --db "$db" --format jsonl > "$tmp/after.jsonl"
check "events unchanged by a second ingest" cmp -s "$tmp/before.tsv" "$tmp/after.tsv"
check "records unchanged by a second ingest" cmp -s "$tmp/before.jsonl" "$tmp/after.jsonl"

# Standard input works too, and records from an export load back the same.
u=$(store u)
"$PACT" ingest --db "$u" --records - < "$tmp/before.jsonl" 2>/dev/null
check "ingest from stdin exits 0" test $? -eq 0
"$PACT" export --db "$u" --format jsonl > "$tmp/round.jsonl"
check "export -> ingest -> export is stable" cmp -s "$tmp/before.jsonl" "$tmp/round.jsonl"

# A file with bad lines: each reported with path and line, the good ones kept,
# a missing file reported, exit 1.
bad=$(store bad)
"$PACT" ingest --db "$bad" --records "$FIX/bad.jsonl" "$tmp/missing.jsonl" 2>"$tmp/err3"
check "bad input exits 1" test $? -eq 1
check "bad JSON reported with path and line" grep -q "bad.jsonl: line 2: not JSON" "$tmp/err3"
check "bad code reported" grep -q "bad.jsonl: line 3: event 0: .*CAMEO" "$tmp/err3"
check "missing file reported" grep -q "missing.jsonl: No such file" "$tmp/err3"
check "summary counts failures" grep -q "3 failures" "$tmp/err3"
n=$("$PACT" export --db "$bad" --format events-tsv | tail -n +2 | wc -l)
check "good records of a bad file stored (5 events, got $n)" test "$n" -eq 5

# A document's records split by another's: the late part is refused, not
# allowed to replace the first.
(sed -n 1p "$FIX/basic.jsonl"; sed -n 3p "$FIX/basic.jsonl"; sed -n 2p "$FIX/basic.jsonl") > "$tmp/split.jsonl"
split=$(store split)
"$PACT" ingest --db "$split" --records "$tmp/split.jsonl" 2>"$tmp/err7"
check "split records exit 1" test $? -eq 1
check "split records reported" grep -q "records of pages/a.txt are not on consecutive lines" "$tmp/err7"
n=$("$PACT" export --db "$split" --format jsonl | wc -l)
check "the first part of the split document is kept (2 records, got $n)" test "$n" -eq 2

# Usage errors exit 2 and say what is wrong.
"$PACT" ingest --db "$db" 2>"$tmp/err4"
check "no inputs is a usage error" test $? -eq 2
check "no inputs explained" grep -q "no inputs" "$tmp/err4"
"$PACT" ingest --bogus x 2>/dev/null
check "unknown option is a usage error" test $? -eq 2
"$PACT" ingest --help | grep -q "records"
check "--help teaches --records" test $? -eq 0

# Pages ingested through the extractor (whatever it finds), twice: the
# second run stores nothing.
mkdir "$tmp/pages"
printf 'Mỹ và Nhật Bản ký thỏa thuận\n\nHà Nội, 12/1/2024\n\nMỹ và Nhật Bản ngày 11/1 đã ký thỏa thuận an ninh mới.\n' > "$tmp/pages/p1.txt"
p=$(store p)
"$PACT" ingest --db "$p" "$tmp/pages" 2>"$tmp/err5"
rc=$?
check "page ingest exits 0 (got $rc)" test $rc -eq 0
check "page ingest stores one page" grep -q "1 pages stored" "$tmp/err5"
"$PACT" ingest --db "$p" "$tmp/pages" 2>"$tmp/err6"
check "page ingest twice stores nothing" grep -q "0 pages stored.*1 already in the store" "$tmp/err6"
"$PACT" ingest --db "$p" -q "$tmp/pages" 2>"$tmp/err7"
check "ingest -q prints nothing (got: $(head -c 200 "$tmp/err7"))" test ! -s "$tmp/err7"
exit $fail
