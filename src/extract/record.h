/*
 * The extraction record (../shared/spec/OUTPUT.md): one per article found.
 * Everything in it lives in the arena of the document it came from.
 */
#ifndef PACT_RECORD_H
#define PACT_RECORD_H

#include <stdbool.h>

#include "util/util.h"

typedef enum {
    PACT_ENT_COUNTRY,
    PACT_ENT_ORG,
    PACT_ENT_PERSON,
    PACT_ENT_PLACE,
    PACT_ENT_MEDIA,
} pact_entity_kind;

/* One mention of an entity in the title or body. */
typedef struct {
    pact_entity_kind kind;
    const char *id;       /* ACTORS.md id: ISO3, org id, person slug, place id */
    const char *name;     /* persons: canonical full name; else NULL */
    const char *country;  /* persons, places: the country they belong to, or NULL */
    const char *actor;    /* what this mention codes to as a doer: a country or
                             org id; NULL for media and regions */
    const char *text;     /* the mention as written (normalised) */
    size_t start, end;    /* span in the original input */
    /* where it sits, for the coder */
    size_t para;          /* index of the paragraph in the article (title = 0) */
    size_t nstart, nend;  /* span in that paragraph's normalised text */
} pact_entity;

typedef enum {
    PACT_MOD_ASSERTED,
    PACT_MOD_PLANNED,
    PACT_MOD_CONSIDERED,
    PACT_MOD_POSSIBLE,
    PACT_MOD_NEGATED,
    PACT_MOD_REPORTED,
} pact_modality;

#define PACT_MAX_DOMAINS 8

typedef struct {
    const char *source, *target;  /* actor ids */
    char code[5];                 /* CAMEO code, 2 to 4 digits */
    char date[11];                /* YYYY-MM-DD, YYYY-MM, YYYY, --MM-DD, or "" */
    pact_modality modality;
    const char *place;            /* place id or NULL */
    const char *domains[PACT_MAX_DOMAINS];
    size_t ndomains;
    size_t start, end;            /* the sentence's span in the original input */
} pact_event;

typedef enum {
    PACT_ROLE_MEMBER,
    PACT_ROLE_PARTNER,
    PACT_ROLE_CANDIDATE,
    PACT_ROLE_NOT_MEMBER,
} pact_role;

typedef struct {
    const char *org, *member;
    pact_role role;
    char date[11];                /* as for events; "" = null */
    size_t start, end;            /* the sentence's span */
} pact_membership;

/* A sentence of the article, kept for the store and for evidence. */
typedef struct {
    const char *text;             /* normalised */
    size_t start, end;            /* span in the original input */
} pact_sentence;

typedef struct {
    size_t start, end;
} pact_span;

typedef struct {
    const char *doc;
    int article;
    const char *source_url;       /* when known (WARC, canonical link) */
    const char *title;            /* NULL when none */
    pact_span title_span;
    char published[11];           /* "" = null */
    pact_span *body_spans;
    size_t nbody;
    const char *body_text;
    pact_entity *entities;
    size_t nentities;
    pact_event *events;
    size_t nevents;
    pact_membership *memberships;
    size_t nmemberships;
    pact_sentence *sentences;
    size_t nsentences;
    const char **notes;           /* e.g. the dateline contradicts the text */
    size_t nnotes;
} pact_record;

const char *pact_entity_kind_name(pact_entity_kind k);
const char *pact_modality_name(pact_modality m);
const char *pact_role_name(pact_role r);
/* Parses the names above back; -1 when unknown. */
int pact_entity_kind_parse(const char *s);
int pact_modality_parse(const char *s);
int pact_role_parse(const char *s);

/* Appends the record as one line of JSON (with the trailing newline). */
PACT_WUR int pact_record_write_json(const pact_record *r, pact_buf *out);

#endif
