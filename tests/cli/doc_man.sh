#!/usr/bin/env bash
# doc/pactgraph.1 renders without warnings, and names every subcommand of
# 'pactgraph --help' (so a new command cannot be left out of the man page).
set -u
PACT=${PACT:?set PACT to the pactgraph binary}
SRC=${PACT_SOURCE_DIR:?}
page=$SRC/doc/pactgraph.1
fail=0
if command -v groff >/dev/null; then
  warn=$(groff -man -Tutf8 -ww -z "$page" 2>&1)
  [ -z "$warn" ] || { echo "FAIL: groff warns: $warn" >&2; fail=1; }
  text=$(groff -man -Tutf8 "$page" 2>/dev/null)
elif command -v man >/dev/null; then
  warn=$(man --warnings -l "$page" 2>&1 >/dev/null)
  [ -z "$warn" ] || { echo "FAIL: man warns: $warn" >&2; fail=1; }
  text=$(MANWIDTH=80 man -l "$page" 2>/dev/null)
else
  echo "SKIP: neither groff nor man is installed" >&2
  exit 77
fi
text=$(printf '%s\n' "$text" | sed 's/.\x08//g')
for cmd in $("$PACT" --help | sed -n '/^Commands:/,/^$/p' | awk 'NR > 1 && NF {print $1}'); do
  printf '%s\n' "$text" | grep -q "pactgraph $cmd " || { echo "FAIL: the man page has no section for '$cmd'" >&2; fail=1; }
done
exit $fail
