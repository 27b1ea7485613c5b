/*
 * Which blocks of an HTML page are the article: readability's scoring of
 * containers (paragraph length and commas credited to their ancestors, class
 * and id names, link density), its sibling rule and its conditional cleaning,
 * retried with fewer filters when they leave too little text. Then the title
 * (the <h1> that agrees with og:title or <title>), the dateline and the
 * publication date (JSON-LD, meta tags, <time>, the dateline's text).
 */
#include <stdlib.h>
#include <string.h>

#include "page/html_internal.h"

/* Readability's default: an extraction with fewer characters is retried with
 * fewer filters. */
#define MIN_ARTICLE_CHARS 500

typedef struct {
    bool strip;   /* leave out boxes whose class, id or role says furniture */
    bool weigh;   /* let class and id names weigh on the scores */
    bool clean;   /* drop link-heavy and form-like boxes inside the article */
} mode;

typedef struct {
    pact__html_el **els;
    size_t nels;
    pact__html_block *blocks;
    size_t nblocks;
    size_t *chars;        /* characters per block */
    pact__html_el *body;  /* <body>, or the root */
} ctx;


/* An address worth reporting: http(s), at most 2 KB, and none of what an
 * unclosed attribute quote drags in (white space, controls, quotes, angle
 * brackets, U+FFFD). */
static bool plausible_url(const char *u) {
    if (!u || (strncmp(u, "http://", 7) != 0 && strncmp(u, "https://", 8) != 0)) return false;
    size_t n = strlen(u);
    if (n > 2048) return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)u[i];
        if (c <= 0x20 || c == 0x7F || c == '"' || c == '\'' || c == '<' || c == '>') return false;
        if (c == 0xEF && i + 2 < n && (unsigned char)u[i + 1] == 0xBF && (unsigned char)u[i + 2] == 0xBD) return false;
    }
    return true;
}

