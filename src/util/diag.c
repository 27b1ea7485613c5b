/* Warnings that name the input and the byte offset. */
#include <stdio.h>
#include <string.h>

#include "util/util.h"

void pact_diag_init(pact_diag *d, const char *path) {
    memset(d, 0, sizeof *d);
    d->path = path;
}

void pact_warn(pact_diag *d, size_t offset, const char *fmt, ...) {
    if (!d) return;
    d->warnings++;
    unsigned limit = d->max_shown ? d->max_shown : 20;
    if (d->quiet || (d->warnings > limit && !d->sink)) {
        if (!d->quiet && d->warnings == limit + 1)
            fprintf(stderr, "pactgraph: %s: more warnings not shown\n", d->path ? d->path : "-");
        return;
    }
    char msg[512];
    int n;
    if (offset == SIZE_MAX)
        n = snprintf(msg, sizeof msg, "%s: ", d->path ? d->path : "-");
    else
        n = snprintf(msg, sizeof msg, "%s: offset %zu: ", d->path ? d->path : "-", offset);
    if (n < 0) n = 0;
    if ((size_t)n < sizeof msg) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(msg + n, sizeof msg - (size_t)n, fmt, ap);
        va_end(ap);
    }
    if (d->sink) d->sink(d, msg);
    else fprintf(stderr, "pactgraph: warning: %s\n", msg);
}
