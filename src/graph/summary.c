/* The summary of a store: what an analyst wants to see first — the
 * groupings with their members and partners (news first), the strongest ties
 * between actors, the latest dated events, and the totals. */
#include <stddef.h>
#include <string.h>

#include "graph/internal.h"

#define SUMMARY_LIMIT 10

void pact_summary_free(pact_summary *sm) {
    if (!sm) return;
    if (sm->arena) pact_arena_free(sm->arena);
    memset(sm, 0, sizeof *sm);
}

static int db_error(pact_store *st) { return pact__db_error(st); }

static int count(pact_store *st, const char *sql, long long *out) {
    pact__stmt *s = pact__db_prepare(st, sql);
    if (!s) return PACT_EDB;
    int rc = pact__step(s);
    *out = rc == PACT__ROW ? pact__col_int64(s, 0) : 0;
    pact__finalize(s);
    return rc == PACT__ROW ? PACT_OK : db_error(st);
}

static int totals(pact_store *st, pact_summary *sm) {
    static const struct {
        const char *sql;
        size_t off;
    } q[] = {
        {"SELECT count(*) FROM documents", offsetof(pact_summary, documents)},
        {"SELECT count(*) FROM articles", offsetof(pact_summary, articles)},
        {"SELECT count(*) FROM sentences", offsetof(pact_summary, sentences)},
        {"SELECT count(*) FROM actors", offsetof(pact_summary, actors)},
        {"SELECT count(*) FROM events", offsetof(pact_summary, events)},
        {"SELECT count(*) FROM evidence WHERE event_id IS NOT NULL", offsetof(pact_summary, reports)},
        {"SELECT count(*) FROM memberships WHERE origin = 'news'", offsetof(pact_summary, news_memberships)},
        {"SELECT count(*) FROM memberships WHERE origin = 'reference'", offsetof(pact_summary, reference_memberships)},
        {"SELECT count(*) FROM evidence WHERE membership_id IS NOT NULL", offsetof(pact_summary, membership_reports)},
    };
    for (size_t i = 0; i < sizeof q / sizeof q[0]; i++) {
        int rc = count(st, q[i].sql, (long long *)(void *)((char *)sm + q[i].off));
        if (rc != PACT_OK) return rc;
    }
    return PACT_OK;
}

static int group_members(pact_store *st, pact_summary *sm, pact_summary_group *g) {
    /* A news fact and the reference fact it confirms are one row. until:
     * open when any of the rows is. */
    pact__stmt *s = pact__db_prepare(
        st, "SELECT m.member, m.role, min(m.since), CASE WHEN count(*) = count(m.until) THEN max(m.until) END,"
            " max(CASE WHEN m.origin = 'reference' THEN 1 ELSE 0 END), max(CASE WHEN m.origin = 'news' THEN 1 ELSE 0 END),"
            " (SELECT count(*) FROM evidence e JOIN memberships x ON x.id = e.membership_id"
            "  WHERE x.org = ?1 AND x.member = m.member AND x.role = m.role)"
            " FROM memberships m WHERE m.org = ?1 GROUP BY m.member, m.role"
            " ORDER BY CASE m.role WHEN 'member' THEN 0 WHEN 'partner' THEN 1 WHEN 'candidate' THEN 2 ELSE 3 END,"
            " m.member");
    if (!s) return PACT_EDB;
    pact__bind_text(s, 1, g->org);
    size_t cap = 0;
    int rc;
    while ((rc = pact__step(s)) == PACT__ROW) {
        g->members = pact__grow(sm->arena, g->members, g->nmembers, &cap, sizeof *g->members);
        pact_summary_member *m = &g->members[g->nmembers++];
        m->member = pact__col(sm->arena, s, 0);
        m->role = pact__col(sm->arena, s, 1);
        m->since = pact__col(sm->arena, s, 2);
        m->until = pact__col(sm->arena, s, 3);
        m->reference = pact__col_int(s, 4) != 0;
        m->news = pact__col_int(s, 5) != 0;
        m->evidence = pact__col_int(s, 6);
    }
    pact__finalize(s);
    return rc == PACT__DONE ? PACT_OK : db_error(st);
}

