/* Small text helpers shared by the data loaders and the command line. */
#include <string.h>

#include "util/util.h"

size_t pact_tsv_split(char *line, char **f, size_t max) {
    size_t n = 0;
    char *p = line;
    while (n < max) {
        f[n++] = p;
        char *t = strchr(p, '\t');
        if (!t) break;
        *t = '\0';
        p = t + 1;
    }
    for (size_t i = 0; i < n; i++) {
        while (*f[i] == ' ') f[i]++;
        size_t l = strlen(f[i]);
        while (l && (f[i][l - 1] == '\r' || f[i][l - 1] == '\n' || f[i][l - 1] == ' ')) f[i][--l] = '\0';
    }
    return n;
}

bool pact_iso_date_shape(const char *s) {
    size_t n = strlen(s);
    if (n != 4 && n != 7 && n != 10) return false;
    for (size_t i = 0; i < n; i++) {
        if (i == 4 || i == 7) {
            if (s[i] != '-') return false;
        } else if (s[i] < '0' || s[i] > '9') {
            return false;
        }
    }
    int month = n >= 7 ? (s[5] - '0') * 10 + (s[6] - '0') : 1;
    int day = n == 10 ? (s[8] - '0') * 10 + (s[9] - '0') : 1;
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}
