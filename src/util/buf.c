/* A growable byte buffer with a size cap (curl's dynbuf, cmark's strbuf). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

void pact_buf_init(pact_buf *b, size_t max) {
    b->ptr = NULL;
    b->len = b->cap = 0;
    b->max = max ? max : PACT_MAX_BUF_DEFAULT;
}

static int grow(pact_buf *b, size_t extra) {
    if (extra > b->max || b->len > b->max - extra) return PACT_ETOOBIG;
    size_t need = b->len + extra + 1;
    if (need <= b->cap) return PACT_OK;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need) cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    b->ptr = pact__xrealloc(b->ptr, cap);
    b->cap = cap;
    return PACT_OK;
}

int pact_buf_append(pact_buf *b, const void *p, size_t n) {
    int rc = grow(b, n);
    if (rc) return rc;
    if (n) memcpy(b->ptr + b->len, p, n);
    b->len += n;
    b->ptr[b->len] = '\0';
    return PACT_OK;
}

int pact_buf_puts(pact_buf *b, const char *s) { return pact_buf_append(b, s, strlen(s)); }

int pact_buf_putc(pact_buf *b, char c) { return pact_buf_append(b, &c, 1); }

int pact_buf_printf(pact_buf *b, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    char small[256];
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) return PACT_EINVAL;
    if ((size_t)n < sizeof small) return pact_buf_append(b, small, (size_t)n);
    int rc = grow(b, (size_t)n);
    if (rc) return rc;
    va_start(ap, fmt);
    vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return PACT_OK;
}

void pact_buf_truncate(pact_buf *b, size_t len) {
    if (len < b->len) {
        b->len = len;
        b->ptr[len] = '\0';
    }
}

void pact_buf_free(pact_buf *b) {
    free(b->ptr);
    b->ptr = NULL;
    b->len = b->cap = 0;
}

char *pact_buf_detach(pact_buf *b, size_t *len) {
    char *p = b->ptr ? b->ptr : pact__xstrdup("");
    if (len) *len = b->len;
    b->ptr = NULL;
    b->len = b->cap = 0;
    return p;
}
