/*
 * Vietnamese syllables and the one canonical tone-mark placement.
 *
 * Two spellings of the same syllable are in use: the traditional one puts the
 * tone of an open "oa", "oe", "uy" on the first vowel (hòa, khỏe, thụy), the
 * newer one on the second (hoà, khoẻ, thuỵ). pactgraph writes the traditional
 * placement, the one most Vietnamese news sites and the lexicons in data/ use:
 *   - a vowel with a hat, breve or horn (ă â ê ô ơ ư) takes the tone (the last
 *     one: "ươ" -> ơ);
 *   - otherwise a three-vowel nucleus takes it on the middle vowel (ngoài);
 *   - a two-vowel nucleus on the second vowel when a final consonant follows
 *     (hoàng, tuýt) and on the first when none does (hòa, thủy, mùa, tài);
 *   - "qu" and "gi" (before another vowel) are consonants, so quý, giá.
 * Words that are not one Vietnamese syllable, or carry several tone marks, are
 * left as written (after NFC).
 */
#include <utf8proc.h>

#include "text/internal.h"
#include "text/vn_letters.h"

/* Valid vowel nuclei as vowel ids packed 4 bits each (first vowel lowest),
 * each with what may follow: 'O' open only (no final consonant), 'C' needs a
 * final, 'B' both. */
#define N1(a) (a)
#define N2(a, b) ((a) | (b) << 4)
#define N3(a, b, c) ((a) | (b) << 4 | (c) << 8)
static const struct {
    uint16_t code;
    char kind;
} NUCLEI[] = {
    {N1(VN_A), 'B'}, {N1(VN_AW), 'C'}, {N1(VN_AA), 'C'}, {N1(VN_E), 'B'}, {N1(VN_EE), 'B'},
    {N1(VN_I), 'B'}, {N1(VN_O), 'B'}, {N1(VN_OO), 'B'}, {N1(VN_OW), 'B'}, {N1(VN_U), 'B'},
    {N1(VN_UW), 'B'}, {N1(VN_Y), 'B'},
    {N2(VN_A, VN_I), 'O'}, {N2(VN_A, VN_O), 'O'}, {N2(VN_A, VN_U), 'O'}, {N2(VN_A, VN_Y), 'O'},
    {N2(VN_AA, VN_U), 'O'}, {N2(VN_AA, VN_Y), 'O'}, {N2(VN_E, VN_O), 'O'}, {N2(VN_EE, VN_U), 'O'},
    {N2(VN_I, VN_A), 'O'}, {N2(VN_I, VN_EE), 'C'}, {N2(VN_I, VN_U), 'O'}, {N2(VN_O, VN_A), 'B'},
    {N2(VN_O, VN_AW), 'C'}, {N2(VN_O, VN_E), 'B'}, {N2(VN_O, VN_I), 'O'}, {N2(VN_OO, VN_I), 'O'},
    {N2(VN_OW, VN_I), 'O'}, {N2(VN_O, VN_O), 'C'}, {N2(VN_U, VN_A), 'O'}, {N2(VN_U, VN_AA), 'C'},
    {N2(VN_U, VN_I), 'O'}, {N2(VN_U, VN_EE), 'B'}, {N2(VN_U, VN_OO), 'C'}, {N2(VN_U, VN_OW), 'O'},
    {N2(VN_U, VN_Y), 'B'}, {N2(VN_UW, VN_A), 'O'}, {N2(VN_UW, VN_I), 'O'}, {N2(VN_UW, VN_U), 'O'},
    {N2(VN_UW, VN_OW), 'C'}, {N2(VN_Y, VN_EE), 'C'},
    {N3(VN_I, VN_EE, VN_U), 'O'}, {N3(VN_Y, VN_EE, VN_U), 'O'}, {N3(VN_O, VN_A, VN_I), 'O'},
    {N3(VN_O, VN_A, VN_O), 'O'}, {N3(VN_O, VN_A, VN_Y), 'O'}, {N3(VN_O, VN_E, VN_O), 'O'},
    {N3(VN_U, VN_AA, VN_Y), 'O'}, {N3(VN_U, VN_OO, VN_I), 'O'}, {N3(VN_UW, VN_OW, VN_I), 'O'},
    {N3(VN_UW, VN_OW, VN_U), 'O'}, {N3(VN_U, VN_Y, VN_A), 'O'}, {N3(VN_U, VN_Y, VN_EE), 'C'},
    {N3(VN_U, VN_Y, VN_U), 'O'},
};

