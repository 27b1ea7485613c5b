/* pactgraph summary: an overview of a store for an analyst — groupings,
 * strongest ties, latest events, totals. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "graph/graph.h"

#define WIDTH 78
#define SENTENCE_BYTES 90 /* a shortened sentence, before the ellipsis */

static void usage(FILE *out) {
    fprintf(out,
            "usage: pactgraph summary [--db FILE|URL] [--json] [--limit N]\n"
            "\n"
            "Prints an overview of a store:\n"
            "  groupings  the organisations and groupings (AUKUS, NATO, the Quad, IP4,\n"
            "             G7, ASEAN ...), those in the news first, with their members,\n"
            "             partners, candidates and declared non-members: 'ref' when\n"
            "             the reference data says so, 'news N' when N news sentences do\n"
            "  ties       the actor pairs with the most events, with how many are\n"
            "             cooperative or conflictual and their Goldstein sum and mean\n"
            "  latest     the newest dated events (up to today): date, source, CAMEO\n"
            "             code and its name, target, and the first sentence reporting it\n"
            "  totals     documents, articles, sentences, actors, events and their\n"
            "             reports, memberships from the news and the reference data\n"
            "\n"
            "Options:\n"
            "  --db FILE|URL   the store (default: $PACT_DB, else pact.db): an SQLite\n"
            "                  file or a PostgreSQL URL (postgresql://host/db)\n"
            "  --json          print one JSON object (totals, groupings, ties, latest)\n"
            "  --limit N       at most N groupings, ties and events (default 10)\n"
            "  -h, --help      show this help\n"
            "\n"
            "Example:\n"
            "  pactgraph ingest --db news.db samples/ && pactgraph summary --db news.db\n"
            "\n"
            "Exit status: 0 success, 1 no such store or store error, 2 usage error.\n");
}

/* The first bytes of s up to about max, cut between words and never inside
 * a UTF-8 sequence, with an ellipsis when cut. Into out (size >= max + 8). */
static void shorten(const char *s, size_t max, char *out) {
    size_t n = strlen(s);
    if (n <= max) {
        memcpy(out, s, n + 1);
        return;
    }
    size_t cut = max;
    while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80) cut--;
    size_t word = cut;
    while (word > max / 2 && s[word] != ' ') word--;
    if (s[word] == ' ') cut = word;
    while (cut > 0 && (s[cut - 1] == ' ' || s[cut - 1] == ',')) cut--;
    memcpy(out, s, cut);
    memcpy(out + cut, "\xE2\x80\xA6", 4); /* … */
}

/* Prints items after a label, wrapping at WIDTH. */
typedef struct {
    size_t col;
    const char *indent;
    bool first;
} wrap;

static void wrap_item(wrap *w, const char *item) {
    size_t n = strlen(item);
    if (!w->first && w->col + n + 2 > WIDTH) {
        printf(",\n%s", w->indent);
        w->col = strlen(w->indent);
    } else if (!w->first) {
        printf(", ");
        w->col += 2;
    }
    fputs(item, stdout);
    w->col += n;
    w->first = false;
}

static const char *role_label(const char *role) {
    if (strcmp(role, "member") == 0) return "members";
    if (strcmp(role, "partner") == 0) return "partners";
    if (strcmp(role, "candidate") == 0) return "candidates";
    return "not members";
}

static void print_group(const pact_summary_group *g) {
    printf("  %s%s%s", g->org, g->name && strcmp(g->name, g->org) ? "  " : "", g->name && strcmp(g->name, g->org) ? g->name : "");
    if (g->evidence || g->events)
        printf("  (news: %d sentence%s, %d event%s)", g->evidence, g->evidence == 1 ? "" : "s", g->events,
               g->events == 1 ? "" : "s");
    else printf("  (reference only)");
    printf("\n");
    const char *role = NULL;
    wrap w = {0, "                  ", true};
    for (size_t i = 0; i < g->nmembers; i++) {
        const pact_summary_member *m = &g->members[i];
        if (!role || strcmp(role, m->role) != 0) {
            if (role) printf("\n");
            role = m->role;
            printf("    %-12s  ", role_label(role));
            w.col = 18;
            w.first = true;
        }
        char item[160], tags[96] = "";
        size_t tl = 0;
        if (m->reference) tl += (size_t)snprintf(tags + tl, sizeof tags - tl, "ref");
        if (m->news && tl < sizeof tags)
            tl += (size_t)snprintf(tags + tl, sizeof tags - tl, "%snews %d", tl ? ", " : "", m->evidence);
        if (m->until && tl < sizeof tags) snprintf(tags + tl, sizeof tags - tl, "%suntil %s", tl ? ", " : "", m->until);
        snprintf(item, sizeof item, "%s (%s)", m->member, tags);
        wrap_item(&w, item);
    }
    if (role) printf("\n");
}

/* A CAMEO name without the codebook's "- not specified below" (the code's
 * digits already say that it is the general case). Into out. */
