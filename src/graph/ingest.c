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

/* The statements in both spellings: SQLite's, then PostgreSQL's when it
 * differs (there, sentences carry their folded text; no FTS5 table). */
/* PostgreSQL's pipelined ingest (below). */
enum {
    P_CHECK,
    P_DOC,
    P_ART,
    P_SENT,
    P_ENT,
    P_ACTOR,
    P_EVENT,
    P_EV_EVIDENCE,
    P_MS,
    P_MS_SINCE,
    P_MS_EVIDENCE,
    P_COUNT
};

static const char *const sql[Q_COUNT][2] = {
    [Q_DOC_FIND] = {"SELECT id FROM documents WHERE hash = ?", NULL},
    [Q_DOC_INS] = {"INSERT INTO documents(hash, path, source_url, ingested_at) VALUES(?, ?, ?, ?)", NULL},
    [Q_ART_INS] = {"INSERT INTO articles(doc_id, idx, title, title_start, title_end, published, body_spans,"
                   " body_text, notes) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)", NULL},
    [Q_SENT_INS] = {"INSERT INTO sentences(article_id, start, \"end\", text) VALUES(?, ?, ?, ?)",
                    "INSERT INTO sentences(article_id, start, \"end\", text, folded) VALUES(?, ?, ?, ?, ?)"},
    [Q_FTS_INS] = {"INSERT INTO sentences_fts(rowid, folded) VALUES(?, ?)", NULL},
    [Q_ENT_INS] = {"INSERT INTO entities(article_id, actor_id, kind, name, country, text, folded, start, \"end\")"
                   " VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)", NULL},
    [Q_ACTOR_INS] = {"INSERT INTO actors(id, kind, name) VALUES(?, ?, ?) ON CONFLICT(id) DO UPDATE SET"
                     " name = coalesce(actors.name, excluded.name), kind = coalesce(actors.kind, excluded.kind)", NULL},
    [Q_EV_INS] = {"INSERT INTO events(source, target, code, family, date, dkey, goldstein, quad)"
                  " VALUES(?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", NULL},
    [Q_EV_FIND] = {"SELECT id FROM events WHERE source = ? AND target = ? AND family = ? AND dkey = ?", NULL},
    [Q_EVID_INS] = {"INSERT INTO evidence(event_id, membership_id, doc_id, article_id, start, \"end\", code, date,"
                    " modality, place, domains, role) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", NULL},
    [Q_MS_INS] = {"INSERT INTO memberships(org, member, role, since, origin, skey)"
                  " VALUES(?, ?, ?, ?, 'news', '') ON CONFLICT DO NOTHING", NULL},
    [Q_MS_FIND] = {"SELECT id FROM memberships WHERE org = ? AND member = ? AND role = ? AND origin = 'news' AND skey = ''", NULL},
    [Q_LINK_ADD] = {"INSERT INTO links(a, b, n) VALUES(LEAST(?1, ?2), GREATEST(?1, ?2), 1)"
                    " ON CONFLICT(a, b) DO UPDATE SET n = links.n + 1", NULL},
    [Q_MS_SINCE] = {"UPDATE memberships SET since = ?2 WHERE id = ?1 AND ?2 IS NOT NULL"
                    " AND (since IS NULL OR since > ?2)", NULL},
};

static void copybuf_free(pact__copybuf *c) {
    pact_buf_free(&c->rows);
    memset(c, 0, sizeof *c);
}

void pact__ingest_finalize(pact_store *st) {
    for (size_t i = 0; i < sizeof st->q / sizeof st->q[0]; i++) {
        pact__finalize(st->q[i]);
        st->q[i] = NULL;
    }
    free(st->cameo);
    st->cameo = NULL;
    st->ncameo = 0;
    st->cameo_loaded = false;
    for (size_t i = 0; i < st->seen_cap; i++) free(st->seen[i]);
    free(st->seen);
    st->seen = NULL;
    st->nseen = st->seen_cap = 0;
    for (size_t i = 0; i < P_COUNT; i++) {
        pact__finalize(st->pq[i]);
        st->pq[i] = NULL;
    }
    free(st->pipe_counts);
    st->pipe_counts = NULL;
    st->pipe_n = st->pipe_cap = 0;
    for (int k = 0; k < 2; k++) {
        free(st->ids[k]);
        st->ids[k] = NULL;
        st->nids[k] = st->next_id[k] = 0;
    }
    copybuf_free(&st->copy_sentences);
    copybuf_free(&st->copy_entities);
}

static pact__stmt *Q(pact_store *st, int k) {
    if (!st->q[k]) {
        const char *text = pact__db_pg(st) && sql[k][1] ? sql[k][1] : sql[k][0];
        st->q[k] = pact__db_prepare(st, text);
    }
    if (st->q[k]) pact__reset(st->q[k]);
    return st->q[k];
}

static void text_or_null(pact__stmt *s, int i, const char *v) { pact__bind_text(s, i, v && v[0] ? v : NULL); }

/* Runs a prepared write; the error is in st->err. */
static int step_done(pact_store *st, pact__stmt *s) {
    (void)st;
    if (!s) return PACT_EDB;
    int rc = pact__step(s);
    return rc == PACT__DONE || rc == PACT__ROW ? PACT_OK : PACT_EDB;
}

/* Runs an INSERT (SQLite): *id is the new row's id, 0 when the insert was
 * skipped (ON CONFLICT DO NOTHING). SQLite's RETURNING costs more than
 * asking for the rowid. */
