/* pactgraph extract: pages in, extraction records (JSON Lines) out. A pure
 * filter: the work per document is the library's (extract/batch.h); this
 * file finds the inputs, writes what comes back, and shows progress. */
#include <dirent.h>
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
#include "page/page.h"

#define MAX_JOBS 256

static void usage(FILE *out) {
    fprintf(out,
            "usage: pactgraph extract [OPTIONS] FILE|DIR|- ...\n"
            "\n"
            "Reads news pages as a scraper saved them (HTML or flattened text, .gz\n"
            "compressed or not, WARC files record by record) and prints one JSON\n"
            "object per article found: title, dateline, body, entities, CAMEO events\n"
            "and memberships, every span in bytes of the original file. The record\n"
            "is described in spec/OUTPUT.md. A directory is read recursively; '-'\n"
            "reads standard input.\n"
            "\n"
            "Options:\n"
            "  --format jsonl    output format (JSON Lines, the only one for now)\n"
            "  --jsonl-input     inputs are JSON Lines, one page per line:\n"
            "                    {\"doc\": NAME, \"text\": PAGE} or {\"doc\": NAME, \"html\": PAGE},\n"
            "                    optional \"url\" and \"date\" (YYYY-MM-DD, used when the\n"
            "                    page states none); spans are byte offsets into PAGE\n"
            "  -j, --jobs N      extract on N threads (default 1); the output is the\n"
            "                    same bytes, in input order\n"
            "  --data DIR        lexicon and pattern data (default: $PACT_DATA_DIR or\n"
            "                    the data/ folder pactgraph was built with)\n"
            "  -q, --quiet       do not print warnings or progress, only errors\n"
            "  -h, --help        show this help\n"
            "\n"
            "Examples:\n"
            "  pactgraph extract samples/ > records.jsonl\n"
            "  pactgraph extract -j 4 pages/ > records.jsonl\n"
            "  pactgraph extract --jsonl-input - < pages.jsonl > records.jsonl\n"
            "  ls pages/*.html | xargs -P 4 -n 100 pactgraph extract -q > records.jsonl\n"
            "\n"
            "It is a pure filter, with no state shared between documents or runs:\n"
            "the same input gives the same bytes, and it can be the map step of a\n"
            "cluster job (Hadoop Streaming, Spark's pipe()) with --jsonl-input -\n"
            "(see docs/CLUSTER.md). Records are written per document in input\n"
            "order; 'pactgraph ingest --records' loads them into the store. When\n"
            "standard error is a terminal a progress line shows documents, MB and\n"
            "MB/s.\n"
            "\n"
            "A file that cannot be read is reported with its path and reason and the\n"
            "others are still processed; the exit status is then 1.\n");
}

typedef struct {
    pact_batch *batch;
    bool quiet, jsonl, progress;
    unsigned failed;
    size_t docs, bytes, articles;
    struct timespec start, last;
    bool progress_shown;
    pact_buf msg;            /* input-level messages, queued in order */
    pact_buf out;            /* records not yet written: whole documents (or parts of whole lines) */
    bool write_failed;
    size_t flush_at;         /* OUT_FLUSH, or 1 when a person reads standard output */
} run_ctx;

#define OUT_FLUSH ((size_t)64 << 10)

/* Writes bytes of whole records to standard output. */
static void out_write(run_ctx *c, const char *p, size_t len) {
    size_t off = 0;
    while (off < len && !c->write_failed) {
        ssize_t w = write(STDOUT_FILENO, p + off, len - off);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) {
            fprintf(stderr, "pactgraph extract: cannot write the records: %s\n", strerror(errno));
            c->write_failed = true;
            c->failed++;
            break;
        }
        off += (size_t)w;
    }
}

/* Writes the pending records with write(2) calls that each hold whole
 * documents, so runs sharing one output file (xargs -P ... > out) never cut
 * each other's lines: Linux serialises writes to a regular file's offset. (A
 * document whose records pass PACT_DOC_FLUSH_BYTES comes, and is written, in
 * parts of whole lines, so that its records need not all be held at once.) */
static void out_flush(run_ctx *c) {
    out_write(c, c->out.ptr, c->out.len);
    pact_buf_truncate(&c->out, 0);
}