static const char *cameo_name(const char *name, char *out, size_t size) {
    if (!name) return "(unknown code)";
    snprintf(out, size, "%s", name);
    static const char *const tails[] = {"- not specified below", ", not specified below", " not specified below"};
    size_t n = strlen(out);
    for (size_t i = 0; i < sizeof tails / sizeof tails[0]; i++) {
        size_t t = strlen(tails[i]);
        if (n > t && strcmp(out + n - t, tails[i]) == 0) {
            out[n - t] = '\0';
            break;
        }
    }
    return out;
}

static void print_summary(const pact_summary *sm, const char *db) {
    printf("%s: %lld documents, %lld articles, %lld sentences, %lld actors;\n"
           "  %lld events (%lld reports); %lld memberships from the news (%lld sentences),\n"
           "  %lld from the reference data\n",
           db, sm->documents, sm->articles, sm->sentences, sm->actors, sm->events, sm->reports, sm->news_memberships,
           sm->membership_reports, sm->reference_memberships);

    printf("\nGroupings, in the news first\n");
    if (!sm->ngroups) printf("  (none)\n");
    for (size_t i = 0; i < sm->ngroups; i++) print_group(&sm->groups[i]);
    if (sm->more_groups)
        printf("  ... and %zu more groupings from the reference data ('pactgraph members ORG')\n", sm->more_groups);

    printf("\nStrongest ties (events between two actors, either direction)\n");
    if (!sm->nties) printf("  (no events)\n");
    for (size_t i = 0; i < sm->nties; i++) {
        const pact_summary_tie *t = &sm->ties[i];
        printf("  %-6s - %-6s %4d events: %3d cooperative, %3d conflictual; Goldstein %+7.1f (mean %+.2f)\n", t->a,
               t->b, t->events, t->cooperation, t->conflict, t->goldstein, t->events ? t->goldstein / t->events : 0.0);
    }

    printf("\nLatest dated events\n");
    if (!sm->nlatest) printf("  (no dated events)\n");
    for (size_t i = 0; i < sm->nlatest; i++) {
        const pact_summary_event *e = &sm->latest[i];
        char sent[SENTENCE_BYTES + 8];
        shorten(e->first.text ? e->first.text : "", SENTENCE_BYTES, sent);
        char name[256];
        printf("  %-10s  %s  %s %s  -> %s\n", e->date, e->source, e->code, cameo_name(e->cameo, name, sizeof name),
               e->target);
        printf("      %s  (%s [%zu, %zu]%s)\n", sent, e->first.doc, e->first.start, e->first.end,
               e->evidence > 1 ? ", and more" : "");
    }
}

int pact_cmd_summary(int argc, char **argv) {
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'b'},    {"json", no_argument, NULL, 'j'},
        {"limit", required_argument, NULL, 'l'}, {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *db = NULL;
    bool json = false;
    size_t limit = 0;
    int ch;
    opterr = 0;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (ch) {
        case 'b': db = optarg; break;
        case 'j': json = true; break;
        case 'l': {
            long v;
            if (!pact_cli_number(optarg, 1, 100000, &v))
                return pact_cli_usage_error("summary", "--limit wants a positive number, not '%s'", optarg);
            limit = (size_t)v;
            break;
        }
        case 'h': usage(stdout); return PACT_EXIT_OK;
        default: return pact_cli_usage_error("summary", "unknown option or missing value '%s'", argv[optind - 1]);
        }
    }
    if (optind < argc) return pact_cli_usage_error("summary", "unexpected argument '%s'", argv[optind]);
    const char *path = pact_cli_db_path(db);
    struct stat sb;
    if (!pact_store_is_url(path) && stat(path, &sb) != 0) {
        fprintf(stderr, "pactgraph summary: no store at %s (make one with 'pactgraph ingest --db %s PAGES')\n", path,
                path);
        return PACT_EXIT_SOME_FAILED;
    }
    pact_diag d;
    pact_diag_init(&d, path);
    pact_store *st;
    if (pact_store_open(path, NULL, &st, &d) != PACT_OK) {
        fprintf(stderr, "pactgraph summary: cannot open the store %s\n", path);
        return PACT_EXIT_SOME_FAILED;
    }
    pact_summary sm;
    int rc = pact_store_summary(st, limit, &sm);
    if (rc != PACT_OK) {
        fprintf(stderr, "pactgraph summary: %s: %s\n", pact_strerror(rc), pact_store_errmsg(st));
    } else if (json) {
        pact_buf b;
        pact_buf_init(&b, 0);
        pact_json j;
        pact_json_init(&j, &b);
        pact_summary_json(&sm, &j);
        if (j.err == PACT_OK) printf("%s\n", b.ptr);
        else rc = j.err;
        pact_buf_free(&b);
    } else {
        print_summary(&sm, path);
    }
    pact_summary_free(&sm);
    pact_store_close(st);
    return rc == PACT_OK ? PACT_EXIT_OK : PACT_EXIT_SOME_FAILED;
}
