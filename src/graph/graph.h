/*
 * The alliance graph: a store (an SQLite file, or a PostgreSQL database shared
 * by many users: docs/STORE.md) of extraction records (documents,
 * articles, sentences, entities, events with their evidence, memberships), the
 * reference facts of data/alliances.tsv, and the queries and exports the front
 * ends (command line, HTTP server) print. Queries return plain structs owned by
 * one arena; pact_*_json writes them in the shapes of spec/OUTPUT.md.
 *
 * A pact_store is used by one thread at a time: a server opens one per worker
 * thread (SQLite's WAL mode lets readers run beside one writer; with
 * PostgreSQL each is a connection).
 */
#ifndef PACT_GRAPH_H
#define PACT_GRAPH_H

#include <stdbool.h>
#include <stdio.h>

#include "extract/record.h"
#include "util/util.h"

typedef struct pact_store pact_store;

/* The schema version this build writes (the migrations table; SQLite's
 * PRAGMA user_version too). */
#define PACT_STORE_SCHEMA 3

/* True when target names a PostgreSQL database ("postgresql://...",
 * "postgres://..." or a key=value conninfo such as "dbname=news"), not an
 * SQLite file. */
bool pact_store_is_url(const char *target);

/* Opens (creating and migrating when needed) the store at path (a file, or
 * a PostgreSQL URL: pact_store_is_url). data_dir is
 * where alliances.tsv and cameo.tsv are read from (NULL: pact_data_dir()).
 * Reference data is (re)loaded when the files' content changed. */
PACT_WUR int pact_store_open(const char *path, const char *data_dir, pact_store **st, pact_diag *d);
void pact_store_close(pact_store *st);
/* The last database error message, for reports. */
const char *pact_store_errmsg(const pact_store *st);
/* A meta value ("schema", "extractor", "lexicon", "reference_hash") or NULL
 * (the string lives until the next call). */
const char *pact_store_meta(pact_store *st, const char *key);
PACT_WUR int pact_store_set_meta(pact_store *st, const char *key, const char *value);

/* What changes whenever an ingest commits or the reference data is reloaded:
 * the newest document's id (a replaced document comes back with a new one)
 * and a hash of the reference data's hash. For answer caches over a
 * PostgreSQL store, which has no file to stat. */
PACT_WUR int pact_store_generation(pact_store *st, long long out[2]);

/* ---- ingest ---- */
typedef struct {
    size_t documents;   /* new documents stored */
    size_t duplicates;  /* documents already in the store (same content hash) */
    size_t replaced;    /* older versions (same path, other content) replaced */
    size_t articles, events, memberships, sentences;
    size_t new_events;  /* events not seen before (others add evidence) */
    unsigned warnings;
    size_t failures;
} pact_ingest_stats;

/* Stores the records of one document in one transaction. hash is the
 * document's content hash (hex); when a document with that hash is already
 * stored, nothing changes and *dup is set. A stored document with the same
 * path and another hash is an older version: it is replaced. */
PACT_WUR int pact_store_ingest(pact_store *st, const char *doc, const char *hash,
                               const char *source_url, const pact_record *recs, size_t n,
                               bool *dup, pact_ingest_stats *stats);

/* Batch mode (on) groups documents into longer transactions, each document
 * still all-or-nothing (a savepoint): many small commits are what makes an
 * ingest slow. Off commits what is pending. A crash loses at most the last
 * batch, which the next ingest of the same inputs stores again. */
PACT_WUR int pact_store_batch(pact_store *st, bool on);

/* SHA-256 of data as 64 hex digits (+ NUL) into hex. */
void pact_sha256_hex(const void *data, size_t len, char hex[65]);

/* Parses one JSON Lines record (spec/OUTPUT.md) into *rec, all in arena.
 * Also reads "sentence_text" (the sentences' texts, as pactgraph's export
 * writes them) and sentences given as {"span": [s, e], "text": "..."}.
 * On PACT_EPARSE, err (when non-NULL) says why. */
PACT_WUR int pact_record_read_json(const char *line, size_t len, pact_arena *arena,
                                   pact_record *rec, char *err, size_t errlen);

/* Gives sentences without text their text from the document's bytes (when
 * data is not NULL), and a record with no sentence list the sentences its
 * events and memberships name. */
void pact_record_fill_sentences(pact_record *r, const char *data, size_t len, pact_arena *arena);

/* True when a document with this content hash is stored. */
bool pact_store_has_document(pact_store *st, const char *hash);

/* ---- folding for search: lower case, no diacritics, đ -> d ---- */
char *pact_fold(const char *s, size_t len); /* malloc'd */

/* ---- queries ---- */
typedef struct {
    const char *doc;        /* the document's path */
    int article;
    size_t start, end;      /* the sentence's span in the document's bytes */
    const char *text;       /* the sentence, or NULL when not stored */
    const char *source;     /* reference facts: where the fact comes from */
} pact_evidence;

typedef struct {
    const char *member, *role;
    const char *since, *until;    /* NULL when unknown / open */
    int evidence;                 /* pieces of news evidence */
    bool reference, news;         /* where the fact comes from */
    const char *ref_source;       /* the reference's source, or NULL */
    pact_evidence *ev;            /* when asked for */
    size_t nev;
} pact_member_row;

typedef struct {
    long long id;
    const char *source, *target, *code, *date; /* date NULL when unknown */
    const char *modality;
    double goldstein;
    int quad;
    int evidence;                 /* how many pieces of evidence */
    pact_evidence first;          /* the first piece (doc, span) */
    pact_evidence *ev;            /* all of them, when asked for */
    size_t nev;
} pact_tie;

typedef struct {
    const char *from, *to;
    const char *kind;             /* "event" or "membership" */
    const char *code;             /* CAMEO code, or the membership role */
    const char *date;
    pact_evidence ev;
} pact_link;