static int groups(pact_store *st, pact_summary *sm, size_t limit) {
    /* In the news first: by news evidence about membership plus the events
     * the grouping itself takes part in; then the groupings Vietnamese
     * security news talks about most, then the rest by id. */
    pact__stmt *s = pact__db_prepare(
        st, "SELECT g.org, ac.name, g.ev, g.nev FROM"
            " (SELECT o.org,"
            "  (SELECT count(*) FROM evidence e JOIN memberships x ON x.id = e.membership_id WHERE x.org = o.org) AS ev,"
            "  (SELECT count(*) FROM events v WHERE v.source = o.org)"
            "  + (SELECT count(*) FROM events v WHERE v.target = o.org AND v.source <> o.org) AS nev"
            "  FROM (SELECT DISTINCT org FROM memberships) o) g"
            " LEFT JOIN actors ac ON ac.id = g.org ORDER BY g.ev + g.nev DESC, g.ev DESC,"
            " CASE g.org WHEN 'AUKUS' THEN 0 WHEN 'NATO' THEN 1 WHEN 'QUAD' THEN 2 WHEN 'IP4' THEN 3"
            " WHEN 'G7' THEN 4 WHEN 'ASEAN' THEN 5 ELSE 6 END, g.org");
    if (!s) return PACT_EDB;
    size_t cap = 0;
    int rc;
    while ((rc = pact__step(s)) == PACT__ROW) {
        if (sm->ngroups >= limit) {
            sm->more_groups++;
            continue;
        }
        sm->groups = pact__grow(sm->arena, sm->groups, sm->ngroups, &cap, sizeof *sm->groups);
        pact_summary_group *g = &sm->groups[sm->ngroups++];
        memset(g, 0, sizeof *g);
        g->org = pact__col(sm->arena, s, 0);
        g->name = pact__col(sm->arena, s, 1);
        g->evidence = pact__col_int(s, 2);
        g->events = pact__col_int(s, 3);
    }
    pact__finalize(s);
    if (rc != PACT__DONE) return db_error(st);
    for (size_t i = 0; i < sm->ngroups; i++)
        if ((rc = group_members(st, sm, &sm->groups[i])) != PACT_OK) return rc;
    return PACT_OK;
}

static int ties(pact_store *st, pact_summary *sm, size_t limit) {
    char sql[512];
    snprintf(sql, sizeof sql,
             "SELECT LEAST(source, target) AS a, GREATEST(source, target) AS b, count(*),"
             " sum(CASE WHEN quad IN (1, 2) THEN 1 ELSE 0 END), sum(CASE WHEN quad IN (3, 4) THEN 1 ELSE 0 END), sum(goldstein) FROM events WHERE source <> target"
             " GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT %zu", limit);
    pact__stmt *s = pact__db_prepare(st, sql);
    if (!s) return PACT_EDB;
    size_t cap = 0;
    int rc;
    while ((rc = pact__step(s)) == PACT__ROW) {
        sm->ties = pact__grow(sm->arena, sm->ties, sm->nties, &cap, sizeof *sm->ties);
        pact_summary_tie *t = &sm->ties[sm->nties++];
        t->a = pact__col(sm->arena, s, 0);
        t->b = pact__col(sm->arena, s, 1);
        t->events = pact__col_int(s, 2);
        t->cooperation = pact__col_int(s, 3);
        t->conflict = pact__col_int(s, 4);
        t->goldstein = pact__tidy(pact__col_double(s, 5));
    }
    pact__finalize(s);
    return rc == PACT__DONE ? PACT_OK : db_error(st);
}

/* Events dated after today are plans or misread years, not the latest news. */
static int latest(pact_store *st, pact_summary *sm, size_t limit) {
    char sql[1536];
    snprintf(sql, sizeof sql,
             "SELECT v.date, v.source, v.code,"
             " coalesce((SELECT name FROM cameo c WHERE c.code = v.code),"
             "  (SELECT name FROM cameo c WHERE c.code = substr(v.code, 1, 2))),"
             " v.target, (SELECT count(*) FROM evidence x WHERE x.event_id = v.id), " PACT__EVIDENCE_COLS
             " FROM (SELECT v.id, (SELECT min(x.id) FROM evidence x WHERE x.event_id = v.id) AS eid FROM events v"
             "  WHERE v.date GLOB '[0-9][0-9][0-9][0-9]*' AND v.date <= ? ORDER BY v.date DESC, v.id DESC LIMIT %zu) sel"
             " JOIN events v ON v.id = sel.id JOIN evidence e ON e.id = sel.eid"
             PACT__EVIDENCE_JOINS " ORDER BY v.date DESC, v.id DESC", limit);
    pact__stmt *s = pact__db_prepare(st, sql);
    if (!s) return PACT_EDB;
    char today[32];
    pact__now(today);
    today[10] = '\0';
    pact__bind_text(s, 1, today);
    size_t cap = 0;
    int rc;
    while ((rc = pact__step(s)) == PACT__ROW) {
        sm->latest = pact__grow(sm->arena, sm->latest, sm->nlatest, &cap, sizeof *sm->latest);
        pact_summary_event *e = &sm->latest[sm->nlatest++];
        memset(e, 0, sizeof *e);
        e->date = pact__col(sm->arena, s, 0);
        e->source = pact__col(sm->arena, s, 1);
        e->code = pact__col(sm->arena, s, 2);
        e->cameo = pact__col(sm->arena, s, 3);
        e->target = pact__col(sm->arena, s, 4);
        e->evidence = pact__col_int(s, 5);
        pact__read_evidence(sm->arena, s, 6, &e->first);
    }
    pact__finalize(s);
    return rc == PACT__DONE ? PACT_OK : db_error(st);
}

