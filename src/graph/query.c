/* The graph queries: members of an organisation at a date, the ties between
 * two actors, a timeline, the shortest chain of ties, an actor's profile, and
 * full-text search. Each fills a pact_result (strings in its arena). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "graph/internal.h"

#define DEFAULT_LIMIT 1000
#define EVIDENCE_LIMIT 100

void pact_result_free(pact_result *r) {
    if (!r) return;
    if (r->arena) pact_arena_free(r->arena);
    memset(r, 0, sizeof *r);
}

static void result_init(pact_result *r) {
    memset(r, 0, sizeof *r);
    r->arena = pact_arena_new();
}

const char *pact__col(pact_arena *arena, pact__stmt *s, int i) {
    const char *t = pact__col_text(s, i);
    return t ? pact_arena_strndup(arena, t, pact__col_bytes(s, i)) : NULL;
}

void *pact__grow(pact_arena *arena, void *arr, size_t n, size_t *cap, size_t size) {
    if (n < *cap) return arr;
    size_t nc = *cap ? *cap * 2 : 16;
    void *p = pact_arena_alloc(arena, nc * size);
    if (n) memcpy(p, arr, n * size);
    *cap = nc;
    return p;
}

double pact__tidy(double sum) {
    double t = round(sum * 1e6) / 1e6;
    return t == 0 ? 0 : t; /* no -0 */
}

static const char *col(pact_result *r, pact__stmt *s, int i) { return pact__col(r->arena, s, i); }

static void *grow(pact_result *r, void *arr, size_t n, size_t *cap, size_t size) {
    return pact__grow(r->arena, arr, n, cap, size);
}

static int db_error(pact_store *st) { return pact__db_error(st); }

static bool actor_known(pact_store *st, const char *id) {
    static const char *const q[] = {"SELECT 1 FROM actors WHERE id = ?1",
                                    "SELECT 1 FROM events WHERE source = ?1 UNION ALL SELECT 1 FROM events WHERE target = ?1 LIMIT 1",
                                    "SELECT 1 FROM memberships WHERE org = ?1 UNION ALL SELECT 1 FROM memberships WHERE member = ?1 LIMIT 1"};
    for (size_t i = 0; i < 3; i++) {
        pact__stmt *s = pact__db_prepare(st, q[i]);
        if (!s) return false;
        pact__bind_text(s, 1, id);
        bool ok = pact__step(s) == PACT__ROW;
        pact__finalize(s);
        if (ok) return true;
    }
    return false;
}

int pact_store_resolve(pact_store *st, const char *name, pact_arena *arena, const char **id) {
    *id = NULL;
    if (!name || !name[0]) return PACT_EINVAL;
    if (actor_known(st, name)) {
        *id = pact_arena_strdup(arena, name);
        return PACT_OK;
    }
    char up[64];
    size_t n = strlen(name);
    if (n < sizeof up) {
        for (size_t i = 0; i <= n; i++) up[i] = (name[i] >= 'a' && name[i] <= 'z') ? (char)(name[i] - 32) : name[i];
        if (actor_known(st, up)) {
            *id = pact_arena_strdup(arena, up);
            return PACT_OK;
        }
    }
    /* A name: English or Vietnamese, any case, with or without diacritics. */
    char *folded = pact_fold(name, n);
    pact__stmt *s = pact__db_prepare(st, "SELECT id, name, name_vi FROM actors ORDER BY id");
    if (s) {
        while (!*id && pact__step(s) == PACT__ROW) {
            for (int c = 1; c <= 2 && !*id; c++) {
                const char *t = pact__col_text(s, c);
                if (!t) continue;
                char *f = pact_fold(t, strlen(t));
                if (strcmp(f, folded) == 0) *id = pact_arena_strdup(arena, pact__col_text(s, 0));
                free(f);
            }
        }
        pact__finalize(s);
    }
    /* A form the press used, as the extractor resolved it. */
    if (!*id && (s = pact__db_prepare(st, "SELECT actor_id FROM entities WHERE folded = ? AND kind IN"
                                          " ('country', 'org', 'person') GROUP BY actor_id ORDER BY count(*) DESC, actor_id LIMIT 1"))) {
        pact__bind_text(s, 1, folded);
        if (pact__step(s) == PACT__ROW)
            *id = pact_arena_strdup(arena, pact__col_text(s, 0));
        pact__finalize(s);
    }
    free(folded);
    return *id ? PACT_OK : PACT_ENOTFOUND;
}

/* ---- evidence ---- */

void pact__read_evidence(pact_arena *arena, pact__stmt *s, int c, pact_evidence *ev) {
    ev->doc = pact__col(arena, s, c);
    ev->article = pact__col_int(s, c + 1);
    ev->start = (size_t)pact__col_int64(s, c + 2);
    ev->end = (size_t)pact__col_int64(s, c + 3);
    ev->text = pact__col(arena, s, c + 4);
}

