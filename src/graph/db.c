/* The database layer: one statement API over SQLite and PostgreSQL (libpq).
 * PostgreSQL statements run with text parameters; one that runs a second
 * time is prepared on the server then, so one-off queries cost one round
 * trip and the ingest's statements are parsed once. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/internal.h"

/* PostgreSQL type oids (catalog/pg_type.h is a server header). */
#define OID_INT8 20
#define OID_INT2 21
#define OID_INT4 23
#define OID_OID 26
#define OID_FLOAT4 700
#define OID_FLOAT8 701
#define OID_NUMERIC 1700
#define OID_TEXT 25

/* The key of the advisory lock that serialises schema and reference-data
 * changes of one PostgreSQL database ("pact" in ASCII). */
#define STORE_LOCK_KEY 0x70616374

struct pact__stmt {
    pact_store *st;
    sqlite3_stmt *lite;
    /* PostgreSQL */
    char *sql;           /* with $N placeholders */
    int nparams;
    char **vals;         /* text values, NULL = SQL NULL */
    Oid *types, *known;  /* this run's types; the types ever bound (for PQprepare) */
    char name[24];
    bool prepared, ran;
    unsigned runs;
    PGresult *res;
    int row, nrows;
    long long changes;
};

bool pact__db_pg(const pact_store *st) { return st->pg != NULL; }

const char *pact__sql(const pact_store *st, const char *sqlite_sql, const char *pg_sql) {
    return st->pg ? pg_sql : sqlite_sql;
}

static void set_err(pact_store *st, const char *what, const char *msg) {
    snprintf(st->err, sizeof st->err, "%s%s%s", what ? what : "", what ? ": " : "", msg ? msg : "unknown error");
    /* libpq ends its messages with a line break. */
    size_t n = strlen(st->err);
    while (n && (st->err[n - 1] == '\n' || st->err[n - 1] == ' ')) st->err[--n] = '\0';
}

static void pg_err(pact_store *st, const PGresult *r) {
    const char *m = r ? PQresultErrorMessage(r) : NULL;
    set_err(st, NULL, m && m[0] ? m : PQerrorMessage(st->pg));
}

/* ---- SQL spellings ---- */

static const struct {
    const char *from, *to;
} lite_words[] = {{"LEAST(", "min("}, {"GREATEST(", "max("}},
  pg_words[] = {{"GLOB '[0-9][0-9][0-9][0-9]*'", "~ '^[0-9]{4}'"}, {" NOT INDEXED", ""}};

/* SQL texts are short: a buffer of 1 GB cannot fill up. */
static void put(pact_buf *b, const char *p, size_t n) {
    if (pact_buf_append(b, p, n) != PACT_OK) abort();
}

static void replace_all(pact_buf *out, const char *sql, const void *table, size_t n) {
    const struct {
        const char *from, *to;
    } *w = table;
    for (const char *p = sql; *p;) {
        size_t k = 0;
        for (; k < n; k++)
            if (strncmp(p, w[k].from, strlen(w[k].from)) == 0) break;
        if (k < n) {
            put(out, w[k].to, strlen(w[k].to));
            p += strlen(w[k].from);
        } else put(out, p++, 1);
    }
}

/* The statement in the back end's spelling (malloc'd); for PostgreSQL with
 * ? and ?N turned into $N (outside quotes), their count in *nparams. */
static char *spell(const pact_store *st, const char *sql, int *nparams) {
    pact_buf b;
    pact_buf_init(&b, 0);
    if (!st->pg) {
        replace_all(&b, sql, lite_words, sizeof lite_words / sizeof lite_words[0]);
        char *r = pact__xstrdup(b.ptr ? b.ptr : "");
        pact_buf_free(&b);
        return r;
    }
    replace_all(&b, sql, pg_words, sizeof pg_words / sizeof pg_words[0]);
    pact_buf o;
    pact_buf_init(&o, 0);
    int max = 0;
    char quote = 0;
    for (const char *p = b.ptr ? b.ptr : ""; *p; p++) {
        if (quote) {
            if (*p == quote) quote = 0;
            put(&o, p, 1);
        } else if (*p == '\'' || *p == '"') {
            quote = *p;
            put(&o, p, 1);
        } else if (*p == '$' && p[1] >= '0' && p[1] <= '9') {
            /* Already PostgreSQL's spelling (PostgreSQL-only statements). */
            int k = 0;
            put(&o, p, 1);
            while (p[1] >= '0' && p[1] <= '9') {
                k = k * 10 + (p[1] - '0');
                put(&o, ++p, 1);
            }
            if (k > max) max = k;
        } else if (*p == '?') {
            int k = 0;
            while (p[1] >= '0' && p[1] <= '9') k = k * 10 + (*++p - '0');
            if (!k) k = max + 1;
            if (k > max) max = k;
            char num[16];
            snprintf(num, sizeof num, "$%d", k);
            put(&o, num, strlen(num));
        } else put(&o, p, 1);
    }
    pact_buf_free(&b);
    char *r = pact__xstrdup(o.ptr ? o.ptr : "");
    pact_buf_free(&o);
    if (nparams) *nparams = max;
    return r;
}

