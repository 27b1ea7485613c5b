/* Ingest: the records of one document into the store, in one transaction.
 * Both front doors (pages extracted here, records read from JSON Lines) come
 * through pact_store_ingest, so they store the same things the same way. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/internal.h"

enum {
    Q_DOC_FIND,
    Q_DOC_INS,
    Q_ART_INS,
    Q_SENT_INS,
    Q_FTS_INS,
    Q_ENT_INS,
    Q_ACTOR_INS,
    Q_EV_INS,
    Q_EV_FIND,
    Q_EVID_INS,
    Q_MS_INS,
    Q_MS_FIND,
    Q_MS_SINCE,
    Q_LINK_ADD,
    Q_COUNT
};

static const char *const sql[Q_COUNT] = {
    [Q_DOC_FIND] = "SELECT id FROM documents WHERE hash = ?",
    [Q_DOC_INS] = "INSERT INTO documents(hash, path, source_url, ingested_at) VALUES(?, ?, ?, ?)",
    [Q_ART_INS] = "INSERT INTO articles(doc_id, idx, title, title_start, title_end, published, body_spans,"
                  " body_text, notes) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)",
    [Q_SENT_INS] = "INSERT INTO sentences(article_id, start, end, text) VALUES(?, ?, ?, ?)",
    [Q_FTS_INS] = "INSERT INTO sentences_fts(rowid, folded) VALUES(?, ?)",
    [Q_ENT_INS] = "INSERT INTO entities(article_id, actor_id, kind, name, country, text, folded, start, end)"
                  " VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)",
    [Q_ACTOR_INS] = "INSERT INTO actors(id, kind, name) VALUES(?, ?, ?) ON CONFLICT(id) DO UPDATE SET"
                    " name = coalesce(actors.name, excluded.name), kind = coalesce(actors.kind, excluded.kind)",
    [Q_EV_INS] = "INSERT OR IGNORE INTO events(source, target, code, family, date, dkey, goldstein, quad)"
                 " VALUES(?, ?, ?, ?, ?, ?, ?, ?)",
    [Q_EV_FIND] = "SELECT id FROM events WHERE source = ? AND target = ? AND family = ? AND dkey = ?",
    [Q_EVID_INS] = "INSERT INTO evidence(event_id, membership_id, doc_id, article_id, start, end, code, date,"
                   " modality, place, domains, role) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    [Q_MS_INS] = "INSERT OR IGNORE INTO memberships(org, member, role, since, origin, skey)"
                 " VALUES(?, ?, ?, ?, 'news', '')",
    [Q_MS_FIND] = "SELECT id FROM memberships WHERE org = ? AND member = ? AND role = ? AND origin = 'news' AND skey = ''",
    [Q_LINK_ADD] = "INSERT INTO links(a, b, n) VALUES(min(?1, ?2), max(?1, ?2), 1)"
                   " ON CONFLICT(a, b) DO UPDATE SET n = n + 1",
    [Q_MS_SINCE] = "UPDATE memberships SET since = ?2 WHERE id = ?1 AND ?2 IS NOT NULL"
                   " AND (since IS NULL OR since > ?2)",
};

void pact__ingest_finalize(pact_store *st) {
    for (size_t i = 0; i < sizeof st->q / sizeof st->q[0]; i++) {
        sqlite3_finalize(st->q[i]);
        st->q[i] = NULL;
    }
    sqlite3_finalize(st->cameo_stmt);
    st->cameo_stmt = NULL;
    for (size_t i = 0; i < st->seen_cap; i++) free(st->seen[i]);
    free(st->seen);
    st->seen = NULL;
    st->nseen = st->seen_cap = 0;
}

static sqlite3_stmt *Q(pact_store *st, int k) {
    if (!st->q[k]) st->q[k] = pact__db_prepare(st, sql[k]);
    if (st->q[k]) {
        sqlite3_reset(st->q[k]);
        sqlite3_clear_bindings(st->q[k]);
    }
    return st->q[k];
}

static void text_or_null(sqlite3_stmt *s, int i, const char *v) {
    if (v && v[0]) sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
    else sqlite3_bind_null(s, i);
}

/* Runs a prepared write; records the error. */
static int step_done(pact_store *st, sqlite3_stmt *s) {
    if (!s) return PACT_EDB;
    int rc = sqlite3_step(s);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
        snprintf(st->err, sizeof st->err, "%s", sqlite3_errmsg(st->db));
        return PACT_EDB;
    }
    return PACT_OK;
}