static void read_evidence(pact_result *r, pact__stmt *s, int c, pact_evidence *ev) {
    pact__read_evidence(r->arena, s, c, ev);
}

/* Reads the evidence rows statement s selects (PACT__EVIDENCE_COLS) into
 * *out and finalizes it. */
static int collect_evidence(pact_store *st, pact_result *r, pact__stmt *s, pact_evidence **out, size_t *n) {
    size_t cap = 0;
    *out = NULL;
    *n = 0;
    int rc;
    while ((rc = pact__step(s)) == PACT__ROW) {
        *out = grow(r, *out, *n, &cap, sizeof **out);
        read_evidence(r, s, 0, &(*out)[(*n)++]);
    }
    pact__finalize(s);
    return rc == PACT__DONE ? PACT_OK : db_error(st);
}

/* All the evidence of an event (which = "event_id") or membership. */
static int load_evidence(pact_store *st, pact_result *r, const char *which, long long id, pact_evidence **out,
                         size_t *n) {
    char sql[512];
    snprintf(sql, sizeof sql, "SELECT " PACT__EVIDENCE_COLS " FROM evidence e" PACT__EVIDENCE_JOINS
             " WHERE e.%s = ? ORDER BY e.id LIMIT %d", which, EVIDENCE_LIMIT);
    pact__stmt *s = pact__db_prepare(st, sql);
    if (!s) return PACT_EDB;
    pact__bind_int64(s, 1, id);
    return collect_evidence(st, r, s, out, n);
}

/* The evidence that `tail` (a FROM/WHERE clause over evidence e, with text
 * parameters ?1 .. ?3) selects, oldest first. */
static int load_evidence_where(pact_store *st, pact_result *r, const char *tail, const char *p1, const char *p2,
                               const char *p3, pact_evidence **out, size_t *n) {
    char sql[1024];
    snprintf(sql, sizeof sql, "SELECT " PACT__EVIDENCE_COLS " FROM evidence e" PACT__EVIDENCE_JOINS " %s ORDER BY e.id LIMIT %d",
             tail, EVIDENCE_LIMIT);
    pact__stmt *s = pact__db_prepare(st, sql);
    if (!s) return PACT_EDB;
    const char *p[3] = {p1, p2, p3};
    for (int i = 0; i < 3; i++)
        if (p[i]) pact__bind_text(s, i + 1, p[i]);
    return collect_evidence(st, r, s, out, n);
}

/* ---- members ---- */

/* "2023" means up to the end of 2023, "2023-04" to the end of April. */
void pact__date_ceiling(const char *at, char out[11]) {
    size_t n = strlen(at);
    if (n == 4) snprintf(out, 11, "%s-12-31", at);
    else if (n == 7) snprintf(out, 11, "%s-31", at);
    else snprintf(out, 11, "%.10s", at);
}

int pact_query_members(pact_store *st, const char *org, const pact_query_opts *o, pact_result *r) {
    result_init(r);
    pact__stmt *s = pact__db_prepare(
        st, "SELECT m.id, m.member, m.role, m.since, m.until, m.origin, m.source,"
            " (SELECT count(*) FROM evidence e WHERE e.membership_id = m.id)"
            " FROM memberships m WHERE m.org = ?1 AND (CAST(?2 AS TEXT) IS NULL OR ((" PACT__MEMBERSHIP_FROM
            " IS NULL OR " PACT__MEMBERSHIP_FROM " <= ?2)"
            " AND (m.until IS NULL OR m.until > ?2)))"
            " ORDER BY m.origin = 'news', m.member, m.role, m.since NULLS FIRST");
    if (!s) return PACT_EDB;
    char at[11];
    pact__bind_text(s, 1, org);
    if (o && o->at) {
        pact__date_ceiling(o->at, at);
        pact__bind_text(s, 2, at);
    }
    size_t cap = 0;
    long long *ids = NULL;
    size_t idcap = 0;
    int rc;
    while ((rc = pact__step(s)) == PACT__ROW) {
        const char *member = pact__col_text(s, 1);
        const char *role = pact__col_text(s, 2);
        const char *origin = pact__col_text(s, 5);
        bool news = origin && strcmp(origin, "news") == 0;
        int evidence = pact__col_int(s, 7);
        /* News facts join the reference fact they confirm (same member, role). */
        pact_member_row *row = NULL;
        if (news) {
            for (size_t i = 0; i < r->nmembers; i++)
                if (strcmp(r->members[i].member, member) == 0 && strcmp(r->members[i].role, role) == 0)
                    row = &r->members[i];
        }
        if (!row) {
            r->members = grow(r, r->members, r->nmembers, &cap, sizeof *r->members);
            ids = grow(r, ids, r->nmembers, &idcap, sizeof *ids);
            ids[r->nmembers] = 0;
            row = &r->members[r->nmembers++];
            memset(row, 0, sizeof *row);
            row->member = col(r, s, 1);
            row->role = col(r, s, 2);
            row->since = col(r, s, 3);
            row->until = col(r, s, 4);
        }
        if (news) {
            row->news = true;
            row->evidence += evidence;
            ids[row - r->members] = pact__col_int64(s, 0);
            if (!row->since) row->since = col(r, s, 3);
        } else {
            row->reference = true;
            row->ref_source = col(r, s, 6);
        }
    }
    pact__finalize(s);
    if (rc != PACT__DONE) return db_error(st);
    if (!r->nmembers && !actor_known(st, org)) return PACT_ENOTFOUND;
    for (size_t i = 0; o && o->evidence && i < r->nmembers; i++) {
        if (ids[i]) {
            int e = load_evidence(st, r, "membership_id", ids[i], &r->members[i].ev, &r->members[i].nev);
            if (e != PACT_OK) return e;
        }
    }
    return PACT_OK;
}

