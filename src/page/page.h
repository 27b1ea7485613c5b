/*
 * The page reader: the articles in a page as a scraper saved it (HTML or
 * flattened text, gzip-compressed or not, or records of a WARC file), each with
 * its title, dateline and body paragraphs, every block with its byte span in
 * the original input.
 */
#ifndef PACT_PAGE_H
#define PACT_PAGE_H

#include "util/util.h"

/* Named limits. */
#define PACT_MAX_HTML_DEPTH 256

typedef enum {
    PACT_BLOCK_TITLE,
    PACT_BLOCK_DATELINE,
    PACT_BLOCK_LEAD,
    PACT_BLOCK_BODY,
    PACT_BLOCK_SUBHEAD,
    PACT_BLOCK_CAPTION,
    PACT_BLOCK_CREDIT,
    PACT_BLOCK_BOILERPLATE,
} pact_block_kind;

/* One block of text: a paragraph, a heading, a caption. text is decoded
 * (HTML entities resolved, markup gone, valid UTF-8) but not yet normalised;
 * map takes its offsets back to the input's bytes. For flattened text the
 * block is a line and the map is the identity from start. */
typedef struct {
    pact_block_kind kind;
    const char *text;
    size_t len;
    size_t start, end;  /* the block's span in the input */
    pact_omap map;      /* text offsets -> input offsets */
} pact_block;

typedef struct {
    const pact_block *title;   /* NULL when the article has none */
    char published[11];        /* "YYYY-MM-DD" or "" */
    const pact_block **body;   /* body paragraphs (lead, body, sub-headings) in order */
    size_t nbody;
} pact_article;

/* One input document: a file, or one record of a WARC file. */
typedef struct {
    const char *doc;           /* its name in records: the path, or path#N for WARC */
    const char *data;          /* the bytes spans refer to (decompressed) */
    size_t len;
    const char *source_url;    /* WARC-Target-URI, <link rel=canonical>, or NULL */
    char fallback_date[11];    /* WARC-Date's day, or "" */
    int is_html;
    pact_block *blocks;        /* every block, boilerplate included, in order */
    size_t nblocks;
    pact_article *articles;
    size_t narticles;
    pact_arena *arena;         /* owns everything above */
} pact_page;

/* Reads one document's bytes into *page (articles may be 0). The page keeps
 * pointers into data: keep data alive while the page is used. */
PACT_WUR int pact_page_read(const char *doc, const char *data, size_t len,
                            pact_page *page, pact_diag *d);
void pact_page_free(pact_page *page);

/* The documents inside one input file: a plain file is one document; a .gz is
 * decompressed; a WARC file yields one document per response record. */
typedef struct pact_input pact_input;
PACT_WUR int pact_input_open(const char *path, pact_input **in, pact_diag *d);
/* Next document; returns 1 with doc/data/len set, 0 at the end, <0 on error.
 * Pointers stay valid until the next call. */
int pact_input_next(pact_input *in, const char **doc, const char **data, size_t *len,
                    const char **source_url, const char **date);
void pact_input_close(pact_input *in);

#endif
