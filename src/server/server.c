/* The HTTP side of `pactgraph serve`: libmicrohttpd set-up, the checks every
 * request passes at the door (method, size, encoding, path), the static
 * files of the UI, the headers every response carries, and the limits on
 * slow clients (idle timeout, header deadline, connections per address). */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "graph/graph_view.h"
#include "server/internal.h"

/* The UI loads only its own files and talks only to this server. The one
 * hash is the rule cytoscape.js injects for its container
 * (".__________cytoscape_container { position: relative; }"). */
#define CSP                                                                                           \
    "default-src 'none'; script-src 'self';"                                                          \
    " style-src 'self' 'sha256-pgvDUBa4IjFA2yuSJ2cqcyxmNYJMborsd0ORcRv9vw8=';"                          \
    " img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none';" \
    " frame-ancestors 'none'"

/* The graph library the UI draws with, installed by npm (scripts/deps.sh)
 * into web/node_modules, served at a stable path. */
static const struct {
    const char *url, *file;
} vendor[] = {
    {"/vendor/cytoscape.min.js", "node_modules/cytoscape/dist/cytoscape.min.js"},
};

static const struct {
    const char *ext, *type;
} types[] = {
    {".html", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".ico", "image/x-icon"},
    {".txt", "text/plain; charset=utf-8"},
};

static void add_headers(struct MHD_Response *r, const char *type) {
    (void)MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
    (void)MHD_add_response_header(r, "Content-Security-Policy", CSP);
    (void)MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    (void)MHD_add_response_header(r, "X-Frame-Options", "DENY");
    (void)MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    (void)MHD_add_response_header(r, "Cross-Origin-Resource-Policy", "same-origin");
    (void)MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-cache");
}

enum MHD_Result pact__respond(struct MHD_Connection *con, unsigned status, const char *type, const void *body,
                              size_t len) {
    struct MHD_Response *r = MHD_create_response_from_buffer(len, (void *)body, MHD_RESPMEM_MUST_COPY);
    if (!r) return MHD_NO;
    add_headers(r, type);
    if (status == MHD_HTTP_METHOD_NOT_ALLOWED) (void)MHD_add_response_header(r, MHD_HTTP_HEADER_ALLOW, "GET, HEAD");
    enum MHD_Result ret = MHD_queue_response(con, status, r);
    MHD_destroy_response(r);
    return ret;
}

enum MHD_Result pact__respond_error(struct MHD_Connection *con, unsigned status, const char *msg) {
    pact_buf b;
    pact_buf_init(&b, 0);
    pact_json j;
    pact_json_init(&j, &b);
    pact_json_object_begin(&j);
    pact_json_key(&j, "error");
    pact_json_cstr(&j, msg);
    pact_json_object_end(&j);
    if (pact_buf_putc(&b, '\n') != PACT_OK) b.len = 0;
    enum MHD_Result ret = pact__respond(con, status, "application/json; charset=utf-8", b.ptr ? b.ptr : "", b.len);
    pact_buf_free(&b);
    return ret;
}

/* ---- the door: checks on the raw request target ---- */

static int hexval(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* NULL when the target is acceptable, else why not. Every %XX must be two hex
 * digits and not NUL; the path part may not encode '/' or '\' (a way to smuggle
 * a separator past a check) nor hold a raw backslash or control character. */
static const char *check_target(const char *raw) {
    if (raw[0] != '/') return "the request target must be a path";
    bool in_path = true;
    for (const char *p = raw; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c < 0x20 || c == 0x7f) return "control character in the request target";
        if (c == '?') in_path = false;
        if (in_path && c == '\\') return "backslash in the path";
        if (c != '%') continue;
        int h = hexval(p[1]), l = h < 0 ? -1 : hexval(p[2]);
        if (h < 0 || l < 0) return "bad percent-encoding";
        int v = h * 16 + l;
        if (v == 0) return "NUL in the request target";
        if (in_path && (v == '/' || v == '\\')) return "encoded separator in the path";
        p += 2;
    }
    return NULL;
}

