/* Interim input: one plain file is one document (the page reader replaces this). */
#include <stdlib.h>
#include <string.h>

#include "page/page.h"

struct pact_input {
    char *path;
    char *data;
    size_t len;
    int done;
};

int pact_input_open(const char *path, pact_input **out, pact_diag *d) {
    (void)d;
    pact_input *in = pact__xcalloc(1, sizeof *in);
    int rc = pact_file_read(path, PACT_MAX_DOC_BYTES, &in->data, &in->len);
    if (rc) {
        free(in);
        return rc;
    }
    in->path = pact__xstrdup(path);
    *out = in;
    return PACT_OK;
}

int pact_input_next(pact_input *in, const char **doc, const char **data, size_t *len,
                    const char **source_url, const char **date) {
    if (in->done) return 0;
    in->done = 1;
    *doc = in->path;
    *data = in->data;
    *len = in->len;
    *source_url = NULL;
    *date = NULL;
    return 1;
}

void pact_input_close(pact_input *in) {
    if (!in) return;
    free(in->path);
    free(in->data);
    free(in);
}
