/*
 * Extraction: from a page's articles to extraction records. The pipeline
 * (pipeline.c) normalises each paragraph, splits sentences, tokenises, then
 * hands the article to the recogniser (entities.c: entities and dates) and the
 * coder (events.c: events, memberships), which share the article context below.
 */
#ifndef PACT_EXTRACT_H
#define PACT_EXTRACT_H

#include "extract/record.h"
#include "page/page.h"
#include "text/text.h"

struct pact_lexicon;   /* lexicon/lexicon.h */
struct pact_patterns;  /* extract/patterns.h: the event-expression dictionary */

/* Everything extraction needs that is loaded once and shared read-only by every
 * document (and thread). */
typedef struct {
    struct pact_lexicon *lex;
    struct pact_patterns *patterns;
    char data_dir[4096];
} pact_extractor;

/* Loads data/ (PACT_DATA_DIR, else the source tree's, else the installed one). */
PACT_WUR int pact_extractor_new(const char *data_dir, pact_extractor **ex, pact_diag *d);
void pact_extractor_free(pact_extractor *ex);
/* The data directory in use: dir if given, else $PACT_DATA_DIR, else the build's. */
const char *pact_data_dir(const char *dir);

/* A date expression found in a sentence, read against the page's date. */
typedef struct {
    size_t start, end;         /* range in the paragraph's normalised text */
    char value[11];            /* YYYY-MM-DD, YYYY-MM, YYYY or --MM-DD */
} pact_date_mention;

/* One sentence of an article. */
typedef struct {
    size_t para;               /* paragraph index: 0 is the title (when present) */
    size_t start, end;         /* range in paras[para].text */
    pact_token *toks;          /* tokens of the sentence (arena) */
    size_t ntoks;
    size_t ent_first, nents;   /* its entities: rec->entities[ent_first .. +nents) */
    pact_date_mention *dates;  /* its date expressions (filled by the recogniser) */
    size_t ndates;
    char date_context[11];     /* the last date read in its paragraph up to and including
                                  this sentence, "" when none (filled by the recogniser) */
    bool is_title;
} pact_sent;

/* The article being extracted. */
typedef struct {
    const pact_extractor *ex;
    pact_arena *arena;
    pact_record *rec;
    const char *page_date;     /* the page's date (YYYY-MM-DD) to read dates against, or NULL */
    pact_norm *paras;          /* normalised paragraphs; paras[i].map -> input bytes */
    size_t nparas;
    bool has_title;            /* paras[0] is the title */
    const pact_block_kind *para_kind; /* each paragraph's block kind: body, lead and
                                 sub-heading paragraphs are the article's body;
                                 captions are read for entities and events but
                                 are not part of body_spans or body_text */
    pact_sent *sents;
    size_t nsents;
    size_t ent_cap, ev_cap, ms_cap;
    pact_diag *diag;
} pact_article_ctx;

/* Growing the record's arrays (in the arena). */
pact_entity *pact__add_entity(pact_article_ctx *a);
pact_event *pact__add_event(pact_article_ctx *a);
pact_membership *pact__add_membership(pact_article_ctx *a);
/* Input-byte span of a range of paragraph p's normalised text. */
pact_span pact__input_span(const pact_article_ctx *a, size_t para, size_t start, size_t end);

/* Stage hooks called by the pipeline, in this order. */
/* entities.c: fills rec->entities, each sentence's ent_first/nents, and (with
 * dates.c) each sentence's dates. */
void pact__entities_recognize(pact_article_ctx *a);
/* events.c: fills rec->events and rec->memberships. */
void pact__events_code(pact_article_ctx *a);
/* patterns.c: loads the event dictionary from data_dir. */
PACT_WUR int pact__patterns_load(const char *data_dir, struct pact_patterns **p, pact_diag *d);
void pact__patterns_free(struct pact_patterns *p);

/* Extracts every article of a page; *recs in arena. Returns the count. */
size_t pact_extract_page(const pact_extractor *ex, const pact_page *page, pact_arena *arena,
                         pact_record **recs, pact_diag *d);

#endif
