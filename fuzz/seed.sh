#!/usr/bin/env bash
# Builds the seed corpora of the fuzz targets from the repository's own texts:
# the spec cases (tests/spec/*.txt, the input side of each case, escapes
# decoded), samples/ and tests/fixtures/. Usage: fuzz/seed.sh OUTDIR [PACTGRAPH]
# -> OUTDIR/<target>/ for each target. With a pactgraph binary, the records
# target is also seeded with the real records of `pactgraph extract samples/`.
# Nothing from ../shared/corpus is used (its text must not end up in the
# repository's minimised corpora).
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
out=${1:?usage: fuzz/seed.sh OUTDIR [PACTGRAPH]}
mkdir -p "$out"
recs=""
if [ -n "${2:-}" ]; then
    recs=$(mktemp)
    (cd "$src" && "$2" extract -q samples/) > "$recs"
fi
python3 - "$src" "$out" "$recs" <<'PY'
import hashlib, json, os, re, sys, glob
src, out, recs = sys.argv[1], sys.argv[2], sys.argv[3]

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

# ---- records: JSON Lines records (ingest --records) and pages as JSON lines
# (extract --jsonl-input); fuzz_records reads each input both ways ----
real = [l for l in open(recs, 'rb').read().split(b'\n') if l.strip()] if recs else []
for l in real:
    put('records', l)
small = {"doc": "a.txt", "article": 0, "title": "T", "title_span": [0, 1], "published": "2024-04-09",
         "body_spans": [[2, 9]], "body_text": "Mỹ và Nhật",
         "entities": [{"id": "USA", "kind": "country", "text": "Mỹ", "span": [2, 5]},
                      {"id": "lloyd-austin", "kind": "person", "name": "Lloyd Austin", "country": "USA",
                       "text": "Austin", "span": [6, 9]}],
         "events": [{"source": "USA", "target": "JPN", "code": "057", "date": "2024-04", "modality": "planned",
                     "place": "tokyo", "domains": ["defence", "technology"], "span": [2, 9]}],
         "memberships": [{"org": "AUKUS", "member": "AUS", "role": "member", "date": None, "span": [0, 9]}],
         "sentences": [[2, 9]], "sentence_text": ["Mỹ và Nhật"], "notes": ["a note"]}
def rec(**kw):
    r = dict(small); r.update(kw); return json.dumps(r, ensure_ascii=False).encode()
hostile = [
    rec(), rec(sentences=[{"span": [0, 4], "text": "Mỹ"}, [1, 3]], sentence_text=[]),
    rec(sentences=[], events=[]), rec(sentences=[[0, 99999999]]),
    rec(article=10**30), rec(article=-1), rec(article=1.5), rec(article="0"),
    rec(title_span=[5, 2]), rec(title_span=[0, 2**63 - 1]), rec(title_span=[0, 2**64]),
    rec(body_spans=[[1e400, 2]]), rec(published="2024-04-09T"), rec(published=None),
    rec(entities=[{"id": "X", "kind": "planet", "span": [0, 1]}]), rec(entities="none"),
    rec(events=[{"source": "A", "target": "B", "code": "0a1", "span": [0, 1]}]),
    rec(events=[{"source": "A", "target": "B", "code": "12345", "span": [0, 1]}]),
    rec(events=[{"source": "A", "target": "B", "code": "01", "modality": "dreamt", "span": [0, 1]}]),
    rec(events=[{"source": "A", "target": "B", "code": "01", "domains": "x", "span": [0, 1]}]),
    rec(events=[{"source": "A", "target": "B", "code": "01", "domains": [str(i) for i in range(20)], "span": [0, 1]}]),
    rec(memberships=[{"org": "NATO", "member": "SWE", "role": "member", "date": "20240307xx", "span": [0, 1]}]),
    rec(notes=[1, None, "n"]), rec(sentence_text=["a", 1, None, "b"]),
    b'{"doc":"a","doc":"b","article":0}', b'{"doc":"a","article":0,"article":1}',
    b'{"doc":"a\u0000b","article":0}', b'{"doc":"a\x00b","article":0}',
    b'{"doc":"\xff\xfe","article":0}', b'{"doc":"\ud800","article":0}',
    b'{"doc":"a","article":0,"x":' + b'[' * 3000 + b']' * 3000 + b'}',
    b'{"doc":"a","article":0,"x":' + b'{"a":' * 2100 + b'1' + b'}' * 2100 + b'}',
    b'[' * 100000, b'{"doc":"a","article":0}\n{"doc":"b","article":1}', b'', b'null', b'"x"', b'{}',
    b'{"doc":"a","article":0,"sentences":[[0,3],[2,1]]}',
    b'{"doc":"<p>a&amp;b &nbsp;&lt;c&gt;</p>","article":0,"events":[{"source":"A","target":"B","code":"01","span":[8,30]}]}',
]
for h in hostile:
    put('records', h)