/* ---- ties and timelines ---- */

/* The events that w1 or w2 select (each a condition on events v that an
 * index answers in `border` order), the first `limit` in `order`. */
static int load_ties(pact_store *st, const char *w1, const char *w2, const char *border, const char *order,
                     const char *a, const char *b, const pact_query_opts *o, pact_result *r) {
    char sql[3072];
    size_t limit = o && o->limit ? o->limit : DEFAULT_LIMIT;
    snprintf(sql, sizeof sql,
             "SELECT v.id, v.source, v.target, v.code, v.date, v.goldstein, v.quad,"
             " (SELECT count(*) FROM evidence x WHERE x.event_id = v.id), e.modality, " PACT__EVIDENCE_COLS
             /* Choose the events first, then fetch their evidence: only for
              * the rows shown, not for every event of a busy actor. Each
              * side is read in index order and stops at the limit. */
             " FROM (SELECT v.id, (SELECT min(x.id) FROM evidence x WHERE x.event_id = v.id) AS eid FROM"
             " (SELECT * FROM (SELECT v.id, v.date FROM events v WHERE %s ORDER BY %s LIMIT %zu) b1"
             " UNION ALL SELECT * FROM (SELECT v.id, v.date FROM events v WHERE %s ORDER BY %s LIMIT %zu) b2) v"
             " ORDER BY %s LIMIT %zu) sel JOIN events v ON v.id = sel.id"
             /* The first piece of evidence as a plain key: a join on a
              * subquery makes PostgreSQL hash all the evidence. */
             " JOIN evidence e ON e.id = sel.eid"
             PACT__EVIDENCE_JOINS " ORDER BY %s",
             w1, border, limit, w2, border, limit, order, limit, order);
    pact__stmt *s = pact__db_prepare(st, sql);
    if (!s) return PACT_EDB;
    pact__bind_text(s, 1, a);
    if (b) pact__bind_text(s, 2, b);
    size_t cap = 0;
    int rc;
    while ((rc = pact__step(s)) == PACT__ROW) {
        r->ties = grow(r, r->ties, r->nties, &cap, sizeof *r->ties);
        pact_tie *t = &r->ties[r->nties++];
        memset(t, 0, sizeof *t);
        t->id = pact__col_int64(s, 0);
        t->source = col(r, s, 1);
        t->target = col(r, s, 2);
        t->code = col(r, s, 3);
        t->date = col(r, s, 4);
        t->goldstein = pact__col_double(s, 5);
        t->quad = pact__col_int(s, 6);
        t->evidence = pact__col_int(s, 7);
        t->modality = col(r, s, 8);
        read_evidence(r, s, 9, &t->first);
    }
    pact__finalize(s);
    if (rc != PACT__DONE) return db_error(st);
    for (size_t i = 0; o && o->evidence && i < r->nties; i++) {
        int e = load_evidence(st, r, "event_id", r->ties[i].id, &r->ties[i].ev, &r->ties[i].nev);
        if (e != PACT_OK) return e;
    }
    return PACT_OK;
}

int pact_query_ties(pact_store *st, const char *a, const char *b, const pact_query_opts *o, pact_result *r) {
    result_init(r);
    /* Newest first: DESC NULLS LAST is SQLite's DESC, and what the
     * PostgreSQL index events_pair holds. */
    return load_ties(st, "v.source = ?1 AND v.target = ?2", "v.source = ?2 AND v.target = ?1 AND v.source <> v.target",
                     "v.date DESC NULLS LAST, v.id DESC", "v.date IS NULL, v.date DESC, v.id DESC", a, b, o, r);
}

