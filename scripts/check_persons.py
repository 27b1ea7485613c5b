#!/usr/bin/env python3
"""Validate data/persons.tsv and data/offices.tsv (stdlib only).

Checks: field counts, slug format (lower-case ASCII, hyphens) and uniqueness,
non-empty names and forms, country ids (three upper-case letters or a known
organisation id), name forms shared by two people (an ambiguous form must be
left out), office keys, ISO dates with start <= end, every offices.tsv slug in
persons.tsv, and no two holders of a single-holder office of one country at
once. Prints counts; exits non-zero on any error.

usage: check_persons.py [DATA_DIR]   (default: the data/ next to this script)
"""
import datetime
import os
import re
import sys
import unicodedata

OFFICES = {
    'president', 'vice-president', 'pm', 'deputy-pm', 'fm', 'dm', 'deputy-fm',
    'deputy-dm', 'nsa', 'monarch', 'chancellor', 'sg', 'party-leader', 'speaker',
    'hr', 'commission-president', 'council-president', 'ambassador', 'envoy',
    'cjcs', 'un-ambassador', 'deputy-secretary', 'chief-of-staff',
}
# Offices several people hold at once in one country (deputies, envoys,
# ambassadors to different capitals, leaders of different parties).
MULTI = {'deputy-pm', 'deputy-fm', 'deputy-dm', 'ambassador', 'envoy',
         'party-leader', 'deputy-secretary'}
ORG_IDS = {'NATO', 'EU', 'UN', 'ASEAN', 'IAEA'}
SLUG_RE = re.compile(r'^[a-z0-9]+(?:-[a-z0-9]+)*$')
COUNTRY_RE = re.compile(r'^[A-Z]{3}$')
# Forms that are ordinary Vietnamese words or shared by many people; they must
# never be listed alone (the recogniser resolves them from context).
STOP_FORMS = {'kim', 'lee', 'park', 'lý', 'ly', 'vương', 'tập', 'anh', 'nam', 'trung',
              'lai', 'lại', 'han', 'hàn', 'xi', 'li', 'wang', 'wong', 'may', 'song',
              'choe', 'ri', 'cho', 'chung', 'kang', 'duterte', 'johnson', 'hun', 'ng',
              'dong', 'chang', 'suh', 'shinawatra', 'sharif', 'zardari', 'rasmussen',
              'niinistö', 'niinisto', 'sullivan', 'miller', 'smith'}


def norm(s):
    return unicodedata.normalize('NFC', s).casefold().strip()


def rows(path):
    """Yield (line number, fields) for every record line."""
    with open(path, encoding='utf-8') as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip('\n')
            if line.endswith('\r'):
                line = line[:-1]
            if not line.strip() or line.lstrip().startswith('#'):
                continue
            yield n, line.split('\t')


def parse_date(s):
    try:
        return datetime.date.fromisoformat(s) if re.fullmatch(r'\d{4}-\d{2}-\d{2}', s) else None
    except ValueError:
        return None


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    data = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, '..', 'data')
    ppath = os.path.join(data, 'persons.tsv')
    opath = os.path.join(data, 'offices.tsv')
    errors = []

    def err(path, n, msg):
        errors.append(f'{os.path.basename(path)}:{n}: {msg}')

    persons = {}
    form_owner = {}
    nforms = 0
    for n, f in rows(ppath):
        if len(f) != 4:
            err(ppath, n, f'expected 4 TAB-separated fields, got {len(f)}')
            continue
        slug, name, country, forms = f
        if not SLUG_RE.match(slug):
            err(ppath, n, f'bad slug {slug!r}')
        if slug in persons:
            err(ppath, n, f'duplicate slug {slug!r} (first on line {persons[slug]})')
        persons.setdefault(slug, n)
        if not name.strip():
            err(ppath, n, 'empty canonical name')
        if not (COUNTRY_RE.match(country) or country in ORG_IDS):
            err(ppath, n, f'bad country {country!r}')
        fl = [x for x in forms.split('|')]
        if any(not x.strip() for x in fl):
            err(ppath, n, 'empty form')
        if norm(name) not in {norm(x) for x in fl}:
            err(ppath, n, f'canonical name {name!r} missing from forms')
        for x in fl:
            k = norm(x)
            if not k:
                continue
            nforms += 1
            if k in STOP_FORMS:
                err(ppath, n, f'form {x!r} is ambiguous on its own: leave it out')
            if k in form_owner and form_owner[k][0] != slug:
                err(ppath, n, f'form {x!r} also belongs to {form_owner[k][0]} (line {form_owner[k][1]})')
            form_owner.setdefault(k, (slug, n))

    terms = {}
    noffices = 0
    held = set()
    for n, f in rows(opath):
        if len(f) != 5:
            err(opath, n, f'expected 5 TAB-separated fields, got {len(f)}')
            continue
        slug, office, country, start, end = f
        noffices += 1
        if slug not in persons:
            err(opath, n, f'slug {slug!r} not in persons.tsv')
        held.add(slug)
        if office not in OFFICES:
            err(opath, n, f'unknown office {office!r}')
        if not (COUNTRY_RE.match(country) or country in ORG_IDS):
            err(opath, n, f'bad country {country!r}')
        s = parse_date(start)
        e = parse_date(end) if end else datetime.date.max
        if s is None:
            err(opath, n, f'bad start date {start!r}')
        if e is None:
            err(opath, n, f'bad end date {end!r}')
        if s and e and s > e:
            err(opath, n, f'start {start} after end {end}')
        if s and e and office not in MULTI:
            terms.setdefault((office, country), []).append((s, e, slug, n))

    for (office, country), ts in sorted(terms.items()):
        ts.sort()
        for i in range(1, len(ts)):
            for j in range(i):
                a, b = ts[j], ts[i]
                if b[0] < a[1] and a[2] != b[2]:
                    err(opath, b[3], f'{office} {country}: {b[2]} starts {b[0]} while '
                        f'{a[2]} (line {a[3]}) holds it until '
                        f'{"now" if a[1] == datetime.date.max else a[1]}')
                elif b[0] < a[1] and a[2] == b[2]:
                    err(opath, b[3], f'{office} {country}: overlapping terms of {b[2]}')

    countries = {}
    for n, f in rows(ppath):
        if len(f) == 4:
            countries[f[2]] = countries.get(f[2], 0) + 1
    for e in errors:
        print(e, file=sys.stderr)
    print(f'persons: {len(persons)} ({nforms} forms, {len(countries)} countries/orgs, '
          f'{len(persons) - len(held & set(persons))} without an office)')
    print(f'offices: {noffices} terms, {len(terms)} single-holder office series')
    print(f'errors: {len(errors)}')
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
