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

/* Opens a new store (tmpdir/name.db) with the source tree's data/. */
static __attribute__((unused)) pact_store *fixture_store(const char *name) {
    if (!fixture_dir[0]) {
        snprintf(fixture_dir, sizeof fixture_dir, "%s/pact_graph_XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
        if (!mkdtemp(fixture_dir)) {
            perror("mkdtemp");
            exit(1);
        }
        const char *src = getenv("PACT_SOURCE_DIR");
        snprintf(fixture_data, sizeof fixture_data, "%s/data", src ? src : PACT_SOURCE_DATA_DIR "/..");
    }
    char path[512];
    snprintf(path, sizeof path, "%s/%s.db", fixture_dir, name);
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
    sqlite3_stmt *s = NULL;
    long long n = -1;
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
        n = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return n;
}

#endif
