#!/usr/bin/env python3
"""Check the shape and consistency of the lexicon tables in data/*.tsv.

Usage:
    python3 scripts/check_data.py [--data DIR] [--strict] [--quiet]

For every file: UTF-8, no CR, no stray spaces around fields or forms, the field
counts data/README.md gives, known types and flags, ids in the right case. Across
files: country ids exist in countries.cldr.tsv, organisation ids in orgs.tsv,
offices in the titles' key list, dates are real YYYY-MM-DD dates. Within a file a
form (compared the way the loader compares text: NFC, case-folded, tone-mark
placement and dash kind ignored) may not name two different ids unless one of
the lines is flagged (`ambiguous`, `compound`) or, in titles.tsv, restricted to
different countries. Between hand-written files the same clash is a warning.

Prints one line per problem (file:line: message), then the counts per file.
Exit status: 0 clean, 1 errors (or warnings with --strict), 2 bad usage.
Standard library only.
"""

import argparse
import datetime
import os
import re
import sys
import unicodedata

ORG_TYPES = {"alliance", "igo", "format", "grouping", "partnership", "body",
             "armed", "think-tank", "company"}
PLACE_TYPES = {"capital", "seat", "ministry", "force", "city", "base", "venue",
               "region", "sea"}
ACTING_PLACES = {"capital", "seat", "ministry", "force"}
OFFICES = {"president", "vice-president", "pm", "deputy-pm", "fm", "dm",
           "deputy-fm", "deputy-dm", "nsa", "monarch", "chancellor", "sg",
           "party-leader", "speaker", "hr", "commission-president",
           "council-president", "ambassador", "envoy", "chief-of-staff", "cjcs",
           "un-ambassador"}
COUNTRY_FLAGS = {"ambiguous", "compound"}

ISO3_RE = re.compile(r"^[A-Z]{3}$")
ORG_ID_RE = re.compile(r"^[A-Z0-9][A-Z0-9+\-]*$")
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9\-]*$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

TONES = {"\u0300": "2", "\u0301": "1", "\u0303": "4", "\u0309": "3", "\u0323": "5"}
DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")


def form_key(form):
    """Compare forms the way the loader will: case, tone placement, dash kind
    and spacing around dashes do not matter ("thoả" = "thỏa", "–" = "-")."""
    s = unicodedata.normalize("NFD", form.translate(DASHES)).casefold()
    s = re.sub(r"\s*-\s*", " - ", s)
    out = []
    for syl in s.split():
        tone = "".join(TONES.get(c, "") for c in syl)
        base = "".join(c for c in syl if c not in TONES)
        out.append(unicodedata.normalize("NFC", base) + tone)
    return " ".join(out)


class Report:
    def __init__(self, quiet):
        self.errors = 0
        self.warnings = 0
        self.quiet = quiet

    def error(self, where, msg):
        self.errors += 1
        print("%s: error: %s" % (where, msg))

    def warn(self, where, msg):
        self.warnings += 1
        if not self.quiet:
            print("%s: warning: %s" % (where, msg))


