/* The input layer: plain files, gzip recognised by its magic bytes, WARC files
 * plain or as one gzip member per record, and the errors of each. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "check.h"
#include "page/page.h"

static char dir[256];

static void write_file(const char *name, const char *data, size_t len) {
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    fwrite(data, 1, len, f);
    fclose(f);
}

/* Appends data to name as one more gzip member. */
static void gz_member(const char *name, const char *data, size_t len) {
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    gzFile g = gzopen(path, "ab");
    gzwrite(g, data, (unsigned)len);
    gzclose(g);
}

static const char PAGE[] = "Tiêu đề\n\nMột đoạn văn.\n";

/* One WARC record around payload. */
static size_t warc_record(char *out, size_t cap, const char *type, const char *uri, const char *date,
                          const char *payload, size_t plen) {
    int n = snprintf(out, cap,
                     "WARC/1.0\r\nWARC-Type: %s\r\nWARC-Target-URI: %s\r\nWARC-Date: %s\r\n"
                     "Content-Length: %zu\r\n\r\n",
                     type, uri, date, plen);
    memcpy(out + n, payload, plen);
    memcpy(out + n + plen, "\r\n\r\n", 4);
    return (size_t)n + plen + 4;
}

typedef struct {
    char doc[600];
    char data[4096];
    size_t len;
    char url[256];
    char date[16];
} got_doc;

static int read_all(const char *name, got_doc *docs, size_t max, size_t *n, int *end_rc) {
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    pact_diag d;
    pact_diag_init(&d, path);
    d.quiet = true;
    pact_input *in;
    int rc = pact_input_open(path, &in, &d);
    *n = 0;
    if (rc != PACT_OK) return rc;
    const char *doc, *data, *url, *date;
    size_t len;
    while ((rc = pact_input_next(in, &doc, &data, &len, &url, &date)) > 0) {
        if (*n < max) {
            got_doc *g = &docs[(*n)++];
            snprintf(g->doc, sizeof g->doc, "%s", doc + strlen(dir) + 1);
            g->len = len < sizeof g->data ? len : sizeof g->data - 1;
            memcpy(g->data, data, g->len);
            g->data[g->len] = '\0';
            snprintf(g->url, sizeof g->url, "%s", url ? url : "");
            snprintf(g->date, sizeof g->date, "%s", date ? date : "");
        }
    }
    *end_rc = rc;
    pact_input_close(in);
    return PACT_OK;
}

static size_t build_warc(char *w, size_t cap) {
    char http[1024], chunked[1024];
    int hn = snprintf(http, sizeof http, "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n%s", PAGE);
    size_t plen = strlen(PAGE);
    int cn = snprintf(chunked, sizeof chunked,
                      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/html\r\n\r\n"
                      "5\r\n%.5s\r\n%zx\r\n%s\r\n0\r\n\r\n",
                      PAGE, plen - 5, PAGE + 5);
    static const char moved[] = "HTTP/1.1 301 Moved Permanently\r\nLocation: /b\r\n\r\n";
    static const char image[] = "HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\n\r\n\xFF\xD8\xFF";
    size_t n = 0;
    n += warc_record(w + n, cap - n, "warcinfo", "", "2024-04-09T10:00:00Z", "software: x\r\n", 13);
    n += warc_record(w + n, cap - n, "request", "https://example.vn/a", "2024-04-09T10:00:00Z", "GET / HTTP/1.1\r\n\r\n", 18);
    n += warc_record(w + n, cap - n, "response", "https://example.vn/a", "2024-04-09T10:29:00Z", http, (size_t)hn);
    n += warc_record(w + n, cap - n, "response", "https://example.vn/b", "2024-04-09T10:30:00Z", moved, sizeof moved - 1);
    n += warc_record(w + n, cap - n, "response", "https://example.vn/c.jpg", "2024-04-09T10:31:00Z", image, sizeof image - 1);
    n += warc_record(w + n, cap - n, "resource", "<https://example.vn/d>", "2024-04-10T01:00:00Z", PAGE, plen);
    n += warc_record(w + n, cap - n, "response", "https://example.vn/e", "2024-04-11T01:00:00Z", chunked, (size_t)cn);
    return n;
}