/* Decodes the path part of raw (up to '?' or '#') into out; the checks above
 * have already run. */
static bool decode_path(const char *raw, char *out, size_t cap) {
    size_t n = 0;
    for (const char *p = raw; *p && *p != '?' && *p != '#'; p++) {
        if (n + 1 >= cap) return false;
        if (*p == '%') {
            out[n++] = (char)(hexval(p[1]) * 16 + hexval(p[2]));
            p += 2;
        } else out[n++] = *p;
    }
    out[n] = '\0';
    return true;
}

/* True when no segment of the decoded path is empty-dotted ("." or "..") or
 * hidden (".git"), and it holds no NUL or backslash. */
static bool safe_path(const char *path) {
    for (const char *seg = path; *seg;) {
        while (*seg == '/') seg++;
        if (!*seg) break;
        if (*seg == '.') return false;
        const char *end = strchr(seg, '/');
        size_t len = end ? (size_t)(end - seg) : strlen(seg);
        if (memchr(seg, '\\', len)) return false;
        if (len == 12 && memcmp(seg, "node_modules", 12) == 0) return false;
        seg += len;
    }
    return true;
}

/* ---- static files ---- */

static const char *type_of(const char *path) {
    const char *dot = strrchr(path, '.');
    if (!dot || strchr(dot, '/')) return NULL;
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (strcmp(dot, types[i].ext) == 0) return types[i].type;
    return NULL;
}

static enum MHD_Result serve_file(pact_server *srv, struct MHD_Connection *con, const char *path, unsigned *status) {
    const char *rel = NULL;
    for (size_t i = 0; i < sizeof vendor / sizeof vendor[0]; i++)
        if (strcmp(path, vendor[i].url) == 0) rel = vendor[i].file;
    char want[PATH_MAX];
    if (!rel) {
        if (strstr(path, "/..") || strstr(path, "/./")) {
            *status = 400;
            return pact__respond_error(con, 400, "'.' and '..' are not allowed in a path");
        }
        if (!safe_path(path)) {
            *status = 404;
            return pact__respond_error(con, 404, "no such file");
        }
        rel = strcmp(path, "/") == 0 ? "index.html" : path + 1;
    }
    const char *type = type_of(rel);
    int n = snprintf(want, sizeof want, "%s/%s", srv->static_root, rel);
    if (!type || n < 0 || (size_t)n >= sizeof want) {
        *status = 404;
        return pact__respond_error(con, 404, "no such file");
    }
    /* Resolve links and check the file is still inside the static folder. */
    char real[PATH_MAX];
    size_t rootlen = strlen(srv->static_root);
    int fd = -1;
    struct stat sb;
    if (realpath(want, real) && strncmp(real, srv->static_root, rootlen) == 0 && real[rootlen] == '/')
        fd = open(real, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0 || fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        if (fd >= 0) close(fd);
        *status = 404;
        if (strncmp(path, "/vendor/", 8) == 0)
            return pact__respond_error(con, 404, "the UI's graph library is not installed: run scripts/deps.sh"
                                                 " (npm ci in web/)");
        return pact__respond_error(con, 404, "no such file");
    }
    struct MHD_Response *r = MHD_create_response_from_fd((size_t)sb.st_size, fd); /* takes fd */
    if (!r) {
        close(fd);
        return MHD_NO;
    }
    add_headers(r, type);
    *status = 200;
    enum MHD_Result ret = MHD_queue_response(con, 200, r);
    MHD_destroy_response(r);
    return ret;
}

/* ---- the API ---- */

static void close_store(void *p) { pact_store_close(p); }

/* The endpoints whose answers are cached: they read the whole store. */
static bool cacheable(const char *path) { return strcmp(path, "graph") == 0 || strcmp(path, "actors") == 0; }

