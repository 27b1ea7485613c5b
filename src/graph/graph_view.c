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
    bool url = pact_store_is_url(path);
    if (!url && access(path, R_OK) != 0) {
        pact_warn(d, SIZE_MAX, "%s: no such store (build it with 'pactgraph ingest')", path);
        return PACT_ENOTFOUND;
    }
    pact_store *st = pact__xcalloc(1, sizeof *st);
    /* SQLite: NOMUTEX, each server thread has its own connection. */
    if (pact__db_connect(st, path, true) != PACT_OK) {
        pact_warn(d, SIZE_MAX, "%s: %s", url ? "PostgreSQL store" : path, st->err);
        pact_store_close(st);
        return PACT_EDB;
    }
    int version = pact__db_schema_version(st);
    pact__stmt *s = version >= 1 ? pact__db_prepare(st, "SELECT 1 FROM events LIMIT 1") : NULL;
    bool ok = s != NULL && pact__step(s) >= 0;
    pact__finalize(s);
    if (!ok || version > PACT_STORE_SCHEMA) {
        pact_warn(d, SIZE_MAX, "%s: %s", url ? "PostgreSQL store" : path,
                  version > PACT_STORE_SCHEMA ? "the store's schema is newer than this pactgraph"
                                              : "not a pactgraph store");
        pact_store_close(st);
        return PACT_EDB;
    }
    if (!url) (void)pact__db_exec(st, "PRAGMA cache_size = -16384; PRAGMA temp_store = MEMORY;");
    *out = st;
    return PACT_OK;
}

static int db_error(pact_store *st) { return pact__db_error(st); }

static const char *text(pact__stmt *s, int i) { return pact__col_text(s, i); }

/* ---- the graph as of a date ---- */

/* The events of the window and the memberships valid at its end (from
 * PACT__MEMBERSHIP_FROM); the nodes they touch ranked by activity. ?1 = at
 * (ceiling), ?2 = from, ?3 = nodes. One statement answers nodes (t = 0), ties (1) and memberships (2), so the
 * window is read once. The casts give each column one type across the
 * three parts, as PostgreSQL wants. */
static const char graph_sql[] =
    /* One pass over the events of the window, summed per ordered pair: all
     * else is computed from these few thousand rows. A plain table scan
     * beats walking an index with a look-up per row. */
    "WITH pairs AS MATERIALIZED (SELECT source, target, count(*) AS n, sum(goldstein) AS g,"
    "   sum(CASE WHEN quad IN (1, 2) THEN 1 ELSE 0 END) AS coop, sum(CASE WHEN quad IN (3, 4) THEN 1 ELSE 0 END) AS conf"
    "   FROM events NOT INDEXED WHERE source <> target"
    "   AND (CAST(?1 AS TEXT) IS NULL OR (date GLOB '[0-9][0-9][0-9][0-9]*' AND date <= ?1))"
    "   AND (CAST(?2 AS TEXT) IS NULL OR (date GLOB '[0-9][0-9][0-9][0-9]*' AND date >= ?2)) GROUP BY source, target),"
    " ms AS MATERIALIZED (SELECT m.org, m.member, m.role, min(m.since) AS since, max(m.until) AS until,"
    "   max(CASE WHEN m.origin = 'reference' THEN 1 ELSE 0 END) AS ref, sum((SELECT count(*) FROM evidence e WHERE e.membership_id = m.id)) AS n"
    "   FROM memberships m WHERE m.role IN ('member', 'partner', 'candidate') AND m.org <> m.member"
    "   AND (CAST(?1 AS TEXT) IS NULL OR ((" PACT__MEMBERSHIP_FROM " IS NULL OR " PACT__MEMBERSHIP_FROM " <= ?1)"
    "   AND (m.until IS NULL OR m.until > ?1)))"
    "   GROUP BY m.org, m.member, m.role),"
    " act AS MATERIALIZED (SELECT a, sum(n) AS n, sum(g) AS g, sum(coop) AS coop, sum(conf) AS conf FROM"
    "   (SELECT source AS a, n, g, coop, conf FROM pairs UNION ALL SELECT target, n, g, coop, conf FROM pairs)"
    "   AS u GROUP BY a),"
    " mc AS MATERIALIZED (SELECT a, count(*) AS n FROM (SELECT org AS a FROM ms UNION ALL SELECT member FROM ms)"
    "   AS u GROUP BY a),"
    " ids AS MATERIALIZED (SELECT a AS id FROM act UNION SELECT a FROM mc),"
    " top AS MATERIALIZED (SELECT ids.id, coalesce(act.n, 0) AS n, coalesce(act.g, 0) AS g,"
    "   coalesce(act.coop, 0) AS coop, coalesce(act.conf, 0) AS conf, coalesce(mc.n, 0) AS nm"
    "   FROM ids LEFT JOIN act ON act.a = ids.id LEFT JOIN mc ON mc.a = ids.id"
    "   ORDER BY coalesce(act.n, 0) + coalesce(mc.n, 0) DESC, ids.id LIMIT ?3)"
    " SELECT 0, top.id, ac.kind, ac.name, ac.name_vi, top.n + top.nm, CAST(top.n AS TEXT), top.coop, top.conf, top.g, top.nm"
    "  FROM top LEFT JOIN actors ac ON ac.id = top.id"
    " UNION ALL SELECT * FROM (SELECT 1, LEAST(source, target) AS x, GREATEST(source, target) AS y, NULL, NULL, sum(n),"
    "  CAST(sum(n) AS TEXT), sum(coop), sum(conf), sum(g), CAST(NULL AS BIGINT) FROM pairs"
    "  WHERE source IN (SELECT id FROM top) AND target IN (SELECT id FROM top) GROUP BY 2, 3"
    "  ORDER BY 6 DESC, 2, 3 LIMIT ?4) t1"
    " UNION ALL SELECT * FROM (SELECT 2, org, member, role, since, n, until, ref, CAST(NULL AS BIGINT),"
    "  CAST(NULL AS REAL), CAST(NULL AS BIGINT) FROM ms"
    "  WHERE org IN (SELECT id FROM top) AND member IN (SELECT id FROM top)"
    "  ORDER BY ref DESC, n DESC, org, member LIMIT ?4) t2"
    " ORDER BY 1, 6 DESC, 2, 3, 4";

