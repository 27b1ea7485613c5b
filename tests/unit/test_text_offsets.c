/* The offset map of normalisation: every normalised span converts back to the
 * original bytes, also where normalisation changes lengths. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "text/text.h"

static pact_norm norm(const char *s, size_t base) {
    pact_norm n;
    int rc = pact_text_normalize(s, strlen(s), base, &n, NULL);
    CHECK(rc == PACT_OK);
    return n;
}

/* Normalising the original bytes of a normalised span gives that span back. */
static bool span_ok(const char *in, size_t base, const pact_norm *n, size_t s, size_t e) {
    size_t os = pact_omap_start(&n->map, s) - base, oe = pact_omap_end(&n->map, e) - base;
    if (os > oe || oe > strlen(in)) return false;
    pact_norm again;
    if (pact_text_normalize(in + os, oe - os, 0, &again, NULL)) return false;
    bool ok = again.len == e - s && memcmp(again.text, n->text + s, e - s) == 0;
    if (!ok)
        fprintf(stderr, "  span [%zu,%zu) '%.*s' -> orig [%zu,%zu) -> '%s'\n", s, e, (int)(e - s), n->text + s, os,
                oe, again.text);
    pact_norm_free(&again);
    return ok;
}

/* Every pair of token boundaries, and the map is monotonic. */
static void all_spans_ok(const char *in, size_t base) {
    pact_norm n = norm(in, base);
    pact_token *t;
    size_t nt = pact_tokenize(n.text, 0, n.len, &t);
    for (size_t a = 0; a < nt; a++)
        for (size_t b = a; b < nt; b++) CHECK(span_ok(in, base, &n, t[a].start, t[b].end));
    size_t prev = 0;
    for (size_t i = 0; i <= n.len; i++) {
        size_t s = pact_omap_start(&n.map, i), e = pact_omap_end(&n.map, i);
        CHECK(s >= prev);
        CHECK(s >= base && e <= base + strlen(in));
        prev = s;
    }
    free(t);
    pact_norm_free(&n);
}

