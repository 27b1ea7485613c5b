/* Allocation that aborts when memory is exhausted. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

static void oom(size_t n) {
    fprintf(stderr, "pactgraph: out of memory (asked for %zu bytes)\n", n);
    abort();
}

void *pact__xmalloc(size_t n) {
    void *p = malloc(n ? n : 1);
    if (!p) oom(n);
    return p;
}

void *pact__xcalloc(size_t n, size_t size) {
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p) oom(n * size);
    return p;
}

void *pact__xrealloc(void *p, size_t n) {
    void *q = realloc(p, n ? n : 1);
    if (!q) oom(n);
    return q;
}

char *pact__xstrndup(const char *s, size_t n) {
    char *p = pact__xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *pact__xstrdup(const char *s) { return pact__xstrndup(s, strlen(s)); }

bool pact_slice_eq(pact_slice a, const char *cstr) {
    size_t n = strlen(cstr);
    return a.len == n && memcmp(a.ptr, cstr, n) == 0;
}