static int insert_id(pact_store *st, pact__stmt *s, long long *id) {
    *id = 0;
    if (!s) return PACT_EDB;
    int rc = pact__step(s);
    if (rc == PACT__DONE && pact__changes(s) == 1) *id = pact__db_last_id(st);
    return rc == PACT__DONE ? PACT_OK : PACT_EDB;
}

/* ---- COPY rows (PostgreSQL batch mode) ---- */

static bool copying(const pact_store *st) { return st->pg && st->batch; }

/* One field in COPY's text format: backslash escapes, \N for NULL. A
 * buffer that reaches its cap (1 GB) marks the batch failed. */
static void copy_text(pact__copybuf *c, const char *v, bool last) {
    pact_buf *b = &c->rows;
    int rc = PACT_OK;
    if (!v) rc = pact_buf_puts(b, "\\N");
    else
        for (const char *p = v; *p && rc == PACT_OK; p++) {
            switch (*p) {
            case '\\': rc = pact_buf_puts(b, "\\\\"); break;
            case '\t': rc = pact_buf_puts(b, "\\t"); break;
            case '\n': rc = pact_buf_puts(b, "\\n"); break;
            case '\r': rc = pact_buf_puts(b, "\\r"); break;
            default: rc = pact_buf_putc(b, *p);
            }
        }
    if (rc == PACT_OK) rc = pact_buf_putc(b, last ? '\n' : '\t');
    if (rc != PACT_OK) c->full = true;
}

static void copy_int(pact__copybuf *c, long long v, bool last) {
    char num[24];
    snprintf(num, sizeof num, "%lld", v);
    copy_text(c, num, last);
}

static const char *nonempty(const char *v) { return v && v[0] ? v : NULL; }

static int copy_flush_one(pact_store *st, pact__copybuf *c, const char *copy_sql) {
    int rc = PACT_OK;
    if (c->full) {
        snprintf(st->err, sizeof st->err, "rows for COPY over %zu bytes", c->rows.len);
        rc = PACT_EDB;
    } else if (c->rows.len) rc = pact__db_copy(st, copy_sql, c->rows.ptr, c->rows.len);
    c->full = false;
    pact_buf_truncate(&c->rows, 0);
    c->doc_mark = 0;
    return rc;
}

int pact__ingest_flush(pact_store *st) {
    if (!st->pg) return PACT_OK;
    int rc = copy_flush_one(st, &st->copy_sentences,
                            "COPY sentences(article_id, start, \"end\", text, folded) FROM STDIN");
    int r2 = copy_flush_one(st, &st->copy_entities,
                            "COPY entities(article_id, actor_id, kind, name, country, text, folded, start, \"end\")"
                            " FROM STDIN");
    return rc != PACT_OK ? rc : r2;
}

static void copy_mark(pact_store *st) {
    pact__copybuf *all[2] = {&st->copy_sentences, &st->copy_entities};
    for (size_t i = 0; i < 2; i++)
        if (!all[i]->ready) {
            pact_buf_init(&all[i]->rows, 0);
            all[i]->ready = true;
        }
    st->copy_sentences.doc_mark = st->copy_sentences.rows.len;
    st->copy_entities.doc_mark = st->copy_entities.rows.len;
}

static void copy_drop_doc(pact_store *st) {
    pact_buf_truncate(&st->copy_sentences.rows, st->copy_sentences.doc_mark);
    pact_buf_truncate(&st->copy_entities.rows, st->copy_entities.doc_mark);
}

static bool copy_full(const pact_store *st) {
    return st->copy_sentences.full || st->copy_entities.full;
}

