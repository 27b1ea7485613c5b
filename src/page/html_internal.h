/* Shared by the HTML reader's files (html.c, html_input.c). */
#ifndef PACT_PAGE_HTML_INTERNAL_H
#define PACT_PAGE_HTML_INTERNAL_H

#include "page/internal.h"

/* The bytes libxml2 parses: always valid UTF-8. w is the input itself when it
 * was valid UTF-8 (mapped false); otherwise a converted copy, and map takes
 * its offsets back to the input's. */
typedef struct {
    const char *w;
    size_t n;
    bool mapped;
    pact_omap map;
    pact_buf own;
    char charset[40];  /* the declared charset, lower case, or "" */
    /* w without the content of <script> and <style> (half of a page's bytes,
     * and slow for libxml2), and the map from it to w */
    bool has_stripped;
    pact_buf stripped;
    pact_omap smap;
} pact__html_input;

/* Elements the reader tells apart. */
enum {
    PACT__T_OTHER, PACT__T_A, PACT__T_ADDRESS, PACT__T_ARTICLE, PACT__T_ASIDE, PACT__T_BLOCKQUOTE,
    PACT__T_BODY, PACT__T_BR, PACT__T_CAPTION, PACT__T_DD, PACT__T_DIV, PACT__T_DL, PACT__T_DT,
    PACT__T_EMBED, PACT__T_FIGCAPTION, PACT__T_FIGURE, PACT__T_FOOTER, PACT__T_FORM, PACT__T_H1,
    PACT__T_H2, PACT__T_H3, PACT__T_H4, PACT__T_H5, PACT__T_H6, PACT__T_HEAD, PACT__T_HEADER,
    PACT__T_HTML, PACT__T_IMG, PACT__T_INPUT, PACT__T_LI, PACT__T_LINK, PACT__T_MAIN, PACT__T_META,
    PACT__T_NAV, PACT__T_OL, PACT__T_P, PACT__T_PRE, PACT__T_SCRIPT, PACT__T_SECTION,
    PACT__T_TABLE, PACT__T_TD, PACT__T_TH, PACT__T_TIME, PACT__T_TITLE, PACT__T_TR, PACT__T_UL,
};
/* Tag properties: starts a block; holds no readable text; page furniture. */
enum { PACT__P_BLOCK = 1, PACT__P_SKIP = 2, PACT__P_DROP = 4 };

/* Element flags, inherited by descendants. */
enum {
    PACT__F_SKIP = 1 << 0,      /* not text: script, style, hidden */
    PACT__F_DROP = 1 << 1,      /* page furniture by tag: nav, aside, footer */
    PACT__F_UNLIKELY = 1 << 2,  /* furniture by class, id or role */
    PACT__F_LINK = 1 << 3,
    PACT__F_CAPTION = 1 << 4,
    PACT__F_HEADING = 1 << 5,
    PACT__F_H1 = 1 << 6,
    PACT__F_LEAD = 1 << 7,      /* a lead (sapo, standfirst) by class */
    PACT__F_HEADTITLE = 1 << 8, /* <title> in <head> */
    PACT__F_IMGBOX = 1 << 9,    /* in a box named for a picture: short text there is its caption */
    PACT__F_INHERIT = 0x3FF,
};

typedef struct pact__html_el {
    struct pact__html_el *parent, *blk;  /* blk: the nearest block element */
    long line;                           /* libxml2's line number of its start tag */
    const char *cls;                     /* class attribute or NULL */
    size_t idx;                          /* position in document order */
    unsigned flags, own;
    unsigned char tag;
    bool is_block;
    int weight;                          /* class/id weight */
    /* filled by the content selection */
    double score;
    bool scored;
    bool in_content, cut;
    size_t text, links, commas;           /* characters in the subtree */
    size_t ptext;                         /* characters of paragraph-like blocks in it */
    unsigned np, nimg, nli, ninput, nembed, nquote;
    unsigned nchild_el;
    bool root;                            /* a chosen content root */
    long first_block;                     /* its first block, or -1 */
} pact__html_el;

typedef struct {
    pact__html_el *owner;
    unsigned flags;
    size_t toff, tlen;       /* in the walker's text buffer */
    size_t links, commas;    /* bytes inside links; commas */
    pact_omap map;
    pact_block *pb;          /* the page's block */
} pact__html_block;

#define PACT__MAX_TIMES 16
typedef struct {
    const char *og_title, *og_url, *canonical;
    const char *date_meta, *date_meta2, *date_itemprop, *ld_date;
    const char *head_title_text, *ld_headline;
    struct {
        pact__html_el *el;
        const char *value;
    } times[PACT__MAX_TIMES];
    size_t ntimes;
} pact__html_meta;

/* Picks the article from the blocks: sets each page block's kind and fills
 * page->articles and page->source_url (html_content.c). */
void pact__html_select(pact_page *page, pact__html_el **els, size_t nels, pact__html_block *blocks,
                       size_t nblocks, const pact__html_meta *meta, pact_arena *tmp);

void pact__html_input_open(pact__html_input *wi, const char *data, size_t len, pact_diag *d);
void pact__html_input_strip(pact__html_input *wi);
void pact__html_input_close(pact__html_input *wi);

#endif
