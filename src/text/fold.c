/*
 * Lookup keys: pact_text_fold (lower case, canonical tone marks, 'đ' kept) for
 * the lexicons, pact_text_fold_ascii (every diacritic stripped, 'đ' -> 'd')
 * for search without diacritics. They run on every token, so ASCII is copied
 * byte by byte and a Vietnamese word is decoded into a stack array: no
 * allocation beyond the output buffer's growth. White space becomes one
 * space, dashes '-', zero-width characters go, as in normalisation.
 */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "text/internal.h"
#include "text/vn_letters.h"

static const char ASCII_VOWEL[] = "aaaeeiooouuy";

static void put(pact_buf *out, const char *p, size_t n) {
    if (out->len + n < out->cap && out->len + n <= out->max) {
        /* room already: pact_buf_append without the call */
        memcpy(out->ptr + out->len, p, n);
        out->len += n;
        out->ptr[out->len] = '\0';
        return;
    }
    if (pact_buf_append(out, p, n)) { /* over the cap: the key is cut short */ }
}

/* One non-Vietnamese letter, folded. */
static void fold_other(int32_t cp, bool ascii, pact_buf *out) {
    int32_t buf[16];
    utf8proc_option_t opt = UTF8PROC_CASEFOLD | UTF8PROC_COMPOSE;
    if (ascii) opt = UTF8PROC_CASEFOLD | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK;
    int last = 0;
    utf8proc_ssize_t r = utf8proc_decompose_char(cp, buf, 16, opt, &last);
    if (r < 0 || r > 16) r = 0, buf[r++] = cp;
    if (!ascii) r = utf8proc_normalize_utf32(buf, r, opt);
    char tmp[8];
    for (utf8proc_ssize_t k = 0; k < r; k++) put(out, tmp, pact_utf8_encode(buf[k], tmp));
}

static void fold_letters(const pact__letter *L, size_t nl, bool ascii, pact_buf *out) {
    char tmp[4 * PACT__WORD_MAX + 8];
    if (!ascii) {
        put(out, tmp, pact__word_encode(L, nl, true, tmp));
        return;
    }
    size_t o = 0;
    for (size_t i = 0; i < nl; i++) {
        if (L[i].v) tmp[o++] = ASCII_VOWEL[L[i].v - 1];
        else if (L[i].cp < 0x80) tmp[o++] = (char)(L[i].cp | 0x20);
        else if (L[i].cp == 0x110 || L[i].cp == 0x111) tmp[o++] = 'd';
        else {
            put(out, tmp, o);
            o = 0;
            fold_other(L[i].cp, true, out);
        }
    }
    put(out, tmp, o);
}

/* A word that is not plain Vietnamese letters: NFC + case fold by utf8proc,
 * then folded letter by letter. */
static void fold_generic(const char *s, size_t n, bool ascii, pact_buf *out) {
    utf8proc_uint8_t *m = NULL;
    utf8proc_option_t opt = UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_IGNORE | UTF8PROC_CASEFOLD;
    if (ascii) opt |= UTF8PROC_STRIPMARK;
    utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &m, opt);
    if (r < 0) {
        put(out, s, n);
        return;
    }
    pact__letter L[PACT__WORD_MAX];
    size_t nl;
    if (pact__word_decode((const char *)m, (size_t)r, L, &nl, NULL, NULL)) {
        pact__tone_place(L, nl);
        fold_letters(L, nl, ascii, out);
    } else {
        put(out, (const char *)m, (size_t)r);
    }
    free(m);
}

