/* Replays saved fuzz inputs in the unit tests (tests/unit/test_*_regressions.c):
 * each file of fuzz/regressions/<target>/ goes once through the target's
 * LLVMFuzzerTestOneInput, whose invariants abort on a failure and whose bugs
 * the test build's ASan/UBSan catch. An input the fuzzer found stays here as
 * a regression test once fixed. */
#ifndef PACT_FUZZ_REGRESS_H
#define PACT_FUZZ_REGRESS_H

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef int (*fuzz_one_fn)(const uint8_t *data, size_t size);

/* Runs every file of fuzz/regressions/<target>; returns how many ran, -1 when
 * PACT_SOURCE_DIR is not set. */
static int fuzz_replay(const char *target, fuzz_one_fn one) {
    const char *src = getenv("PACT_SOURCE_DIR");
    if (!src) return -1;
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/fuzz/regressions/%s", src, target);
    DIR *d = opendir(dir);
    if (!d) return 0;
    /* in name order, so that a failure is reproducible from the log */
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        if (n == cap) names = realloc(names, (cap = cap ? cap * 2 : 16) * sizeof *names);
        names[n++] = strdup(e->d_name);
    }
    closedir(d);
    for (size_t i = 1; i < n; i++)
        for (size_t k = i; k > 0 && strcmp(names[k - 1], names[k]) > 0; k--) {
            char *t = names[k];
            names[k] = names[k - 1];
            names[k - 1] = t;
        }
    for (size_t i = 0; i < n; i++) {
        char path[8192];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        FILE *f = fopen(path, "rb");
        if (!f) continue;
        size_t len = 0, bcap = 4096;
        uint8_t *buf = malloc(bcap);
        size_t got;
        while ((got = fread(buf + len, 1, bcap - len, f)) > 0) {
            len += got;
            if (len == bcap) buf = realloc(buf, bcap *= 2);
        }
        fclose(f);
        fprintf(stderr, "%s: %s (%zu bytes)\n", target, names[i], len);
        /* an exact-size copy, so ASan sees any read past the end */
        uint8_t *exact = malloc(len ? len : 1);
        memcpy(exact, buf, len);
        free(buf);
        one(exact, len);
        free(exact);
        free(names[i]);
    }
    free(names);
    return (int)n;
}

#endif