static double seconds_since(const struct timespec *t) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t->tv_sec) + (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

static void progress_clear(run_ctx *c) {
    if (c->progress_shown) fputs("\r\033[K", stderr);
    c->progress_shown = false;
}

/* At most four times a second, and only on a terminal. */
static void progress(run_ctx *c) {
    if (!c->progress || seconds_since(&c->last) < 0.25) return;
    clock_gettime(CLOCK_MONOTONIC, &c->last);
    double dt = seconds_since(&c->start);
    double mb = (double)c->bytes / 1e6;
    fprintf(stderr, "\r\033[Kextract: %zu documents, %zu articles, %.1f MB, %.1f MB/s", c->docs, c->articles, mb,
            dt > 0 ? mb / dt : 0.0);
    c->progress_shown = true;
}

/* What one input gave, in input order. */
static void emit(void *user, const char *lines, size_t nlines, const char *msgs, size_t nmsgs, bool failed,
                 size_t input_bytes, size_t articles) {
    run_ctx *c = user;
    if (nmsgs) {
        progress_clear(c);
        out_flush(c);  /* keeps records and messages in order on a terminal */
        fwrite(msgs, 1, nmsgs, stderr);
    }
    if (nlines >= OUT_FLUSH && !c->write_failed) {
        /* large: written as it is, not copied */
        out_flush(c);
        out_write(c, lines, nlines);
    } else if (nlines && !c->write_failed) {
        if (pact_buf_append(&c->out, lines, nlines) != PACT_OK) {
            out_flush(c);
            if (pact_buf_append(&c->out, lines, nlines) != PACT_OK) c->failed++;
        }
        if (c->out.len >= c->flush_at) out_flush(c);
    }
    if (failed) c->failed++;
    if (input_bytes) c->docs++;
    c->bytes += input_bytes;
    c->articles += articles;
    progress(c);
}

/* A message about an input itself, in its place in the order. */
static void input_error(run_ctx *c, const char *path, const char *why) {
    pact_buf_truncate(&c->msg, 0);
    if (pact_buf_printf(&c->msg, "pactgraph extract: %s: %s\n", path, why) != PACT_OK) return;
    pact_batch_add_message(c->batch, c->msg.ptr, c->msg.len, true);
}

/* Warnings about the file as a whole (a WARC record skipped) go in order too. */
static void input_sink(pact_diag *d, const char *msg) {
    run_ctx *c = d->user;
    unsigned limit = d->max_shown ? d->max_shown : 20;
    pact_buf_truncate(&c->msg, 0);
    int rc = PACT_OK;
    if (d->warnings <= limit) rc = pact_buf_printf(&c->msg, "pactgraph: warning: %s\n", msg);
    else if (d->warnings == limit + 1) rc = pact_buf_printf(&c->msg, "pactgraph: %s: more warnings not shown\n", d->path);
    else return;
    if (rc == PACT_OK) pact_batch_add_message(c->batch, c->msg.ptr, c->msg.len, false);
}

static void extract_pages(run_ctx *c, const char *path) {
    pact_diag d;
    pact_diag_init(&d, path);
    d.quiet = c->quiet;
    d.sink = input_sink;
    d.user = c;
    pact_input *in;
    int rc = pact_input_open(path, &in, &d);
    if (rc != PACT_OK) {
        input_error(c, path, pact_strerror(rc));
        return;
    }
    pact_doc doc;
    while ((rc = pact_input_next(in, &doc.doc, &doc.data, &doc.len, &doc.source_url, &doc.date)) > 0)
        pact_batch_add_doc(c->batch, &doc);
    if (rc < 0) input_error(c, path, pact_strerror(rc));
    pact_input_close(in);
}

/* JSON Lines: one page per line; each line is its own document. */
static void extract_jsonl(run_ctx *c, const char *path) {
    bool is_stdin = strcmp(path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f) {
        input_error(c, path, errno == ENOENT ? pact_strerror(PACT_ENOTFOUND) : strerror(errno));
        return;
    }
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    ssize_t n;
    size_t need = strlen(path) + 24;
    char *name = pact__xmalloc(need);
    while ((n = getline(&line, &cap, f)) >= 0) {
        lineno++;
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r')) n--;
        size_t i = 0;
        while (i < (size_t)n && (line[i] == ' ' || line[i] == '\t')) i++;
        if (i == (size_t)n) continue;  /* blank lines separate nothing */
        snprintf(name, need, "%s:%zu", path, lineno);
        pact_batch_add_jsonl(c->batch, line, (size_t)n, name);
    }
    if (ferror(f)) input_error(c, path, strerror(errno));
    free(name);
    free(line);
    if (!is_stdin) fclose(f);
}

static void extract_path(run_ctx *c, const char *path) {
    if (c->jsonl) extract_jsonl(c, path);
    else extract_pages(c, path);
}

static void walk_file(void *user, const char *path) { extract_path(user, path); }

static void walk_error(void *user, const char *path, const char *why) { input_error(user, path, why); }

int pact_cmd_extract(int argc, char **argv) {
    static const struct option opts[] = {
        {"format", required_argument, NULL, 'f'},
        {"data", required_argument, NULL, 'd'},
        {"jobs", required_argument, NULL, 'j'},
        {"jsonl-input", no_argument, NULL, 'J'},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    run_ctx c;
    memset(&c, 0, sizeof c);
    const char *data_dir = NULL;
    unsigned jobs = 1;
    int ch;
    opterr = 0;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "+qhj:", opts, NULL)) != -1) {
        switch (ch) {
        case 'f':
            if (strcmp(optarg, "jsonl") != 0)
                return pact_cli_usage_error("extract", "unknown format '%s' (known: jsonl)", optarg);
            break;
        case 'd': data_dir = optarg; break;
        case 'j': {
            long v;
            if (!pact_cli_number(optarg, 1, MAX_JOBS, &v))
                return pact_cli_usage_error("extract", "-j wants a number of threads from 1 to %d, not '%s'", MAX_JOBS,
                                            optarg);
            jobs = (unsigned)v;
            break;
        }
        case 'J': c.jsonl = true; break;
        case 'q': c.quiet = true; break;
        case 'h': usage(stdout); return PACT_EXIT_OK;
        case ':':
        case '?':
            if (optopt == 'j') return pact_cli_usage_error("extract", "-j wants a number of threads");
            /* fall through */
        default:
            return pact_cli_usage_error("extract", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind >= argc) return pact_cli_usage_error("extract", "no input files (use '-' for standard input)");
    pact_diag d;
    pact_diag_init(&d, pact_data_dir(data_dir));
    pact_extractor *ex;
    int rc = pact_extractor_new(data_dir, &ex, &d);
    if (rc != PACT_OK) {
        fprintf(stderr, "pactgraph extract: cannot load data from %s: %s\n", pact_data_dir(data_dir), pact_strerror(rc));
        return PACT_EXIT_SOME_FAILED;
    }
    c.progress = !c.quiet && isatty(STDERR_FILENO);
    clock_gettime(CLOCK_MONOTONIC, &c.start);
    c.last = c.start;
    pact_buf_init(&c.msg, 0);
    pact_buf_init(&c.out, 0);
    c.flush_at = isatty(STDOUT_FILENO) ? 1 : OUT_FLUSH;
    pact_batch_opts bo;
    memset(&bo, 0, sizeof bo);
    bo.threads = jobs;
    bo.quiet = c.quiet;
    bo.prog = "pactgraph extract";
    bo.emit = emit;
    bo.user = &c;
    c.batch = pact_batch_new(ex, &bo);
    for (int i = optind; i < argc; i++) {
        struct stat st;
        if (strcmp(argv[i], "-") != 0 && stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))
            pact_cli_walk(argv[i], walk_file, walk_error, &c);
        else
            extract_path(&c, argv[i]);
    }
    pact_batch_finish(c.batch);
    out_flush(&c);
    if (c.progress_shown) {
        c.last.tv_sec = 0;  /* the final figures, then a newline */
        progress(&c);
        fputc('\n', stderr);
    }
    pact_buf_free(&c.out);
    pact_buf_free(&c.msg);
    pact_extractor_free(ex);
    return c.failed ? PACT_EXIT_SOME_FAILED : PACT_EXIT_OK;
}
