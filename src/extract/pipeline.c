/* The extraction pipeline: a page's articles to extraction records. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "extract/batch.h"
#include "extract/extract.h"

const char *pact_data_dir(const char *dir) {
    if (dir && *dir) return dir;
    const char *env = getenv("PACT_DATA_DIR");
    if (env && *env) return env;
    struct stat st;
    if (stat(PACT_SOURCE_DATA_DIR, &st) == 0) return PACT_SOURCE_DATA_DIR;
    return "/usr/local/share/pactgraph";
}

/* An arena array of n elements with room for one more: the same array, or a
 * copy twice as large when it was full. */
static void *arena_room(pact_arena *arena, void *items, size_t n, size_t *cap, size_t size) {
    if (n < *cap) return items;
    size_t bigger = *cap ? *cap * 2 : 16;
    void *p = pact_arena_alloc(arena, bigger * size);
    if (n) memcpy(p, items, n * size);
    *cap = bigger;
    return p;
}

pact_entity *pact__add_entity(pact_article_ctx *a) {
    pact_record *r = a->rec;
    r->entities = arena_room(a->arena, r->entities, r->nentities, &a->ent_cap, sizeof *r->entities);
    pact_entity *e = &r->entities[r->nentities++];
    memset(e, 0, sizeof *e);
    return e;
}

pact_event *pact__add_event(pact_article_ctx *a) {
    pact_record *r = a->rec;
    r->events = arena_room(a->arena, r->events, r->nevents, &a->ev_cap, sizeof *r->events);
    pact_event *e = &r->events[r->nevents++];
    memset(e, 0, sizeof *e);
    return e;
}

pact_membership *pact__add_membership(pact_article_ctx *a) {
    pact_record *r = a->rec;
    r->memberships = arena_room(a->arena, r->memberships, r->nmemberships, &a->ms_cap, sizeof *r->memberships);
    pact_membership *m = &r->memberships[r->nmemberships++];
    memset(m, 0, sizeof *m);
    return m;
}

pact_span pact__input_span(const pact_article_ctx *a, size_t para, size_t start, size_t end) {
    const pact_omap *m = &a->paras[para].map;
    pact_span s = {pact_omap_start(m, start), pact_omap_end(m, end)};
    if (s.end < s.start) s.end = s.start;
    return s;
}

/* The text a reader sees (spec/OUTPUT.md): the block as written, in NFC with
 * white space cleaned; not the canonical form used for matching. Appends to out. */
static int display_text(const pact_block *b, pact_buf *out, pact_diag *d) {
    pact_norm disp;
    int rc = pact_text_display(b->text, b->len, 0, &disp, d);
    if (rc != PACT_OK) return rc;
    rc = pact_buf_append(out, disp.text, disp.len);
    pact_norm_free(&disp);
    return rc;
}

/* Normalises block b into paragraph slot p; keeps in *to_block the map from
 * the normalised text to b's own text (for the display form of sentences).
 * Returns 0 on failure. */
static int add_para(pact_article_ctx *a, const pact_block *b, size_t p, pact_omap *to_block) {
    pact_norm tmp;
    if (pact_text_normalize(b->text, b->len, 0, &tmp, a->diag) != PACT_OK) return 0;
    /* compose the maps: normalised -> block text -> input bytes */
    pact_norm *n = &a->paras[p];
    n->text = pact_arena_strndup(a->arena, tmp.text, tmp.len);
    n->len = tmp.len;
    pact_omap_init(&n->map);
    for (size_t i = 0; i < tmp.map.n; i++) {
        const pact_omap_seg *s = &tmp.map.seg[i];
        size_t o0 = pact_omap_start(&b->map, s->o), o1 = pact_omap_end(&b->map, s->o + s->on);
        if (s->tn == s->on && o1 - o0 == s->on) {
            pact_omap_push(&n->map, s->t, s->tn, o0, s->on);
        } else if (s->tn == s->on) {
            /* the block map is not linear here: push byte by byte-ish */
            for (size_t k = 0; k < s->tn; k++) {
                size_t ok = pact_omap_start(&b->map, s->o + k);
                size_t oe = pact_omap_end(&b->map, s->o + k + 1);
                pact_omap_push(&n->map, s->t + k, 1, ok, oe > ok ? oe - ok : 0);
            }
        } else {
            pact_omap_push(&n->map, s->t, s->tn, o0, o1 > o0 ? o1 - o0 : 0);
        }
    }
    *to_block = tmp.map; /* ownership moves to the caller */
    pact_omap_init(&tmp.map);
    pact_norm_free(&tmp);
    return 1;
}

