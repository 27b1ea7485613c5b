/*
 * The Vietnamese text layer: normalisation (NFC, one canonical tone-mark
 * placement, no-break and zero-width characters, dashes and quotes, repaired
 * censor-dodging dots), sentence splitting and syllable tokens. Every derived
 * offset maps back to the input through a pact_omap.
 */
#ifndef PACT_TEXT_H
#define PACT_TEXT_H

#include "util/util.h"

/* A normalised text and its map back to the bytes it was made from. */
typedef struct {
    char *text;     /* NUL-terminated, valid UTF-8, NFC */
    size_t len;
    pact_omap map;  /* text offsets -> input offsets (input as given, + base) */
} pact_norm;

/* Normalises in[0..len). Offsets in the map are base + position in `in`, so a
 * block read from a file at offset base maps straight to file offsets.
 * Invalid UTF-8 becomes U+FFFD with a warning through d (may be NULL).
 * The result is NFC with the traditional tone placement (hòa, thỏa, thụy,
 * khỏe: see tonemarks.c); every white space run is one ASCII space, none at
 * either end; zero-width characters are removed; dashes (– — − ...) are '-';
 * quote marks are kept; censor-dodging dots are removed ("đ.e" -> "đe").
 * Returns PACT_ETOOBIG only when the output would pass the buffer cap. */
PACT_WUR int pact_text_normalize(const char *in, size_t len, size_t base,
                                 pact_norm *out, pact_diag *d);
/* The text as a reader should see it (a record's title or body_text): like
 * pact_text_normalize (NFC, white space, zero-width characters, U+FFFD, the
 * same kind of map) but tone marks, dashes and dotted words stay as written,
 * so "Mỹ – Nhật – Hàn thoả thuận" is shown as the page wrote it. */
PACT_WUR int pact_text_display(const char *in, size_t len, size_t base, pact_norm *out,
                               pact_diag *d);
void pact_norm_free(pact_norm *n);

/* A [start, end) range of a normalised text. */
typedef struct {
    size_t start, end;
} pact_range;

/* Splits text into sentences; *out is malloc'd (free it). Returns the count.
 * Ranges exclude surrounding white space. Knows dates and numbers (31.5.2024,
 * 1.000), abbreviations (TP.HCM, PGS.TS., Mr.), initials, quotations and
 * ellipses; a text without a final stop is one sentence (see sentences.c). */
size_t pact_sentences_split(const char *text, size_t len, pact_range **out);

typedef enum {
    PACT_TOK_WORD,    /* a syllable or word of letters */
    PACT_TOK_NUMBER,  /* 3, 1.000, 3,5 */
    PACT_TOK_DATE,    /* 31.5.2024, 13/3, 12/07/2020, 9/2021, 7-2023 */
    PACT_TOK_PUNCT,   /* any other single symbol */
} pact_tok_kind;

#define PACT_TOK_CAP   1u  /* starts with an upper-case letter */
#define PACT_TOK_UPPER 2u  /* all letters upper case (NATO, AUKUS) */

typedef struct {
    size_t start, end;   /* in the normalised text */
    pact_tok_kind kind;
    unsigned flags;
} pact_token;

/* Tokenises text[start..end); *out is malloc'd. Returns the count. */
size_t pact_tokenize(const char *text, size_t start, size_t end, pact_token **out);

/* The lookup key of a piece of normalised text: lower case, canonical tone
 * marks, 'đ' kept. Appends to out; returns its length. */
size_t pact_text_fold(const char *s, size_t len, pact_buf *out);
/* Like pact_text_fold, and strips every diacritic too ('thỏa thuận' ->
 * 'thoa thuan', 'đ' -> 'd'): for diacritic-free search. */
size_t pact_text_fold_ascii(const char *s, size_t len, pact_buf *out);

#endif