static size_t nchars(const char *s, size_t n) {
    size_t c = 0;
    for (size_t i = 0; i < n; i++) c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

static bool find_mem(const char *h, size_t hn, const char *n, size_t nn) {
    if (!nn) return true;
    for (size_t i = 0; i + nn <= hn; i++)
        if (h[i] == n[0] && !memcmp(h + i, n, nn)) return true;
    return false;
}

static bool excluded(const pact__html_block *b, mode md) {
    if (b->flags & (PACT__F_SKIP | PACT__F_DROP | PACT__F_HEADTITLE)) return true;
    return md.strip && (b->flags & PACT__F_UNLIKELY);
}

static bool el_excluded(const pact__html_el *e, mode md) {
    if (e->flags & (PACT__F_SKIP | PACT__F_DROP)) return true;
    return md.strip && (e->flags & PACT__F_UNLIKELY);
}

static int tag_base(int tag) {
    switch (tag) {
    case PACT__T_DIV: case PACT__T_ARTICLE: return 5;
    case PACT__T_PRE: case PACT__T_TD: case PACT__T_BLOCKQUOTE: return 3;
    case PACT__T_ADDRESS: case PACT__T_OL: case PACT__T_UL: case PACT__T_DL: case PACT__T_DD:
    case PACT__T_DT: case PACT__T_LI: case PACT__T_FORM: return -3;
    case PACT__T_H1: case PACT__T_H2: case PACT__T_H3: case PACT__T_H4: case PACT__T_H5:
    case PACT__T_H6: case PACT__T_TH: return -5;
    default: return 0;
    }
}

/* Furniture by name inside the article (a comment list, a related box): the
 * retries without the name filter may take an article whose own wrapper has
 * such a name, never the boxes inside it. */
static bool unlikely_inside(const pact__html_el *e) {
    for (; e && !e->root; e = e->parent)
        if (e->own & PACT__F_UNLIKELY) return true;
    return false;
}

static double density(const pact__html_el *e) { return e->text ? (double)e->links / (double)e->text : 0; }

static void touch(pact__html_el *e, mode md) {
    if (e->scored) return;
    e->scored = true;
    e->score = tag_base(e->tag) + (md.weigh ? e->weight : 0);
}

static bool is_ancestor(const pact__html_el *a, const pact__html_el *e) {
    for (e = e ? e->parent : NULL; e; e = e->parent)
        if (e == a) return true;
    return false;
}

static const pact_block *first_block_of(const ctx *c, const pact__html_el *e) {
    if (e->first_block < 0 || (size_t)e->first_block >= c->nblocks) return NULL;
    const pact__html_block *b = &c->blocks[e->first_block];
    return b->owner == e ? b->pb : NULL;
}

/* Scores the containers and marks the content; returns the characters of
 * body text the marks select. */
static size_t select_content(ctx *c, mode md) {
    for (size_t i = 0; i < c->nels; i++) {
        pact__html_el *e = c->els[i];
        e->score = 0;
        e->scored = e->in_content = e->cut = e->root = false;
        e->text = e->links = e->commas = e->ptext = 0;
    }
    for (size_t i = 0; i < c->nblocks; i++) {
        const pact__html_block *b = &c->blocks[i];
        if (excluded(b, md)) continue;
        size_t ch = c->chars[i];
        b->owner->text += ch;
        b->owner->links += b->tlen ? (size_t)((double)b->links * (double)ch / (double)b->tlen) : 0;
        b->owner->commas += b->commas;
        if (ch >= 25 && b->links * 3 < b->tlen && !(b->flags & (PACT__F_HEADING | PACT__F_CAPTION)))
            b->owner->ptext += ch;
    }
    for (size_t i = c->nels; i-- > 0;) {
        pact__html_el *e = c->els[i];
        if (e->parent && !el_excluded(e, md)) {
            e->parent->text += e->text;
            e->parent->links += e->links;
            e->parent->commas += e->commas;
            e->parent->ptext += e->ptext;
        }
    }
    /* credit each paragraph to its ancestors */
    for (size_t i = 0; i < c->nblocks; i++) {
        const pact__html_block *b = &c->blocks[i];
        if (excluded(b, md) || (b->flags & (PACT__F_CAPTION | PACT__F_H1))) continue;
        const pact__html_el *o = b->owner;
        if (o->tag == PACT__T_LI || o->tag == PACT__T_DT || o->tag == PACT__T_DD || o->tag == PACT__T_TH) continue;
        size_t len = c->chars[i];
        if (len < 25) continue;
        double cs = 1.0 + (double)b->commas + (double)(len / 100 < 3 ? len / 100 : 3);
        /* text straight in a container (runs between <br>s) counts as if
         * wrapped in a paragraph of its own, as readability wraps it */
        pact__html_el *a = o->tag == PACT__T_DIV || o->tag == PACT__T_SECTION || o->tag == PACT__T_ARTICLE ||
                                   o->tag == PACT__T_MAIN
                               ? (pact__html_el *)o : o->parent;
        for (int level = 0; a && level < 5; level++, a = a->parent) {
            if (a->tag == PACT__T_HTML) break;
            touch(a, md);
            a->score += cs / (level == 0 ? 1.0 : level == 1 ? 2.0 : level * 3.0);
        }
    }
    pact__html_el *top = NULL;
    pact__html_el *best[5] = {0};
    for (size_t i = 0; i < c->nels; i++) {
        pact__html_el *e = c->els[i];
        if (!e->scored) continue;
        e->score *= 1.0 - density(e);
        for (int k = 0; k < 5; k++) {
            if (!best[k] || e->score > best[k]->score) {
                memmove(best + k + 1, best + k, (size_t)(4 - k) * sizeof *best);
                best[k] = e;
                break;
            }
        }
    }
    top = best[0];
    if (!top || top->score <= 0) top = c->body;
    if (!top) return 0;
    if (best[0] == top) {
        /* several strong candidates under one ancestor: take the ancestor */
        int alts = 0;
        for (int k = 1; k < 5; k++)
            if (best[k] && best[k]->score / (top->score ? top->score : 1) >= 0.75) alts++;
        if (alts >= 3) {
            for (pact__html_el *p = top->parent; p && p->tag != PACT__T_BODY; p = p->parent) {
                int n = 0;
                for (int k = 1; k < 5; k++)
                    if (best[k] && best[k]->score / (top->score ? top->score : 1) >= 0.75 && is_ancestor(p, best[k])) n++;
                if (n >= 3) {
                    top = p;
                    touch(top, md);
                    break;
                }
            }
        }
        /* a parent that scores well holds more of the article */
        double last = top->score, thr = last / 3;
        for (pact__html_el *p = top->parent; p && p->tag != PACT__T_BODY; p = p->parent) {
            if (!p->scored) continue;
            if (p->score < thr) break;
            if (p->score > last) {
                top = p;
                break;
            }
            last = p->score;
        }
        while (top->parent && top->parent->tag != PACT__T_BODY && top->parent->nchild_el == 1) {
            top = top->parent;
            touch(top, md);
        }
    }
    /* siblings that belong to the article */
    top->root = true;
    if (top->parent && top != c->body) {
        double thr = top->score * 0.2 > 10 ? top->score * 0.2 : 10;
        for (size_t i = 0; i < c->nels; i++) {
            pact__html_el *s = c->els[i];
            if (s->parent != top->parent || s == top || el_excluded(s, md)) continue;
            double bonus = s->cls && top->cls && *top->cls && !strcmp(s->cls, top->cls) ? top->score * 0.2 : 0;
            if (s->scored && s->score + bonus >= thr) {
                s->root = true;
            } else if (s->tag == PACT__T_P) {
                double ld = density(s);
                if (s->text > 80 && ld < 0.25) {
                    s->root = true;
                } else if (s->text < 80 && s->text > 0 && ld == 0) {
                    const pact_block *fb = first_block_of(c, s);
                    if (fb && fb->len && (fb->text[fb->len - 1] == '.' || find_mem(fb->text, fb->len, ". ", 2)))
                        s->root = true;
                }
            }
        }
    }
    /* an article cut into several wrappers of the same class (sections
     * between figures or ads): take the wrappers near the top one too */
    if (top->cls && *top->cls && top != c->body) {
        pact__html_el *anc = top;
        for (int k = 0; k < 3 && anc->parent && anc->parent->tag != PACT__T_HTML; k++) anc = anc->parent;
        for (size_t i = anc->idx + 1; i < c->nels; i++) {
            pact__html_el *e = c->els[i];
            if (!is_ancestor(anc, e)) break;
            if (e == top || e->tag != top->tag || !e->cls || strcmp(e->cls, top->cls) != 0) continue;
            if (el_excluded(e, md) || is_ancestor(top, e) || is_ancestor(e, top)) continue;
            if (e->ptext > 0 && density(e) < 0.1) e->root = true;
        }
    }
    for (size_t i = 0; i < c->nels; i++) {
        pact__html_el *e = c->els[i];
        e->in_content = e->root || (e->parent && e->parent->in_content);
    }
    if (md.clean) {
        for (size_t i = 0; i < c->nels; i++) {
            pact__html_el *e = c->els[i];
            if (!e->in_content || e->root) continue;
            int t = e->tag;
            bool list = t == PACT__T_UL || t == PACT__T_OL;
            if (!(list || t == PACT__T_DIV || t == PACT__T_SECTION || t == PACT__T_TABLE || t == PACT__T_FORM ||
                  t == PACT__T_ASIDE || t == PACT__T_HEADER))
                continue;
            int w = md.weigh ? e->weight : 0;
            double score = e->scored ? e->score : 0;
            /* a box holding a quotation (an embedded post) stays */
            if (e->nquote && !list && density(e) < 0.5) continue;
            if (w + score < 0) {
                e->cut = true;
                continue;
            }
            if (e->commas >= 10) continue;
            double p = e->np, img = e->nimg, li = (double)e->nli - 100, in = e->ninput;
            double ld = density(e);
            size_t len = e->text;
            if ((img > 1 && p / img < 0.5) || (!list && li > p) || (in > (double)(int)(p / 3)) ||
                (!list && len < 25 && (img == 0 || img > 2)) || (!list && w < 25 && ld > 0.2) ||
                (w >= 25 && ld > 0.5) || (e->nembed == 1 && len < 75) || e->nembed > 1 || (list && ld > 0.5))
                e->cut = true;
        }
    }
    for (size_t i = 0; i < c->nels; i++) {
        pact__html_el *e = c->els[i];
        if (e->parent && e->parent->cut && e->parent->in_content) e->cut = true;
    }
    size_t total = 0;
    for (size_t i = 0; i < c->nblocks; i++) {
        const pact__html_block *b = &c->blocks[i];
        if (excluded(b, md) || !b->owner->in_content || b->owner->cut || unlikely_inside(b->owner)) continue;
        if (b->flags & (PACT__F_CAPTION | PACT__F_H1)) continue;
        total += c->chars[i];
    }
    return total;
}

/* Words in a block, and whether it reads as a label rather than prose: no
 * digit and no sentence punctuation. */
static bool label_shaped(const char *s, size_t n, size_t max_words) {
    size_t words = 0;
    bool in = false;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if ((ch >= '0' && ch <= '9') || ch == '.' || ch == ',' || ch == ';' || ch == ':' || ch == '!' || ch == '?' ||
            ch == '"')
            return false;
        if (ch == ' ' || ch == '\n' || ch == '\t') in = false;
        else if (!in) in = true, words++;
    }
    return words && words <= max_words;
}