/* The calling thread's store, opened on its first request. */
static pact_store *thread_store(pact_server *srv) {
    pact_store *st = pthread_getspecific(srv->store_key);
    if (st) return st;
    pact_diag d;
    pact_diag_init(&d, srv->db);
    d.quiet = srv->quiet;
    if (pact_store_open_readonly(srv->db, &st, &d) != PACT_OK || pthread_setspecific(srv->store_key, st) != 0) {
        pact_store_close(st);
        return NULL;
    }
    return st;
}

static enum MHD_Result serve_api(pact_server *srv, struct MHD_Connection *con, const char *path, const char *raw,
                                 unsigned *status) {
    /* A cached answer is checked against an SQLite store's files (size and
     * time: no need to open the store for a hit) or a PostgreSQL store's
     * generation (a query: it has no file to stat). */
    pact_store *st = NULL;
    pact__stamp stamp = {{0}};
    bool cache = cacheable(path);
    if (cache && srv->db_is_url) {
        st = thread_store(srv);
        cache = st && pact_store_generation(st, stamp.v) == PACT_OK;
    } else if (cache)
        pact__cache_stamp(srv->db, &stamp);
    if (cache) {
        pact_buf hit;
        pact_buf_init(&hit, 0);
        if (pact__cache_get(&srv->cache, raw, &stamp, &hit)) {
            enum MHD_Result ret = pact__respond(con, 200, "application/json; charset=utf-8", hit.ptr, hit.len);
            pact_buf_free(&hit);
            *status = 200;
            return ret;
        }
        pact_buf_free(&hit);
    }
    if (!st) st = thread_store(srv);
    if (!st) {
        *status = 503;
        return pact__respond_error(con, 503, "the store cannot be opened");
    }
    pact__api a;
    memset(&a, 0, sizeof a);
    a.con = con;
    a.srv = srv;
    a.st = st;
    a.status = 200;
    a.arena = pact_arena_new();
    pact_buf_init(&a.body, 64u << 20);
    pact_json_init(&a.json, &a.body);
    pact__api_dispatch(&a, path);
    enum MHD_Result ret;
    if (a.status == 200 && a.json.err == PACT_OK && pact_buf_putc(&a.body, '\n') == PACT_OK) {
        ret = pact__respond(con, 200, "application/json; charset=utf-8", a.body.ptr, a.body.len);
        if (cache) pact__cache_put(&srv->cache, raw, &stamp, a.body.ptr, a.body.len);
    }
    else if (a.status == 200) {
        a.status = 500;
        ret = pact__respond_error(con, 500, "the answer is too large");
    } else ret = pact__respond_error(con, a.status, a.error);
    *status = a.status;
    pact_buf_free(&a.body);
    pact_arena_free(a.arena);
    return ret;
}

/* ---- slow clients ----
 * MHD closes a connection that sends nothing for `timeout` seconds, but one
 * byte now and then keeps it open for ever (slowloris): each connection is
 * kept in a list, and a reaper thread shuts down those whose request headers
 * are not all in `timeout` seconds after the connection opened or its last
 * answer was done. MHD sees the end of the stream and closes it. Entries are
 * removed (under the lock) before MHD closes the socket, so the reaper never
 * touches a descriptor that was reused. */

static double since_s(const struct timespec *t0) {
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

static void notify_connection(void *cls, struct MHD_Connection *con, void **socket_context,
                              enum MHD_ConnectionNotificationCode toe) {
    pact_server *srv = cls;
    if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
        const union MHD_ConnectionInfo *ci = MHD_get_connection_info(con, MHD_CONNECTION_INFO_CONNECTION_FD);
        pact__conn *c = pact__xcalloc(1, sizeof *c);
        c->fd = ci ? ci->connect_fd : -1;
        clock_gettime(CLOCK_MONOTONIC, &c->since);
        pthread_mutex_lock(&srv->conns_mu);
        c->next = srv->conns;
        if (srv->conns) srv->conns->prev = c;
        srv->conns = c;
        pthread_mutex_unlock(&srv->conns_mu);
        *socket_context = c;
    } else if (toe == MHD_CONNECTION_NOTIFY_CLOSED && *socket_context) {
        pact__conn *c = *socket_context;
        pthread_mutex_lock(&srv->conns_mu);
        if (c->prev) c->prev->next = c->next;
        else srv->conns = c->next;
        if (c->next) c->next->prev = c->prev;
        pthread_mutex_unlock(&srv->conns_mu);
        free(c->raw);
        free(c);
        *socket_context = NULL;
    }
}

