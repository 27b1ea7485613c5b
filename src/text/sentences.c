/*
 * Sentence splitting of one normalised paragraph.
 *
 * A sentence ends at '.', '!', '?', '…' or a run of them ("...", "?!"), with
 * any closing quotes or brackets after it, when white space and then a
 * sentence start follow: an upper-case letter, a digit, an opening quote or
 * bracket, a dash. So "ngày 31.5.2024", "1.000 tỷ", "3,5%" and "nato.int"
 * (no space after the dot) never split, nor does "... và những nước khác"
 * (lower case after). A single dot does not end a sentence after
 *   - a title or place abbreviation (Mr., Dr., St., ThS., PGS.TS., TP., Q.),
 *   - a name suffix (Jr., Sr.) unless a capitalised word follows: the suffix
 *     closes the name, so "Marcos Jr. Ông ..." starts a new sentence while
 *     "Marcos Jr. (giữa)" and "Marcos Jr. cho biết" do not,
 *   - a single capital initial (George W. Bush, J. Biden),
 *   - a list number that opens the sentence ("1. ...").
 * A quotation “...” (also «...», "...") is never split inside: a sentence
 * quoted whole followed by ", ông nói." stays one sentence; it ends at the
 * closing quote only when the quotation ends with a stop and a new sentence
 * starts after it. Whatever is left without a final stop (a headline, a
 * caption) is one sentence.
 */
#include <stdlib.h>
#include <string.h>

#include "text/internal.h"

/* Abbreviations after which a dot does not end a sentence (case matters). */
static const char *const ABBREV[] = {
    "Mr", "Mrs", "Ms", "Dr", "St", "Prof", "Gen", "Lt", "Col", "Capt", "Sgt",
    "Rep", "Sen", "Gov", "Mt", "No", "Vol", "vs", "Ph", "Co", "Inc", "Ltd", "Corp", "Adm",
    "ThS", "Ths", "TS", "Ts", "PGS", "GS", "BS", "KS", "CN", "TP", "Tp", "TT", "TX", "Th",
    "Nxb", "NXB", "tr", "Q", "P", "H",
};

static bool is_abbrev(const char *s, size_t n) {
    for (size_t i = 0; i < sizeof ABBREV / sizeof *ABBREV; i++)
        if (strlen(ABBREV[i]) == n && memcmp(ABBREV[i], s, n) == 0) return true;
    return false;
}

static bool is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* Code point at text[i] (0 past the end); sets *adv. */
static int32_t cp_at(const char *t, size_t len, size_t i, size_t *adv) {
    *adv = 1;
    if (i >= len) return 0;
    if ((unsigned char)t[i] < 0x80) return (unsigned char)t[i];
    int32_t cp = pact__utf8_next(t + i, len - i, adv);
    return cp < 0 ? PACT_REPLACEMENT : cp;
}

/* Whether the byte can start a character the splitter looks at: stops,
 * quotes (“ ” „ « » are lead bytes 0xE2 and 0xC2), the ellipsis. Most bytes
 * are letters and spaces and are skipped on this test alone. */
static inline bool interesting(unsigned char b) {
    return b == '.' || b == '!' || b == '?' || b == '"' || b == 0xE2 || b == 0xC2;
}

static bool is_terminal(int32_t cp) { return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026; }

static bool is_closer(int32_t cp) {
    return cp == 0x201D || cp == 0x00BB || cp == '"' || cp == 0x2019 || cp == ')' || cp == ']' ||
           cp == '\'';
}

/* The closing quote that matches an opening one, or 0 if cp opens none. */
static int32_t closer_of(int32_t cp) {
    switch (cp) {
    case 0x201C: return 0x201D;  /* “ ” */
    case 0x201E: return 0x201D;  /* „ ” */
    case 0x00AB: return 0x00BB;  /* « » */
    case '"': return '"';
    default: return 0;
    }
}

typedef struct {
    size_t open, close;  /* offsets of the opening and the closing quote */
} quote;

static int quote_cmp(const void *a, const void *b) {
    const quote *x = a, *y = b;
    return x->open < y->open ? -1 : x->open > y->open;
}

/* Pairs the quotation marks of the text in one pass: curly and angle quotes
 * nest (a stack), a straight quote opens at the start of a word and closes at
 * the next straight quote. Unpaired marks open nothing. Sorted by open. */
static size_t quotes_pair(const char *t, size_t len, quote **out) {
    size_t n = 0, cap = 0, depth = 0, scap = 0;
    size_t *stack = NULL;
    int32_t *want = NULL;
    size_t straight = SIZE_MAX;
    *out = NULL;
    for (size_t i = 0; i < len;) {
        if (!interesting((unsigned char)t[i])) {
            i++;
            continue;
        }
        size_t adv;
        int32_t cp = cp_at(t, len, i, &adv);
        bool pair = false;
        size_t open = 0;
        if (cp == '"') {
            if (straight != SIZE_MAX) {
                pair = true;
                open = straight;
                straight = SIZE_MAX;
            } else if ((i == 0 || is_space((unsigned char)t[i - 1]) || t[i - 1] == '(') && i + 1 < len &&
                       !is_space((unsigned char)t[i + 1])) {
                straight = i;
            }
        } else if (closer_of(cp)) {
            if (depth == scap) {
                scap = scap ? scap * 2 : 8;
                stack = pact__xrealloc(stack, scap * sizeof *stack);
                want = pact__xrealloc(want, scap * sizeof *want);
            }
            stack[depth] = i;
            want[depth++] = closer_of(cp);
        } else if (depth && cp == want[depth - 1]) {
            pair = true;
            open = stack[--depth];
        }
        if (pair) {
            if (n == cap) *out = pact__xrealloc(*out, (cap = cap ? cap * 2 : 8) * sizeof **out);
            (*out)[n++] = (quote){open, i};
        }
        i += adv;
    }
    free(stack);
    free(want);
    if (n > 1) qsort(*out, n, sizeof **out, quote_cmp);
    return n;
}

