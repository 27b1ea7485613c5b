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
    long long v[4]; /* the store's and its WAL's size and mtime */
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

struct pact_server {
    pact__cache cache;
    struct MHD_Daemon *mhd;
    char *db;
    char *static_root;        /* realpath of the static folder */
    pthread_key_t store_key;  /* each thread's read-only pact_store */
    bool quiet;
    unsigned port;
};

/* One request: what the URI log callback saw before MHD decoded anything. */
typedef struct {
    char *raw;        /* the request target as sent */
    bool too_long;    /* longer than PACT_SERVER_MAX_URI */
    bool started;
} pact__request;

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
