/*
 * Vietnamese date expressions ("ngày 8/4", "hôm qua (11/1)", "tháng 9/2021",
 * "31.5.2024", "tháng Giêng năm ngoái", "năm tới", "cùng ngày" ...) found in a
 * sentence and read against the page's date.
 */
#ifndef PACT_DATES_H
#define PACT_DATES_H

#include "extract/extract.h"
#include "lexicon/lexicon.h"

/* What dates are read against, and what the article has said so far. */
typedef struct {
    int ry, rm, rd;        /* the page's date; ry == 0 when there is none */
    bool doubtful;         /* the text contradicts the page's year: do not trust ry */
    long lo, hi;           /* when doubtful: the dates the text allows, as YYYYMMDD (0 = open) */
    char last[11];         /* the last day mentioned, for "cùng ngày" */
} pact_date_ctx;

/** Sets up ctx for a page date (YYYY-MM-DD, or NULL when the page has none). */
void pact__dates_ctx_init(pact_date_ctx *ctx, const char *page_date);

/** Finds the date expressions among syllables syls[0..n) of text (folded bytes
 *  in fold), resolved against ctx (whose last day it updates). Writes at most
 *  max mentions (ranges in text's offsets) and returns how many. */
size_t pact__dates_find(const char *text, const pact_syl *syls, size_t n, const char *fold,
                        pact_date_ctx *ctx, pact_date_mention *out, size_t max);

/** Convenience for tests and tools: scans text[0..len) and finds its dates. */
size_t pact__dates_parse(const char *text, size_t len, pact_date_ctx *ctx, pact_date_mention *out,
                         size_t max);

/** Days since 1970-01-01 of a civil date, and back. */
long pact__days_from_civil(int y, int m, int d);
void pact__civil_from_days(long z, int *y, int *m, int *d);

#endif