int pact_query_timeline(pact_store *st, const char *a, const char *b, const pact_query_opts *o, pact_result *r) {
    result_init(r);
    /* Oldest first, dated events only. */
    if (b)
        return load_ties(st, "v.source = ?1 AND v.target = ?2 AND v.date GLOB '[0-9][0-9][0-9][0-9]*'",
                         "v.source = ?2 AND v.target = ?1 AND v.source <> v.target"
                         " AND v.date GLOB '[0-9][0-9][0-9][0-9]*'",
                         "v.date NULLS FIRST, v.id", "v.date, v.id", a, b, o, r);
    return load_ties(st, "v.source = ?1 AND v.date GLOB '[0-9][0-9][0-9][0-9]*'",
                     "v.target = ?1 AND v.source <> ?1 AND v.date GLOB '[0-9][0-9][0-9][0-9]*'", "v.date, v.id",
                     "v.date, v.id", a, b, o, r);
}

/* ---- path: breadth-first search over actors linked by events or memberships ---- */

static int cmp_cstr(const void *x, const void *y) { return strcmp(*(char *const *)x, *(char *const *)y); }

static long find_node(char **names, size_t n, const char *id) {
    char **p = bsearch(&id, names, n, sizeof *names, cmp_cstr);
    return p ? (long)(p - names) : -1;
}

/* The evidence of one link: the newest event between x and y, else a
 * membership (news evidence first, else the reference's source). */
static int link_evidence(pact_store *st, pact_result *r, const char *x, const char *y, pact_link *l) {
    l->from = x;
    l->to = y;
    pact_result tr;
    pact_query_opts o = {.limit = 1};
    int rc = pact_query_ties(st, x, y, &o, &tr);
    if (rc == PACT_OK && tr.nties) {
        pact_tie *t = &tr.ties[0];
        l->kind = "event";
        l->code = pact_arena_strdup(r->arena, t->code);
        l->date = t->date ? pact_arena_strdup(r->arena, t->date) : NULL;
        l->ev.doc = pact_arena_strdup(r->arena, t->first.doc);
        l->ev.article = t->first.article;
        l->ev.start = t->first.start;
        l->ev.end = t->first.end;
        l->ev.text = t->first.text ? pact_arena_strdup(r->arena, t->first.text) : NULL;
        pact_result_free(&tr);
        return PACT_OK;
    }
    pact_result_free(&tr);
    if (rc != PACT_OK) return rc;
    pact__stmt *s = pact__db_prepare(
        st, "SELECT m.id, m.role, m.since, m.source, m.origin FROM memberships m WHERE"
            " ((m.org = ?1 AND m.member = ?2) OR (m.org = ?2 AND m.member = ?1)) AND m.role IN ('member', 'partner')"
            " ORDER BY m.origin = 'reference', m.id LIMIT 1");
    if (!s) return PACT_EDB;
    pact__bind_text(s, 1, x);
    pact__bind_text(s, 2, y);
    l->kind = "membership";
    if (pact__step(s) == PACT__ROW) {
        long long id = pact__col_int64(s, 0);
        l->code = col(r, s, 1);
        l->date = col(r, s, 2);
        l->ev.source = col(r, s, 3);
        const char *origin = pact__col_text(s, 4);
        bool news = origin && strcmp(origin, "news") == 0;
        pact__finalize(s);
        if (news) {
            pact_evidence *ev;
            size_t n;
            rc = load_evidence(st, r, "membership_id", id, &ev, &n);
            if (rc == PACT_OK && n) l->ev = ev[0];
            return rc;
        }
        return PACT_OK;
    }
    pact__finalize(s);
    return PACT_OK;
}

