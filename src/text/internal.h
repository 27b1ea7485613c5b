/*
 * Internal to the text layer: Vietnamese letters as (vowel, tone, case), the
 * syllable grammar, and the character classes the normaliser, the tokenizer
 * and the folds share.
 */
#ifndef PACT_TEXT_INTERNAL_H
#define PACT_TEXT_INTERNAL_H

#include <stdint.h>

#include "text/text.h"

/* Vowel ids: 1..12 = a ă â e ê i o ô ơ u ư y (0 = not a vowel). */
enum { VN_A = 1, VN_AW, VN_AA, VN_E, VN_EE, VN_I, VN_O, VN_OO, VN_OW, VN_U, VN_UW, VN_Y };

/* The vowel id of an ASCII letter, by (letter | 0x20) - 'a' (0: a consonant). */
static const uint8_t PACT__ASCII_VOWEL[26] = {VN_A, 0, 0, 0, VN_E, 0, 0, 0, VN_I, 0, 0, 0, 0,
                                              0, VN_O, 0, 0, 0, 0, 0, VN_U, 0, 0, 0, VN_Y, 0};

/* One letter of a word: a vowel as (v, tone) or any other letter as its code
 * point. Tones: 0 none, 1 huyền, 2 sắc, 3 hỏi, 4 ngã, 5 nặng. */
typedef struct {
    int32_t cp;     /* the letter as written (vowels: without its tone) */
    uint8_t v;
    uint8_t tone;
    uint8_t upper;
} pact__letter;

/* Longest letter run treated as a possible syllable; longer runs are only NFC'd. */
#define PACT__WORD_MAX 48

typedef enum {
    PACT__CH_OTHER,      /* punctuation, symbols, digits */
    PACT__CH_LETTER,
    PACT__CH_MARK,       /* combining mark */
    PACT__CH_SPACE,      /* any white space or control character */
    PACT__CH_IGNORABLE,  /* zero-width, soft hyphen, BOM, bidi controls: removed */
    PACT__CH_DASH,       /* dashes and minus signs: become '-' */
} pact__chclass;

pact__chclass pact__char_class(int32_t cp);

/* pact_utf8_decode with the common 1-3 byte sequences inline (len >= 1). */
static inline int32_t pact__utf8_next(const char *s, size_t len, size_t *adv) {
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] < 0x80) {
        *adv = 1;
        return u[0];
    }
    if (u[0] >= 0xC2 && u[0] <= 0xDF && len >= 2 && (u[1] & 0xC0) == 0x80) {
        *adv = 2;
        return (int32_t)((u[0] & 0x1Fu) << 6 | (u[1] & 0x3Fu));
    }
    if (u[0] >= 0xE1 && u[0] <= 0xEC && len >= 3 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80) {
        *adv = 3;
        return (int32_t)((u[0] & 0x0Fu) << 12 | (u[1] & 0x3Fu) << 6 | (u[2] & 0x3Fu));
    }
    return pact_utf8_decode(s, len, adv);
}
bool pact__is_upper(int32_t cp);

/* Decodes the word starting at s[i] up to its end (returned) into L; *ok is
 * false when the word needs generic NFC; *clean is true when it was written
 * with precomposed letters only (no combining or zero-width characters). */
size_t pact__word_scan(const char *s, size_t n, size_t i, pact__letter *L, size_t *nl, bool *ok,
                       bool *clean);
/* Decodes the word s[0..n) (letters, combining marks, ignorables; dots when
 * splits is non-NULL, recording the letter index after each) into L (room for
 * PACT__WORD_MAX). Returns false when the word needs generic NFC (an unknown
 * combining mark, too long, invalid UTF-8). */
bool pact__word_decode(const char *s, size_t n, pact__letter *L, size_t *nl,
                       size_t *splits, size_t *nsplits);
/* True when L is one Vietnamese syllable; sets its vowel nucleus [ns, ne). */
bool pact__syllable_parse(const pact__letter *L, size_t nl, size_t *ns, size_t *ne,
                          bool *has_final);
/* Moves a single tone mark to its canonical vowel (see tonemarks.c); true
 * when it moved. */
bool pact__tone_place(pact__letter *L, size_t nl);
/* Writes the letters as UTF-8 into out (room for 4 * nl); returns the length.
 * lower: lower-case every letter. */
size_t pact__word_encode(const pact__letter *L, size_t nl, bool lower, char *out);

/* For a word in[i..j) followed by '.', the end of the dotted chain when the
 * dots are censor-dodging dots inside one syllable ("đ.e", "t.ấn"), else 0. */
size_t pact__dodge_end(const char *in, size_t len, size_t i, size_t j);
/* End of the word starting at in[i] (letters, marks, ignorables). */
size_t pact__word_end(const char *in, size_t len, size_t i);
/* True when in[i..] starts with a letter or a combining mark. */
bool pact__word_starts(const char *in, size_t len, size_t i);
/* The offset after any zero-width characters at in[i]. */
size_t pact__skip_ignorable(const char *in, size_t len, size_t i);

#endif