static void balance_json(pact_json *j, int n, int coop, int conf, double g) {
    g = pact__tidy(g);
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

static void key_text(pact_json *j, const char *key, pact__stmt *s, int c) {
    pact_json_key(j, key);
    pact_json_cstr(j, text(s, c));
}

int pact_view_graph_json(pact_store *st, const pact_view_opts *o, pact_json *j) {
    char at[11], from[11];
    const char *pat = NULL, *pfrom = NULL;
    if (o && o->at) {
        pact__date_ceiling(o->at, at);
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
    pact__stmt *range = pact__db_prepare(st, "SELECT (SELECT min(date) FROM events WHERE date >= '0'),"
                                               " (SELECT max(date) FROM events WHERE date >= '0')");
    pact__stmt *g = pact__db_prepare(st, graph_sql);
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
    sr = pact__step(range);
    pact_json_key(j, "min");
    pact_json_cstr(j, sr == PACT__ROW ? text(range, 0) : NULL);
    pact_json_key(j, "max");
    pact_json_cstr(j, sr == PACT__ROW ? text(range, 1) : NULL);
    pact_json_object_end(j);
    if (sr != PACT__ROW && sr != PACT__DONE) goto fail;

    if (pat) pact__bind_text(g, 1, pat);
    if (pfrom) pact__bind_text(g, 2, pfrom);
    pact__bind_int64(g, 3, (long long)nodes);
    pact__bind_int64(g, 4, (long long)edges);
    pact_json_key(j, "nodes");
    pact_json_array_begin(j);
    bool in_nodes = true;
    while ((sr = pact__step(g)) == PACT__ROW) {
        int t = pact__col_int(g, 0);
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
            balance_json(j, pact__col_int(g, 6), pact__col_int(g, 7), pact__col_int(g, 8),
                         pact__col_double(g, 9));
            pact_json_key(j, "memberships");
            pact_json_int(j, pact__col_int(g, 10));
        } else if (t == 1) {
            key_text(j, "source", g, 1);
            key_text(j, "target", g, 2);
            pact_json_key(j, "kind");
            pact_json_cstr(j, "event");
            balance_json(j, pact__col_int(g, 6), pact__col_int(g, 7), pact__col_int(g, 8),
                         pact__col_double(g, 9));
        } else {
            key_text(j, "source", g, 1);
            key_text(j, "target", g, 2);
            pact_json_key(j, "kind");
            pact_json_cstr(j, "membership");
            key_text(j, "role", g, 3);
            key_text(j, "since", g, 4);
            key_text(j, "until", g, 6);
            pact_json_key(j, "reference");
            pact_json_bool(j, pact__col_int(g, 7) != 0);
            pact_json_key(j, "evidence");
            pact_json_int(j, pact__col_int(g, 5));
        }
        pact_json_object_end(j);
    }
    if (in_nodes) {
        pact_json_array_end(j);
        pact_json_key(j, "edges");
        pact_json_array_begin(j);
    }
    pact_json_array_end(j);
    if (sr != PACT__DONE) goto fail;
    pact_json_object_end(j);
    goto done;
fail:
    rc = db_error(st);
done:
    pact__finalize(range);
    pact__finalize(g);
    return rc;
}

/* ---- actors ---- */

int pact_view_actors_json(pact_store *st, pact_json *j) {
    pact__stmt *s = pact__db_prepare(
        /* Each count is a walk of one index (source first, target first). */
        st, "WITH c AS MATERIALIZED (SELECT a, sum(n) AS n FROM (SELECT source AS a, count(*) AS n FROM events"
            "   GROUP BY source UNION ALL SELECT target, count(*) FROM events GROUP BY target) AS u GROUP BY a),"
            " ids AS MATERIALIZED (SELECT id FROM actors UNION SELECT a FROM c UNION SELECT org FROM memberships"
            "   UNION SELECT member FROM memberships)"
            " SELECT ids.id, ac.kind, ac.name, ac.name_vi, coalesce(c.n, 0) FROM ids"
            " LEFT JOIN actors ac ON ac.id = ids.id LEFT JOIN c ON c.a = ids.id"
            " ORDER BY coalesce(c.n, 0) DESC, ids.id");
    if (!s) return PACT_EDB;
    pact_json_array_begin(j);
    int sr;
    while ((sr = pact__step(s)) == PACT__ROW) {
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
        pact_json_int(j, pact__col_int(s, 4));
        pact_json_object_end(j);
    }
    pact_json_array_end(j);
    pact__finalize(s);
    return sr == PACT__DONE ? PACT_OK : db_error(st);
}

/* ---- one article with its evidence ---- */

static void span_key(pact_json *j, pact__stmt *s, int c) {
    pact_json_key(j, "span");
    if (pact__col_kind(s, c) == PACT__NULL) pact_json_null(j);
    else pact_json_span(j, (size_t)pact__col_int64(s, c), (size_t)pact__col_int64(s, c + 1));
}

/* Writes the rows of s as objects with these keys; a key "span" takes two
 * columns. Returns the last pact__step status. */
static int rows_json(pact_json *j, const char *key, pact__stmt *s, const char *const *keys) {
    pact_json_key(j, key);
    pact_json_array_begin(j);
    int sr;
    while ((sr = pact__step(s)) == PACT__ROW) {
        pact_json_object_begin(j);
        int c = 0;
        for (size_t k = 0; keys[k]; k++) {
            if (strcmp(keys[k], "span") == 0) {
                span_key(j, s, c);
                c += 2;
                continue;
            }
            pact_json_key(j, keys[k]);
            switch (pact__col_kind(s, c)) {
            case PACT__INT: pact_json_int(j, pact__col_int64(s, c)); break;
            case PACT__FLOAT: pact_json_double(j, pact__col_double(s, c)); break;
            case PACT__NULL: pact_json_null(j); break;
            default: pact_json_string(j, text(s, c), (size_t)pact__col_bytes(s, c)); break;
            }
            c++;
        }
        pact_json_object_end(j);
    }
    pact_json_array_end(j);
    return sr;
}

int pact_view_article_json(pact_store *st, const char *doc, int article, pact_json *j) {
    pact__stmt *a = pact__db_prepare(
        st, "SELECT a.id, a.title, a.title_start, a.title_end, a.published, d.source_url, a.body_text"
            " FROM articles a JOIN documents d ON d.id = a.doc_id WHERE d.path = ? AND a.idx = ?"
            " ORDER BY d.id DESC LIMIT 1");
    if (!a) return PACT_EDB;
    pact__bind_text(a, 1, doc);
    pact__bind_int64(a, 2, article);
    int sr = pact__step(a);
    if (sr != PACT__ROW) {
        pact__finalize(a);
        return sr == PACT__DONE ? PACT_ENOTFOUND : db_error(st);
    }
    long long id = pact__col_int64(a, 0);
    static const char *const sql[] = {
        "SELECT start, \"end\", text FROM sentences WHERE article_id = ? ORDER BY start, id",
        "SELECT actor_id, kind, name, country, text, start, \"end\" FROM entities WHERE article_id = ? ORDER BY start, \"end\", id",
        "SELECT v.source, v.target, coalesce(e.code, v.code), coalesce(e.date, v.date), e.modality, v.goldstein,"
        " v.quad, e.start, e.\"end\" FROM evidence e JOIN events v ON v.id = e.event_id WHERE e.article_id = ?"
        " ORDER BY e.start, e.id",
        "SELECT m.org, m.member, coalesce(e.role, m.role), e.date, e.start, e.\"end\" FROM evidence e"
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
    if (pact__col_kind(a, 2) == PACT__NULL) pact_json_null(j);
    else pact_json_span(j, (size_t)pact__col_int64(a, 2), (size_t)pact__col_int64(a, 3));
    pact_json_key(j, "published");
    pact_json_cstr(j, text(a, 4));
    pact_json_key(j, "source_url");
    pact_json_cstr(j, text(a, 5));
    pact_json_key(j, "body_text");
    pact_json_cstr(j, text(a, 6));
    pact__finalize(a);
    int rc = PACT_OK;
    for (size_t k = 0; k < 4 && rc == PACT_OK; k++) {
        pact__stmt *s = pact__db_prepare(st, sql[k]);
        if (!s) return PACT_EDB;
        pact__bind_int64(s, 1, id);
        if (rows_json(j, names[k], s, keys[k]) != PACT__DONE) rc = db_error(st);
        pact__finalize(s);
    }
    pact_json_object_end(j);
    return rc;
}
