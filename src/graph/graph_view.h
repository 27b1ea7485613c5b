/*
 * Views of the store for a browser (the web UI served by `pactgraph serve`):
 * the whole graph as of a date, the list of actors, and one article's text
 * with the spans of its entities, events and memberships. Each writes the
 * JSON of spec/OUTPUT.md "HTTP API" into a pact_json. The store is opened
 * read-only here: a server never writes.
 */
#ifndef PACT_GRAPH_VIEW_H
#define PACT_GRAPH_VIEW_H

#include "graph/graph.h"

/* Opens an existing store read-only (no migration, no reference reload);
 * PACT_ENOTFOUND when the file does not exist, PACT_EDB when it is not a
 * pactgraph store or its schema is newer than this build. */
PACT_WUR int pact_store_open_readonly(const char *path, pact_store **st, pact_diag *d);

/* Limits of the graph view. */
#define PACT_VIEW_NODES_DEFAULT 150
#define PACT_VIEW_NODES_MAX 2000
#define PACT_VIEW_EDGES_DEFAULT 600
#define PACT_VIEW_EDGES_MAX 20000

typedef struct {
    const char *at;     /* as of this date (YYYY[-MM[-DD]]), NULL = everything */
    const char *from;   /* events since this date, NULL = from the start */
    size_t nodes;       /* at most this many nodes, the most active (0 = default) */
    size_t edges;       /* at most this many ties, the most frequent (0 = default) */
} pact_view_opts;

/* {"at", "from", "range": {"min", "max"}, "nodes": [{"id", "kind", "name",
 * "name_vi", "events", "cooperation", "conflict", "goldstein", "mean"}],
 * "edges": [{"source", "target", "kind": "event", "events", "cooperation",
 * "conflict", "goldstein", "mean"} | {"source": org, "target": member,
 * "kind": "membership", "role", "since", "until", "reference", "evidence"}]}:
 * the actors and groupings, and the ties (events up to `at`, both directions
 * together; the most frequent ones) and memberships valid at `at` (reference
 * facts first, then the best attested; at most `edges` of each). */
PACT_WUR int pact_view_graph_json(pact_store *st, const pact_view_opts *o, pact_json *j);

/* [{"id", "kind", "name", "name_vi", "events"}], the most active first. */
PACT_WUR int pact_view_actors_json(pact_store *st, pact_json *j);

/* {"doc", "article", "title", "title_span", "published", "source_url",
 * "body_text", "sentences": [{"span", "text"}], "entities": [{"id", "kind",
 * "name", "text", "span"}], "events": [{"source", "target", "code", "date",
 * "modality", "goldstein", "quad", "span"}], "memberships": [{"org",
 * "member", "role", "date", "span"}]}. Spans are bytes of the original
 * document; texts are the normalised text the extractor read.
 * PACT_ENOTFOUND when the store holds no such article. */
PACT_WUR int pact_view_article_json(pact_store *st, const char *doc, int article, pact_json *j);

#endif