/* Consonant clusters packed one byte per letter ('\x01' for đ). */
#define C2(a, b) ((uint32_t)(a) | (uint32_t)(b) << 8)
#define C3(a, b, c) (C2(a, b) | (uint32_t)(c) << 16)
static const uint32_t INITIALS[] = {
    0, 'b', 'c', C2('c', 'h'), 'd', 1, 'g', C2('g', 'h'), C2('g', 'i'), 'h', 'k', C2('k', 'h'),
    'l', 'm', 'n', C2('n', 'g'), C3('n', 'g', 'h'), C2('n', 'h'), 'p', C2('p', 'h'), C2('q', 'u'),
    'r', 's', 't', C2('t', 'h'), C2('t', 'r'), 'v', 'x',
};
static const uint32_t FINALS[] = {0, 'c', C2('c', 'h'), 'm', 'n', C2('n', 'g'), C2('n', 'h'), 'p', 't'};

static bool in_list(uint32_t code, const uint32_t *list, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (list[i] == code) return true;
    return false;
}

/* The lower-case ASCII consonant of a letter, 1 for đ, 0 for anything else. */
static uint32_t consonant(const pact__letter *l) {
    if (l->v) return 0;
    if (l->cp == 0x111 || l->cp == 0x110) return 1;
    if (l->cp < 0x80) return (uint32_t)(l->cp | 0x20);
    return 0;
}

bool pact__syllable_parse(const pact__letter *L, size_t nl, size_t *ns, size_t *ne,
                          bool *has_final) {
    uint32_t init = 0;
    size_t i = 0, k = 0;
    while (i < nl && !L[i].v) {
        uint32_t c = consonant(&L[i]);
        if (!c || k == 3) return false;
        init |= c << (8 * k++);
        i++;
    }
    if (init == 'q') {
        if (i >= nl || L[i].v != VN_U) return false;
        init = C2('q', 'u');
        i++;
    } else if (init == 'g' && i + 1 < nl && L[i].v == VN_I && L[i + 1].v) {
        init = C2('g', 'i');
        i++;
    }
    if (!in_list(init, INITIALS, sizeof INITIALS / sizeof *INITIALS)) return false;
    uint32_t nuc = 0;
    size_t s = i;
    while (i < nl && L[i].v) {
        if (i - s == 3) return false;
        nuc |= (uint32_t)L[i].v << (4 * (i - s));
        i++;
    }
    if (i == s) return false;
    uint32_t fin = 0;
    k = 0;
    for (size_t f = i; f < nl; f++) {
        uint32_t c = consonant(&L[f]);
        if (!c || c == 1 || k == 2) return false;
        fin |= c << (8 * k++);
    }
    if (!in_list(fin, FINALS, sizeof FINALS / sizeof *FINALS)) return false;
    for (size_t x = 0; x < sizeof NUCLEI / sizeof *NUCLEI; x++) {
        if (NUCLEI[x].code != nuc) continue;
        if ((NUCLEI[x].kind == 'O' && k) || (NUCLEI[x].kind == 'C' && !k)) return false;
        *ns = s;
        *ne = i;
        *has_final = k > 0;
        return true;
    }
    return false;
}

static bool has_shape(uint8_t v) {
    return v == VN_AW || v == VN_AA || v == VN_EE || v == VN_OO || v == VN_OW || v == VN_UW;
}

