/*
 * The HTTP server behind `pactgraph serve`: the JSON API of spec/OUTPUT.md
 * "HTTP API" over a read-only store, and the browser UI's static files
 * (web/). A thin front end: every answer comes from src/graph/'s queries.
 * Built on libmicrohttpd with a thread pool; each thread opens its own
 * read-only SQLite connection on first use.
 */
#ifndef PACT_SERVER_H
#define PACT_SERVER_H

#include <stdbool.h>

#include "util/util.h"

/* Named limits on what a client may send. */
#define PACT_SERVER_MAX_URI 2048            /* request target, bytes */
#define PACT_SERVER_MAX_PARAM 512           /* one query parameter's value, bytes */
#define PACT_SERVER_MAX_HEADERS (16 * 1024) /* request line and headers (MHD's memory) */
#define PACT_SERVER_MAX_CONNECTIONS 512
#define PACT_SERVER_MAX_PER_IP 64           /* connections from one address at once */
#define PACT_SERVER_TIMEOUT 15              /* seconds a connection may stay idle, and the
                                               most a request's headers may take to arrive */

typedef struct {
    const char *db;          /* the store's path */
    const char *bind;        /* address to listen on, IPv4 or IPv6 (NULL: 127.0.0.1) */
    unsigned port;           /* 0: any free port (see pact_server_port) */
    const char *static_dir;  /* the UI's files (web/) */
    unsigned threads;        /* worker threads (0: 4) */
    bool quiet;              /* no access log on stderr */
    unsigned timeout;        /* seconds, as PACT_SERVER_TIMEOUT (0: that) */
    /* For tests and fuzzing: no socket, no thread. Connections are handed
     * over with pact_server_add_connection and served by pact_server_run,
     * on the caller's thread. */
    bool no_listen;
} pact_server_opts;

typedef struct pact_server pact_server;

/* Checks the store opens read-only, then listens. Returns at once; requests
 * are served by the server's own threads until pact_server_stop. */
PACT_WUR int pact_server_start(const pact_server_opts *o, pact_server **srv, pact_diag *d);
/* The port actually listened on. */
unsigned pact_server_port(const pact_server *srv);
/* Stops listening, finishes the requests in flight and frees everything. */
void pact_server_stop(pact_server *srv);

/* no_listen servers only. Serves a connected socket (a socketpair's end, for
 * instance), as if accepted from 127.0.0.1; the server owns fd from then on,
 * also on failure (PACT_EIO). */
PACT_WUR int pact_server_add_connection(pact_server *srv, int fd);
/* no_listen servers only: does what its connections are ready for, waiting
 * at most wait_ms for one to be. */
void pact_server_run(pact_server *srv, unsigned wait_ms);

#endif
