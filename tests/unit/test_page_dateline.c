/* Spec test of dateline parsing: tests/fixtures/pages/datelines.spec, one
 * "INPUT => EXPECTED" case a line. A failure names the line and the input. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "page/internal.h"

int main(void) {
    const char *src = getenv("PACT_SOURCE_DIR");
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/fixtures/pages/datelines.spec", src ? src : ".");
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "cannot open %s (set PACT_SOURCE_DIR)\n", path);
        return 1;
    }
    char line[1024];
    int ln = 0, cases = 0;
    while (fgets(line, sizeof line, f)) {
        ln++;
        line[strcspn(line, "\n")] = '\0';
        if (!line[0] || line[0] == '#') continue;
        char *arrow = strstr(line, " => ");
        if (!arrow) {
            fprintf(stderr, "%s:%d: no ' => ' in this case\n", path, ln);
            check_failures++;
            continue;
        }
        *arrow = '\0';
        const char *want = arrow + 4;
        char got[11];
        bool ok = pact__page_parse_dateline(line, strlen(line), got);
        const char *have = ok ? got : "-";
        check_count++;
        cases++;
        if (strcmp(have, want) != 0) {
            check_failures++;
            fprintf(stderr, "%s:%d: \"%s\": expected %s, got %s\n", path, ln, line, want, have);
        }
    }
    fclose(f);
    CHECK(cases >= 10);
    return check_done();
}