static void check_warc_docs(const char *name, const got_doc *g, size_t n) {
    CHECK(n == 3);
    if (n != 3) return;
    char want[64];
    snprintf(want, sizeof want, "%s#3", name);
    CHECK_STR(g[0].doc, want);
    CHECK_STR(g[0].data, PAGE);
    CHECK_STR(g[0].url, "https://example.vn/a");
    CHECK_STR(g[0].date, "2024-04-09");
    snprintf(want, sizeof want, "%s#6", name);
    CHECK_STR(g[1].doc, want);
    CHECK_STR(g[1].data, PAGE);
    CHECK_STR(g[1].url, "https://example.vn/d");
    CHECK_STR(g[1].date, "2024-04-10");
    snprintf(want, sizeof want, "%s#7", name);
    CHECK_STR(g[2].doc, want);
    CHECK_STR(g[2].data, PAGE);  /* chunks joined */
}

int main(void) {
    snprintf(dir, sizeof dir, "/tmp/pact_input_XXXXXX");
    if (!mkdtemp(dir)) return 77;
    got_doc *g = calloc(8, sizeof *g);
    size_t n;
    int end;

    /* plain */
    write_file("plain.txt", PAGE, strlen(PAGE));
    CHECK(read_all("plain.txt", g, 8, &n, &end) == PACT_OK);
    CHECK(n == 1 && end == 0);
    CHECK_STR(g[0].doc, "plain.txt");
    CHECK_STR(g[0].data, PAGE);
    CHECK_STR(g[0].url, "");

    /* gzip under a name that does not say so */
    gz_member("page.dat", PAGE, strlen(PAGE));
    CHECK(read_all("page.dat", g, 8, &n, &end) == PACT_OK);
    CHECK(n == 1 && end == 0);
    CHECK_STR(g[0].data, PAGE);

    /* empty: one empty document (the page reader refuses it) */
    write_file("empty.txt", "", 0);
    CHECK(read_all("empty.txt", g, 8, &n, &end) == PACT_OK);
    CHECK(n == 1 && g[0].len == 0);

    /* WARC, plain and one gzip member per record */
    char *w = malloc(1 << 16);
    size_t wn = build_warc(w, 1 << 16);
    write_file("a.warc", w, wn);
    CHECK(read_all("a.warc", g, 8, &n, &end) == PACT_OK);
    CHECK(end == 0);
    check_warc_docs("a.warc", g, n);
    for (size_t s = 0; s < wn;) {
        const char *next = strstr(w + s + 1, "WARC/1.0\r\n");
        size_t e = next ? (size_t)(next - w) : wn;
        gz_member("b.warc.gz", w + s, e - s);
        s = e;
    }
    CHECK(read_all("b.warc.gz", g, 8, &n, &end) == PACT_OK);
    CHECK(end == 0);
    check_warc_docs("b.warc.gz", g, n);

    /* a truncated gzip file: the documents before the cut, then an error */
    char path[512];
    snprintf(path, sizeof path, "%s/b.warc.gz", dir);
    FILE *f = fopen(path, "rb");
    char *z = malloc(1 << 16);
    size_t zn = fread(z, 1, 1 << 16, f);
    fclose(f);
    write_file("cut.warc.gz", z, zn - 20);
    CHECK(read_all("cut.warc.gz", g, 8, &n, &end) == PACT_OK);
    CHECK(n == 2);
    CHECK(end == PACT_EPARSE);

    /* a WARC record without Content-Length */
    static const char broken[] = "WARC/1.0\r\nWARC-Type: response\r\n\r\nHTTP/1.1 200 OK\r\n\r\nx\r\n\r\n";
    write_file("broken.warc", broken, sizeof broken - 1);
    CHECK(read_all("broken.warc", g, 8, &n, &end) == PACT_OK);
    CHECK(n == 0 && end == PACT_EPARSE);

    /* missing files, directories, dangling links */
    CHECK(read_all("missing.txt", g, 8, &n, &end) == PACT_ENOTFOUND);
    CHECK(read_all("", g, 8, &n, &end) == PACT_EIO); /* the directory itself */
    char link[512];
    snprintf(link, sizeof link, "%s/dangling", dir);
    CHECK(symlink("/nonexistent/target", link) == 0);
    CHECK(read_all("dangling", g, 8, &n, &end) == PACT_ENOTFOUND);

    /* clean up */
    static const char *const files[] = {"plain.txt", "page.dat", "empty.txt", "a.warc", "b.warc.gz",
                                        "cut.warc.gz", "broken.warc", "dangling", NULL};
    for (size_t i = 0; files[i]; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        unlink(path);
    }
    rmdir(dir);
    free(w);
    free(z);
    free(g);
    return check_done();
}