int pact_query_path(pact_store *st, const char *a, const char *b, const pact_query_opts *o, pact_result *r) {
    result_init(r);
    pact__stmt *s = pact__db_prepare(st, "SELECT a, b FROM links UNION SELECT org, member FROM memberships"
                                           " WHERE role IN ('member', 'partner') ORDER BY 1, 2");
    /* A store of schema 1 opened read-only has no links table yet. */
    if (!s)
        s = pact__db_prepare(st, "SELECT source, target FROM events WHERE source <> target UNION"
                                 " SELECT org, member FROM memberships WHERE role IN ('member', 'partner') ORDER BY 1, 2");
    if (!s) return PACT_EDB;
    /* Edges as pairs of strings first, then nodes sorted, then adjacency. */
    char **ends = NULL;
    size_t ne = 0, cap = 0;
    int rc;
    while ((rc = pact__step(s)) == PACT__ROW) {
        if (ne + 2 > cap) {
            cap = cap ? cap * 2 : 1024;
            ends = pact__xrealloc(ends, cap * sizeof *ends);
        }
        ends[ne++] = pact__xstrdup(pact__col_text(s, 0));
        ends[ne++] = pact__xstrdup(pact__col_text(s, 1));
    }
    pact__finalize(s);
    if (rc != PACT__DONE) {
        for (size_t i = 0; i < ne; i++) free(ends[i]);
        free(ends);
        return db_error(st);
    }
    char **names = pact__xmalloc((ne + 1) * sizeof *names);
    memcpy(names, ends, ne * sizeof *names);
    qsort(names, ne, sizeof *names, cmp_cstr);
    size_t nn = 0;
    for (size_t i = 0; i < ne; i++)
        if (!nn || strcmp(names[nn - 1], names[i]) != 0) names[nn++] = names[i];
    size_t *deg = pact__xcalloc(nn + 1, sizeof *deg);
    long *eu = pact__xmalloc((ne / 2 + 1) * sizeof *eu), *ev = pact__xmalloc((ne / 2 + 1) * sizeof *ev);
    for (size_t i = 0; i < ne / 2; i++) {
        eu[i] = find_node(names, nn, ends[2 * i]);
        ev[i] = find_node(names, nn, ends[2 * i + 1]);
        deg[eu[i] + 1]++;
        deg[ev[i] + 1]++;
    }
    for (size_t i = 0; i < nn; i++) deg[i + 1] += deg[i];
    long *adj = pact__xmalloc((ne + 1) * sizeof *adj);
    size_t *fill = pact__xmalloc((nn + 1) * sizeof *fill);
    memcpy(fill, deg, (nn + 1) * sizeof *fill);
    for (size_t i = 0; i < ne / 2; i++) {
        adj[fill[eu[i]]++] = ev[i];
        adj[fill[ev[i]]++] = eu[i];
    }
    long from = find_node(names, nn, a), to = find_node(names, nn, b);
    long *prev = pact__xmalloc((nn + 1) * sizeof *prev), *queue = pact__xmalloc((nn + 1) * sizeof *queue);
    for (size_t i = 0; i < nn; i++) prev[i] = -2;
    size_t qh = 0, qt = 0;
    if (from >= 0 && to >= 0) {
        prev[from] = -1;
        queue[qt++] = from;
        while (qh < qt && prev[to] == -2) {
            long u = queue[qh++];
            for (size_t k = deg[u]; k < deg[u + 1]; k++)
                if (prev[adj[k]] == -2) {
                    prev[adj[k]] = u;
                    queue[qt++] = adj[k];
                }
        }
    }
    rc = PACT_OK;
    if (from >= 0 && to >= 0 && prev[to] != -2) {
        size_t len = 0;
        for (long v = to; v != -1; v = prev[v]) len++;
        r->path = pact_arena_alloc(r->arena, len * sizeof *r->path);
        r->npath = len;
        size_t i = len;
        for (long v = to; v != -1; v = prev[v]) r->path[--i] = pact_arena_strdup(r->arena, names[v]);
        r->links = pact_arena_alloc(r->arena, (len ? len - 1 : 0) * sizeof *r->links + 1);
        for (i = 0; i + 1 < len && rc == PACT_OK; i++) {
            rc = link_evidence(st, r, r->path[i], r->path[i + 1], &r->links[i]);
            r->nlinks++;
        }
    }
    for (size_t i = 0; i < ne; i++) free(ends[i]);
    free(ends);
    free(names);
    free(deg);
    free(eu);
    free(ev);
    free(adj);
    free(fill);
    free(prev);
    free(queue);
    (void)o;
    return rc;
}

/* ---- actor ---- */

static int counterparts(pact_store *st, pact_result *r, const char *a, const char *quads, pact_counterpart **out,
                        size_t *n) {
    char sql[1024];
    snprintf(sql, sizeof sql,
             "SELECT o.other, ac.name, count(*), sum(o.goldstein) FROM"
             " (SELECT target AS other, goldstein, quad FROM events WHERE source = ?1 AND target <> ?1"
             "  UNION ALL SELECT source, goldstein, quad FROM events WHERE target = ?1 AND source <> ?1) o"
             " LEFT JOIN actors ac ON ac.id = o.other WHERE o.quad IN (%s)"
             " GROUP BY o.other, ac.name ORDER BY count(*) DESC, o.other LIMIT 20", quads);
    pact__stmt *s = pact__db_prepare(st, sql);
    if (!s) return PACT_EDB;
    pact__bind_text(s, 1, a);
    size_t cap = 0;
    int rc;
    while ((rc = pact__step(s)) == PACT__ROW) {
        *out = grow(r, *out, *n, &cap, sizeof **out);
        pact_counterpart *c = &(*out)[(*n)++];
        c->actor = col(r, s, 0);
        c->name = col(r, s, 1);
        c->events = pact__col_int(s, 2);
        c->goldstein = pact__tidy(pact__col_double(s, 3));
    }
    pact__finalize(s);
    return rc == PACT__DONE ? PACT_OK : db_error(st);
}

