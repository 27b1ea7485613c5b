/* Random text built from the pieces that make normalisation hard (combining
 * marks, dots, no-break and zero-width spaces, quotes, dashes, digits,
 * invalid bytes), with a fixed seed. For each: the output is valid UTF-8
 * without double or edge spaces, normalising again changes nothing, the map
 * is monotonic and inside the input, and every sentence and token span maps
 * back to bytes that normalise to the same text. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "text/text.h"

static const char *const PIECES[] = {
    "a", "o", "u", "y", "i", "e", "q", "g", "h", "t", "n", "đ", "Đ", "A", "TP", "HCM", "D", "C",
    "\xCC\x80", "\xCC\x81", "\xCC\x89", "\xCC\x83", "\xCC\xA3", "\xCC\x82", "\xCC\x86", "\xCC\x9B",
    "\xCC\x88", "ơ", "ư", "â", "ỏ", "ạ", "ờ", "ễ", "hoà", "thuỵ", "khoẻ", "Thoả", "người",
    ".", ".", ".", ",", "!", "?", "…", " ", " ", " ", "\t", "\n", "\xC2\xA0", "\xE2\x80\x8B",
    "\xC2\xAD", "\xEF\xBB\xBF", "\xE2\x80\x93", "\xE2\x80\x94", "-", "\xE2\x80\x9C", "\xE2\x80\x9D",
    "\"", "«", "»", "(", ")", "0", "1", "2", "31", "/", "%", "\xFF", "\xC3", "\xE1\xBB", "@",
    "\xE2\x84\xAB", "Москва", "北", "\xCD\xBE",
};
#define NPIECES (sizeof PIECES / sizeof *PIECES)

static unsigned long long rng = 0x9E3779B97F4A7C15ull;
static unsigned next(void) {
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng >> 11);
}

static bool renorm_equal(const char *in, const pact_norm *n, size_t s, size_t e) {
    size_t os = pact_omap_start(&n->map, s), oe = pact_omap_end(&n->map, e);
    if (os > oe || oe > strlen(in)) return false;
    pact_norm a;
    if (pact_text_normalize(in + os, oe - os, 0, &a, NULL)) return false;
    bool ok = a.len == e - s && memcmp(a.text, n->text + s, e - s) == 0;
    if (!ok) fprintf(stderr, "  [%zu,%zu) '%.*s' vs '%s'\n", s, e, (int)(e - s), n->text + s, a.text);
    pact_norm_free(&a);
    return ok;
}

int main(void) {
    pact_buf in;
    pact_buf_init(&in, 0);
    int bad_map = 0, bad_text = 0, bad_spans = 0, bad_idem = 0;
    for (int round = 0; round < 3000; round++) {
        pact_buf_truncate(&in, 0);
        int k = 1 + (int)(next() % 40);
        for (int i = 0; i < k; i++) CHECK(pact_buf_puts(&in, PIECES[next() % NPIECES]) == 0);
        pact_norm n;
        CHECK(pact_text_normalize(in.ptr, in.len, 0, &n, NULL) == PACT_OK);
        if (!pact_utf8_valid(n.text, n.len) || strlen(n.text) != n.len || strstr(n.text, "  ") ||
            (n.len && (n.text[0] == ' ' || n.text[n.len - 1] == ' ')) || strchr(n.text, '\t') ||
            strchr(n.text, '\n') || strstr(n.text, "\xE2\x80\x8B") || strstr(n.text, "\xC2\xA0")) {
            if (bad_text < 3) {
                fprintf(stderr, "  bad text:");
                for (size_t b = 0; b < n.len; b++) fprintf(stderr, " %02x", (unsigned char)n.text[b]);
                fprintf(stderr, "\n");
            }
            bad_text++;
        }
        size_t prev = 0;
        for (size_t t = 0; t <= n.len; t++) {
            size_t s = pact_omap_start(&n.map, t);
            if (s < prev || s > in.len || pact_omap_end(&n.map, t) > in.len) bad_map++;
            prev = s;
        }
        pact_norm twice;
        CHECK(pact_text_normalize(n.text, n.len, 0, &twice, NULL) == PACT_OK);
        if (strcmp(twice.text, n.text)) {
            bad_idem++;
            if (bad_idem < 3) {
                fprintf(stderr, "  not idempotent:");
                for (size_t b = 0; b < n.len; b++) fprintf(stderr, " %02x", (unsigned char)n.text[b]);
                fprintf(stderr, "\n  ->             ");
                for (size_t b = 0; b < twice.len; b++) fprintf(stderr, " %02x", (unsigned char)twice.text[b]);
                fprintf(stderr, "\n");
            }
        }
        pact_norm_free(&twice);
        /* the display text is stable too */
        pact_norm d1, d2;
        CHECK(pact_text_display(in.ptr, in.len, 0, &d1, NULL) == PACT_OK);
        CHECK(pact_text_display(d1.text, d1.len, 0, &d2, NULL) == PACT_OK);
        if (strcmp(d1.text, d2.text) || !pact_utf8_valid(d1.text, d1.len)) bad_idem++;
        pact_norm_free(&d1);
        pact_norm_free(&d2);
        pact_range *r;
        size_t ns = pact_sentences_split(n.text, n.len, &r);
        for (size_t s = 0; s < ns; s++) {
            if (!renorm_equal(in.ptr, &n, r[s].start, r[s].end)) bad_spans++;
            pact_token *t;
            size_t nt = pact_tokenize(n.text, r[s].start, r[s].end, &t);
            for (size_t x = 0; x < nt; x++) {
                if (t[x].start >= t[x].end || t[x].end > r[s].end) bad_spans++;
                pact_buf f;
                pact_buf_init(&f, 0);
                pact_text_fold(n.text + t[x].start, t[x].end - t[x].start, &f);
                pact_text_fold_ascii(n.text + t[x].start, t[x].end - t[x].start, &f);
                if (f.len && !pact_utf8_valid(f.ptr, f.len)) {
                    if (bad_text < 3) {
                        fprintf(stderr, "  bad fold of");
                        for (size_t b = t[x].start; b < t[x].end; b++) fprintf(stderr, " %02x", (unsigned char)n.text[b]);
                        fprintf(stderr, ":");
                        for (size_t b = 0; b < f.len; b++) fprintf(stderr, " %02x", (unsigned char)f.ptr[b]);
                        fprintf(stderr, "\n");
                    }
                    bad_text++;
                }
                pact_buf_free(&f);
            }
            free(t);
        }
        free(r);
        pact_norm_free(&n);
    }
    CHECK(bad_text == 0);
    CHECK(bad_map == 0);
    CHECK(bad_idem == 0);
    CHECK(bad_spans == 0);
    fprintf(stderr, "bad text %d, map %d, idempotence %d, spans %d\n", bad_text, bad_map, bad_idem, bad_spans);
    pact_buf_free(&in);
    return check_done();
}
