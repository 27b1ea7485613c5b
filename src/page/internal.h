/* Shared by the page reader's files: page.c detects the kind and dispatches to
 * the HTML reader (html.c) or the flattened-text reader (flat.c). */
#ifndef PACT_PAGE_INTERNAL_H
#define PACT_PAGE_INTERNAL_H

#include "page/page.h"

/* Named limits of the readers. A longer line of flattened text is skipped with
 * a warning (no paragraph is that long; a runaway line would cost time for
 * nothing). */
#define PACT_MAX_LINE_BYTES ((size_t)1 << 20)
/* An HTML block (a paragraph, a list item, a run between <br>s) with more
 * text than this is skipped with a warning too: the coder's time and memory
 * for an article grow with its longest sentence, and an unbounded one (a
 * table or list run together, a hostile page) would be unbounded. Larger
 * than the line limit: HTML paragraphs of 1-1.3 MB are read (tests). */
#define PACT_MAX_BLOCK_BYTES ((size_t)2 << 20)

/* Each fills page->blocks and page->articles (page->doc, data, len and arena
 * are set by the caller). */
PACT_WUR int pact__page_read_html(pact_page *page, pact_diag *d);
PACT_WUR int pact__page_read_flat(pact_page *page, pact_diag *d);

/* Reads a Vietnamese dateline or timestamp ("Chủ Nhật, 19/07/2020 08:15 (GMT+7)",
 * "13/06/2023 18:46 GMT+7", ISO 8601 from <time> or meta tags) into
 * "YYYY-MM-DD"; returns false when s holds none. */
bool pact__page_parse_dateline(const char *s, size_t len, char out[11]);

#endif
