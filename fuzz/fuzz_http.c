/* The HTTP server on raw bytes: each input is what a client sends on one
 * connection (one request, several pipelined, or garbage), answered by the
 * real server of `pactgraph serve` (src/server/: libmicrohttpd, the checks
 * at the door, the API over a store, the UI's static files).
 *
 * At start a store is built in a temporary folder from a few samples/ pages
 * (extracted here), and a no_listen server is started over it and web/. Each
 * input goes in through a socketpair; once the server has answered what it
 * could, the client side is half-closed and the rest of the answer read
 * until the server closes. Checks: the server closes
 * the connection within a time bound (no hang); what it sent is a sequence
 * of well-formed HTTP/1.x responses (status line, headers ending in a blank
 * line, as many body bytes as Content-Length says, or none for HEAD); no
 * status is 500 or 503 (a query that fails on the store, or one the store
 * cannot answer, is a bug: a client's mistake is a 4xx). With
 * FUZZ_HTTP_PRINT set in the environment, each answer is printed. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "extract/batch.h"
#include "fuzz_common.h"
#include "graph/graph.h"
#include "server/server.h"

#define FUZZ_HTTP_SECONDS 5.0 /* the most one input may take to be answered */

static pact_server *srv;
static char tmpdir[64];
static char dbpath[128];

static const char *const sample_pages[] = {
    "02_aukus_founding_2021.html", "04_nato_vilnius_ip4_2023.html", "10_nk_hwasong18_2023.txt",
    "13_japan_phl_raa_2024.txt",   "21_us_vietnam_csp_2023.html",
};

static void cleanup(void) {
    pact_server_stop(srv);
    srv = NULL;
    char p[256];
    const char *suffix[] = {"", "-wal", "-shm", "-journal"};
    for (size_t i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
        snprintf(p, sizeof p, "%s%s", dbpath, suffix[i]);
        unlink(p);
    }
    rmdir(tmpdir);
}

static void build_store(void) {
    pact_diag d;
    pact_diag_init(&d, "fuzz_http");
    d.quiet = true;
    pact_extractor *ex;
    if (pact_extractor_new(NULL, &ex, &d) != PACT_OK) {
        fprintf(stderr, "fuzz_http: cannot load the data directory %s\n", pact_data_dir(NULL));
        abort();
    }
    pact_store *st;
    if (pact_store_open(dbpath, NULL, &st, &d) != PACT_OK) {
        fprintf(stderr, "fuzz_http: cannot create the store %s\n", dbpath);
        abort();
    }
    pact_arena *arena = pact_arena_new();
    pact_ingest_stats stats;
    memset(&stats, 0, sizeof stats);
    for (size_t i = 0; i < sizeof sample_pages / sizeof sample_pages[0]; i++) {
        char path[PATH_MAX], doc[256];
        snprintf(path, sizeof path, "%s/../samples/%s", PACT_SOURCE_DATA_DIR, sample_pages[i]);
        snprintf(doc, sizeof doc, "samples/%s", sample_pages[i]);
        char *data;
        size_t len;
        if (pact_file_read(path, PACT_MAX_DOC_BYTES, &data, &len) != PACT_OK) {
            fprintf(stderr, "fuzz_http: cannot read %s\n", path);
            abort();
        }
        char hash[65];
        pact_sha256_hex(data, len, hash);
        pact_doc in = {.doc = doc, .data = data, .len = len};
        pact_page page;
        pact_record *recs;
        size_t n;
        bool dup;
        if (pact_extract_doc(ex, &in, arena, &page, &recs, &n, &d) != PACT_OK ||
            pact_store_ingest(st, doc, hash, NULL, recs, n, &dup, &stats) != PACT_OK) {
            fprintf(stderr, "fuzz_http: cannot store %s\n", path);
            abort();
        }
        pact_page_free(&page);
        pact_arena_reset(arena);
        free(data);
    }
    pact_arena_free(arena);
    pact_store_close(st);
    pact_extractor_free(ex);
}

/* Sends one connection's bytes and returns what came back (malloc'd, *n
 * bytes, at most cap kept); aborts when the server does not close in time. */
