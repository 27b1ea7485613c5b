/* pactgraph ingest: pages (extracted here) or records (made elsewhere) into
 * the store, one transaction per document. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "extract/batch.h"
#include "extract/extract.h"
#include "graph/graph.h"
#include "page/page.h"

static void usage(FILE *out) {
    fprintf(out,
            "usage: pactgraph ingest [OPTIONS] FILE|DIR ...\n"
            "       pactgraph ingest [OPTIONS] --records RECORDS.jsonl|DIR|- ...\n"
            "\n"
            "Reads news pages (HTML or flattened text, .gz, WARC), extracts their\n"
            "articles, entities, CAMEO events and memberships, and stores them in the\n"
            "SQLite store, one transaction per document. With --records the inputs are\n"
            "extraction records as 'pactgraph extract' prints them (JSON Lines, made\n"
            "on another machine or by a cluster's map step); a directory then means\n"
            "its *.jsonl files.\n"
            "\n"
            "A document already in the store (same content hash) is skipped, so\n"
            "ingesting the same pages twice changes nothing; a document whose content\n"
            "changed (same path) replaces its older version. The same event reported\n"
            "by several pages (same actors, CAMEO root code and date) is stored once,\n"
            "with each report as a piece of evidence. Each document is stored whole or\n"
            "not at all: an ingest that is killed leaves an intact store, and running\n"
            "it again stores the rest.\n"
            "\n"
            "Options:\n"
            "  --db FILE|URL   the store (default: $PACT_DB, else pact.db): an SQLite\n"
            "                  file, or a PostgreSQL database (postgresql://host/db);\n"
            "                  created with the reference alliances of data/alliances.tsv\n"
            "  --records       inputs are JSON Lines records, not pages\n"
            "  --data DIR      lexicon, patterns and reference data (default:\n"
            "                  $PACT_DATA_DIR or the data/ pactgraph was built with)\n"
            "  -q, --quiet     no warnings, no progress line, no summary; errors only\n"
            "  -h, --help      show this help\n"
            "\n"
            "Examples:\n"
            "  pactgraph ingest --db news.db samples/\n"
            "  pactgraph extract pages/ | pactgraph ingest --db news.db --records -\n"
            "\n"
            "A bad input is reported (path and reason) and the others are still\n"
            "stored; the exit status is then 1. The summary goes to standard error\n"
            "(not with -q).\n");
}

/* A set of strings (the documents met in this run's records). */
typedef struct {
    char **slot;
    size_t n, cap;
} str_set;

