#!/usr/bin/env bash
# Runs pactgraph on samples/ and shows what it found.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${PACT:-build/pactgraph}
out=build/samples.jsonl
$bin extract samples/ > "$out"
python3 - "$out" <<'PY'
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
ev = sum(len(r.get("events") or []) for r in recs)
ms = sum(len(r.get("memberships") or []) for r in recs)
print(f"extracted {len(recs)} articles, {ev} events, {ms} memberships -> {sys.argv[1]}")
for r in recs[:5]:
    print(f"  {r.get('published') or '----------'}  {r.get('title')}")
PY

# The same pages into a store, and what it holds: groupings, strongest ties,
# latest events. A fresh store each time, so the demo shows samples/ only.
db=build/demo.db
rm -f "$db" "$db-wal" "$db-shm"
$bin ingest --db "$db" samples/
echo
$bin summary --db "$db"
# The alliance map, when Graphviz is installed (scripts/deps.sh installs it).
if command -v dot >/dev/null; then
  $bin export --db "$db" --format dot | dot -Tsvg > build/alliances.svg
  echo
  echo "alliance map -> build/alliances.svg"
else
  echo
  echo "(install graphviz for the alliance map: $bin export --db $db --format dot | dot -Tsvg > alliances.svg)"
fi
