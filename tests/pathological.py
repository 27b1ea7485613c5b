#!/usr/bin/env python3
"""Pathological inputs through `pactgraph` (cmark's pathological tests), run by
tests/cli/pathological.sh against $PACT (the sanitizer build in the tests).

Each scaling case is run at size n and 4n: the CPU time the child used above
the start-up cost (loading data/) must grow at most ~linearly (ratio well
under 16, the quadratic ratio; a ratio is robust on a noisy machine), its
peak RSS must stay under a ceiling, and it must not crash. Then the
every-byte and truncated-UTF-8 cases check that no input crashes it and that
every record is valid UTF-8 JSON.

Sizes (chosen so that the whole script stays under ~60 s under ASan/UBSan;
PACT_PATHO_SCALE=N multiplies them for a longer run by hand):
  nested <div>      n = 250 000 tags   (4n = 10^6)
  long line         n = 8 MB           (4n = 32 MB; lines past 1 MB are skipped)
  long paragraph    n = 128 KB         (4n = 512 KB, under the line limit)
  dots              n = 250 000        (4n = 10^6)
  entity list       n = 2 500 names    (4n = 10 000, one sentence)
"""
import json, os, resource, subprocess, sys, tempfile, time

PACT = os.environ.get("PACT")
if not PACT or not os.access(PACT, os.X_OK):
    print("pathological: $PACT is not an executable", file=sys.stderr)
    sys.exit(2)
SCALE = float(os.environ.get("PACT_PATHO_SCALE", "1"))
MAX_RATIO = 9.0              # linear is 4, quadratic 16
MIN_SIGNIFICANT = 0.25       # seconds above start-up; below this a ratio is noise
RSS_CEILING_MB = int(os.environ.get("PACT_PATHO_RSS_MB", "1500"))
tmp = tempfile.mkdtemp(prefix="pact-patho-")
failures = []