/* Whether the text from i (after white space) starts a new sentence. */
static bool starts_sentence(const char *t, size_t len, size_t i) {
    size_t adv;
    int32_t cp = cp_at(t, len, i, &adv);
    if (i >= len) return true;
    pact__chclass cl = pact__char_class(cp);
    if (cl == PACT__CH_LETTER) return pact__is_upper(cp);
    if (cl == PACT__CH_MARK || is_terminal(cp)) return false;  /* "... ..." stays with its sentence */
    return !(cp == ',' || cp == ';' || cp == ':' || cp == ')' || cp == ']' || cp == '}' || cp == '%' ||
             cp == 0x201D || cp == 0x00BB);
}

/* A single dot at text[i] that does not end a sentence begun at start. */
static bool dot_continues(const char *t, size_t len, size_t start, size_t i) {
    size_t s = i;
    while (s > start && (unsigned)(((unsigned char)t[s - 1] | 0x20) - 'a') < 26u) s--;
    size_t n = i - s;
    bool after_dot = s > start && t[s - 1] == '.';
    if (n > 0 && (s == start || !(((unsigned char)t[s - 1]) & 0x80))) {
        if (is_abbrev(t + s, n)) return true;
        if (n == 2 && (!memcmp(t + s, "Jr", 2) || !memcmp(t + s, "Sr", 2))) {
            size_t j = i + 1, adv;
            while (j < len && is_space((unsigned char)t[j])) j++;
            int32_t cp = cp_at(t, len, j, &adv);
            return !(j < len && pact__char_class(cp) == PACT__CH_LETTER && pact__is_upper(cp));
        }
        if (n == 1 && t[s] >= 'A' && t[s] <= 'Z' && !after_dot) return true;  /* an initial */
    }
    /* "1." opening the sentence numbers a list */
    size_t d = i;
    while (d > start && t[d - 1] >= '0' && t[d - 1] <= '9') d--;
    if (d == start && d < i && i - d <= 2) return true;
    return false;
}

size_t pact_sentences_split(const char *text, size_t len, pact_range **out) {
    size_t n = 0, cap = 8, start = 0;
    *out = pact__xmalloc(cap * sizeof **out);
    quote *quotes;
    size_t nq = quotes_pair(text, len, &quotes), qi = 0;
    size_t i = 0;
    while (i < len) {
        if (!interesting((unsigned char)text[i])) {
            i++;
            continue;
        }
        size_t adv;
        int32_t cp = cp_at(text, len, i, &adv);
        size_t cut = SIZE_MAX;   /* the sentence ends here (exclusive) */
        while (qi < nq && quotes[qi].open < i) qi++;
        if (qi < nq && quotes[qi].open == i) {
            /* nothing splits inside a quotation; it may end one sentence when
             * its text ends with a stop and a new sentence follows */
            size_t q = quotes[qi].close, qa, pa;
            cp_at(text, len, q, &qa);
            size_t before = q;
            while (before > i + adv && is_space((unsigned char)text[before - 1])) before--;
            bool stop = false;
            if (before > i + adv) {
                size_t b = before - 1;
                while (b > i && ((unsigned char)text[b] & 0xC0) == 0x80) b--;
                stop = is_terminal(cp_at(text, len, b, &pa));
            }
            i = q + qa;
            if (!stop) continue;
            size_t e = i;
            while (e < len && is_closer(cp_at(text, len, e, &pa))) e += pa;
            if (e < len && !is_space((unsigned char)text[e])) continue;
            cut = e;
        }
        if (cut == SIZE_MAX && is_terminal(cp)) {
            size_t e = i, pa;
            int count = 0;
            bool only_dot = true;
            while (e < len) {
                int32_t c2 = cp_at(text, len, e, &pa);
                if (!is_terminal(c2)) break;
                if (c2 != '.') only_dot = false;
                count++;
                e += pa;
            }
            size_t run_end = e;
            while (e < len) {
                int32_t c2 = cp_at(text, len, e, &pa);
                if (!is_closer(c2) || c2 == '"') break;
                e += pa;
            }
            if (e == len || is_space((unsigned char)text[e])) {
                if (!(only_dot && count == 1 && dot_continues(text, len, start, i))) cut = e;
            }
            if (cut == SIZE_MAX) i = run_end;
        } else if (cut == SIZE_MAX) {
            i += adv;
        }
        if (cut == SIZE_MAX) continue;
        size_t next = cut;
        while (next < len && is_space((unsigned char)text[next])) next++;
        if (cut < len && !starts_sentence(text, len, next)) {
            i = cut;
            continue;
        }
        size_t s = start, e = cut;
        while (s < e && is_space((unsigned char)text[s])) s++;
        while (e > s && is_space((unsigned char)text[e - 1])) e--;
        if (e > s) {
            if (n == cap) *out = pact__xrealloc(*out, (cap *= 2) * sizeof **out);
            (*out)[n++] = (pact_range){s, e};
        }
        start = i = next;
    }
    size_t s = start, e = len;
    while (s < e && is_space((unsigned char)text[s])) s++;
    while (e > s && is_space((unsigned char)text[e - 1])) e--;
    if (e > s) {
        if (n == cap) *out = pact__xrealloc(*out, (cap *= 2) * sizeof **out);
        (*out)[n++] = (pact_range){s, e};
    }
    free(quotes);
    return n;
}