def read_rows(path, rep):
    """Yield (lineno, fields) for each record line; checks encoding and spacing."""
    name = os.path.basename(path)
    with open(path, "rb") as f:
        raw = f.read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        rep.error(name, "not UTF-8 (byte %d)" % e.start)
        return
    if "\r" in text:
        rep.error(name, "contains CR (use LF line ends)")
    if text and not text.endswith("\n"):
        rep.warn(name, "no newline at end of file")
    for i, line in enumerate(text.split("\n"), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        where = "%s:%d" % (name, i)
        if unicodedata.normalize("NFC", line) != line:
            rep.warn(where, "not in NFC")
        fields = line.split("\t")
        for k, fld in enumerate(fields):
            if fld != fld.strip():
                rep.error(where, "field %d has leading/trailing spaces" % (k + 1))
        yield where, [f.strip() for f in fields]


def split_forms(where, field, rep, generated=False):
    forms = field.split("|")
    if any(f.strip() and not any(c.isalnum() for c in f) for f in forms):
        rep.error(where, "a form without letters or digits would match punctuation")
    seen = set()
    out = []
    for f in forms:
        if not f:
            rep.error(where, "empty form (doubled or trailing '|')")
            continue
        if f != f.strip() or "  " in f:
            rep.error(where, "form %r has stray spaces" % f)
        if not generated and re.search(r'[()\[\]"\u201c\u201d\t]', f):
            rep.warn(where, "form %r has brackets or quotes the text tokens will not match" % f)
        k = form_key(f)
        if k in seen:
            rep.warn(where, "form %r repeated on the line" % f)
            continue
        seen.add(k)
        out.append(f.strip())
    return out


def check_date(where, s, rep, what):
    if not DATE_RE.match(s):
        rep.error(where, "%s %r is not YYYY-MM-DD" % (what, s))
        return None
    try:
        return datetime.date.fromisoformat(s)
    except ValueError:
        rep.error(where, "%s %r is not a real date" % (what, s))
        return None


class FormIndex:
    """form key -> list of (id, flagged, where, extra) within one file."""

    def __init__(self):
        self.by_key = {}

    def add(self, form, ident, flagged, where, extra=None):
        self.by_key.setdefault(form_key(form), []).append((ident, flagged, where, extra, form))

    def clashes(self, same_ok=None):
        for key, entries in self.by_key.items():
            ids = {e[0] for e in entries}
            if len(ids) < 2:
                continue
            if any(e[1] for e in entries):
                continue
            if same_ok and same_ok(entries):
                continue
            yield key, entries


def report_clashes(index, rep, same_ok=None):
    for _, entries in index.clashes(same_ok):
        first = entries[0]
        others = ", ".join("%s (%s)" % (e[0], e[2]) for e in entries[1:])
        rep.error(first[2], "form %r names %s here and %s; flag one `ambiguous` or remove it"
                  % (first[4], first[0], others))


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                   "..", "data"))
    ap.add_argument("--strict", action="store_true", help="warnings fail too")
    ap.add_argument("--quiet", action="store_true", help="do not print warnings")
    args = ap.parse_args(argv)
    data = os.path.normpath(args.data)
    rep = Report(args.quiet)
    counts = {}

    def path(name):
        return os.path.join(data, name)

    def have(name):
        return os.path.exists(path(name))

    # ---- countries.cldr.tsv: the id universe
    iso3 = set()
    cldr_forms = {}
    if not have("countries.cldr.tsv"):
        rep.error("countries.cldr.tsv", "missing (run scripts/gen_countries.py)")
    else:
        n = 0
        for where, f in read_rows(path("countries.cldr.tsv"), rep):
            n += 1
            if len(f) != 3:
                rep.error(where, "expected 3 fields (ISO3 vi en), got %d" % len(f))
                continue
            if not ISO3_RE.match(f[0]):
                rep.error(where, "id %r is not upper-case ISO3" % f[0])
            if f[0] in iso3:
                rep.error(where, "duplicate id %s" % f[0])
            iso3.add(f[0])
            for fm in split_forms(where, f[1], rep, True) + split_forms(where, f[2], rep, True):
                cldr_forms.setdefault(form_key(fm), set()).add(f[0])
        counts["countries.cldr.tsv"] = "%d countries" % n
        if n < 240:
            rep.error("countries.cldr.tsv", "only %d countries; CLDR has about 250" % n)

    hand = {}  # form key -> set of (file, id) for cross-file warnings

    def note_hand(fname, form, ident, flagged):
        if not flagged:
            hand.setdefault(form_key(form), set()).add((fname, ident, form))

    # ---- countries.tsv
    if have("countries.tsv"):
        idx = FormIndex()
        ids, nforms, nflag = set(), 0, 0
        for where, f in read_rows(path("countries.tsv"), rep):
            if len(f) not in (2, 3):
                rep.error(where, "expected 2 or 3 fields (ISO3 forms [flag]), got %d" % len(f))
                continue
            flag = f[2] if len(f) == 3 else ""
            if flag and flag not in COUNTRY_FLAGS:
                rep.error(where, "unknown flag %r (ambiguous, compound)" % flag)
            if not ISO3_RE.match(f[0]):
                rep.error(where, "id %r is not upper-case ISO3" % f[0])
            elif iso3 and f[0] not in iso3:
                rep.error(where, "id %s is not in countries.cldr.tsv" % f[0])
            ids.add(f[0])
            for fm in split_forms(where, f[1], rep):
                nforms += 1
                nflag += bool(flag)
                idx.add(fm, f[0], bool(flag), where)
                note_hand("countries.tsv", fm, f[0], bool(flag))
                other = cldr_forms.get(form_key(fm), set()) - {f[0]}
                if other and not flag:
                    rep.warn(where, "form %r is %s in countries.cldr.tsv" % (fm, "/".join(sorted(other))))
        report_clashes(idx, rep)
        counts["countries.tsv"] = "%d countries, %d forms (%d flagged)" % (len(ids), nforms, nflag)

    # ---- orgs.tsv
    org_ids = set()
    if have("orgs.tsv"):
        idx = FormIndex()
        types = {}
        nforms = 0
        for where, f in read_rows(path("orgs.tsv"), rep):
            if len(f) not in (4, 5):
                rep.error(where, "expected 4 or 5 fields (ID type name forms [flag]), got %d" % len(f))
                continue
            ident, typ, name = f[0], f[1], f[2]
            flag = f[4] if len(f) == 5 else ""
            if flag and flag != "ambiguous":
                rep.error(where, "unknown flag %r (ambiguous)" % flag)
            if not ORG_ID_RE.match(ident):
                rep.error(where, "id %r must be upper case (A-Z 0-9 + -)" % ident)
            if ident in iso3:
                rep.error(where, "id %s is also a country id" % ident)
            if typ not in ORG_TYPES:
                rep.error(where, "unknown type %r" % typ)
            if ident in types and types[ident] != typ:
                rep.error(where, "id %s has type %s here and %s before" % (ident, typ, types[ident]))
            if not name:
                rep.error(where, "empty English name")
            types[ident] = typ
            org_ids.add(ident)
            # The loader also matches the id and the English name as forms.
            idx.add(ident, ident, bool(flag), where)
            note_hand("orgs.tsv", ident, ident, bool(flag))
            if name:
                idx.add(name, ident, bool(flag), where)
                note_hand("orgs.tsv", name, ident, bool(flag))
            if f[3] == "":
                continue  # reference id for alliances.tsv, never matched in text
            if f[3] == "-":
                rep.error(where, "forms '-' would match every dash; leave the field empty")
                continue
            for fm in split_forms(where, f[3], rep):
                nforms += 1
                idx.add(fm, ident, bool(flag), where)
                note_hand("orgs.tsv", fm, ident, bool(flag))
        report_clashes(idx, rep)
        by_type = {}
        for t in types.values():
            by_type[t] = by_type.get(t, 0) + 1
        counts["orgs.tsv"] = "%d organisations, %d forms (%s)" % (
            len(org_ids), nforms, ", ".join("%s %d" % kv for kv in sorted(by_type.items())))

    # ---- places.tsv
    if have("places.tsv"):
        idx = FormIndex()
        seen = {}
        nforms = 0
        by_type = {}
        for where, f in read_rows(path("places.tsv"), rep):
            if len(f) not in (4, 5):
                rep.error(where, "expected 4 or 5 fields (id type country forms [flag]), got %d" % len(f))
                continue
            ident, typ, country = f[0], f[1], f[2]
            flag = f[4] if len(f) == 5 else ""
            if flag and flag != "ambiguous":
                rep.error(where, "unknown flag %r (ambiguous)" % flag)
            if not SLUG_RE.match(ident):
                rep.error(where, "id %r must be a lower-case slug" % ident)
            if typ not in PLACE_TYPES:
                rep.error(where, "unknown type %r" % typ)
            if country == "-":
                if typ in ACTING_PLACES:
                    rep.error(where, "a %s must name the country it acts for" % typ)
            elif country in iso3:
                pass
            elif country in org_ids:
                if typ != "seat":
                    rep.error(where, "only a seat may act for an organisation (%s)" % country)
            else:
                rep.error(where, "country %r is neither ISO3 in countries.cldr.tsv, an org id nor '-'" % country)
            if ident in seen and seen[ident] != (typ, country):
                rep.error(where, "id %s is %s/%s here and %s/%s before" % ((ident, typ, country) + seen[ident]))
            if ident not in seen:
                by_type[typ] = by_type.get(typ, 0) + 1
            seen[ident] = (typ, country)
            for fm in split_forms(where, f[3], rep):
                nforms += 1
                idx.add(fm, ident, bool(flag), where)
                note_hand("places.tsv", fm, ident, bool(flag))
        report_clashes(idx, rep)
        counts["places.tsv"] = "%d places, %d forms (%s)" % (
            len(seen), nforms, ", ".join("%s %d" % kv for kv in sorted(by_type.items())))

    # ---- media.tsv
    if have("media.tsv"):
        idx = FormIndex()
        ids, nforms = set(), 0
        for where, f in read_rows(path("media.tsv"), rep):
            if len(f) not in (2, 3):
                rep.error(where, "expected 2 or 3 fields (id forms [flag]), got %d" % len(f))
                continue
            flag = f[2] if len(f) == 3 else ""
            if flag and flag != "ambiguous":
                rep.error(where, "unknown flag %r (ambiguous)" % flag)
            if not SLUG_RE.match(f[0]):
                rep.error(where, "id %r must be a lower-case slug" % f[0])
            ids.add(f[0])
            for fm in split_forms(where, f[1], rep):
                nforms += 1
                idx.add(fm, f[0], bool(flag), where)
                note_hand("media.tsv", fm, f[0], bool(flag))
        report_clashes(idx, rep)
        counts["media.tsv"] = "%d outlets, %d forms" % (len(ids), nforms)

    # ---- titles.tsv
    if have("titles.tsv"):
        idx = FormIndex()
        offices, nforms = set(), 0
        for where, f in read_rows(path("titles.tsv"), rep):
            if len(f) not in (2, 3):
                rep.error(where, "expected 2 or 3 fields (office forms [countries]), got %d" % len(f))
                continue
            if f[0] not in OFFICES:
                rep.error(where, "unknown office key %r" % f[0])
            offices.add(f[0])
            restrict = frozenset()
            if len(f) == 3:
                restrict = frozenset(f[2].split("|"))
                for c in restrict:
                    if c not in iso3 and c not in org_ids:
                        rep.error(where, "country %r is not in countries.cldr.tsv or orgs.tsv" % c)
            for fm in split_forms(where, f[1], rep):
                nforms += 1
                idx.add(fm, f[0], False, where, restrict)

        def disjoint(entries):
            # Same form, different offices: fine when the lines apply to
            # different countries (at most one line unrestricted).
            sets = [e[3] for e in entries]
            if sum(1 for s in sets if not s) > 1:
                return False
            rest = [s for s in sets if s]
            return all(not (a & b) for i, a in enumerate(rest) for b in rest[i + 1:])
        report_clashes(idx, rep, disjoint)
        counts["titles.tsv"] = "%d offices, %d forms" % (len(offices), nforms)

    # ---- persons.tsv / offices.tsv (owned by the persons lexicon; shape only here)
    slugs = set()
    if have("persons.tsv"):
        n = 0
        for where, f in read_rows(path("persons.tsv"), rep):
            if len(f) < 4:
                rep.error(where, "expected 4 fields (slug name country forms), got %d" % len(f))
                continue
            n += 1
            if not SLUG_RE.match(f[0]):
                rep.error(where, "slug %r must be lower case" % f[0])
            if f[0] in slugs:
                rep.error(where, "duplicate slug %s" % f[0])
            slugs.add(f[0])
            if f[2] != "-" and f[2] not in iso3 and f[2] not in org_ids:
                rep.error(where, "country %r is not ISO3 in countries.cldr.tsv or an org id" % f[2])
            split_forms(where, f[3], rep)
        counts["persons.tsv"] = "%d persons" % n
    if have("offices.tsv"):
        n = 0
        for where, f in read_rows(path("offices.tsv"), rep):
            if len(f) < 4 or len(f) > 6:
                rep.error(where, "expected 5 fields (slug office country start end), got %d" % len(f))
                continue
            n += 1
            if slugs and f[0] not in slugs:
                rep.error(where, "slug %s is not in persons.tsv" % f[0])
            if f[1] not in OFFICES:
                rep.error(where, "office %r is not a titles.tsv key" % f[1])
            if f[2] not in iso3 and f[2] not in org_ids:
                rep.error(where, "country %r is not ISO3 in countries.cldr.tsv or an org id" % f[2])
            start = check_date(where, f[3], rep, "start") if f[3] else None
            if not f[3]:
                rep.error(where, "start date missing")
            end_s = f[4] if len(f) > 4 else ""
            if end_s and end_s != "-":
                end = check_date(where, end_s, rep, "end")
                if start and end and end < start:
                    rep.error(where, "end %s before start %s" % (end, start))
        counts["offices.tsv"] = "%d terms" % n

    # ---- alliances.tsv (org member role since until source), header line allowed
    if have("alliances.tsv"):
        n = 0
        for where, f in read_rows(path("alliances.tsv"), rep):
            if f[0] == "org":
                continue
            n += 1
            if len(f) < 5:
                rep.error(where, "expected at least 5 fields (org member role since until), got %d" % len(f))
                continue
            if org_ids and f[0] not in org_ids:
                rep.error(where, "org %r is not in orgs.tsv" % f[0])
            if f[1] not in iso3 and f[1] not in org_ids:
                rep.error(where, "member %r is not ISO3 in countries.cldr.tsv or an org id" % f[1])
            for k, what in ((3, "since"), (4, "until")):
                v = f[k]
                if v and v != "-":
                    # YYYY and YYYY-MM are allowed here for facts known only so far
                    if re.match(r"^\d{4}$", v):
                        continue
                    if re.match(r"^\d{4}-\d{2}$", v):
                        v += "-01"
                    check_date(where, v, rep, what)
        counts["alliances.tsv"] = "%d memberships" % n

    # ---- any other table: consistent field count
    known = {"countries.cldr.tsv", "countries.tsv", "orgs.tsv", "places.tsv", "media.tsv",
             "titles.tsv", "persons.tsv", "offices.tsv", "alliances.tsv"}
    for name in sorted(os.listdir(data)):
        if not name.endswith(".tsv") or name in known:
            continue
        widths = {}
        n = 0
        for where, f in read_rows(path(name), rep):
            n += 1
            widths.setdefault(len(f), where)
            if any(not x for x in f[:1]):
                rep.error(where, "empty first field")
        # Other tables may have optional trailing columns; only a line with a
        # single field (a lost TAB) is suspicious.
        if 1 in widths and len(widths) > 1:
            rep.warn(widths[1], "only one field where other lines have %s" % "/".join(
                str(k) for k in sorted(widths) if k > 1))
        counts[name] = "%d lines" % n

    # ---- across hand-written files
    for key, entries in sorted(hand.items()):
        files = {e[0] for e in entries}
        ids = {(e[0], e[1]) for e in entries}
        if len(files) > 1 and len(ids) > 1:
            desc = ", ".join("%s in %s" % (e[1], e[0]) for e in sorted(entries))
            rep.warn("data", "form %r is %s" % (sorted(entries)[0][2], desc))

    print("-- counts")
    for name in sorted(counts):
        print("%-20s %s" % (name, counts[name]))
    print("-- %d error(s), %d warning(s)" % (rep.errors, rep.warnings))
    if rep.errors or (args.strict and rep.warnings):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
