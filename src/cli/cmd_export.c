/* pactgraph export: the store as a CAMEO event table, GraphML, DOT or JSON Lines. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "graph/graph.h"

static void usage(FILE *out) {
    fprintf(out,
            "usage: pactgraph export --format FORMAT [--out FILE] [--db FILE|URL]\n"
            "\n"
            "Writes the store in a format other tools read:\n"
            "  events-tsv   the CAMEO event table event-data users know: one row per\n"
            "               event with date, source, target, code, root code, Goldstein\n"
            "               score, quad class (1 verbal cooperation .. 4 material\n"
            "               conflict), number of reporting sentences, and the first\n"
            "               report's document and byte span\n"
            "  graphml      actors as nodes, event ties and memberships as edges (Gephi,\n"
            "               yEd, NetworkX)\n"
            "  dot          the alliance map for Graphviz: organisations as boxes,\n"
            "               memberships, and ties green (cooperation) or red (conflict)\n"
            "  jsonl        the extraction records, one per article (loads back with\n"
            "               'pactgraph ingest --records')\n"
            "\n"
            "Options:\n"
            "  -f, --format FORMAT   events-tsv, graphml, dot or jsonl\n"
            "  -o, --out FILE        write to FILE (default: standard output)\n"
            "  --db FILE|URL         the store (default: $PACT_DB, else pact.db): an SQLite\n"
            "                        file or a PostgreSQL URL (postgresql://host/db)\n"
            "  --data DIR            reference data for a new store\n"
            "  -h, --help            show this help\n"
            "\n"
            "Examples:\n"
            "  pactgraph export --format events-tsv --out events.tsv\n"
            "  pactgraph export --format dot | dot -Tsvg > alliances.svg\n");
}

int pact_cmd_export(int argc, char **argv) {
    static const struct option opts[] = {
        {"format", required_argument, NULL, 'f'}, {"out", required_argument, NULL, 'o'},
        {"db", required_argument, NULL, 'b'},     {"data", required_argument, NULL, 'd'},
        {"help", no_argument, NULL, 'h'},         {NULL, 0, NULL, 0},
    };
    const char *db = NULL, *data_dir = NULL, *out_path = NULL;
    int format = -1, ch;
    opterr = 0;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "f:o:h", opts, NULL)) != -1) {
        switch (ch) {
        case 'f':
            format = pact_export_format_parse(optarg);
            if (format < 0)
                return pact_cli_usage_error("export", "unknown format '%s' (known: events-tsv, graphml, dot, jsonl)", optarg);
            break;
        case 'o': out_path = optarg; break;
        case 'b': db = optarg; break;
        case 'd': data_dir = optarg; break;
        case 'h': usage(stdout); return PACT_EXIT_OK;
        default: return pact_cli_usage_error("export", "unknown option or missing value '%s'", argv[optind - 1]);
        }
    }
    if (format < 0) return pact_cli_usage_error("export", "which format? --format events-tsv|graphml|dot|jsonl");
    if (optind < argc) return pact_cli_usage_error("export", "unexpected argument '%s'", argv[optind]);
    pact_diag d;
    pact_diag_init(&d, pact_cli_db_path(db));
    pact_store *st;
    if (pact_store_open(pact_cli_db_path(db), data_dir, &st, &d) != PACT_OK) {
        fprintf(stderr, "pactgraph export: cannot open the store %s\n", pact_cli_db_path(db));
        return PACT_EXIT_SOME_FAILED;
    }
    FILE *out = stdout;
    if (out_path && strcmp(out_path, "-") != 0 && !(out = fopen(out_path, "wb"))) {
        fprintf(stderr, "pactgraph export: %s: %s\n", out_path, strerror(errno));
        pact_store_close(st);
        return PACT_EXIT_SOME_FAILED;
    }
    int rc = pact_store_export(st, (pact_export_format)format, out);
    if (out != stdout && fclose(out) != 0 && rc == PACT_OK) rc = PACT_EIO;
    if (rc != PACT_OK)
        fprintf(stderr, "pactgraph export: %s%s%s\n", pact_strerror(rc), rc == PACT_EDB ? ": " : "",
                rc == PACT_EDB ? pact_store_errmsg(st) : "");
    pact_store_close(st);
    return rc == PACT_OK ? PACT_EXIT_OK : PACT_EXIT_SOME_FAILED;
}
