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
  long line         n = 4 MB           (4n = 16 MB; lines past 1 MB are skipped; 100 MB by hand)
  long paragraph    n = 128 KB         (4n = 512 KB, one HTML <p>, and one flat line)
  dots              n = 250 000        (4n = 10^6)
  entity list       n = 31 250 names   (4n = 125 000 in one sentence, about 1.2 MB; a paragraph of 10^6 names is over
                                         the 2 MB block limit of the HTML reader and the 1 MB line limit of the flat one: skipped)
  dotted words      n = 250 000 bytes  ("đ.e dọ.a" repeated)
  paragraphs        n = 2 500          (4n = 10 000 short paragraphs)
  nested quotes     n = 20 000         (4n = 80 000 opening quotes, then as many closing)
About 20 s of CPU in all; fuzz/README.md has the measured numbers.
"""
import atexit, json, os, shutil, subprocess, sys, tempfile, time

PACT = os.environ.get("PACT")
if not PACT or not os.access(PACT, os.X_OK):
    print("pathological: $PACT is not an executable", file=sys.stderr)
    sys.exit(2)
SCALE = float(os.environ.get("PACT_PATHO_SCALE", "1"))
MAX_RATIO = 9.0              # linear is 4, quadratic 16
MIN_SIGNIFICANT = 0.25       # seconds above start-up; below this a ratio is noise
RSS_CEILING_MB = int(os.environ.get("PACT_PATHO_RSS_MB", "1500"))
tmp = tempfile.mkdtemp(prefix="pact-patho-")
atexit.register(shutil.rmtree, tmp, True)
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


HEAD = ("Mỹ và Nhật Bản ký hiệp định an ninh mới\nThứ tư, 19/6/2024 - 22:10\n\n"
        "Ngày 18/6, tại Tokyo, Bộ trưởng Quốc phòng Mỹ và Bộ trưởng Quốc phòng Nhật Bản "
        "đã ký hiệp định hợp tác quốc phòng.\n\n").encode()
TAIL = "\nHai nước cam kết tăng cường tập trận chung trong khu vực.\n".encode()


def article(para):
    """A flattened page the extractor reads as an article, with para in its body."""
    return HEAD + para + b"\n" + TAIL


def html_article(para):
    """The same article as HTML, para one <p> (the flat reader's article finder
    has its own size thresholds; the HTML reader takes any paragraph)."""
    return ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>Mỹ và Nhật Bản ký hiệp định an ninh mới"
            "</title></head><body><article><h1>Mỹ và Nhật Bản ký hiệp định an ninh mới</h1>"
            "<time datetime='2024-06-19'>19/6/2024</time><p>Ngày 18/6, tại Tokyo, Bộ trưởng Quốc phòng Mỹ và "
            "Bộ trưởng Quốc phòng Nhật Bản đã ký hiệp định hợp tác quốc phòng.</p><p>").encode() + para + \
        "</p><p>Hai nước cam kết tăng cường tập trận chung trong khu vực.</p></article></body></html>".encode()


base_file = write("base.txt", article(b"Hai b\xc3\xaan ti\xe1\xba\xbfp t\xe1\xbb\xa5c \xc4\x91\xc3\xa0m ph\xc3\xa1n."))
rc, _, _, out, err = run(["extract", base_file])
if check_records("base", out) != 1:
    failures.append("base: the plain page gave no record (exit %d): the cases below would test nothing\n%s"
                    % (rc, err.decode("utf-8", "replace")))
startup = min(run(["extract", base_file])[1] for _ in range(2))
print("start-up (extract of a one-line page): %.2f s CPU" % startup)


def body_bytes(out):
    n = 0
    for line in out.decode("utf-8", "replace").splitlines():
        try:
            n += len((json.loads(line).get("body_text") or "").encode())
        except ValueError:
            pass
    return n


def scaling(name, make, n, cmd="extract", suffix=".txt", payload=False):
    """payload: the generated paragraph must reach the record's body (else
    the case would time nothing but start-up)."""
    n = int(n * SCALE)
    times = []
    for k in (n, 4 * n):
        path = write("%s_%d%s" % (name, k, suffix), make(k))
        size = os.path.getsize(path)
        rc, cpu, rss, out, err = run([cmd, path])
        os.unlink(path)
        ok_exit("%s n=%d" % (name, k), rc, err)
        nrec = check_records("%s n=%d" % (name, k), out) if cmd == "extract" else 0
        if payload and body_bytes(out) < k // 2:
            failures.append("%s n=%d: the paragraph is not in the record's body (%d bytes of body)"
                            % (name, k, body_bytes(out)))
        if rss > RSS_CEILING_MB:
            failures.append("%s n=%d: peak RSS %.0f MB over the %d MB ceiling" % (name, k, rss, RSS_CEILING_MB))
        times.append(max(cpu - startup, 0.0))
        print("%-16s n=%-9d %9d bytes: exit %d, %d records, %6.2f s CPU, %6.0f MB peak RSS" % (name, k, size, rc, nrec, cpu, rss))
    t1, t4 = times
    if t4 >= MIN_SIGNIFICANT:
        ratio = t4 / max(t1, MIN_SIGNIFICANT / 4)
        print("%-16s time ratio 4n/n = %.1f (linear 4, quadratic 16)" % (name, ratio))
        if ratio > MAX_RATIO:
            failures.append("%s: time grows super-linearly: ratio %.1f for 4x the input" % (name, ratio))


sentence = "Hai nước ký thỏa thuận an ninh mới tại Hà Nội ngày 8/4. "


def prose(k):
    """About k bytes of sentences, numbered so that no stretch repeats (a line
    printed twice over is a scraper's glitch to the flat reader)."""
    out, size, i = [], 0, 0
    while size < k:
        u = ("Hai nước ký thỏa thuận an ninh số %d tại Hà Nội ngày 8/4. " % i).encode()
        out.append(u)
        size += len(u)
        i += 1
    return b"".join(out)
scaling("nested_div", lambda k: b"<!DOCTYPE html><html><body>" + b"<div>" * k + "Mỹ và Nhật ký hiệp định.".encode() + b"</div>" * k + b"</body></html>", 250_000, suffix=".html")
scaling("long_line", lambda k: article(prose(k)), 4 << 20)
scaling("long_paragraph", lambda k: html_article(prose(k)), 128 << 10, suffix=".html", payload=True)
scaling("long_para_flat", lambda k: article(prose(k)), 128 << 10, payload=True)
scaling("dots", lambda k: html_article(b"." * k), 250_000, suffix=".html")
scaling("dotted_words", lambda k: article("đ.e dọ.a ".encode() * (k // 12)), 250_000, payload=True)
scaling("dots_text", lambda k: b"." * k + b"\n", 250_000, cmd="text")
entities = "Mỹ, Nhật, Hàn, Úc, Ấn Độ, Philippines, Việt Nam, Trung Quốc, Nga, Pháp, "
scaling("entity_list", lambda k: html_article((entities * (k // 10) + "ký thỏa thuận hợp tác quốc phòng.").encode()), 31_250, suffix=".html", payload=True)
scaling("entity_paras", lambda k: article(("Mỹ và Nhật Bản ký hiệp định quốc phòng ngày 8/4.\n\n" * k).encode()), 2_500, payload=True)
scaling("quotes", lambda k: html_article(("“Mỹ nói " * k + "”" * k).encode()), 20_000, suffix=".html", payload=True)

# Every byte value: alone, and inside a Vietnamese sentence.
page = article("Hai nước ký hiệp định quốc phòng tại Tokyo ngày 8/4/2024.".encode())
paths = [write("all_bytes.txt", bytes(range(256)))]
for b in range(256):
    paths.append(write("byte_%03d.txt" % b, page[:40] + bytes([b]) + page[40:160] + bytes([b]) + page[160:]))
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

if failures:
    print("\nFAIL:\n  " + "\n  ".join(failures))
    sys.exit(1)
print("ok")