/* ---- connections ---- */

static void quiet_notice(void *arg, const char *msg) {
    (void)arg;
    (void)msg;
}

bool pact_store_is_url(const char *target) {
    if (!target) return false;
    if (strncmp(target, "postgresql://", 13) == 0 || strncmp(target, "postgres://", 11) == 0) return true;
    /* A conninfo: "dbname=news host=/run/postgresql". */
    size_t k = strspn(target, "abcdefghijklmnopqrstuvwxyz_");
    return k > 0 && target[k] == '=';
}

int pact__db_connect(pact_store *st, const char *target, bool readonly) {
    if (!pact_store_is_url(target)) {
        int flags = readonly ? SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
        if (sqlite3_open_v2(target, &st->db, flags, NULL) != SQLITE_OK) {
            set_err(st, "cannot open the store", st->db ? sqlite3_errmsg(st->db) : "out of memory");
            return PACT_EDB;
        }
        sqlite3_busy_timeout(st->db, 5000);
        return PACT_OK;
    }
    st->pg = PQconnectdb(target);
    if (!st->pg || PQstatus(st->pg) != CONNECTION_OK) {
        set_err(st, "cannot connect to PostgreSQL", st->pg ? PQerrorMessage(st->pg) : "out of memory");
        return PACT_EDB;
    }
    PQsetNoticeProcessor(st->pg, quiet_notice, NULL);
    if (PQsetClientEncoding(st->pg, "UTF8") != 0) {
        set_err(st, "cannot use UTF-8 with this PostgreSQL server", PQerrorMessage(st->pg));
        return PACT_EDB;
    }
    if (readonly) return pact__db_exec(st, "SET default_transaction_read_only = on");
    return PACT_OK;
}

void pact__db_disconnect(pact_store *st) {
    if (st->db) sqlite3_close(st->db);
    if (st->pg) PQfinish(st->pg);
    st->db = NULL;
    st->pg = NULL;
}

int pact__db_exec(pact_store *st, const char *sql) {
    char *text = spell(st, sql, NULL);
    int rc = PACT_OK;
    if (st->pg) {
        PGresult *r = PQexec(st->pg, text);
        ExecStatusType s = PQresultStatus(r);
        if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK) {
            pg_err(st, r);
            rc = PACT_EDB;
        }
        PQclear(r);
    } else {
        char *err = NULL;
        if (sqlite3_exec(st->db, text, NULL, NULL, &err) != SQLITE_OK) {
            set_err(st, NULL, err ? err : sqlite3_errmsg(st->db));
            rc = PACT_EDB;
        }
        sqlite3_free(err);
    }
    free(text);
    return rc;
}

int pact__db_begin(pact_store *st, bool exclusive) {
    if (!st->pg) return pact__db_exec(st, "BEGIN IMMEDIATE");
    char sql[96];
    snprintf(sql, sizeof sql, "BEGIN; SELECT pg_advisory_xact_lock(%d)", STORE_LOCK_KEY);
    return pact__db_exec(st, exclusive ? sql : "BEGIN");
}

/* ---- statements ---- */

pact__stmt *pact__db_prepare(pact_store *st, const char *sql) {
    pact__stmt *s = pact__xcalloc(1, sizeof *s);
    s->st = st;
    char *text = spell(st, sql, &s->nparams);
    if (!st->pg) {
        int rc = sqlite3_prepare_v2(st->db, text, -1, &s->lite, NULL);
        free(text);
        if (rc != SQLITE_OK) {
            set_err(st, NULL, sqlite3_errmsg(st->db));
            free(s);
            return NULL;
        }
        return s;
    }
    /* PostgreSQL reports syntax errors at the first run. */
    s->sql = text;
    size_t n = (size_t)s->nparams + 1;
    s->vals = pact__xcalloc(n, sizeof *s->vals);
    s->types = pact__xcalloc(n, sizeof *s->types);
    s->known = pact__xcalloc(n, sizeof *s->known);
    snprintf(s->name, sizeof s->name, "pact%u", ++st->serial);
    return s;
}