bool pact__tone_place(pact__letter *L, size_t nl) {
    unsigned tone = 0, count = 0;
    for (size_t i = 0; i < nl; i++)
        if (L[i].tone) {
            tone = L[i].tone;
            count++;
        }
    if (count != 1) return false;
    /* already canonical when the toned vowel stands alone, or is the last
     * hat/horn vowel of its run (most words): no need to parse */
    size_t t = 0;
    while (!L[t].tone) t++;
    if (L[t].v) {
        bool prev = t > 0 && L[t - 1].v, next = t + 1 < nl && L[t + 1].v;
        if (!prev && !next && !(t > 0 && (L[t - 1].cp | 0x20) == 'q')) return false;
        if (has_shape(L[t].v)) {
            size_t x = t + 1;
            while (x < nl && L[x].v && !has_shape(L[x].v)) x++;
            if (x >= nl || !L[x].v) return false;
        }
    }
    size_t ns, ne;
    bool fin;
    if (!pact__syllable_parse(L, nl, &ns, &ne, &fin)) return false;
    size_t at = SIZE_MAX;
    for (size_t i = ns; i < ne; i++) {
        if (has_shape(L[i].v)) at = i;
    }
    if (at == SIZE_MAX) {
        size_t n = ne - ns;
        at = n == 3 ? ns + 1 : n == 2 ? (fin ? ns + 1 : ns) : ns;
    }
    if (L[at].tone) return false;
    for (size_t i = 0; i < nl; i++) L[i].tone = 0;
    L[at].tone = (uint8_t)tone;
    return true;
}

/* Vowel, tone, case of a precomposed letter; false when cp is not one. */
static bool vowel_of(int32_t cp, pact__letter *l) {
    unsigned code = 0;
    if (cp < 0x80) {
        switch (cp | 0x20) {
        case 'a': code = VN_A << 4; break;
        case 'e': code = VN_E << 4; break;
        case 'i': code = VN_I << 4; break;
        case 'o': code = VN_O << 4; break;
        case 'u': code = VN_U << 4; break;
        case 'y': code = VN_Y << 4; break;
        default: return false;
        }
        code |= cp < 'a';
    } else
        code = vn_decode(cp);
    if (!code) return false;
    l->v = (uint8_t)(code >> 4);
    l->tone = (uint8_t)((code >> 1) & 7);
    l->upper = code & 1;
    l->cp = vn_compose[l->v - 1][0][l->upper];
    return true;
}

/* Applies a combining mark to the letter before it; false if it does not fit. */
static bool apply_mark(pact__letter *l, int32_t mark) {
    int tone = 0;
    switch (mark) {
    case 0x0300: case 0x0340: tone = 1; break;
    case 0x0301: case 0x0341: tone = 2; break;
    case 0x0309: tone = 3; break;
    case 0x0303: tone = 4; break;
    case 0x0323: tone = 5; break;
    case 0x0302:
        if (l->v == VN_A) l->v = VN_AA;
        else if (l->v == VN_E) l->v = VN_EE;
        else if (l->v == VN_O) l->v = VN_OO;
        else return false;
        break;
    case 0x0306:
        if (l->v != VN_A) return false;
        l->v = VN_AW;
        break;
    case 0x031B:
        if (l->v == VN_O) l->v = VN_OW;
        else if (l->v == VN_U) l->v = VN_UW;
        else return false;
        break;
    default:
        return false;
    }
    if (!l->v) return false;
    if (tone) {
        if (l->tone) return false;
        l->tone = (uint8_t)tone;
    }
    l->cp = vn_compose[l->v - 1][0][l->upper];
    return true;
}

/* Decodes letters from s[i..n) into L. scan: stop at the first character
 * that is not part of a word (returning its offset); otherwise every
 * character must be (dots recorded in splits when non-NULL). *ok is false when
 * the word needs generic NFC: an unknown combining mark, a letter NFC might
 * change, too many letters, invalid UTF-8. */
