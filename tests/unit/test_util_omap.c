/* pact_omap: identity runs, replaced and removed bytes, edges. */
#include "check.h"
#include "util/util.h"

int main(void) {
    pact_omap m;
    pact_omap_init(&m);
    /* an empty map is the identity */
    CHECK(pact_omap_start(&m, 7) == 7 && pact_omap_end(&m, 7) == 7);

    /* contiguous identity segments merge */
    pact_omap_push(&m, 0, 5, 10, 5);
    pact_omap_push(&m, 5, 3, 15, 3);
    CHECK(m.n == 1 && m.seg[0].tn == 8);
    CHECK(pact_omap_start(&m, 0) == 10 && pact_omap_start(&m, 7) == 17 && pact_omap_end(&m, 8) == 18);
    pact_omap_free(&m);
    CHECK(m.n == 0 && m.seg == NULL);

    /* "Hà<NBSP>Nội" -> "Hà Nội": a 2-byte space became 1 byte */
    pact_omap_push(&m, 0, 3, 0, 3);
    pact_omap_push(&m, 3, 1, 3, 2);
    pact_omap_push(&m, 4, 5, 5, 5);
    CHECK(m.n == 3);
    CHECK(pact_omap_start(&m, 3) == 3 && pact_omap_end(&m, 4) == 5);
    CHECK(pact_omap_start(&m, 4) == 5 && pact_omap_end(&m, 9) == 10);
    CHECK(pact_omap_end(&m, 3) == 3);
    CHECK(pact_omap_start(&m, 6) == 7);
    /* past the end: the end of the last segment */
    CHECK(pact_omap_start(&m, 9) == 10 && pact_omap_start(&m, 100) == 10 && pact_omap_end(&m, 100) == 10);
    CHECK(pact_omap_end(&m, 0) == 0);

    /* a replaced span maps as a whole */
    pact_omap_clear(&m);
    CHECK(m.n == 0);
    pact_omap_push(&m, 0, 4, 50, 5);  /* "ho\u0300a" -> "hòa" */
    pact_omap_push(&m, 4, 2, 55, 2);
    CHECK(pact_omap_start(&m, 0) == 50 && pact_omap_start(&m, 2) == 50);
    CHECK(pact_omap_end(&m, 1) == 55 && pact_omap_end(&m, 4) == 55);
    CHECK(pact_omap_start(&m, 4) == 55 && pact_omap_end(&m, 6) == 57);

    /* removed bytes (a zero-width space, a repaired dot) leave a gap */
    pact_omap_clear(&m);
    pact_omap_push(&m, 0, 2, 0, 2);  /* "đ" */
    pact_omap_push(&m, 2, 1, 3, 1);  /* "e" after the removed dot */
    CHECK(m.n == 2);
    CHECK(pact_omap_start(&m, 0) == 0 && pact_omap_end(&m, 2) == 2);
    CHECK(pact_omap_start(&m, 2) == 3 && pact_omap_end(&m, 3) == 4);

    /* a first segment that does not start at 0 (text dropped before it) */
    pact_omap_clear(&m);
    pact_omap_push(&m, 2, 3, 20, 3);
    CHECK(pact_omap_start(&m, 0) == 20 && pact_omap_end(&m, 0) == 20);
    CHECK(pact_omap_start(&m, 3) == 21);

    /* many segments: binary search agrees with a linear walk */
    pact_omap_clear(&m);
    size_t t = 0, o = 1000;
    for (int i = 0; i < 5000; i++) {
        size_t tn = (size_t)(i % 3 + 1), on = i % 2 ? tn : tn + 1;
        pact_omap_push(&m, t, tn, o, on);
        t += tn;
        o += on;
    }
    int bad = 0;
    for (size_t s = 0; s < m.n; s++) {
        const pact_omap_seg *g = &m.seg[s];
        if (pact_omap_start(&m, g->t) != g->o) bad++;
        if (pact_omap_end(&m, g->t + g->tn) != g->o + g->on) bad++;
    }
    CHECK(bad == 0);
    pact_omap_free(&m);
    return check_done();
}
