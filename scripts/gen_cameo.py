#!/usr/bin/env python3
"""Generates data/cameo.tsv, the CAMEO code table the store scores events with.

CAMEO (Conflict and Mediation Event Observations, Gerner, Schrodt et al. 2002,
codebook 1.1b3 2012) is a published code table; its Goldstein (1992) scale
scores run from -10 (most conflictual) to +10 (most cooperative). The input is
the project's copy of the table (code, name, goldstein); this script adds the
quad class by root code, as GDELT and ICEWS use it:

  1 verbal cooperation    roots 01-05
  2 material cooperation  roots 06-08
  3 verbal conflict       roots 09-13
  4 material conflict     roots 14-20

and checks the table: codes of 2 to 4 digits, every code under a root that is
listed, scores within [-10, 10].

usage: python3 scripts/gen_cameo.py [../shared/spec/cameo.tsv] [-o data/cameo.tsv]
"""
import argparse
import os
import sys


def quad(root):
    r = int(root)
    if 1 <= r <= 5:
        return 1
    if 6 <= r <= 8:
        return 2
    if 9 <= r <= 13:
        return 3
    if 14 <= r <= 20:
        return 4
    raise ValueError("root code out of range: %s" % root)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("input", nargs="?", default=os.path.join(here, "..", "..", "shared", "spec", "cameo.tsv"))
    ap.add_argument("-o", "--out", default=os.path.join(here, "..", "data", "cameo.tsv"))
    args = ap.parse_args()
    rows = []
    with open(args.input, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#") or line.startswith("code\t"):
                continue
            code, name, score = line.split("\t")[:3]
            if not (code.isdigit() and 2 <= len(code) <= 4):
                sys.exit("%s:%d: bad code %r" % (args.input, n, code))
            # A few later codes (155, 176: cyber) carry no published score:
            # they take their root's, as a coder falls back to the root.
            g = float(score) if score.strip() else None
            if g is not None and not -10 <= g <= 10:
                sys.exit("%s:%d: Goldstein score out of range: %s" % (args.input, n, score))
            rows.append((code, name.strip(), g, quad(code[:2])))
    roots = {c: g for c, _, g, _ in rows if len(c) == 2}
    rows = [(c, nm, roots.get(c[:2]) if g is None else g, q) for c, nm, g, q in rows]
    for c, _, _, _ in rows:
        if c[:2] not in roots:
            sys.exit("code %s has no root %s in the table" % (c, c[:2]))
    with open(args.out, "w", encoding="utf-8") as out:
        out.write("# GENERATED FILE - do not edit by hand.\n")
        out.write("# Made by: python3 scripts/gen_cameo.py (CAMEO codebook codes, Goldstein scale,\n")
        out.write("# quad class by root: 1 verbal coop 01-05, 2 material coop 06-08,\n")
        out.write("# 3 verbal conflict 09-13, 4 material conflict 14-20)\n")
        out.write("code\tname\tgoldstein\tquad\n")
        for code, name, g, q in rows:
            out.write("%s\t%s\t%.1f\t%d\n" % (code, name, g, q))
    print("wrote %d codes to %s" % (len(rows), args.out))


if __name__ == "__main__":
    main()
