/* Reading whole files, with a size cap. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

int pact_file_read(const char *path, size_t max, char **data, size_t *len) {
    *data = NULL;
    *len = 0;
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f) return errno == ENOENT ? PACT_ENOTFOUND : PACT_EIO;
    pact_buf b;
    pact_buf_init(&b, max);
    char tmp[65536];
    int rc = PACT_OK;
    size_t n;
    while ((n = fread(tmp, 1, sizeof tmp, f)) > 0) {
        if ((rc = pact_buf_append(&b, tmp, n)) != PACT_OK) break;
    }
    if (rc == PACT_OK && ferror(f)) rc = PACT_EIO;
    if (f != stdin) fclose(f);
    if (rc) {
        pact_buf_free(&b);
        return rc;
    }
    *data = pact_buf_detach(&b, len);
    return PACT_OK;
}
