/* The graph queries on the command line: members, ties, timeline, path,
 * actor, search. Each opens the store, asks src/graph/, and prints a table
 * (or, with --json, the shapes of spec/OUTPUT.md). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "graph/graph.h"

typedef struct {
    const char *name;
    const char *args;       /* "ORG", "A B", "A [B]" */
    int min, max;           /* positional arguments */
    bool at;                /* takes --at */
    const char *help;       /* what it does, and an example */
} query_def;

static const query_def defs[] = {
    {"members", "ORG", 1, 1, true,
     "Lists who belongs to an organisation or grouping: members, partners,\n"
     "candidates and declared non-members, each with since/until dates, how\n"
     "many news sentences say so, and whether the fact comes from the reference\n"
     "data (data/alliances.tsv) or the news, or both. With --at, a fact the\n"
     "news gives no start date for counts from its first report's day.\n"
     "\n"
     "Examples:\n"
     "  pactgraph members NATO --at 2023-06-01\n"
     "  pactgraph members AUKUS --evidence\n"},
    {"ties", "A B", 2, 2, false,
     "Lists the events between two actors, either direction, newest first: who\n"
     "did what to whom (CAMEO code, Goldstein score), when, and where it was read.\n"
     "\n"
     "Examples:\n"
     "  pactgraph ties GBR UKR\n"
     "  pactgraph ties CHN AUKUS --evidence\n"},
    {"timeline", "A [B]", 1, 2, false,
     "Lists the dated events involving an actor (and another one), oldest first.\n"
     "\n"
     "Examples:\n"
     "  pactgraph timeline JPN\n"
     "  pactgraph timeline USA PHL --json\n"},
    {"path", "A B", 2, 2, false,
     "Finds the shortest chain of ties between two actors: events between them\n"
     "or memberships (member or partner of an organisation), with the evidence\n"
     "for each link.\n"
     "\n"
     "Example:\n"
     "  pactgraph path KOR AUKUS\n"},
    {"actor", "A", 1, 1, false,
     "Profiles an actor: the groups it belongs to, its most frequent partners\n"
     "(cooperative events, CAMEO quad classes 1-2) and opponents (conflict,\n"
     "quad classes 3-4), and its cooperation/conflict balance by year as the\n"
     "sum and mean of the events' Goldstein scores (-10 .. +10).\n"
     "\n"
     "Example:\n"
     "  pactgraph actor PHL\n"},
    {"search", "TEXT", 1, 64, false,
     "Finds sentences containing TEXT (the words in that order), with or\n"
     "without diacritics: 'thoa thuan' finds 'thỏa thuận', 'dong minh' finds\n"
     "'đồng minh'. Prints the document, the sentence as written, and its byte span.\n"
     "\n"
     "Example:\n"
     "  pactgraph search thoa thuan an ninh\n"},
};

static void usage(const query_def *q, FILE *out) {
    fprintf(out, "usage: pactgraph %s [OPTIONS] %s\n\n%s\n", q->name, q->args, q->help);
    fprintf(out,
            "Options:\n"
            "  --db FILE|URL   the store (default: $PACT_DB, else pact.db): an SQLite\n"
            "                  file or a PostgreSQL URL (postgresql://host/db)\n"
            "%s"
            "  --evidence      show every piece of evidence: document, sentence, byte span\n"
            "  --json          print JSON (the shapes of spec/OUTPUT.md) instead of a table\n"
            "  --limit N       at most N rows\n"
            "  --data DIR      reference data for a new store (default: $PACT_DATA_DIR)\n"
            "  -h, --help      show this help\n"
            "\n"
            "Actors are ids (USA, JPN, NATO) or names (Japan, Nhật Bản).\n"
            "Exit status: 0 success (also when nothing matches), 1 unknown actor or\n"
            "store error, 2 usage error.\n",
            q->at ? "  --at DATE       as of DATE (YYYY, YYYY-MM or YYYY-MM-DD)\n" : "");
}


static const char *dash(const char *s) { return s ? s : "-"; }

static void print_evidence(const pact_evidence *e, size_t n) {
    for (size_t i = 0; i < n; i++)
        printf("      %s [%zu, %zu]  %s\n", e[i].doc, e[i].start, e[i].end, e[i].text ? e[i].text : "");
}

static void print_members(const pact_result *r, bool ev) {
    printf("%-8s %-11s %-10s %-10s %8s  %s\n", "member", "role", "since", "until", "evidence", "from");
    for (size_t i = 0; i < r->nmembers; i++) {
        const pact_member_row *m = &r->members[i];
        printf("%-8s %-11s %-10s %-10s %8d  %s%s%s\n", m->member, m->role, dash(m->since), dash(m->until), m->evidence,
               m->reference ? "reference" : "", m->reference && m->news ? "+" : "", m->news ? "news" : "");
        if (ev) {
            if (m->ref_source) printf("      reference: %s\n", m->ref_source);
            print_evidence(m->ev, m->nev);
        }
    }
}

