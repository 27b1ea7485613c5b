/* Interim page reader: lines of flattened text, the first one the title. */
#include <string.h>

#include "page/page.h"

int pact_page_read(const char *doc, const char *data, size_t len, pact_page *page, pact_diag *d) {
    (void)d;
    memset(page, 0, sizeof *page);
    page->doc = doc;
    page->data = data;
    page->len = len;
    page->arena = pact_arena_new();
    size_t nlines = 1;
    for (size_t i = 0; i < len; i++) nlines += data[i] == '\n';
    page->blocks = pact_arena_alloc(page->arena, nlines * sizeof *page->blocks);
    for (size_t s = 0; s < len;) {
        const char *nl = memchr(data + s, '\n', len - s);
        size_t e = nl ? (size_t)(nl - data) : len;
        if (e > s) {
            pact_block *b = &page->blocks[page->nblocks++];
            b->kind = page->nblocks == 1 ? PACT_BLOCK_TITLE : PACT_BLOCK_BODY;
            b->text = data + s;
            b->len = e - s;
            b->start = s;
            b->end = e;
            pact_omap_init(&b->map);
            pact_omap_push(&b->map, 0, e - s, s, e - s);
        }
        s = e + 1;
    }
    if (!page->nblocks) return PACT_OK;
    page->articles = pact_arena_alloc(page->arena, sizeof *page->articles);
    page->narticles = 1;
    pact_article *a = &page->articles[0];
    a->title = &page->blocks[0];
    a->body = pact_arena_alloc(page->arena, page->nblocks * sizeof *a->body);
    for (size_t i = 1; i < page->nblocks; i++) a->body[a->nbody++] = &page->blocks[i];
    return PACT_OK;
}

void pact_page_free(pact_page *page) {
    for (size_t i = 0; i < page->nblocks; i++) pact_omap_free(&page->blocks[i].map);
    pact_arena_free(page->arena);
    page->arena = NULL;
}