def run(args, timeout=120):
    """Runs pactgraph; returns (rc, cpu seconds, peak RSS in MB, stdout, stderr)."""
    out_path = os.path.join(tmp, "out")
    err_path = os.path.join(tmp, "err")
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        p = subprocess.Popen([PACT] + args, stdout=out, stderr=err)
        t0 = time.monotonic()
        while True:
            pid, status, ru = os.wait4(p.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - t0 > timeout:
                p.kill()
                pid, status, ru = os.wait4(p.pid, 0)
                failures.append("%s: killed after %d s" % (" ".join(args[:2]), timeout))
                break
            time.sleep(0.01)
    rc = os.waitstatus_to_exitcode(status)
    cpu = ru.ru_utime + ru.ru_stime
    rss = ru.ru_maxrss / 1024.0
    return rc, cpu, rss, open(out_path, "rb").read(), open(err_path, "rb").read()


def write(name, data):
    path = os.path.join(tmp, name)
    with open(path, "wb") as f:
        f.write(data)
    return path


def check_records(name, out):
    try:
        text = out.decode("utf-8")
    except UnicodeDecodeError as e:
        failures.append("%s: output is not UTF-8: %s" % (name, e))
        return 0
    n = 0
    for line in text.splitlines():
        try:
            r = json.loads(line)
        except ValueError as e:
            failures.append("%s: a record is not JSON: %s" % (name, e))
            return n
        if not isinstance(r, dict) or "doc" not in r:
            failures.append("%s: a record without doc" % name)
        n += 1
    return n


def ok_exit(name, rc, err):
    # 0: records; 1: some input rejected (binary, empty...). Anything else,
    # and any sanitizer report, is a failure.
    if rc not in (0, 1) or b"Sanitizer" in err or b"runtime error" in err:
        failures.append("%s: exit %d\n%s" % (name, rc, err.decode("utf-8", "replace")[-2000:]))
        return False
    return True


base_file = write("base.txt", "Hà Nội\n\nHai nước ký hiệp định.\n".encode())
startup = min(run(["extract", base_file])[1] for _ in range(2))
print("start-up (extract of a one-line page): %.2f s CPU" % startup)


def scaling(name, make, n, cmd="extract", suffix=".txt"):
    n = int(n * SCALE)
    times = []
    for k in (n, 4 * n):
        path = write("%s_%d%s" % (name, k, suffix), make(k))
        size = os.path.getsize(path)
        rc, cpu, rss, out, err = run([cmd, path])
        os.unlink(path)
        ok_exit("%s n=%d" % (name, k), rc, err)
        if cmd == "extract":
            check_records("%s n=%d" % (name, k), out)
        if rss > RSS_CEILING_MB:
            failures.append("%s n=%d: peak RSS %.0f MB over the %d MB ceiling" % (name, k, rss, RSS_CEILING_MB))
        times.append(max(cpu - startup, 0.0))
        print("%-16s n=%-9d %9d bytes: exit %d, %6.2f s CPU, %6.0f MB peak RSS" % (name, k, size, rc, cpu, rss))
    t1, t4 = times
    if t4 >= MIN_SIGNIFICANT:
        ratio = t4 / max(t1, MIN_SIGNIFICANT / 4)
        print("%-16s time ratio 4n/n = %.1f (linear 4, quadratic 16)" % (name, ratio))
        if ratio > MAX_RATIO:
            failures.append("%s: time grows super-linearly: ratio %.1f for 4x the input" % (name, ratio))


sentence = "Hai nước ký thỏa thuận an ninh mới tại Hà Nội ngày 8/4. "
scaling("nested_div", lambda k: b"<!DOCTYPE html><html><body>" + b"<div>" * k + "Mỹ và Nhật ký hiệp định.".encode() + b"</div>" * k + b"</body></html>", 250_000, suffix=".html")
scaling("long_line", lambda k: (sentence * (k // len(sentence.encode()) + 1)).encode()[:k].rsplit(b" ", 1)[0] + b"\n", 8 << 20)
scaling("long_paragraph", lambda k: ("Tin an ninh\n\n" + sentence * (k // len(sentence.encode()))).encode() + b"\n", 128 << 10)
scaling("dots", lambda k: b"Tin an ninh\n\n" + b"." * k + b"\n", 250_000)
scaling("dots_text", lambda k: b"." * k + b"\n", 250_000, cmd="text")
entities = "Mỹ, Nhật, Hàn, Úc, Ấn Độ, Philippines, Việt Nam, Trung Quốc, Nga, Pháp, "
scaling("entity_list", lambda k: ("Liên minh mới\n\n" + entities * (k // 10) + "ký thỏa thuận hợp tác quốc phòng.\n").encode(), 2_500)
scaling("quotes", lambda k: ("Tin\n\n" + "“Mỹ nói " * k + "”" * k + "\n").encode(), 20_000)

# Every byte value: alone, and inside a Vietnamese sentence.
page = "Mỹ và Nhật ký thỏa thuận an ninh\n\nHai nước ký hiệp định quốc phòng tại Tokyo ngày 8/4/2024.\n".encode()
paths = [write("all_bytes.txt", bytes(range(256)))]
for b in range(256):
    paths.append(write("byte_%03d.txt" % b, page[:40] + bytes([b]) + page[40:]))
rc, cpu, rss, out, err = run(["extract"] + paths)
ok_exit("every byte", rc, err)
n = check_records("every byte", out)
print("every byte value: %d files, exit %d, %d records, %.2f s CPU" % (len(paths), rc, n, cpu))
for p in paths:
    os.unlink(p)

# Truncated UTF-8 at every byte position of a Vietnamese page.
paths = [write("trunc_%03d.txt" % i, page[:i]) for i in range(1, len(page) + 1)]
rc, cpu, rss, out, err = run(["extract"] + paths)
ok_exit("truncated UTF-8", rc, err)
n = check_records("truncated UTF-8", out)
print("truncated UTF-8: %d prefixes, exit %d, %d records, %.2f s CPU" % (len(paths), rc, n, cpu))
rc, cpu, rss, out, err = run(["text"] + paths)
ok_exit("truncated UTF-8 (text)", rc, err)
for p in paths:
    os.unlink(p)

os.rmdir(tmp) if not os.listdir(tmp) else None
if failures:
    print("\nFAIL:\n  " + "\n  ".join(failures))
    sys.exit(1)
print("ok")
