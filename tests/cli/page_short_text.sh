#!/usr/bin/env bash
# Short plain-text pages a user may feed `pactgraph extract`: a headline and
# one paragraph gives one record with that title; prose with no headline one
# record with title null; headlines with timestamps none. Through a file and
# through standard input, with spans pointing at the paragraph's bytes.
set -u
: "${PACT:?set PACT to the pactgraph binary}"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail=0
printf 'Hai nước ký thỏa thuận hợp tác an ninh biển\n\nNgoại trưởng hai nước ký văn kiện tại Jakarta hôm qua. Văn kiện mở đường cho các cuộc tuần tra chung trên biển từ năm tới.\n' > "$dir/head_para.txt"
printf 'Ngoại trưởng hai nước ký văn kiện tại Jakarta hôm qua. Văn kiện mở đường cho các cuộc tuần tra chung trên biển từ năm tới.\n' > "$dir/prose.txt"
printf 'Hai nước ký thỏa thuận hợp tác an ninh biển\n10:15 12/04/2024\nHải quân ba nước tập trận chung ngoài khơi Luzon\n09:40 12/04/2024\n' > "$dir/list.txt"
"$PACT" extract -q "$dir/head_para.txt" > "$dir/a.jsonl" || { echo "FAIL: extract exited $?"; fail=1; }
"$PACT" extract -q - < "$dir/prose.txt" > "$dir/b.jsonl" || { echo "FAIL: extract - exited $?"; fail=1; }
"$PACT" extract -q "$dir/list.txt" > "$dir/c.jsonl" || { echo "FAIL: extract exited $?"; fail=1; }
python3 - "$dir" <<'PY' || fail=1
import json, sys
d = sys.argv[1]
def recs(name):
    return [json.loads(l) for l in open(f"{d}/{name}.jsonl", encoding="utf-8")]
a, b, c = recs("a"), recs("b"), recs("c")
data = open(f"{d}/head_para.txt", "rb").read()
assert len(a) == 1, f"head_para: {len(a)} records, expected 1"
assert a[0]["title"] == "Hai nước ký thỏa thuận hợp tác an ninh biển", a[0]["title"]
assert a[0]["published"] is None, a[0]["published"]
s, e = a[0]["body_spans"][0]
assert data[s:e].decode().startswith("Ngoại trưởng") and data[e - 1:e] == b".", (s, e)
assert len(b) == 1 and b[0]["title"] is None and b[0]["body_spans"], b
assert c == [], f"list: {len(c)} records, expected none"
print("ok")
PY
exit $fail
