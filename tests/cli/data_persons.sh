#!/usr/bin/env bash
# Validates data/persons.tsv and data/offices.tsv with scripts/check_persons.py,
# then checks that the checker itself catches a broken file.
set -euo pipefail
src="${PACT_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}"
command -v python3 >/dev/null || { echo "python3 not found: skipping"; exit 77; }
python3 "$src/scripts/check_persons.py" "$src/data"

tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
printf 'joe-biden\tJoe Biden\tUSA\tJoe Biden|Biden\ndonald-trump\tDonald Trump\tUSA\tDonald Trump|Trump\n' >"$tmp/persons.tsv"
printf 'joe-biden\tpresident\tUSA\t2021-01-20\t2025-01-20\ndonald-trump\tpresident\tUSA\t2024-06-01\t\n' >"$tmp/offices.tsv"
if python3 "$src/scripts/check_persons.py" "$tmp" >/dev/null 2>"$tmp/err"; then
  echo "FAIL: overlapping presidents not reported"; exit 1
fi
grep -q 'president USA' "$tmp/err" || { echo "FAIL: unexpected message:"; cat "$tmp/err"; exit 1; }
printf 'nobody\tfm\tUSA\t2021-13-01\t\n' >"$tmp/offices.tsv"
if python3 "$src/scripts/check_persons.py" "$tmp" >/dev/null 2>"$tmp/err"; then
  echo "FAIL: unknown slug / bad date not reported"; exit 1
fi
grep -q 'not in persons.tsv' "$tmp/err" && grep -q 'bad start date' "$tmp/err" \
  || { echo "FAIL: unexpected message:"; cat "$tmp/err"; exit 1; }
# Every person named in the shared gold files must be in the lexicon (by canonical name).
shared="${PACT_SHARED_DIR:-$src/../shared}"
if [ -d "$shared/gold" ]; then
  python3 - "$src/data/persons.tsv" "$shared/gold" <<'PY'
import glob, json, sys
names = set()
for line in open(sys.argv[1], encoding='utf-8'):
    if line.strip() and not line.startswith('#'):
        names.add(line.split('\t')[1])
missing = set()
for fn in glob.glob(sys.argv[2] + '/*.json'):
    for a in json.load(open(fn, encoding='utf-8')).get('articles', []):
        for p in a.get('persons', []) + a.get('optional_persons', []):
            if p not in names:
                missing.add(p)
if missing:
    sys.exit('gold persons missing from persons.tsv: ' + ', '.join(sorted(missing)))
print('gold persons: all present')
PY
else
  echo "note: $shared/gold absent: gold-person check skipped"
fi
echo "data_persons: ok"
