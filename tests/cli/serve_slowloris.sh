#!/usr/bin/env bash
# `pactgraph serve` against slow and greedy clients, on loopback, bounded in
# time (about 15 s; at most 60). The server runs with --timeout 3.
#  (a) 600 connections from 127.0.0.1 (more than the server's limit of 512)
#      that send a request header one byte a second and never finish it: a
#      client from another address (127.0.0.2) is answered within 2 s while
#      they hang; the server accepts at most 64 of them (connections per
#      address) and closes those after the timeout (header deadline), none
#      of them long after;
#  (b) a client that sends header lines every half second for ever, and one
#      that sends nothing: both closed by the server after the timeout;
#  (c) 1 MB of header lines: 431 (or 413/400), the connection closed; a GET
#      and a POST announcing a 100 MB body and sending 1 MB of it, and a
#      chunked body: 413 for the GET (405 for the POST: the method comes
#      first), without reading the body into memory;
#  (d) afterwards the server still answers (also 127.0.0.1 again), its
#      resident memory grew by less than 64 MB over all of this, and its open
#      descriptors and threads are back to what they were before.
# Clients are python3's socket module.
set -uo pipefail
: "${PACT:?PACT must name the pactgraph binary}"
src=${PACT_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$(dirname "$0")/stop_server.inc"
command -v python3 >/dev/null || { echo "SKIP: python3 is not installed"; exit 77; }
[ -d /proc/self/fd ] || { echo "SKIP: no /proc"; exit 77; }

work=$(mktemp -d)
server=
cleanup() {
  [ -n "$server" ] && stop_server "$server" TERM >/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

"$PACT" ingest -q --db "$work/pact.db" "$src/samples/02_aukus_founding_2021.html" \
    "$src/samples/10_nk_hwasong18_2023.txt" >/dev/null 2>&1 || { echo "FAIL: ingest"; exit 1; }
mkdir -p "$work/web"
echo '<!doctype html><title>ok</title>' >"$work/web/index.html"

timeout 60 "$PACT" serve --db "$work/pact.db" --static "$work/web" --port 0 --quiet --timeout 3 \
    >"$work/out" 2>"$work/err" &
server=$!
for _ in $(seq 100); do grep -q listening "$work/out" 2>/dev/null && break; sleep 0.1; done
port=$(sed -n 's/.*listening on http:\/\/127\.0\.0\.1:\([0-9]*\)\/$/\1/p' "$work/out")
[ -n "$port" ] || { echo "FAIL: the server did not start"; cat "$work/err"; exit 1; }
# the server's own process (timeout runs it as a child)
pid=$(pgrep -P "$server" -f 'pactgraph' | head -1)
[ -n "$pid" ] || pid=$server

timeout 55 python3 - "$port" "$pid" <<'PY'
import errno, os, select, socket, sys, time
port, pid = int(sys.argv[1]), int(sys.argv[2])
TIMEOUT = 3          # the server's --timeout
LIMIT, PER_IP = 512, 64
fails = 0

def fail(msg):
    global fails
    fails += 1
    print("FAIL " + msg, flush=True)

def ok(msg):
    print("ok   " + msg, flush=True)

def status():
    d = {}
    for line in open("/proc/%d/status" % pid):
        k, _, v = line.partition(":")
        d[k] = v.strip()
    return int(d["VmRSS"].split()[0]) // 1024, int(d["Threads"]), len(os.listdir("/proc/%d/fd" % pid))

def connect(src="127.0.0.1"):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind((src, 0))
    s.settimeout(5)
    s.connect(("127.0.0.1", port))
    return s

def read_answer(s, limit=5.0):
    """The whole answer until the server closes (or limit seconds)."""
    s.settimeout(limit)
    data = b""
    t0 = time.monotonic()
    try:
        while time.monotonic() - t0 < limit:
            b = s.recv(65536)
            if not b:
                break
            data += b
    except (socket.timeout, ConnectionResetError, BrokenPipeError):
        pass
    return data

def code(answer):
    try:
        return int(answer.split(b" ", 2)[1])
    except (IndexError, ValueError):
        return 0

def get(path="/api/actors", src="127.0.0.2"):
    """Status and seconds of one normal request."""
    t0 = time.monotonic()
    try:
        s = connect(src)
        s.sendall(("GET %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n" % path).encode())
        a = read_answer(s, 5)
        s.close()
    except OSError as e:
        return 0, time.monotonic() - t0
    return code(a), time.monotonic() - t0

def closed(s):
    """True when the server closed s (EOF or reset); does not block."""
    try:
        r, _, _ = select.select([s], [], [], 0)
        if not r:
            return False
        return s.recv(4096) == b"" or True  # an answer to a half header also ends it
    except OSError:
        return True

rss0, threads0, fds0 = status()
c, t = get()
if c != 200:
    fail("a normal request before the test: status %d" % c)
rss0, threads0, fds0 = status()
print("before: rss %d MB, %d threads, %d fds" % (rss0, threads0, fds0), flush=True)

# ---- (a) and (b): slow clients ----
N = LIMIT + 88
slow = []
for i in range(N):
    try:
        s = connect("127.0.0.1")
        s.setblocking(False)
        s.send(b"GET /api/actors HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        slow.append(s)
    except OSError:
        pass  # refused or reset at once: the per-address limit
start = time.monotonic()
print("opened %d of %d slow connections" % (len(slow), N), flush=True)
endless = connect("127.0.0.4")
endless.setblocking(False)
endless.send(b"GET / HTTP/1.1\r\n")
idle = connect("127.0.0.5")
idle.setblocking(False)

open_slow = list(slow)
closed_at = {}          # socket -> seconds after start when the server closed it
early = []              # closed (after the first second) before the timeout
endless_closed = idle_closed = None
answered = []
tick = 0
while time.monotonic() - start < TIMEOUT + 3.5:
    now = time.monotonic() - start
    if now >= tick:                       # one byte a second from each slow client
        tick += 1
        for s in open_slow:
            try:
                s.send(b"a")
            except OSError:
                pass
    if endless_closed is None:            # a header line every half second
        try:
            endless.send(b"X-More-%d: y\r\n" % int(now * 2))
        except OSError:
            endless_closed = now
        if closed(endless):
            endless_closed = now
    if idle_closed is None and closed(idle):
        idle_closed = now
    still = []
    for s in open_slow:
        if closed(s):
            closed_at[s] = now
        else:
            still.append(s)
    open_slow = still
    if len(answered) < 4 and now > 0.5 * (len(answered) + 1):
        answered.append(get())            # a normal client while they hang
    time.sleep(0.05)

held = [s for s in slow if s not in closed_at or closed_at[s] > 1.0]
print("held by the server past the first second: %d; closed in the first second: %d"
      % (len(held), len(slow) - len(held)), flush=True)
if len(held) > PER_IP:
    fail("the server held %d connections from one address (limit %d)" % (len(held), PER_IP))
if not held:
    fail("no slow connection was held at all (the test is not testing the timeout)")
late = [closed_at.get(s) for s in held]
if any(t is None for t in late):
    fail("%d slow connections still open %.1f s after the start (timeout %d s)"
         % (sum(t is None for t in late), TIMEOUT + 3.5, TIMEOUT))
elif min(late) < TIMEOUT - 0.5 or max(late) > TIMEOUT + 2.5:
    fail("slow connections closed between %.1f and %.1f s (timeout %d s)" % (min(late), max(late), TIMEOUT))
else:
    ok("(a) %d slow connections held, closed by the server %.1f-%.1f s after opening (timeout %d s)"
       % (len(held), min(late), max(late), TIMEOUT))
for c, t in answered:
    if c != 200 or t > 2.0:
        fail("a normal client during the slow ones: status %d after %.2f s" % (c, t))
if answered and all(c == 200 and t <= 2.0 for c, t in answered):
    ok("(a) a client from another address answered while they hang: %s"
       % ", ".join("%.2f s" % t for _, t in answered))
for name, t in (("(b) endless header lines", endless_closed), ("(b) idle connection", idle_closed)):
    if t is None or t < TIMEOUT - 0.5 or t > TIMEOUT + 2.5:
        fail("%s: closed at %s (timeout %d s)" % (name, "never" if t is None else "%.1f s" % t, TIMEOUT))
    else:
        ok("%s: closed by the server after %.1f s" % (name, t))
for s in slow + [endless, idle]:
    s.close()

# ---- (c) oversized header and bodies ----
def flood(head, body_bytes, chunk=b"X-Pad: " + b"p" * 1000 + b"\r\n"):
    """Sends head then body_bytes of chunk while the server reads; returns the status."""
    s = connect("127.0.0.6")
    s.settimeout(5)
    sent = 0
    try:
        s.sendall(head)
        while sent < body_bytes:
            s.sendall(chunk)
            sent += len(chunk)
    except OSError:
        pass  # the server answered and closed before the end
    a = read_answer(s, 5)
    s.close()
    return code(a), sent

rss_a = status()[0]
c, sent = flood(b"GET /api/actors HTTP/1.1\r\nHost: x\r\n", 1 << 20)
if c in (431, 413, 400):
    ok("(c) 1 MB of header lines: %d (server stopped reading after %d KB)" % (c, sent // 1024))
else:
    fail("1 MB of header lines: status %d" % c)
for method, want in (("GET", (413,)), ("POST", (405, 413))):
    c, sent = flood(b"%s /api/actors HTTP/1.1\r\nHost: x\r\nContent-Length: 104857600\r\n\r\n" % method.encode(),
                    1 << 20, b"b" * 65536)
    if c in want:
        ok("(c) %s with a 100 MB body: %d" % (method, c))
    else:
        fail("%s with a 100 MB body: status %d" % (method, c))
c, sent = flood(b"GET /api/actors HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n", 1 << 20,
                b"10000\r\n" + b"c" * 65536 + b"\r\n")
if c == 413:
    ok("(c) chunked body on GET: 413")
else:
    fail("chunked body on GET: status %d" % c)

# ---- (d) afterwards ----
time.sleep(0.5)
c1, t1 = get(src="127.0.0.1")
c2, t2 = get(src="127.0.0.2")
if c1 == 200 and c2 == 200 and max(t1, t2) <= 2.0:
    ok("(d) still answering: %.2f s, %.2f s" % (t1, t2))
else:
    fail("after the abuse: status %d after %.2f s, %d after %.2f s" % (c1, t1, c2, t2))
for _ in range(40):           # the server closes the last ones within a moment
    rss1, threads1, fds1 = status()
    if fds1 <= fds0 and threads1 <= threads0:
        break
    time.sleep(0.1)
print("after: rss %d MB, %d threads, %d fds" % (rss1, threads1, fds1), flush=True)
if rss1 - rss0 > 64:
    fail("resident memory grew by %d MB (bound 64)" % (rss1 - rss0))
else:
    ok("(d) resident memory %d -> %d MB" % (rss0, rss1))
if fds1 > fds0 or threads1 > threads0:
    fail("descriptors %d -> %d, threads %d -> %d" % (fds0, fds1, threads0, threads1))
else:
    ok("(d) descriptors %d -> %d, threads %d -> %d" % (fds0, fds1, threads0, threads1))
sys.exit(1 if fails else 0)
PY
rc=$?
if ! kill -0 "$server" 2>/dev/null; then echo "FAIL: the server died"; cat "$work/err"; exit 1; fi
stop_server "$server" TERM
src_rc=$?
server=
[ "$src_rc" -eq 0 ] || { echo "FAIL: exit status $src_rc after SIGTERM"; cat "$work/err"; rc=1; }
[ "$rc" -eq 0 ] && echo "serve_slowloris: all checks passed" || echo "serve_slowloris: failed"
exit "$rc"
