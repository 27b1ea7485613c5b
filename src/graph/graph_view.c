/* The browser's views of the store: the graph as of a date, the actors, one
 * article with its evidence spans. Read-only; every value is bound, never
 * pasted into SQL. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "graph/graph_view.h"
#include "graph/internal.h"

int pact_store_open_readonly(const char *path, pact_store **out, pact_diag *d) {
    *out = NULL;
    if (access(path, R_OK) != 0) {
        pact_warn(d, SIZE_MAX, "%s: no such store (build it with 'pactgraph ingest')", path);
        return PACT_ENOTFOUND;
    }
    pact_store *st = pact__xcalloc(1, sizeof *st);
    /* NOMUTEX: each server thread has its own connection. */
    if (sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
        pact_warn(d, SIZE_MAX, "%s: cannot open the store: %s", path, st->db ? sqlite3_errmsg(st->db) : "out of memory");
        pact_store_close(st);
        return PACT_EDB;
    }
    sqlite3_busy_timeout(st->db, 5000);
    sqlite3_stmt *s = pact__db_prepare(st, "PRAGMA user_version");
    int version = s && sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int(s, 0) : -1;
    sqlite3_finalize(s);
    s = version >= 1 ? pact__db_prepare(st, "SELECT 1 FROM events LIMIT 1") : NULL;
    bool ok = s != NULL;
    sqlite3_finalize(s);
    if (!ok || version > PACT_STORE_SCHEMA) {
        pact_warn(d, SIZE_MAX, "%s: %s", path,
                  version > PACT_STORE_SCHEMA ? "the store's schema is newer than this pactgraph"
                                              : "not a pactgraph store");
        pact_store_close(st);
        return PACT_EDB;
    }
    (void)pact__db_exec(st, "PRAGMA cache_size = -16384; PRAGMA temp_store = MEMORY;");
    *out = st;
    return PACT_OK;
}

static int db_error(pact_store *st) {
    snprintf(st->err, sizeof st->err, "%s", sqlite3_errmsg(st->db));
    return PACT_EDB;
}

static const char *text(sqlite3_stmt *s, int i) { return (const char *)sqlite3_column_text(s, i); }

/* "2023" means up to the end of 2023, "2023-04" to the end of April. */
static void date_ceiling(const char *at, char out[11]) {
    size_t n = strlen(at);
    if (n == 4) snprintf(out, 11, "%s-12-31", at);
    else if (n == 7) snprintf(out, 11, "%s-31", at);
    else snprintf(out, 11, "%.10s", at);
}

/* ---- the graph as of a date ---- */

/* The events of the window and the memberships valid at its end; the nodes
 * they touch ranked by activity. ?1 = at (ceiling), ?2 = from, ?3 = nodes.
 * One statement answers nodes (t = 0), ties (1) and memberships (2), so the
 * window is read once. */
static const char graph_sql[] =
    /* One pass over the events of the window, summed per ordered pair: all
     * else is computed from these few thousand rows. A plain table scan
     * beats walking an index with a look-up per row. */
    "WITH pairs AS MATERIALIZED (SELECT source, target, count(*) AS n, sum(goldstein) AS g,"
    "   sum(quad IN (1, 2)) AS coop, sum(quad IN (3, 4)) AS conf FROM events NOT INDEXED WHERE source <> target"
    "   AND (?1 IS NULL OR (date GLOB '[0-9][0-9][0-9][0-9]*' AND date <= ?1))"
    "   AND (?2 IS NULL OR (date GLOB '[0-9][0-9][0-9][0-9]*' AND date >= ?2)) GROUP BY source, target),"
    " ms AS MATERIALIZED (SELECT m.org, m.member, m.role, min(m.since) AS since, max(m.until) AS until,"
    "   max(m.origin = 'reference') AS ref, sum((SELECT count(*) FROM evidence e WHERE e.membership_id = m.id)) AS n"
    "   FROM memberships m WHERE m.role IN ('member', 'partner', 'candidate') AND m.org <> m.member"
    "   AND (?1 IS NULL OR ((m.since IS NULL OR m.since <= ?1) AND (m.until IS NULL OR m.until > ?1)))"
    "   GROUP BY m.org, m.member, m.role),"
    " act AS MATERIALIZED (SELECT a, sum(n) AS n, sum(g) AS g, sum(coop) AS coop, sum(conf) AS conf FROM"
    "   (SELECT source AS a, n, g, coop, conf FROM pairs UNION ALL SELECT target, n, g, coop, conf FROM pairs)"
    "   GROUP BY a),"
    " mc AS MATERIALIZED (SELECT a, count(*) AS n FROM (SELECT org AS a FROM ms UNION ALL SELECT member FROM ms)"
    "   GROUP BY a),"
    " ids AS MATERIALIZED (SELECT a AS id FROM act UNION SELECT a FROM mc),"
    " top AS MATERIALIZED (SELECT ids.id, coalesce(act.n, 0) AS n, coalesce(act.g, 0) AS g,"
    "   coalesce(act.coop, 0) AS coop, coalesce(act.conf, 0) AS conf, coalesce(mc.n, 0) AS nm"
    "   FROM ids LEFT JOIN act ON act.a = ids.id LEFT JOIN mc ON mc.a = ids.id"
    "   ORDER BY coalesce(act.n, 0) + coalesce(mc.n, 0) DESC, ids.id LIMIT ?3)"
    " SELECT 0, top.id, ac.kind, ac.name, ac.name_vi, top.n + top.nm, top.n, top.coop, top.conf, top.g, top.nm"
    "  FROM top LEFT JOIN actors ac ON ac.id = top.id"
    " UNION ALL SELECT * FROM (SELECT 1, min(source, target) AS x, max(source, target) AS y, NULL, NULL, sum(n),"
    "  sum(n), sum(coop), sum(conf), sum(g), NULL FROM pairs"
    "  WHERE source IN (SELECT id FROM top) AND target IN (SELECT id FROM top) GROUP BY x, y"
    "  ORDER BY 6 DESC, 2, 3 LIMIT ?4)"
    " UNION ALL SELECT * FROM (SELECT 2, org, member, role, since, n, until, ref, NULL, NULL, NULL FROM ms"
    "  WHERE org IN (SELECT id FROM top) AND member IN (SELECT id FROM top)"
    "  ORDER BY ref DESC, n DESC, org, member LIMIT ?4)"
    " ORDER BY 1, 6 DESC, 2, 3, 4";