typedef struct {
    const char *actor, *name;
    int events;
    double goldstein;             /* sum */
    pact_evidence *ev;            /* the events' evidence, when asked for */
    size_t nev;
} pact_counterpart;

typedef struct {
    const char *period;           /* YYYY */
    int events, cooperation, conflict;
    double goldstein;             /* sum */
} pact_balance;

typedef struct {
    const char *org, *role, *since, *until;
    bool reference;
    pact_evidence *ev;            /* the news evidence, when asked for */
    size_t nev;
} pact_group;

typedef struct {
    pact_arena *arena;
    /* members */
    pact_member_row *members;
    size_t nmembers;
    /* ties, timeline */
    pact_tie *ties;
    size_t nties;
    /* path */
    const char **path;
    size_t npath;
    pact_link *links;
    size_t nlinks;
    /* actor */
    const char *actor_id, *actor_kind, *actor_name;
    pact_group *groups;
    size_t ngroups;
    pact_counterpart *partners, *opponents;
    size_t npartners, nopponents;
    pact_balance *balance;
    size_t nbalance;
    /* search */
    pact_evidence *hits;
    size_t nhits;
} pact_result;

typedef struct {
    const char *at;        /* members: the date (YYYY[-MM[-DD]]) or NULL */
    bool evidence;         /* fill ev/nev */
    size_t limit;          /* 0 = default */
} pact_query_opts;

void pact_result_free(pact_result *r);

/* Resolves an actor given by id ("USA"), name ("Japan") or press form ("Nhật
 * Bản") to its id; PACT_ENOTFOUND when nothing matches. *id in arena. */
PACT_WUR int pact_store_resolve(pact_store *st, const char *name, pact_arena *arena, const char **id);

PACT_WUR int pact_query_members(pact_store *st, const char *org, const pact_query_opts *o, pact_result *r);
PACT_WUR int pact_query_ties(pact_store *st, const char *a, const char *b, const pact_query_opts *o, pact_result *r);
PACT_WUR int pact_query_timeline(pact_store *st, const char *a, const char *b, const pact_query_opts *o, pact_result *r);
PACT_WUR int pact_query_path(pact_store *st, const char *a, const char *b, const pact_query_opts *o, pact_result *r);
PACT_WUR int pact_query_actor(pact_store *st, const char *a, const pact_query_opts *o, pact_result *r);
PACT_WUR int pact_query_search(pact_store *st, const char *text, const pact_query_opts *o, pact_result *r);

/* The JSON of spec/OUTPUT.md "Query output" (with evidence arrays when o->evidence). */
void pact_members_json(const pact_result *r, bool evidence, pact_json *j);
void pact_ties_json(const pact_result *r, bool evidence, pact_json *j);
void pact_path_json(const pact_result *r, bool evidence, pact_json *j);
void pact_actor_json(const pact_result *r, bool evidence, pact_json *j);
void pact_search_json(const pact_result *r, pact_json *j);

/* ---- summary: an overview of a store for an analyst ---- */
typedef struct {
    const char *member, *role;      /* role: member, partner, candidate, not-member */
    const char *since, *until;      /* NULL when unknown / open */
    bool reference, news;
    int evidence;                   /* pieces of news evidence */
} pact_summary_member;

typedef struct {
    const char *org, *name;         /* name NULL when unknown */
    int evidence;                   /* news evidence over its memberships */
    int events;                     /* events with the grouping as source or target */
    pact_summary_member *members;   /* by role (member, partner, candidate, not-member), then id */
    size_t nmembers;
} pact_summary_group;

typedef struct {
    const char *a, *b;              /* a < b */
    int events, cooperation, conflict; /* quad classes 1-2 and 3-4 */
    double goldstein;               /* sum */
} pact_summary_tie;

typedef struct {
    const char *date, *source, *code, *cameo, *target; /* cameo: the code's name, or NULL */
    int evidence;
    pact_evidence first;            /* the first report */
} pact_summary_event;

typedef struct {
    pact_arena *arena;
    long long documents, articles, sentences, actors;
    long long events, reports;      /* distinct events; pieces of event evidence */
    long long news_memberships, reference_memberships, membership_reports;
    pact_summary_group *groups;     /* in the news first (by evidence, then events), then the others */
    size_t ngroups, more_groups;    /* more_groups: left out by the limit */
    pact_summary_tie *ties;         /* by events, most first */
    size_t nties;
    pact_summary_event *latest;     /* dated events up to today, newest first */
    size_t nlatest;
} pact_summary;

/* Fills *sm (strings in its arena; free with pact_summary_free). limit: at
 * most that many groupings, ties and events (0 = 10 each). */
PACT_WUR int pact_store_summary(pact_store *st, size_t limit, pact_summary *sm);
void pact_summary_free(pact_summary *sm);
/* The summary as one JSON object: totals, groupings, ties, latest. */
void pact_summary_json(const pact_summary *sm, pact_json *j);

/* ---- exports ---- */
typedef enum {
    PACT_EXPORT_EVENTS_TSV,
    PACT_EXPORT_GRAPHML,
    PACT_EXPORT_DOT,
    PACT_EXPORT_JSONL,
} pact_export_format;

/* -1 when unknown. */
int pact_export_format_parse(const char *s);
PACT_WUR int pact_store_export(pact_store *st, pact_export_format f, FILE *out);

/* The CAMEO table: Goldstein score and quad class (1 verbal cooperation,
 * 2 material cooperation, 3 verbal conflict, 4 material conflict) of a code,
 * falling back to its root; quad 0 when unknown. */
void pact_store_cameo(pact_store *st, const char *code, double *goldstein, int *quad);

#endif
