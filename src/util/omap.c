/* The offset map from a derived text (decoded, normalised) to original bytes. */
#include <stdlib.h>

#include "util/util.h"

void pact_omap_init(pact_omap *m) {
    m->seg = NULL;
    m->n = m->cap = 0;
}

void pact_omap_free(pact_omap *m) {
    free(m->seg);
    pact_omap_init(m);
}

void pact_omap_clear(pact_omap *m) { m->n = 0; }

void pact_omap_push(pact_omap *m, size_t t, size_t tn, size_t o, size_t on) {
    if (m->n) {
        pact_omap_seg *last = &m->seg[m->n - 1];
        if (last->tn == last->on && tn == on && last->t + last->tn == t && last->o + last->on == o) {
            last->tn += tn;
            last->on += on;
            return;
        }
    }
    if (m->n == m->cap) {
        m->cap = m->cap ? m->cap * 2 : 16;
        m->seg = pact__xrealloc(m->seg, m->cap * sizeof *m->seg);
    }
    m->seg[m->n++] = (pact_omap_seg){t, tn, o, on};
}

/* The last segment whose start is <= t (segments are sorted by t). */
static const pact_omap_seg *find(const pact_omap *m, size_t t) {
    size_t lo = 0, hi = m->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (m->seg[mid].t <= t) lo = mid + 1;
        else hi = mid;
    }
    return lo ? &m->seg[lo - 1] : NULL;
}

size_t pact_omap_start(const pact_omap *m, size_t t) {
    if (!m->n) return t;
    const pact_omap_seg *s = find(m, t);
    if (!s) return m->seg[0].o;
    if (t >= s->t + s->tn) return s->o + s->on; /* past the segment: its end */
    if (s->tn == s->on) return s->o + (t - s->t);
    return s->o;
}

size_t pact_omap_end(const pact_omap *m, size_t t) {
    if (!m->n) return t;
    if (t == 0) return m->seg[0].o;
    const pact_omap_seg *s = find(m, t - 1);
    if (!s) return m->seg[0].o;
    if (t - 1 >= s->t + s->tn) return s->o + s->on;
    if (s->tn == s->on) return s->o + (t - s->t);
    return s->o + s->on;
}