static void balance_json(pact_json *j, int n, int coop, int conf, double g) {
    pact_json_key(j, "events");
    pact_json_int(j, n);
    pact_json_key(j, "cooperation");
    pact_json_int(j, coop);
    pact_json_key(j, "conflict");
    pact_json_int(j, conf);
    pact_json_key(j, "goldstein");
    pact_json_double(j, g);
    pact_json_key(j, "mean");
    pact_json_double(j, n ? g / n : 0);
}

static void key_text(pact_json *j, const char *key, sqlite3_stmt *s, int c) {
    pact_json_key(j, key);
    pact_json_cstr(j, text(s, c));
}

int pact_view_graph_json(pact_store *st, const pact_view_opts *o, pact_json *j) {
    char at[11], from[11];
    const char *pat = NULL, *pfrom = NULL;
    if (o && o->at) {
        date_ceiling(o->at, at);
        pat = at;
    }
    if (o && o->from) {
        snprintf(from, sizeof from, "%.10s", o->from);
        pfrom = from;
    }
    size_t nodes = o && o->nodes ? o->nodes : PACT_VIEW_NODES_DEFAULT;
    if (nodes > PACT_VIEW_NODES_MAX) nodes = PACT_VIEW_NODES_MAX;
    size_t edges = o && o->edges ? o->edges : PACT_VIEW_EDGES_DEFAULT;
    if (edges > PACT_VIEW_EDGES_MAX) edges = PACT_VIEW_EDGES_MAX;

    /* events_date makes min and max two index look-ups. */
    sqlite3_stmt *range = pact__db_prepare(st, "SELECT (SELECT min(date) FROM events WHERE date >= '0'),"
                                               " (SELECT max(date) FROM events WHERE date >= '0')");
    sqlite3_stmt *g = pact__db_prepare(st, graph_sql);
    int rc = PACT_OK, sr;
    if (!range || !g) {
        rc = PACT_EDB;
        goto done;
    }
    pact_json_object_begin(j);
    pact_json_key(j, "at");
    pact_json_cstr(j, o ? o->at : NULL);
    pact_json_key(j, "from");
    pact_json_cstr(j, o ? o->from : NULL);
    pact_json_key(j, "range");
    pact_json_object_begin(j);
    sr = sqlite3_step(range);
    pact_json_key(j, "min");
    pact_json_cstr(j, sr == SQLITE_ROW ? text(range, 0) : NULL);
    pact_json_key(j, "max");
    pact_json_cstr(j, sr == SQLITE_ROW ? text(range, 1) : NULL);
    pact_json_object_end(j);
    if (sr != SQLITE_ROW && sr != SQLITE_DONE) goto fail;

    if (pat) sqlite3_bind_text(g, 1, pat, -1, SQLITE_TRANSIENT);
    if (pfrom) sqlite3_bind_text(g, 2, pfrom, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(g, 3, (sqlite3_int64)nodes);
    sqlite3_bind_int64(g, 4, (sqlite3_int64)edges);
    pact_json_key(j, "nodes");
    pact_json_array_begin(j);
    bool in_nodes = true;
    while ((sr = sqlite3_step(g)) == SQLITE_ROW) {
        int t = sqlite3_column_int(g, 0);
        if (t > 0 && in_nodes) {
            pact_json_array_end(j);
            pact_json_key(j, "edges");
            pact_json_array_begin(j);
            in_nodes = false;
        }
        pact_json_object_begin(j);
        if (t == 0) {
            key_text(j, "id", g, 1);
            key_text(j, "kind", g, 2);
            key_text(j, "name", g, 3);
            key_text(j, "name_vi", g, 4);
            balance_json(j, sqlite3_column_int(g, 6), sqlite3_column_int(g, 7), sqlite3_column_int(g, 8),
                         sqlite3_column_double(g, 9));
            pact_json_key(j, "memberships");
            pact_json_int(j, sqlite3_column_int(g, 10));
        } else if (t == 1) {
            key_text(j, "source", g, 1);
            key_text(j, "target", g, 2);
            pact_json_key(j, "kind");
            pact_json_cstr(j, "event");
            balance_json(j, sqlite3_column_int(g, 6), sqlite3_column_int(g, 7), sqlite3_column_int(g, 8),
                         sqlite3_column_double(g, 9));
        } else {
            key_text(j, "source", g, 1);
            key_text(j, "target", g, 2);
            pact_json_key(j, "kind");
            pact_json_cstr(j, "membership");
            key_text(j, "role", g, 3);
            key_text(j, "since", g, 4);
            key_text(j, "until", g, 6);
            pact_json_key(j, "reference");
            pact_json_bool(j, sqlite3_column_int(g, 7) != 0);
            pact_json_key(j, "evidence");
            pact_json_int(j, sqlite3_column_int(g, 5));
        }
        pact_json_object_end(j);
    }
    if (in_nodes) {
        pact_json_array_end(j);
        pact_json_key(j, "edges");
        pact_json_array_begin(j);
    }
    pact_json_array_end(j);
    if (sr != SQLITE_DONE) goto fail;
    pact_json_object_end(j);
    goto done;
fail:
    rc = db_error(st);
done:
    sqlite3_finalize(range);
    sqlite3_finalize(g);
    return rc;
}

/* ---- actors ---- */

int pact_view_actors_json(pact_store *st, pact_json *j) {
    sqlite3_stmt *s = pact__db_prepare(
        /* Each count is a walk of one index (source first, target first). */
        st, "WITH c AS MATERIALIZED (SELECT a, sum(n) AS n FROM (SELECT source AS a, count(*) AS n FROM events"
            "   GROUP BY source UNION ALL SELECT target, count(*) FROM events GROUP BY target) GROUP BY a),"
            " ids AS MATERIALIZED (SELECT id FROM actors UNION SELECT a FROM c UNION SELECT org FROM memberships"
            "   UNION SELECT member FROM memberships)"
            " SELECT ids.id, ac.kind, ac.name, ac.name_vi, coalesce(c.n, 0) FROM ids"
            " LEFT JOIN actors ac ON ac.id = ids.id LEFT JOIN c ON c.a = ids.id"
            " ORDER BY coalesce(c.n, 0) DESC, ids.id");
    if (!s) return PACT_EDB;
    pact_json_array_begin(j);
    int sr;
    while ((sr = sqlite3_step(s)) == SQLITE_ROW) {
        pact_json_object_begin(j);
        pact_json_key(j, "id");
        pact_json_cstr(j, text(s, 0));
        pact_json_key(j, "kind");
        pact_json_cstr(j, text(s, 1));
        pact_json_key(j, "name");
        pact_json_cstr(j, text(s, 2));
        pact_json_key(j, "name_vi");
        pact_json_cstr(j, text(s, 3));
        pact_json_key(j, "events");
        pact_json_int(j, sqlite3_column_int(s, 4));
        pact_json_object_end(j);
    }
    pact_json_array_end(j);
    sqlite3_finalize(s);
    return sr == SQLITE_DONE ? PACT_OK : db_error(st);
}

/* ---- one article with its evidence ---- */

static void span_key(pact_json *j, sqlite3_stmt *s, int c) {
    pact_json_key(j, "span");
    if (sqlite3_column_type(s, c) == SQLITE_NULL) pact_json_null(j);
    else pact_json_span(j, (size_t)sqlite3_column_int64(s, c), (size_t)sqlite3_column_int64(s, c + 1));
}

/* Writes the rows of s as objects with these keys; a key "span" takes two
 * columns. Returns the last sqlite3_step status. */
static int rows_json(pact_json *j, const char *key, sqlite3_stmt *s, const char *const *keys) {
    pact_json_key(j, key);
    pact_json_array_begin(j);
    int sr;
    while ((sr = sqlite3_step(s)) == SQLITE_ROW) {
        pact_json_object_begin(j);
        int c = 0;
        for (size_t k = 0; keys[k]; k++) {
            if (strcmp(keys[k], "span") == 0) {
                span_key(j, s, c);
                c += 2;
                continue;
            }
            pact_json_key(j, keys[k]);
            switch (sqlite3_column_type(s, c)) {
            case SQLITE_INTEGER: pact_json_int(j, sqlite3_column_int64(s, c)); break;
            case SQLITE_FLOAT: pact_json_double(j, sqlite3_column_double(s, c)); break;
            case SQLITE_NULL: pact_json_null(j); break;
            default: pact_json_string(j, text(s, c), (size_t)sqlite3_column_bytes(s, c)); break;
            }
            c++;
        }
        pact_json_object_end(j);
    }
    pact_json_array_end(j);
    return sr;
}

int pact_view_article_json(pact_store *st, const char *doc, int article, pact_json *j) {
    sqlite3_stmt *a = pact__db_prepare(
        st, "SELECT a.id, a.title, a.title_start, a.title_end, a.published, d.source_url, a.body_text"
            " FROM articles a JOIN documents d ON d.id = a.doc_id WHERE d.path = ? AND a.idx = ?"
            " ORDER BY d.id DESC LIMIT 1");
    if (!a) return PACT_EDB;
    sqlite3_bind_text(a, 1, doc, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(a, 2, article);
    int sr = sqlite3_step(a);
    if (sr != SQLITE_ROW) {
        sqlite3_finalize(a);
        return sr == SQLITE_DONE ? PACT_ENOTFOUND : db_error(st);
    }
    long long id = sqlite3_column_int64(a, 0);
    static const char *const sql[] = {
        "SELECT start, end, text FROM sentences WHERE article_id = ? ORDER BY start",
        "SELECT actor_id, kind, name, country, text, start, end FROM entities WHERE article_id = ? ORDER BY start, end",
        "SELECT v.source, v.target, coalesce(e.code, v.code), coalesce(e.date, v.date), e.modality, v.goldstein,"
        " v.quad, e.start, e.end FROM evidence e JOIN events v ON v.id = e.event_id WHERE e.article_id = ?"
        " ORDER BY e.start, e.id",
        "SELECT m.org, m.member, coalesce(e.role, m.role), e.date, e.start, e.end FROM evidence e"
        " JOIN memberships m ON m.id = e.membership_id WHERE e.article_id = ? ORDER BY e.start, e.id",
    };
    static const char *const keys0[] = {"span", "text", NULL};
    static const char *const keys1[] = {"id", "kind", "name", "country", "text", "span", NULL};
    static const char *const keys2[] = {"source", "target", "code", "date", "modality", "goldstein", "quad", "span", NULL};
    static const char *const keys3[] = {"org", "member", "role", "date", "span", NULL};
    static const char *const *const keys[] = {keys0, keys1, keys2, keys3};
    static const char *const names[] = {"sentences", "entities", "events", "memberships"};

    pact_json_object_begin(j);
    pact_json_key(j, "doc");
    pact_json_cstr(j, doc);
    pact_json_key(j, "article");
    pact_json_int(j, article);
    pact_json_key(j, "title");
    pact_json_cstr(j, text(a, 1));
    pact_json_key(j, "title_span");
    if (sqlite3_column_type(a, 2) == SQLITE_NULL) pact_json_null(j);
    else pact_json_span(j, (size_t)sqlite3_column_int64(a, 2), (size_t)sqlite3_column_int64(a, 3));
    pact_json_key(j, "published");
    pact_json_cstr(j, text(a, 4));
    pact_json_key(j, "source_url");
    pact_json_cstr(j, text(a, 5));
    pact_json_key(j, "body_text");
    pact_json_cstr(j, text(a, 6));
    sqlite3_finalize(a);
    int rc = PACT_OK;
    for (size_t k = 0; k < 4 && rc == PACT_OK; k++) {
        sqlite3_stmt *s = pact__db_prepare(st, sql[k]);
        if (!s) return PACT_EDB;
        sqlite3_bind_int64(s, 1, id);
        if (rows_json(j, names[k], s, keys[k]) != SQLITE_DONE) rc = db_error(st);
        sqlite3_finalize(s);
    }
    pact_json_object_end(j);
    return rc;
}