int pact_query_actor(pact_store *st, const char *a, const pact_query_opts *o, pact_result *r) {
    result_init(r);
    if (!actor_known(st, a)) return PACT_ENOTFOUND;
    r->actor_id = pact_arena_strdup(r->arena, a);
    pact__stmt *s = pact__db_prepare(st, "SELECT kind, name FROM actors WHERE id = ?");
    if (!s) return PACT_EDB;
    pact__bind_text(s, 1, a);
    if (pact__step(s) == PACT__ROW) {
        r->actor_kind = col(r, s, 0);
        r->actor_name = col(r, s, 1);
    }
    pact__finalize(s);

    s = pact__db_prepare(st, "SELECT org, role, min(since), max(until), max(CASE WHEN origin = 'reference' THEN 1 ELSE 0 END)"
                             " FROM memberships"
                             " WHERE member = ? GROUP BY org, role ORDER BY org, role");
    if (!s) return PACT_EDB;
    pact__bind_text(s, 1, a);
    size_t cap = 0;
    int rc;
    while ((rc = pact__step(s)) == PACT__ROW) {
        r->groups = grow(r, r->groups, r->ngroups, &cap, sizeof *r->groups);
        pact_group *g = &r->groups[r->ngroups++];
        g->org = col(r, s, 0);
        g->role = col(r, s, 1);
        g->since = col(r, s, 2);
        g->until = col(r, s, 3);
        g->reference = pact__col_int(s, 4) != 0;
    }
    pact__finalize(s);
    if (rc != PACT__DONE) return db_error(st);

    if ((rc = counterparts(st, r, a, "1, 2", &r->partners, &r->npartners)) != PACT_OK) return rc;
    if ((rc = counterparts(st, r, a, "3, 4", &r->opponents, &r->nopponents)) != PACT_OK) return rc;

    s = pact__db_prepare(st, "SELECT substr(date, 1, 4) AS y, count(*), sum(CASE WHEN quad IN (1, 2) THEN 1 ELSE 0 END),"
                             " sum(CASE WHEN quad IN (3, 4) THEN 1 ELSE 0 END), sum(goldstein) FROM"
                             " (SELECT date, quad, goldstein FROM events WHERE source = ?1"
                             " UNION ALL SELECT date, quad, goldstein FROM events WHERE target = ?1 AND source <> ?1) v"
                             " WHERE date GLOB '[0-9][0-9][0-9][0-9]*' GROUP BY y ORDER BY y");
    if (!s) return PACT_EDB;
    pact__bind_text(s, 1, a);
    cap = 0;
    while ((rc = pact__step(s)) == PACT__ROW) {
        r->balance = grow(r, r->balance, r->nbalance, &cap, sizeof *r->balance);
        pact_balance *b = &r->balance[r->nbalance++];
        b->period = col(r, s, 0);
        b->events = pact__col_int(s, 1);
        b->cooperation = pact__col_int(s, 2);
        b->conflict = pact__col_int(s, 3);
        b->goldstein = pact__tidy(pact__col_double(s, 4));
    }
    pact__finalize(s);
    if (rc != PACT__DONE) return db_error(st);
    if (!o || !o->evidence) return PACT_OK;
    /* What the news said: each group's sentences, and the sentences of the
     * events behind each partner and opponent. */
    rc = PACT_OK;
    for (size_t i = 0; i < r->ngroups && rc == PACT_OK; i++)
        rc = load_evidence_where(st, r,
                                 "JOIN memberships m ON m.id = e.membership_id"
                                 " WHERE m.member = ?1 AND m.org = ?2 AND m.role = ?3",
                                 a, r->groups[i].org, r->groups[i].role, &r->groups[i].ev, &r->groups[i].nev);
    static const char *const quads[2] = {"1, 2", "3, 4"};
    for (int k = 0; k < 2 && rc == PACT_OK; k++) {
        pact_counterpart *c = k ? r->opponents : r->partners;
        size_t n = k ? r->nopponents : r->npartners;
        char tail[512];
        snprintf(tail, sizeof tail,
                 "JOIN events v ON v.id = e.event_id WHERE ((v.source = ?1 AND v.target = ?2)"
                 " OR (v.source = ?2 AND v.target = ?1)) AND v.quad IN (%s)", quads[k]);
        for (size_t i = 0; i < n && rc == PACT_OK; i++)
            rc = load_evidence_where(st, r, tail, a, c[i].actor, NULL, &c[i].ev, &c[i].nev);
    }
    return rc;
}

/* ---- search ---- */

