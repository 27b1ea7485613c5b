#!/usr/bin/env bash
# Input layer end to end: a page gzip-compressed under a name that does not
# say so gives the same records as the plain page; a Common Crawl style
# .warc.gz (one gzip member per record) gives one document per response or
# resource record, named PATH#N, with the record's URI as source_url.
set -u
command -v python3 >/dev/null || { echo "skip: python3 is missing"; exit 77; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
page="$PACT_SOURCE_DIR/tests/fixtures/pages/nato_summit.txt"
python3 - "$page" "$dir" <<'PY'
import gzip, sys
page = open(sys.argv[1], "rb").read()
out = sys.argv[2]
open(out + "/packed.txt", "wb").write(gzip.compress(page))
def rec(typ, uri, payload):
    head = ("WARC/1.0\r\nWARC-Type: %s\r\nWARC-Target-URI: %s\r\nWARC-Date: 2024-07-12T03:00:00Z\r\n"
            "Content-Length: %d\r\n\r\n" % (typ, uri, len(payload))).encode()
    return gzip.compress(head + payload + b"\r\n\r\n")
http = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + page
with open(out + "/crawl.warc.gz", "wb") as f:
    f.write(rec("warcinfo", "", b"software: test\r\n"))
    f.write(rec("request", "https://example.vn/nato", b"GET /nato HTTP/1.1\r\n\r\n"))
    f.write(rec("response", "https://example.vn/nato", http))
    f.write(rec("response", "https://example.vn/old", b"HTTP/1.1 301 Moved\r\nLocation: /nato\r\n\r\n"))
PY
"$PACT" extract -q "$page" > "$dir/plain.jsonl" || { echo "FAIL: extract of the plain page"; exit 1; }
"$PACT" extract -q "$dir/packed.txt" > "$dir/packed.jsonl" || { echo "FAIL: extract of the gzip page"; exit 1; }
"$PACT" extract -q "$dir/crawl.warc.gz" > "$dir/warc.jsonl" || { echo "FAIL: extract of the WARC file"; exit 1; }
python3 - "$dir" <<'PY'
import json, sys
d = sys.argv[1]
load = lambda n: [json.loads(l) for l in open(d + "/" + n)]
plain, packed, warc = load("plain.jsonl"), load("packed.jsonl"), load("warc.jsonl")
fail = []
key = lambda r: (r["title"], r["title_span"], r["published"], r["body_spans"])
if len(plain) != 1: fail.append("plain page: %d records, expected 1" % len(plain))
if [key(r) for r in packed] != [key(r) for r in plain]: fail.append("gzip page differs from the plain page")
if len(warc) != 1: fail.append("WARC: %d records, expected 1" % len(warc))
else:
    w = warc[0]
    if not w["doc"].endswith("crawl.warc.gz#3"): fail.append("WARC doc name " + w["doc"])
    if w.get("source_url") != "https://example.vn/nato": fail.append("WARC source_url %r" % w.get("source_url"))
    if plain and (w["title"], w["published"]) != (plain[0]["title"], plain[0]["published"]):
        fail.append("WARC record's title or date differ from the plain page")
for f in fail: print("FAIL:", f)
sys.exit(1 if fail else 0)
PY
rc=$?
[ $rc -eq 0 ] && echo ok
exit $rc
