/*
 * Normalisation of one block of text, keeping the map back to its bytes:
 *   - invalid UTF-8 becomes U+FFFD (with a warning naming the offset);
 *   - every white space (tab, newline, no-break and other Unicode spaces,
 *     control characters) becomes one ASCII space; runs collapse to one and
 *     leading and trailing space is dropped;
 *   - zero-width characters (ZWSP, ZWJ, ZWNJ, word joiner, BOM, soft hyphen,
 *     bidi controls) are removed;
 *   - dashes and minus signs (‐ ‑ ‒ – — ― −) become '-', so "Mỹ – Nhật" and
 *     "Mỹ - Nhật" read alike; quote marks are kept as written (their direction
 *     tells where a quotation opens and closes);
 *   - words are NFC with the canonical tone placement (tonemarks.c);
 *   - censor-dodging dots inside a syllable are removed (deobfuscate.c).
 * The work is one pass; ASCII and already-normal words are copied as they are.
 * pact_text_display does the same but keeps tone marks, dashes and dotted
 * words as written: the text a reader is shown (a title, body_text).
 */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "text/internal.h"

/* What pact_text_display keeps as written. */
#define KEEP_TONES  1u
#define KEEP_DASHES 2u
#define KEEP_DOTS   4u

typedef struct {
    unsigned keep;
    pact_buf out;
    pact_omap *map;
    size_t run_t, run_o;  /* out[run_t..] is a byte-for-byte copy of input from run_o */
    bool run_open;
    int err;
    /* input bytes copied but not yet appended: consecutive copies of the
     * input (most of a text) become one memcpy. The output is out + pend. */
    const char *pend;
    size_t npend;
} emitter;

static void append(emitter *e, const char *p, size_t n);

/* Length of the output so far, pending bytes included. */
static inline size_t olen(const emitter *e) { return e->out.len + e->npend; }

static void settle(emitter *e) {
    if (!e->npend) return;
    size_t n = e->npend;
    e->npend = 0;
    append(e, e->pend, n);
}

static void flush(emitter *e) {
    settle(e);
    if (e->run_open && e->out.len > e->run_t)
        pact_omap_push(e->map, e->run_t, e->out.len - e->run_t, e->run_o, e->out.len - e->run_t);
    e->run_open = false;
}

static void append(emitter *e, const char *p, size_t n) {
    pact_buf *b = &e->out;
    if (b->len + n < b->cap) {
        /* the common case: room reserved up front */
        memcpy(b->ptr + b->len, p, n);
        b->len += n;
        b->ptr[b->len] = '\0';
        return;
    }
    int rc = pact_buf_append(b, p, n);
    if (rc && !e->err) e->err = rc;
}

/* Output that is the input bytes at original offset o; p points at them in
 * the input (it must stay valid until the end: pending bytes are read later). */
static void copy(emitter *e, size_t o, const char *p, size_t n) {
    if (e->run_open && e->run_o + (olen(e) - e->run_t) != o) flush(e);
    if (!e->run_open) {
        e->run_open = true;
        e->run_t = olen(e);
        e->run_o = o;
    }
    if (e->npend && e->pend + e->npend == p) {
        e->npend += n;
        return;
    }
    settle(e);
    e->pend = p;
    e->npend = n;
}

/* Output p[0..n) that replaces the original bytes [o, o + on). */
static void mapped(emitter *e, size_t o, size_t on, const char *p, size_t n) {
    flush(e);
    pact_omap_push(e->map, e->out.len, n, o, on);
    append(e, p, n);
}

/* NFC of s[0..n) with default-ignorables removed, by utf8proc; appends to dst. */
static void nfc_generic(const char *s, size_t n, pact_buf *dst) {
    int32_t stack[256];
    int32_t *buf = stack;
    utf8proc_option_t opt = UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_IGNORE;
    utf8proc_ssize_t r = utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n,
                                            buf, 256, opt);
    if (r > 256) {
        buf = pact__xmalloc((size_t)r * sizeof *buf);
        r = utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, buf, r, opt);
    }
    if (r >= 0) r = utf8proc_reencode(buf, r, opt);
    if (r >= 0) {
        if (pact_buf_append(dst, buf, (size_t)r)) { /* over the cap: keep as is */ }
    } else if (pact_buf_append(dst, s, n)) {
    }
    if (buf != stack) free(buf);
}

