#!/usr/bin/env python3
"""Makes a large benchmark corpus of Vietnamese news pages (100 MB - 1 GB and
more) from the project's own samples/ and data/, for bench/extract.sh.

It does not copy pages over and over (that would flatter caches and the
branch predictor): it cuts the sample pages into titles, leads, paragraphs and
captions, turns each into a template whose actors (countries, people), dates,
years and numbers are slots, and assembles new pages at random from them —
4 to 14 paragraphs of several sources, actors drawn from data/countries.tsv
and data/persons.tsv, dates and numbers redrawn — in the two forms the
project reads (flattened text and HTML), with boilerplate (menus, breadcrumbs,
related-news lists, share bars, comment forms, scripts) varied page to page,
and now and then a second article on the page. Standard library only;
deterministic for a given --seed.

Usage:
  bench/gen_corpus.py SIZE [--format jsonl|dir] [--out PATH] [--seed N]
SIZE is bytes of pages, with an optional K, M or G suffix (200M, 1G).
--format jsonl (default) writes one JSON object per line,
{"doc": NAME, "text"|"html": PAGE}, for `pactgraph extract --jsonl-input`;
--format dir writes one file per page under the directory --out.
"""
import argparse
import json
import os
import random
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def parse_size(s):
    m = re.fullmatch(r"(\d+(?:\.\d+)?)([KkMmGg]?)[Bb]?", s)
    if not m:
        raise argparse.ArgumentTypeError("size like 200M or 1G, not %r" % s)
    mult = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30}[m.group(2).lower()]
    return int(float(m.group(1)) * mult)


# ---- the project's data: actors to swap in ----