static pact__conn *conn_of(struct MHD_Connection *con) {
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(con, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    return ci ? ci->socket_context : NULL;
}

/* Marks the connection's request as being answered (busy) or done. */
static void conn_busy(pact_server *srv, pact__conn *c, bool busy) {
    pthread_mutex_lock(&srv->conns_mu);
    c->busy = busy;
    if (!busy) clock_gettime(CLOCK_MONOTONIC, &c->since);
    pthread_mutex_unlock(&srv->conns_mu);
}

static void *reaper(void *arg) {
    pact_server *srv = arg;
    pthread_mutex_lock(&srv->conns_mu);
    while (!srv->stopping) {
        struct timespec wake;
        clock_gettime(CLOCK_MONOTONIC, &wake);
        wake.tv_nsec += 250 * 1000000L; /* a quarter second: the deadline is kept to that */
        if (wake.tv_nsec >= 1000000000L) {
            wake.tv_sec++;
            wake.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&srv->reaper_cv, &srv->conns_mu, &wake);
        for (pact__conn *c = srv->conns; c && !srv->stopping; c = c->next)
            if (!c->busy && !c->reaped && c->fd >= 0 && since_s(&c->since) >= (double)srv->timeout) {
                (void)shutdown(c->fd, SHUT_RDWR);
                c->reaped = true;
            }
    }
    pthread_mutex_unlock(&srv->conns_mu);
    return NULL;
}

/* ---- libmicrohttpd callbacks ---- */

static void *uri_log(void *cls, const char *uri, struct MHD_Connection *con) {
    (void)cls;
    pact__conn *c = conn_of(con);
    if (!c) return NULL;
    free(c->raw);
    c->raw = NULL;
    c->started = false;
    size_t n = strlen(uri);
    c->too_long = n > PACT_SERVER_MAX_URI;
    if (!c->too_long) c->raw = pact__xstrndup(uri, n);
    return c;
}

static void completed(void *cls, struct MHD_Connection *con, void **con_cls, enum MHD_RequestTerminationCode t) {
    (void)t;
    (void)con;
    pact__conn *c = *con_cls;
    if (c) {
        if (c->started) conn_busy(cls, c, false);
        free(c->raw);
        c->raw = NULL;
        c->started = false;
        *con_cls = NULL;
    }
}

static void access_log(pact_server *srv, const char *method, const char *raw, unsigned status, struct timespec *t0) {
    if (srv->quiet) return;
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double ms = (double)(t1.tv_sec - t0->tv_sec) * 1e3 + (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
    /* The target is logged up to a length, and only printable ASCII. */
    char clean[160];
    size_t n = 0;
    for (const char *p = raw ? raw : "(too long)"; *p && n + 1 < sizeof clean; p++)
        clean[n++] = (*p >= 0x20 && *p < 0x7f) ? *p : '?';
    clean[n] = '\0';
    fprintf(stderr, "pactgraph serve: %.8s %s %u %.1fms\n", method, clean, status, ms);
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *con, const char *url, const char *method,
                              const char *version, const char *upload_data, size_t *upload_data_size, void **con_cls) {
    (void)url; /* MHD's decoded form: the raw target is checked and decoded here instead */
    (void)version;
    (void)upload_data;
    pact_server *srv = cls;
    pact__conn *rq = *con_cls;
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (!rq) return MHD_NO;
    if (rq->started) {
        /* A body arrived after the answer was queued: discard it. */
        *upload_data_size = 0;
        return MHD_YES;
    }
    rq->started = true;
    conn_busy(srv, rq, true);
    unsigned status = 500;
    enum MHD_Result ret;
    const char *why;
    char path[PACT_SERVER_MAX_URI + 1];
    const char *clen = MHD_lookup_connection_value(con, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
    const char *te = MHD_lookup_connection_value(con, MHD_HEADER_KIND, MHD_HTTP_HEADER_TRANSFER_ENCODING);
    if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0)
        ret = pact__respond_error(con, status = 405, "only GET and HEAD are allowed");
    else if ((clen && strcmp(clen, "0") != 0) || te)
        ret = pact__respond_error(con, status = 413, "requests may not carry a body");
    else if (rq->too_long)
        ret = pact__respond_error(con, status = 414, "the request target is too long");
    else if ((why = check_target(rq->raw)))
        ret = pact__respond_error(con, status = 400, why);
    else if (!decode_path(rq->raw, path, sizeof path))
        ret = pact__respond_error(con, status = 414, "the request target is too long");
    else if (strncmp(path, "/api/", 5) == 0)
        ret = serve_api(srv, con, path + 5, rq->raw, &status);
    else ret = serve_file(srv, con, path, &status);
    access_log(srv, method, rq->raw, status, &t0);
    return ret;
}

/* ---- start and stop ---- */

int pact_server_start(const pact_server_opts *o, pact_server **out, pact_diag *d) {
    *out = NULL;
    /* Fail early with a clear message when the store is missing or foreign. */
    pact_store *probe;
    int rc = pact_store_open_readonly(o->db, &probe, d);
    if (rc != PACT_OK) return rc;
    pact_store_close(probe);

    char root[PATH_MAX];
    if (!o->static_dir || !realpath(o->static_dir, root)) {
        pact_warn(d, SIZE_MAX, "%s: the UI's folder cannot be read", o->static_dir ? o->static_dir : "(none)");
        return PACT_ENOTFOUND;
    }
    union {
        struct sockaddr sa;
        struct sockaddr_in v4;
        struct sockaddr_in6 v6;
    } addr;
    memset(&addr, 0, sizeof addr);
    const char *bind = o->bind ? o->bind : "127.0.0.1";
    unsigned flags = MHD_USE_AUTO_INTERNAL_THREAD | MHD_USE_ERROR_LOG;
    if (o->no_listen) {
        /* no error log: MHD would warn on every socketpair that TCP options
         * do not apply to it */
        flags = MHD_USE_NO_LISTEN_SOCKET;
        addr.v4.sin_family = AF_INET; /* not used */
    } else if (inet_pton(AF_INET, bind, &addr.v4.sin_addr) == 1) {
        addr.v4.sin_family = AF_INET;
        addr.v4.sin_port = htons((uint16_t)o->port);
    } else if (inet_pton(AF_INET6, bind, &addr.v6.sin6_addr) == 1) {
        addr.v6.sin6_family = AF_INET6;
        addr.v6.sin6_port = htons((uint16_t)o->port);
        flags |= MHD_USE_IPv6;
    } else {
        pact_warn(d, SIZE_MAX, "'%s' is not an IPv4 or IPv6 address", bind);
        return PACT_EINVAL;
    }

    pact_server *srv = pact__xcalloc(1, sizeof *srv);
    srv->db = pact__xstrdup(o->db);
    srv->static_root = pact__xstrdup(root);
    srv->quiet = o->quiet;
    srv->timeout = o->timeout ? o->timeout : PACT_SERVER_TIMEOUT;
    srv->db_is_url = pact_store_is_url(o->db);
    pact__cache_init(&srv->cache);
    pthread_mutex_init(&srv->conns_mu, NULL);
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&srv->reaper_cv, &ca);
    pthread_condattr_destroy(&ca);
    int err = PACT_ENOMEM;
    if (pthread_key_create(&srv->store_key, close_store) != 0) goto fail_key;
    unsigned threads = o->threads ? o->threads : 4;
    if (o->no_listen)
        srv->mhd = MHD_start_daemon(flags, 0, NULL, NULL, handle, srv,
                                    MHD_OPTION_URI_LOG_CALLBACK, uri_log, srv,
                                    MHD_OPTION_NOTIFY_COMPLETED, completed, srv,
                                    MHD_OPTION_NOTIFY_CONNECTION, notify_connection, srv,
                                    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)PACT_SERVER_MAX_HEADERS,
                                    MHD_OPTION_CONNECTION_LIMIT, (unsigned)PACT_SERVER_MAX_CONNECTIONS,
                                    MHD_OPTION_CONNECTION_TIMEOUT, srv->timeout,
                                    MHD_OPTION_END);
    else
        srv->mhd = MHD_start_daemon(flags, (uint16_t)o->port, NULL, NULL, handle, srv,
                                    MHD_OPTION_SOCK_ADDR, &addr.sa,
                                    MHD_OPTION_THREAD_POOL_SIZE, threads,
                                    MHD_OPTION_URI_LOG_CALLBACK, uri_log, srv,
                                    MHD_OPTION_NOTIFY_COMPLETED, completed, srv,
                                    MHD_OPTION_NOTIFY_CONNECTION, notify_connection, srv,
                                    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)PACT_SERVER_MAX_HEADERS,
                                    MHD_OPTION_CONNECTION_LIMIT, (unsigned)PACT_SERVER_MAX_CONNECTIONS,
                                    MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)PACT_SERVER_MAX_PER_IP,
                                    MHD_OPTION_CONNECTION_TIMEOUT, srv->timeout,
                                    MHD_OPTION_END);
    if (!srv->mhd) {
        pact_warn(d, SIZE_MAX, "cannot listen on %s port %u: %s", bind, o->port, strerror(errno));
        err = PACT_EIO;
        goto fail_mhd;
    }
    /* no_listen: one thread, and every connection ends when its input does */
    if (!o->no_listen) {
        if (pthread_create(&srv->reaper, NULL, reaper, srv) != 0) {
            pact_warn(d, SIZE_MAX, "cannot start a thread");
            MHD_stop_daemon(srv->mhd);
            goto fail_mhd;
        }
        srv->reaper_running = true;
    }
    const union MHD_DaemonInfo *info = o->no_listen ? NULL : MHD_get_daemon_info(srv->mhd, MHD_DAEMON_INFO_BIND_PORT);
    srv->port = info ? info->port : o->port;
    *out = srv;
    return PACT_OK;

