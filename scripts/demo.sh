#!/usr/bin/env bash
# Runs pactgraph on samples/ and shows what it found.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=build/pactgraph
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
