#!/usr/bin/env bash
# `extract` as a pure filter (docs/CLUSTER.md): JSON Lines pages on standard
# input, records on standard output, nothing shared between documents or runs.
# - the records of a JSON Lines input are those of the same pages as files;
# - the same input gives byte-identical output, run after run;
# - as the map step of Hadoop Streaming or Spark's pipe(): the input cut into
#   splits at line boundaries (as TextInputFormat cuts it, and as partitions
#   are fed to pipe()), one mapper run per split, in any order — the union
#   of the runs' records is one run's records;
# - a bad line is reported with its line number, the others still come out;
# - the progress line appears on a terminal only.
set -u
PACT=${PACT:?set PACT to the pactgraph binary}
SRC=${PACT_SOURCE_DIR:?set PACT_SOURCE_DIR}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { if ! eval "$1"; then echo "FAIL: $2"; fail=1; fi; }

# the pages as JSON Lines, named as extract names the files
(cd "$SRC" && python3 - samples) > "$tmp/pages.jsonl" <<'PY'
import json, os, sys
d = sys.argv[1]
for f in sorted(os.listdir(d)):
    page = open(os.path.join(d, f), encoding="utf-8").read()
    key = "html" if f.endswith(".html") else "text"
    print(json.dumps({"doc": d + "/" + f, key: page}, ensure_ascii=False))
PY
(cd "$SRC" && "$PACT" extract -q samples) > "$tmp/files.out"
"$PACT" extract -q --jsonl-input - < "$tmp/pages.jsonl" > "$tmp/stdin.out"
check 'cmp -s "$tmp/files.out" "$tmp/stdin.out"' "JSON Lines input gives other records than the same pages as files"
check '[ -s "$tmp/stdin.out" ]' "no records from JSON Lines input"

# deterministic
"$PACT" extract -q --jsonl-input - < "$tmp/pages.jsonl" > "$tmp/again.out"
check 'cmp -s "$tmp/stdin.out" "$tmp/again.out"' "two runs on the same input differ"

# map step: splits at line boundaries, mappers run in reverse order
for k in 2 3 5; do
    rm -f "$tmp"/split.*
    split -n l/$k "$tmp/pages.jsonl" "$tmp/split."
    : > "$tmp/map.out"
    for s in $(ls "$tmp"/split.* | sort -r); do
        "$PACT" extract -q --jsonl-input - < "$s" >> "$tmp/map.out" || { echo "FAIL: mapper failed on $s"; fail=1; }
    done
    check 'cmp -s <(sort "$tmp/map.out") <(sort "$tmp/stdin.out")' "$k splits: the union of the mappers' records is not one run's"
done

# a line that is not a page: named with its line number, the others still out
{ head -n 2 "$tmp/pages.jsonl"; echo 'not json'; echo '{"doc": "x", "text": 42}';
  echo '{"doc": "y"}'; echo; tail -n +3 "$tmp/pages.jsonl"; } > "$tmp/bad.jsonl"
"$PACT" extract -q --jsonl-input - < "$tmp/bad.jsonl" > "$tmp/bad.out" 2> "$tmp/bad.err"
rc=$?
check '[ $rc -eq 1 ]' "exit status $rc with bad lines, expected 1"
check 'cmp -s "$tmp/bad.out" "$tmp/stdin.out"' "bad lines cost other pages their records"
check 'grep -q -- "-:3: not JSON" "$tmp/bad.err"' "a line that is not JSON is not named by its line number"
check 'grep -q -- "-:4: \"text\" is not a string" "$tmp/bad.err"' "a non-string text is not reported with its line number"
check 'grep -q -- "-:5: no \"text\" or \"html\"" "$tmp/bad.err"' "a line without a page is not reported with its line number"
check '[ "$(wc -l < "$tmp/bad.err")" -eq 3 ]' "expected exactly 3 messages: $(cat "$tmp/bad.err")"

# url and date: the date is used when the page states none; spans index the page
python3 - > "$tmp/one.jsonl" <<'PY'
import json
page = ("Thế giới\nMỹ và Nhật Bản ký thỏa thuận an ninh mới\n"
        "Mỹ và Nhật Bản hôm qua đã ký một thỏa thuận hợp tác quốc phòng tại Tokyo, theo Bộ Quốc phòng "
        "hai nước. Hai bên cam kết tăng cường tập trận chung trong năm tới.\n\n"
        "Bộ trưởng Quốc phòng Mỹ cho biết thỏa thuận sẽ giúp hai nước phối hợp chặt chẽ hơn.\n")
print(json.dumps({"doc": "d1", "url": "https://example.org/a", "date": "2024-04-10", "text": page}, ensure_ascii=False))
PY
"$PACT" extract -q --jsonl-input "$tmp/one.jsonl" > "$tmp/one.out"
check 'python3 - "$tmp/one.jsonl" "$tmp/one.out" <<PY
import json, sys
page = json.loads(open(sys.argv[1]).readline())["text"].encode()
recs = [json.loads(l) for l in open(sys.argv[2])]
assert recs and recs[0]["doc"] == "d1", recs
assert recs[0].get("source_url") == "https://example.org/a", recs[0]
s, e = recs[0]["title_span"]
assert page[s:e].decode() == recs[0]["title"], (s, e)
PY' "a JSON line with url and date: record not named d1, no source_url, or title span not in the page's bytes"

# progress: never when standard error is not a terminal...
for i in 1 2 3 4 5 6 7 8; do cat "$tmp/pages.jsonl"; done > "$tmp/many.jsonl"
"$PACT" extract --jsonl-input "$tmp/many.jsonl" > /dev/null 2> "$tmp/noterm.err"
check '! grep -q "MB/s" "$tmp/noterm.err"' "progress printed while standard error is not a terminal"
# ...and on one (script(1) gives the command a terminal), for a long enough run
if command -v script > /dev/null; then
    script -qec "\"$PACT\" extract -j 2 --jsonl-input \"$tmp/many.jsonl\" \"$tmp/many.jsonl\" \"$tmp/many.jsonl\" > /dev/null" "$tmp/typescript" > /dev/null 2>&1 < /dev/null
    check 'grep -q "documents.*MB/s" "$tmp/typescript"' "no progress line on a terminal"
fi

[ $fail -eq 0 ] && echo "ok"
exit $fail
