#!/usr/bin/env bash
# Pathological flattened pages through `pactgraph extract`, each within a time
# bound: a 50 MB single line (skipped by the line limit, with a warning naming
# its offset, no record), 5 MB of headline-like lines with no prose (no
# record), and invalid UTF-8 in a page (records still valid JSON and UTF-8).
set -u
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail=0
yes 'Hai nước ký thỏa thuận an ninh mới. ' | tr -d '\n' | head -c $((50 << 20)) > "$dir/one_line.txt"
yes 'Tin mới nhất về liên minh quân sự trong khu vực' | head -c $((5 << 20)) > "$dir/headlines.txt"
sed 's/Nhật Bản/Nh\xe1\xba t B\xff\xfen/g' "$PACT_SOURCE_DIR/tests/fixtures/pages/pacts_two.txt" > "$dir/bad_utf8.txt"
for f in one_line headlines bad_utf8; do
    start=$(date +%s)
    timeout 120 "$PACT" extract "$dir/$f.txt" > "$dir/$f.jsonl" 2> "$dir/$f.err"
    rc=$?
    secs=$(( $(date +%s) - start ))
    echo "$f: exit $rc in ${secs}s, $(wc -l < "$dir/$f.jsonl") records"
    [ $rc -eq 124 ] && { echo "FAIL: $f took more than 120 s"; fail=1; }
    [ $rc -ne 0 ] && [ $rc -ne 124 ] && { echo "FAIL: $f: exit $rc"; cat "$dir/$f.err"; fail=1; }
done
[ "$(wc -l < "$dir/one_line.jsonl")" -eq 0 ] || { echo "FAIL: records from the 50 MB line"; fail=1; }
grep -q "offset 0: line of .* longer than the limit" "$dir/one_line.err" || { echo "FAIL: no warning for the long line"; fail=1; }
[ "$(wc -l < "$dir/headlines.jsonl")" -eq 0 ] || { echo "FAIL: records from a page of headlines"; fail=1; }
[ "$(wc -l < "$dir/bad_utf8.jsonl")" -eq 2 ] || { echo "FAIL: expected 2 records from the page with bad bytes"; fail=1; }
grep -q "invalid UTF-8 byte 0xFF" "$dir/bad_utf8.err" || { echo "FAIL: no warning for the bad bytes"; fail=1; }
python3 -c "
import json, sys
for l in open(sys.argv[1], encoding='utf-8', errors='strict'):
    r = json.loads(l)
    assert '\ufffd' in r['title'] or '\ufffd' in r['body_text'], 'no U+FFFD'
" "$dir/bad_utf8.jsonl" || { echo "FAIL: records of the page with bad bytes"; fail=1; }
[ $fail -eq 0 ] && echo ok
exit $fail
