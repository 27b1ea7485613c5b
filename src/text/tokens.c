/*
 * Syllable tokens of a normalised sentence: words (letters, then letters or
 * digits: "Hàn", "NATO", "G7"), numbers ("3", "1.000", "3,5"), date-like
 * numbers ("31.5.2024", "13/3", "12/07/2020", "9/2021", "12.2018", "7-2023")
 * and single punctuation symbols.
 */
#include <string.h>

#include "text/internal.h"

typedef struct {
    size_t start, end;  /* digits */
    unsigned value;     /* saturates */
    char sep;           /* separator before this group (0 for the first) */
} group;

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

static bool valid_day(const group *g) { return g->end - g->start <= 2 && g->value >= 1 && g->value <= 31; }
static bool valid_month(const group *g) { return g->end - g->start <= 2 && g->value >= 1 && g->value <= 12; }
static bool valid_year(const group *g) {
    return g->end - g->start == 4 && g->value >= 1800 && g->value <= 2200;
}

/* Reads a number or date at text[i]; returns its end and sets *kind. */
static size_t number_at(const char *t, size_t i, size_t end, pact_tok_kind *kind) {
    group g[4];
    size_t ng = 0, p = i;
    while (ng < 4) {
        group *x = &g[ng];
        x->start = p;
        x->value = 0;
        x->sep = ng ? t[p - 1] : 0;
        while (p < end && is_digit(t[p])) {
            if (x->value < 100000000u) x->value = x->value * 10 + (unsigned)(t[p] - '0');
            p++;
        }
        x->end = p;
        ng++;
        if (p + 1 < end && strchr("./-,", t[p]) && is_digit(t[p + 1]) &&
            (ng == 1 || t[p] == g[1].sep || (t[p] == ',' && g[1].sep == '.')))
            p++;
        else
            break;
    }
    *kind = PACT_TOK_NUMBER;
    char sep = ng > 1 ? g[1].sep : 0;
    if (ng == 1) return g[0].end;
    if (sep == '/' || sep == '.' || sep == '-') {
        bool date = false;
        if (ng == 3 && g[2].sep == sep)
            date = valid_day(&g[0]) && valid_month(&g[1]) &&
                   (valid_year(&g[2]) || (sep == '/' && g[2].end - g[2].start == 2));
        else if (ng == 2)
            date = (valid_month(&g[0]) && valid_year(&g[1])) ||
                   (sep != '-' && valid_day(&g[0]) && valid_month(&g[1]));
        if (date) {
            *kind = PACT_TOK_DATE;
            return g[ng - 1].end;
        }
        if (sep != '.') return g[0].end;
    }
    /* 1.000, 1.000.000, 3,5, 1.000,5, 3.14 */
    size_t last = 1;
    while (last < ng && (g[last].sep == '.' || g[last].sep == ',')) last++;
    return g[last - 1].end;
}

size_t pact_tokenize(const char *text, size_t start, size_t end, pact_token **out) {
    size_t n = 0, cap = 16;
    *out = pact__xmalloc(cap * sizeof **out);
    size_t i = start;
    while (i < end) {
        unsigned char c = (unsigned char)text[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            i++;
            continue;
        }
        pact_token tok = {i, i + 1, PACT_TOK_PUNCT, 0};
        if (is_digit((char)c)) {
            tok.end = number_at(text, i, end, &tok.kind);
        } else if (pact__word_starts(text, end, i)) {
            size_t j = i;
            bool first = true, all_upper = true;
            while (j < end) {
                size_t adv = 1;
                int32_t cp = (unsigned char)text[j];
                if (cp >= 0x80) cp = pact__utf8_next(text + j, end - j, &adv);
                if (cp < 0) break;
                bool digit = cp < 0x80 && is_digit((char)cp);
                pact__chclass cl = digit ? PACT__CH_OTHER : pact__char_class(cp);
                if (cl == PACT__CH_LETTER) {
                    bool up = pact__is_upper(cp);
                    if (first && up) tok.flags |= PACT_TOK_CAP;
                    if (!up) all_upper = false;
                    first = false;
                } else if (!(cl == PACT__CH_MARK || cl == PACT__CH_IGNORABLE ||
                             (digit && !first))) {
                    break;
                }
                j += adv;
            }
            if (j == i) j = i + 1;
            tok.end = j;
            tok.kind = PACT_TOK_WORD;
            if (all_upper && !first) tok.flags |= PACT_TOK_UPPER;
        } else if (c >= 0x80) {
            size_t adv;
            if (pact__utf8_next(text + i, end - i, &adv) < 0) adv = 1;
            tok.end = i + adv;
        }
        if (n == cap) *out = pact__xrealloc(*out, (cap *= 2) * sizeof **out);
        (*out)[n++] = tok;
        i = tok.end;
    }
    return n;
}
