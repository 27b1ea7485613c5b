/* pactgraph extract: pages in, extraction records (JSON Lines) out. */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "extract/extract.h"
#include "page/page.h"

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
            "  --data DIR        lexicon and pattern data (default: $PACT_DATA_DIR or\n"
            "                    the data/ folder pactgraph was built with)\n"
            "  -q, --quiet       do not print warnings, only errors\n"
            "  -h, --help        show this help\n"
            "\n"
            "Example:\n"
            "  pactgraph extract samples/ > records.jsonl\n"
            "\n"
            "A file that cannot be read is reported with its path and reason and the\n"
            "others are still processed; the exit status is then 1.\n");
}

typedef struct {
    pact_extractor *ex;
    pact_arena *arena;
    pact_buf out;
    bool quiet;
    unsigned failed;
} run_ctx;

static void extract_doc(run_ctx *c, const char *doc, const char *data, size_t len,
                        const char *url, const char *date) {
    pact_diag d;
    pact_diag_init(&d, doc);
    d.quiet = c->quiet;
    pact_page page;
    int rc = pact_page_read(doc, data, len, &page, &d);
    if (rc != PACT_OK) {
        fprintf(stderr, "pactgraph extract: %s: %s\n", doc, pact_strerror(rc));
        c->failed++;
        return;
    }
    if (url && !page.source_url) page.source_url = url;
    if (date && date[0] && !page.fallback_date[0]) snprintf(page.fallback_date, sizeof page.fallback_date, "%s", date);
    pact_record *recs;
    size_t n = pact_extract_page(c->ex, &page, c->arena, &recs, &d);
    for (size_t i = 0; i < n; i++) {
        pact_buf_truncate(&c->out, 0);
        if (pact_record_write_json(&recs[i], &c->out) != PACT_OK) {
            fprintf(stderr, "pactgraph extract: %s: article %zu: record too large\n", doc, i);
            c->failed++;
            continue;
        }
        fwrite(c->out.ptr, 1, c->out.len, stdout);
    }
    pact_page_free(&page);
    pact_arena_reset(c->arena);
}

static void extract_path(run_ctx *c, const char *path) {
    pact_diag d;
    pact_diag_init(&d, path);
    d.quiet = c->quiet;
    pact_input *in;
    int rc = pact_input_open(path, &in, &d);
    if (rc != PACT_OK) {
        fprintf(stderr, "pactgraph extract: %s: %s\n", path, pact_strerror(rc));
        c->failed++;
        return;
    }
    const char *doc, *data, *url, *date;
    size_t len;
    while ((rc = pact_input_next(in, &doc, &data, &len, &url, &date)) > 0)
        extract_doc(c, doc, data, len, url, date);
    if (rc < 0) {
        fprintf(stderr, "pactgraph extract: %s: %s\n", path, pact_strerror(rc));
        c->failed++;
    }
    pact_input_close(in);
}

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Files of a directory, recursively, in name order (for reproducible output). */
static void extract_tree(run_ctx *c, const char *dir) {
    DIR *dh = opendir(dir);
    if (!dh) {
        fprintf(stderr, "pactgraph extract: %s: %s\n", dir, strerror(errno));
        c->failed++;
        return;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(dh))) {
        if (e->d_name[0] == '.') continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            names = pact__xrealloc(names, cap * sizeof *names);
        }
        names[n++] = pact__xstrdup(e->d_name);
    }
    closedir(dh);
    qsort(names, n, sizeof *names, cmp_str);
    for (size_t i = 0; i < n; i++) {
        size_t need = strlen(dir) + strlen(names[i]) + 2;
        char *p = pact__xmalloc(need);
        snprintf(p, need, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", names[i]);
        struct stat st;
        if (stat(p, &st) == 0 && S_ISDIR(st.st_mode)) extract_tree(c, p);
        else extract_path(c, p);
        free(p);
        free(names[i]);
    }
    free(names);
}

int pact_cmd_extract(int argc, char **argv) {
    static const struct option opts[] = {
        {"format", required_argument, NULL, 'f'},
        {"data", required_argument, NULL, 'd'},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    run_ctx c;
    memset(&c, 0, sizeof c);
    const char *data_dir = NULL;
    int ch;
    opterr = 0;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "+qh", opts, NULL)) != -1) {
        switch (ch) {
        case 'f':
            if (strcmp(optarg, "jsonl") != 0)
                return pact_cli_usage_error("extract", "unknown format '%s' (known: jsonl)", optarg);
            break;
        case 'd': data_dir = optarg; break;
        case 'q': c.quiet = true; break;
        case 'h': usage(stdout); return PACT_EXIT_OK;
        default:
            return pact_cli_usage_error("extract", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind >= argc) return pact_cli_usage_error("extract", "no input files (use '-' for standard input)");
    pact_diag d;
    pact_diag_init(&d, pact_data_dir(data_dir));
    int rc = pact_extractor_new(data_dir, &c.ex, &d);
    if (rc != PACT_OK) {
        fprintf(stderr, "pactgraph extract: cannot load data from %s: %s\n", pact_data_dir(data_dir), pact_strerror(rc));
        return PACT_EXIT_SOME_FAILED;
    }
    c.arena = pact_arena_new();
    pact_buf_init(&c.out, 0);
    for (int i = optind; i < argc; i++) {
        struct stat st;
        if (strcmp(argv[i], "-") != 0 && stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))
            extract_tree(&c, argv[i]);
        else
            extract_path(&c, argv[i]);
    }
    fflush(stdout);
    pact_buf_free(&c.out);
    pact_arena_free(c.arena);
    pact_extractor_free(c.ex);
    return c.failed ? PACT_EXIT_SOME_FAILED : PACT_EXIT_OK;
}
