/* What the server's files share: the server, one request, the responses. */
#ifndef PACT_SERVER_INTERNAL_H
#define PACT_SERVER_INTERNAL_H

#include <microhttpd.h>
#include <pthread.h>

#include "graph/graph.h"
#include "server/server.h"

/* The answer cache (cache.c). */
#define PACT__CACHE_SLOTS 64
#define PACT__CACHE_MAX_ANSWER ((size_t)8 << 20)

typedef struct {
    long long v[4]; /* SQLite: the file's and its WAL's size and mtime; PostgreSQL: the generation */
} pact__stamp;

typedef struct {
    char key[256];
    pact__stamp stamp;
    char *body;
    size_t len;
    unsigned long long used;
} pact__cache_slot;

typedef struct {
    pthread_mutex_t mu;
    pact__cache_slot slot[PACT__CACHE_SLOTS];
    unsigned long long clock;
} pact__cache;

void pact__cache_init(pact__cache *c);
void pact__cache_free(pact__cache *c);
void pact__cache_stamp(const char *db, pact__stamp *s);
bool pact__cache_get(pact__cache *c, const char *key, const pact__stamp *st, pact_buf *out);
void pact__cache_put(pact__cache *c, const char *key, const pact__stamp *st, const char *body, size_t len);

/* One open connection (MHD's socket context): its request in progress, and
 * what the header deadline needs (server.c, reaper). The request lives here,
 * not in memory of its own: MHD may drop a request between the URI log
 * callback and the handler (a header over the memory limit) without telling
 * the completion callback, but it always reports the connection's end. */
typedef struct pact__conn {
    /* the request, touched only by the connection's MHD thread */
    char *raw;              /* the request target as sent, or NULL */
    bool too_long;          /* longer than PACT_SERVER_MAX_URI */
    bool started;           /* the handler has run for it */
    /* for the reaper, under pact_server.conns_mu */
    struct pact__conn *prev, *next;
    int fd;
    struct timespec since;  /* when it opened, or when its last answer was done */
    bool busy;              /* a request's headers are in: it is being answered */
    bool reaped;            /* shut down by the reaper; MHD closes it */
} pact__conn;

struct pact_server {
    pact__cache cache;
    struct MHD_Daemon *mhd;
    char *db;
    char *static_root;        /* realpath of the static folder */
    pthread_key_t store_key;  /* each thread's read-only pact_store */
    bool quiet;
    unsigned port;
    unsigned timeout;         /* seconds: idle timeout and header deadline */
    bool db_is_url;           /* a PostgreSQL store: answers are checked against its generation */
    /* open connections and the thread that closes the slow ones */
    pthread_mutex_t conns_mu;
    pthread_cond_t reaper_cv;
    pact__conn *conns;
    bool reaper_running, stopping;
    pthread_t reaper;
};

/* An API answer: a status and a JSON body (or an error message). */
typedef struct {
    struct MHD_Connection *con;
    pact_server *srv;
    pact_store *st;
    pact_buf body;
    pact_json json;
    pact_arena *arena;   /* resolved actor ids and the like */
    unsigned status;
    char error[300];
} pact__api;

/* Answers an /api/ request into a (status, body or error). */
void pact__api_dispatch(pact__api *a, const char *path);
/* Sets an error answer; returns status. */
unsigned pact__api_error(pact__api *a, unsigned status, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Queues a response with the headers every answer carries. */
enum MHD_Result pact__respond(struct MHD_Connection *con, unsigned status, const char *type, const void *body,
                              size_t len);
/* Queues {"error": msg}. */
enum MHD_Result pact__respond_error(struct MHD_Connection *con, unsigned status, const char *msg);

#endif
