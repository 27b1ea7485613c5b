#!/usr/bin/env python3
"""List capitalised runs that no entity covers, most frequent first.

Runs `pactgraph extract` on the given pages (files or directories), then, in
each sentence of each article, masks the text of the entities found inside it
and prints the capitalised runs left over: two or more capitalised syllables
("Freedom Edge"), or one foreign-looking word of several letters inside the
sentence ("Wilmington"). A run that opens a sentence counts only from its second
capitalised syllable on, so "Ngày" or "Ông" alone never shows.

    scripts/unknown_names.py [--pactgraph BIN] [--min N] PATH...
"""
import argparse
import collections
import json
import os
import re
import subprocess
import sys

WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
# words that are capitalised for the sentence or by house style, not names
STOP = {"Ông", "Bà", "Theo", "Trong", "Khi", "Sau", "Tại", "Các", "Những", "Ngày", "Tháng", "Năm"}


def pages(paths):
    for p in paths:
        if os.path.isdir(p):
            for root, _, files in os.walk(p):
                for f in sorted(files):
                    if f.endswith((".txt", ".html", ".htm")):
                        yield os.path.join(root, f)
        else:
            yield p


def runs(text):
    """Runs of consecutive capitalised words (no punctuation between)."""
    out, cur, last_end = [], [], -1
    for m in WORD.finditer(text):
        w = m.group(0)
        joined = last_end >= 0 and text[last_end:m.start()].strip() == ""
        if w[0].isupper() and (joined or not cur):
            cur.append((w, m.start()))
        else:
            if cur:
                out.append(cur)
            cur = [(w, m.start())] if w[0].isupper() else []
        last_end = m.end()
    if cur:
        out.append(cur)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pactgraph", default=os.environ.get("PACT", "pactgraph"))
    ap.add_argument("--min", type=int, default=1, help="least count to print")
    ap.add_argument("paths", nargs="+")
    a = ap.parse_args()
    files = list(pages(a.paths))
    if not files:
        sys.exit("no pages")
    res = subprocess.run([a.pactgraph, "extract", *files], capture_output=True, text=True)
    if res.returncode not in (0, 1) and not res.stdout:
        sys.exit(res.stderr)
    counts, where = collections.Counter(), {}
    for line in res.stdout.splitlines():
        r = json.loads(line)
        sents = list(zip(r.get("sentences", []), r.get("sentence_text", [])))
        if r.get("title"):
            sents.append((r.get("title_span", [0, 0]), r["title"]))
        for (s, e), text in sents:
            for ent in r.get("entities", []):
                es, ee = ent["span"]
                if es >= s and ee <= e and ent.get("text"):
                    text = text.replace(ent["text"], " | ")
            for run in runs(text):
                words = [w for w, _ in run]
                if run[0][1] == 0 or words[0] in STOP:
                    words = words[1:]
                if not words or all(w.isupper() for w in words):
                    continue
                # one syllable alone: only a foreign-looking word (Wilmington)
                if len(words) == 1 and (len(words[0]) < 5 or not words[0].isascii()):
                    continue
                name = " ".join(words)
                counts[name] += 1
                where.setdefault(name, os.path.basename(r["doc"]))
    for name, n in counts.most_common():
        if n >= a.min:
            print(f"{n}\t{name}\t{where[name]}")


if __name__ == "__main__":
    main()
