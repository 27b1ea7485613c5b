/* Pathological inputs for the text layer, each with a time bound: nothing may
 * take more than linear-ish time (cmark's pathological tests). */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"
#include "text/text.h"

#define SIZE ((size_t)1 << 20)
#define LIMIT_SECONDS 5.0  /* generous: the tests run under ASan */

static char *repeat(const char *unit, size_t total, size_t *len) {
    size_t u = strlen(unit), n = total / u;
    char *s = malloc(n * u + 1);
    for (size_t i = 0; i < n; i++) memcpy(s + i * u, unit, u);
    s[n * u] = '\0';
    *len = n * u;
    return s;
}

static void run(const char *name, const char *unit) {
    size_t len;
    char *s = repeat(unit, SIZE, &len);
    clock_t c0 = clock();
    pact_norm n;
    CHECK(pact_text_normalize(s, len, 0, &n, NULL) == PACT_OK);
    pact_range *r;
    size_t ns = pact_sentences_split(n.text, n.len, &r);
    size_t ntok = 0;
    for (size_t i = 0; i < ns; i++) {
        pact_token *t;
        ntok += pact_tokenize(n.text, r[i].start, r[i].end, &t);
        free(t);
    }
    pact_buf b;
    pact_buf_init(&b, 0);
    pact_text_fold(n.text, n.len, &b);
    pact_text_fold_ascii(n.text, n.len, &b);
    double secs = (double)(clock() - c0) / CLOCKS_PER_SEC;
    fprintf(stderr, "%-28s %7zu bytes -> %7zu, %6zu sentences, %7zu tokens: %.2f s\n", name, len, n.len, ns,
            ntok, secs);
    CHECK(secs < LIMIT_SECONDS);
    /* the map still covers the text */
    CHECK(n.len == 0 || pact_omap_end(&n.map, n.len) <= len);
    pact_buf_free(&b);
    free(r);
    pact_norm_free(&n);
    free(s);
}

int main(void) {
    run("opening quotes", "\xE2\x80\x9C");
    run("closing quotes", "\xE2\x80\x9D");
    run("straight quotes", "\" ");
    run("quote pairs with stops", "\xE2\x80\x9C" "A. B.\xE2\x80\x9D ");
    run("dotted letters", "a.");
    run("dodge chains", "\xC4\x91.e.");
    run("initials", "A. ");
    run("dots", ".");
    run("ellipses", "\xE2\x80\xA6 ");
    run("combining marks", "\xCC\x81");
    run("one long word", "\xE1\xBB\x87");
    run("one long ascii word", "a");
    run("zero-width", "\xE2\x80\x8B");
    run("spaces", " \xC2\xA0\t");
    run("dashes", "\xE2\x80\x93");
    run("numbers", "1.1.");
    run("invalid bytes", "\xFF");
    run("truncated sequences", "\xE1\xBB");
    run("abbreviations", "TP. ");
    run("mixed", "Thoả thuận \xE2\x80\x9C" "đ.e dọ.a\xE2\x80\x9D ngày 31.5.2024. ");
    return check_done();
}
