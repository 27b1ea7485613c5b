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
size_t pact__tsv_split(char *line, char **f, size_t max);
void pact__ingest_finalize(pact_store *st);

#endif
