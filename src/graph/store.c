/* The store: one SQLite file, its schema and migrations, the meta table, and
 * the reference data (data/alliances.tsv, data/cameo.tsv) loaded into it. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "extract/extract.h"
#include "graph/internal.h"

/* Each migration is one step; user_version says how many have run. Never edit
 * a step once released: add the next one. */
static const struct {
    const char *name;
    const char *sql;
} migrations[] = {
    {"initial schema",
     "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);"
     "CREATE TABLE documents(id INTEGER PRIMARY KEY, hash TEXT NOT NULL UNIQUE, path TEXT NOT NULL,"
     " source_url TEXT, ingested_at TEXT NOT NULL);"
     "CREATE INDEX documents_path ON documents(path);"
     "CREATE TABLE articles(id INTEGER PRIMARY KEY, doc_id INTEGER NOT NULL REFERENCES documents(id),"
     " idx INTEGER NOT NULL, title TEXT, title_start INTEGER, title_end INTEGER, published TEXT,"
     " body_spans TEXT, body_text TEXT, notes TEXT, UNIQUE(doc_id, idx));"
     "CREATE TABLE sentences(id INTEGER PRIMARY KEY, article_id INTEGER NOT NULL REFERENCES articles(id),"
     " start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT);"
     "CREATE INDEX sentences_article ON sentences(article_id, start);"
     "CREATE VIRTUAL TABLE sentences_fts USING fts5(folded, tokenize='unicode61 remove_diacritics 2');"
     "CREATE TABLE actors(id TEXT PRIMARY KEY, kind TEXT, name TEXT, name_vi TEXT);"
     "CREATE TABLE entities(id INTEGER PRIMARY KEY, article_id INTEGER NOT NULL REFERENCES articles(id),"
     " actor_id TEXT NOT NULL, kind TEXT NOT NULL, name TEXT, country TEXT, text TEXT, folded TEXT,"
     " start INTEGER, end INTEGER);"
     "CREATE INDEX entities_actor ON entities(actor_id);"
     "CREATE INDEX entities_folded ON entities(folded);"
     "CREATE INDEX entities_article ON entities(article_id);"
     /* One row per event however many pages report it: same source, target,
      * code family (first two digits) and date. Undated events are kept apart
      * per sentence (dkey). */
     "CREATE TABLE events(id INTEGER PRIMARY KEY, source TEXT NOT NULL, target TEXT NOT NULL,"
     " code TEXT NOT NULL, family TEXT NOT NULL, date TEXT, dkey TEXT NOT NULL,"
     " goldstein REAL, quad INTEGER, UNIQUE(source, target, family, dkey));"
     "CREATE INDEX events_target ON events(target, source);"
     "CREATE INDEX events_date ON events(date);"
     "CREATE TABLE memberships(id INTEGER PRIMARY KEY, org TEXT NOT NULL, member TEXT NOT NULL,"
     " role TEXT NOT NULL, since TEXT, until TEXT, origin TEXT NOT NULL, source TEXT,"
     " skey TEXT NOT NULL DEFAULT '', UNIQUE(org, member, role, origin, skey));"
     "CREATE INDEX memberships_org ON memberships(org, member);"
     "CREATE INDEX memberships_member ON memberships(member);"
     /* Where a fact was read: an event or a membership, the document, the
      * article, the sentence's span, and what that sentence said exactly. */
     "CREATE TABLE evidence(id INTEGER PRIMARY KEY, event_id INTEGER REFERENCES events(id),"
     " membership_id INTEGER REFERENCES memberships(id), doc_id INTEGER NOT NULL REFERENCES documents(id),"
     " article_id INTEGER NOT NULL REFERENCES articles(id), start INTEGER NOT NULL, end INTEGER NOT NULL,"
     " code TEXT, date TEXT, modality TEXT, place TEXT, domains TEXT, role TEXT);"
     "CREATE INDEX evidence_event ON evidence(event_id);"
     "CREATE INDEX evidence_membership ON evidence(membership_id);"
     "CREATE INDEX evidence_article ON evidence(article_id);"
     "CREATE TABLE cameo(code TEXT PRIMARY KEY, name TEXT, goldstein REAL, quad INTEGER);"},
    /* Which actors are linked by events, either direction, and by how many:
     * what path searches walk, small however many events there are. */
    {"links between actors",
     "CREATE TABLE links(a TEXT NOT NULL, b TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY(a, b)) WITHOUT ROWID;"
     "INSERT INTO links(a, b, n) SELECT min(source, target), max(source, target), count(*) FROM events"
     " WHERE source <> target GROUP BY 1, 2;"},
};
#define NMIGRATIONS (sizeof migrations / sizeof migrations[0])

