/* Page-reader throughput: reads every document of the given files into
 * memory (gzip undone by the input layer, outside the timing), then times
 * pact_page_read over them, REPS times, on this thread's CPU clock. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "page/page.h"

typedef struct {
    char *name, *data;
    size_t len;
} doc;

static double cpu_now(void) {
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    int reps = getenv("REPS") ? atoi(getenv("REPS")) : 5;
    if (reps < 1) reps = 1;
    doc *docs = NULL;
    size_t n = 0, bytes = 0, articles = 0;
    for (int i = 1; i < argc; i++) {
        pact_diag d;
        pact_diag_init(&d, argv[i]);
        pact_input *in;
        if (pact_input_open(argv[i], &in, &d) != PACT_OK) continue;
        const char *name, *data, *url, *date;
        size_t len;
        while (pact_input_next(in, &name, &data, &len, &url, &date) > 0) {
            docs = pact__xrealloc(docs, (n + 1) * sizeof *docs);
            docs[n].name = pact__xstrdup(name);
            docs[n].data = pact__xmalloc(len + 1);
            memcpy(docs[n].data, data, len);
            docs[n].len = len;
            bytes += len;
            n++;
        }
        pact_input_close(in);
    }
    if (!n) {
        fprintf(stderr, "aeb_page: no documents\n");
        return 1;
    }
    double t0 = cpu_now();
    for (int r = 0; r < reps; r++) {
        for (size_t i = 0; i < n; i++) {
            pact_diag d;
            pact_diag_init(&d, docs[i].name);
            d.quiet = true;
            pact_page page;
            if (pact_page_read(docs[i].name, docs[i].data, docs[i].len, &page, &d) != PACT_OK) continue;
            if (r == 0) articles += page.narticles;
            pact_page_free(&page);
        }
    }
    double secs = cpu_now() - t0;
    printf("%zu pages, %.1f MB (decompressed), %d passes: %.3f s CPU, %.0f pages/s, %.1f MB/s, %zu articles\n", n,
           (double)bytes / 1e6, reps, secs, (double)n * reps / secs, (double)bytes * reps / secs / 1e6, articles);
    for (size_t i = 0; i < n; i++) free(docs[i].name), free(docs[i].data);
    free(docs);
    return 0;
}
