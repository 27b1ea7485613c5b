#!/bin/bash
# pactgraph text: help, usage errors, spans on a file with tricky bytes.
set -u
fail=0
check() { if ! eval "$1"; then echo "FAIL: $2"; fail=1; fi; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$PACT" text --help > "$tmp/help"; check '[ $? -eq 0 ]' "--help exits 0"
check 'grep -q "usage: pactgraph text" "$tmp/help"' "--help shows usage"
"$PACT" text --bogus x 2> "$tmp/err"; check '[ $? -eq 2 ]' "unknown option exits 2"
check 'grep -q "unknown option" "$tmp/err"' "unknown option is named"
"$PACT" text 2>/dev/null; check '[ $? -eq 2 ]' "no file exits 2"
"$PACT" text "$tmp/missing.txt" 2>/dev/null; check '[ $? -eq 1 ]' "missing file exits 1"
printf 'a\0b' > "$tmp/bin"
"$PACT" text "$tmp/bin" 2>/dev/null; check '[ $? -eq 1 ]' "binary file exits 1"

# NBSP (2 bytes), a decomposed tone, an en dash, a zero-width space, dodge dots
printf 'Tin\xc2\xa0nhanh\n\nNga \xc4\x91.e d\xe1\xbb\x8d.a Ukraine \xe2\x80\x93 ho\xcc\x80a b\xc3\xacnh.\xe2\x80\x8b Hai b\xc3\xaan h\xe1\xbb\x8dp.\n' > "$tmp/in.txt"
"$PACT" text "$tmp/in.txt" > "$tmp/out"; check '[ $? -eq 0 ]' "text exits 0"
expected='[0,10) Tin nhanh

[12,52) Nga đe dọa Ukraine - hòa bình.
[56,71) Hai bên họp.
'
check '[ "$(cat "$tmp/out")" = "$(printf "%s" "$expected")" ]' "spans and sentences: got $(cat "$tmp/out")"
"$PACT" text --tokens "$tmp/in.txt" > "$tmp/tok"
check 'grep -q "w:Nga^ w:đe w:dọa w:Ukraine^ p:- w:hòa w:bình p:\." "$tmp/tok"' "--tokens lists tokens"
exit $fail