/* The blocks an article reads, in order: its body paragraphs and the captions
 * that sit among them (photo captions name people and places the body may not). */
static size_t article_blocks(const pact_page *page, const pact_article *art, const pact_block **out) {
    size_t n = 0;
    if (!art->nbody) return 0;
    const pact_block *first = art->title ? art->title : art->body[0];
    const pact_block *last = art->body[art->nbody - 1];
    size_t k = 0; /* next body paragraph expected */
    for (const pact_block *b = first; b <= last && b < page->blocks + page->nblocks; b++) {
        if (k < art->nbody && b == art->body[k]) {
            out[n++] = b;
            k++;
        } else if (b->kind == PACT_BLOCK_CAPTION && b != art->title) {
            out[n++] = b;
        }
    }
    for (; k < art->nbody; k++) out[n++] = art->body[k]; /* body out of block order */
    return n;
}

static void extract_article(pact_article_ctx *a, const pact_page *page, const pact_article *art) {
    pact_record *r = a->rec;
    bool in_page = page->nblocks && art->nbody && art->body[0] >= page->blocks &&
                   art->body[art->nbody - 1] < page->blocks + page->nblocks &&
                   (!art->title || (art->title >= page->blocks && art->title <= art->body[0]));
    /* room for the blocks from its title (or first paragraph) to its last
     * paragraph, plus its paragraphs again (any out of block order): sized by
     * the article, not the page, so that a page of many articles costs each
     * article its own blocks only */
    size_t nmax = art->nbody;
    if (in_page) {
        const pact_block *first = art->title ? art->title : art->body[0], *last = art->body[art->nbody - 1];
        if (last >= first) nmax += (size_t)(last - first) + 1;
    }
    const pact_block **blocks = pact_arena_alloc(a->arena, (nmax ? nmax : 1) * sizeof *blocks);
    size_t nblocks = in_page ? article_blocks(page, art, blocks) : art->nbody;
    if (!in_page)
        for (size_t i = 0; i < art->nbody; i++) blocks[i] = art->body[i];

    size_t np = nblocks + (art->title ? 1 : 0);
    a->paras = pact_arena_alloc(a->arena, (np ? np : 1) * sizeof *a->paras);
    pact_block_kind *kinds = pact_arena_alloc(a->arena, (np ? np : 1) * sizeof *kinds);
    pact_omap *to_block = pact_arena_alloc(a->arena, (np ? np : 1) * sizeof *to_block);
    const pact_block **para_block = pact_arena_alloc(a->arena, (np ? np : 1) * sizeof *para_block);
    a->para_kind = kinds;
    a->nparas = 0;
    a->has_title = art->title != NULL;
    if (art->title) {
        if (add_para(a, art->title, 0, &to_block[0])) {
            kinds[0] = PACT_BLOCK_TITLE;
            para_block[0] = art->title;
            a->nparas = 1;
        } else {
            a->has_title = false;
        }
        if (a->has_title) {
            pact_buf t;
            pact_buf_init(&t, 0);
            if (display_text(art->title, &t, a->diag) != PACT_OK) pact_buf_truncate(&t, 0);
            r->title = pact_arena_strndup(a->arena, t.ptr ? t.ptr : "", t.len);
            pact_buf_free(&t);
        }
        r->title_span = (pact_span){art->title->start, art->title->end};
    }
    r->body_spans = pact_arena_alloc(a->arena, (nblocks ? nblocks : 1) * sizeof *r->body_spans);
    pact_buf body;
    pact_buf_init(&body, 0);
    for (size_t i = 0; i < nblocks; i++) {
        const pact_block *b = blocks[i];
        if (!add_para(a, b, a->nparas, &to_block[a->nparas])) continue;
        para_block[a->nparas] = b;
        bool is_body = b->kind != PACT_BLOCK_CAPTION;
        kinds[a->nparas++] = is_body ? b->kind : PACT_BLOCK_CAPTION;
        if (!is_body) continue;
        r->body_spans[r->nbody++] = (pact_span){b->start, b->end};
        if (body.len && pact_buf_append(&body, "\n\n", 2)) break;
        if (display_text(b, &body, a->diag) != PACT_OK) break;
    }
    r->body_text = pact_arena_strndup(a->arena, body.ptr ? body.ptr : "", body.len);
    pact_buf_free(&body);

    /* sentences of the title and every paragraph */
    size_t cap = 16;
    a->sents = pact_arena_alloc(a->arena, cap * sizeof *a->sents);
    a->nsents = 0;
    for (size_t p = 0; p < a->nparas; p++) {
        pact_range *rg = NULL;
        size_t ns = pact_sentences_split(a->paras[p].text, a->paras[p].len, &rg);
        for (size_t k = 0; k < ns; k++) {
            if (a->nsents == cap) {
                pact_sent *bigger = pact_arena_alloc(a->arena, cap * 2 * sizeof *bigger);
                memcpy(bigger, a->sents, cap * sizeof *bigger);
                a->sents = bigger;
                cap *= 2;
            }
            pact_sent *s = &a->sents[a->nsents++];
            memset(s, 0, sizeof *s);
            s->para = p;
            s->start = rg[k].start;
            s->end = rg[k].end;
            s->is_title = a->has_title && p == 0;
            pact_token *toks = NULL;
            s->ntoks = pact_tokenize(a->paras[p].text, s->start, s->end, &toks);
            s->toks = pact_arena_alloc(a->arena, (s->ntoks ? s->ntoks : 1) * sizeof *toks);
            if (s->ntoks) memcpy(s->toks, toks, s->ntoks * sizeof *toks);
            free(toks);
        }
        free(rg);
    }
    r->sentences = pact_arena_alloc(a->arena, (a->nsents ? a->nsents : 1) * sizeof *r->sentences);
    for (size_t k = 0; k < a->nsents; k++) {
        const pact_sent *s = &a->sents[k];
        if (a->para_kind[s->para] == PACT_BLOCK_TITLE) continue; /* the title is not a body sentence */
        pact_sentence *out = &r->sentences[r->nsentences++];
        /* the sentence as written (display form), as it reads in body_text */
        const pact_block *b = para_block[s->para];
        size_t bs = pact_omap_start(&to_block[s->para], s->start);
        size_t be = pact_omap_end(&to_block[s->para], s->end);
        pact_norm disp;
        if (bs < be && be <= b->len && pact_text_display(b->text + bs, be - bs, 0, &disp, NULL) == PACT_OK) {
            out->text = pact_arena_strndup(a->arena, disp.text, disp.len);
            pact_norm_free(&disp);
        } else {
            out->text = pact_arena_strndup(a->arena, a->paras[s->para].text + s->start, s->end - s->start);
        }
        pact_span sp = pact__input_span(a, s->para, s->start, s->end);
        out->start = sp.start;
        out->end = sp.end;
    }

    pact__entities_recognize(a);
    pact__events_code(a);
    for (size_t p = 0; p < a->nparas; p++) {
        pact_omap_free(&a->paras[p].map);
        pact_omap_free(&to_block[p]);
    }
}

void pact_extract_article(const pact_extractor *ex, const pact_page *page, size_t i, pact_arena *arena,
                          pact_record *r, pact_diag *d) {
    const pact_article *art = &page->articles[i];
    memset(r, 0, sizeof *r);
    r->doc = page->doc;
    r->article = (int)i;
    r->source_url = page->source_url;
    memcpy(r->published, art->published, sizeof r->published);
    pact_article_ctx a;
    memset(&a, 0, sizeof a);
    a.ex = ex;
    a.arena = arena;
    a.rec = r;
    a.diag = d;
    a.page_date = art->published[0] ? art->published : page->fallback_date[0] ? page->fallback_date : NULL;
    extract_article(&a, page, art);
}

size_t pact_extract_page(const pact_extractor *ex, const pact_page *page, pact_arena *arena,
                         pact_record **recs, pact_diag *d) {
    *recs = pact_arena_alloc(arena, (page->narticles ? page->narticles : 1) * sizeof **recs);
    for (size_t i = 0; i < page->narticles; i++) pact_extract_article(ex, page, i, arena, &(*recs)[i], d);
    return page->narticles;
}