static size_t str_hash(const char *s) {
    size_t h = 1469598103934665603u;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

/* Adds s; false when it was there already. */
static bool set_add(str_set *set, const char *s) {
    if (set->n * 2 >= set->cap) {
        size_t cap = set->cap ? set->cap * 2 : 1024;
        char **t = pact__xcalloc(cap, sizeof *t);
        for (size_t i = 0; i < set->cap; i++) {
            if (!set->slot[i]) continue;
            size_t h = str_hash(set->slot[i]) & (cap - 1);
            while (t[h]) h = (h + 1) & (cap - 1);
            t[h] = set->slot[i];
        }
        free(set->slot);
        set->slot = t;
        set->cap = cap;
    }
    size_t h = str_hash(s) & (set->cap - 1);
    while (set->slot[h]) {
        if (strcmp(set->slot[h], s) == 0) return false;
        h = (h + 1) & (set->cap - 1);
    }
    set->slot[h] = pact__xstrdup(s);
    set->n++;
    return true;
}

static void set_free(str_set *set) {
    for (size_t i = 0; i < set->cap; i++) free(set->slot[i]);
    free(set->slot);
}

typedef struct {
    str_set docs;           /* --records: documents already met in this run */
    pact_store *st;
    pact_extractor *ex;     /* pages only */
    pact_arena *arena;
    const char *data_dir;
    bool records, quiet, progress;
    pact_ingest_stats stats;
    struct timespec last;
    size_t inputs;
} run_ctx;

static void progress(run_ctx *c, bool force) {
    if (!c->progress) return;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    double dt = (double)(now.tv_sec - c->last.tv_sec) + (double)(now.tv_nsec - c->last.tv_nsec) / 1e9;
    if (!force && dt < 0.2) return;
    c->last = now;
    fprintf(stderr, "\r\033[Kingest: %zu documents, %zu articles, %zu events, %zu memberships",
            c->stats.documents + c->stats.duplicates, c->stats.articles, c->stats.events, c->stats.memberships);
}

static void fail(run_ctx *c, const char *path, const char *fmt, const char *why) {
    if (c->progress) fputs("\r\033[K", stderr);
    fprintf(stderr, "pactgraph ingest: %s: ", path);
    fprintf(stderr, fmt, why);
    fputc('\n', stderr);
    c->stats.failures++;
}

static void store(run_ctx *c, const char *doc, const char *hash, const char *url, pact_record *recs, size_t n) {
    bool dup;
    int rc = pact_store_ingest(c->st, doc, hash, url, recs, n, &dup, &c->stats);
    if (rc != PACT_OK) fail(c, doc, "not stored: %s", pact_store_errmsg(c->st));
    progress(c, false);
}

/* ---- pages ---- */

static void ingest_doc(run_ctx *c, const char *doc, const char *data, size_t len, const char *url, const char *date) {
    char hash[65];
    pact_sha256_hex(data, len, hash);
    if (pact_store_has_document(c->st, hash)) {
        c->stats.duplicates++;
        progress(c, false);
        return;
    }
    pact_diag d;
    pact_diag_init(&d, doc);
    d.quiet = c->quiet;
    pact_doc in = {.doc = doc, .data = data, .len = len, .source_url = url, .date = date};
    pact_page page;
    pact_record *recs;
    size_t n;
    int rc = pact_extract_doc(c->ex, &in, c->arena, &page, &recs, &n, &d);
    c->stats.warnings += d.warnings;
    if (rc != PACT_OK) {
        fail(c, doc, "%s", pact_strerror(rc));
        pact_arena_reset(c->arena);
        return;
    }
    store(c, doc, hash, page.source_url, recs, n);
    pact_page_free(&page);
    pact_arena_reset(c->arena);
}

static void ingest_pages(run_ctx *c, const char *path) {
    pact_diag d;
    pact_diag_init(&d, path);
    d.quiet = c->quiet;
    pact_input *in;
    int rc = pact_input_open(path, &in, &d);
    if (rc != PACT_OK) {
        fail(c, path, "%s", pact_strerror(rc));
        return;
    }
    const char *doc, *data, *url, *date;
    size_t len;
    while ((rc = pact_input_next(in, &doc, &data, &len, &url, &date)) > 0) ingest_doc(c, doc, data, len, url, date);
    if (rc < 0) fail(c, path, "%s", pact_strerror(rc));
    pact_input_close(in);
}

/* ---- records ---- */

typedef struct {
    char *doc;            /* the document the pending records belong to */
    pact_record *recs;    /* malloc'd; each record in its own arena */
    pact_arena **arenas;
    size_t n, cap;
    pact_buf text;        /* their lines, for the content hash */
} pending;

/* Stores the pending records of one document. Its content hash is the
 * document's own bytes when the file is at hand (so a page ingested directly
 * and its records are one document), else the records' text. */
static void flush(run_ctx *c, pending *p, const char *path, size_t lineno) {
    if (!p->doc) return;
    /* A document whose records come back after another's would replace its
     * first part: refuse it rather than lose records. */
    if (!set_add(&c->docs, p->doc)) {
        char why[512];
        snprintf(why, sizeof why, "line %zu: records of %s are not on consecutive lines; not stored (sort the"
                 " records by document)", lineno, p->doc);
        fail(c, path, "%s", why);
        for (size_t i = 0; i < p->n; i++) pact_arena_free(p->arenas[i]);
        p->n = 0;
    }
    if (!p->n) {
        free(p->doc);
        p->doc = NULL;
        pact_buf_truncate(&p->text, 0);
        return;
    }
    char hash[65];
    char *data = NULL;
    size_t len = 0;
    struct stat sb;
    if (stat(p->doc, &sb) == 0 && S_ISREG(sb.st_mode) && pact_file_read(p->doc, PACT_MAX_DOC_BYTES, &data, &len) == PACT_OK)
        pact_sha256_hex(data, len, hash);
    else
        pact_sha256_hex(p->text.ptr ? p->text.ptr : "", p->text.len, hash);
    if (pact_store_has_document(c->st, hash)) {
        c->stats.duplicates++;
        progress(c, false);
    } else {
        for (size_t i = 0; i < p->n; i++) pact_record_fill_sentences(&p->recs[i], data, len, p->arenas[i]);
        store(c, p->doc, hash, NULL, p->recs, p->n);
    }
    free(data);
    free(p->doc);
    p->doc = NULL;
    for (size_t i = 0; i < p->n; i++) pact_arena_free(p->arenas[i]);
    p->n = 0;
    pact_buf_truncate(&p->text, 0);
}

static void ingest_records(run_ctx *c, const char *path) {
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f) {
        fail(c, path, "%s", strerror(errno));
        return;
    }
    pending p;
    memset(&p, 0, sizeof p);
    pact_buf_init(&p.text, 0);
    char *line = NULL;
    size_t lcap = 0, lineno = 0;
    ssize_t n;
    char err[256];
    while ((n = getline(&line, &lcap, f)) >= 0) {
        lineno++;
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r')) line[--n] = '\0';
        if (n == 0) continue;
        pact_record r;
        pact_arena *a = pact_arena_new();
        int rc = pact_record_read_json(line, (size_t)n, a, &r, err, sizeof err);
        if (rc != PACT_OK) {
            char where[64];
            snprintf(where, sizeof where, "line %zu: %%s", lineno);
            fail(c, path, where, err);
            pact_arena_free(a);
            continue;
        }
        /* A document's records are consecutive lines. */
        if (p.doc && strcmp(p.doc, r.doc) != 0) flush(c, &p, path, lineno);
        if (!p.doc) p.doc = pact__xstrdup(r.doc);
        if (p.n == p.cap) {
            p.cap = p.cap ? 2 * p.cap : 8;
            p.recs = pact__xrealloc(p.recs, p.cap * sizeof *p.recs);
            p.arenas = pact__xrealloc(p.arenas, p.cap * sizeof *p.arenas);
        }
        p.recs[p.n] = r;
        p.arenas[p.n++] = a;
        if (pact_buf_append(&p.text, line, (size_t)n) != PACT_OK || pact_buf_putc(&p.text, '\n') != PACT_OK)
            fail(c, path, "%s", "document's records too large");
    }
    flush(c, &p, path, lineno);
    if (ferror(f)) fail(c, path, "%s", strerror(errno));
    free(line);
    free(p.recs);
    free(p.arenas);
    pact_buf_free(&p.text);
    if (f != stdin) fclose(f);
}