const char *pact_store_errmsg(const pact_store *st) {
    if (!st) return "no store";
    return st->err[0] ? st->err : st->db ? sqlite3_errmsg(st->db) : "no store";
}

int pact__db_exec(pact_store *st, const char *sql) {
    char *err = NULL;
    if (sqlite3_exec(st->db, sql, NULL, NULL, &err) != SQLITE_OK) {
        snprintf(st->err, sizeof st->err, "%s", err ? err : "?");
        sqlite3_free(err);
        return PACT_EDB;
    }
    return PACT_OK;
}

sqlite3_stmt *pact__db_prepare(pact_store *st, const char *sql) {
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
        snprintf(st->err, sizeof st->err, "%s", sqlite3_errmsg(st->db));
        return NULL;
    }
    return s;
}

void pact__now(char out[32]) {
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int migrate(pact_store *st, pact_diag *d) {
    sqlite3_stmt *s = pact__db_prepare(st, "PRAGMA user_version");
    if (!s) return PACT_EDB;
    int version = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int(s, 0) : 0;
    sqlite3_finalize(s);
    if (version > (int)NMIGRATIONS) {
        pact_warn(d, SIZE_MAX, "store schema %d is newer than this pactgraph knows (%zu)", version, NMIGRATIONS);
        return PACT_EDB;
    }
    if (pact__db_exec(st, "CREATE TABLE IF NOT EXISTS migrations(step INTEGER PRIMARY KEY,"
                          " name TEXT NOT NULL, applied_at TEXT NOT NULL)") != PACT_OK)
        return PACT_EDB;
    for (size_t i = (size_t)version; i < NMIGRATIONS; i++) {
        if (pact__db_exec(st, "BEGIN IMMEDIATE") != PACT_OK) return PACT_EDB;
        char now[32], sql[128];
        pact__now(now);
        int rc = pact__db_exec(st, migrations[i].sql);
        if (rc == PACT_OK) {
            s = pact__db_prepare(st, "INSERT INTO migrations(step, name, applied_at) VALUES(?, ?, ?)");
            if (!s) rc = PACT_EDB;
            else {
                sqlite3_bind_int(s, 1, (int)i + 1);
                sqlite3_bind_text(s, 2, migrations[i].name, -1, SQLITE_STATIC);
                sqlite3_bind_text(s, 3, now, -1, SQLITE_TRANSIENT);
                if (sqlite3_step(s) != SQLITE_DONE) rc = PACT_EDB;
                sqlite3_finalize(s);
            }
        }
        snprintf(sql, sizeof sql, "PRAGMA user_version = %zu", i + 1);
        if (rc == PACT_OK) rc = pact__db_exec(st, sql);
        if (rc != PACT_OK) {
            pact_warn(d, SIZE_MAX, "migration %zu (%s) failed: %s", i + 1, migrations[i].name, st->err);
            (void)pact__db_exec(st, "ROLLBACK");
            return PACT_EDB;
        }
        if (pact__db_exec(st, "COMMIT") != PACT_OK) return PACT_EDB;
    }
    return PACT_OK;
}

const char *pact_store_meta(pact_store *st, const char *key) {
    sqlite3_stmt *s = pact__db_prepare(st, "SELECT value FROM meta WHERE key = ?");
    if (!s) return NULL;
    sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
    const char *v = NULL;
    if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0)) {
        snprintf(st->metabuf, sizeof st->metabuf, "%s", (const char *)sqlite3_column_text(s, 0));
        v = st->metabuf;
    }
    sqlite3_finalize(s);
    return v;
}

int pact_store_set_meta(pact_store *st, const char *key, const char *value) {
    sqlite3_stmt *s = pact__db_prepare(st, "INSERT INTO meta(key, value) VALUES(?, ?)"
                                           " ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    if (!s) return PACT_EDB;
    sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, value, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s) == SQLITE_DONE ? PACT_OK : PACT_EDB;
    sqlite3_finalize(s);
    return rc;
}

/* ---- reference data ---- */

static const char *opt(const char *s) { return (s && s[0] && strcmp(s, "-") != 0) ? s : NULL; }

static void bind_opt(sqlite3_stmt *s, int i, const char *v) {
    if (opt(v)) sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
    else sqlite3_bind_null(s, i);
}