static size_t hash_str(const char *s) {
    size_t h = 1469598103934665603u;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

/* True when id was seen before; remembers it. Saves an upsert per mention. */
static bool seen_actor(pact_store *st, const char *id) {
    if (st->nseen * 2 >= st->seen_cap) {
        size_t cap = st->seen_cap ? st->seen_cap * 2 : 1024;
        char **t = pact__xcalloc(cap, sizeof *t);
        for (size_t i = 0; i < st->seen_cap; i++) {
            if (!st->seen[i]) continue;
            size_t h = hash_str(st->seen[i]) & (cap - 1);
            while (t[h]) h = (h + 1) & (cap - 1);
            t[h] = st->seen[i];
        }
        free(st->seen);
        st->seen = t;
        st->seen_cap = cap;
    }
    size_t h = hash_str(id) & (st->seen_cap - 1);
    while (st->seen[h]) {
        if (strcmp(st->seen[h], id) == 0) return true;
        h = (h + 1) & (st->seen_cap - 1);
    }
    st->seen[h] = pact__xstrdup(id);
    st->nseen++;
    return false;
}

static int add_actor(pact_store *st, const char *id, const char *kind, const char *name) {
    if (!id || !id[0] || seen_actor(st, id)) return PACT_OK;
    sqlite3_stmt *s = Q(st, Q_ACTOR_INS);
    if (!s) return PACT_EDB;
    sqlite3_bind_text(s, 1, id, -1, SQLITE_TRANSIENT);
    text_or_null(s, 2, kind);
    text_or_null(s, 3, name);
    return step_done(st, s);
}

/* Org ids are upper case and not three letters; everything else that acts is
 * a country. Good enough for an actor first seen in an event. */
static const char *guess_kind(const char *id) {
    size_t n = strlen(id);
    bool iso3 = n == 3;
    for (size_t i = 0; iso3 && i < 3; i++) iso3 = id[i] >= 'A' && id[i] <= 'Z';
    return iso3 ? "country" : "org";
}

static int store_article(pact_store *st, sqlite3_int64 doc_id, const char *hash, const pact_record *r,
                         pact_ingest_stats *stats) {
    sqlite3_stmt *s = Q(st, Q_ART_INS);
    if (!s) return PACT_EDB;
    pact_buf spans, notes;
    pact_buf_init(&spans, 0);
    pact_buf_init(&notes, 0);
    pact_json j;
    pact_json_init(&j, &spans);
    pact_json_array_begin(&j);
    for (size_t i = 0; i < r->nbody; i++) pact_json_span(&j, r->body_spans[i].start, r->body_spans[i].end);
    pact_json_array_end(&j);
    if (r->nnotes) {
        pact_json_init(&j, &notes);
        pact_json_array_begin(&j);
        for (size_t i = 0; i < r->nnotes; i++) pact_json_cstr(&j, r->notes[i]);
        pact_json_array_end(&j);
    }
    sqlite3_bind_int64(s, 1, doc_id);
    sqlite3_bind_int(s, 2, r->article);
    if (r->title) {
        sqlite3_bind_text(s, 3, r->title, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(s, 4, (sqlite3_int64)r->title_span.start);
        sqlite3_bind_int64(s, 5, (sqlite3_int64)r->title_span.end);
    }
    text_or_null(s, 6, r->published);
    text_or_null(s, 7, spans.ptr);
    text_or_null(s, 8, r->body_text);
    text_or_null(s, 9, notes.ptr);
    int rc = step_done(st, s);
    pact_buf_free(&spans);
    pact_buf_free(&notes);
    if (rc != PACT_OK) return rc;
    sqlite3_int64 art = sqlite3_last_insert_rowid(st->db);
    stats->articles++;

    for (size_t i = 0; i < r->nsentences && rc == PACT_OK; i++) {
        const pact_sentence *se = &r->sentences[i];
        s = Q(st, Q_SENT_INS);
        if (!s) return PACT_EDB;
        sqlite3_bind_int64(s, 1, art);
        sqlite3_bind_int64(s, 2, (sqlite3_int64)se->start);
        sqlite3_bind_int64(s, 3, (sqlite3_int64)se->end);
        text_or_null(s, 4, se->text);
        rc = step_done(st, s);
        if (rc != PACT_OK || !se->text) continue;
        sqlite3_int64 sid = sqlite3_last_insert_rowid(st->db);
        char *folded = pact_fold(se->text, strlen(se->text));
        s = Q(st, Q_FTS_INS);
        if (s) {
            sqlite3_bind_int64(s, 1, sid);
            sqlite3_bind_text(s, 2, folded, -1, SQLITE_TRANSIENT);
        }
        rc = step_done(st, s);
        free(folded);
        stats->sentences++;
    }

    for (size_t i = 0; i < r->nentities && rc == PACT_OK; i++) {
        const pact_entity *e = &r->entities[i];
        if (!e->id) continue;
        const char *kind = pact_entity_kind_name(e->kind);
        s = Q(st, Q_ENT_INS);
        if (!s) return PACT_EDB;
        char *folded = e->text ? pact_fold(e->text, strlen(e->text)) : NULL;
        sqlite3_bind_int64(s, 1, art);
        sqlite3_bind_text(s, 2, e->id, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(s, 3, kind, -1, SQLITE_STATIC);
        text_or_null(s, 4, e->name);
        text_or_null(s, 5, e->country);
        text_or_null(s, 6, e->text);
        text_or_null(s, 7, folded);
        sqlite3_bind_int64(s, 8, (sqlite3_int64)e->start);
        sqlite3_bind_int64(s, 9, (sqlite3_int64)e->end);
        rc = step_done(st, s);
        free(folded);
        if (rc == PACT_OK) rc = add_actor(st, e->id, kind, e->name);
    }

    for (size_t i = 0; i < r->nevents && rc == PACT_OK; i++) {
        const pact_event *e = &r->events[i];
        if (!e->source || !e->target || strlen(e->code) < 2) continue;
        char family[3] = {e->code[0], e->code[1], 0};
        char dkey[128];
        if (e->date[0]) snprintf(dkey, sizeof dkey, "%s", e->date);
        else snprintf(dkey, sizeof dkey, "@%.64s:%zu", hash, e->start);
        double g;
        int quad;
        pact_store_cameo(st, e->code, &g, &quad);
        s = Q(st, Q_EV_INS);
        if (!s) return PACT_EDB;
        sqlite3_bind_text(s, 1, e->source, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(s, 2, e->target, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(s, 3, e->code, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(s, 4, family, -1, SQLITE_TRANSIENT);
        text_or_null(s, 5, e->date);
        sqlite3_bind_text(s, 6, dkey, -1, SQLITE_TRANSIENT);
        sqlite3_bind_double(s, 7, g);
        sqlite3_bind_int(s, 8, quad);
        if ((rc = step_done(st, s)) != PACT_OK) break;
        sqlite3_int64 ev;
        if (sqlite3_changes(st->db) == 1) {
            ev = sqlite3_last_insert_rowid(st->db);
            stats->new_events++;
            if (strcmp(e->source, e->target) != 0) {
                s = Q(st, Q_LINK_ADD);
                if (!s) return PACT_EDB;
                sqlite3_bind_text(s, 1, e->source, -1, SQLITE_TRANSIENT);
                sqlite3_bind_text(s, 2, e->target, -1, SQLITE_TRANSIENT);
                if ((rc = step_done(st, s)) != PACT_OK) break;
            }
        } else {
            s = Q(st, Q_EV_FIND);
            if (!s) return PACT_EDB;
            sqlite3_bind_text(s, 1, e->source, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(s, 2, e->target, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(s, 3, family, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(s, 4, dkey, -1, SQLITE_TRANSIENT);
            if (sqlite3_step(s) != SQLITE_ROW) {
                snprintf(st->err, sizeof st->err, "event vanished: %s", sqlite3_errmsg(st->db));
                return PACT_EDB;
            }
            ev = sqlite3_column_int64(s, 0);
        }
        char domains[256] = "";
        size_t dl = 0;
        for (size_t k = 0; k < e->ndomains && e->domains[k]; k++)
            dl += (size_t)snprintf(domains + dl, dl < sizeof domains ? sizeof domains - dl : 0, "%s%s",
                                   k ? "," : "", e->domains[k]);
        if (dl >= sizeof domains) domains[sizeof domains - 1] = '\0';
        s = Q(st, Q_EVID_INS);
        if (!s) return PACT_EDB;
        sqlite3_bind_int64(s, 1, ev);
        sqlite3_bind_int64(s, 3, doc_id);
        sqlite3_bind_int64(s, 4, art);
        sqlite3_bind_int64(s, 5, (sqlite3_int64)e->start);
        sqlite3_bind_int64(s, 6, (sqlite3_int64)e->end);
        sqlite3_bind_text(s, 7, e->code, -1, SQLITE_TRANSIENT);
        text_or_null(s, 8, e->date);
        sqlite3_bind_text(s, 9, pact_modality_name(e->modality), -1, SQLITE_STATIC);
        text_or_null(s, 10, e->place);
        text_or_null(s, 11, domains);
        if ((rc = step_done(st, s)) != PACT_OK) break;
        rc = add_actor(st, e->source, guess_kind(e->source), NULL);
        if (rc == PACT_OK) rc = add_actor(st, e->target, guess_kind(e->target), NULL);
        stats->events++;
    }

    for (size_t i = 0; i < r->nmemberships && rc == PACT_OK; i++) {
        const pact_membership *m = &r->memberships[i];
        if (!m->org || !m->member) continue;
        const char *role = pact_role_name(m->role);
        s = Q(st, Q_MS_INS);
        if (!s) return PACT_EDB;
        sqlite3_bind_text(s, 1, m->org, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(s, 2, m->member, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(s, 3, role, -1, SQLITE_STATIC);
        text_or_null(s, 4, m->date);
        if ((rc = step_done(st, s)) != PACT_OK) break;
        s = Q(st, Q_MS_FIND);
        if (!s) return PACT_EDB;
        sqlite3_bind_text(s, 1, m->org, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(s, 2, m->member, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(s, 3, role, -1, SQLITE_STATIC);
        if (sqlite3_step(s) != SQLITE_ROW) {
            snprintf(st->err, sizeof st->err, "membership vanished: %s", sqlite3_errmsg(st->db));
            return PACT_EDB;
        }
        sqlite3_int64 ms = sqlite3_column_int64(s, 0);
        /* The earliest statement dates the fact. */
        if (m->date[0] && m->date[0] != '-') {
            s = Q(st, Q_MS_SINCE);
            if (!s) return PACT_EDB;
            sqlite3_bind_int64(s, 1, ms);
            sqlite3_bind_text(s, 2, m->date, -1, SQLITE_TRANSIENT);
            if ((rc = step_done(st, s)) != PACT_OK) break;
        }
        s = Q(st, Q_EVID_INS);
        if (!s) return PACT_EDB;
        sqlite3_bind_int64(s, 2, ms);
        sqlite3_bind_int64(s, 3, doc_id);
        sqlite3_bind_int64(s, 4, art);
        sqlite3_bind_int64(s, 5, (sqlite3_int64)m->start);
        sqlite3_bind_int64(s, 6, (sqlite3_int64)m->end);
        text_or_null(s, 8, m->date);
        sqlite3_bind_text(s, 12, role, -1, SQLITE_STATIC);
        if ((rc = step_done(st, s)) != PACT_OK) break;
        rc = add_actor(st, m->org, "org", NULL);
        if (rc == PACT_OK) rc = add_actor(st, m->member, guess_kind(m->member), NULL);
        stats->memberships++;
    }
    return rc;
}

static int replace_document(pact_store *st, const char *doc, pact_ingest_stats *stats) {
    sqlite3_stmt *s = pact__db_prepare(st, "SELECT id FROM documents WHERE path = ?");
    if (!s) return PACT_EDB;
    sqlite3_bind_text(s, 1, doc, -1, SQLITE_TRANSIENT);
    sqlite3_int64 id = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    sqlite3_finalize(s);
    if (!id) return PACT_OK;
    char del[1600];
    snprintf(del, sizeof del,
             "DELETE FROM sentences_fts WHERE rowid IN (SELECT s.id FROM sentences s JOIN articles a"
             " ON a.id = s.article_id WHERE a.doc_id = %lld);"
             "DELETE FROM sentences WHERE article_id IN (SELECT id FROM articles WHERE doc_id = %lld);"
             "DELETE FROM entities WHERE article_id IN (SELECT id FROM articles WHERE doc_id = %lld);"
             "CREATE TEMP TABLE IF NOT EXISTS gone(ev INTEGER, ms INTEGER);"
             "DELETE FROM temp.gone;"
             "INSERT INTO temp.gone SELECT event_id, membership_id FROM evidence WHERE doc_id = %lld;"
             "DELETE FROM evidence WHERE doc_id = %lld;"
             "DELETE FROM temp.gone WHERE ev IS NOT NULL AND EXISTS (SELECT 1 FROM evidence e WHERE e.event_id = ev);"
             "UPDATE links SET n = n - (SELECT count(*) FROM events v WHERE v.id IN (SELECT ev FROM temp.gone)"
             " AND min(v.source, v.target) = links.a AND max(v.source, v.target) = links.b AND v.source <> v.target)"
             " WHERE (a, b) IN (SELECT min(source, target), max(source, target) FROM events"
             " WHERE id IN (SELECT ev FROM temp.gone));"
             "DELETE FROM links WHERE n <= 0;"
             "DELETE FROM events WHERE id IN (SELECT ev FROM temp.gone);"
             "DELETE FROM memberships WHERE origin = 'news' AND id IN (SELECT ms FROM temp.gone)"
             " AND NOT EXISTS (SELECT 1 FROM evidence e WHERE e.membership_id = memberships.id);"
             "DELETE FROM articles WHERE doc_id = %lld;"
             "DELETE FROM documents WHERE id = %lld;",
             (long long)id, (long long)id, (long long)id, (long long)id, (long long)id, (long long)id, (long long)id);
    int rc = pact__db_exec(st, del);
    if (rc == PACT_OK) stats->replaced++;
    return rc;
}

#define BATCH_DOCUMENTS 500

int pact_store_batch(pact_store *st, bool on) {
    int rc = PACT_OK;
    if (!on && st->in_txn) {
        rc = pact__db_exec(st, "COMMIT");
        st->in_txn = false;
    }
    st->batch = on;
    st->pending = 0;
    return rc;
}

/* Opens the document's transaction, or its savepoint in batch mode. */
static int doc_begin(pact_store *st) {
    if (!st->batch) return pact__db_exec(st, "BEGIN IMMEDIATE");
    if (!st->in_txn) {
        if (pact__db_exec(st, "BEGIN IMMEDIATE") != PACT_OK) return PACT_EDB;
        st->in_txn = true;
    }
    return pact__db_exec(st, "SAVEPOINT doc");
}

/* Forgets the actors this handle has upserted: after a rollback some of
 * them are no longer in the store, and must be inserted again. */
static void forget_actors(pact_store *st) {
    for (size_t i = 0; i < st->seen_cap; i++) {
        free(st->seen[i]);
        st->seen[i] = NULL;
    }
    st->nseen = 0;
}

static int doc_end(pact_store *st, bool ok) {
    if (!ok) forget_actors(st);
    if (!st->batch) return pact__db_exec(st, ok ? "COMMIT" : "ROLLBACK");
    int rc = ok ? pact__db_exec(st, "RELEASE doc")
                : pact__db_exec(st, "ROLLBACK TO doc; RELEASE doc");
    if (rc == PACT_OK && ++st->pending >= BATCH_DOCUMENTS) {
        rc = pact__db_exec(st, "COMMIT");
        st->in_txn = false;
        st->pending = 0;
    }
    return rc;
}

int pact_store_ingest(pact_store *st, const char *doc, const char *hash, const char *source_url,
                      const pact_record *recs, size_t n, bool *dup, pact_ingest_stats *stats) {
    *dup = false;
    st->err[0] = '\0';
    if (doc_begin(st) != PACT_OK) return PACT_EDB;
    sqlite3_stmt *s = Q(st, Q_DOC_FIND);
    int rc = s ? PACT_OK : PACT_EDB;
    if (rc == PACT_OK) {
        sqlite3_bind_text(s, 1, hash, -1, SQLITE_TRANSIENT);
        if (sqlite3_step(s) == SQLITE_ROW) *dup = true;
        sqlite3_reset(s);
    }
    if (rc == PACT_OK && *dup) {
        stats->duplicates++;
        return doc_end(st, true);
    }
    pact_ingest_stats tmp = *stats;
    /* The same path with new content (a page saved again, records of a newer
     * extractor): the new version replaces the old one. */
    if (rc == PACT_OK) rc = replace_document(st, doc, &tmp);
    if (rc == PACT_OK) {
        char now[32];
        pact__now(now);
        s = Q(st, Q_DOC_INS);
        if (!s) rc = PACT_EDB;
        else {
            sqlite3_bind_text(s, 1, hash, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(s, 2, doc, -1, SQLITE_TRANSIENT);
            text_or_null(s, 3, source_url ? source_url : (n ? recs[0].source_url : NULL));
            sqlite3_bind_text(s, 4, now, -1, SQLITE_TRANSIENT);
            rc = step_done(st, s);
        }
    }
    sqlite3_int64 doc_id = sqlite3_last_insert_rowid(st->db);
    for (size_t i = 0; i < n && rc == PACT_OK; i++) rc = store_article(st, doc_id, hash, &recs[i], &tmp);
    /* A statement left on a row keeps a read snapshot open, and a WAL
     * cannot be checkpointed behind it: it would grow without end. */
    for (size_t i = 0; i < Q_COUNT; i++)
        if (st->q[i]) sqlite3_reset(st->q[i]);
    if (rc == PACT_OK) rc = doc_end(st, true);
    if (rc != PACT_OK) {
        char keep[512];
        snprintf(keep, sizeof keep, "%s", st->err[0] ? st->err : sqlite3_errmsg(st->db));
        (void)doc_end(st, false);
        snprintf(st->err, sizeof st->err, "%s", keep);
        return PACT_EDB;
    }
    tmp.documents++;
    *stats = tmp;
    return PACT_OK;
}

bool pact_store_has_document(pact_store *st, const char *hash) {
    sqlite3_stmt *s = Q(st, Q_DOC_FIND);
    if (!s) return false;
    sqlite3_bind_text(s, 1, hash, -1, SQLITE_TRANSIENT);
    bool found = sqlite3_step(s) == SQLITE_ROW;
    sqlite3_reset(s);
    return found;
}
