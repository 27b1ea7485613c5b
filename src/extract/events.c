/* Interim: no events until the coder lands (issue 5). */
#include <stdlib.h>

#include "extract/extract.h"

void pact__events_code(pact_article_ctx *a) { (void)a; }

int pact__patterns_load(const char *data_dir, struct pact_patterns **p, pact_diag *d) {
    (void)data_dir;
    (void)d;
    *p = NULL;
    return PACT_OK;
}

void pact__patterns_free(struct pact_patterns *p) { (void)p; }