static void clear_rows(pact__stmt *s) {
    if (s->res) PQclear(s->res);
    s->res = NULL;
    s->ran = false;
    s->row = s->nrows = 0;
}

void pact__reset(pact__stmt *s) {
    if (!s) return;
    if (s->lite) {
        sqlite3_reset(s->lite);
        sqlite3_clear_bindings(s->lite);
        return;
    }
    clear_rows(s);
    for (int i = 0; i < s->nparams; i++) {
        free(s->vals[i]);
        s->vals[i] = NULL;
        s->types[i] = 0;
    }
}

void pact__finalize(pact__stmt *s) {
    if (!s) return;
    if (s->lite) sqlite3_finalize(s->lite);
    else {
        pact__reset(s);
        if (s->prepared && s->st->pg && PQstatus(s->st->pg) == CONNECTION_OK) {
            char sql[48];
            snprintf(sql, sizeof sql, "DEALLOCATE %s", s->name);
            PQclear(PQexec(s->st->pg, sql));
        }
        free(s->sql);
        free(s->vals);
        free(s->types);
        free(s->known);
    }
    free(s);
}

static void bind_pg(pact__stmt *s, int i, char *v, Oid type) {
    if (i < 1 || i > s->nparams) {
        free(v);
        return;
    }
    free(s->vals[i - 1]);
    s->vals[i - 1] = v;
    s->types[i - 1] = type;
    if (type) s->known[i - 1] = type;
}

void pact__bind_text(pact__stmt *s, int i, const char *v) {
    if (s->lite) {
        if (v) sqlite3_bind_text(s->lite, i, v, -1, SQLITE_TRANSIENT);
        else sqlite3_bind_null(s->lite, i);
        return;
    }
    bind_pg(s, i, v ? pact__xstrdup(v) : NULL, v ? OID_TEXT : 0);
}

void pact__bind_int64(pact__stmt *s, int i, long long v) {
    if (s->lite) {
        sqlite3_bind_int64(s->lite, i, (sqlite3_int64)v);
        return;
    }
    char buf[24];
    snprintf(buf, sizeof buf, "%lld", v);
    bind_pg(s, i, pact__xstrdup(buf), OID_INT8);
}

void pact__bind_double(pact__stmt *s, int i, double v) {
    if (s->lite) {
        sqlite3_bind_double(s->lite, i, v);
        return;
    }
    char buf[40];
    snprintf(buf, sizeof buf, "%.17g", v);
    bind_pg(s, i, pact__xstrdup(buf), OID_FLOAT8);
}

void pact__bind_null(pact__stmt *s, int i) {
    if (s->lite) sqlite3_bind_null(s->lite, i);
    else bind_pg(s, i, NULL, 0);
}

static PGresult *run_pg(pact__stmt *s) {
    PGconn *c = s->st->pg;
    const char *const *vals = (const char *const *)s->vals;
    if (s->runs >= 1 && !s->prepared) {
        /* The second run: worth a server-side plan. */
        PGresult *p = PQprepare(c, s->name, s->sql, s->nparams, s->known);
        if (PQresultStatus(p) != PGRES_COMMAND_OK) return p;
        PQclear(p);
        s->prepared = true;
    }
    if (s->prepared) return PQexecPrepared(c, s->name, s->nparams, vals, NULL, NULL, 0);
    return PQexecParams(c, s->sql, s->nparams, s->types, vals, NULL, NULL, 0);
}

int pact__step(pact__stmt *s) {
    if (!s) return PACT_EDB;
    if (s->lite) {
        int rc = sqlite3_step(s->lite);
        if (rc == SQLITE_ROW) return PACT__ROW;
        if (rc == SQLITE_DONE) {
            s->changes = sqlite3_changes(s->st->db);
            return PACT__DONE;
        }
        set_err(s->st, NULL, sqlite3_errmsg(s->st->db));
        return PACT_EDB;
    }
    if (!s->ran) {
        clear_rows(s);
        s->res = run_pg(s);
        ExecStatusType t = PQresultStatus(s->res);
        if (t != PGRES_TUPLES_OK && t != PGRES_COMMAND_OK) {
            pg_err(s->st, s->res);
            clear_rows(s);
            return PACT_EDB;
        }
        s->ran = true;
        s->runs++;
        s->row = -1;
        s->nrows = t == PGRES_TUPLES_OK ? PQntuples(s->res) : 0;
        s->changes = atoll(PQcmdTuples(s->res));
    }
    if (s->row + 1 < s->nrows) {
        s->row++;
        return PACT__ROW;
    }
    s->row = s->nrows;
    return PACT__DONE;
}