/* Canonical form of the word s[0..n) into out (room for 4 * PACT__WORD_MAX);
 * dots allowed (a repaired chain). Returns the length, or SIZE_MAX when the
 * word needs generic NFC. */
static size_t canonical_word(const char *s, size_t n, bool dots, bool tones, char *out) {
    pact__letter L[PACT__WORD_MAX];
    size_t nl, splits[PACT__WORD_MAX], ns;
    if (!pact__word_decode(s, n, L, &nl, dots ? splits : NULL, &ns)) return SIZE_MAX;
    if (tones) pact__tone_place(L, nl);
    return pact__word_encode(L, nl, false, out);
}

/* The letters of a word already decoded by pact__word_scan. */
typedef struct {
    pact__letter *L;
    size_t nl;
    bool ok, clean;
} decoded;

/* Emits the word in[i..j) (a dotted chain when dots). */
static void emit_word(emitter *e, const char *in, size_t i, size_t j, bool dots, size_t base,
                      pact_buf *scratch, decoded *dec) {
    char tmp[4 * PACT__WORD_MAX + 8];
    size_t n;
    bool tones = !(e->keep & KEEP_TONES);
    if (dec && dec->ok) {
        if (!(tones && pact__tone_place(dec->L, dec->nl)) && dec->clean) {
            /* precomposed and canonical already: the input is the output */
            copy(e, base + i, in + i, j - i);
            return;
        }
        n = pact__word_encode(dec->L, dec->nl, false, tmp);
    } else if (dec) {
        n = SIZE_MAX;
    } else {
        n = canonical_word(in + i, j - i, dots, tones, tmp);
    }
    const char *w = tmp;
    if (n == SIZE_MAX) {
        pact_buf_truncate(scratch, 0);
        nfc_generic(in + i, j - i, scratch);
        n = canonical_word(scratch->ptr ? scratch->ptr : "", scratch->len, false, tones, tmp);
        if (n == SIZE_MAX) {
            w = scratch->ptr ? scratch->ptr : "";
            n = scratch->len;
        }
    }
    if (n == j - i && memcmp(w, in + i, n) == 0) {
        copy(e, base + i, in + i, n); /* the same bytes, in the input */
        return;
    }
    if (dots) {
        /* the word is the input without its dots: map each part on its own */
        size_t p = i, q = 0;
        bool same = true;
        while (p < j && same) {
            size_t d = p;
            while (d < j && in[d] != '.') d++;
            if (q + (d - p) > n || memcmp(w + q, in + p, d - p) != 0) same = false;
            q += d - p;
            p = d + 1;
        }
        if (same && q == n) {
            for (p = i; p < j;) {
                size_t d = p;
                while (d < j && in[d] != '.') d++;
                copy(e, base + p, in + p, d - p);
                p = d + 1;
            }
            return;
        }
    }
    mapped(e, base + i, j - i, w, n);
}

