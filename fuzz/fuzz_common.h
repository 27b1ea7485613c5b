/* Shared by the fuzz targets: an invariant check that aborts (so libFuzzer
 * saves the input) with a message naming what broke, and a quiet diagnostics
 * sink (a fuzzer's inputs warn on nearly every byte). */
#ifndef PACT_FUZZ_COMMON_H
#define PACT_FUZZ_COMMON_H

#include <stdio.h>
#include <stdlib.h>

#include "util/util.h"

#define FUZZ_CHECK(cond)                                                              \
    do {                                                                              \
        if (!(cond)) {                                                                \
            fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__, #cond); \
            abort();                                                                  \
        }                                                                             \
    } while (0)

static inline void fuzz_quiet_diag(pact_diag *d) {
    pact_diag_init(d, "fuzz");
    d->quiet = true;
}

/* Every segment of an offset map: in increasing derived order, within the
 * derived length tlen, and within the original bytes [lo, hi]. */
static inline void fuzz_check_omap(const pact_omap *m, size_t tlen, size_t lo, size_t hi) {
    size_t prev_t = 0, prev_o = lo;
    for (size_t i = 0; i < m->n; i++) {
        const pact_omap_seg *s = &m->seg[i];
        FUZZ_CHECK(s->t >= prev_t);
        FUZZ_CHECK(s->t + s->tn <= tlen);
        FUZZ_CHECK(s->o >= lo);
        FUZZ_CHECK(s->o + s->on <= hi);
        FUZZ_CHECK(s->o >= prev_o);  /* derived text keeps the original's order */
        prev_t = s->t + s->tn;
        prev_o = s->o + s->on;
    }
}

/* A derived range [s, e) maps to an ordered range inside [lo, hi]. (An empty
 * range at a removed character may map to [after, before) of it: only
 * non-empty ranges must be ordered.) */
static inline void fuzz_check_range(const pact_omap *m, size_t s, size_t e, size_t lo, size_t hi) {
    size_t os = pact_omap_start(m, s), oe = pact_omap_end(m, e);
    FUZZ_CHECK(os >= lo && os <= hi);
    FUZZ_CHECK(oe >= lo && oe <= hi);
    if (s < e) FUZZ_CHECK(os <= oe);
}

#endif
