/* Shared by the graph unit tests: a store in a fresh temporary directory,
 * and records written in C (no JSON in between). */
#ifndef PACT_TEST_GRAPH_FIXTURE_H
#define PACT_TEST_GRAPH_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "graph/internal.h"

static char fixture_dir[256];
static char fixture_data[4096];
/* PostgreSQL: PACT_TEST_PG is a key=value conninfo of a server (tests/cli/
 * pg_store.sh starts a throwaway one); each store is a database of its own,
 * dropped at cleanup. Unset: SQLite files in a temporary directory. */
static char fixture_dbs[16][64];
static size_t fixture_ndbs;

static __attribute__((unused)) const char *fixture_pg(void) {
    const char *pg = getenv("PACT_TEST_PG");
    return pg && pg[0] ? pg : NULL;
}

/* Runs one statement on the server's maintenance database. */
static __attribute__((unused)) bool fixture_pg_admin(const char *sql, bool quiet) {
    char conninfo[1024];
    snprintf(conninfo, sizeof conninfo, "%s dbname=postgres", fixture_pg());
    PGconn *c = PQconnectdb(conninfo);
    bool ok = PQstatus(c) == CONNECTION_OK;
    if (ok) {
        PGresult *r = PQexec(c, sql);
        ok = PQresultStatus(r) == PGRES_COMMAND_OK;
        if (!ok && !quiet) fprintf(stderr, "%s: %s", sql, PQresultErrorMessage(r));
        PQclear(r);
    } else fprintf(stderr, "cannot connect to %s: %s", conninfo, PQerrorMessage(c));
    PQfinish(c);
    return ok;
}

/* Where the store called name lives: a file, or a database (created on
 * first use). */
static __attribute__((unused)) void fixture_target(const char *name, char *out, size_t n) {
    if (!fixture_dir[0]) {
        snprintf(fixture_dir, sizeof fixture_dir, "%s/pact_graph_XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
        if (!mkdtemp(fixture_dir)) {
            perror("mkdtemp");
            exit(1);
        }
        const char *src = getenv("PACT_SOURCE_DIR");
        snprintf(fixture_data, sizeof fixture_data, "%s/data", src ? src : PACT_SOURCE_DATA_DIR "/..");
    }
    if (!fixture_pg()) {
        snprintf(out, n, "%s/%s.db", fixture_dir, name);
        return;
    }
    char db[64];
    snprintf(db, sizeof db, "pact_t%ld_%s", (long)getpid(), name);
    bool known = false;
    for (size_t i = 0; i < fixture_ndbs; i++) known |= strcmp(fixture_dbs[i], db) == 0;
    if (!known && fixture_ndbs < 16) {
        char sql[1200];
        snprintf(sql, sizeof sql, "CREATE DATABASE %s", db);
        if (!fixture_pg_admin(sql, false)) exit(1);
        snprintf(fixture_dbs[fixture_ndbs++], sizeof fixture_dbs[0], "%s", db);
    }
    snprintf(out, n, "%s dbname=%s", fixture_pg(), db);
}

/* Opens the store called name (new on first use) with the source tree's data/. */
static __attribute__((unused)) pact_store *fixture_store(const char *name) {
    char path[1200];
    fixture_target(name, path, sizeof path);
    pact_diag d;
    pact_diag_init(&d, path);
    pact_store *st = NULL;
    if (pact_store_open(path, fixture_data, &st, &d) != PACT_OK) {
        fprintf(stderr, "cannot open %s\n", path);
        exit(1);
    }
    return st;
}

static __attribute__((unused)) void fixture_cleanup(void) {
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", fixture_dir);
    if (fixture_dir[0] && system(cmd) != 0) fprintf(stderr, "cannot remove %s\n", fixture_dir);
    for (size_t i = 0; i < fixture_ndbs; i++) {
        char sql[1200];
        snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s WITH (FORCE)", fixture_dbs[i]);
        (void)fixture_pg_admin(sql, false);
    }
    fixture_ndbs = 0;
}

/* A record with one sentence per event, laid out from offset 0. */
typedef struct {
    pact_record rec;
    pact_event ev[8];
    pact_membership ms[4];
    pact_sentence se[12];
} fixture_rec;

static __attribute__((unused)) void fixture_init(fixture_rec *f, const char *doc, int article) {
    memset(f, 0, sizeof *f);
    f->rec.doc = doc;
    f->rec.article = article;
    f->rec.events = f->ev;
    f->rec.memberships = f->ms;
    f->rec.sentences = f->se;
    f->rec.body_text = "";
}

static __attribute__((unused)) size_t fixture_sentence(fixture_rec *f, const char *text) {
    size_t start = f->rec.nsentences ? f->se[f->rec.nsentences - 1].end + 1 : 0;
    pact_sentence *s = &f->se[f->rec.nsentences++];
    s->text = text;
    s->start = start;
    s->end = start + strlen(text);
    return f->rec.nsentences - 1;
}

static __attribute__((unused)) void fixture_event(fixture_rec *f, const char *src, const char *tgt, const char *code, const char *date,
                          const char *sentence) {
    size_t i = fixture_sentence(f, sentence);
    pact_event *e = &f->ev[f->rec.nevents++];
    e->source = src;
    e->target = tgt;
    snprintf(e->code, sizeof e->code, "%s", code);
    snprintf(e->date, sizeof e->date, "%s", date ? date : "");
    e->start = f->se[i].start;
    e->end = f->se[i].end;
}

static __attribute__((unused)) void fixture_membership(fixture_rec *f, const char *org, const char *member, pact_role role, const char *date,
                               const char *sentence) {
    size_t i = fixture_sentence(f, sentence);
    pact_membership *m = &f->ms[f->rec.nmemberships++];
    m->org = org;
    m->member = member;
    m->role = role;
    snprintf(m->date, sizeof m->date, "%s", date ? date : "");
    m->start = f->se[i].start;
    m->end = f->se[i].end;
}

static __attribute__((unused)) long long fixture_count(pact_store *st, const char *sql) {
    pact__stmt *s = pact__db_prepare(st, sql);
    long long n = -1;
    if (s && pact__step(s) == PACT__ROW) n = pact__col_int64(s, 0);
    pact__finalize(s);
    return n;
}

#endif