static bool valid_date(const char *s) { return !opt(s) || pact_iso_date_shape(s); }

static int load_alliances(pact_store *st, const char *path, const char *data, pact_diag *d) {
    sqlite3_stmt *ins = pact__db_prepare(st, "INSERT OR IGNORE INTO memberships(org, member, role, since, until, origin, source, skey)"
                                             " VALUES(?, ?, ?, ?, ?, 'reference', ?, coalesce(?4, ''))");
    sqlite3_stmt *act = pact__db_prepare(st, "INSERT OR IGNORE INTO actors(id, kind) VALUES(?, ?)");
    if (!ins || !act) {
        sqlite3_finalize(ins);
        sqlite3_finalize(act);
        return PACT_EDB;
    }
    char *copy = pact__xstrdup(data), *save = NULL;
    size_t lineno = 0;
    int rc = PACT_OK;
    /* strtok_r would skip blank lines' numbers; count by hand. */
    for (char *line = copy; line && rc == PACT_OK; line = save) {
        char *nl = strchr(line, '\n');
        save = nl ? nl + 1 : NULL;
        if (nl) *nl = '\0';
        lineno++;
        if (!line[0] || line[0] == '#' || line[0] == '\r') continue;
        char *f[8];
        size_t n = pact_tsv_split(line, f, 8);
        if (n < 3 || strcmp(f[0], "org") == 0) continue; /* header */
        int role = pact_role_parse(f[2]);
        const char *since = n > 3 ? f[3] : NULL, *until = n > 4 ? f[4] : NULL;
        if (role < 0 || !valid_date(since) || !valid_date(until)) {
            pact_warn(d, SIZE_MAX, "%s:%zu: bad reference line (role must be member, partner, candidate or"
                      " not-member; dates YYYY[-MM[-DD]] or -)", path, lineno);
            continue;
        }
        sqlite3_reset(ins);
        sqlite3_bind_text(ins, 1, f[0], -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ins, 2, f[1], -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ins, 3, f[2], -1, SQLITE_TRANSIENT);
        bind_opt(ins, 4, since);
        bind_opt(ins, 5, until);
        bind_opt(ins, 6, n > 5 ? f[5] : NULL);
        if (sqlite3_step(ins) != SQLITE_DONE) rc = PACT_EDB;
        for (int k = 0; k < 2 && rc == PACT_OK; k++) {
            sqlite3_reset(act);
            sqlite3_bind_text(act, 1, k ? f[1] : f[0], -1, SQLITE_TRANSIENT);
            const char *id = k ? f[1] : f[0];
            bool iso3 = strlen(id) == 3;
            for (size_t c = 0; iso3 && c < 3; c++) iso3 = id[c] >= 'A' && id[c] <= 'Z';
            sqlite3_bind_text(act, 2, k == 1 && iso3 ? "country" : "org", -1, SQLITE_STATIC);
            if (sqlite3_step(act) != SQLITE_DONE) rc = PACT_EDB;
        }
    }
    free(copy);
    sqlite3_finalize(ins);
    sqlite3_finalize(act);
    return rc;
}

/* CAMEO quad classes by root code, as GDELT and ICEWS use them. */
static int quad_of_root(int root) {
    if (root >= 1 && root <= 5) return 1;
    if (root >= 6 && root <= 8) return 2;
    if (root >= 9 && root <= 13) return 3;
    if (root >= 14 && root <= 20) return 4;
    return 0;
}

static int load_cameo(pact_store *st, const char *data) {
    sqlite3_stmt *ins = pact__db_prepare(st, "INSERT OR REPLACE INTO cameo(code, name, goldstein, quad) VALUES(?, ?, ?, ?)");
    if (!ins) return PACT_EDB;
    char *copy = pact__xstrdup(data);
    int rc = PACT_OK;
    for (char *line = copy, *next; line && rc == PACT_OK; line = next) {
        char *nl = strchr(line, '\n');
        next = nl ? nl + 1 : NULL;
        if (nl) *nl = '\0';
        if (!line[0] || line[0] == '#' || line[0] < '0' || line[0] > '9') continue;
        char *f[6];
        size_t n = pact_tsv_split(line, f, 6);
        if (n < 3) continue;
        sqlite3_reset(ins);
        sqlite3_bind_text(ins, 1, f[0], -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ins, 2, f[1], -1, SQLITE_TRANSIENT);
        sqlite3_bind_double(ins, 3, atof(f[2]));
        int quad = n > 3 && f[3][0] ? atoi(f[3]) : quad_of_root(atoi((char[]){f[0][0], f[0][1], 0}));
        sqlite3_bind_int(ins, 4, quad);
        if (sqlite3_step(ins) != SQLITE_DONE) rc = PACT_EDB;
    }
    free(copy);
    sqlite3_finalize(ins);
    return rc;
}

