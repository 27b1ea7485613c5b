/* The extractor: the lexicon and patterns, loaded once, shared read-only. */
#include <stdio.h>
#include <stdlib.h>

#include "extract/extract.h"
#include "lexicon/lexicon.h"

int pact_extractor_new(const char *data_dir, pact_extractor **out, pact_diag *d) {
    pact_extractor *ex = pact__xcalloc(1, sizeof *ex);
    snprintf(ex->data_dir, sizeof ex->data_dir, "%s", pact_data_dir(data_dir));
    int rc = pact_lexicon_load(ex->data_dir, &ex->lex, d);
    if (rc == PACT_OK) rc = pact__patterns_load(ex->data_dir, &ex->patterns, d);
    if (rc != PACT_OK) {
        pact_extractor_free(ex);
        *out = NULL;
        return rc;
    }
    *out = ex;
    return PACT_OK;
}

void pact_extractor_free(pact_extractor *ex) {
    if (!ex) return;
    pact_lexicon_free(ex->lex);
    pact__patterns_free(ex->patterns);
    free(ex);
}
