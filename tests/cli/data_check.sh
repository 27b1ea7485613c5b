#!/usr/bin/env bash
# Validate the lexicon tables in data/ (shape, ids, dates, clashing forms) and
# check that data/countries.cldr.tsv is what scripts/gen_countries.py makes from
# the installed CLDR (skipped when CLDR is not installed).
set -u
src="${PACT_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}"
command -v python3 >/dev/null || { echo "python3 not found: skipped"; exit 77; }

fail=0
if ! python3 "$src/scripts/check_data.py" --quiet --data "$src/data"; then
    echo "FAIL: scripts/check_data.py found errors in data/"
    fail=1
fi

cldr=/usr/share/unicode/cldr/common/main/vi.xml
if [ -r "$cldr" ]; then
    tmp=$(mktemp)
    trap 'rm -f "$tmp"' EXIT
    if python3 "$src/scripts/gen_countries.py" -o "$tmp" 2>/dev/null; then
        if ! cmp -s "$tmp" "$src/data/countries.cldr.tsv"; then
            echo "FAIL: data/countries.cldr.tsv differs from scripts/gen_countries.py output;"
            echo "      regenerate: python3 scripts/gen_countries.py -o data/countries.cldr.tsv"
            diff "$src/data/countries.cldr.tsv" "$tmp" | head -20
            fail=1
        fi
    else
        echo "FAIL: scripts/gen_countries.py failed"
        fail=1
    fi
else
    echo "note: $cldr absent, generated table not re-checked"
fi

# Canaries: forms the press uses every day must name the right id, and the
# traps (regions that contain a country name) must stay places.
python3 - "$src/data" <<'PY' || fail=1
import os, sys
sys.path.insert(0, os.path.join(os.path.dirname(sys.argv[1]), "scripts"))
from check_data import form_key
data = sys.argv[1]
cols = {"countries.tsv": (0, 1), "orgs.tsv": (0, 3), "places.tsv": (0, 3),
        "media.tsv": (0, 1), "titles.tsv": (0, 1)}
idx = {}
for fn, (ic, fc) in cols.items():
    for line in open(os.path.join(data, fn), encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        f = line.rstrip("\n").split("\t")
        for form in f[fc].split("|"):
            idx.setdefault((fn, form_key(form)), set()).add(f[ic])
expect = [
    ("countries.tsv", "Mỹ", "USA"), ("countries.tsv", "Úc", "AUS"),
    ("countries.tsv", "CHDCND Triều Tiên", "PRK"), ("countries.tsv", "Nam Hàn", "KOR"),
    ("countries.tsv", "Trung Hoa Dân Quốc", "TWN"), ("countries.tsv", "Litva", "LTU"),
    ("countries.tsv", "Anh", "GBR"), ("orgs.tsv", "Bộ Tứ", "QUAD"),
    ("orgs.tsv", "Tổ chức Hiệp ước Bắc Đại Tây Dương", "NATO"), ("orgs.tsv", "LHQ", "UN"),
    ("orgs.tsv", "Nhóm Bảy", "G7"), ("orgs.tsv", "Ủy ban châu Âu", "EU"),
    ("orgs.tsv", "Five Eyes", "FVEY"), ("orgs.tsv", "IP4", "IP4"),
    ("places.tsv", "Lầu Năm Góc", "pentagon"), ("places.tsv", "Mátxcơva", "moscow"),
    ("places.tsv", "Bán đảo Triều Tiên", "korean-peninsula"),
    ("places.tsv", "Ấn Độ Dương", "oceans"), ("places.tsv", "Biển Nhật Bản", "sea-of-japan"),
    ("places.tsv", "Trung Đông", "middle-east"), ("places.tsv", "Ấn Độ – Thái Bình Dương", "indo-pacific"),
    ("places.tsv", "SDF", "jsdf"), ("media.tsv", "TTXVN", "ttxvn"), ("media.tsv", "AFP", "afp"),
    ("titles.tsv", "Ngoại trưởng", "fm"), ("titles.tsv", "Thủ tướng", "chancellor"),
    ("titles.tsv", "Thủ tướng", "pm"),
]
bad = 0
for fn, form, ident in expect:
    got = idx.get((fn, form_key(form)), set())
    if ident not in got:
        print("FAIL: %s: %r should name %s, names %s" % (fn, form, ident, sorted(got) or "nothing"))
        bad += 1
sys.exit(1 if bad else 0)
PY
exit $fail