static void print_ties(const pact_result *r, bool ev) {
    printf("%-10s %-7s %-7s %-5s %6s %-10s %4s  %s\n", "date", "source", "target", "code", "gold", "modality", "docs",
           "evidence");
    for (size_t i = 0; i < r->nties; i++) {
        const pact_tie *t = &r->ties[i];
        printf("%-10s %-7s %-7s %-5s %6.1f %-10s %4d  %s [%zu, %zu]\n", dash(t->date), t->source, t->target, t->code,
               t->goldstein, dash(t->modality), t->evidence, t->first.doc, t->first.start, t->first.end);
        if (ev) print_evidence(t->ev, t->nev);
        else if (t->first.text) printf("      %s\n", t->first.text);
    }
}

static void print_path(const pact_result *r, bool ev) {
    if (!r->npath) {
        printf("no chain of ties found\n");
        return;
    }
    for (size_t i = 0; i < r->npath; i++) printf("%s%s", i ? " -> " : "", r->path[i]);
    printf("\n");
    for (size_t i = 0; i < r->nlinks; i++) {
        const pact_link *l = &r->links[i];
        printf("  %s -> %s: %s %s %s", l->from, l->to, l->kind, dash(l->code), dash(l->date));
        if (l->ev.doc) printf("  %s [%zu, %zu]", l->ev.doc, l->ev.start, l->ev.end);
        else if (l->ev.source) printf("  reference: %s", l->ev.source);
        printf("\n");
        if (ev && l->ev.text) printf("      %s\n", l->ev.text);
    }
}

static void print_counterparts(const char *title, const pact_counterpart *c, size_t n, bool ev) {
    printf("%s:\n", title);
    if (!n) printf("  (none)\n");
    for (size_t i = 0; i < n; i++)
    {
        printf("  %-8s %-28s %5d events  Goldstein %+7.1f\n", c[i].actor, c[i].name ? c[i].name : "", c[i].events,
               c[i].goldstein);
        if (ev) print_evidence(c[i].ev, c[i].nev);
    }
}

static void print_actor(const pact_result *r, bool ev) {
    printf("%s (%s)%s%s\n", r->actor_id, dash(r->actor_kind), r->actor_name ? ": " : "", r->actor_name ? r->actor_name : "");
    printf("groups:\n");
    if (!r->ngroups) printf("  (none)\n");
    for (size_t i = 0; i < r->ngroups; i++) {
        const pact_group *g = &r->groups[i];
        printf("  %-8s %-11s since %-10s until %-10s %s\n", g->org, g->role, dash(g->since), dash(g->until),
               g->reference ? "reference" : "news");
        if (ev) print_evidence(g->ev, g->nev);
    }
    print_counterparts("partners (cooperation)", r->partners, r->npartners, ev);
    print_counterparts("opponents (conflict)", r->opponents, r->nopponents, ev);
    printf("balance by year:\n");
    if (!r->nbalance) printf("  (no dated events)\n");
    for (size_t i = 0; i < r->nbalance; i++) {
        const pact_balance *b = &r->balance[i];
        printf("  %s  %5d events  %5d cooperative  %5d conflictual  Goldstein %+8.1f (mean %+.2f)\n", b->period,
               b->events, b->cooperation, b->conflict, b->goldstein, b->events ? b->goldstein / b->events : 0.0);
    }
}

static void print_search(const pact_result *r) {
    for (size_t i = 0; i < r->nhits; i++) {
        const pact_evidence *e = &r->hits[i];
        printf("%s#%d [%zu, %zu]\n  %s\n", e->doc, e->article, e->start, e->end, e->text ? e->text : "");
    }
    if (!r->nhits) printf("no sentence found\n");
}