static size_t decode_run(const char *s, size_t n, size_t i, bool scan, pact__letter *L, size_t *nl,
                         bool *ok, size_t *splits, size_t *nsplits, bool *clean) {
    size_t k = 0;
    *ok = true;
    *clean = true;
    if (nsplits) *nsplits = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        size_t adv = 1;
        int32_t cp = c;
        pact__letter l = {cp, 0, 0, 0};
        if (c < 0x80) {
            if ((unsigned)((c | 0x20) - 'a') < 26u) {
                /* vowel_of for ASCII: the letter is its own untoned base */
                l.v = PACT__ASCII_VOWEL[(c | 0x20) - 'a'];
                l.upper = c < 'a';
                i++;
                if (k == PACT__WORD_MAX) *ok = false;
                else L[k++] = l;
                continue;
            }
            if (c == '.' && splits && !scan) {
                if (*nsplits == PACT__WORD_MAX) *ok = false;
                else splits[(*nsplits)++] = k;
                i++;
                continue;
            }
            if (scan) break;
            *ok = false;
            i++;
            continue;
        }
        cp = pact__utf8_next(s + i, n - i, &adv);
        if (cp < 0) {
            if (scan) break;
            *ok = false;
            i++;
            continue;
        }
        if (!vowel_of(cp, &l)) {
            pact__chclass cl = pact__char_class(cp);
            if (cl == PACT__CH_IGNORABLE) {
                *clean = false;
                i += adv;
                continue;
            }
            if (cl == PACT__CH_MARK) {
                *clean = false;
                if (!k || !apply_mark(&L[k - 1], cp)) *ok = false;
                i += adv;
                continue;
            }
            if (cl != PACT__CH_LETTER) {
                if (scan) break;
                *ok = false;
                i += adv;
                continue;
            }
            l.cp = cp;
            if (cp != 0x110 && cp != 0x111) {
                /* a letter NFC might change (a compatibility singleton such as
                 * U+212B, a precomposed letter outside Latin) goes to utf8proc */
                const utf8proc_property_t *p = utf8proc_get_property(cp);
                if (p->comp_exclusion || (p->decomp_seqindex != UINT16_MAX && !p->decomp_type &&
                                          (cp < 0xC0 || cp > 0x24F)))
                    *ok = false;
                l.upper = p->category == UTF8PROC_CATEGORY_LU || p->category == UTF8PROC_CATEGORY_LT;
            } else {
                l.upper = cp == 0x110;
            }
        }
        i += adv;
        if (k == PACT__WORD_MAX) *ok = false;
        else L[k++] = l;
    }
    *nl = k;
    return i;
}

bool pact__word_decode(const char *s, size_t n, pact__letter *L, size_t *nl,
                       size_t *splits, size_t *nsplits) {
    bool ok, clean;
    decode_run(s, n, 0, false, L, nl, &ok, splits, nsplits, &clean);
    return ok;
}

size_t pact__word_scan(const char *s, size_t n, size_t i, pact__letter *L, size_t *nl, bool *ok,
                       bool *clean) {
    return decode_run(s, n, i, true, L, nl, ok, NULL, NULL, clean);
}

size_t pact__word_encode(const pact__letter *L, size_t nl, bool lower, char *out) {
    size_t o = 0;
    for (size_t i = 0; i < nl; i++) {
        int32_t cp;
        if (L[i].v) cp = vn_compose[L[i].v - 1][L[i].tone][lower ? 0 : L[i].upper];
        else if (!lower || !L[i].upper) cp = L[i].cp;
        else if (L[i].cp < 0x80) cp = L[i].cp | 0x20;
        else cp = utf8proc_tolower(L[i].cp);
        if (cp < 0x80) out[o++] = (char)cp;
        else o += pact_utf8_encode(cp, out + o);
    }
    return o;
}
