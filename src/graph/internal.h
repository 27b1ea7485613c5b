/* What the graph's files share: the store handle and small SQLite helpers. */
#ifndef PACT_GRAPH_INTERNAL_H
#define PACT_GRAPH_INTERNAL_H

#include <sqlite3.h>

#include "graph/graph.h"

struct pact_store {
    sqlite3 *db;
    char err[512];
    char metabuf[512];
    sqlite3_stmt *cameo_stmt;
    /* ingest statements, prepared on first use */
    sqlite3_stmt *q[16];
    /* batch mode: documents are savepoints inside a longer transaction */
    bool batch, in_txn;
    unsigned pending;
    /* actor ids already upserted by this handle (open addressing) */
    char **seen;
    size_t nseen, seen_cap;
};

int pact__db_exec(pact_store *st, const char *sql);
sqlite3_stmt *pact__db_prepare(pact_store *st, const char *sql);
void pact__now(char out[32]);
void pact__ingest_finalize(pact_store *st);

/* Query helpers (query.c). Column text copied into arena, NULL for SQL NULL. */
const char *pact__col(pact_arena *arena, sqlite3_stmt *s, int i);
/* Grows an arena array to hold one more (copying: arenas do not realloc). */
void *pact__grow(pact_arena *arena, void *arr, size_t n, size_t *cap, size_t size);
/* A piece of evidence e (with EVIDENCE_JOINS) as EVIDENCE_COLS select it,
 * from column c on. */
#define PACT__EVIDENCE_COLS                                                                     \
    "d.path, a.idx, e.start, e.end, (SELECT s.text FROM sentences s WHERE s.article_id = e.article_id" \
    " AND s.start = e.start LIMIT 1)"
#define PACT__EVIDENCE_JOINS " JOIN documents d ON d.id = e.doc_id JOIN articles a ON a.id = e.article_id"
void pact__read_evidence(pact_arena *arena, sqlite3_stmt *s, int c, pact_evidence *ev);

#endif
