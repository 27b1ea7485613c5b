/* The text layer on arbitrary bytes: pact_text_normalize (and _display), then
 * sentences and tokens. The normalised text is valid UTF-8 with no NUL, every
 * sentence and token is an in-bounds range of it on character boundaries, and
 * every range maps back to an in-bounds, ordered range of the input. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "text/text.h"

static void check_norm(const pact_norm *n, size_t base, size_t len) {
    FUZZ_CHECK(n->text != NULL);
    FUZZ_CHECK(n->text[n->len] == '\0');
    FUZZ_CHECK(strlen(n->text) == n->len);
    FUZZ_CHECK(pact_utf8_valid(n->text, n->len));
    fuzz_check_omap(&n->map, n->len, base, base + len);
    /* an empty text has no range to map (and an empty map is the identity) */
    if (n->map.n == 0) {
        FUZZ_CHECK(n->len == 0);
        return;
    }
    /* every character boundary maps monotonically */
    size_t prev = base;
    for (size_t t = 0; t <= n->len; t++) {
        if (t < n->len && ((unsigned char)n->text[t] & 0xC0) == 0x80) continue;
        size_t o = pact_omap_start(&n->map, t);
        FUZZ_CHECK(o >= prev && o <= base + len);
        prev = o;
        fuzz_check_range(&n->map, t, t, base, base + len);
    }
}

static bool boundary(const char *s, size_t len, size_t at) {
    return at == len || ((unsigned char)s[at] & 0xC0) != 0x80;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *in = (const char *)data;
    size_t base = size ? data[0] : 0; /* a nonzero base, as for a block inside a file */
    pact_diag d;
    fuzz_quiet_diag(&d);
    pact_norm n;
    if (pact_text_normalize(in, size, base, &n, &d) != PACT_OK) return 0;
    check_norm(&n, base, size);

    pact_range *r = NULL;
    size_t ns = pact_sentences_split(n.text, n.len, &r);
    size_t prev_end = 0;
    for (size_t i = 0; i < ns; i++) {
        FUZZ_CHECK(r[i].start <= r[i].end && r[i].end <= n.len);
        FUZZ_CHECK(r[i].start >= prev_end);
        FUZZ_CHECK(boundary(n.text, n.len, r[i].start) && boundary(n.text, n.len, r[i].end));
        prev_end = r[i].end;
        fuzz_check_range(&n.map, r[i].start, r[i].end, base, base + size);
        pact_token *t = NULL;
        size_t nt = pact_tokenize(n.text, r[i].start, r[i].end, &t);
        size_t prev_tok = r[i].start;
        for (size_t k = 0; k < nt; k++) {
            FUZZ_CHECK(t[k].start >= prev_tok);
            FUZZ_CHECK(t[k].start < t[k].end && t[k].end <= r[i].end);
            FUZZ_CHECK(boundary(n.text, n.len, t[k].start) && boundary(n.text, n.len, t[k].end));
            FUZZ_CHECK(t[k].kind <= PACT_TOK_PUNCT);
            prev_tok = t[k].end;
            fuzz_check_range(&n.map, t[k].start, t[k].end, base, base + size);
        }
        free(t);
    }
    free(r);

    pact_buf b;
    pact_buf_init(&b, 0);
    size_t fl = pact_text_fold(n.text, n.len, &b);
    FUZZ_CHECK(fl == b.len && pact_utf8_valid(b.ptr ? b.ptr : "", b.len));
    pact_buf_truncate(&b, 0);
    fl = pact_text_fold_ascii(n.text, n.len, &b);
    FUZZ_CHECK(fl == b.len && pact_utf8_valid(b.ptr ? b.ptr : "", b.len));
    pact_buf_free(&b);
    pact_norm_free(&n);

    pact_norm disp;
    if (pact_text_display(in, size, base, &disp, &d) == PACT_OK) {
        check_norm(&disp, base, size);
        pact_norm_free(&disp);
    }
    return 0;
}
