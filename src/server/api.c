/* The JSON API under /api/: each endpoint reads its parameters, asks
 * src/graph/ (the same queries as the command line) and writes the shapes of
 * spec/OUTPUT.md. Errors are {"error": "..."} with a 4xx/5xx status. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/graph_view.h"
#include "server/internal.h"

#define LIMIT_MAX 1000

unsigned pact__api_error(pact__api *a, unsigned status, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(a->error, sizeof a->error, fmt, ap);
    va_end(ap);
    a->status = status;
    return status;
}

/* A parameter's value, checked: NULL when absent; sets a 400 and returns
 * NULL when too long, not UTF-8 or holding control characters. */
static const char *param(pact__api *a, const char *key, bool required) {
    if (a->status != 200) return NULL;
    const char *v = MHD_lookup_connection_value(a->con, MHD_GET_ARGUMENT_KIND, key);
    if (v && !v[0]) v = NULL;
    if (!v) {
        if (required) pact__api_error(a, 400, "missing parameter '%s'", key);
        return NULL;
    }
    size_t n = strlen(v);
    if (n > PACT_SERVER_MAX_PARAM) {
        pact__api_error(a, 400, "parameter '%s' is too long (at most %d bytes)", key, PACT_SERVER_MAX_PARAM);
        return NULL;
    }
    if (!pact_utf8_valid(v, n)) {
        pact__api_error(a, 400, "parameter '%s' is not UTF-8", key);
        return NULL;
    }
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)v[i] < 0x20 || v[i] == 0x7f) {
            pact__api_error(a, 400, "parameter '%s' holds a control character", key);
            return NULL;
        }
    return v;
}

/* A whole number in [lo, hi], or def when absent. */
static long num_param(pact__api *a, const char *key, long lo, long hi, long def) {
    const char *v = param(a, key, false);
    if (!v) return def;
    char *end;
    long n = strtol(v, &end, 10);
    if (*end || end == v || n < lo || n > hi) {
        pact__api_error(a, 400, "parameter '%s' must be a number from %ld to %ld", key, lo, hi);
        return def;
    }
    return n;
}

static bool bool_param(pact__api *a, const char *key) { return num_param(a, key, 0, 1, 0) == 1; }

/* YYYY, YYYY-MM or YYYY-MM-DD. */
static const char *date_param(pact__api *a, const char *key) {
    const char *v = param(a, key, false);
    if (!v) return NULL;
    size_t n = strlen(v);
    bool ok = n == 4 || n == 7 || n == 10;
    for (size_t i = 0; ok && i < n; i++)
        ok = (i == 4 || i == 7) ? v[i] == '-' : (v[i] >= '0' && v[i] <= '9');
    if (ok && n >= 7) ok = atoi(v + 5) >= 1 && atoi(v + 5) <= 12;
    if (ok && n == 10) ok = atoi(v + 8) >= 1 && atoi(v + 8) <= 31;
    if (!ok) {
        pact__api_error(a, 400, "parameter '%s' must be a date: YYYY, YYYY-MM or YYYY-MM-DD", key);
        return NULL;
    }
    return v;
}

/* An actor given by id or name, resolved as the command line does. */
static const char *actor_param(pact__api *a, const char *key, bool required) {
    const char *v = param(a, key, required);
    if (!v) return NULL;
    const char *id;
    int rc = pact_store_resolve(a->st, v, a->arena, &id);
    if (rc == PACT_ENOTFOUND) {
        pact__api_error(a, 404, "'%.200s' is not known to the store", v);
        return NULL;
    }
    if (rc != PACT_OK) {
        pact__api_error(a, rc == PACT_EDB ? 500 : 400, "%s", pact_strerror(rc));
        return NULL;
    }
    return id;
}

/* Maps a query's status to the answer. */
static void done(pact__api *a, int rc, const char *what) {
    if (rc == PACT_OK) return;
    if (rc == PACT_ENOTFOUND) pact__api_error(a, 404, "%s is not known to the store", what);
    else if (rc == PACT_EINVAL) pact__api_error(a, 400, "%s: %s", what, pact_strerror(rc));
    else {
        if (!a->srv->quiet) fprintf(stderr, "pactgraph serve: store error: %s\n", pact_store_errmsg(a->st));
        pact__api_error(a, 500, "the store reported an error");
    }
}