static bool copy_pending(const pact_store *st) {
    return st->copy_sentences.rows.len || st->copy_entities.rows.len;
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
    pact__stmt *s = Q(st, Q_ACTOR_INS);
    if (!s) return PACT_EDB;
    pact__bind_text(s, 1, id);
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

/* A sentence as a COPY row (PostgreSQL batch mode). */
static void copy_sentence(pact_store *st, long long art, const pact_sentence *se, const char *folded) {
    pact__copybuf *b = &st->copy_sentences;
    copy_int(b, art, false);
    copy_int(b, (long long)se->start, false);
    copy_int(b, (long long)se->end, false);
    copy_text(b, se->text, false);
    copy_text(b, folded, true);
}

/* A sentence's parameters, the same in Q_SENT_INS and P_SENT. */
static void bind_sentence(pact__stmt *s, long long art, const pact_sentence *se, const char *folded) {
    pact__bind_int64(s, 1, art);
    pact__bind_int64(s, 2, (long long)se->start);
    pact__bind_int64(s, 3, (long long)se->end);
    text_or_null(s, 4, se->text);
    pact__bind_text(s, 5, folded);
}

/* A sentence into SQLite, with its row of the FTS5 table beside it. */
static int store_sentence(pact_store *st, long long art, const pact_sentence *se, pact_ingest_stats *stats) {
    char *folded = se->text ? pact_fold(se->text, strlen(se->text)) : NULL;
    pact__stmt *s = Q(st, Q_SENT_INS);
    long long sid = 0;
    if (s) bind_sentence(s, art, se, folded);
    int rc = insert_id(st, s, &sid);
    if (rc == PACT_OK && se->text) {
        s = Q(st, Q_FTS_INS);
        if (s) {
            pact__bind_int64(s, 1, sid);
            pact__bind_text(s, 2, folded);
        }
        rc = step_done(st, s);
    }
    free(folded);
    if (rc == PACT_OK && se->text) stats->sentences++;
    return rc;
}

/* An entity as a COPY row (PostgreSQL batch mode). */
static void copy_entity(pact_store *st, long long art, const pact_entity *e, const char *kind, const char *folded) {
    pact__copybuf *b = &st->copy_entities;
    copy_int(b, art, false);
    copy_text(b, e->id, false);
    copy_text(b, kind, false);
    copy_text(b, nonempty(e->name), false);
    copy_text(b, nonempty(e->country), false);
    copy_text(b, nonempty(e->text), false);
    copy_text(b, nonempty(folded), false);
    copy_int(b, (long long)e->start, false);
    copy_int(b, (long long)e->end, true);
}

/* An entity's parameters, the same in Q_ENT_INS and P_ENT. */
static void bind_entity(pact__stmt *s, long long art, const pact_entity *e, const char *kind, const char *folded) {
    pact__bind_int64(s, 1, art);
    pact__bind_text(s, 2, e->id);
    pact__bind_text(s, 3, kind);
    text_or_null(s, 4, e->name);
    text_or_null(s, 5, e->country);
    text_or_null(s, 6, e->text);
    text_or_null(s, 7, folded);
    pact__bind_int64(s, 8, (long long)e->start);
    pact__bind_int64(s, 9, (long long)e->end);
}

static int store_entity(pact_store *st, long long art, const pact_entity *e) {
    const char *kind = pact_entity_kind_name(e->kind);
    char *folded = e->text ? pact_fold(e->text, strlen(e->text)) : NULL;
    pact__stmt *s = Q(st, Q_ENT_INS);
    if (s) bind_entity(s, art, e, kind, folded);
    int rc = step_done(st, s);
    free(folded);
    if (rc == PACT_OK) rc = add_actor(st, e->id, kind, e->name);
    return rc;
}

/* A piece of evidence: of an event (ev) or a membership (ms). */
typedef struct {
    long long ev, ms, doc, art;
    size_t start, end;
    const char *code, *date, *modality, *place, *domains, *role;
} evidence_row;

static int store_evidence(pact_store *st, const evidence_row *r) {
    pact__stmt *s = Q(st, Q_EVID_INS);
    if (!s) return PACT_EDB;
    if (r->ev) pact__bind_int64(s, 1, r->ev);
    if (r->ms) pact__bind_int64(s, 2, r->ms);
    pact__bind_int64(s, 3, r->doc);
    pact__bind_int64(s, 4, r->art);
    pact__bind_int64(s, 5, (long long)r->start);
    pact__bind_int64(s, 6, (long long)r->end);
    pact__bind_text(s, 7, r->code);
    text_or_null(s, 8, r->date);
    pact__bind_text(s, 9, r->modality);
    text_or_null(s, 10, r->place);
    text_or_null(s, 11, r->domains);
    pact__bind_text(s, 12, r->role);
    return step_done(st, s);
}

/* An event's merge keys: its code's family ("04") and its date, or for an
 * undated event its place in the document (undated reports never merge). */
static void event_keys(const pact_event *e, const char *hash, char family[3], char dkey[128]) {
    family[0] = e->code[0];
    family[1] = e->code[1];
    family[2] = '\0';
    if (e->date[0]) snprintf(dkey, 128, "%s", e->date);
    else snprintf(dkey, 128, "@%.64s:%zu", hash, e->start);
}

/* An event's domains as the comma list evidence stores. */
static void event_domains(const pact_event *e, char out[256]) {
    size_t dl = 0;
    out[0] = '\0';
    for (size_t k = 0; k < e->ndomains && e->domains[k]; k++)
        dl += (size_t)snprintf(out + dl, dl < 256 ? 256 - dl : 0, "%s%s", k ? "," : "", e->domains[k]);
    if (dl >= 256) out[255] = '\0';
}

/* An event's parameters, the same in Q_EV_INS and P_EVENT. */
static void bind_event(pact_store *st, pact__stmt *s, const pact_event *e, const char *family, const char *dkey) {
    double g;
    int quad;
    pact_store_cameo(st, e->code, &g, &quad);
    pact__bind_text(s, 1, e->source);
    pact__bind_text(s, 2, e->target);
    pact__bind_text(s, 3, e->code);
    pact__bind_text(s, 4, family);
    text_or_null(s, 5, e->date);
    pact__bind_text(s, 6, dkey);
    pact__bind_double(s, 7, g);
    pact__bind_int64(s, 8, quad);
}

static int store_event(pact_store *st, long long doc_id, long long art, const char *hash, const pact_event *e,
                       pact_ingest_stats *stats) {
    char family[3], dkey[128];
    event_keys(e, hash, family, dkey);
    pact__stmt *s = Q(st, Q_EV_INS);
    if (!s) return PACT_EDB;
    bind_event(st, s, e, family, dkey);
    long long ev;
    int rc = insert_id(st, s, &ev);
    if (rc != PACT_OK) return rc;
    if (ev) {
        stats->new_events++;
        if (strcmp(e->source, e->target) != 0) {
            s = Q(st, Q_LINK_ADD);
            if (!s) return PACT_EDB;
            pact__bind_text(s, 1, e->source);
            pact__bind_text(s, 2, e->target);
            if ((rc = step_done(st, s)) != PACT_OK) return rc;
        }
    } else {
        s = Q(st, Q_EV_FIND);
        if (!s) return PACT_EDB;
        pact__bind_text(s, 1, e->source);
        pact__bind_text(s, 2, e->target);
        pact__bind_text(s, 3, family);
        pact__bind_text(s, 4, dkey);
        if (pact__step(s) != PACT__ROW) {
            char keep[sizeof st->err];
            snprintf(keep, sizeof keep, "%s", st->err);
            snprintf(st->err, sizeof st->err, "event vanished: %.400s", keep);
            return PACT_EDB;
        }
        ev = pact__col_int64(s, 0);
    }
    char domains[256];
    event_domains(e, domains);
    evidence_row r = {.ev = ev, .doc = doc_id, .art = art, .start = e->start, .end = e->end, .code = e->code,
                      .date = e->date, .modality = pact_modality_name(e->modality), .place = e->place,
                      .domains = domains};
    if ((rc = store_evidence(st, &r)) != PACT_OK) return rc;
    rc = add_actor(st, e->source, guess_kind(e->source), NULL);
    if (rc == PACT_OK) rc = add_actor(st, e->target, guess_kind(e->target), NULL);
    stats->events++;
    return rc;
}

static int store_membership(pact_store *st, long long doc_id, long long art, const pact_membership *m,
                            pact_ingest_stats *stats) {
    const char *role = pact_role_name(m->role);
    pact__stmt *s = Q(st, Q_MS_INS);
    if (!s) return PACT_EDB;
    pact__bind_text(s, 1, m->org);
    pact__bind_text(s, 2, m->member);
    pact__bind_text(s, 3, role);
    text_or_null(s, 4, m->date);
    long long ms;
    int rc = insert_id(st, s, &ms);
    if (rc != PACT_OK) return rc;
    if (!ms) {
        s = Q(st, Q_MS_FIND);
        if (!s) return PACT_EDB;
        pact__bind_text(s, 1, m->org);
        pact__bind_text(s, 2, m->member);
        pact__bind_text(s, 3, role);
        if (pact__step(s) != PACT__ROW) {
            char keep[sizeof st->err];
            snprintf(keep, sizeof keep, "%s", st->err);
            snprintf(st->err, sizeof st->err, "membership vanished: %.400s", keep);
            return PACT_EDB;
        }
        ms = pact__col_int64(s, 0);
        /* The earliest statement dates the fact. */
        if (m->date[0] && m->date[0] != '-') {
            s = Q(st, Q_MS_SINCE);
            if (!s) return PACT_EDB;
            pact__bind_int64(s, 1, ms);
            pact__bind_text(s, 2, m->date);
            if ((rc = step_done(st, s)) != PACT_OK) return rc;
        }
    }
    evidence_row r = {.ms = ms, .doc = doc_id, .art = art, .start = m->start, .end = m->end, .date = m->date,
                      .role = role};
    if ((rc = store_evidence(st, &r)) != PACT_OK) return rc;
    rc = add_actor(st, m->org, "org", NULL);
    if (rc == PACT_OK) rc = add_actor(st, m->member, guess_kind(m->member), NULL);
    stats->memberships++;
    return rc;
}

/* An article's body spans and notes as the JSON arrays its row stores
 * (notes empty when it has none). */
static void article_json(const pact_record *r, pact_buf *spans, pact_buf *notes) {
    pact_buf_init(spans, 0);
    pact_buf_init(notes, 0);
    pact_json j;
    pact_json_init(&j, spans);
    pact_json_array_begin(&j);
    for (size_t i = 0; i < r->nbody; i++) pact_json_span(&j, r->body_spans[i].start, r->body_spans[i].end);
    pact_json_array_end(&j);
    if (r->nnotes) {
        pact_json_init(&j, notes);
        pact_json_array_begin(&j);
        for (size_t i = 0; i < r->nnotes; i++) pact_json_cstr(&j, r->notes[i]);
        pact_json_array_end(&j);
    }
}

/* An article's parameters from the p-th on (P_ART puts its id before
 * them); spans and notes get the JSON the statement points into, for the
 * caller to free after running it. */
static void bind_article(pact__stmt *s, int p, long long doc_id, const pact_record *r, pact_buf *spans,
                         pact_buf *notes) {
    article_json(r, spans, notes);
    pact__bind_int64(s, p, doc_id);
    pact__bind_int64(s, p + 1, r->article);
    if (r->title) {
        pact__bind_text(s, p + 2, r->title);
        pact__bind_int64(s, p + 3, (long long)r->title_span.start);
        pact__bind_int64(s, p + 4, (long long)r->title_span.end);
    }
    text_or_null(s, p + 5, r->published);
    text_or_null(s, p + 6, spans->ptr);
    text_or_null(s, p + 7, r->body_text);
    text_or_null(s, p + 8, notes->ptr);
}

static int store_article(pact_store *st, long long doc_id, const char *hash, const pact_record *r,
                         pact_ingest_stats *stats) {
    pact__stmt *s = Q(st, Q_ART_INS);
    if (!s) return PACT_EDB;
    pact_buf spans, notes;
    bind_article(s, 1, doc_id, r, &spans, &notes);
    long long art;
    int rc = insert_id(st, s, &art);
    pact_buf_free(&spans);
    pact_buf_free(&notes);
    if (rc != PACT_OK) return rc;
    stats->articles++;

    for (size_t i = 0; i < r->nsentences && rc == PACT_OK; i++) rc = store_sentence(st, art, &r->sentences[i], stats);
    for (size_t i = 0; i < r->nentities && rc == PACT_OK; i++)
        if (r->entities[i].id) rc = store_entity(st, art, &r->entities[i]);
    for (size_t i = 0; i < r->nevents && rc == PACT_OK; i++) {
        const pact_event *e = &r->events[i];
        if (e->source && e->target && strlen(e->code) >= 2) rc = store_event(st, doc_id, art, hash, e, stats);
    }
    for (size_t i = 0; i < r->nmemberships && rc == PACT_OK; i++) {
        const pact_membership *m = &r->memberships[i];
        if (m->org && m->member) rc = store_membership(st, doc_id, art, m, stats);
    }
    return rc;
}

/* What replacing a document deletes, in the order foreign keys allow; %1$lld
 * is the document's id. The events and memberships only it reported go
 * too, and the links of those events count one less. */
static const char replace_sql[] =
    "DELETE FROM sentences WHERE article_id IN (SELECT id FROM articles WHERE doc_id = %1$lld);"
    "DELETE FROM entities WHERE article_id IN (SELECT id FROM articles WHERE doc_id = %1$lld);"
    "CREATE TEMP TABLE IF NOT EXISTS gone(ev BIGINT, ms BIGINT);"
    "DELETE FROM gone;"
    "INSERT INTO gone SELECT event_id, membership_id FROM evidence WHERE doc_id = %1$lld;"
    "DELETE FROM evidence WHERE doc_id = %1$lld;"
    "DELETE FROM gone WHERE ev IS NOT NULL AND EXISTS (SELECT 1 FROM evidence e WHERE e.event_id = ev);"
    "UPDATE links SET n = n - (SELECT count(*) FROM events v WHERE v.id IN (SELECT ev FROM gone)"
    " AND LEAST(v.source, v.target) = links.a AND GREATEST(v.source, v.target) = links.b AND v.source <> v.target)"
    " WHERE (a, b) IN (SELECT LEAST(source, target), GREATEST(source, target) FROM events"
    " WHERE id IN (SELECT ev FROM gone));"
    "DELETE FROM links WHERE n <= 0;"
    "DELETE FROM events WHERE id IN (SELECT ev FROM gone);"
    "DELETE FROM memberships WHERE origin = 'news' AND id IN (SELECT ms FROM gone)"
    " AND NOT EXISTS (SELECT 1 FROM evidence e WHERE e.membership_id = memberships.id);"
    "DELETE FROM articles WHERE doc_id = %1$lld;"
    "DELETE FROM documents WHERE id = %1$lld;";

/* SQLite: deletes the older version of doc (PostgreSQL sends replace_sql
 * in its pipeline, ingest_pg). */
static int replace_document(pact_store *st, const char *doc, pact_ingest_stats *stats) {
    pact__stmt *s = pact__db_prepare(st, "SELECT id FROM documents WHERE path = ?");
    if (!s) return PACT_EDB;
    pact__bind_text(s, 1, doc);
    long long id = pact__step(s) == PACT__ROW ? pact__col_int64(s, 0) : 0;
    pact__finalize(s);
    if (!id) return PACT_OK;
    /* The FTS5 rows first: they are found through the sentences. */
    char del[2600];
    int n = snprintf(del, sizeof del,
                     "DELETE FROM sentences_fts WHERE rowid IN (SELECT s.id FROM sentences s JOIN articles a"
                     " ON a.id = s.article_id WHERE a.doc_id = %lld);", id);
    snprintf(del + n, sizeof del - (size_t)n, replace_sql, id);
    int rc = pact__db_exec(st, del);
    if (rc == PACT_OK) stats->replaced++;
    return rc;
}

#define BATCH_DOCUMENTS 500

/* Commits the batch's transaction (sending what waits for COPY first). */
static int batch_commit(pact_store *st) {
    int rc = pact__ingest_flush(st);
    if (rc == PACT_OK) rc = pact__db_exec(st, "COMMIT");
    else {
        char keep[sizeof st->err];
        memcpy(keep, st->err, sizeof keep);
        (void)pact__db_exec(st, "ROLLBACK");
        snprintf(st->err, sizeof st->err, "the last batch of documents was not stored: %s", keep);
    }
    st->in_txn = false;
    st->pending = 0;
    return rc;
}

/* PostgreSQL plans by its statistics: after a bulk load they say the
 * tables are small until autovacuum comes by, and the queries would scan. */
#define ANALYZE_AFTER 500

int pact_store_batch(pact_store *st, bool on) {
    int rc = PACT_OK;
    if (!on && st->in_txn) rc = batch_commit(st);
    if (!on && rc == PACT_OK && st->pg && st->stored >= ANALYZE_AFTER) {
        rc = pact__db_exec(st, "ANALYZE");
        st->stored = 0;
    }
    st->batch = on;
    st->pending = 0;
    return rc;
}

/* Opens the document's transaction, or its savepoint in batch mode. */
static int doc_begin(pact_store *st) {
    if (!st->batch) return pact__db_begin(st, false);
    if (!st->in_txn) {
        if (pact__db_begin(st, false) != PACT_OK) return PACT_EDB;
        st->in_txn = true;
    }
    copy_mark(st);
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
    if (!ok) copy_drop_doc(st);
    int rc = ok ? pact__db_exec(st, "RELEASE doc")
                : pact__db_exec(st, "ROLLBACK TO doc; RELEASE doc");
    if (rc == PACT_OK && ++st->pending >= BATCH_DOCUMENTS) rc = batch_commit(st);
    return rc;
}

/* ---- PostgreSQL: one round trip for the document's check, one for the rest ----
 *
 * The document's statements go in one pipeline (db.c), so they must not
 * wait for an answer: documents and articles take their ids from the
 * sequences (reserved in blocks), an event's or membership's evidence finds
 * its row by its unique key, and a new event's link is counted in the same
 * statement that inserts it. What is stored is the same as SQLite's. */

static const char *const pg_sql[P_COUNT] = {
    [P_CHECK] = "SELECT (SELECT 1 FROM documents WHERE hash = $1 LIMIT 1), (SELECT max(id) FROM documents WHERE path = $2)",
    [P_DOC] = "INSERT INTO documents(id, hash, path, source_url, ingested_at) VALUES($1, $2, $3, $4, $5)",
    [P_ART] = "INSERT INTO articles(id, doc_id, idx, title, title_start, title_end, published, body_spans, body_text,"
              " notes) VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    [P_SENT] = "INSERT INTO sentences(article_id, start, \"end\", text, folded) VALUES($1, $2, $3, $4, $5)",
    [P_ENT] = "INSERT INTO entities(article_id, actor_id, kind, name, country, text, folded, start, \"end\")"
              " VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    [P_ACTOR] = "INSERT INTO actors(id, kind, name) VALUES($1, $2, $3) ON CONFLICT(id) DO UPDATE SET"
                " name = coalesce(actors.name, excluded.name), kind = coalesce(actors.kind, excluded.kind)",
    [P_EVENT] = "WITH ins AS (INSERT INTO events(source, target, code, family, date, dkey, goldstein, quad)"
                " VALUES($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING RETURNING source, target),"
                " l AS (INSERT INTO links(a, b, n) SELECT LEAST(source, target), GREATEST(source, target), 1 FROM ins"
                " WHERE source <> target ON CONFLICT(a, b) DO UPDATE SET n = links.n + 1)"
                " SELECT count(*) FROM ins",
    [P_EV_EVIDENCE] = "INSERT INTO evidence(event_id, doc_id, article_id, start, \"end\", code, date, modality, place,"
                      " domains) SELECT id, $5::bigint, $6::bigint, $7::bigint, $8::bigint, $9::text, $10::text,"
                      " $11::text, $12::text, $13::text FROM events"
                      " WHERE source = $1 AND target = $2 AND family = $3 AND dkey = $4",
    [P_MS] = "INSERT INTO memberships(org, member, role, since, origin, skey) VALUES($1, $2, $3, $4, 'news', '')"
             " ON CONFLICT DO NOTHING",
    [P_MS_SINCE] = "UPDATE memberships SET since = $4 WHERE org = $1 AND member = $2 AND role = $3"
                   " AND origin = 'news' AND skey = '' AND (since IS NULL OR since > $4)",
    [P_MS_EVIDENCE] = "INSERT INTO evidence(membership_id, doc_id, article_id, start, \"end\", date, role)"
                      " SELECT id, $4::bigint, $5::bigint, $6::bigint, $7::bigint, $8::text, $9::text FROM memberships"
                      " WHERE org = $1 AND member = $2 AND role = $3 AND origin = 'news' AND skey = ''",
};

static pact__stmt *P(pact_store *st, int k) {
    if (!st->pq[k]) {
        st->pq[k] = pact__db_prepare(st, pg_sql[k]);
        if (st->pq[k] && pact__prepare_now(st->pq[k]) != PACT_OK) {
            pact__finalize(st->pq[k]);
            st->pq[k] = NULL;
        }
    }
    if (st->pq[k]) pact__reset(st->pq[k]);
    return st->pq[k];
}

/* Makes sure n ids of documents (k = 0) or articles (1) are reserved. */
static int reserve_ids(pact_store *st, int k, size_t n) {
    if (st->nids[k] - st->next_id[k] >= n) return PACT_OK;
    size_t want = n > 512 ? n : 512;
    char q[160];
    snprintf(q, sizeof q, "SELECT nextval(pg_get_serial_sequence('%s', 'id')) FROM generate_series(1, %zu)",
             k ? "articles" : "documents", want);
    pact__stmt *s = pact__db_prepare(st, q);
    if (!s) return PACT_EDB;
    size_t keep = st->nids[k] - st->next_id[k];
    long long *ids = pact__xmalloc((keep + want) * sizeof *ids);
    if (keep) memcpy(ids, st->ids[k] + st->next_id[k], keep * sizeof *ids);
    size_t got = keep;
    int rc;
    while ((rc = pact__step(s)) == PACT__ROW && got < keep + want) ids[got++] = pact__col_int64(s, 0);
    pact__finalize(s);
    free(st->ids[k]);
    st->ids[k] = ids;
    st->nids[k] = got;
    st->next_id[k] = 0;
    return rc == PACT__DONE && got >= n ? PACT_OK : PACT_EDB;
}

static long long take_id(pact_store *st, int k) { return st->ids[k][st->next_id[k]++]; }

static void pg_actor(pact_store *st, const char *id, const char *kind, const char *name) {
    if (!id || !id[0] || seen_actor(st, id)) return;
    pact__stmt *s = P(st, P_ACTOR);
    if (!s) return;
    pact__bind_text(s, 1, id);
    text_or_null(s, 2, kind);
    text_or_null(s, 3, name);
    (void)pact__pipe_stmt(s, NULL);
}

static void pg_article(pact_store *st, long long doc_id, const char *hash, const pact_record *r,
                       long long *new_events, pact_ingest_stats *stats) {
    long long art = take_id(st, 1);
    pact__stmt *s = P(st, P_ART);
    if (!s) return;
    pact_buf spans, notes;
    pact__bind_int64(s, 1, art);
    bind_article(s, 2, doc_id, r, &spans, &notes);
    (void)pact__pipe_stmt(s, NULL);
    pact_buf_free(&spans);
    pact_buf_free(&notes);
    stats->articles++;

    for (size_t i = 0; i < r->nsentences; i++) {
        const pact_sentence *se = &r->sentences[i];
        char *folded = se->text ? pact_fold(se->text, strlen(se->text)) : NULL;
        if (st->batch) copy_sentence(st, art, se, folded);
        else if ((s = P(st, P_SENT))) {
            bind_sentence(s, art, se, folded);
            (void)pact__pipe_stmt(s, NULL);
        }
        free(folded);
        if (se->text) stats->sentences++;
    }
    for (size_t i = 0; i < r->nentities; i++) {
        const pact_entity *e = &r->entities[i];
        if (!e->id) continue;
        const char *kind = pact_entity_kind_name(e->kind);
        char *folded = e->text ? pact_fold(e->text, strlen(e->text)) : NULL;
        /* A COPY row or a pipelined insert; the actor through the pipeline. */
        if (st->batch) copy_entity(st, art, e, kind, folded);
        else if ((s = P(st, P_ENT))) {
            bind_entity(s, art, e, kind, folded);
            (void)pact__pipe_stmt(s, NULL);
        }
        free(folded);
        pg_actor(st, e->id, kind, e->name);
    }
    for (size_t i = 0; i < r->nevents; i++) {
        const pact_event *e = &r->events[i];
        if (!e->source || !e->target || strlen(e->code) < 2) continue;
        char family[3], dkey[128], domains[256];
        event_keys(e, hash, family, dkey);
        event_domains(e, domains);
        if ((s = P(st, P_EVENT))) {
            bind_event(st, s, e, family, dkey);
            (void)pact__pipe_stmt(s, new_events);
        }
        if ((s = P(st, P_EV_EVIDENCE))) {
            pact__bind_text(s, 1, e->source);
            pact__bind_text(s, 2, e->target);
            pact__bind_text(s, 3, family);
            pact__bind_text(s, 4, dkey);
            pact__bind_int64(s, 5, doc_id);
            pact__bind_int64(s, 6, art);
            pact__bind_int64(s, 7, (long long)e->start);
            pact__bind_int64(s, 8, (long long)e->end);
            pact__bind_text(s, 9, e->code);
            text_or_null(s, 10, e->date);
            pact__bind_text(s, 11, pact_modality_name(e->modality));
            text_or_null(s, 12, e->place);
            text_or_null(s, 13, domains);
            (void)pact__pipe_stmt(s, NULL);
        }
        pg_actor(st, e->source, guess_kind(e->source), NULL);
        pg_actor(st, e->target, guess_kind(e->target), NULL);
        stats->events++;
    }
    for (size_t i = 0; i < r->nmemberships; i++) {
        const pact_membership *m = &r->memberships[i];
        if (!m->org || !m->member) continue;
        const char *role = pact_role_name(m->role);
        if ((s = P(st, P_MS))) {
            pact__bind_text(s, 1, m->org);
            pact__bind_text(s, 2, m->member);
            pact__bind_text(s, 3, role);
            text_or_null(s, 4, m->date);
            (void)pact__pipe_stmt(s, NULL);
        }
        /* The earliest statement dates the fact. */
        if (m->date[0] && m->date[0] != '-' && (s = P(st, P_MS_SINCE))) {
            pact__bind_text(s, 1, m->org);
            pact__bind_text(s, 2, m->member);
            pact__bind_text(s, 3, role);
            pact__bind_text(s, 4, m->date);
            (void)pact__pipe_stmt(s, NULL);
        }
        if ((s = P(st, P_MS_EVIDENCE))) {
            pact__bind_text(s, 1, m->org);
            pact__bind_text(s, 2, m->member);
            pact__bind_text(s, 3, role);
            pact__bind_int64(s, 4, doc_id);
            pact__bind_int64(s, 5, art);
            pact__bind_int64(s, 6, (long long)m->start);
            pact__bind_int64(s, 7, (long long)m->end);
            text_or_null(s, 8, m->date);
            pact__bind_text(s, 9, role);
            (void)pact__pipe_stmt(s, NULL);
        }
        pg_actor(st, m->org, "org", NULL);
        pg_actor(st, m->member, guess_kind(m->member), NULL);
        stats->memberships++;
    }
}

static int ingest_pg(pact_store *st, const char *doc, const char *hash, const char *source_url,
                     const pact_record *recs, size_t n, bool *dup, pact_ingest_stats *stats) {
    /* In a batch, the check runs inside its transaction. */
    if (st->batch && !st->in_txn) {
        if (pact__db_begin(st, false) != PACT_OK) return PACT_EDB;
        st->in_txn = true;
    }
    /* Every statement prepared, and the CAMEO table read, before the
     * pipeline (where nothing waits for an answer). */
    for (int k = 0; k < P_COUNT; k++)
        if (!P(st, k)) return PACT_EDB;
    double g;
    int quad;
    pact_store_cameo(st, NULL, &g, &quad);
    pact__stmt *s = P(st, P_CHECK);
    pact__bind_text(s, 1, hash);
    pact__bind_text(s, 2, doc);
    if (pact__step(s) != PACT__ROW) return PACT_EDB;
    *dup = pact__col_text(s, 0) != NULL;
    long long old = pact__col_int64(s, 1);
    pact__reset(s);
    if (*dup) {
        stats->duplicates++;
        if (st->batch && ++st->pending >= BATCH_DOCUMENTS) return batch_commit(st);
        return PACT_OK;
    }
    /* The older version may still wait for COPY: send it before it goes. */
    if (old && copying(st) && copy_pending(st) && pact__ingest_flush(st) != PACT_OK) return PACT_EDB;
    if (reserve_ids(st, 0, 1) != PACT_OK || reserve_ids(st, 1, n) != PACT_OK) return PACT_EDB;
    if (copying(st)) copy_mark(st);

    pact_ingest_stats tmp = *stats;
    long long new_events = 0;
    if (pact__pipe_begin(st) != PACT_OK) return PACT_EDB;
    (void)pact__pipe_sql(st, st->batch ? "SAVEPOINT doc" : "BEGIN");
    if (old) {
        char del[2600];
        snprintf(del, sizeof del, replace_sql, old);
        /* One statement at a time: a pipeline takes no lists. */
        for (char *p = del, *semi; p && *p; p = semi ? semi + 1 : NULL) {
            semi = strchr(p, ';');
            if (semi) *semi = '\0';
            if (*p) (void)pact__pipe_sql(st, p);
        }
        tmp.replaced++;
    }
    long long doc_id = take_id(st, 0);
    char now[32];
    pact__now(now);
    if ((s = P(st, P_DOC))) {
        pact__bind_int64(s, 1, doc_id);
        pact__bind_text(s, 2, hash);
        pact__bind_text(s, 3, doc);
        text_or_null(s, 4, source_url ? source_url : (n ? recs[0].source_url : NULL));
        pact__bind_text(s, 5, now);
        (void)pact__pipe_stmt(s, NULL);
    } else st->pipe_failed = true;
    for (size_t i = 0; i < n; i++) pg_article(st, doc_id, hash, &recs[i], &new_events, &tmp);
    (void)pact__pipe_sql(st, st->batch ? "RELEASE doc" : "COMMIT");
    int rc = pact__pipe_end(st);
    if (rc == PACT_OK && (copy_full(st))) {
        snprintf(st->err, sizeof st->err, "the document's rows for COPY do not fit in memory");
        rc = PACT_EDB;
    }
    if (rc != PACT_OK) {
        char keep[sizeof st->err];
        memcpy(keep, st->err, sizeof keep);
        forget_actors(st);
        if (st->batch) {
            copy_drop_doc(st);
            (void)pact__db_exec(st, "ROLLBACK TO doc; RELEASE doc");
        } else (void)pact__db_exec(st, "ROLLBACK");
        memcpy(st->err, keep, sizeof keep);
        return PACT_EDB;
    }
    tmp.new_events += (size_t)new_events;
    tmp.documents++;
    st->stored++;
    *stats = tmp;
    if (st->batch && ++st->pending >= BATCH_DOCUMENTS) return batch_commit(st);
    return PACT_OK;
}

int pact_store_ingest(pact_store *st, const char *doc, const char *hash, const char *source_url,
                      const pact_record *recs, size_t n, bool *dup, pact_ingest_stats *stats) {
    *dup = false;
    st->err[0] = '\0';
    if (st->pg) return ingest_pg(st, doc, hash, source_url, recs, n, dup, stats);
    if (doc_begin(st) != PACT_OK) return PACT_EDB;
    pact__stmt *s = Q(st, Q_DOC_FIND);
    int rc = s ? PACT_OK : PACT_EDB;
    if (rc == PACT_OK) {
        pact__bind_text(s, 1, hash);
        int sr = pact__step(s);
        if (sr == PACT__ROW) *dup = true;
        else if (sr != PACT__DONE) rc = PACT_EDB;
        pact__reset(s);
    }
    if (rc == PACT_OK && *dup) {
        stats->duplicates++;
        return doc_end(st, true);
    }
    pact_ingest_stats tmp = *stats;
    /* The same path with new content (a page saved again, records of a newer
     * extractor): the new version replaces the old one. */
    if (rc == PACT_OK) rc = replace_document(st, doc, &tmp);
    long long doc_id = 0;
    if (rc == PACT_OK) {
        char now[32];
        pact__now(now);
        s = Q(st, Q_DOC_INS);
        if (!s) rc = PACT_EDB;
        else {
            pact__bind_text(s, 1, hash);
            pact__bind_text(s, 2, doc);
            text_or_null(s, 3, source_url ? source_url : (n ? recs[0].source_url : NULL));
            pact__bind_text(s, 4, now);
            rc = insert_id(st, s, &doc_id);
        }
    }
    for (size_t i = 0; i < n && rc == PACT_OK; i++) rc = store_article(st, doc_id, hash, &recs[i], &tmp);
    /* A statement left on a row keeps a read snapshot open, and a WAL
     * cannot be checkpointed behind it: it would grow without end. */
    for (size_t i = 0; i < Q_COUNT; i++)
        if (st->q[i]) pact__reset(st->q[i]);
    if (rc == PACT_OK) rc = doc_end(st, true);
    if (rc != PACT_OK) {
        char keep[512];
        snprintf(keep, sizeof keep, "%s", st->err[0] ? st->err : pact_store_errmsg(st));
        if (st->batch && !st->in_txn) {
            /* The batch's commit failed: it is gone already. */
        } else (void)doc_end(st, false);
        snprintf(st->err, sizeof st->err, "%s", keep);
        return PACT_EDB;
    }
    tmp.documents++;
    *stats = tmp;
    return PACT_OK;
}

bool pact_store_has_document(pact_store *st, const char *hash) {
    pact__stmt *s = Q(st, Q_DOC_FIND);
    if (!s) return false;
    pact__bind_text(s, 1, hash);
    bool found = pact__step(s) == PACT__ROW;
    pact__reset(s);
    return found;
}