for d in (flat + html)[:12]:
    t = d.decode('utf-8', 'replace')
    put('records', json.dumps({"doc": "p", "text": t, "url": "https://example.org/a", "date": "2024-04-09"},
                              ensure_ascii=False).encode())
    put('records', json.dumps({"html": t}).encode())
for h in [{"doc": "a", "text": "x", "html": "y"}, {"doc": "a"}, {"doc": 5, "text": "x"}, {"text": None, "html": "<p>x"},
          {"text": "x", "date": "2024-02-30"}, {"text": "x", "date": "abcd-ef-gh"}, {"text": "x", "date": 20240101},
          {"text": "x", "url": ["u"]}, {"text": ""}, {"text": "x", "doc": None}]:
    put('records', json.dumps(h).encode())

# ---- http: raw requests on one connection, to the fuzz target's server (a
# store of a few samples/ pages, web/ as the UI): every endpoint, the UI's
# files, and the hostile requests of tests/cli/serve_hostile.sh ----
def req(target, method='GET', headers=(), body=b'', version='HTTP/1.1'):
    h = ''.join('%s\r\n' % x for x in headers)
    return ('%s %s %s\r\nHost: 127.0.0.1\r\n%s\r\n' % (method, target, version, h)).encode() + body
good = ['/', '/index.html', '/app.js', '/style.css', '/vendor/cytoscape.min.js', '/favicon.svg',
        '/api/actors', '/api/graph', '/api/graph?at=2023-07&nodes=5&edges=10', '/api/graph?from=2021&at=2024-06-30',
        '/api/members?org=NATO', '/api/members?org=AUKUS&at=2021-10-01&evidence=1', '/api/members?org=ASEAN&at=2024',
        '/api/ties?a=USA&b=AUS', '/api/ties?a=USA&b=JPN&evidence=1&limit=3', '/api/timeline?a=PRK',
        '/api/timeline?a=USA&b=VNM&limit=1000', '/api/path?a=JPN&b=PHL', '/api/path?a=VNM&b=AUKUS&evidence=1',
        '/api/actor?id=USA', '/api/actor?id=M%E1%BB%B9', '/api/actor?id=Nh%E1%BA%ADt%20B%E1%BA%A3n',
        '/api/search?q=AUKUS', '/api/search?q=t%C3%A0u%20ng%E1%BA%A7m&limit=5', '/api/search?q=%22hat%20nhan%22',
        '/api/article?doc=samples/02_aukus_founding_2021.html&article=0',
        '/api/article?doc=samples/10_nk_hwasong18_2023.txt']
