/* The page reader's invariants, shared by fuzz_page_flat.c and
 * fuzz_page_html.c: every block's span is inside the input, its text is valid
 * UTF-8, its map lands inside the input in order, and every article points at
 * the page's own blocks. */
#ifndef PACT_FUZZ_PAGE_H
#define PACT_FUZZ_PAGE_H

#include <string.h>

#include "fuzz_common.h"
#include "page/page.h"

static inline bool fuzz_is_block(const pact_page *p, const pact_block *b) {
    return b >= p->blocks && b < p->blocks + p->nblocks;
}

static inline void fuzz_check_date(const char *s) {
    size_t n = strnlen(s, 11);
    FUZZ_CHECK(n == 0 || n == 10);
    if (n == 10)
        for (size_t i = 0; i < 10; i++)
            FUZZ_CHECK(i == 4 || i == 7 ? s[i] == '-' : (s[i] >= '0' && s[i] <= '9'));
}

static inline void fuzz_read_page(const char *data, size_t len) {
    pact_diag d;
    fuzz_quiet_diag(&d);
    pact_page page;
    if (pact_page_read("fuzz", data, len, &page, &d) != PACT_OK) return;
    FUZZ_CHECK(page.data == data && page.len == len);
    for (size_t i = 0; i < page.nblocks; i++) {
        const pact_block *b = &page.blocks[i];
        FUZZ_CHECK(b->kind <= PACT_BLOCK_BOILERPLATE);
        FUZZ_CHECK(b->start <= b->end && b->end <= len);
        FUZZ_CHECK(b->text != NULL || b->len == 0);
        if (b->len) FUZZ_CHECK(pact_utf8_valid(b->text, b->len));
        fuzz_check_omap(&b->map, b->len, 0, len);
        if (b->len) fuzz_check_range(&b->map, 0, b->len, 0, len);
    }
    for (size_t a = 0; a < page.narticles; a++) {
        const pact_article *ar = &page.articles[a];
        FUZZ_CHECK(ar->title == NULL || fuzz_is_block(&page, ar->title));
        for (size_t k = 0; k < ar->nbody; k++) FUZZ_CHECK(fuzz_is_block(&page, ar->body[k]));
        fuzz_check_date(ar->published);
    }
    fuzz_check_date(page.fallback_date);
    /* a URL from the page's markup: valid UTF-8 (invalid bytes became U+FFFD,
     * so it may be longer than its bytes in the input, up to 3 for 1) */
    if (page.source_url) {
        size_t ul = strlen(page.source_url);
        FUZZ_CHECK(ul <= 3 * len && pact_utf8_valid(page.source_url, ul));
    }
    pact_page_free(&page);
}

#endif
