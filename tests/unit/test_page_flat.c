/* Spec test of the flattened-text reader: every tests/fixtures/pages/NAME.txt
 * with a NAME.expect beside it is read, and the articles found are compared
 * with the expectation, which a reader can check against the page by eye:
 *
 *   articles N            how many articles the page holds
 *   title LINE DATE       an article starts: its title's line (or -) and its
 *                         published date (YYYY-MM-DD, or - for none)
 *   body LINE LINE A-B    the lines of that article's body (lead, paragraphs,
 *                         sub-headings), 1-based; ranges allowed
 *
 * A failure names the expectation file, its line, and what was found. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "page/page.h"

#define MAX_ARTS 16
#define MAX_LINES 512

typedef struct {
    long title;
    char date[11];
    int body[MAX_LINES];
    size_t nbody;
    int at;  /* line of the expectation */
} want_article;

static size_t line_of(const char *data, size_t off) {
    size_t ln = 1;
    for (size_t i = 0; i < off; i++) ln += data[i] == '\n';
    return ln;
}

static void fmt_lines(char *out, size_t cap, const int *v, size_t n) {
    size_t o = 0;
    out[0] = '\0';
    for (size_t i = 0; i < n && o + 8 < cap; i++) o += (size_t)snprintf(out + o, cap - o, "%s%d", i ? " " : "", v[i]);
}

static int run_case(const char *dir, const char *name) {
    char path[1024], exp[1024];
    snprintf(exp, sizeof exp, "%s/%s", dir, name);
    snprintf(path, sizeof path, "%s/%.*s.txt", dir, (int)(strlen(name) - 7), name);
    FILE *f = fopen(exp, "r");
    if (!f) {
        fprintf(stderr, "%s: cannot open\n", exp);
        return 1;
    }
    want_article want[MAX_ARTS];
    size_t nwant = 0;
    long want_count = -1;
    int count_at = 0;
    char line[4096];
    int ln = 0, bad = 0;
    while (fgets(line, sizeof line, f)) {
        ln++;
        if (line[0] == '#' || line[0] == '\n') continue;
        if (strncmp(line, "articles ", 9) == 0) {
            want_count = strtol(line + 9, NULL, 10);
            count_at = ln;
        } else if (strncmp(line, "title ", 6) == 0 && nwant < MAX_ARTS) {
            want_article *w = &want[nwant++];
            memset(w, 0, sizeof *w);
            w->at = ln;
            char t[32] = "", d[32] = "";
            sscanf(line + 6, "%31s %31s", t, d);
            w->title = strcmp(t, "-") == 0 ? -1 : strtol(t, NULL, 10);
            if (strcmp(d, "-") != 0) snprintf(w->date, sizeof w->date, "%s", d);
        } else if (strncmp(line, "body", 4) == 0 && nwant) {
            want_article *w = &want[nwant - 1];
            char *p = line + 4;
            for (;;) {
                char *end;
                long a = strtol(p, &end, 10);
                if (end == p) break;
                long b = a;
                if (*end == '-') b = strtol(end + 1, &end, 10);
                for (long x = a; x <= b && w->nbody < MAX_LINES; x++) w->body[w->nbody++] = (int)x;
                p = end;
            }
        } else {
            fprintf(stderr, "%s:%d: cannot read this line\n", exp, ln);
            bad++;
        }
    }
    fclose(f);

    char *data;
    size_t len;
    if (pact_file_read(path, PACT_MAX_DOC_BYTES, &data, &len) != PACT_OK) {
        fprintf(stderr, "%s: cannot read the page %s\n", exp, path);
        return 1;
    }
    pact_diag d;
    pact_diag_init(&d, path);
    d.quiet = true;
    pact_page page;
    int rc = pact_page_read(path, data, len, &page, &d);
    if (rc != PACT_OK) {
        fprintf(stderr, "%s: pact_page_read: %s\n", exp, pact_strerror(rc));
        free(data);
        return 1;
    }
    if (want_count >= 0 && (size_t)want_count != page.narticles) {
        fprintf(stderr, "%s:%d: expected %ld articles, found %zu\n", exp, count_at, want_count, page.narticles);
        bad++;
    }
    for (size_t i = 0; i < nwant && i < page.narticles; i++) {
        const want_article *w = &want[i];
        const pact_article *a = &page.articles[i];
        long t = a->title ? (long)line_of(data, a->title->start) : -1;
        if (t != w->title) {
            fprintf(stderr, "%s:%d: article %zu: expected title on line %ld, found %ld\n", exp, w->at, i + 1, w->title, t);
            bad++;
        }
        if (strcmp(a->published, w->date) != 0) {
            fprintf(stderr, "%s:%d: article %zu: expected published \"%s\", found \"%s\"\n", exp, w->at, i + 1, w->date,
                    a->published);
            bad++;
        }
        int got[MAX_LINES];
        size_t ng = 0;
        for (size_t k = 0; k < a->nbody && ng < MAX_LINES; k++) got[ng++] = (int)line_of(data, a->body[k]->start);
        bool same = ng == w->nbody;
        for (size_t k = 0; same && k < ng; k++) same = got[k] == w->body[k];
        if (!same) {
            char e[2048], g[2048];
            fmt_lines(e, sizeof e, w->body, w->nbody);
            fmt_lines(g, sizeof g, got, ng);
            fprintf(stderr, "%s:%d: article %zu: expected body lines [%s], found [%s]\n", exp, w->at, i + 1, e, g);
            bad++;
        }
        /* every block's text is valid UTF-8 and its map stays inside its span */
        for (size_t k = 0; k < a->nbody; k++) {
            const pact_block *b = a->body[k];
            if (!pact_utf8_valid(b->text, b->len) || pact_omap_start(&b->map, 0) != b->start ||
                pact_omap_end(&b->map, b->len) != b->end) {
                fprintf(stderr, "%s: article %zu: block at %zu has a bad text or map\n", exp, i + 1, b->start);
                bad++;
            }
        }
    }
    pact_page_free(&page);
    free(data);
    check_count++;
    if (bad) check_failures++;
    return bad;
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int main(void) {
    const char *src = getenv("PACT_SOURCE_DIR");
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/tests/fixtures/pages", src ? src : ".");
    DIR *dh = opendir(dir);
    if (!dh) {
        fprintf(stderr, "cannot open %s (set PACT_SOURCE_DIR)\n", dir);
        return 1;
    }
    char *names[256];
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(dh)) && n < 256) {
        size_t k = strlen(e->d_name);
        if (k > 7 && strcmp(e->d_name + k - 7, ".expect") == 0) names[n++] = strdup(e->d_name);
    }
    closedir(dh);
    qsort(names, n, sizeof *names, cmp_str);
    for (size_t i = 0; i < n; i++) {
        run_case(dir, names[i]);
        free(names[i]);
    }
    CHECK(n >= 4);
    return check_done();
}