static int run(const query_def *q, int argc, char **argv) {
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'b'},    {"data", required_argument, NULL, 'd'},
        {"json", no_argument, NULL, 'j'},        {"evidence", no_argument, NULL, 'e'},
        {"at", required_argument, NULL, 'a'},    {"limit", required_argument, NULL, 'l'},
        {"help", no_argument, NULL, 'h'},        {NULL, 0, NULL, 0},
    };
    const char *db = NULL, *data_dir = NULL;
    bool json = false;
    pact_query_opts o;
    memset(&o, 0, sizeof o);
    int ch;
    opterr = 0;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (ch) {
        case 'b': db = optarg; break;
        case 'd': data_dir = optarg; break;
        case 'j': json = true; break;
        case 'e': o.evidence = true; break;
        case 'a':
            if (!q->at) return pact_cli_usage_error(q->name, "--at is only for 'members'");
            if (!pact_iso_date_shape(optarg)) return pact_cli_usage_error(q->name, "--at wants YYYY, YYYY-MM or YYYY-MM-DD, not '%s'", optarg);
            o.at = optarg;
            break;
        case 'l': {
            long v;
            if (!pact_cli_number(optarg, 1, 1000000, &v)) return pact_cli_usage_error(q->name, "--limit wants a positive number, not '%s'", optarg);
            o.limit = (size_t)v;
            break;
        }
        case 'h': usage(q, stdout); return PACT_EXIT_OK;
        default: return pact_cli_usage_error(q->name, "unknown option or missing value '%s'", argv[optind - 1]);
        }
    }
    int npos = argc - optind;
    if (npos < q->min) return pact_cli_usage_error(q->name, "missing %s", q->args);
    if (npos > q->max) return pact_cli_usage_error(q->name, "too many arguments (wants %s)", q->args);

    pact_diag d;
    pact_diag_init(&d, pact_cli_db_path(db));
    pact_store *st;
    if (pact_store_open(pact_cli_db_path(db), data_dir, &st, &d) != PACT_OK) {
        fprintf(stderr, "pactgraph %s: cannot open the store %s\n", q->name, pact_cli_db_path(db));
        return PACT_EXIT_SOME_FAILED;
    }
    pact_arena *names = pact_arena_new();
    const char *id[2] = {NULL, NULL};
    int rc = PACT_OK;
    bool is_search = strcmp(q->name, "search") == 0;
    char *text = NULL;
    if (is_search) {
        pact_buf b;
        pact_buf_init(&b, 0);
        for (int i = optind; i < argc && rc == PACT_OK; i++) {
            if (i > optind) rc = pact_buf_putc(&b, ' ');
            if (rc == PACT_OK) rc = pact_buf_puts(&b, argv[i]);
        }
        text = pact_buf_detach(&b, NULL);
    } else {
        for (int i = 0; i < npos && rc == PACT_OK; i++) {
            rc = pact_store_resolve(st, argv[optind + i], names, &id[i]);
            if (rc == PACT_ENOTFOUND)
                fprintf(stderr, "pactgraph %s: unknown actor '%s' (not in the store or the reference data)\n", q->name,
                        argv[optind + i]);
        }
    }
    pact_result r;
    memset(&r, 0, sizeof r);
    if (rc == PACT_OK) {
        switch (q->name[0]) {
        case 'm': rc = pact_query_members(st, id[0], &o, &r); break;
        case 't': rc = q->name[1] == 'i' && q->name[2] == 'e' ? pact_query_ties(st, id[0], id[1], &o, &r)
                                                              : pact_query_timeline(st, id[0], id[1], &o, &r);
            break;
        case 'p': rc = pact_query_path(st, id[0], id[1], &o, &r); break;
        case 'a': rc = pact_query_actor(st, id[0], &o, &r); break;
        default: rc = pact_query_search(st, text ? text : "", &o, &r); break;
        }
        if (rc == PACT_EINVAL && is_search) {
            pact_result_free(&r);
            free(text);
            pact_arena_free(names);
            pact_store_close(st);
            return pact_cli_usage_error(q->name, "nothing to search for");
        }
        if (rc == PACT_ENOTFOUND) fprintf(stderr, "pactgraph %s: '%s' is not known to the store\n", q->name, id[0]);
        else if (rc != PACT_OK) fprintf(stderr, "pactgraph %s: %s: %s\n", q->name, pact_strerror(rc), pact_store_errmsg(st));
    }
    if (rc == PACT_OK) {
        if (json) {
            pact_buf b;
            pact_buf_init(&b, 0);
            pact_json j;
            pact_json_init(&j, &b);
            switch (q->name[0]) {
            case 'm': pact_members_json(&r, o.evidence, &j); break;
            case 't': pact_ties_json(&r, o.evidence, &j); break;
            case 'p': pact_path_json(&r, o.evidence, &j); break;
            case 'a': pact_actor_json(&r, o.evidence, &j); break;
            default: pact_search_json(&r, &j); break;
            }
            if (j.err == PACT_OK) printf("%s\n", b.ptr);
            else rc = j.err;
            pact_buf_free(&b);
        } else {
            switch (q->name[0]) {
            case 'm': print_members(&r, o.evidence); break;
            case 't': print_ties(&r, o.evidence); break;
            case 'p': print_path(&r, o.evidence); break;
            case 'a': print_actor(&r, o.evidence); break;
            default: print_search(&r); break;
            }
        }
    }
    pact_result_free(&r);
    free(text);
    pact_arena_free(names);
    pact_store_close(st);
    return rc == PACT_OK ? PACT_EXIT_OK : PACT_EXIT_SOME_FAILED;
}

int pact_cmd_members(int argc, char **argv) { return run(&defs[0], argc, argv); }
int pact_cmd_ties(int argc, char **argv) { return run(&defs[1], argc, argv); }
int pact_cmd_timeline(int argc, char **argv) { return run(&defs[2], argc, argv); }
int pact_cmd_path(int argc, char **argv) { return run(&defs[3], argc, argv); }
int pact_cmd_actor(int argc, char **argv) { return run(&defs[4], argc, argv); }
int pact_cmd_search(int argc, char **argv) { return run(&defs[5], argc, argv); }