static int normalize(const char *in, size_t len, size_t base, pact_norm *out, pact_diag *d, unsigned keep) {
    emitter e;
    memset(&e, 0, sizeof e);
    e.keep = keep;
    pact_buf_init(&e.out, 0);
    pact_omap_init(&out->map);
    e.map = &out->map;
    /* room for the usual case (output no longer than input), and a text that
     * is never NULL */
    if (pact_buf_append(&e.out, in, len) == PACT_OK) pact_buf_truncate(&e.out, 0);
    else if (pact_buf_append(&e.out, "", 0)) {
    }
    pact_buf scratch;
    pact_buf_init(&scratch, 0);

    bool ws = false;        /* white space seen since the last output */
    size_t ws_o = 0, ws_e = 0;
    size_t i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)in[i];
        size_t adv = 1;
        int32_t cp = c;
        pact__chclass cl;
        if (c < 0x80) {
            if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') cl = PACT__CH_LETTER;
            else if (c <= 0x20 || c == 0x7F) cl = PACT__CH_SPACE;
            else cl = PACT__CH_OTHER;
        } else {
            cp = pact__utf8_next(in + i, len - i, &adv);
            cl = cp < 0 ? PACT__CH_OTHER : pact__char_class(cp);
        }
        if (cl == PACT__CH_SPACE) {
            if (!ws) ws_o = i;
            ws = true;
            i += adv;
            ws_e = i;
            continue;
        }
        if (cl == PACT__CH_IGNORABLE) {
            i += adv;
            if (ws) ws_e = i;
            continue;
        }
        if (ws) {
            if (olen(&e)) {
                if (ws_e - ws_o == 1 && in[ws_o] == ' ') copy(&e, base + ws_o, in + ws_o, 1);
                else mapped(&e, base + ws_o, ws_e - ws_o, " ", 1);
            }
            ws = false;
        }
        if (cl == PACT__CH_LETTER || cl == PACT__CH_MARK) {
            size_t j = i;
            while (j < len && (unsigned)(((unsigned char)in[j] | 0x20) - 'a') < 26u) j++;
            /* a word that goes on past its ASCII letters (a Vietnamese letter, a
             * mark, a zero-width character) is decoded in full */
            bool ascii = j > i && (j >= len || (unsigned char)in[j] < 0x80);
            pact__letter L[PACT__WORD_MAX];
            decoded dec = {L, 0, true, true};
            if (!ascii) j = pact__word_scan(in, len, i, L, &dec.nl, &dec.ok, &dec.clean);
            size_t k = j < len && in[j] == '.' && !(keep & KEEP_DOTS) ? pact__dodge_end(in, len, i, j) : 0;
            if (k) {
                emit_word(&e, in, i, k, true, base, &scratch, NULL);
                i = k;
            } else if (ascii) {
                copy(&e, base + i, in + i, j - i);
                i = j;
            } else {
                emit_word(&e, in, i, j, false, base, &scratch, &dec);
                i = j;
            }
            continue;
        }
        if (c < 0x80) {
            /* a run of ASCII digits and punctuation */
            size_t j = i + 1;
            while (j < len && (unsigned char)in[j] > 0x20 && (unsigned char)in[j] < 0x7F &&
                   (unsigned)(((unsigned char)in[j] | 0x20) - 'a') > (unsigned)('z' - 'a'))
                j++;
            copy(&e, base + i, in + i, j - i);
            i = j;
            continue;
        }
        if (cp < 0) {
            mapped(&e, base + i, 1, "\xEF\xBF\xBD", 3);
            pact_warn(d, base + i, "invalid UTF-8 byte 0x%02X replaced by U+FFFD", c);
            i += 1;
            continue;
        }
        if (cl == PACT__CH_DASH && !(keep & KEEP_DASHES)) {
            mapped(&e, base + i, adv, "-", 1);
            i += adv;
            continue;
        }
        const utf8proc_property_t *p = utf8proc_get_property(cp);
        if (p->decomp_seqindex != UINT16_MAX && !p->decomp_type) {
            /* a symbol NFC changes (U+037E GREEK QUESTION MARK is ';') */
            pact_buf_truncate(&scratch, 0);
            nfc_generic(in + i, adv, &scratch);
            if (scratch.len == adv && memcmp(scratch.ptr, in + i, adv) == 0) copy(&e, base + i, in + i, adv);
            else mapped(&e, base + i, adv, scratch.ptr ? scratch.ptr : "", scratch.len);
        } else {
            copy(&e, base + i, in + i, adv);
        }
        i += adv;
    }
    flush(&e);
    pact_buf_free(&scratch);
    if (e.err) {
        pact_buf_free(&e.out);
        pact_omap_free(&out->map);
        out->text = NULL;
        out->len = 0;
        return e.err;
    }
    out->text = pact_buf_detach(&e.out, &out->len);
    return PACT_OK;
}

int pact_text_normalize(const char *in, size_t len, size_t base, pact_norm *out, pact_diag *d) {
    return normalize(in, len, base, out, d, 0);
}

int pact_text_display(const char *in, size_t len, size_t base, pact_norm *out, pact_diag *d) {
    return normalize(in, len, base, out, d, KEEP_TONES | KEEP_DASHES | KEEP_DOTS);
}

void pact_norm_free(pact_norm *n) {
    free(n->text);
    n->text = NULL;
    n->len = 0;
    pact_omap_free(&n->map);
}