static size_t fold(const char *s, size_t len, pact_buf *out, bool ascii) {
    size_t before = out->len, i = 0;
    bool space = false;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80 && !(c <= 0x20 || c == 0x7F)) {
            if (space) put(out, " ", 1), space = false;
            size_t j = i;
            char tmp[64];
            size_t o = 0;
            while (j < len && (unsigned char)s[j] > 0x20 && (unsigned char)s[j] < 0x7F && o < sizeof tmp) {
                char x = s[j];
                tmp[o++] = x >= 'A' && x <= 'Z' ? (char)(x | 0x20) : x;
                j++;
            }
            /* an ASCII run that goes on into a Vietnamese letter is one word */
            if (j < len && (unsigned char)s[j] >= 0x80 && pact__word_starts(s, len, j)) {
                size_t w = j;
                while (w > i && (unsigned)(((unsigned char)s[w - 1] | 0x20) - 'a') < 26u) w--;
                put(out, tmp, w - i);
                i = w;
                c = (unsigned char)s[i];
            } else {
                put(out, tmp, o);
                i = j;
                continue;
            }
        }
        size_t adv;
        int32_t cp = c < 0x80 ? c : pact__utf8_next(s + i, len - i, &adv);
        if (c < 0x80) adv = 1;
        if (cp < 0) {
            if (space) put(out, " ", 1), space = false;
            put(out, "\xEF\xBF\xBD", 3);
            i++;
            continue;
        }
        pact__chclass cl = pact__char_class(cp);
        if (cl == PACT__CH_SPACE) {
            space = out->len > before;
            i += adv;
            continue;
        }
        if (cl == PACT__CH_IGNORABLE) {
            i += adv;
            continue;
        }
        if (space) put(out, " ", 1), space = false;
        if (cl == PACT__CH_DASH) {
            put(out, "-", 1);
            i += adv;
            continue;
        }
        if (cl == PACT__CH_LETTER || cl == PACT__CH_MARK) {
            size_t j = pact__word_end(s, len, i);
            pact__letter L[PACT__WORD_MAX];
            size_t nl;
            if (pact__word_decode(s + i, j - i, L, &nl, NULL, NULL)) {
                pact__tone_place(L, nl);
                fold_letters(L, nl, ascii, out);
            } else {
                fold_generic(s + i, j - i, ascii, out);
            }
            i = j;
            continue;
        }
        put(out, s + i, adv);
        i += adv;
    }
    return out->len - before;
}

/* pact_text_fold of a short word made of printable ASCII and precomposed
 * Vietnamese letters (the usual syllable), in one pass: ASCII lower-cased,
 * each run of letters holding a Vietnamese one decoded, its tone placed and
 * encoded in lower case, as fold() does. False (out untouched) for anything
 * else, fold() then does the work. */
static bool fold_fast(const char *s, size_t len, pact_buf *out) {
    /* short words only: fold() copies ASCII in chunks of 64 bytes, and a
     * word of more than PACT__WORD_MAX letters is folded generically */
    if (len > 60) return false;
    char tmp[4 * PACT__WORD_MAX + 8];
    pact__letter L[PACT__WORD_MAX];
    size_t o = 0, i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80 && (unsigned)((c | 0x20) - 'a') >= 26u) {
            if (c <= 0x20 || c == 0x7F) return false;
            tmp[o++] = (char)c;
            i++;
            continue;
        }
        /* a run of letters: ASCII only is copied lower-cased; with a
         * Vietnamese letter, decoded and its tone placed */
        size_t j = i, nl = 0;
        bool vn = false;
        unsigned tones = 0, upper = 0;
        while (j < len) {
            unsigned char d = (unsigned char)s[j];
            pact__letter l = {d, 0, 0, 0};
            if (d < 0x80) {
                if ((unsigned)((d | 0x20) - 'a') >= 26u) break;
                l.v = PACT__ASCII_VOWEL[(d | 0x20) - 'a']; /* the letter is its own base */
                l.upper = d < 'a';
                j++;
            } else {
                size_t adv;
                int32_t cp = pact__utf8_next(s + j, len - j, &adv);
                unsigned code = vn_decode(cp);
                if (code) {
                    l.v = (uint8_t)(code >> 4);
                    l.tone = (uint8_t)((code >> 1) & 7);
                    l.upper = code & 1;
                    l.cp = vn_compose[l.v - 1][0][l.upper];
                } else if (cp == 0x110 || cp == 0x111) {
                    l.cp = cp;
                    l.upper = cp == 0x110;
                } else {
                    return false;
                }
                vn = true;
                j += adv;
            }
            if (nl == PACT__WORD_MAX) return false;
            tones += l.tone != 0;
            upper |= l.upper;
            L[nl++] = l;
        }
        if (vn) {
            /* pact__tone_place moves only a single tone mark; a lower-case
             * precomposed run it leaves alone is its own fold */
            bool moved = tones == 1 && pact__tone_place(L, nl);
            if (!moved && !upper) {
                memcpy(tmp + o, s + i, j - i);
                o += j - i;
            } else {
                o += pact__word_encode(L, nl, true, tmp + o);
            }
        } else {
            for (size_t k = i; k < j; k++) tmp[o++] = (char)(s[k] | 0x20);
        }
        i = j;
    }
    put(out, tmp, o);
    return true;
}

size_t pact_text_fold(const char *s, size_t len, pact_buf *out) {
    size_t before = out->len;
    if (fold_fast(s, len, out)) return out->len - before;
    return fold(s, len, out, false);
}

size_t pact_text_fold_ascii(const char *s, size_t len, pact_buf *out) { return fold(s, len, out, true); }
