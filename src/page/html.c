/*
 * The HTML page reader. libxml2's HTML parser reads the page (recovering from
 * broken markup) and reports elements and text through SAX callbacks, so no
 * tree is built; as it goes, the text becomes blocks (paragraphs, headings,
 * list items, captions, runs between <br>s), every text node is found in the
 * bytes libxml2 read to build each block's offset map, and the page's
 * metadata is gathered (canonical URL, dates, titles). The content selection
 * (html_content.c) then picks the article; html_input.c prepares the bytes.
 *
 * Offsets: libxml2 gives none for text, so each text node is searched for in
 * the markup from where the previous one ended (entities decoded, markup,
 * comments and script bodies skipped), bounded by libxml2's line numbers and
 * by a budget of bytes for failed searches, which keeps it linear. A decoded
 * reference ("&amp;") is one segment of the map: 1 text byte <-> 5 input bytes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>

#include "page/html_internal.h"

/* ---------------------------------------------------------------- tags */

typedef struct {
    const char *name;
    unsigned char tag;
    unsigned char props;
} tag_info;

/* Sorted by name for bsearch. */
static const tag_info TAGS[] = {
    {"a", PACT__T_A, 0},
    {"address", PACT__T_ADDRESS, PACT__P_BLOCK},
    {"article", PACT__T_ARTICLE, PACT__P_BLOCK},
    {"aside", PACT__T_ASIDE, PACT__P_BLOCK | PACT__P_DROP},
    {"audio", PACT__T_OTHER, PACT__P_SKIP},
    {"blockquote", PACT__T_BLOCKQUOTE, PACT__P_BLOCK},
    {"body", PACT__T_BODY, PACT__P_BLOCK},
    {"br", PACT__T_BR, PACT__P_BLOCK},
    {"button", PACT__T_OTHER, PACT__P_SKIP},
    {"canvas", PACT__T_OTHER, PACT__P_SKIP},
    {"caption", PACT__T_CAPTION, PACT__P_BLOCK},
    {"center", PACT__T_DIV, PACT__P_BLOCK},
    {"dd", PACT__T_DD, PACT__P_BLOCK},
    {"details", PACT__T_DIV, PACT__P_BLOCK},
    {"dialog", PACT__T_OTHER, PACT__P_BLOCK | PACT__P_DROP},
    {"div", PACT__T_DIV, PACT__P_BLOCK},
    {"dl", PACT__T_DL, PACT__P_BLOCK},
    {"dt", PACT__T_DT, PACT__P_BLOCK},
    {"embed", PACT__T_EMBED, PACT__P_SKIP},
    {"fieldset", PACT__T_FORM, PACT__P_BLOCK},
    {"figcaption", PACT__T_FIGCAPTION, PACT__P_BLOCK},
    {"figure", PACT__T_FIGURE, PACT__P_BLOCK},
    {"footer", PACT__T_FOOTER, PACT__P_BLOCK | PACT__P_DROP},
    {"form", PACT__T_FORM, PACT__P_BLOCK},
    {"frameset", PACT__T_OTHER, PACT__P_SKIP},
    {"h1", PACT__T_H1, PACT__P_BLOCK},
    {"h2", PACT__T_H2, PACT__P_BLOCK},
    {"h3", PACT__T_H3, PACT__P_BLOCK},
    {"h4", PACT__T_H4, PACT__P_BLOCK},
    {"h5", PACT__T_H5, PACT__P_BLOCK},
    {"h6", PACT__T_H6, PACT__P_BLOCK},
    {"head", PACT__T_HEAD, PACT__P_BLOCK | PACT__P_SKIP},
    {"header", PACT__T_HEADER, PACT__P_BLOCK},
    {"hgroup", PACT__T_DIV, PACT__P_BLOCK},
    {"hr", PACT__T_OTHER, PACT__P_BLOCK},
    {"html", PACT__T_HTML, PACT__P_BLOCK},
    {"iframe", PACT__T_EMBED, PACT__P_SKIP},
    {"img", PACT__T_IMG, 0},
    {"input", PACT__T_INPUT, PACT__P_SKIP},
    {"li", PACT__T_LI, PACT__P_BLOCK},
    {"link", PACT__T_LINK, 0},
    {"main", PACT__T_MAIN, PACT__P_BLOCK},
    {"map", PACT__T_OTHER, PACT__P_SKIP},
    {"math", PACT__T_OTHER, PACT__P_SKIP},
    {"menu", PACT__T_OTHER, PACT__P_BLOCK | PACT__P_DROP},
    {"meta", PACT__T_META, 0},
    {"nav", PACT__T_NAV, PACT__P_BLOCK | PACT__P_DROP},
    {"noscript", PACT__T_OTHER, PACT__P_SKIP},
    {"object", PACT__T_EMBED, PACT__P_SKIP},
    {"ol", PACT__T_OL, PACT__P_BLOCK},
    {"option", PACT__T_OTHER, PACT__P_SKIP},
    {"p", PACT__T_P, PACT__P_BLOCK},
    {"pre", PACT__T_PRE, PACT__P_BLOCK},
    {"script", PACT__T_SCRIPT, PACT__P_SKIP},
    {"section", PACT__T_SECTION, PACT__P_BLOCK},
    {"select", PACT__T_INPUT, PACT__P_SKIP},
    {"style", PACT__T_OTHER, PACT__P_SKIP},
    {"summary", PACT__T_DIV, PACT__P_BLOCK},
    {"svg", PACT__T_OTHER, PACT__P_SKIP},
    {"table", PACT__T_TABLE, PACT__P_BLOCK},
    {"tbody", PACT__T_OTHER, PACT__P_BLOCK},
    {"td", PACT__T_TD, PACT__P_BLOCK},
    {"template", PACT__T_OTHER, PACT__P_SKIP},
    {"textarea", PACT__T_INPUT, PACT__P_SKIP},
    {"tfoot", PACT__T_OTHER, PACT__P_BLOCK},
    {"th", PACT__T_TH, PACT__P_BLOCK},
    {"thead", PACT__T_OTHER, PACT__P_BLOCK},
    {"time", PACT__T_TIME, 0},
    {"title", PACT__T_TITLE, PACT__P_BLOCK},
    {"tr", PACT__T_TR, PACT__P_BLOCK},
    {"ul", PACT__T_UL, PACT__P_BLOCK},
    {"video", PACT__T_OTHER, PACT__P_SKIP},
};