int main(void) {
    /* a decomposed tone: the word maps as a whole */
    pact_norm n = norm("ho\xCC\x80" "a b", 100);
    CHECK_STR(n.text, "hòa b");
    CHECK(pact_omap_start(&n.map, 0) == 100);
    CHECK(pact_omap_end(&n.map, 4) == 105);
    CHECK(pact_omap_start(&n.map, 5) == 106);
    CHECK(pact_omap_end(&n.map, 6) == 107);
    pact_norm_free(&n);

    /* NBSP, 2 bytes, becomes one space */
    n = norm("H\xC3\xA0\xC2\xA0N\xE1\xBB\x99i", 1000);
    CHECK_STR(n.text, "Hà Nội");
    CHECK(pact_omap_start(&n.map, 3) == 1003);
    CHECK(pact_omap_end(&n.map, 4) == 1005);
    CHECK(pact_omap_start(&n.map, 4) == 1005);
    CHECK(pact_omap_end(&n.map, n.len) == 1010);
    pact_norm_free(&n);

    /* zero-width characters removed, runs of space collapsed */
    const char *zw = "NATO \xE2\x80\x8B\xE2\x80\x8B M\xE1\xBB\xB9";
    n = norm(zw, 0);
    CHECK_STR(n.text, "NATO Mỹ");
    CHECK(pact_omap_start(&n.map, 4) == 4);
    CHECK(pact_omap_end(&n.map, 5) == 12);
    CHECK(pact_omap_start(&n.map, 5) == 12);
    CHECK(pact_omap_end(&n.map, n.len) == strlen(zw));
    pact_norm_free(&n);

    /* repaired dots: the word's span covers them */
    const char *dots = "\xC4\x91.e d\xE1\xBB\x8D.a";  /* đ.e dọ.a */
    n = norm(dots, 7);
    CHECK_STR(n.text, "đe dọa");
    CHECK(pact_omap_start(&n.map, 0) == 7);
    CHECK(pact_omap_end(&n.map, 3) == 7 + 4);
    CHECK(pact_omap_start(&n.map, 4) == 7 + 5);
    CHECK(pact_omap_end(&n.map, n.len) == 7 + strlen(dots));
    pact_norm_free(&n);

    /* a dash mapped to '-' */
    n = norm("M\xE1\xBB\xB9 \xE2\x80\x93 Nh\xE1\xBA\xADt", 0);
    CHECK_STR(n.text, "Mỹ - Nhật");
    CHECK(pact_omap_start(&n.map, 5) == 5);
    CHECK(pact_omap_end(&n.map, 6) == 8);
    CHECK(pact_omap_start(&n.map, 7) == 9);
    pact_norm_free(&n);

    /* invalid UTF-8: U+FFFD (3 bytes) for 1 byte, with a warning */
    pact_diag d;
    pact_diag_init(&d, "test");
    d.quiet = true;
    pact_norm m;
    CHECK(pact_text_normalize("a\xFF" "b", 3, 50, &m, &d) == PACT_OK);
    CHECK_STR(m.text, "a\xEF\xBF\xBD" "b");
    CHECK(d.warnings == 1);
    CHECK(pact_omap_start(&m.map, 1) == 51);
    CHECK(pact_omap_end(&m.map, 4) == 52);
    CHECK(pact_omap_start(&m.map, 4) == 52);
    pact_norm_free(&m);

    /* leading and trailing space are dropped but counted */
    n = norm(" \t\xC2\xA0H\xC3\xA0  \n", 0);
    CHECK_STR(n.text, "Hà");
    CHECK(pact_omap_start(&n.map, 0) == 4);
    CHECK(pact_omap_end(&n.map, n.len) == 7);
    pact_norm_free(&n);

    /* empty and all-space input */
    n = norm("", 0);
    CHECK(n.len == 0 && n.text && n.text[0] == '\0');
    pact_norm_free(&n);
    n = norm(" \xE2\x80\x8B ", 0);
    CHECK(n.len == 0);
    pact_norm_free(&n);

    /* every token span of mixed text */
    all_spans_ok("Theo th\xE1\xBB\x8F" "a thu\xE1\xBA\xADn, Nga \xC4\x91.e d\xE1\xBB\x8D.a "
                 "\xE2\x80\x9CM\xE1\xBB\xB9 \xE2\x80\x94 Nh\xE1\xBA\xADt\xE2\x80\x9D\xC2\xA0ng\xC3\xA0y 31.5.2024, "
                 "ho\xCC\x80" "a b\xC3\xAC" "nh\xE2\x80\x8B; t.\xE1\xBA\xA5n c.\xC3\xB4ng\t\xFF" "3,5%", 0);
    all_spans_ok("Thu\xE1\xBB\xB5 \xC4\x90i\xE1\xBB\x83n  kho\xE1\xBA\xBB \xEF\xBB\xBF TP.HCM nato.int "
                 "N\xC2\xAD" "A\xE2\x80\x8D" "TO", 12345);

    /* a long input keeps its map exact at every token */
    pact_buf big;
    pact_buf_init(&big, 0);
    for (int i = 0; i < 200; i++)
        CHECK(pact_buf_puts(&big, "Ho\xCC\x80" "a\xC2\xA0\xC4\x91.e d\xE1\xBB\x8D.a \xE2\x80\x93 ") == PACT_OK);
    n = norm(big.ptr, 0);
    pact_token *t;
    size_t nt = pact_tokenize(n.text, 0, n.len, &t);
    for (size_t k = 0; k < nt; k++) CHECK(span_ok(big.ptr, 0, &n, t[k].start, t[k].end));
    free(t);
    pact_norm_free(&n);
    pact_buf_free(&big);
    return check_done();
}
