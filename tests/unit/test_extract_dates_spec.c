/* Runs tests/spec/dates.txt: each case's date values, in order, read against
 * the page's date set by the last "@date" line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "extract/dates.h"
#include "test_extract_spec.h"

static void run(const spec_case *c, void *u) {
    (void)u;
    pact_norm nm;
    if (pact_text_normalize(c->input, strlen(c->input), 0, &nm, NULL) != PACT_OK) {
        check_failures++;
        return;
    }
    pact_date_ctx ctx;
    pact__dates_ctx_init(&ctx, c->date[0] ? c->date : NULL);
    pact_date_mention m[32];
    size_t n = pact__dates_parse(nm.text, nm.len, &ctx, m, 32);
    char got[1024] = "";
    size_t len = 0;
    for (size_t i = 0; i < n; i++)
        len += (size_t)snprintf(got + len, sizeof got - len, "%s%s", i ? " " : "", m[i].value);
    if (!n) snprintf(got, sizeof got, "-");
    check_count++;
    if (strcmp(got, c->expected) != 0) {
        check_failures++;
        fprintf(stderr, "dates.txt:%zu: %s\n  page date: %s\n  expected: %s\n  got:      %s\n", c->line,
                c->input, c->date[0] ? c->date : "none", c->expected, got);
    }
    pact_norm_free(&nm);
}

int main(void) {
    const char *src = getenv("PACT_SOURCE_DIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/spec/dates.txt", src ? src : ".");
    if (spec_each(path, run, NULL) != 0) {
        fprintf(stderr, "cannot read %s\n", path);
        return 1;
    }
    return check_done();
}
