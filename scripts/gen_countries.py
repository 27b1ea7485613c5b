#!/usr/bin/env python3
"""Generate data/countries.cldr.tsv from Unicode CLDR (Debian unicode-cldr-core).

One line per ISO 3166-1 country or territory:

    ISO3 <TAB> vi forms <TAB> en forms

Each forms field is CLDR's main name first, then its alt="short" and
alt="variant" names, separated by '|'. Ids are ISO 3166-1 alpha-3 in upper case
(alpha-2 -> alpha-3 from CLDR's <codeMappings>, cross-checked with Debian
iso-codes when installed). Regions (001, 150, ...), organisations (EU, EZ, UN),
pseudo and private-use codes (QO, XA, XB, ZZ, ...) and CLDR-only exceptional
codes (AC, CP, DG, EA, IC, TA) are left out. Kosovo is kept, under CLDR's user-
assigned XKK, because it acts in security news and has no ISO code.

Usage:
    python3 scripts/gen_countries.py [--cldr DIR] [--iso-codes FILE] [-o OUT]

Standard library only; the output is sorted and byte-for-byte reproducible.
"""

import argparse
import json
import os
import sys
import xml.etree.ElementTree as ET

DEFAULT_CLDR = "/usr/share/unicode/cldr/common"
DEFAULT_ISO = "/usr/share/iso-codes/json/iso_3166-1.json"

# Not ISO 3166-1 countries: organisations, groupings, pseudo/private-use codes,
# and CLDR's exceptionally reserved sub-territories. Used when iso-codes is absent
# and as a second filter when it is present.
NOT_COUNTRIES = {
    "EU", "EZ", "UN", "QO", "QU", "XA", "XB", "ZZ", "AA", "QM",
    "AC", "CP", "DG", "EA", "IC", "TA",
    # deprecated codes of states that no longer exist
    "AN", "BU", "CS", "DD", "FX", "NT", "SU", "TP", "YD", "YU", "ZR",
}
# Kept although not in ISO 3166-1 (user-assigned in CLDR).
EXTRA = {"XK"}


def territory_names(path):
    """Return {alpha2: [main, short..., variant...]} from a CLDR locale file."""
    root = ET.parse(path).getroot()
    main, alts = {}, {}
    for el in root.iter("territory"):
        code = el.get("type")
        text = (el.text or "").strip()
        if not code or not text or code.isdigit():
            continue
        alt = el.get("alt")
        if alt is None:
            main[code] = text
        elif alt in ("short", "variant"):
            alts.setdefault(code, []).append((0 if alt == "short" else 1, text))
    out = {}
    for code, name in main.items():
        forms = [name]
        for _, t in sorted(alts.get(code, [])):
            if t not in forms:
                forms.append(t)
        out[code] = forms
    return out


def alpha3_map(path):
    root = ET.parse(path).getroot()
    out = {}
    for el in root.iter("territoryCodes"):
        a2, a3 = el.get("type"), el.get("alpha3")
        if a2 and a3 and not a2.isdigit():
            out[a2] = a3
    return out


def iso_codes(path):
    """Return {alpha2: alpha3} from Debian iso-codes, or None when absent."""
    if not path or not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    return {e["alpha_2"]: e["alpha_3"] for e in data["3166-1"]}


def clean(s):
    # A TAB or '|' inside a name would break the table's shape.
    return " ".join(s.replace("|", "/").split())


# Parenthesised qualifiers that are not names ("Congo (Republic)").
NOT_NAMES = {"Republic"}


def expand(forms):
    """Clean forms; "Myanmar (Miến Điện)" also yields "Myanmar" and "Miến Điện".

    Returns (forms, derived): derived are the parts split off, dropped later
    when they name more than one country ("Congo").
    """
    out, derived = [], set()
    for f in forms:
        f = clean(f)
        cand = [f]
        if f.endswith(")") and " (" in f:
            head, _, tail = f[:-1].partition(" (")
            parts = [p.strip() for p in (head, tail) if p.strip() not in NOT_NAMES]
            cand += parts
            derived.update(parts)
        for c in cand:
            if c and c not in out:
                out.append(c)
    return out, derived - set(clean(f) for f in forms)


def drop_shared(rows, col):
    """Remove derived forms of column col that occur in more than one row."""
    seen = {}
    for r in rows:
        for f in r[col][0]:
            seen[f] = seen.get(f, 0) + 1
    for r in rows:
        forms, derived = r[col]
        r[col] = ([f for f in forms if not (f in derived and seen[f] > 1)], derived)


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cldr", default=DEFAULT_CLDR, help="CLDR common/ directory")
    ap.add_argument("--iso-codes", default=DEFAULT_ISO, help="iso_3166-1.json")
    ap.add_argument("-o", "--output", default="-", help="output file (default stdout)")
    args = ap.parse_args(argv)

    vi = territory_names(os.path.join(args.cldr, "main", "vi.xml"))
    en = territory_names(os.path.join(args.cldr, "main", "en.xml"))
    a3 = alpha3_map(os.path.join(args.cldr, "supplemental", "supplementalData.xml"))
    iso = iso_codes(args.iso_codes)

    rows = []
    for code in sorted(vi):
        if len(code) != 2 or not code.isalpha() or code in NOT_COUNTRIES:
            continue
        if iso is not None and code not in iso and code not in EXTRA:
            continue
        alpha3 = a3.get(code)
        if alpha3 is None:
            print("gen_countries: no alpha-3 for %s, skipped" % code, file=sys.stderr)
            continue
        if iso is not None and code in iso and iso[code] != alpha3:
            print("gen_countries: %s: CLDR says %s, iso-codes says %s; using iso-codes"
                  % (code, alpha3, iso[code]), file=sys.stderr)
            alpha3 = iso[code]
        rows.append([alpha3.upper(), expand(vi[code]), expand(en.get(code, [vi[code][0]]))])
    if iso is not None:
        missing = sorted(set(iso) - set(vi))
        for code in missing:
            print("gen_countries: %s has no Vietnamese name in CLDR" % code, file=sys.stderr)
    drop_shared(rows, 1)
    drop_shared(rows, 2)
    rows = sorted((r[0], "|".join(r[1][0]), "|".join(r[2][0])) for r in rows)

    lines = [
        "# GENERATED FILE - do not edit by hand.",
        "# Made by: python3 scripts/gen_countries.py -o data/countries.cldr.tsv",
        "# From Unicode CLDR (Debian unicode-cldr-core): common/main/vi.xml, en.xml,",
        "# common/supplemental/supplementalData.xml <codeMappings>; filtered to ISO 3166-1",
        "# with Debian iso-codes (iso_3166-1.json) or, without it, a built-in exclusion list",
        "# (same result). XKK (Kosovo) is CLDR's user-assigned id.",
        "# Fields: ISO3 <TAB> Vietnamese names <TAB> English names; in each, CLDR's main",
        "# name first, then its short and variant names, separated by '|'; a name with",
        "# a parenthesis, \"Myanmar (Miến Điện)\", also gives its two parts.",
        "# Everyday press forms (My, Uc, Nhat...) are in data/countries.tsv.",
    ]
    lines += ["\t".join(r) for r in rows]
    text = "\n".join(lines) + "\n"
    if args.output == "-":
        sys.stdout.write(text)
    else:
        with open(args.output, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        print("gen_countries: %d countries -> %s" % (len(rows), args.output), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