long long pact__changes(const pact__stmt *s) { return s ? s->changes : 0; }

long long pact__db_last_id(pact_store *st) { return st->db ? (long long)sqlite3_last_insert_rowid(st->db) : 0; }

static bool pg_null(const pact__stmt *s, int i) {
    return !s->res || s->row < 0 || s->row >= s->nrows || i >= PQnfields(s->res) || PQgetisnull(s->res, s->row, i);
}

const char *pact__col_text(pact__stmt *s, int i) {
    if (s->lite) return (const char *)sqlite3_column_text(s->lite, i);
    return pg_null(s, i) ? NULL : PQgetvalue(s->res, s->row, i);
}

size_t pact__col_bytes(pact__stmt *s, int i) {
    if (s->lite) {
        (void)sqlite3_column_text(s->lite, i);
        return (size_t)sqlite3_column_bytes(s->lite, i);
    }
    return pg_null(s, i) ? 0 : (size_t)PQgetlength(s->res, s->row, i);
}

long long pact__col_int64(pact__stmt *s, int i) {
    if (s->lite) return sqlite3_column_int64(s->lite, i);
    const char *v = pact__col_text(s, i);
    return v ? strtoll(v, NULL, 10) : 0;
}

int pact__col_int(pact__stmt *s, int i) { return (int)pact__col_int64(s, i); }

double pact__col_double(pact__stmt *s, int i) {
    if (s->lite) return sqlite3_column_double(s->lite, i);
    const char *v = pact__col_text(s, i);
    return v ? strtod(v, NULL) : 0;
}

int pact__col_kind(pact__stmt *s, int i) {
    if (s->lite) {
        switch (sqlite3_column_type(s->lite, i)) {
        case SQLITE_NULL: return PACT__NULL;
        case SQLITE_INTEGER: return PACT__INT;
        case SQLITE_FLOAT: return PACT__FLOAT;
        default: return PACT__TEXT;
        }
    }
    if (pg_null(s, i)) return PACT__NULL;
    switch (PQftype(s->res, i)) {
    case OID_INT2:
    case OID_INT4:
    case OID_INT8:
    case OID_OID: return PACT__INT;
    case OID_FLOAT4:
    case OID_FLOAT8: return PACT__FLOAT;
    case OID_NUMERIC: return strchr(PQgetvalue(s->res, s->row, i), '.') ? PACT__FLOAT : PACT__INT;
    default: return PACT__TEXT;
    }
}

/* ---- bulk load ---- */

int pact__db_copy(pact_store *st, const char *copy_sql, const char *data, size_t len) {
    if (!st->pg) {
        set_err(st, NULL, "COPY needs PostgreSQL");
        return PACT_EDB;
    }
    PGresult *r = PQexec(st->pg, copy_sql);
    if (PQresultStatus(r) != PGRES_COPY_IN) {
        pg_err(st, r);
        PQclear(r);
        return PACT_EDB;
    }
    PQclear(r);
    int rc = PACT_OK;
    /* libpq takes at most INT_MAX bytes a call. */
    for (size_t off = 0; off < len && rc == PACT_OK;) {
        size_t n = len - off > (1u << 30) ? (1u << 30) : len - off;
        if (PQputCopyData(st->pg, data + off, (int)n) != 1) {
            set_err(st, "COPY", PQerrorMessage(st->pg));
            rc = PACT_EDB;
        }
        off += n;
    }
    if (PQputCopyEnd(st->pg, rc == PACT_OK ? NULL : "pactgraph gave up") != 1 && rc == PACT_OK) {
        set_err(st, "COPY", PQerrorMessage(st->pg));
        rc = PACT_EDB;
    }
    while ((r = PQgetResult(st->pg))) {
        if (PQresultStatus(r) != PGRES_COMMAND_OK && rc == PACT_OK) {
            pg_err(st, r);
            rc = PACT_EDB;
        }
        PQclear(r);
    }
    return rc;
}

/* ---- pipeline ---- */

/* Answers are read every this many statements: a client that only sends
 * could fill the server's output and wait for it forever. */
#define PIPE_WINDOW 256

int pact__prepare_now(pact__stmt *s) {
    if (!s || !s->st->pg) return s ? PACT_OK : PACT_EDB;
    if (s->prepared) return PACT_OK;
    PGresult *p = PQprepare(s->st->pg, s->name, s->sql, s->nparams, s->known);
    int rc = PQresultStatus(p) == PGRES_COMMAND_OK ? PACT_OK : PACT_EDB;
    if (rc != PACT_OK) pg_err(s->st, p);
    PQclear(p);
    s->prepared = rc == PACT_OK;
    return rc;
}

