#!/usr/bin/env bash
# One bad file never stops a batch: a directory with a binary file, a dangling
# symlink (unreadable: tests may run as root, so no chmod 000), an empty file
# and a good page. The good page's records come out, each bad file is named
# with its reason on standard error, and the exit status is 1.
set -u
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
printf 'GIF89a\001\000\001\000\000\000\000binary' > "$dir/a_binary.txt"
ln -s "$dir/does-not-exist" "$dir/b_unreadable.txt"
: > "$dir/c_empty.txt"
cp "$PACT_SOURCE_DIR/tests/fixtures/pages/pacts_two.txt" "$dir/d_good.txt"
"$PACT" extract -q "$dir" > "$dir/out.jsonl" 2> "$dir/err.txt"
rc=$?
fail=0
check() { if ! eval "$1"; then echo "FAIL: $2"; fail=1; fi; }
check '[ $rc -eq 1 ]' "exit status $rc, expected 1"
check '[ "$(grep -c "d_good.txt" "$dir/out.jsonl")" -eq 2 ]' "expected the good page's 2 records"
check 'grep -q "a_binary.txt: .*binary" "$dir/err.txt"' "binary file not reported with its reason"
check 'grep -q "b_unreadable.txt: .*not found" "$dir/err.txt"' "dangling symlink not reported with its reason"
check 'grep -q "c_empty.txt: .*empty" "$dir/err.txt"' "empty file not reported with its reason"
check '! grep -q "d_good.txt" "$dir/err.txt"' "the good page reported as an error"
check 'python3 -c "import json,sys; [json.loads(l) for l in open(sys.argv[1])]" "$dir/out.jsonl"' "output is not JSON Lines"
if [ $fail -ne 0 ]; then
    echo "--- stderr:"; cat "$dir/err.txt"
    exit 1
fi
echo "ok"