/* Actor names from the lexicon files when present (best effort: a missing
 * file only means fewer names). countries.cldr.tsv: ISO3 vi en;
 * orgs.tsv: ID type English forms. */
static int load_names(pact_store *st, const char *dir) {
    static const struct {
        const char *file, *kind;
        int name_col, vi_col;
    } files[] = {{"countries.cldr.tsv", "country", 2, 1}, {"orgs.tsv", "org", 2, 3}};
    sqlite3_stmt *up = pact__db_prepare(st, "INSERT INTO actors(id, kind, name, name_vi) VALUES(?, ?, ?, ?)"
                                            " ON CONFLICT(id) DO UPDATE SET name = excluded.name,"
                                            " name_vi = excluded.name_vi");
    if (!up) return PACT_EDB;
    for (size_t k = 0; k < sizeof files / sizeof files[0]; k++) {
        char path[4200];
        snprintf(path, sizeof path, "%s/%s", dir, files[k].file);
        char *data;
        size_t len;
        if (pact_file_read(path, 16u << 20, &data, &len) != PACT_OK) continue;
        for (char *line = data, *next; line; line = next) {
            char *nl = strchr(line, '\n');
            next = nl ? nl + 1 : NULL;
            if (nl) *nl = '\0';
            if (!line[0] || line[0] == '#') continue;
            char *f[6];
            size_t n = pact_tsv_split(line, f, 6);
            if ((int)n <= files[k].name_col) continue;
            const char *vi = (int)n > files[k].vi_col ? f[files[k].vi_col] : NULL;
            char vbuf[256];
            if (vi) { /* the first of several forms */
                snprintf(vbuf, sizeof vbuf, "%s", vi);
                char *bar = strchr(vbuf, '|');
                if (bar) *bar = '\0';
                vi = vbuf;
            }
            sqlite3_reset(up);
            sqlite3_bind_text(up, 1, f[0], -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(up, 2, files[k].kind, -1, SQLITE_STATIC);
            char nbuf[256]; /* the first of several forms */
            snprintf(nbuf, sizeof nbuf, "%s", f[files[k].name_col]);
            char *nbar = strchr(nbuf, '|');
            if (nbar) *nbar = '\0';
            sqlite3_bind_text(up, 3, nbuf, -1, SQLITE_TRANSIENT);
            bind_opt(up, 4, vi);
            (void)sqlite3_step(up);
        }
        free(data);
    }
    sqlite3_finalize(up);
    return PACT_OK;
}

/* Loads reference data when alliances.tsv or cameo.tsv changed since the
 * last load (their SHA-256 in meta "reference_hash"). */
static int sync_reference(pact_store *st, const char *dir, pact_diag *d) {
    char apath[4200], cpath[4200];
    snprintf(apath, sizeof apath, "%s/alliances.tsv", dir);
    snprintf(cpath, sizeof cpath, "%s/cameo.tsv", dir);
    char *adata = NULL, *cdata = NULL;
    size_t alen = 0, clen = 0;
    if (pact_file_read(apath, 16u << 20, &adata, &alen) != PACT_OK) {
        pact_warn(d, SIZE_MAX, "%s: cannot read reference alliances (members queries will only show news)", apath);
        adata = pact__xstrdup("");
    }
    if (pact_file_read(cpath, 16u << 20, &cdata, &clen) != PACT_OK) {
        pact_warn(d, SIZE_MAX, "%s: cannot read the CAMEO table (no Goldstein scores)", cpath);
        cdata = pact__xstrdup("");
    }
    pact_buf both;
    pact_buf_init(&both, 0);
    int rc = pact_buf_puts(&both, adata);
    if (rc == PACT_OK) rc = pact_buf_puts(&both, "\n--\n");
    if (rc == PACT_OK) rc = pact_buf_puts(&both, cdata);
    char hex[65];
    pact_sha256_hex(both.ptr, both.len, hex);
    pact_buf_free(&both);
    const char *old = pact_store_meta(st, "reference_hash");
    if (rc == PACT_OK && (!old || strcmp(old, hex) != 0)) {
        rc = pact__db_exec(st, "BEGIN IMMEDIATE");
        if (rc == PACT_OK) {
            rc = pact__db_exec(st, "DELETE FROM memberships WHERE origin = 'reference'"
                                   " AND id NOT IN (SELECT membership_id FROM evidence WHERE membership_id IS NOT NULL);"
                                   "DELETE FROM cameo;");
            if (rc == PACT_OK) rc = load_alliances(st, apath, adata, d);
            if (rc == PACT_OK) rc = load_cameo(st, cdata);
            if (rc == PACT_OK) rc = load_names(st, dir);
            /* Scores of stored events follow the table. */
            if (rc == PACT_OK)
                rc = pact__db_exec(st, "UPDATE events SET goldstein = coalesce((SELECT goldstein FROM cameo c WHERE c.code = events.code),"
                                       " (SELECT goldstein FROM cameo c WHERE c.code = events.family)),"
                                       " quad = coalesce((SELECT quad FROM cameo c WHERE c.code = events.code),"
                                       " (SELECT quad FROM cameo c WHERE c.code = events.family))");
            if (rc == PACT_OK) rc = pact_store_set_meta(st, "reference_hash", hex);
            if (rc == PACT_OK) rc = pact__db_exec(st, "COMMIT");
            else (void)pact__db_exec(st, "ROLLBACK");
        }
    }
    free(adata);
    free(cdata);
    return rc;
}

int pact_store_open(const char *path, const char *data_dir, pact_store **out, pact_diag *d) {
    *out = NULL;
    pact_store *st = pact__xcalloc(1, sizeof *st);
    if (sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
        pact_warn(d, SIZE_MAX, "%s: cannot open the store: %s", path, st->db ? sqlite3_errmsg(st->db) : "out of memory");
        pact_store_close(st);
        return PACT_EDB;
    }
    sqlite3_busy_timeout(st->db, 5000);
    int rc = pact__db_exec(st, "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;"
                                 " PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY;");
    if (rc != PACT_OK) {
        pact_warn(d, SIZE_MAX, "%s: not a pactgraph store (%s)", path, st->err);
        pact_store_close(st);
        return PACT_EDB;
    }
    rc = migrate(st, d);
    /* Written only when they change: a query opening the store while an
     * ingest holds the write lock must not wait for it. */
    if (rc == PACT_OK) {
        char ver[64];
        snprintf(ver, sizeof ver, "%d", PACT_STORE_SCHEMA);
        const char *old = pact_store_meta(st, "schema");
        if (!old || strcmp(old, ver) != 0) rc = pact_store_set_meta(st, "schema", ver);
        old = pact_store_meta(st, "pactgraph");
        if (rc == PACT_OK && (!old || strcmp(old, pact_version()) != 0))
            rc = pact_store_set_meta(st, "pactgraph", pact_version());
    }
    if (rc == PACT_OK) rc = sync_reference(st, pact_data_dir(data_dir), d);
    if (rc != PACT_OK) {
        if (st->err[0]) pact_warn(d, SIZE_MAX, "%s: %s", path, st->err);
        pact_store_close(st);
        return rc;
    }
    *out = st;
    return PACT_OK;
}

void pact_store_close(pact_store *st) {
    if (!st) return;
    if (st->in_txn) (void)pact__db_exec(st, "COMMIT");
    pact__ingest_finalize(st);
    if (st->db) sqlite3_close(st->db);
    free(st);
}

void pact_store_cameo(pact_store *st, const char *code, double *goldstein, int *quad) {
    *goldstein = 0;
    *quad = 0;
    if (!st->cameo_stmt)
        st->cameo_stmt = pact__db_prepare(st, "SELECT goldstein, quad FROM cameo WHERE code = ?");
    if (!st->cameo_stmt || !code) return;
    char root[3] = {code[0], code[0] ? code[1] : 0, 0};
    for (int k = 0; k < 2; k++) {
        sqlite3_reset(st->cameo_stmt);
        sqlite3_bind_text(st->cameo_stmt, 1, k ? root : code, -1, SQLITE_TRANSIENT);
        if (sqlite3_step(st->cameo_stmt) == SQLITE_ROW) {
            *goldstein = sqlite3_column_double(st->cameo_stmt, 0);
            *quad = sqlite3_column_int(st->cameo_stmt, 1);
            sqlite3_reset(st->cameo_stmt);
            return;
        }
    }
    sqlite3_reset(st->cameo_stmt);
}