int pact_query_search(pact_store *st, const char *text, const pact_query_opts *o, pact_result *r) {
    result_init(r);
    char *folded = pact_fold(text, strlen(text));
    /* SQLite: one FTS5 phrase, the folded words in order, quotes doubled.
     * PostgreSQL: the folded words to phraseto_tsquery. */
    pact_buf q;
    pact_buf_init(&q, 0);
    bool pg = pact__db_pg(st);
    int rc = pg ? PACT_OK : pact_buf_putc(&q, '"');
    bool any = false;
    for (const char *p = folded; *p && rc == PACT_OK; p++) {
        if (*p == '"' && !pg) rc = pact_buf_puts(&q, "\"\"");
        else rc = pact_buf_putc(&q, *p);
        if ((unsigned char)*p > ' ' && *p != '"') any = true;
    }
    if (rc == PACT_OK && !pg) rc = pact_buf_putc(&q, '"');
    free(folded);
    if (rc != PACT_OK || !any) {
        pact_buf_free(&q);
        return PACT_EINVAL;
    }
    char sql[1024];
    snprintf(sql, sizeof sql,
             pg ? "SELECT d.path, a.idx, s.start, s.\"end\", s.text FROM sentences s"
                  " JOIN articles a ON a.id = s.article_id JOIN documents d ON d.id = a.doc_id,"
                  " phraseto_tsquery('simple', ?) q WHERE to_tsvector('simple', s.folded) @@ q"
                  " ORDER BY ts_rank(to_tsvector('simple', s.folded), q) DESC, s.id LIMIT %zu"
                : "SELECT d.path, a.idx, s.start, s.\"end\", s.text FROM sentences_fts f"
                  " JOIN sentences s ON s.id = f.rowid JOIN articles a ON a.id = s.article_id"
                  " JOIN documents d ON d.id = a.doc_id WHERE sentences_fts MATCH ? ORDER BY f.rank LIMIT %zu",
             o && o->limit ? o->limit : (size_t)100);
    pact__stmt *s = pact__db_prepare(st, sql);
    if (!s) {
        pact_buf_free(&q);
        return PACT_EDB;
    }
    pact__bind_text(s, 1, q.ptr);
    pact_buf_free(&q);
    size_t cap = 0;
    while ((rc = pact__step(s)) == PACT__ROW) {
        r->hits = grow(r, r->hits, r->nhits, &cap, sizeof *r->hits);
        pact_evidence *e = &r->hits[r->nhits++];
        memset(e, 0, sizeof *e);
        e->doc = col(r, s, 0);
        e->article = pact__col_int(s, 1);
        e->start = (size_t)pact__col_int64(s, 2);
        e->end = (size_t)pact__col_int64(s, 3);
        e->text = col(r, s, 4);
    }
    pact__finalize(s);
    return rc == PACT__DONE ? PACT_OK : db_error(st);
}

/* ---- JSON ---- */

static void evidence_json(pact_json *j, const pact_evidence *e) {
    pact_json_object_begin(j);
    pact_json_key(j, "doc");
    pact_json_cstr(j, e->doc);
    pact_json_key(j, "article");
    pact_json_int(j, e->article);
    pact_json_key(j, "span");
    pact_json_span(j, e->start, e->end);
    pact_json_key(j, "sentence");
    pact_json_cstr(j, e->text);
    pact_json_object_end(j);
}

static void evidence_list_json(pact_json *j, const pact_evidence *ev, size_t n) {
    pact_json_key(j, "evidence_list");
    pact_json_array_begin(j);
    for (size_t i = 0; i < n; i++) evidence_json(j, &ev[i]);
    pact_json_array_end(j);
}

void pact_members_json(const pact_result *r, bool evidence, pact_json *j) {
    pact_json_array_begin(j);
    for (size_t i = 0; i < r->nmembers; i++) {
        const pact_member_row *m = &r->members[i];
        pact_json_object_begin(j);
        pact_json_key(j, "member");
        pact_json_cstr(j, m->member);
        pact_json_key(j, "role");
        pact_json_cstr(j, m->role);
        pact_json_key(j, "since");
        pact_json_cstr(j, m->since);
        pact_json_key(j, "until");
        pact_json_cstr(j, m->until);
        pact_json_key(j, "evidence");
        pact_json_int(j, m->evidence);
        pact_json_key(j, "reference");
        pact_json_bool(j, m->reference);
        pact_json_key(j, "news");
        pact_json_bool(j, m->news);
        if (m->ref_source) {
            pact_json_key(j, "source");
            pact_json_cstr(j, m->ref_source);
        }
        if (evidence) evidence_list_json(j, m->ev, m->nev);
        pact_json_object_end(j);
    }
    pact_json_array_end(j);
}

void pact_ties_json(const pact_result *r, bool evidence, pact_json *j) {
    pact_json_array_begin(j);
    for (size_t i = 0; i < r->nties; i++) {
        const pact_tie *t = &r->ties[i];
        pact_json_object_begin(j);
        pact_json_key(j, "source");
        pact_json_cstr(j, t->source);
        pact_json_key(j, "target");
        pact_json_cstr(j, t->target);
        pact_json_key(j, "code");
        pact_json_cstr(j, t->code);
        pact_json_key(j, "date");
        pact_json_cstr(j, t->date);
        pact_json_key(j, "doc");
        pact_json_cstr(j, t->first.doc);
        pact_json_key(j, "span");
        pact_json_span(j, t->first.start, t->first.end);
        pact_json_key(j, "modality");
        pact_json_cstr(j, t->modality);
        pact_json_key(j, "goldstein");
        pact_json_double(j, t->goldstein);
        pact_json_key(j, "quad");
        pact_json_int(j, t->quad);
        pact_json_key(j, "evidence");
        pact_json_int(j, t->evidence);
        if (evidence) evidence_list_json(j, t->ev, t->nev);
        pact_json_object_end(j);
    }
    pact_json_array_end(j);
}