static int tag_cmp(const void *k, const void *e) {
    return strcmp((const char *)k, ((const tag_info *)e)->name);
}

static const tag_info *tag_lookup(const char *name) {
    return bsearch(name, TAGS, sizeof TAGS / sizeof TAGS[0], sizeof TAGS[0], tag_cmp);
}

/* ------------------------------------------------------ small helpers */

static int lc(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

static bool eq_ci(const char *a, const char *b) {
    if (!a || !b) return false;
    while (*a && *b && lc((unsigned char)*a) == lc((unsigned char)*b)) a++, b++;
    return !*a && !*b;
}

static bool has_ci(const char *hay, const char *needle) {
    if (!hay) return false;
    size_t k = strlen(needle);
    for (const char *p = hay; *p; p++) {
        size_t j = 0;
        while (j < k && p[j] && lc((unsigned char)p[j]) == needle[j]) j++;
        if (j == k) return true;
    }
    return false;
}

/* An attribute's value from libxml2's SAX list (name, value, ..., NULL);
 * "" for an attribute without value, NULL when absent. */
static const char *attr(const xmlChar **atts, const char *name) {
    for (size_t i = 0; atts && atts[i]; i += 2)
        if (!strcmp((const char *)atts[i], name)) return atts[i + 1] ? (const char *)atts[i + 1] : "";
    return NULL;
}

/* The attributes every element is asked about, read in one pass. */
typedef struct {
    const char *cls, *id, *role, *itemprop, *style, *aria_hidden;
    bool hidden;
} common_attrs;

static void read_attrs(const xmlChar **atts, common_attrs *ca) {
    memset(ca, 0, sizeof *ca);
    for (size_t i = 0; atts && atts[i]; i += 2) {
        const char *name = (const char *)atts[i], *v = atts[i + 1] ? (const char *)atts[i + 1] : "";
        switch (name[0]) {
        case 'c': if (!strcmp(name, "class")) ca->cls = v; break;
        case 'i':
            if (!strcmp(name, "id")) ca->id = v;
            else if (!strcmp(name, "itemprop")) ca->itemprop = v;
            break;
        case 'r': if (!strcmp(name, "role")) ca->role = v; break;
        case 's': if (!strcmp(name, "style")) ca->style = v; break;
        case 'h': if (!strcmp(name, "hidden")) ca->hidden = true; break;
        case 'a': if (!strcmp(name, "aria-hidden")) ca->aria_hidden = v; break;
        default: break;
        }
    }
}

static bool is_ws(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

/* ------------------------------------------------ class/id signals */

/* Readability's lists, plus a few words news sites in Vietnamese use for the
 * same boxes (tin liên quan, bình luận, chia sẻ, xem thêm, tin khác). */
static const char *const UNLIKELY[] = {
    "-ad-", "ai2html", "banner", "breadcrumb", "combx", "comment", "community", "cover-wrap",
    "disqus", "extra", "footer", "gdpr", "header", "legends", "menu", "related", "remark",
    "replies", "rss", "shoutbox", "sidebar", "skyscraper", "social", "sponsor", "supplemental",
    "ad-break", "agegate", "pagination", "pager", "popup", "yom-remote", "share", "newsletter",
    "subscribe", "cookie", "outbrain", "taboola", "lienquan", "lien-quan", "binhluan",
    "binh-luan", "tinkhac", "tin-khac", "xemthem", "xem-them", "chiase", "chia-se", NULL};
/* "embed": a post quoted from a social network (a minister's tweet) is
 * content, whatever its wrapper says about social media. */
static const char *const MAYBE[] = {"and", "article", "body", "column", "content", "main", "shadow", "embed", NULL};
static const char *const POSITIVE[] = {"article", "body", "content", "entry", "hentry", "h-entry", "main",
                                       "page", "pagination", "post", "text", "blog", "story",
                                       "noidung", "noi-dung", "detail", NULL};
static const char *const NEGATIVE[] = {
    "-ad-", "hidden", "banner", "combx", "comment", "com-", "contact", "foot", "footer", "footnote",
    "gdpr", "masthead", "media", "meta", "outbrain", "promo", "related", "scroll", "share",
    "shoutbox", "sidebar", "skyscraper", "sponsor", "shopping", "tags", "tool", "widget",
    "lienquan", "lien-quan", "binhluan", "binh-luan", "tinkhac", "tin-khac", NULL};
static const char *const LEAD[] = {"sapo", "lead", "summary", "standfirst", "intro", "excerpt",
                                   "description", "tomtat", "tom-tat", "chapeau", "dek", NULL};
static const char *const CAPTION[] = {"caption", "credit", "photo-desc", "image-desc", NULL};
static const char *const IMGBOX[] = {"image", "photo", "picture", "figure", "hinhanh", "hinh-anh", NULL};

enum { K_UNLIKELY = 1, K_MAYBE = 2, K_POSITIVE = 4, K_NEGATIVE = 8, K_LEAD = 16, K_CAPTION = 32, K_IMGBOX = 64 };

/* All the lists in one index by first letter, built per page (cheap) so no
 * state is shared between threads. */
typedef struct {
    const char *pat[160];
    unsigned char kind[160], len[160];
    unsigned char first[256][2]; /* [start, count) into the sorted arrays */
    size_t n;
} patset;

static void patset_add(patset *ps, const char *const *list, unsigned kind) {
    for (; *list; list++) {
        size_t i;
        for (i = 0; i < ps->n; i++)
            if (!strcmp(ps->pat[i], *list)) break;
        if (i == ps->n) {
            if (ps->n == sizeof ps->pat / sizeof ps->pat[0]) return;
            ps->pat[ps->n] = *list;
            ps->len[ps->n] = (unsigned char)strlen(*list);
            ps->kind[ps->n++] = 0;
        }
        ps->kind[i] |= (unsigned char)kind;
    }
}

static int pat_cmp(const void *a, const void *b) {
    return (unsigned char)**(const char *const *)a - (unsigned char)**(const char *const *)b;
}

static void patset_init(patset *ps) {
    memset(ps, 0, sizeof *ps);
    patset_add(ps, UNLIKELY, K_UNLIKELY);
    patset_add(ps, MAYBE, K_MAYBE);
    patset_add(ps, POSITIVE, K_POSITIVE);
    patset_add(ps, NEGATIVE, K_NEGATIVE);
    patset_add(ps, LEAD, K_LEAD);
    patset_add(ps, CAPTION, K_CAPTION);
    patset_add(ps, IMGBOX, K_IMGBOX);
    /* sort by first byte, carrying kind and len along */
    struct { const char *p; unsigned char k, l; } tmp[160];
    for (size_t i = 0; i < ps->n; i++) tmp[i].p = ps->pat[i], tmp[i].k = ps->kind[i], tmp[i].l = ps->len[i];
    qsort(tmp, ps->n, sizeof tmp[0], pat_cmp);
    for (size_t i = 0; i < ps->n; i++) {
        ps->pat[i] = tmp[i].p, ps->kind[i] = tmp[i].k, ps->len[i] = tmp[i].l;
        unsigned char f = (unsigned char)tmp[i].p[0];
        if (!ps->first[f][1]) ps->first[f][0] = (unsigned char)i;
        ps->first[f][1]++;
    }
}

/* The kinds of the patterns found in s (lower case). */
static unsigned patset_match(const patset *ps, const char *s) {
    unsigned k = 0;
    for (const char *p = s; *p; p++) {
        const unsigned char *f = ps->first[(unsigned char)*p];
        for (unsigned i = f[0]; i < (unsigned)f[0] + f[1]; i++)
            if (ps->kind[i] & ~k) {
                const char *q = ps->pat[i];
                size_t j = 1;
                while (q[j] && p[j] == q[j]) j++;
                if (!q[j]) k |= ps->kind[i];
            }
    }
    return k;
}

static void lower_into(char *out, size_t outsz, const char *s) {
    size_t k = 0;
    for (; s && *s && k + 1 < outsz; s++) out[k++] = (char)lc((unsigned char)*s);
    out[k] = '\0';
}

static int weight_of(unsigned k) {
    return ((k & K_NEGATIVE) ? -25 : 0) + ((k & K_POSITIVE) ? 25 : 0);
}

/* -------------------------------------------- text node -> input bytes */

typedef struct {
    size_t c, cn, w, wn;  /* text[c, c+cn) came from work[w, w+wn) */
} piece;

typedef struct {
    const char *w;
    size_t n;
    size_t cursor;
    size_t *line_start;   /* offset of line L+1 at [L], for lines libxml2 numbers */
    size_t nlines;
    long long budget;     /* bytes a failed search may still scan (keeps it linear) */
    piece *pc;
    size_t npc, cappc;
    unsigned misses;
} matcher;

static void pc_push(matcher *m, size_t c, size_t cn, size_t w, size_t wn) {
    if (m->npc && cn == wn) {
        piece *l = &m->pc[m->npc - 1];
        if (l->cn == l->wn && l->c + l->cn == c && l->w + l->wn == w) {
            l->cn += cn;
            l->wn += wn;
            return;
        }
    }
    if (m->npc == m->cappc) {
        m->cappc = m->cappc ? m->cappc * 2 : 64;
        m->pc = pact__xrealloc(m->pc, m->cappc * sizeof *m->pc);
    }
    m->pc[m->npc++] = (piece){c, cn, w, wn};
}

/* Decodes the character reference at w[q] ('&'); returns its raw length and
 * writes the UTF-8 into out (*outn bytes), or returns 0. */
static size_t decode_ref(const char *w, size_t n, size_t q, char out[8], size_t *outn) {
    size_t i = q + 1;
    if (i < n && w[i] == '#') {
        i++;
        long cp = 0;
        bool hex = i < n && (w[i] == 'x' || w[i] == 'X');
        if (hex) i++;
        size_t d0 = i;
        while (i < n && i - d0 < 8) {
            char c = w[i];
            int v = c >= '0' && c <= '9' ? c - '0'
                    : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (v < 0) break;
            cp = cp * (hex ? 16 : 10) + v;
            i++;
        }
        if (i == d0) return 0;
        if (i < n && w[i] == ';') i++;
        if (cp <= 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            *outn = 0;
            return i - q;
        }
        *outn = pact_utf8_encode((int32_t)cp, out);
        return i - q;
    }
    char name[40];
    size_t k = 0;
    while (i < n && k + 1 < sizeof name &&
           ((w[i] >= 'a' && w[i] <= 'z') || (w[i] >= 'A' && w[i] <= 'Z') || (w[i] >= '0' && w[i] <= '9')))
        name[k++] = w[i++];
    name[k] = '\0';
    if (!k || i >= n || w[i] != ';') return 0;
    const htmlEntityDesc *e = htmlEntityLookup((const xmlChar *)name);
    int32_t cp = e ? (int32_t)e->value : !strcmp(name, "apos") ? '\'' : -1;
    if (cp <= 0) return 0;
    *outn = pact_utf8_encode(cp, out);
    return i + 1 - q;
}

/* Does the text c[0..cn) start at w[q] (entities decoded)? Fills the pieces. */
static bool match_at(matcher *m, size_t q, const char *c, size_t cn, size_t *qend) {
    const char *w = m->w;
    size_t n = m->n, i = 0;
    m->npc = 0;
    while (i < cn) {
        if (q >= n) return false;
        char ch = w[q];
        if (ch == '&') {
            char dec[8];
            size_t dn = 0, rn = decode_ref(w, n, q, dec, &dn);
            if (rn && dn <= cn - i && memcmp(c + i, dec, dn) == 0 && (dn || c[i] != '&')) {
                if (dn) pc_push(m, i, dn, q, rn);
                i += dn;
                q += rn;
                continue;
            }
            if (c[i] != '&') return false;
            pc_push(m, i, 1, q, 1);
            i++, q++;
            continue;
        }
        if (ch == c[i]) {
            if (ch == '<' && q + 1 < n) {
                char nx = w[q + 1];
                if ((nx >= 'a' && nx <= 'z') || (nx >= 'A' && nx <= 'Z') || nx == '/' || nx == '!') return false;
            }
            pc_push(m, i, 1, q, 1);
            i++, q++;
            continue;
        }
        if (ch == '\r' || ch == '\0') { /* libxml2 drops CR before LF, and NUL */
            q++;
            continue;
        }
        return false;
    }
    *qend = q;
    return true;
}

static const char *find_ci_n(const char *s, size_t n, const char *needle) {
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++) {
        if (lc((unsigned char)s[i]) != needle[0]) continue;
        size_t j = 1;
        while (j < k && lc((unsigned char)s[i + j]) == needle[j]) j++;
        if (j == k) return s + i;
    }
    return NULL;
}

/* At w[q] == '<': the offset after the markup that starts there (a tag with
 * its attributes, a comment, a script's or style's content), or q + 1 when
 * the '<' is text. */
static size_t skip_markup(const char *w, size_t n, size_t q) {
    if (q + 1 >= n) return q + 1;
    char c = w[q + 1];
    if (c == '!') {
        if (q + 3 < n && w[q + 2] == '-' && w[q + 3] == '-') {
            const char *e = q + 4 <= n ? find_ci_n(w + q + 4, n - q - 4, "-->") : NULL;
            return e ? (size_t)(e - w) + 3 : n;
        }
        const char *e = memchr(w + q, '>', n - q);
        return e ? (size_t)(e - w) + 1 : n;
    }
    if (c == '?') {
        const char *e = memchr(w + q, '>', n - q);
        return e ? (size_t)(e - w) + 1 : n;
    }
    bool close = c == '/';
    size_t i = q + 1 + close;
    if (i >= n || !((w[i] >= 'a' && w[i] <= 'z') || (w[i] >= 'A' && w[i] <= 'Z'))) return q + 1;
    size_t name0 = i;
    while (i < n && ((w[i] >= 'a' && w[i] <= 'z') || (w[i] >= 'A' && w[i] <= 'Z') || (w[i] >= '0' && w[i] <= '9')))
        i++;
    size_t namelen = i - name0;
    bool raw = !close && ((namelen == 6 && !strncasecmp(w + name0, "script", 6)) ||
                          (namelen == 5 && !strncasecmp(w + name0, "style", 5)));
    /* attributes: quoted values may hold '>' */
    while (i < n && w[i] != '>') {
        if (w[i] == '=') {
            i++;
            while (i < n && is_ws((unsigned char)w[i])) i++;
            if (i < n && (w[i] == '"' || w[i] == '\'')) {
                const char *e = memchr(w + i + 1, w[i], n - i - 1);
                if (!e) return n;
                i = (size_t)(e - w) + 1;
                continue;
            }
            continue;
        }
        i++;
    }
    if (i < n) i++;
    if (raw) {
        const char *e = find_ci_n(w + i, n - i, namelen == 6 ? "</script" : "</style");
        return e ? (size_t)(e - w) : n;
    }
    return i;
}

static size_t line_offset(const matcher *m, long line) {
    if (line <= 1) return 0;
    if ((size_t)(line - 1) > m->nlines) return m->n;
    return m->line_start[line - 2];
}

/* Finds c[0..cn) in the markup from the cursor on; lo_line and hi_line bound
 * the search with libxml2's line numbers (0 when unknown). */
static bool find_text(matcher *m, const char *c, size_t cn, long lo_line, long hi_line) {
    size_t q = m->cursor, limit = m->n;
    if (lo_line > 1 && lo_line < 65535) {
        size_t lo = line_offset(m, lo_line - 1);
        if (lo > q) q = lo;
    }
    if (hi_line > 0 && hi_line < 65534) limit = line_offset(m, hi_line + 2);
    if (m->budget <= 0) {
        /* the budget is spent: look only just ahead, at a cost bounded by the
         * text's own length */
        size_t near = q + 64 + 2 * cn;
        if (near < limit) limit = near;
    }
    size_t q0 = q;
    unsigned char c0 = (unsigned char)c[0];
    while (q < limit) {
        unsigned char ch = (unsigned char)m->w[q];
        if (ch == '<') {
            size_t nq = skip_markup(m->w, m->n, q);
            if (nq > q + 1 || c0 != '<') {
                q = nq;
                continue;
            }
        }
        if (ch == c0 || ch == '&') {
            size_t e;
            if (match_at(m, q, c, cn, &e)) {
                m->cursor = e;
                return true;
            }
        }
        q++;
    }
    m->budget -= (long long)(q - q0);
    m->misses++;
    return false;
}

/* ------------------------------------------------------------- walk */

typedef struct {
    pact__html_input in;
    matcher m;
    pact_arena *tmp;
    pact__html_el **els;
    size_t nels, capels;
    pact__html_block *blocks;
    size_t nblocks, capblocks;
    pact_buf text;          /* all blocks' text, end to end */
    long cur;               /* the open block, or -1 */
    bool space;             /* whitespace seen since the last character */
    size_t space_w;         /* where that whitespace was (work offset) */
    pact__html_meta meta;
    patset pats;
    pact_diag *d;
    htmlParserCtxtPtr ctxt;
    pact__html_el **stack;  /* open elements (past the depth limit: repeats) */
    bool *own;              /* whether stack[i] was made for that element */
    size_t depth, capstack;
    pact_buf pend;          /* text since the last other event */
    long pend_line;         /* libxml2's line when it began */
    bool in_ld;             /* inside a JSON-LD <script> */
    pact_buf ld;
} walker;

static void flush(walker *wk) {
    if (wk->cur < 0) return;
    pact__html_block *b = &wk->blocks[wk->cur];
    b->tlen = wk->text.len - b->toff;
    if (b->tlen > PACT_MAX_BLOCK_BYTES) {
        /* as a flattened page's overlong line (internal.h) */
        pact_warn(wk->d, SIZE_MAX, "block of %zu bytes of text is longer than the limit (%zu): skipped", b->tlen,
                  (size_t)PACT_MAX_BLOCK_BYTES);
        pact_buf_truncate(&wk->text, b->toff);
        b->tlen = 0;
    }
    if (!b->tlen) { /* nothing but whitespace: forget it */
        pact_omap_free(&b->map);
        wk->nblocks--;
    }
    wk->cur = -1;
    wk->space = false;
}

static pact__html_block *open_block(walker *wk, pact__html_el *owner) {
    if (wk->cur >= 0 && wk->blocks[wk->cur].owner != owner) flush(wk);
    if (wk->cur >= 0) return &wk->blocks[wk->cur];
    if (wk->nblocks == wk->capblocks) {
        wk->capblocks = wk->capblocks ? wk->capblocks * 2 : 256;
        wk->blocks = pact__xrealloc(wk->blocks, wk->capblocks * sizeof *wk->blocks);
    }
    pact__html_block *b = &wk->blocks[wk->nblocks];
    memset(b, 0, sizeof *b);
    b->owner = owner;
    if (owner->first_block < 0) owner->first_block = (long)wk->nblocks;
    b->flags = owner->flags;
    b->toff = wk->text.len;
    pact_omap_init(&b->map);
    wk->cur = (long)wk->nblocks++;
    wk->space = false;
    return b;
}

static void put(walker *wk, pact__html_block *b, const char *s, size_t n, size_t w, size_t wn, bool link) {
    if (wk->space && wk->text.len > b->toff) {
        size_t t = wk->text.len - b->toff;
        if (pact_buf_putc(&wk->text, ' ')) return;
        pact_omap_push(&b->map, t, 1, wk->space_w == SIZE_MAX ? w : wk->space_w, wk->space_w == SIZE_MAX ? 0 : 1);
        if (link) b->links++;
    }
    wk->space = false;
    size_t t = wk->text.len - b->toff;
    if (pact_buf_append(&wk->text, s, n)) return;
    pact_omap_push(&b->map, t, n, w, wn);
    if (link) b->links += n;
    for (size_t i = 0; i < n; i++) b->commas += s[i] == ',';
}

static void see_space(walker *wk, size_t w) {
    if (!wk->space) wk->space_w = w;
    wk->space = true;
}

/* Appends one matched (or unmatched) text node to the open block, collapsing
 * whitespace: runs of spaces, tabs, newlines and no-break spaces become one
 * space, mapped to the first of them. */
static void add_text(walker *wk, pact__html_el *e, const char *c, size_t cn, bool found) {
    pact__html_block *b = open_block(wk, e->blk);
    bool link = (e->flags & PACT__F_LINK) != 0;
    const matcher *m = &wk->m;
    if (!found) {
        /* not located in the markup: map the whole text to where we are */
        size_t i = 0;
        while (i < cn) {
            if (is_ws((unsigned char)c[i])) {
                see_space(wk, SIZE_MAX);
                i++;
                continue;
            }
            size_t j = i;
            while (j < cn && !is_ws((unsigned char)c[j])) j++;
            put(wk, b, c + i, j - i, m->cursor, 0, link);
            i = j;
        }
        return;
    }
    for (size_t k = 0; k < m->npc; k++) {
        const piece *p = &m->pc[k];
        if (p->cn != p->wn) { /* a character reference: one unit */
            if (p->cn == 2 && (unsigned char)c[p->c] == 0xC2 && (unsigned char)c[p->c + 1] == 0xA0)
                see_space(wk, p->w);
            else
                put(wk, b, c + p->c, p->cn, p->w, p->wn, link);
            continue;
        }
        size_t i = 0;
        while (i < p->cn) {
            unsigned char ch = (unsigned char)c[p->c + i];
            if (is_ws(ch)) {
                see_space(wk, p->w + i);
                i++;
                continue;
            }
            if (ch == 0xC2 && i + 1 < p->cn && (unsigned char)c[p->c + i + 1] == 0xA0) {
                see_space(wk, p->w + i);
                i += 2;
                continue;
            }
            size_t j = i;
            while (j < p->cn) {
                unsigned char cj = (unsigned char)c[p->c + j];
                if (is_ws(cj) || (cj == 0xC2 && j + 1 < p->cn && (unsigned char)c[p->c + j + 1] == 0xA0)) break;
                j++;
            }
            put(wk, b, c + p->c + i, j - i, p->w + i, j - i, link);
            i = j;
        }
    }
}

/* One text node's worth of characters (libxml2 hands them over in pieces). */
static void on_text(walker *wk) {
    pact__html_el *e = wk->depth ? wk->stack[wk->depth - 1] : NULL;
    const char *c = wk->pend.ptr;
    size_t cn = wk->pend.len, l = 0, r = 0;
    if (!e || !cn) return;
    while (l < cn && is_ws((unsigned char)c[l])) l++;
    if (l == cn) {
        if (wk->cur >= 0) see_space(wk, SIZE_MAX);
        return;
    }
    while (r < cn && is_ws((unsigned char)c[cn - 1 - r])) r++;
    bool found = find_text(&wk->m, c + l, cn - l - r, e->line, wk->pend_line);
    if (e->flags & PACT__F_SKIP) return;
    if ((e->flags & PACT__F_HEADTITLE) && !wk->meta.head_title_text)
        wk->meta.head_title_text = pact_arena_strndup(wk->tmp, c + l, cn - l - r);
    if (l && wk->cur >= 0) see_space(wk, SIZE_MAX);
    add_text(wk, e, c + l, cn - l - r, found);
    if (r) see_space(wk, SIZE_MAX);
}

static void flush_text(walker *wk) {
    if (!wk->pend.len) return;
    on_text(wk);
    pact_buf_truncate(&wk->pend, 0);
}

/* Keeps the first value seen (copied: SAX attribute values are transient). */
static void set_once(walker *wk, const char **slot, const char *v) {
    if (!*slot && v && *v) *slot = pact_arena_strndup(wk->tmp, v, strnlen(v, 4096));
}

/* Metadata from <meta>, <link>, <time>, itemprop and JSON-LD. */
static void gather_meta(walker *wk, const xmlChar **n, int tag, pact__html_el *e, const common_attrs *ca) {
    pact__html_meta *mt = &wk->meta;
    if (tag == PACT__T_META) {
        const char *key = attr(n, "property");
        if (!key) key = attr(n, "name");
        if (!key) key = attr(n, "itemprop");
        const char *v = attr(n, "content");
        if (!key || !v) return;
        if (eq_ci(key, "og:title") || eq_ci(key, "twitter:title")) set_once(wk, &mt->og_title, v);
        else if (eq_ci(key, "og:url")) set_once(wk, &mt->og_url, v);
        else if (eq_ci(key, "article:published_time") || eq_ci(key, "og:article:published_time") ||
                 eq_ci(key, "datePublished") || eq_ci(key, "article:published"))
            set_once(wk, &mt->date_meta, v);
        else if (eq_ci(key, "pubdate") || eq_ci(key, "publishdate") || eq_ci(key, "publish-date") ||
                 eq_ci(key, "publish_date") || eq_ci(key, "dc.date.issued") || eq_ci(key, "dcterms.issued") ||
                 eq_ci(key, "dcterms.created") || eq_ci(key, "dc.date") || eq_ci(key, "date") ||
                 eq_ci(key, "sailthru.date") || eq_ci(key, "parsely-pub-date") ||
                 eq_ci(key, "article.published") || eq_ci(key, "og:published_time") ||
                 eq_ci(key, "dcterms.date") || eq_ci(key, "release_date"))
            set_once(wk, &mt->date_meta2, v);
        return;
    }
    if (tag == PACT__T_LINK) {
        const char *rel = attr(n, "rel");
        if (rel && eq_ci(rel, "canonical")) set_once(wk, &mt->canonical, attr(n, "href"));
        return;
    }
    if (tag == PACT__T_SCRIPT) {
        const char *type = attr(n, "type");
        wk->in_ld = type && has_ci(type, "ld+json") && (!mt->ld_date || !mt->ld_headline);
        return;
    }
    const char *ip = ca->itemprop;
    if (ip && eq_ci(ip, "datePublished")) {
        const char *v = attr(n, "datetime");
        if (!v) v = attr(n, "content");
        set_once(wk, &mt->date_itemprop, v);
    }
    if (tag == PACT__T_TIME) {
        const char *v = attr(n, "datetime");
        if (v && *v) {
            if (attr(n, "pubdate")) set_once(wk, &mt->date_itemprop, v);
            if (mt->ntimes < PACT__MAX_TIMES) {
                mt->times[mt->ntimes].el = e;
                mt->times[mt->ntimes].value = pact_arena_strndup(wk->tmp, v, strnlen(v, 200));
                mt->ntimes++;
            }
        }
    }
}

/* Styles and attributes that hide an element from readers. */
static bool hidden(const common_attrs *ca) {
    if (ca->hidden) return true;
    const char *ah = ca->aria_hidden;
    if (ah && eq_ci(ah, "true")) return true;
    const char *st = ca->style;
    if (st && (has_ci(st, "display:none") || has_ci(st, "display: none") || has_ci(st, "visibility:hidden") ||
               has_ci(st, "visibility: hidden")))
        return true;
    return false;
}

/* Enters an element; returns false when its subtree holds no text to read. */
static void push(walker *wk, pact__html_el *e, bool own) {
    if (wk->depth == wk->capstack) {
        wk->capstack = wk->capstack ? wk->capstack * 2 : 64;
        wk->stack = pact__xrealloc(wk->stack, wk->capstack * sizeof *wk->stack);
        wk->own = pact__xrealloc(wk->own, wk->capstack * sizeof *wk->own);
    }
    wk->stack[wk->depth] = e;
    wk->own[wk->depth++] = own;
}

static void on_enter(void *ud, const xmlChar *name, const xmlChar **n) {
    walker *wk = ud;
    flush_text(wk);
    pact__html_el *p = wk->depth ? wk->stack[wk->depth - 1] : NULL;
    if (wk->depth >= PACT_MAX_HTML_DEPTH && p) {
        /* past the limit: read as part of the deepest element kept */
        push(wk, p, false);
        return;
    }
    const tag_info *ti = tag_lookup((const char *)name);
    int tag = ti ? ti->tag : PACT__T_OTHER;
    unsigned props = ti ? ti->props : 0;
    pact__html_el *e = pact_arena_alloc(wk->tmp, sizeof *e);
    e->parent = p;
    e->line = wk->ctxt && wk->ctxt->input ? wk->ctxt->input->line : 0;
    e->tag = (unsigned char)tag;
    e->flags = p ? p->flags & PACT__F_INHERIT : 0;
    e->idx = wk->nels;
    e->first_block = -1;
    push(wk, e, true);
    if (wk->nels == wk->capels) {
        wk->capels = wk->capels ? wk->capels * 2 : 512;
        wk->els = pact__xrealloc(wk->els, wk->capels * sizeof *wk->els);
    }
    wk->els[wk->nels++] = e;

    unsigned own = 0;
    if (props & PACT__P_SKIP) own |= PACT__F_SKIP;
    if (props & PACT__P_DROP) own |= PACT__F_DROP;
    switch (tag) {
    case PACT__T_A: own |= PACT__F_LINK; break;
    case PACT__T_FIGCAPTION: case PACT__T_CAPTION: own |= PACT__F_CAPTION; break;
    case PACT__T_H1: own |= PACT__F_H1 | PACT__F_HEADING; break;
    case PACT__T_H2: case PACT__T_H3: case PACT__T_H4: case PACT__T_H5: case PACT__T_H6:
        own |= PACT__F_HEADING; break;
    case PACT__T_HEADER: own |= PACT__F_UNLIKELY; break;
    case PACT__T_IMG: e->nimg = 1; break;
    case PACT__T_P: e->np = 1; break;
    case PACT__T_LI: e->nli = 1; break;
    case PACT__T_INPUT: e->ninput = 1; break;
    case PACT__T_EMBED: e->nembed = 1; break;
    case PACT__T_BLOCKQUOTE: e->nquote = 1; break;
    case PACT__T_TITLE:
        if (p && p->tag == PACT__T_HEAD) {
            e->flags &= ~PACT__F_SKIP;
            own |= PACT__F_HEADTITLE;
        }
        break;
    default: break;
    }
    common_attrs ca;
    read_attrs(n, &ca);
    const char *cls = ca.cls, *id = ca.id;
    if (cls || id) {
        char lcls[256], lid[256];
        lower_into(lcls, sizeof lcls, cls);
        lower_into(lid, sizeof lid, id);
        unsigned kc = patset_match(&wk->pats, lcls), ki = patset_match(&wk->pats, lid), k = kc | ki;
        e->weight = weight_of(kc) + weight_of(ki);
        e->cls = cls ? pact_arena_strndup(wk->tmp, cls, strnlen(cls, 512)) : NULL;
        if (tag != PACT__T_BODY && tag != PACT__T_HTML && tag != PACT__T_A && tag != PACT__T_ARTICLE &&
            tag != PACT__T_MAIN && (k & K_UNLIKELY) && !(k & K_MAYBE))
            own |= PACT__F_UNLIKELY;
        if ((k & K_LEAD) && !(k & K_MAYBE)) own |= PACT__F_LEAD;
        if (k & K_CAPTION) own |= PACT__F_CAPTION;
        if ((k & K_IMGBOX) && !(k & K_MAYBE)) own |= PACT__F_IMGBOX;
    }
    const char *role = ca.role;
    if (role && (eq_ci(role, "navigation") || eq_ci(role, "menu") || eq_ci(role, "menubar") ||
                 eq_ci(role, "complementary") || eq_ci(role, "alert") || eq_ci(role, "alertdialog") ||
                 eq_ci(role, "dialog") || eq_ci(role, "contentinfo") || eq_ci(role, "banner")))
        own |= PACT__F_UNLIKELY;
    const char *ip = ca.itemprop;
    if (ip && eq_ci(ip, "articleBody")) e->weight += 50;
    if (tag != PACT__T_HTML && tag != PACT__T_BODY && hidden(&ca)) own |= PACT__F_SKIP;
    e->flags |= own;
    e->own = own;
    e->is_block = (props & PACT__P_BLOCK) || (own & (PACT__F_DROP | PACT__F_UNLIKELY | PACT__F_CAPTION | PACT__F_LEAD));
    e->blk = e->is_block || !p ? e : p->blk;
    gather_meta(wk, n, tag, e, &ca);
    if (e->is_block) flush(wk);
}

/* The string value of the first "key": in the JSON-LD read so far (raw, up
 * to its closing quote: enough for a date and for comparing titles). */
static void ld_string(walker *wk, const char *key, const char **slot) {
    const char *p = wk->ld.ptr ? strstr(wk->ld.ptr, key) : NULL;
    if (!p || *slot) return;
    p += strlen(key);
    while (*p == ' ' || *p == ':' || *p == '\t' || *p == '\n' || *p == '\r') p++;
    if (*p != '"') return;
    const char *e = ++p;
    while (*e && *e != '"') e += *e == '\\' && e[1] ? 2 : 1;
    if (e > p) *slot = pact_arena_strndup(wk->tmp, p, (size_t)(e - p));
}

static void on_leave(void *ud, const xmlChar *name) {
    walker *wk = ud;
    (void)name;
    flush_text(wk);
    if (!wk->depth) return;
    wk->depth--;
    pact__html_el *e = wk->stack[wk->depth];
    if (!wk->own[wk->depth]) return;
    if (e->tag == PACT__T_SCRIPT && wk->in_ld) {
        /* JSON-LD: the first "datePublished" string */
        wk->in_ld = false;
        ld_string(wk, "\"datePublished\"", &wk->meta.ld_date);
        ld_string(wk, "\"headline\"", &wk->meta.ld_headline);
        pact_buf_truncate(&wk->ld, 0);
    }
    if (e->is_block) flush(wk);
}

static void on_chars(void *ud, const xmlChar *ch, int len) {
    walker *wk = ud;
    if (!wk->pend.len) wk->pend_line = wk->ctxt && wk->ctxt->input ? wk->ctxt->input->line : 0;
    if (len > 0 && pact_buf_append(&wk->pend, ch, (size_t)len)) return;
}

/* Script and style content: only JSON-LD is read. */
static void on_cdata(void *ud, const xmlChar *ch, int len) {
    walker *wk = ud;
    flush_text(wk);
    if (wk->in_ld && len > 0 && wk->ld.len < ((size_t)1 << 20) && pact_buf_append(&wk->ld, ch, (size_t)len)) return;
}

static void on_other(void *ud, const xmlChar *a) {
    (void)a;
    flush_text(ud);
}

static void on_pi(void *ud, const xmlChar *a, const xmlChar *b) {
    (void)a, (void)b;
    flush_text(ud);
}

/* ----------------------------------------------------------- output */

/* Composes a block's map (text -> work bytes) with the work -> input map. */
static void compose_map(pact_omap *bm, const pact_omap *wm) {
    pact_omap out;
    pact_omap_init(&out);
    for (size_t i = 0; i < bm->n; i++) {
        const pact_omap_seg *s = &bm->seg[i];
        size_t o0 = pact_omap_start(wm, s->o), o1 = pact_omap_end(wm, s->o + s->on);
        if (o1 < o0) o1 = o0;
        if (s->tn == s->on && s->on && o1 - o0 != s->on) {
            /* converted characters: map each on its own */
            for (size_t k = 0; k < s->tn;) {
                size_t a = pact_omap_start(wm, s->o + k), step = 1;
                while (k + step < s->tn && pact_omap_start(wm, s->o + k + step) == a) step++;
                size_t b = pact_omap_end(wm, s->o + k + step);
                pact_omap_push(&out, s->t + k, step, a, b > a ? b - a : 0);
                k += step;
            }
        } else {
            pact_omap_push(&out, s->t, s->tn, o0, o1 - o0);
        }
    }
    pact_omap_free(bm);
    *bm = out;
}

int pact__page_read_html(pact_page *page, pact_diag *d) {
    xmlInitParser();
    walker wk;
    memset(&wk, 0, sizeof wk);
    wk.d = d;
    wk.cur = -1;
    patset_init(&wk.pats);
    wk.tmp = pact_arena_new();
    pact_buf_init(&wk.text, 0);
    pact__html_input_open(&wk.in, page->data, page->len, d);
    if (wk.in.n > (size_t)INT32_MAX) {
        pact_warn(d, SIZE_MAX, "HTML page too large to parse");
        pact__html_input_close(&wk.in);
        pact_arena_free(wk.tmp);
        pact_buf_free(&wk.text);
        return PACT_ETOOBIG;
    }
    int opts = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
               HTML_PARSE_IGNORE_ENC | HTML_PARSE_COMPACT | HTML_PARSE_NOIMPLIED;
    pact__html_input_strip(&wk.in);
    const char *pw = wk.in.has_stripped ? wk.in.stripped.ptr : wk.in.w;
    size_t pn = wk.in.has_stripped ? wk.in.stripped.len : wk.in.n;
    /* the matcher's view of the bytes libxml2 reads */
    matcher *m = &wk.m;
    m->w = pw;
    m->n = pn;
    m->budget = (long long)(2 * pn) + 65536;
    size_t nl = 0;
    for (const char *p = m->w, *e = m->w + m->n; (p = memchr(p, '\n', (size_t)(e - p))) != NULL && nl < 65535; p++)
        nl++;
    m->line_start = pact__xmalloc((nl + 1) * sizeof *m->line_start);
    nl = 0;
    for (const char *p = m->w, *e = m->w + m->n; (p = memchr(p, '\n', (size_t)(e - p))) != NULL && nl < 65535; p++)
        m->line_start[nl++] = (size_t)(p - m->w) + 1;
    m->nlines = nl;

    /* SAX: the walk runs as libxml2 reads, no tree is built */
    htmlParserCtxtPtr ctxt = htmlCreateMemoryParserCtxt(pn ? pw : " ", pn ? (int)pn : 1);
    if (!ctxt) {
        pact_warn(d, SIZE_MAX, "not readable as HTML: no article");
        free(m->line_start);
        pact_buf_free(&wk.text);
        pact__html_input_close(&wk.in);
        pact_arena_free(wk.tmp);
        return PACT_OK;
    }
    /* the bytes are UTF-8 (converted above): say so, as htmlCtxtReadMemory
     * would, and let no <meta charset> switch the decoder */
    xmlCharEncodingHandlerPtr utf8 = xmlFindCharEncodingHandler("UTF-8");
    if (utf8) xmlSwitchToEncoding(ctxt, utf8);
    htmlSAXHandler *h = (htmlSAXHandler *)ctxt->sax;
    memset(h, 0, sizeof *h);
    h->startElement = on_enter;
    h->endElement = on_leave;
    h->characters = on_chars;
    h->ignorableWhitespace = on_chars;
    h->cdataBlock = on_cdata;
    h->comment = on_other;
    h->processingInstruction = on_pi;
    ctxt->userData = &wk;
    wk.ctxt = ctxt;
    pact_buf_init(&wk.pend, 0);
    pact_buf_init(&wk.ld, 0);
    htmlCtxtUseOptions(ctxt, opts);
    htmlParseDocument(ctxt);
    flush_text(&wk);
    while (wk.depth) on_leave(&wk, NULL);
    flush(&wk);
    wk.ctxt = NULL;
    /* libxml2's copies of the page go before the blocks are made */
    htmlFreeParserCtxt(ctxt);
    if (m->misses)
        pact_warn(d, SIZE_MAX, "%u HTML text nodes not found in the markup: their spans are approximate",
                  m->misses);

    /* hand the blocks to the page */
    page->blocks = pact_arena_alloc(page->arena, (wk.nblocks ? wk.nblocks : 1) * sizeof *page->blocks);
    page->nblocks = wk.nblocks;
    for (size_t i = 0; i < wk.nblocks; i++) {
        pact__html_block *b = &wk.blocks[i];
        pact_block *pb = &page->blocks[i];
        if (wk.in.has_stripped) compose_map(&b->map, &wk.in.smap);
        if (wk.in.mapped) compose_map(&b->map, &wk.in.map);
        pb->kind = PACT_BLOCK_BOILERPLATE;
        char *t = pact_arena_strndup(page->arena, wk.text.ptr + b->toff, b->tlen);
        pb->text = t;
        pb->len = b->tlen;
        if (!pact_utf8_valid(t, b->tlen)) { /* paranoia: libxml2 hands out UTF-8 */
            for (size_t k = 0; k < b->tlen; k++)
                if ((unsigned char)t[k] >= 0x80) t[k] = '?';
        }
        if (b->map.cap > b->map.n && b->map.n) { /* pages with 10^5 blocks: keep memory flat */
            b->map.seg = pact__xrealloc(b->map.seg, b->map.n * sizeof *b->map.seg);
            b->map.cap = b->map.n;
        }
        pb->map = b->map;
        pb->start = pact_omap_start(&pb->map, 0);
        pb->end = pact_omap_end(&pb->map, pb->len);
        if (pb->end < pb->start) pb->end = pb->start;
        b->pb = pb;
    }
    pact__html_select(page, wk.els, wk.nels, wk.blocks, wk.nblocks, &wk.meta, wk.tmp);

    free(wk.stack);
    free(wk.own);
    pact_buf_free(&wk.pend);
    pact_buf_free(&wk.ld);
    free(m->line_start);
    free(m->pc);
    free(wk.els);
    free(wk.blocks);
    pact_buf_free(&wk.text);
    pact__html_input_close(&wk.in);
    pact_arena_free(wk.tmp);
    return PACT_OK;
}