hostile = ['/../secret.txt', '/sub/../../secret.txt', '/%2e%2e/secret.txt', '/%2E%2E/%2E%2E/etc/passwd',
           '/..%2fsecret.txt', '/sub%2f..%2f..%2fsecret.txt', '/..%5csecret.txt', '/..\\secret.txt',
           '/%252e%252e/secret.txt', '/.hidden.txt', '/node_modules/cytoscape/package.json', '//etc/passwd',
           '/index.html%00.css', '/api/actor?id=USA%00x', '/%zz', '/api/search?q=ab%2', '/pact.db',
           '/' + 'a' * 3000, '/api/search?q=' + 'x' * 800, '/api/', '/api/nope', '/api/ties?a=USA',
           '/api/members?org=NATO&at=2023-13-01', '/api/graph?at=yesterday', '/api/ties?a=USA&b=JPN&limit=-5',
           '/api/article?doc=x&article=abc', '/api/actor?id=NOSUCH', "/api/actor?id=USA'%20OR%20'1'='1",
           '/api/members?org=NATO%22%3B%20DROP%20TABLE%20events%3B--', '/api/search?q=%22%20OR%20NEAR(a%20b)%20*',
           '/api/search?q=%22%22', '/api/search?q=%ff%fe', '/api/search?q=a%01b',
           '/api/article?doc=..%2f..%2fetc%2fpasswd&article=0', '/api/graph?nodes=99999999999999999999',
           '/api/ties?a=USA&a=JPN&b=AUS', '/api/search?q=*', '/api/search?q=NEAR', '/api/search?q=%22', 'http://x/api/actors',
           '*', '/api/actors#frag', '/api/actors?', '/api/actors?&&=&', '/api/members?org=%E1%BA']
for t in good + hostile:
    put('http', req(t))
for t in good[:8]:
    put('http', req(t, 'HEAD'))
put('http', req('/api/actors', 'POST', ['Content-Length: 3'], b'a=b'))
put('http', req('/api/actors', 'GET', ['Content-Length: 3'], b'x=1'))
put('http', req('/api/actors', 'GET', ['Content-Length: 104857600'], b'y' * 1000))
put('http', req('/api/actors', 'GET', ['Transfer-Encoding: chunked'], b'3\r\nabc\r\n0\r\n\r\n'))
put('http', req('/api/actors', 'GET', ['Expect: 100-continue', 'Content-Length: 10']))
for m in ['PUT', 'DELETE', 'OPTIONS', 'TRACE', 'CONNECT', 'PATCH', 'get', 'G\x00T']:
    put('http', req('/', m))
put('http', req('/', 'GET', ['X-Big: ' + 'b' * 40000]))
put('http', req('/', 'GET', ['X-%d: v' % i for i in range(3000)]))
put('http', req('/', 'GET', [], b'', 'HTTP/1.0'))
put('http', req('/', 'GET', [], b'', 'HTTP/2.0'))
put('http', req('/', 'GET', [], b'', 'HTTP/0.9'))
put('http', b'GET /\r\n\r\n')
put('http', b'GET / HTTP/1.1\nHost: x\n\n')
put('http', b'GET / HTTP/1.1\r\nHost: x\r\n folded: y\r\n\r\n')
put('http', b'GET / HTTP/1.1\r\nHost x\r\n\r\n')
put('http', b'GET / HTTP/1.1\r\nHost: x\r\n')
put('http', b'GET /api/actors HTT')
put('http', b'\r\n\r\nGET / HTTP/1.1\r\n\r\n')
put('http', req('/api/actors', 'GET', ['Connection: keep-alive']) + req('/api/search?q=NATO') + req('/api/nope', 'HEAD')
    + req('/', 'GET', ['Connection: close']))
put('http', req('/api/actors', 'GET', ['Content-Length: -1']))
put('http', req('/api/actors', 'GET', ['Content-Length: 1', 'Content-Length: 2'], b'ab'))
put('http', req('/api/actors', 'GET', ['Content-Length: 0']))
PY
[ -n "$recs" ] && rm -f "$recs"
for t in "$out"/*/; do echo "$(basename "$t"): $(ls "$t" | wc -l) seeds"; done
