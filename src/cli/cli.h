/* The command line: one file per subcommand (cmd_<name>.c), each a thin front
 * end over the library. */
#ifndef PACT_CLI_H
#define PACT_CLI_H

#include <stdbool.h>

/* Exit statuses shared by every subcommand. */
#define PACT_EXIT_OK 0
#define PACT_EXIT_SOME_FAILED 1 /* some inputs could not be processed */
#define PACT_EXIT_USAGE 2       /* unknown command or option, bad arguments */

typedef struct {
    const char *name;
    const char *summary;  /* one line for `pactgraph --help` */
    int (*run)(int argc, char **argv); /* argv[0] is the subcommand's name */
} pact_command;

int pact_cmd_extract(int argc, char **argv);
int pact_cmd_text(int argc, char **argv);
int pact_cmd_ingest(int argc, char **argv);    /* cmd_ingest.c */
int pact_cmd_members(int argc, char **argv);   /* cmd_query.c */
int pact_cmd_ties(int argc, char **argv);      /* cmd_query.c */
int pact_cmd_timeline(int argc, char **argv);  /* cmd_query.c */
int pact_cmd_path(int argc, char **argv);      /* cmd_query.c */
int pact_cmd_actor(int argc, char **argv);     /* cmd_query.c */
int pact_cmd_search(int argc, char **argv);    /* cmd_query.c */
int pact_cmd_export(int argc, char **argv);    /* cmd_export.c */
int pact_cmd_serve(int argc, char **argv);     /* cmd_serve.c */
int pact_cmd_summary(int argc, char **argv);   /* cmd_summary.c */
/* The store a graph command uses: --db FILE, else $PACT_DB, else pact.db. */
const char *pact_cli_db_path(const char *opt);

/* Calls file() for each file under dir, recursively, in name order (names
 * starting with '.' left out); error() for a directory that cannot be read. */
void pact_cli_walk(const char *dir, void (*file)(void *user, const char *path),
                   void (*error)(void *user, const char *path, const char *why), void *user);

/* Prints "pactgraph CMD: message" and the hint to --help; returns PACT_EXIT_USAGE. */
int pact_cli_usage_error(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Reads s as a whole decimal number from lo to hi into *v; false when it
 * is not one (the caller says which option wanted what). */
bool pact_cli_number(const char *s, long lo, long hi, long *v);
/* True when arg is -h or --help. */
bool pact_cli_is_help(const char *arg);

#endif