/* A breadcrumb trail: short pieces joined by "›", "»", ">", "/" or "|"
 * ("Quốc tế › Châu Âu", "Thế giới | Quân sự | Phân tích"); two pieces joined
 * by a bar or slash only when short, as a headline may read "Nga / Ukraine". */
static bool crumb_shaped(const char *s, size_t n) {
    static const char *const seps[] = {" \xE2\x80\xBA ", " \xC2\xBB ", " > ", " / ", " | ", NULL};
    if (!label_shaped(s, n, 16)) return false;
    size_t pieces = 1, start = 0;
    bool arrow = false;
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; seps[j]; j++) {
            size_t m = strlen(seps[j]);
            if (i + m > n || memcmp(s + i, seps[j], m) != 0) continue;
            if (!label_shaped(s + start, i - start, 5)) return false;
            if (j < 3) arrow = true;
            pieces++;
            start = i + m;
            i += m - 1;
            break;
        }
    }
    if (pieces < 2 || !label_shaped(s + start, n - start, 5)) return false;
    return pieces >= 3 || arrow;
}

/* ---------------------------------------------------------- title */

/* Does hay contain needle, ignoring ASCII case and whitespace? */
static bool contains_loose(const char *hay, size_t hn, const char *needle, size_t nn) {
    char *a = pact__xmalloc(hn + 1), *b = pact__xmalloc(nn + 1);
    size_t an = 0, bn = 0;
    for (size_t i = 0; i < hn; i++) {
        unsigned char ch = (unsigned char)hay[i];
        if (ch <= ' ') continue;
        a[an++] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
    }
    for (size_t i = 0; i < nn; i++) {
        unsigned char ch = (unsigned char)needle[i];
        if (ch <= ' ') continue;
        b[bn++] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
    }
    bool r = bn >= 8 && an >= bn && find_mem(a, an, b, bn);
    free(a);
    free(b);
    return r;
}