static char *exchange(const uint8_t *data, size_t size, size_t cap, size_t *n) {
    int sv[2];
    FUZZ_CHECK(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == 0);
    FUZZ_CHECK(fcntl(sv[1], F_SETFL, O_NONBLOCK) == 0);
    FUZZ_CHECK(pact_server_add_connection(srv, sv[0]) == PACT_OK);
    char *out = malloc(cap + 1);
    *n = 0;
    size_t sent = 0;
    unsigned quiet = 0; /* server rounds without anything received since all was sent */
    bool closed_wr = false, eof = false;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    while (!eof) {
        bool progress = false;
        if (!closed_wr) {
            if (sent < size) {
                ssize_t w = send(sv[1], data + sent, size - sent, MSG_NOSIGNAL);
                if (w > 0) {
                    sent += (size_t)w;
                    progress = true;
                } else if (w < 0 && errno != EAGAIN && errno != EWOULDBLOCK) sent = size; /* server closed */
            }
            /* Half-close once the server has answered what it could: at
             * once, MHD would drop the pipelined requests after the first. */
            if (sent == size && quiet >= 3) {
                (void)shutdown(sv[1], SHUT_WR);
                closed_wr = true;
            }
        }
        pact_server_run(srv, 0);
        for (;;) {
            char tmp[65536];
            ssize_t r = recv(sv[1], tmp, sizeof tmp, 0);
            if (r > 0) {
                size_t keep = *n + (size_t)r <= cap ? (size_t)r : cap - *n;
                memcpy(out + *n, tmp, keep);
                *n += keep;
                progress = true;
                continue;
            }
            if (r == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) eof = true;
            break;
        }
        if (sent == size) quiet = progress ? 0 : quiet + 1;
        clock_gettime(CLOCK_MONOTONIC, &t1);
        double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
        if (!eof && s > FUZZ_HTTP_SECONDS) {
            fprintf(stderr, "fuzz_http: the server kept the connection open %.1f s after the input ended"
                            " (%zu of %zu bytes sent, %zu received)\n", s, sent, size, *n);
            FUZZ_CHECK(!"the server closes the connection in time");
        }
        if (!progress && !eof) {
            struct pollfd p = {.fd = sv[1], .events = POLLIN | (closed_wr ? 0 : POLLOUT)};
            (void)poll(&p, 1, 1);
        }
    }
    close(sv[1]);
    pact_server_run(srv, 0); /* let the server clean the connection up */
    out[*n] = '\0';
    return out;
}

static const char *find_crlf2(const char *s, const char *end) {
    for (const char *p = s; p + 4 <= end; p++)
        if (memcmp(p, "\r\n\r\n", 4) == 0) return p;
    return NULL;
}

static bool starts_response(const char *p, const char *end) {
    return end - p >= 13 && (memcmp(p, "HTTP/1.1 ", 9) == 0 || memcmp(p, "HTTP/1.0 ", 9) == 0);
}

/* Walks the responses; aborts on a malformed one or a 5xx of the store. */
static void check_responses(const char *buf, size_t n, bool truncated) {
    const char *p = buf, *end = buf + n;
    while (p < end) {
        if (!starts_response(p, end)) {
            fprintf(stderr, "fuzz_http: not an HTTP response at byte %zu: %.60s\n", (size_t)(p - buf), p);
            FUZZ_CHECK(!"an HTTP status line");
        }
        int status = 0;
        for (int i = 9; i < 12; i++) {
            FUZZ_CHECK(p[i] >= '0' && p[i] <= '9');
            status = status * 10 + (p[i] - '0');
        }
        FUZZ_CHECK(status >= 100 && status <= 599);
        if (status == 500 || status == 503) {
            fprintf(stderr, "fuzz_http: status %d: %.*s\n", status, (int)(end - p < 600 ? end - p : 600), p);
            FUZZ_CHECK(status != 500 && status != 503);
        }
        const char *hend = find_crlf2(p, end);
        if (!hend) {
            FUZZ_CHECK(truncated);
            return;
        }
        size_t clen = 0;
        bool has_clen = false;
        for (const char *h = memchr(p, '\n', (size_t)(hend - p)); h && h < hend; h = memchr(h + 1, '\n', (size_t)(hend - h))) {
            if ((size_t)(hend - h) > 16 && strncasecmp(h + 1, "Content-Length:", 15) == 0) {
                has_clen = true;
                clen = strtoul(h + 16, NULL, 10);
            }
        }
        p = hend + 4;
        if (status < 200) continue; /* 100 Continue: no body */
        if (!has_clen) return;      /* the body runs to the end */
        if ((size_t)(end - p) >= clen && (p + clen == end || starts_response(p + clen, end))) p += clen;
        else if (p == end || starts_response(p, end)) { /* a HEAD: no body */
        } else {
            FUZZ_CHECK(truncated);
            return;
        }
    }
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc;
    (void)argv;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/pact_fuzz_http.XXXXXX");
    if (!mkdtemp(tmpdir)) abort();
    snprintf(dbpath, sizeof dbpath, "%s/store.db", tmpdir);
    build_store();
    char web[PATH_MAX];
    snprintf(web, sizeof web, "%s/../web", PACT_SOURCE_DATA_DIR);
    pact_server_opts o = {.db = dbpath, .static_dir = web, .quiet = true, .no_listen = true};
    pact_diag d;
    pact_diag_init(&d, "fuzz_http");
    if (pact_server_start(&o, &srv, &d) != PACT_OK) {
        fprintf(stderr, "fuzz_http: cannot start the server\n");
        abort();
    }
    atexit(cleanup);
    /* The first API request opens the store: before the first input, so that
     * the fuzzer's leak check does not see it as an input's. */
    static const char warm[] = "GET /api/actors HTTP/1.1\r\nHost: x\r\n\r\n";
    size_t n;
    free(exchange((const uint8_t *)warm, sizeof warm - 1, 1 << 20, &n));
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    size_t cap = (size_t)4 << 20, n;
    char *out = exchange(data, size, cap, &n);
    if (getenv("FUZZ_HTTP_PRINT")) fprintf(stderr, "---- answer (%zu bytes) ----\n%.*s\n----\n", n, (int)n, out);
    check_responses(out, n, n == cap);
    free(out);
    return 0;
}
