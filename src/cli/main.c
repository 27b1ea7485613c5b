/* pactgraph: the command-line front end. Dispatches to subcommands. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "pactgraph.h"

static const pact_command commands[] = {
    {"extract", "read pages (HTML or flattened text) and print extraction records as JSON Lines", pact_cmd_extract},
    {"text", "print a file's normalised sentences with their original byte spans", pact_cmd_text},
    {"ingest", "extract pages (or load --records) into the SQLite store, idempotently", pact_cmd_ingest},
    {"members", "who belongs to an organisation (members, partners, candidates) at a date", pact_cmd_members},
    {"ties", "the events between two actors, newest first, with their evidence", pact_cmd_ties},
    {"timeline", "the dated events of an actor (and another), oldest first", pact_cmd_timeline},
    {"path", "the shortest chain of ties between two actors, with evidence per link", pact_cmd_path},
    {"actor", "an actor's groups, partners, opponents and cooperation balance by year", pact_cmd_actor},
    {"search", "sentences containing some words, with or without diacritics", pact_cmd_search},
    {"export", "the store as a CAMEO event table (TSV), GraphML, DOT or JSON Lines", pact_cmd_export},
    {"summary", "an overview of a store: groupings, strongest ties, latest events, totals", pact_cmd_summary},
    {"serve", "the JSON API and the browser UI (graph, time slider, evidence) over the store", pact_cmd_serve},
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

static void help(FILE *out) {
    fprintf(out,
            "usage: pactgraph COMMAND [OPTIONS] [ARGS]\n"
            "\n"
            "pactgraph reads Vietnamese news pages about international security and\n"
            "turns them into a time-aware graph of alliances and partnerships, with\n"
            "every fact linked to the sentence and byte span it came from.\n"
            "\n"
            "Commands:\n");
    for (size_t i = 0; i < NCOMMANDS; i++)
        fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(out,
            "\n"
            "Options:\n"
            "  -h, --help     show this help; 'pactgraph COMMAND --help' for a command\n"
            "  --version      print the version\n"
            "\n"
            "Example:\n"
            "  pactgraph extract samples/*.txt > records.jsonl\n"
            "\n"
            "Exit status: 0 success, 1 some inputs failed, 2 usage error.\n");
}

bool pact_cli_number(const char *s, long lo, long hi, long *v) {
    char *end;
    errno = 0;
    long n = strtol(s, &end, 10);
    if (end == s || *end || errno || n < lo || n > hi) return false;
    *v = n;
    return true;
}

bool pact_cli_is_help(const char *arg) {
    return strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0;
}

int pact_cli_usage_error(const char *cmd, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "pactgraph%s%s: ", cmd ? " " : "", cmd ? cmd : "");
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'pactgraph %s%s--help'.\n", cmd ? cmd : "", cmd ? " " : "");
    return PACT_EXIT_USAGE;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        help(stderr);
        return PACT_EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (pact_cli_is_help(cmd) || strcmp(cmd, "help") == 0) {
        help(stdout);
        return PACT_EXIT_OK;
    }
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) {
        printf("pactgraph %s\n", pact_version());
        return PACT_EXIT_OK;
    }
    for (size_t i = 0; i < NCOMMANDS; i++)
        if (strcmp(cmd, commands[i].name) == 0) return commands[i].run(argc - 1, argv + 1);
    if (cmd[0] == '-') return pact_cli_usage_error(NULL, "unknown option '%s'", cmd);
    return pact_cli_usage_error(NULL, "unknown command '%s'", cmd);
}
