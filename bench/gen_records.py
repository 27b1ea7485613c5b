#!/usr/bin/env python3
"""Synthetic extraction records for benchmarking the store (bench/graph.sh).

Writes N articles' records as JSON Lines (spec/OUTPUT.md), one to three
articles per document, with varied actors (countries and organisations, a few
much more frequent than the rest, as in the news), dates over ten years, CAMEO
codes from data/cameo.tsv, memberships, entities and sentences with text. The
same seed gives the same file. The sentences are filler, not news.

usage: python3 bench/gen_records.py N [--seed S] > records.jsonl
"""
import argparse
import json
import os
import random

COUNTRIES = ("USA GBR AUS JPN KOR PRK CHN TWN RUS UKR FRA DEU CAN IND NZL SGP LTU BEL ESP VNM PHL "
             "IDN MYS THA POL ITA NLD NOR SWE FIN TUR IRN ISR SAU ARE EGY BRA ZAF MEX ARG PAK BGD "
             "MMR KHM LAO BRN TLS MNG KAZ UZB BLR GEO ARM AZE ROU HUN CZE SVK GRC PRT").split()
ORGS = "NATO AUKUS QUAD G7 G20 EU UN ASEAN IP4 SCO BRICS ANZUS FVEY CSTO".split()
ROLES = ["member", "partner", "candidate", "not-member"]
MODALITIES = ["asserted"] * 6 + ["planned", "considered", "possible", "negated", "reported"]
WORDS = ("hai nước đã ký thỏa thuận hợp tác an ninh quốc phòng về trao đổi thông tin tình báo và "
         "tập trận chung trên biển đồng minh đối tác chiến lược toàn diện lãnh đạo hội đàm cam kết "
         "hỗ trợ phản đối chỉ trích cảnh báo lệnh trừng phạt khu vực ổn định hòa bình").split()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rnd = random.Random(args.seed)
    here = os.path.dirname(os.path.abspath(__file__))
    codes = []
    with open(os.path.join(here, "..", "data", "cameo.tsv"), encoding="utf-8") as f:
        for line in f:
            c = line.split("\t")[0]
            if c.isdigit() and len(c) >= 3:
                codes.append(c)
    # Zipf-like: the first actors are in most of the news.
    actors = COUNTRIES + ORGS
    weights = [1.0 / (i + 1) ** 0.8 for i in range(len(actors))]
    rnd.shuffle(weights)

    def actor():
        return rnd.choices(actors, weights)[0]

    def sentence():
        return " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(6, 16))).capitalize() + "."

    made = 0
    doc_no = 0
    out = []
    while made < args.n:
        doc = "bench/doc%07d.html" % doc_no
        doc_no += 1
        for art in range(min(rnd.choice((1, 1, 1, 2, 3)), args.n - made)):
            y, m, d = rnd.randint(2015, 2025), rnd.randint(1, 12), rnd.randint(1, 28)
            published = "%04d-%02d-%02d" % (y, m, d)
            title = sentence()
            off = 200 + art * 40000
            tspan = [off, off + len(title.encode())]
            off = tspan[1] + 30
            sents, spans = [], []
            for _ in range(rnd.randint(4, 10)):
                s = sentence()
                b = len(s.encode())
                sents.append(s)
                spans.append([off, off + b])
                off += b + 7
            events = []
            for _ in range(rnd.randint(1, 6)):
                a, b = actor(), actor()
                if a == b:
                    continue
                k = rnd.randrange(len(sents))
                dd = max(1, d - rnd.randint(0, 3))
                date = rnd.choice(["%04d-%02d-%02d" % (y, m, dd)] * 8 + ["%04d-%02d" % (y, m), None])
                events.append({"source": a, "target": b, "code": rnd.choice(codes), "date": date,
                               "modality": rnd.choice(MODALITIES), "place": None, "domains": [],
                               "span": spans[k]})
            memberships = []
            for _ in range(rnd.choice((0, 0, 0, 1, 2))):
                k = rnd.randrange(len(sents))
                memberships.append({"org": rnd.choice(ORGS), "member": rnd.choice(COUNTRIES),
                                    "role": rnd.choice(ROLES), "date": published, "span": spans[k]})
            entities = []
            for e in events:
                for key in ("source", "target"):
                    entities.append({"id": e[key], "kind": "org" if e[key] in ORGS else "country",
                                     "text": e[key], "span": [e["span"][0], e["span"][0] + 3]})
            out.append(json.dumps({
                "doc": doc, "article": art, "title": title, "title_span": tspan, "published": published,
                "body_spans": [[spans[0][0], spans[-1][1]]], "body_text": "\n\n".join(sents),
                "entities": entities, "events": events, "memberships": memberships,
                "sentences": spans, "sentence_text": sents}, ensure_ascii=False))
            made += 1
        if len(out) >= 1000:
            print("\n".join(out))
            out = []
    if out:
        print("\n".join(out))


if __name__ == "__main__":
    main()
