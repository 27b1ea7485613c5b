/* What the graph's files share: the store handle, the database layer
 * (db.h) and small query helpers. */
#ifndef PACT_GRAPH_INTERNAL_H
#define PACT_GRAPH_INTERNAL_H

#include <libpq-fe.h>
#include <sqlite3.h>

#include "graph/db.h"
#include "graph/graph.h"

/* Rows waiting for one COPY (PostgreSQL batch ingest): a table's rows in
 * COPY text format, and where the current document's rows begin (a failed
 * document drops its own). */
typedef struct {
    pact_buf rows;
    size_t doc_mark;
    bool ready, full;
} pact__copybuf;

struct pact_store {
    sqlite3 *db;            /* an SQLite store, or NULL */
    PGconn *pg;             /* a PostgreSQL store, or NULL */
    unsigned serial;        /* names of server-side prepared statements */
    char err[512];
    char metabuf[512];
    /* the CAMEO table, read on first use (store.c) */
    void *cameo;
    size_t ncameo;
    bool cameo_loaded;
    /* ingest statements, prepared on first use */
    pact__stmt *q[16];
    pact__stmt *pq[16]; /* PostgreSQL's (pipelined) */
    /* batch mode: documents are savepoints inside a longer transaction */
    bool batch, in_txn;
    unsigned pending;
    size_t stored; /* documents stored since the last ANALYZE (PostgreSQL) */
    /* PostgreSQL batch mode: sentences, entities and evidence go by COPY */
    pact__copybuf copy_sentences, copy_entities;
    /* PostgreSQL pipeline (db.c): where each sent statement's count goes */
    long long **pipe_counts;
    size_t pipe_n, pipe_cap;
    bool pipe_failed;
    /* PostgreSQL ingest: ids taken from the sequences in blocks */
    long long *ids[2];
    size_t nids[2], next_id[2];
    /* actor ids already upserted by this handle (open addressing) */
    char **seen;
    size_t nseen, seen_cap;
};

void pact__now(char out[32]);
void pact__ingest_finalize(pact_store *st);
/* Sends the rows waiting for COPY (PostgreSQL batch mode). */
int pact__ingest_flush(pact_store *st);

/* Query helpers (query.c). Column text copied into arena, NULL for SQL NULL. */
const char *pact__col(pact_arena *arena, pact__stmt *s, int i);
/* Grows an arena array to hold one more (copying: arenas do not realloc). */
void *pact__grow(pact_arena *arena, void *arr, size_t n, size_t *cap, size_t size);
/* The last day a date of the --at options means ("2023" -> 2023-12-31,
 * "2023-04" -> 2023-04-31, enough for text comparison) (query.c). */
void pact__date_ceiling(const char *at, char out[11]);

/* From when membership m (alias m) is known: its start date, or for a news
 * fact with none, the day of the first article that reported it (NULL when
 * that is unknown too). `members --at` and the graph view's slider use it, so
 * an undated fact does not reach back before anyone wrote it. */
#define PACT__MEMBERSHIP_FROM                                                                   \
    "coalesce(m.since, (SELECT min(substr(a.published, 1, 10)) FROM evidence e"                 \
    " JOIN articles a ON a.id = e.article_id WHERE e.membership_id = m.id))"

/* A piece of evidence e (with EVIDENCE_JOINS) as EVIDENCE_COLS select it,
 * from column c on. */
#define PACT__EVIDENCE_COLS                                                                     \
    "d.path, a.idx, e.start, e.\"end\", (SELECT s.text FROM sentences s WHERE s.article_id = e.article_id" \
    " AND s.start = e.start LIMIT 1)"
#define PACT__EVIDENCE_JOINS " JOIN documents d ON d.id = e.doc_id JOIN articles a ON a.id = e.article_id"
void pact__read_evidence(pact_arena *arena, pact__stmt *s, int c, pact_evidence *ev);
/* A sum of Goldstein scores without the noise of the order it was added
 * up in (which differs between SQLite and PostgreSQL): to 1e-6. */
double pact__tidy(double sum);
/* The store's error as PACT_EDB (for a failed step). */
int pact__db_error(pact_store *st);

#endif