static void api_members(pact__api *a) {
    const char *org = actor_param(a, "org", true);
    const char *at = date_param(a, "at");
    bool ev = bool_param(a, "evidence");
    if (a->status != 200) return;
    pact_query_opts o = {.at = at, .evidence = ev};
    pact_result r;
    int rc = pact_query_members(a->st, org, &o, &r);
    if (rc == PACT_OK) pact_members_json(&r, ev, &a->json);
    pact_result_free(&r);
    done(a, rc, "the organisation");
}

static void api_ties(pact__api *a, bool timeline) {
    const char *x = actor_param(a, "a", true);
    const char *y = actor_param(a, "b", !timeline);
    bool ev = bool_param(a, "evidence");
    long limit = num_param(a, "limit", 1, LIMIT_MAX, 200);
    if (a->status != 200) return;
    pact_query_opts o = {.evidence = ev, .limit = (size_t)limit};
    pact_result r;
    int rc = timeline ? pact_query_timeline(a->st, x, y, &o, &r) : pact_query_ties(a->st, x, y, &o, &r);
    if (rc == PACT_OK) pact_ties_json(&r, ev, &a->json);
    pact_result_free(&r);
    done(a, rc, "the actor");
}

static void api_ties_only(pact__api *a) { api_ties(a, false); }
static void api_timeline(pact__api *a) { api_ties(a, true); }

static void api_path(pact__api *a) {
    const char *x = actor_param(a, "a", true);
    const char *y = actor_param(a, "b", true);
    bool ev = bool_param(a, "evidence");
    if (a->status != 200) return;
    pact_query_opts o = {.evidence = ev};
    pact_result r;
    int rc = pact_query_path(a->st, x, y, &o, &r);
    if (rc == PACT_OK) pact_path_json(&r, ev, &a->json);
    pact_result_free(&r);
    done(a, rc, "the actor");
}

static void api_actor(pact__api *a) {
    const char *id = actor_param(a, "id", true);
    if (a->status != 200) return;
    pact_result r;
    int rc = pact_query_actor(a->st, id, NULL, &r);
    if (rc == PACT_OK) pact_actor_json(&r, false, &a->json);
    pact_result_free(&r);
    done(a, rc, "the actor");
}

static void api_search(pact__api *a) {
    const char *q = param(a, "q", true);
    long limit = num_param(a, "limit", 1, 200, 50);
    if (a->status != 200) return;
    pact_query_opts o = {.limit = (size_t)limit};
    pact_result r;
    int rc = pact_query_search(a->st, q, &o, &r);
    if (rc == PACT_OK) pact_search_json(&r, &a->json);
    pact_result_free(&r);
    if (rc == PACT_EINVAL) pact__api_error(a, 400, "the search needs at least one word");
    else done(a, rc, "the search");
}

static void api_actors(pact__api *a) { done(a, pact_view_actors_json(a->st, &a->json), "the actors"); }

static void api_article(pact__api *a) {
    const char *doc = param(a, "doc", true);
    long n = num_param(a, "article", 0, 1000000, 0);
    if (a->status != 200) return;
    done(a, pact_view_article_json(a->st, doc, (int)n, &a->json), "the article");
}

static void api_graph(pact__api *a) {
    pact_view_opts o = {.at = date_param(a, "at"), .from = date_param(a, "from")};
    o.nodes = (size_t)num_param(a, "nodes", 1, PACT_VIEW_NODES_MAX, PACT_VIEW_NODES_DEFAULT);
    o.edges = (size_t)num_param(a, "edges", 1, PACT_VIEW_EDGES_MAX, PACT_VIEW_EDGES_DEFAULT);
    if (a->status != 200) return;
    done(a, pact_view_graph_json(a->st, &o, &a->json), "the graph");
}

static const struct {
    const char *name;
    void (*fn)(pact__api *a);
} endpoints[] = {
    {"members", api_members}, {"ties", api_ties_only}, {"path", api_path},     {"timeline", api_timeline},
    {"search", api_search},   {"actors", api_actors}, {"actor", api_actor},   {"article", api_article},
    {"graph", api_graph},
};

void pact__api_dispatch(pact__api *a, const char *path) {
    for (size_t i = 0; i < sizeof endpoints / sizeof endpoints[0]; i++)
        if (strcmp(path, endpoints[i].name) == 0) {
            endpoints[i].fn(a);
            return;
        }
    pact__api_error(a, 404, "no such endpoint: /api/%.100s", path);
}
