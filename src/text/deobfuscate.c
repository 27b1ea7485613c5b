/*
 * Repair of censor-dodging dots: writers break a sensitive word with a dot
 * inside the syllable so filters miss it ("đ.e dọ.a", "t.ấn c.ông"). A dotted
 * chain is such a dodge when, with the dots removed, it is ONE valid Vietnamese
 * syllable with at most one tone mark, and each part after a dot goes on in
 * lower case (or the chain is all upper case and has Vietnamese letters).
 * Abbreviations (TP.HCM, D.C, U.S.), initials ending in a dot (a.m.), numbers
 * and dates (3.5, 31.5.2024), and domain names or e-mail addresses
 * (nato.int, x@y.vn) never qualify: joined, they are not one syllable, or a
 * digit, '@' or '/' touches them.
 */
#include <string.h>

#include "text/internal.h"

#define CHAIN_MAX_PARTS 6

static bool touches_address(unsigned char c) {
    return (c >= '0' && c <= '9') || c == '@' || c == '/' || c == '\\' || c == '_' || c == ':' ||
           c == '.' || c == '&' || c == '=' || c == '%';
}

size_t pact__dodge_end(const char *in, size_t len, size_t i, size_t j) {
    size_t k = j, parts = 1;
    while (k + 1 < len && in[k] == '.' && parts < CHAIN_MAX_PARTS) {
        /* a zero-width character after the dot is removed anyway */
        size_t next = pact__skip_ignorable(in, len, k + 1);
        if (!pact__word_starts(in, len, next)) break;
        k = pact__word_end(in, len, next);
        parts++;
    }
    if (parts == 1) return 0;
    if (i > 0 && touches_address((unsigned char)in[i - 1])) return 0;
    if (k < len && touches_address((unsigned char)in[k])) {
        /* a sentence-final stop is fine; a dot that goes on is an address */
        if (in[k] != '.' || (k + 1 < len && in[k + 1] != ' ' && in[k + 1] != '\n' &&
                             in[k + 1] != '\t' && in[k + 1] != '\r'))
            return 0;
    }
    pact__letter L[PACT__WORD_MAX];
    size_t nl, splits[PACT__WORD_MAX], ns;
    if (!pact__word_decode(in + i, k - i, L, &nl, splits, &ns) || ns + 1 != parts) return 0;
    /* single letters each followed by a dot are initials: a.m., e.g. */
    if (k < len && in[k] == '.' && nl == parts) return 0;
    bool ascii = true, left_upper = true;
    unsigned tones = 0;
    for (size_t x = 0; x < nl; x++) {
        if (L[x].cp >= 0x80 || L[x].tone) ascii = false;
        if (L[x].tone) tones++;
    }
    if (tones > 1) return 0;
    for (size_t x = 0; x < splits[0]; x++)
        if (!L[x].upper) left_upper = false;
    for (size_t s = 0; s < ns; s++) {
        size_t at = splits[s];
        if (at >= nl || (s > 0 && at == splits[s - 1])) return 0;
        if (L[at].upper && !(left_upper && !ascii)) return 0;
        if (!L[at].upper && left_upper && splits[0] > 1) return 0;  /* "TP.hcm" */
    }
    size_t a, b;
    bool fin;
    if (!pact__syllable_parse(L, nl, &a, &b, &fin)) return 0;
    return k;
}