int pact__pipe_begin(pact_store *st) {
    st->pipe_n = 0;
    st->pipe_failed = false;
    if (PQenterPipelineMode(st->pg) != 1) {
        set_err(st, "cannot enter pipeline mode", PQerrorMessage(st->pg));
        return PACT_EDB;
    }
    return PACT_OK;
}

/* Reads the answers of the statements sent since the last sync. */
static void pipe_drain(pact_store *st) {
    if (PQpipelineSync(st->pg) != 1) {
        if (!st->pipe_failed) set_err(st, "pipeline", PQerrorMessage(st->pg));
        st->pipe_failed = true;
        return;
    }
    for (size_t i = 0; i <= st->pipe_n; i++) {
        PGresult *r;
        while ((r = PQgetResult(st->pg))) {
            ExecStatusType t = PQresultStatus(r);
            if (t == PGRES_PIPELINE_SYNC) {
                PQclear(r);
                i = st->pipe_n; /* the sync closes the window */
                break;
            }
            if (t == PGRES_TUPLES_OK && i < st->pipe_n && st->pipe_counts[i] && PQntuples(r) > 0)
                *st->pipe_counts[i] += atoll(PQgetvalue(r, 0, 0));
            else if (t != PGRES_TUPLES_OK && t != PGRES_COMMAND_OK && t != PGRES_PIPELINE_ABORTED && !st->pipe_failed) {
                pg_err(st, r);
                st->pipe_failed = true;
            }
            PQclear(r);
        }
        if (!r && PQstatus(st->pg) != CONNECTION_OK) {
            if (!st->pipe_failed) set_err(st, "connection lost", PQerrorMessage(st->pg));
            st->pipe_failed = true;
            break;
        }
    }
    st->pipe_n = 0;
}

static void pipe_sent(pact_store *st, int ok, long long *count) {
    if (!ok) {
        if (!st->pipe_failed) set_err(st, "pipeline", PQerrorMessage(st->pg));
        st->pipe_failed = true;
        return;
    }
    if (st->pipe_n == st->pipe_cap) {
        st->pipe_cap = st->pipe_cap ? 2 * st->pipe_cap : PIPE_WINDOW + 1;
        st->pipe_counts = pact__xrealloc(st->pipe_counts, st->pipe_cap * sizeof *st->pipe_counts);
    }
    st->pipe_counts[st->pipe_n++] = count;
    if (st->pipe_n >= PIPE_WINDOW) pipe_drain(st);
}

int pact__pipe_stmt(pact__stmt *s, long long *count) {
    pact_store *st = s->st;
    if (!s->prepared && pact__prepare_now(s) != PACT_OK) {
        st->pipe_failed = true;
        return PACT_EDB;
    }
    int ok = PQsendQueryPrepared(st->pg, s->name, s->nparams, (const char *const *)s->vals, NULL, NULL, 0);
    pipe_sent(st, ok, count);
    pact__reset(s);
    return st->pipe_failed ? PACT_EDB : PACT_OK;
}

int pact__pipe_sql(pact_store *st, const char *sql) {
    int ok = PQsendQueryParams(st->pg, sql, 0, NULL, NULL, NULL, NULL, 0);
    pipe_sent(st, ok, NULL);
    return st->pipe_failed ? PACT_EDB : PACT_OK;
}

int pact__pipe_end(pact_store *st) {
    pipe_drain(st);
    PGresult *r;
    /* Whatever is left (after a lost connection) before leaving the mode. */
    for (int k = 0; k < 8 && PQexitPipelineMode(st->pg) != 1; k++)
        while ((r = PQgetResult(st->pg))) PQclear(r);
    return st->pipe_failed ? PACT_EDB : PACT_OK;
}

/* ---- schema version ---- */

int pact__db_schema_version(pact_store *st) {
    const char *sql = st->pg ? "SELECT to_regclass('migrations') IS NOT NULL" : "PRAGMA user_version";
    pact__stmt *s = pact__db_prepare(st, sql);
    int v = -1;
    if (s && pact__step(s) == PACT__ROW) {
        if (!st->pg) v = pact__col_int(s, 0);
        else {
            const char *t = pact__col_text(s, 0);
            v = t && t[0] == 't' ? -2 : 0;
        }
    }
    pact__finalize(s);
    if (v == -2) {
        s = pact__db_prepare(st, "SELECT coalesce(max(step), 0) FROM migrations");
        v = s && pact__step(s) == PACT__ROW ? pact__col_int(s, 0) : -1;
        pact__finalize(s);
    }
    return v;
}
