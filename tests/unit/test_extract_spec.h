/* Reads the spec case files (tests/spec/NAME.txt): "input => expected" lines, "#" comments,
 * "@date YYYY-MM-DD" (or "@date none") setting the page's date for the cases
 * that follow. Shared by the entity and date spec runners. */
#ifndef PACT_TEST_SPEC_READER_H
#define PACT_TEST_SPEC_READER_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    size_t line;
    char *input, *expected;
    char date[11]; /* "" = no page date */
} spec_case;

/* Calls fn for each case of path; returns -1 when the file cannot be read. */
static int spec_each(const char *path, void (*fn)(const spec_case *c, void *u), void *u) {
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    char *line = NULL;
    size_t cap = 0, ln = 0;
    spec_case c;
    memset(&c, 0, sizeof c);
    while (getline(&line, &cap, f) >= 0) {
        ln++;
        size_t n = strlen(line);
        while (n && (line[n - 1] == '\n' || line[n - 1] == '\r')) line[--n] = 0;
        if (!n || line[0] == '#') continue;
        if (strncmp(line, "@date ", 6) == 0) {
            if (strcmp(line + 6, "none") == 0) c.date[0] = 0;
            else snprintf(c.date, sizeof c.date, "%s", line + 6);
            continue;
        }
        char *sep = strstr(line, " => ");
        if (!sep) {
            fprintf(stderr, "%s:%zu: no ' => ' in case\n", path, ln);
            continue;
        }
        *sep = 0;
        c.line = ln;
        c.input = line;
        c.expected = sep + 4;
        fn(&c, u);
    }
    free(line);
    fclose(f);
    return 0;
}

#endif