fail_mhd:
    pthread_key_delete(srv->store_key);
fail_key:
    pthread_cond_destroy(&srv->reaper_cv);
    pthread_mutex_destroy(&srv->conns_mu);
    pact__cache_free(&srv->cache);
    free(srv->db);
    free(srv->static_root);
    free(srv);
    return err;
}

unsigned pact_server_port(const pact_server *srv) { return srv->port; }

int pact_server_add_connection(pact_server *srv, int fd) {
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(40000);
    return MHD_add_connection(srv->mhd, fd, (const struct sockaddr *)&a, sizeof a) == MHD_YES ? PACT_OK : PACT_EIO;
}

void pact_server_run(pact_server *srv, unsigned wait_ms) { (void)MHD_run_wait(srv->mhd, (int32_t)wait_ms); }

void pact_server_stop(pact_server *srv) {
    if (!srv) return;
    if (srv->reaper_running) {
        pthread_mutex_lock(&srv->conns_mu);
        srv->stopping = true;
        pthread_cond_signal(&srv->reaper_cv);
        pthread_mutex_unlock(&srv->conns_mu);
        pthread_join(srv->reaper, NULL);
    }
    /* Joins the worker threads: their stores close with them. */
    MHD_stop_daemon(srv->mhd);
    /* A no_listen server answers on the caller's thread: its store too. */
    pact_store *st = pthread_getspecific(srv->store_key);
    if (st) {
        pact_store_close(st);
        (void)pthread_setspecific(srv->store_key, NULL);
    }
    pthread_key_delete(srv->store_key);
    pthread_cond_destroy(&srv->reaper_cv);
    pthread_mutex_destroy(&srv->conns_mu);
    pact__cache_free(&srv->cache);
    free(srv->db);
    free(srv->static_root);
    free(srv);
}
