/* pactgraph serve: the JSON API and the browser UI over a store, until
 * SIGINT or SIGTERM. The server itself lives in src/server/. */
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "server/server.h"

/* The UI's folder: the source tree's web/ (like data/), else the installed
 * share/pactgraph/web, overridden by $PACT_WEB_DIR or --static. */
static const char *default_static(void) {
    const char *env = getenv("PACT_WEB_DIR");
    if (env && env[0]) return env;
#ifdef PACT_SOURCE_DATA_DIR
    static const char src[] = PACT_SOURCE_DATA_DIR "/../web";
    if (access(src, R_OK) == 0) return src;
#endif
    return "/usr/local/share/pactgraph/web";
}

static void usage(FILE *out) {
    fprintf(out,
            "usage: pactgraph serve [OPTIONS]\n"
            "\n"
            "Serves the alliance graph to a browser: the JSON API (/api/members, ties,\n"
            "path, timeline, search, actors, actor, article, graph) over the store,\n"
            "opened read-only, and the UI (a network graph with a time slider, actor\n"
            "profiles, evidence highlighted in the article's text). Stops on Ctrl-C.\n"
            "\n"
            "Options:\n"
            "  --db FILE|URL   the store (default: $PACT_DB, else pact.db): an SQLite\n"
            "                  file or a PostgreSQL URL (one connection per worker)\n"
            "  --port N        TCP port (default 8080; 0 picks a free one)\n"
            "  --bind ADDR     address to listen on (default 127.0.0.1; 0.0.0.0 for all)\n"
            "  --static DIR    the UI's files (default: the source tree's web/)\n"
            "  --threads N     worker threads, each with its own connection (default 4)\n"
            "  --timeout N     close a connection idle for N seconds, or whose request\n"
            "                  headers are not all in after N seconds (default 15)\n"
            "  --quiet         no access log\n"
            "  -h, --help      show this help\n"
            "\n"
            "Example:\n"
            "  pactgraph ingest --db pact.db samples/*\n"
            "  pactgraph serve --db pact.db --port 8080\n"
            "  # then open http://127.0.0.1:8080/\n"
            "\n"
            "Exit status: 0 stopped by a signal, 1 the store or the port could not be\n"
            "opened, 2 usage error.\n");
}

int pact_cmd_serve(int argc, char **argv) {
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},     {"port", required_argument, NULL, 'p'},
        {"bind", required_argument, NULL, 'b'},   {"static", required_argument, NULL, 's'},
        {"threads", required_argument, NULL, 't'}, {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},         {"timeout", required_argument, NULL, 'T'},
        {NULL, 0, NULL, 0},
    };
    pact_server_opts o = {.port = 8080, .bind = "127.0.0.1"};
    const char *db = NULL;
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': db = optarg; break;
        case 'p': {
            long p;
            if (!pact_cli_number(optarg, 0, 65535, &p))
                return pact_cli_usage_error("serve", "--port must be a number from 0 to 65535");
            o.port = (unsigned)p;
            break;
        }
        case 'b': o.bind = optarg; break;
        case 's': o.static_dir = optarg; break;
        case 't': {
            long t;
            if (!pact_cli_number(optarg, 1, 256, &t))
                return pact_cli_usage_error("serve", "--threads must be a number from 1 to 256");
            o.threads = (unsigned)t;
            break;
        }
        case 'q': o.quiet = true; break;
        case 'T': {
            long t;
            if (!pact_cli_number(optarg, 1, 3600, &t))
                return pact_cli_usage_error("serve", "--timeout must be a number of seconds from 1 to 3600");
            o.timeout = (unsigned)t;
            break;
        }
        case 'h': usage(stdout); return PACT_EXIT_OK;
        default: return pact_cli_usage_error("serve", "unknown or incomplete option '%s'", argv[optind - 1]);
        }
    }
    if (optind < argc) return pact_cli_usage_error("serve", "unexpected argument '%s'", argv[optind]);
    o.db = pact_cli_db_path(db);
    if (!o.static_dir) o.static_dir = default_static();

    /* Block the stop signals before any thread starts, so that only sigwait
     * below receives them: no handler, no global flag. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);

    pact_diag d;
    pact_diag_init(&d, o.db);
    pact_server *srv;
    if (pact_server_start(&o, &srv, &d) != PACT_OK) {
        fprintf(stderr, "pactgraph serve: cannot start the server\n");
        return PACT_EXIT_SOME_FAILED;
    }
    const char *host = o.bind;
    bool v6 = strchr(host, ':') != NULL;
    fprintf(stderr, "pactgraph serve: %s read-only; UI from %s\n", o.db, o.static_dir);
    printf("pactgraph serve: listening on http://%s%s%s:%u/\n", v6 ? "[" : "", host, v6 ? "]" : "",
           pact_server_port(srv));
    fflush(stdout);
    int sig = 0;
    sigwait(&stop, &sig);
    fprintf(stderr, "pactgraph serve: %s, stopping\n", sig == SIGINT ? "interrupted" : "terminated");
    pact_server_stop(srv);
    return PACT_EXIT_OK;
}
