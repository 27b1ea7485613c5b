/*
 * The database under the store: SQLite (a file) or PostgreSQL (a server,
 * given as postgresql://... or a key=value conninfo), behind one small
 * interface. Statements are written once, in SQL both accept, with `?` or
 * `?N` placeholders (rewritten to $N for PostgreSQL); the few spellings that
 * differ are rewritten here (LEAST/GREATEST are SQLite's min/max, a GLOB on
 * four leading digits is a regular expression in PostgreSQL), and the rest
 * of the differences (DDL, full-text search) are chosen with pact__sql().
 *
 * Values are bound and read as text, 64-bit integers and doubles. A
 * statement's result is read row by row with pact__step; column values stay
 * valid until the next step, reset or finalize.
 */
#ifndef PACT_GRAPH_DB_H
#define PACT_GRAPH_DB_H

#include <stdbool.h>
#include <stddef.h>

typedef struct pact_store pact_store;
typedef struct pact__stmt pact__stmt;

/* pact__step's answers (errors are PACT_EDB, with the message in the store). */
enum { PACT__DONE = 0, PACT__ROW = 1 };

/* Column kinds, for writers that keep the stored type (JSON numbers). */
enum { PACT__NULL, PACT__INT, PACT__FLOAT, PACT__TEXT };

/* Connects st to target: a PostgreSQL URL or conninfo, else an SQLite
 * file (created unless readonly). On failure the message is in st->err. */
int pact__db_connect(pact_store *st, const char *target, bool readonly);
void pact__db_disconnect(pact_store *st);
/* True when st talks to PostgreSQL. */
bool pact__db_pg(const pact_store *st);
/* The SQLite or the PostgreSQL spelling of a statement. */
const char *pact__sql(const pact_store *st, const char *sqlite_sql, const char *pg_sql);

/* Runs one or more statements without parameters. */
int pact__db_exec(pact_store *st, const char *sql);
/* Opens a write transaction: SQLite takes the write lock at once;
 * PostgreSQL also takes the store's advisory lock when `exclusive` (schema
 * and reference data changes, which two processes must not do together). */
int pact__db_begin(pact_store *st, bool exclusive);

pact__stmt *pact__db_prepare(pact_store *st, const char *sql);
void pact__finalize(pact__stmt *s);
/* Forgets the last run's rows and all bindings. */
void pact__reset(pact__stmt *s);
/* Binds parameter i (from 1). pact__bind_text copies v; NULL binds SQL NULL. */
void pact__bind_text(pact__stmt *s, int i, const char *v);
void pact__bind_int64(pact__stmt *s, int i, long long v);
void pact__bind_double(pact__stmt *s, int i, double v);
void pact__bind_null(pact__stmt *s, int i);
/* Runs the statement (first call) and moves to the next row. */
int pact__step(pact__stmt *s);
/* SQLite: the rowid of the last row inserted. */
long long pact__db_last_id(pact_store *st);
/* Rows changed by the last run of an INSERT, UPDATE or DELETE. */
long long pact__changes(const pact__stmt *s);

const char *pact__col_text(pact__stmt *s, int i); /* NULL for SQL NULL */
size_t pact__col_bytes(pact__stmt *s, int i);
long long pact__col_int64(pact__stmt *s, int i);
int pact__col_int(pact__stmt *s, int i);
double pact__col_double(pact__stmt *s, int i);
int pact__col_kind(pact__stmt *s, int i);

/* PostgreSQL only: COPY table(columns) FROM STDIN with rows in COPY's text
 * format (tab-separated, \N for NULL, see pact__copy_field). */
int pact__db_copy(pact_store *st, const char *copy_sql, const char *data, size_t len);

/* PostgreSQL pipeline: statements sent without waiting for their answers
 * (one round trip for a whole document). pact__prepare_now prepares a
 * statement on the server first (pipelines send prepared statements only);
 * pact__pipe_stmt sends it with its current bindings (then reset it), and
 * pact__pipe_sql a statement without parameters. A statement sent with
 * count set adds the integer of its answer's first cell to *count.
 * pact__pipe_end waits for all answers and leaves pipeline mode: PACT_OK, or
 * PACT_EDB with the first error in st->err (what followed it was skipped). */
int pact__prepare_now(pact__stmt *s);
int pact__pipe_begin(pact_store *st);
int pact__pipe_stmt(pact__stmt *s, long long *count);
int pact__pipe_sql(pact_store *st, const char *sql);
int pact__pipe_end(pact_store *st);

/* The store's schema version (0 for an empty database, -1 on error). */
int pact__db_schema_version(pact_store *st);

#endif
