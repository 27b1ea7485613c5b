#!/usr/bin/env bash
# The query commands over a store built from tests/fixtures/records: tables,
# --json shapes (spec/OUTPUT.md), --evidence, --at, errors.
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
# jsoncheck DESCRIPTION PYTHON-EXPRESSION (on j) < json
jsoncheck() {
  local what=$1 expr=$2
  if ! python3 -c "import json,sys; j=json.load(sys.stdin); sys.exit(0 if ($expr) else 1)"; then
    echo "FAIL: $what" >&2; fail=1
  fi
}
# Stores are files, or with PACT_TEST_PG databases of a PostgreSQL server
# (tests/cli/pg_store.sh runs this script so).
. "$SRC/tests/cli/pg_server.inc"
PACT_DB=$(store t)
export PACT_DB
"$PACT" ingest -q --records "$SRC/tests/fixtures/records/basic.jsonl" 2>/dev/null || { echo "ingest failed" >&2; exit 1; }

# members: reference and news facts, marked.
"$PACT" members AUKUS --json | jsoncheck "AUKUS has USA, GBR, AUS as members" \
  '{m["member"] for m in j if m["role"]=="member"} == {"USA","GBR","AUS"}'
"$PACT" members AUKUS --json | jsoncheck "JPN is a declared non-member from the news" \
  'any(m["member"]=="JPN" and m["role"]=="not-member" and m["news"] and not m["reference"] and m["evidence"]==1 for m in j)'
"$PACT" members NATO --json | jsoncheck "KOR partner: reference and news" \
  'any(m["member"]=="KOR" and m["role"]=="partner" and m["reference"] and m["news"] for m in j)'
"$PACT" members NATO --at 2023-06-01 --json | jsoncheck "NATO at 2023-06-01: FIN in, SWE candidate" \
  'any(m["member"]=="FIN" and m["role"]=="member" for m in j) and not any(m["member"]=="SWE" and m["role"]=="member" for m in j)'
"$PACT" members NATO --at 2024-06 --json | jsoncheck "NATO in June 2024 has 32 members" \
  'sum(m["role"]=="member" for m in j) == 32'
# An undated news fact counts from its first report (JPN: 2024-01-13).
"$PACT" members AUKUS --at 2023 --json | jsoncheck "AUKUS in 2023: JPN's undated news fact not yet reported" \
  'not any(m["member"]=="JPN" for m in j)'
"$PACT" members AUKUS --at 2024-01-13 --json | jsoncheck "AUKUS on 2024-01-13: JPN not-member, from its report's day" \
  'any(m["member"]=="JPN" and m["role"]=="not-member" for m in j)'
"$PACT" members AUKUS --evidence --json | jsoncheck "--evidence gives the sentence and span" \
  'any(e["sentence"].startswith("Nhật Bản không phải") and e["doc"]=="pages/a.txt" for m in j for e in m.get("evidence_list",[]))'
"$PACT" members aukus | grep -q "^JPN *not-member"
check "members table, org id in any case" test $? -eq 0

# ties: both directions, newest first, with doc and span.
"$PACT" ties GBR UKR --json | jsoncheck "GBR-UKR agreement of 2024-01-12 with 2 reports" \
  'j[0]["code"]=="057" and j[0]["date"]=="2024-01-12" and j[0]["evidence"]==2 and j[0]["doc"]=="pages/a.txt" and len(j[0]["span"])==2'
"$PACT" ties UKR GBR --json | jsoncheck "ties in either order" 'len(j)==1'
"$PACT" ties CHN AUKUS --json | jsoncheck "CHN criticises AUKUS (root 11)" 'any(t["code"].startswith("11") for t in j)'
"$PACT" ties "Nhật Bản" "Mỹ" | grep -q "Nhà Trắng"
check "ties by Vietnamese names, sentence shown" test $? -eq 0
"$PACT" ties Japan "United States" --json | jsoncheck "ties by English names" 'j[0]["date"]=="2023-01-13"'