def load_countries():
    """Unambiguous everyday forms per ISO3 (the flagged short forms are left
    out: swapping "Anh" in "anh ấy" would make nonsense, not news)."""
    forms = {}
    with open(os.path.join(ROOT, "data", "countries.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 2 or (len(cols) > 2 and cols[2].strip()):
                continue
            vn = [x for x in cols[1].split("|") if x and not x.isascii()]
            forms.setdefault(cols[0], []).extend(vn or cols[1].split("|")[:1])
    return forms


def load_persons():
    """(full form as the press writes it, its surname-only forms)."""
    people = []
    with open(os.path.join(ROOT, "data", "persons.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 4:
                continue
            forms = [x for x in cols[3].split("|") if x]
            full = [x for x in forms if " " in x and "." not in x]
            if full:
                people.append(full)
    return people


# ---- the samples, cut into templates ----

TAG = re.compile(r"<[^>]+>")


def html_text(s):
    s = TAG.sub("", s)
    for a, b in (("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&#39;", "'"), ("&nbsp;", " ")):
        s = s.replace(a, b)
    return s.strip()


def read_samples():
    """Titles, leads, body paragraphs and captions of every sample page."""
    parts = {"title": [], "lead": [], "para": [], "caption": [], "related": []}
    d = os.path.join(ROOT, "samples")
    for name in sorted(os.listdir(d)):
        page = open(os.path.join(d, name), encoding="utf-8").read()
        if name.endswith(".html"):
            m = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S)
            if m:
                parts["title"].append(html_text(m.group(1)))
            for cls, body in re.findall(r"<p( class=\"[^\"]*\")?[^>]*>(.*?)</p>", page, re.S):
                parts["lead" if "sapo" in cls else "para"].append(html_text(body))
            parts["caption"] += [html_text(x) for x in re.findall(r"<figcaption>(.*?)</figcaption>", page, re.S)]
            parts["related"] += [html_text(x) for x in re.findall(r"<li><a[^>]*>(.*?)</a></li>", page, re.S)]
        else:
            blocks = [b.strip() for b in page.split("\n\n")]
            head = blocks[0].split("\n")
            # breadcrumb, dateline, title, lead
            if len(head) >= 3:
                parts["title"].append(head[2])
            if len(head) >= 4:
                parts["lead"].append(" ".join(head[3:]))
            related = False
            for b in blocks[1:]:
                if b.startswith("Tin liên quan") or b.startswith("Xem thêm"):
                    parts["related"] += [x for x in b.split("\n")[1:] if x and not x.startswith("Xem thêm")]
                    related = True
                elif "Ảnh:" in b and len(b) < 300:
                    parts["caption"].append(b)
                elif not related and len(b) > 80:
                    parts["para"].append(b.replace("\n", " "))
    return parts


DATE = r"\b\d{1,2}/\d{1,2}(?:/(?:19|20)\d\d)?\b"
YEAR = r"\b(?:19[5-9]\d|20[0-4]\d)\b"
NUM = r"\b\d+(?:[.,]\d+)?\b"


def templates(texts, countries, persons):
    """Each text as a list of literals and slots ('C' country, 'P' person,
    'D' date, 'Y' year, 'N' number), found longest first."""
    cforms = sorted({x for fs in countries.values() for x in fs if len(x) >= 3}, key=len, reverse=True)
    pforms = sorted({x for fs in persons for x in fs}, key=len, reverse=True)
    alts = [("P", "|".join(map(re.escape, pforms))), ("C", "|".join(map(re.escape, cforms))),
            ("D", DATE), ("Y", YEAR), ("N", NUM)]
    rx = re.compile("|".join("(?P<%s>%s)" % (k, "(?<!\\w)(?:%s)(?!\\w)" % v if k in "PC" else v) for k, v in alts))
    out = []
    for t in texts:
        parts, at = [], 0
        for m in rx.finditer(t):
            parts.append(t[at:m.start()])
            parts.append((m.lastgroup,))
            at = m.end()
        parts.append(t[at:])
        out.append(parts)
    return out


class Filler:
    def __init__(self, rnd, countries, persons):
        self.r = rnd
        self.cforms = [fs for fs in countries.values()]
        self.persons = persons
        self.year = 2024

    def date(self):
        d, m = self.r.randint(1, 28), self.r.randint(1, 12)
        if self.r.random() < 0.4:
            return "%d/%d/%d" % (d, m, self.year)
        return "%d/%d" % (d, m)

    def fill(self, tpl):
        r = self.r
        out = []
        for p in tpl:
            if isinstance(p, str):
                out.append(p)
                continue
            k = p[0]
            if k == "C":
                out.append(r.choice(r.choice(self.cforms)))
            elif k == "P":
                out.append(r.choice(r.choice(self.persons)))
            elif k == "D":
                out.append(self.date())
            elif k == "Y":
                out.append(str(self.year - r.choice((0, 0, 0, 1, 2, 5, 10, 30))))
            else:
                n = r.choice((r.randint(2, 12), r.randint(10, 999), r.randint(1000, 99999)))
                out.append(str(n) if r.random() < 0.8 else "%d,%d" % (n, r.randint(1, 9)))
        return "".join(out)


SECTIONS = ["Thế giới", "Quân sự", "Phân tích", "Quốc phòng", "Châu Á", "Châu Âu", "Biển Đông", "Ngoại giao",
            "Thời sự", "Hồ sơ", "Bình luận", "Kinh tế thế giới", "Trung Đông", "Châu Mỹ", "Tư liệu"]
WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"]
SITES = ["Nhịp cầu Thế giới", "Tin Quốc tế", "Bản tin Toàn cầu", "Thời báo Hòa Bình", "Điểm tin Năm châu"]
SHARE = ["Chia sẻ: Facebook | Zalo | Twitter | Sao chép liên kết", "Chia sẻ bài viết", "Theo dõi chúng tôi trên Google News",
         "In bài | Gửi email | Lưu bài viết"]
COMMENTS = ["Bình luận (0)", "Ý kiến bạn đọc", "Gửi bình luận của bạn", "Đăng nhập để bình luận",
            "Bạn cần đăng nhập để gửi ý kiến"]
FOOTERS = ["© {site}. Ghi rõ nguồn khi phát hành lại thông tin từ website này.",
           "Bản quyền thuộc về {site}. Giấy phép số {n}/GP-BTTTT.",
           "{site} - Cơ quan chủ quản: Hội Nhà báo. Liên hệ quảng cáo: {n} {n}.",
           "Tổng biên tập: Nguyễn Văn {n}. Địa chỉ: {n} phố Tràng Tiền, Hà Nội."]


class Pages:
    def __init__(self, seed):
        self.r = random.Random(seed)
        countries = load_countries()
        persons = load_persons()
        self.f = Filler(self.r, countries, persons)
        parts = read_samples()
        self.t = {k: templates(v, countries, persons) for k, v in parts.items()}
        self.n = 0

    def article(self):
        r, f, t = self.r, self.f, self.t
        f.year = r.randint(2015, 2026)
        return {
            "title": f.fill(r.choice(t["title"])),
            "date": "%s, %02d/%02d/%d %02d:%02d (GMT+7)" % (r.choice(WEEKDAYS), r.randint(1, 28), r.randint(1, 12),
                                                            f.year, r.randint(0, 23), r.randint(0, 59)),
            "lead": f.fill(r.choice(t["lead"])),
            "paras": [f.fill(r.choice(t["para"])) for _ in range(r.randint(4, 14))],
            "caption": f.fill(r.choice(t["caption"])) if t["caption"] and r.random() < 0.6 else None,
            "related": [f.fill(r.choice(t["related"] or t["title"])) for _ in range(r.randint(0, 6))],
        }

    def flat(self, arts):
        r = self.r
        out = [" | ".join(r.sample(SECTIONS, r.randint(1, 4)))]
        for i, a in enumerate(arts):
            if i:
                out.append("")
            out += [a["date"], a["title"], a["lead"], ""]
            paras = list(a["paras"])
            if a["caption"]:
                paras.insert(r.randint(0, len(paras)), a["caption"])
            out.append("\n\n".join(paras))
            if a["related"]:
                out += ["", "Tin liên quan"] + a["related"]
        if r.random() < 0.5:
            out += ["", r.choice(SHARE)]
        if r.random() < 0.5:
            out += ["Xem thêm: " + " | ".join(r.sample(SECTIONS, 3))]
        return "\n".join(out) + "\n"

    def html(self, arts):
        r = self.r
        site = r.choice(SITES)
        esc = lambda s: s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        out = ['<!DOCTYPE html>\n<html lang="vi">\n<head><meta charset="utf-8"><title>%s | %s</title>'
               % (esc(arts[0]["title"]), site)]
        # scripts and styles of varying size, as real pages carry
        for _ in range(r.randint(0, 4)):
            n = r.randint(1, 60)
            out.append("<script>window.ads=window.ads||[];%s</script>"
                       % "".join("ads.push({slot:%d,size:[%d,%d]});" % (r.randint(1, 999), r.choice((300, 728)),
                                                                       r.choice((90, 250))) for _ in range(n)))
        if r.random() < 0.5:
            out.append("<style>.c%d{margin:%dpx}</style>" % (r.randint(1, 99), r.randint(0, 20)))
        out.append("</head>\n<body>\n<nav class=\"menu\">%s</nav>" % " ".join(
            '<a href="/%d">%s</a>' % (r.randint(1, 999), s) for s in r.sample(SECTIONS, r.randint(3, 8))))
        for a in arts:
            out.append('<div class="breadcrumb">%s</div>\n<article>' % " / ".join(r.sample(SECTIONS, 2)))
            out.append("<h1>%s</h1>\n<time>%s</time>\n<p class=\"sapo\">%s</p>" % (esc(a["title"]), a["date"],
                                                                               esc(a["lead"])))
            for i, p in enumerate(a["paras"]):
                out.append("<p>%s</p>" % esc(p))
                if a["caption"] and i == 1:
                    out.append('<figure><img src="/img/%d.jpg" alt=""><figcaption>%s</figcaption></figure>'
                               % (r.randint(1, 99999), esc(a["caption"])))
            out.append("</article>")
            if a["related"]:
                out.append('<aside class="related"><h3>Tin liên quan</h3>\n<ul>\n%s\n</ul></aside>' % "\n".join(
                    '<li><a href="/a/%d">%s</a></li>' % (r.randint(1, 99999), esc(x)) for x in a["related"]))
        if r.random() < 0.5:
            out.append('<div class="share">%s</div>' % r.choice(SHARE))
        if r.random() < 0.5:
            out.append('<form class="comments"><h3>%s</h3><textarea></textarea></form>' % r.choice(COMMENTS))
        out.append("<footer>%s</footer>\n</body>\n</html>\n" % r.choice(FOOTERS).format(site=site,
                                                                                    n=r.randint(10, 999)))
        return "\n".join(out)

    def next(self):
        """(name, kind, page)."""
        r = self.r
        self.n += 1
        arts = [self.article()]
        if r.random() < 0.15:
            arts.append(self.article())
        if r.random() < 0.5:
            return "gen/%07d.html" % self.n, "html", self.html(arts)
        return "gen/%07d.txt" % self.n, "text", self.flat(arts)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("size", type=parse_size, help="bytes of pages: 200M, 1G, ...")
    ap.add_argument("--format", choices=("jsonl", "dir"), default="jsonl")
    ap.add_argument("--out", default="-", help="JSON Lines file ('-': standard output) or directory")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    pages = Pages(a.seed)
    total = 0
    if a.format == "dir":
        if a.out == "-":
            ap.error("--format dir needs --out DIR")
        os.makedirs(os.path.join(a.out, "gen"), exist_ok=True)
        while total < a.size:
            name, _, page = pages.next()
            data = page.encode("utf-8")
            with open(os.path.join(a.out, name), "wb") as f:
                f.write(data)
            total += len(data)
    else:
        out = sys.stdout.buffer if a.out == "-" else open(a.out, "wb")
        while total < a.size:
            name, kind, page = pages.next()
            total += len(page.encode("utf-8"))
            out.write(json.dumps({"doc": name, kind: page}, ensure_ascii=False).encode("utf-8") + b"\n")
        out.flush()
    print("gen_corpus: %d pages, %.1f MB of pages" % (pages.n, total / 1e6), file=sys.stderr)


if __name__ == "__main__":
    main()
