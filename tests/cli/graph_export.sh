#!/usr/bin/env bash
# pactgraph export: the event table's columns, valid GraphML, DOT that
# Graphviz renders (when installed), JSON Lines that load back.
set -u
shopt -s lastpipe  # so that check functions at the end of a pipe can set fail
PACT=${PACT:?set PACT to the pactgraph binary}
SRC=${PACT_SOURCE_DIR:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() {
  local what=$1; shift
  if ! "$@"; then echo "FAIL: $what" >&2; fail=1; fi
}
# Stores are files, or with PACT_TEST_PG databases of a PostgreSQL server
# (tests/cli/pg_store.sh runs this script so).
. "$SRC/tests/cli/pg_server.inc"
PACT_DB=$(store t)
export PACT_DB
"$PACT" ingest -q --records "$SRC/tests/fixtures/records/basic.jsonl" 2>/dev/null || { echo "ingest failed" >&2; exit 1; }

"$PACT" export --format events-tsv --out "$tmp/e.tsv"
check "events-tsv exits 0" test $? -eq 0
check "events-tsv header" test "$(head -1 "$tmp/e.tsv")" = "$(printf 'date\tsource\ttarget\tcode\troot_code\tgoldstein\tquad_class\tsources\tdoc\tstart\tend\tmodality')"
check "events-tsv: 7 events" test "$(tail -n +2 "$tmp/e.tsv" | wc -l)" -eq 7
check "events-tsv: GBR UKR 057 row" grep -qP "^2024-01-12\tGBR\tUKR\t057\t05\t8.0\t1\t2\tpages/a.txt\t" "$tmp/e.tsv"
check "events-tsv: 12 columns everywhere" test "$(awk -F'\t' 'NF!=12' "$tmp/e.tsv" | wc -l)" -eq 0

"$PACT" export --format graphml > "$tmp/g.graphml"
check "graphml exits 0" test $? -eq 0
python3 - "$tmp/g.graphml" <<'PY' || { echo "FAIL: graphml is not valid XML with nodes and edges" >&2; fail=1; }
import sys, xml.etree.ElementTree as ET
ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
root = ET.parse(sys.argv[1]).getroot()
nodes = root.findall(".//g:node", ns)
edges = root.findall(".//g:edge", ns)
ids = {n.get("id") for n in nodes}
assert "GBR" in ids and "NATO" in ids, ids
assert all(e.get("source") in ids and e.get("target") in ids for e in edges)
assert any(e.find("g:data[@key='type']", ns).text == "event" for e in edges)
PY

"$PACT" export --format dot --out "$tmp/g.dot"
check "dot exits 0" test $? -eq 0
check "dot is a digraph" grep -q "^digraph pactgraph {" "$tmp/g.dot"
if command -v dot >/dev/null; then
  dot -Tsvg "$tmp/g.dot" > "$tmp/g.svg" 2>"$tmp/dot.err"
  check "Graphviz renders the DOT" test $? -eq 0
  check "the SVG names AUKUS" grep -q "AUKUS" "$tmp/g.svg"
else
  echo "note: graphviz not installed, DOT not rendered" >&2
fi

"$PACT" export --format jsonl > "$tmp/r.jsonl"
check "jsonl: 4 records" test "$(wc -l < "$tmp/r.jsonl")" -eq 4
python3 -c "
import json,sys
for l in open(sys.argv[1]):
    r=json.loads(l)
    assert {'doc','article','title','published','events','memberships','entities','sentences','sentence_text'} <= set(r)
" "$tmp/r.jsonl"
check "jsonl: records with the fields of OUTPUT.md" test $? -eq 0

"$PACT" export --format csv 2>/dev/null; check "unknown format exits 2" test $? -eq 2
"$PACT" export 2>/dev/null; check "missing format exits 2" test $? -eq 2
"$PACT" export --format dot --out /nonexistent/dir/x.dot 2>/dev/null; check "unwritable output exits 1" test $? -eq 1
exit $fail