# timeline: oldest first.
"$PACT" timeline USA --json | jsoncheck "USA timeline oldest first" '[t["date"] for t in j]==sorted(t["date"] for t in j) and len(j)==2'
"$PACT" timeline GBR RUS --json | jsoncheck "timeline of a pair" 'len(j)==1 and j[0]["source"]=="RUS"'

# path: shortest chain, evidence for each link.
"$PACT" path KOR UKR --json | jsoncheck "KOR..UKR via NATO and GBR" \
  'j["path"][0]=="KOR" and j["path"][-1]=="UKR" and len(j["path"])==4 and len(j["links"])==3 and j["links"][-1]["doc"]=="pages/a.txt"'
"$PACT" path DEU UKR | grep -q "DEU -> GBR -> UKR"
check "path table" test $? -eq 0

# actor: groups, partners, opponents, balance.
"$PACT" actor GBR --json | jsoncheck "GBR profile" \
  'any(g["org"]=="NATO" for g in j["groups"]) and any(p["actor"]=="UKR" for p in j["partners"]) and any(o["actor"]=="RUS" for o in j["opponents"]) and j["balance"][0]["period"]=="2024"'

# search: with or without diacritics, original text and span.
"$PACT" search thoa thuan an ninh --json | jsoncheck "search without diacritics" \
  'len(j)==1 and "thỏa thuận an ninh" in j[0]["sentence"] and j[0]["doc"]=="pages/b.html"'
"$PACT" search "dong minh" --json | jsoncheck "đ folds to d" 'len(j)==1 and j[0]["sentence"].startswith("Đồng minh")'
"$PACT" search "ĐỒNG MINH" --json | jsoncheck "capitals and marks ignored" 'len(j)==1'

# actor --evidence: the sentences behind its groups, partners and opponents.
"$PACT" actor GBR --evidence --json | jsoncheck "actor --evidence lists the sentences" \
  'any(e["doc"]=="pages/a.txt" and e["sentence"].startswith("Thủ tướng Anh") for p in j["partners"] if p["actor"]=="UKR" for e in p["evidence_list"]) and any(e["sentence"].startswith("Nga chỉ trích") for o in j["opponents"] if o["actor"]=="RUS" for e in o["evidence_list"])'
"$PACT" actor KOR --evidence --json | jsoncheck "actor --evidence: a group's news sentence" \
  'any(e["sentence"].startswith("Hàn Quốc là đối tác") for g in j["groups"] if g["org"]=="NATO" and g["role"]=="partner" for e in g["evidence_list"])'
"$PACT" actor GBR --evidence | grep -q "^      pages/a.txt \[144, 245\]  Thủ tướng Anh"
check "actor --evidence table shows the sentences" test $? -eq 0
"$PACT" actor GBR --json | jsoncheck "actor without --evidence: no lists" \
  'not any("evidence_list" in p for p in j["partners"])'

# Errors: unknown actor exits 1 with a message; usage errors exit 2.
"$PACT" ties USA NOSUCH 2>"$tmp/err"; rc=$?
check "unknown actor exits 1 (got $rc)" test $rc -eq 1
check "unknown actor named" grep -q "unknown actor 'NOSUCH'" "$tmp/err"
"$PACT" members 2>/dev/null; check "members without ORG exits 2" test $? -eq 2
"$PACT" members NATO --at yesterday 2>/dev/null; check "bad --at exits 2" test $? -eq 2
"$PACT" ties USA 2>/dev/null; check "ties with one actor exits 2" test $? -eq 2
"$PACT" timeline USA --at 2020 2>/dev/null; check "--at only for members" test $? -eq 2
for c in members ties timeline path actor search; do
  "$PACT" $c --help | grep -q "^usage: pactgraph $c"; check "$c --help" test $? -eq 0
done
exit $fail
