/* Interim normaliser: sanitised UTF-8 only (the text layer replaces this). */
#include <stdlib.h>
#include <string.h>

#include "text/text.h"

int pact_text_normalize(const char *in, size_t len, size_t base, pact_norm *out, pact_diag *d) {
    pact_buf b;
    pact_buf_init(&b, 0);
    pact_omap_init(&out->map);
    pact_utf8_sanitize(in, len, base, &b, &out->map, d);
    out->text = pact_buf_detach(&b, &out->len);
    return PACT_OK;
}

void pact_norm_free(pact_norm *n) {
    free(n->text);
    n->text = NULL;
    pact_omap_free(&n->map);
}

size_t pact_sentences_split(const char *text, size_t len, pact_range **out) {
    size_t n = 0, cap = 8, start = 0;
    *out = pact__xmalloc(cap * sizeof **out);
    for (size_t i = 0; i <= len; i++) {
        bool cut = i == len || (text[i] == '.' && i + 1 < len && text[i + 1] == ' ');
        if (!cut) continue;
        size_t end = i < len ? i + 1 : len;
        while (start < end && text[start] == ' ') start++;
        if (end > start) {
            if (n == cap) *out = pact__xrealloc(*out, (cap *= 2) * sizeof **out);
            (*out)[n++] = (pact_range){start, end};
        }
        start = end;
    }
    return n;
}

size_t pact_tokenize(const char *text, size_t start, size_t end, pact_token **out) {
    size_t n = 0, cap = 16;
    *out = pact__xmalloc(cap * sizeof **out);
    size_t i = start;
    while (i < end) {
        while (i < end && text[i] == ' ') i++;
        size_t s = i;
        while (i < end && text[i] != ' ') i++;
        if (i > s) {
            if (n == cap) *out = pact__xrealloc(*out, (cap *= 2) * sizeof **out);
            (*out)[n++] = (pact_token){s, i, PACT_TOK_WORD, 0};
        }
    }
    return n;
}