static bool ends_with(const char *s, const char *suf) {
    size_t n = strlen(s), m = strlen(suf);
    return n >= m && strcmp(s + n - m, suf) == 0;
}

/* A file met under a directory: pages, or with --records its *.jsonl. */
static void tree_file(void *user, const char *path) {
    run_ctx *c = user;
    if (!c->records) ingest_pages(c, path);
    else if (ends_with(path, ".jsonl")) ingest_records(c, path);
}

static void tree_error(void *user, const char *path, const char *why) { fail(user, path, "%s", why); }

const char *pact_cli_db_path(const char *opt) {
    if (opt) return opt;
    const char *env = getenv("PACT_DB");
    return env && env[0] ? env : "pact.db";
}

int pact_cmd_ingest(int argc, char **argv) {
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'b'},   {"records", no_argument, NULL, 'r'},
        {"data", required_argument, NULL, 'd'}, {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},       {NULL, 0, NULL, 0},
    };
    run_ctx c;
    memset(&c, 0, sizeof c);
    const char *db = NULL;
    int ch;
    opterr = 0;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "qh", opts, NULL)) != -1) {
        switch (ch) {
        case 'b': db = optarg; break;
        case 'r': c.records = true; break;
        case 'd': c.data_dir = optarg; break;
        case 'q': c.quiet = true; break;
        case 'h': usage(stdout); return PACT_EXIT_OK;
        default: return pact_cli_usage_error("ingest", "unknown option or missing value '%s'", argv[optind - 1]);
        }
    }
    if (optind >= argc)
        return pact_cli_usage_error("ingest", "no inputs (files, directories, or '-' with --records)");
    pact_diag d;
    pact_diag_init(&d, pact_cli_db_path(db));
    d.quiet = c.quiet;
    if (pact_store_open(pact_cli_db_path(db), c.data_dir, &c.st, &d) != PACT_OK) {
        fprintf(stderr, "pactgraph ingest: cannot open the store %s\n", pact_cli_db_path(db));
        return PACT_EXIT_SOME_FAILED;
    }
    if (!c.records) {
        pact_diag_init(&d, pact_data_dir(c.data_dir));
        int rc = pact_extractor_new(c.data_dir, &c.ex, &d);
        if (rc != PACT_OK) {
            fprintf(stderr, "pactgraph ingest: cannot load data from %s: %s\n", pact_data_dir(c.data_dir),
                    pact_strerror(rc));
            pact_store_close(c.st);
            return PACT_EXIT_SOME_FAILED;
        }
        /* Which extractor and lexicon made the stored records. */
        if (pact_store_set_meta(c.st, "extractor", pact_version()) != PACT_OK ||
            pact_store_set_meta(c.st, "lexicon", pact_data_dir(c.data_dir)) != PACT_OK)
            fprintf(stderr, "pactgraph ingest: warning: cannot record the extractor version: %s\n",
                    pact_store_errmsg(c.st));
    }
    if (pact_store_batch(c.st, true) != PACT_OK) {
        fprintf(stderr, "pactgraph ingest: %s\n", pact_store_errmsg(c.st));
        pact_store_close(c.st);
        pact_extractor_free(c.ex);
        return PACT_EXIT_SOME_FAILED;
    }
    c.arena = pact_arena_new();
    c.progress = !c.quiet && isatty(2);
    clock_gettime(CLOCK_MONOTONIC, &c.last);
    for (int i = optind; i < argc; i++) {
        struct stat sb;
        bool dir = strcmp(argv[i], "-") != 0 && stat(argv[i], &sb) == 0 && S_ISDIR(sb.st_mode);
        if (dir) pact_cli_walk(argv[i], tree_file, tree_error, &c);
        else if (c.records) ingest_records(&c, argv[i]);
        else ingest_pages(&c, argv[i]);
    }
    if (pact_store_batch(c.st, false) != PACT_OK) {
        fprintf(stderr, "pactgraph ingest: the last documents were not stored: %s\n", pact_store_errmsg(c.st));
        c.stats.failures++;
    }
    if (c.progress) fputs("\r\033[K", stderr);
    const pact_ingest_stats *s = &c.stats;
    if (!c.quiet)
        fprintf(stderr,
            "ingest: %zu pages stored (%zu replacing an older version), %zu already in the store; %zu articles,"
            " %zu events (%zu new), %zu memberships; %u warnings, %zu failures\n",
            s->documents, s->replaced, s->duplicates, s->articles, s->events, s->new_events, s->memberships, s->warnings,
            s->failures);
    pact_arena_free(c.arena);
    pact_extractor_free(c.ex);
    pact_store_close(c.st);
    set_free(&c.docs);
    return s->failures ? PACT_EXIT_SOME_FAILED : PACT_EXIT_OK;
}
