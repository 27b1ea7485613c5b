#!/usr/bin/env bash
# Builds the seed corpora of the fuzz targets from the repository's own texts:
# the spec cases (tests/spec/*.txt, the input side of each case, escapes
# decoded), samples/ and tests/fixtures/. Usage: fuzz/seed.sh OUTDIR
# -> OUTDIR/<target>/ for each target. Nothing from ../shared/corpus is used
# (its text must not end up in the repository's minimised corpora).
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
out=${1:?usage: fuzz/seed.sh OUTDIR}
mkdir -p "$out"
python3 - "$src" "$out" <<'PY'
import hashlib, os, re, sys, glob
src, out = sys.argv[1], sys.argv[2]

def unescape(s):
    def rep(m):
        t = m.group(0)
        if t.startswith('\\u{'): return chr(int(t[3:-1], 16)).encode('utf-8', 'surrogatepass')
        if t.startswith('\\x'): return bytes([int(t[2:], 16)])
        return {'\\t': b'\t', '\\n': b'\n', '\\r': b'\r', '\\\\': b'\\'}.get(t, t.encode())
    parts, pos = [], 0
    for m in re.finditer(r'\\u\{[0-9A-Fa-f]+\}|\\x[0-9A-Fa-f]{2}|\\[tnr\\]', s):
        parts.append(s[pos:m.start()].encode()); parts.append(rep(m)); pos = m.end()
    parts.append(s[pos:].encode())
    return b''.join(parts)

def spec_inputs(path):
    res = []
    for line in open(path, encoding='utf-8'):
        line = line.rstrip('\n')
        if not line.strip() or line.startswith('#') or line.startswith('@') or line.startswith('=>'):
            continue
        res.append(unescape(line.split(' => ')[0]))
    return res

def put(target, data):
    d = os.path.join(out, target); os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, hashlib.sha1(data).hexdigest()), 'wb') as f: f.write(data)

def files(*pats):
    for p in pats:
        for f in sorted(glob.glob(os.path.join(src, p))):
            yield open(f, 'rb').read()

specs = {os.path.basename(p)[:-4]: spec_inputs(p) for p in glob.glob(os.path.join(src, 'tests/spec/*.txt'))}
lines = [l for v in specs.values() for l in v]
for l in lines:
    put('text_normalize', l)
    put('json_writer', l)
for l in specs.get('dates', []):
    put('dates', b'\x57' + l)
    put('dateline', l)
for l in spec_inputs(os.path.join(src, 'tests/fixtures/pages/datelines.spec')):
    put('dateline', l)
    put('dates', b'\x00' + l)
flat = list(files('samples/*.txt', 'tests/fixtures/pages/*.txt'))
html = list(files('samples/*.html', 'tests/fixtures/html/*.html'))
for d in flat:
    put('page_flat', d)
    put('extract', d)
    for para in d.split(b'\n')[:40]:
        if para.strip(): put('text_normalize', para)
for d in html:
    put('page_html', d)
    put('extract', d)
    put('page_flat', d)
PY
for t in "$out"/*/; do echo "$(basename "$t"): $(ls "$t" | wc -l) seeds"; done