static bool similar(const pact_block *b, const char *t) {
    if (!t) return false;
    size_t tn = strlen(t);
    return contains_loose(t, tn, b->text, b->len) || contains_loose(b->text, b->len, t, tn);
}

/* Cuts a <title> down to its longest part between separators ("Headline -
 * Site", "Site | Headline"), shifting the block's map. */
static void trim_head_title(pact_block *b) {
    static const char *const seps[] = {" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " :: ", " \xC2\xBB ", " / ", NULL};
    size_t best0 = 0, best1 = b->len, bestlen = 0, s = 0;
    bool any = false;
    for (size_t i = 0; i <= b->len;) {
        size_t sl = 0;
        if (i < b->len)
            for (int k = 0; seps[k]; k++) {
                size_t l = strlen(seps[k]);
                if (i + l <= b->len && !memcmp(b->text + i, seps[k], l)) {
                    sl = l;
                    break;
                }
            }
        if (i == b->len || sl) {
            if (sl) any = true;
            if (i - s > bestlen) {
                bestlen = i - s;
                best0 = s;
                best1 = i;
            }
            if (i == b->len) break;
            s = i + sl;
            i += sl;
            continue;
        }
        i++;
    }
    if (!any || (best0 == 0 && best1 == b->len)) return;
    pact_omap m;
    pact_omap_init(&m);
    for (size_t i = 0; i < b->map.n; i++) {
        pact_omap_seg g = b->map.seg[i];
        size_t t0 = g.t, t1 = g.t + g.tn;
        if (t1 <= best0 || t0 >= best1) continue;
        size_t c0 = t0 < best0 ? best0 : t0, c1 = t1 > best1 ? best1 : t1;
        if (g.tn == g.on)
            pact_omap_push(&m, c0 - best0, c1 - c0, g.o + (c0 - t0), c1 - c0);
        else
            pact_omap_push(&m, c0 - best0, c1 - c0, g.o, g.on);
    }
    pact_omap_free(&b->map);
    b->map = m;
    b->text += best0;
    b->len = best1 - best0;
    b->start = pact_omap_start(&b->map, 0);
    b->end = pact_omap_end(&b->map, b->len);
}

/* A few words not ending a sentence: "Thứ ba, 9/4/2024, 08:15 (GMT+7)". */
static bool dateline_shaped(const pact_block *b) {
    size_t words = 1;
    for (size_t i = 0; i < b->len; i++) words += b->text[i] == ' ';
    return words <= 12 && b->len && b->text[b->len - 1] != '.';
}

/* ---------------------------------------------------------- select */

static bool date_of(const char *s, char out[11]) {
    return s && pact__page_parse_dateline(s, strnlen(s, 200), out);
}

void pact__html_select(pact_page *page, pact__html_el **els, size_t nels, pact__html_block *blocks,
                       size_t nblocks, const pact__html_meta *meta, pact_arena *tmp) {
    ctx c = {els, nels, blocks, nblocks, NULL, NULL};
    c.chars = pact_arena_alloc(tmp, (nblocks ? nblocks : 1) * sizeof *c.chars);
    for (size_t i = 0; i < nblocks; i++) c.chars[i] = nchars(blocks[i].pb->text, blocks[i].pb->len);
    /* counts of subtree elements, once */
    for (size_t i = nels; i-- > 0;) {
        pact__html_el *e = els[i];
        if (e->tag == PACT__T_BODY && !c.body) c.body = e;
        if (!e->parent) continue;
        e->parent->np += e->np;
        e->parent->nimg += e->nimg;
        e->parent->nli += e->nli;
        e->parent->ninput += e->ninput;
        e->parent->nembed += e->nembed;
        e->parent->nquote += e->nquote;
        e->parent->nchild_el++;
    }
    if (!c.body && nels) c.body = els[0];

    static const mode modes[] = {{true, true, true}, {false, true, true}, {false, false, true}, {false, false, false}};
    int best = 0;
    size_t best_chars = 0;
    for (int k = 0; k < 4; k++) {
        size_t n = select_content(&c, modes[k]);
        if (n > best_chars || k == 0) best = k, best_chars = n;
        if (n >= MIN_ARTICLE_CHARS) break;
    }
    mode md = modes[best];
    select_content(&c, md);

    /* body blocks in order */
    const pact_block **body = pact_arena_alloc(page->arena, (nblocks ? nblocks : 1) * sizeof *body);
    size_t *body_block = pact_arena_alloc(tmp, (nblocks ? nblocks : 1) * sizeof *body_block);
    size_t nbody = 0;
    long first_body = -1;
    for (size_t i = 0; i < nblocks; i++) {
        pact__html_block *b = &blocks[i];
        pact_block *pb = b->pb;
        if (b->flags & PACT__F_HEADTITLE) continue;
        if (excluded(b, md) || !b->owner->in_content || b->owner->cut || unlikely_inside(b->owner)) continue;
        if ((b->flags & PACT__F_CAPTION) || ((b->flags & PACT__F_IMGBOX) && c.chars[i] < 250)) {
            pb->kind = PACT_BLOCK_CAPTION;
            continue;
        }
        if (b->flags & PACT__F_H1) continue;
        if (b->tlen && b->links * 2 > b->tlen) continue; /* a link list item or "read more" */
        pb->kind = (b->flags & PACT__F_LEAD) && !nbody ? PACT_BLOCK_LEAD
                   : (b->flags & PACT__F_HEADING) ? PACT_BLOCK_SUBHEAD : PACT_BLOCK_BODY;
        if (first_body < 0) first_body = (long)i;
        body_block[nbody] = i;
        body[nbody++] = pb;
    }

    /* the title: the <h1> that agrees with og:title (or JSON-LD's headline,
     * or <title>), else the first <h1> before the body, else <title> */
    const char *mt = meta->og_title ? meta->og_title : meta->ld_headline ? meta->ld_headline : meta->head_title_text;
    pact_block *title = NULL;
    long title_i = -1;
    for (int pass = 0; pass < 2 && !title; pass++) {
        for (size_t i = 0; i < nblocks; i++) {
            const pact__html_block *b = &blocks[i];
            if (!(b->flags & PACT__F_H1) || (b->flags & PACT__F_SKIP) || !b->tlen) continue;
            if (pass == 0 && !similar(b->pb, mt)) continue;
            if (pass == 1 && (first_body >= 0 && (long)i > first_body && !b->owner->in_content)) continue;
            if (pass == 1 && (b->flags & PACT__F_DROP)) continue;
            title = b->pb;
            title_i = (long)i;
            break;
        }
    }
    if (!title) {
        /* a heading of another rank that says what og:title says */
        for (size_t i = 0; i < nblocks && mt; i++) {
            const pact__html_block *b = &blocks[i];
            if (!(b->flags & PACT__F_HEADING) || (b->flags & PACT__F_SKIP) || !b->tlen) continue;
            if (first_body >= 0 && (long)i > first_body) break;
            if (similar(b->pb, mt)) {
                title = b->pb;
                title_i = (long)i;
                break;
            }
        }
    }
    if (!title) {
        for (size_t i = 0; i < nblocks; i++)
            if (blocks[i].flags & PACT__F_HEADTITLE) {
                title = blocks[i].pb;
                title_i = (long)i;
                trim_head_title(title);
                break;
            }
        /* the same words shown on the page (a styled <div>, no <h1>) make a
         * better span than <head>'s copy */
        for (size_t i = 0; title && title->len >= 8 && i < nblocks; i++) {
            const pact__html_block *b = &blocks[i];
            if (first_body >= 0 && (long)i >= first_body) break;
            if ((b->flags & (PACT__F_SKIP | PACT__F_HEADTITLE)) || b->pb->len != title->len) continue;
            if (memcmp(b->pb->text, title->text, title->len) != 0) continue;
            title = b->pb;
            title_i = (long)i;
            break;
        }
    }
    if (title) title->kind = PACT_BLOCK_TITLE;
    /* page furniture inside the article box: a breadcrumb trail anywhere, and
     * a section label ("Quân sự thế giới") above the title */
    {
        size_t k = 0;
        for (size_t i = 0; i < nbody; i++) {
            const pact_block *pb = body[i];
            if (pb == title) continue;
            bool above = title_i >= 0 && (long)body_block[i] < title_i && c.chars[body_block[i]] <= 60;
            if (crumb_shaped(pb->text, pb->len) || (above && label_shaped(pb->text, pb->len, 8))) {
                blocks[body_block[i]].pb->kind = PACT_BLOCK_BOILERPLATE;
                continue;
            }
            body_block[k] = body_block[i];
            body[k++] = pb;
        }
        nbody = k;
        first_body = nbody ? (long)body_block[0] : -1;
    }

    /* a lead outside the content, between the title and the body */
    if (first_body >= 0) {
        for (long i = first_body - 1; i > title_i && i >= 0 && first_body - i <= 8; i--) {
            pact__html_block *b = &blocks[i];
            if (!(b->flags & PACT__F_LEAD) || (b->flags & (PACT__F_SKIP | PACT__F_DROP | PACT__F_CAPTION)))
                continue;
            if (c.chars[i] < 30 || b->links * 3 > b->tlen || b->pb->kind != PACT_BLOCK_BOILERPLATE) continue;
            b->pb->kind = PACT_BLOCK_LEAD;
            memmove(body + 1, body, nbody * sizeof *body);
            body[0] = b->pb;
            nbody++;
            break;
        }
    }

    /* the dateline: a short block near the title or at the top of the body
     * that holds a date */
    char dateline[11] = "";
    long lo = title_i >= 0 ? title_i + 1 : first_body >= 0 ? first_body - 6 : 0;
    if (lo < 0) lo = 0;
    long hi = first_body >= 0 ? first_body + 6 : lo + 12;
    for (long i = lo; i < hi && (size_t)i < nblocks; i++) {
        pact__html_block *b = &blocks[i];
        pact_block *pb = b->pb;
        if (c.chars[i] > 80 || (b->flags & PACT__F_SKIP) || pb->kind == PACT_BLOCK_TITLE) continue;
        bool in_body = pb->kind == PACT_BLOCK_BODY || pb->kind == PACT_BLOCK_LEAD;
        /* "Ngày 4/4/2023, Phần Lan ..." is a sentence; a linked "(31/03/2023)"
         * is a related item */
        if (!dateline_shaped(pb) || b->links * 2 > b->tlen) continue;
        char dt[11];
        if (!pact__page_parse_dateline(pb->text, pb->len, dt)) continue;
        if (in_body) {
            size_t k = 0;
            for (size_t j = 0; j < nbody; j++)
                if (body[j] != pb) body[k++] = body[j];
            nbody = k;
        }
        pb->kind = PACT_BLOCK_DATELINE;
        if (!dateline[0]) memcpy(dateline, dt, sizeof dt);
        break;
    }

    char published[11] = "";
    if (!date_of(meta->ld_date, published) && !date_of(meta->date_meta, published) &&
        !date_of(meta->date_itemprop, published) && !date_of(meta->date_meta2, published)) {
        for (size_t i = 0; i < meta->ntimes && !published[0]; i++) {
            const pact__html_el *e = meta->times[i].el;
            if (e->in_content || (e->first_block >= 0 && first_body >= 0 && e->first_block <= first_body) ||
                meta->ntimes == 1)
                date_of(meta->times[i].value, published);
        }
        if (!published[0] && dateline[0]) memcpy(published, dateline, sizeof published);
    }

    if (!page->source_url) {
        const char *u = meta->canonical && *meta->canonical ? meta->canonical : meta->og_url;
        if (plausible_url(u)) page->source_url = pact_arena_strdup(page->arena, u);
    }

    if (!nbody) return;
    page->articles = pact_arena_alloc(page->arena, sizeof *page->articles);
    page->narticles = 1;
    pact_article *a = &page->articles[0];
    a->title = title;
    memcpy(a->published, published, sizeof a->published);
    a->body = body;
    a->nbody = nbody;
}