int pact_store_summary(pact_store *st, size_t limit, pact_summary *sm) {
    memset(sm, 0, sizeof *sm);
    sm->arena = pact_arena_new();
    if (!limit) limit = SUMMARY_LIMIT;
    /* One read transaction: the sections agree with each other even while
     * an ingest is writing. */
    int rc = pact__db_exec(st, pact__sql(st, "BEGIN", "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
    if (rc != PACT_OK) return rc;
    rc = totals(st, sm);
    if (rc == PACT_OK) rc = groups(st, sm, limit);
    if (rc == PACT_OK) rc = ties(st, sm, limit);
    if (rc == PACT_OK) rc = latest(st, sm, limit);
    (void)pact__db_exec(st, "COMMIT");
    return rc;
}

void pact_summary_json(const pact_summary *sm, pact_json *j) {
    pact_json_object_begin(j);
    pact_json_key(j, "totals");
    pact_json_object_begin(j);
    static const char *const keys[] = {"documents", "articles", "sentences", "actors", "events", "event_reports",
                                       "news_memberships", "reference_memberships", "membership_reports"};
    const long long vals[] = {sm->documents, sm->articles, sm->sentences, sm->actors, sm->events, sm->reports,
                              sm->news_memberships, sm->reference_memberships, sm->membership_reports};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        pact_json_key(j, keys[i]);
        pact_json_int(j, vals[i]);
    }
    pact_json_object_end(j);

    pact_json_key(j, "groupings");
    pact_json_array_begin(j);
    for (size_t i = 0; i < sm->ngroups; i++) {
        const pact_summary_group *g = &sm->groups[i];
        pact_json_object_begin(j);
        pact_json_key(j, "org");
        pact_json_cstr(j, g->org);
        pact_json_key(j, "name");
        pact_json_cstr(j, g->name);
        pact_json_key(j, "evidence");
        pact_json_int(j, g->evidence);
        pact_json_key(j, "events");
        pact_json_int(j, g->events);
        pact_json_key(j, "members");
        pact_json_array_begin(j);
        for (size_t k = 0; k < g->nmembers; k++) {
            const pact_summary_member *m = &g->members[k];
            pact_json_object_begin(j);
            pact_json_key(j, "member");
            pact_json_cstr(j, m->member);
            pact_json_key(j, "role");
            pact_json_cstr(j, m->role);
            pact_json_key(j, "since");
            pact_json_cstr(j, m->since);
            pact_json_key(j, "until");
            pact_json_cstr(j, m->until);
            pact_json_key(j, "reference");
            pact_json_bool(j, m->reference);
            pact_json_key(j, "news");
            pact_json_bool(j, m->news);
            pact_json_key(j, "evidence");
            pact_json_int(j, m->evidence);
            pact_json_object_end(j);
        }
        pact_json_array_end(j);
        pact_json_object_end(j);
    }
    pact_json_array_end(j);
    pact_json_key(j, "more_groupings");
    pact_json_int(j, (long long)sm->more_groups);

    pact_json_key(j, "ties");
    pact_json_array_begin(j);
    for (size_t i = 0; i < sm->nties; i++) {
        const pact_summary_tie *t = &sm->ties[i];
        pact_json_object_begin(j);
        pact_json_key(j, "a");
        pact_json_cstr(j, t->a);
        pact_json_key(j, "b");
        pact_json_cstr(j, t->b);
        pact_json_key(j, "events");
        pact_json_int(j, t->events);
        pact_json_key(j, "cooperation");
        pact_json_int(j, t->cooperation);
        pact_json_key(j, "conflict");
        pact_json_int(j, t->conflict);
        pact_json_key(j, "goldstein");
        pact_json_double(j, t->goldstein);
        pact_json_key(j, "mean");
        pact_json_double(j, t->events ? t->goldstein / t->events : 0);
        pact_json_object_end(j);
    }
    pact_json_array_end(j);

    pact_json_key(j, "latest");
    pact_json_array_begin(j);
    for (size_t i = 0; i < sm->nlatest; i++) {
        const pact_summary_event *e = &sm->latest[i];
        pact_json_object_begin(j);
        pact_json_key(j, "date");
        pact_json_cstr(j, e->date);
        pact_json_key(j, "source");
        pact_json_cstr(j, e->source);
        pact_json_key(j, "code");
        pact_json_cstr(j, e->code);
        pact_json_key(j, "cameo");
        pact_json_cstr(j, e->cameo);
        pact_json_key(j, "target");
        pact_json_cstr(j, e->target);
        pact_json_key(j, "evidence");
        pact_json_int(j, e->evidence);
        pact_json_key(j, "doc");
        pact_json_cstr(j, e->first.doc);
        pact_json_key(j, "article");
        pact_json_int(j, e->first.article);
        pact_json_key(j, "span");
        pact_json_span(j, e->first.start, e->first.end);
        pact_json_key(j, "sentence");
        pact_json_cstr(j, e->first.text);
        pact_json_object_end(j);
    }
    pact_json_array_end(j);
    pact_json_object_end(j);
}