void pact_path_json(const pact_result *r, bool evidence, pact_json *j) {
    pact_json_object_begin(j);
    pact_json_key(j, "path");
    pact_json_array_begin(j);
    for (size_t i = 0; i < r->npath; i++) pact_json_cstr(j, r->path[i]);
    pact_json_array_end(j);
    pact_json_key(j, "links");
    pact_json_array_begin(j);
    for (size_t i = 0; i < r->nlinks; i++) {
        const pact_link *l = &r->links[i];
        pact_json_object_begin(j);
        pact_json_key(j, "from");
        pact_json_cstr(j, l->from);
        pact_json_key(j, "to");
        pact_json_cstr(j, l->to);
        pact_json_key(j, "kind");
        pact_json_cstr(j, l->kind);
        pact_json_key(j, "code");
        pact_json_cstr(j, l->code);
        pact_json_key(j, "date");
        pact_json_cstr(j, l->date);
        pact_json_key(j, "doc");
        pact_json_cstr(j, l->ev.doc);
        pact_json_key(j, "span");
        if (l->ev.doc) pact_json_span(j, l->ev.start, l->ev.end);
        else pact_json_null(j);
        if (l->ev.source) {
            pact_json_key(j, "source");
            pact_json_cstr(j, l->ev.source);
        }
        if (evidence) {
            pact_json_key(j, "sentence");
            pact_json_cstr(j, l->ev.text);
        }
        pact_json_object_end(j);
    }
    pact_json_array_end(j);
    pact_json_object_end(j);
}

static void counterparts_json(pact_json *j, const char *key, const pact_counterpart *c, size_t n, bool evidence) {
    pact_json_key(j, key);
    pact_json_array_begin(j);
    for (size_t i = 0; i < n; i++) {
        pact_json_object_begin(j);
        pact_json_key(j, "actor");
        pact_json_cstr(j, c[i].actor);
        pact_json_key(j, "name");
        pact_json_cstr(j, c[i].name);
        pact_json_key(j, "events");
        pact_json_int(j, c[i].events);
        pact_json_key(j, "goldstein");
        pact_json_double(j, c[i].goldstein);
        if (evidence) evidence_list_json(j, c[i].ev, c[i].nev);
        pact_json_object_end(j);
    }
    pact_json_array_end(j);
}

void pact_actor_json(const pact_result *r, bool evidence, pact_json *j) {
    pact_json_object_begin(j);
    pact_json_key(j, "id");
    pact_json_cstr(j, r->actor_id);
    pact_json_key(j, "kind");
    pact_json_cstr(j, r->actor_kind);
    pact_json_key(j, "name");
    pact_json_cstr(j, r->actor_name);
    pact_json_key(j, "groups");
    pact_json_array_begin(j);
    for (size_t i = 0; i < r->ngroups; i++) {
        const pact_group *g = &r->groups[i];
        pact_json_object_begin(j);
        pact_json_key(j, "org");
        pact_json_cstr(j, g->org);
        pact_json_key(j, "role");
        pact_json_cstr(j, g->role);
        pact_json_key(j, "since");
        pact_json_cstr(j, g->since);
        pact_json_key(j, "until");
        pact_json_cstr(j, g->until);
        pact_json_key(j, "reference");
        pact_json_bool(j, g->reference);
        if (evidence) evidence_list_json(j, g->ev, g->nev);
        pact_json_object_end(j);
    }
    pact_json_array_end(j);
    counterparts_json(j, "partners", r->partners, r->npartners, evidence);
    counterparts_json(j, "opponents", r->opponents, r->nopponents, evidence);
    pact_json_key(j, "balance");
    pact_json_array_begin(j);
    for (size_t i = 0; i < r->nbalance; i++) {
        const pact_balance *b = &r->balance[i];
        pact_json_object_begin(j);
        pact_json_key(j, "period");
        pact_json_cstr(j, b->period);
        pact_json_key(j, "events");
        pact_json_int(j, b->events);
        pact_json_key(j, "cooperation");
        pact_json_int(j, b->cooperation);
        pact_json_key(j, "conflict");
        pact_json_int(j, b->conflict);
        pact_json_key(j, "goldstein");
        pact_json_double(j, b->goldstein);
        pact_json_key(j, "mean");
        pact_json_double(j, b->events ? b->goldstein / b->events : 0);
        pact_json_object_end(j);
    }
    pact_json_array_end(j);
    pact_json_object_end(j);
}

void pact_search_json(const pact_result *r, pact_json *j) {
    pact_json_array_begin(j);
    for (size_t i = 0; i < r->nhits; i++) evidence_json(j, &r->hits[i]);
    pact_json_array_end(j);
}
