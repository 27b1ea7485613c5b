/*
 * The event coder's view of a sentence (events.c, memberships.c): words,
 * punctuation and actor mentions as units; actor mentions joined into groups
 * ("Mỹ, Anh và Australia"); dictionary matches per unit.
 */
#ifndef PACT_CODER_H
#define PACT_CODER_H

#include "extract/extract.h"
#include <string.h>

#include "extract/patterns.h"

#define PACT_UNIT_ACTORS 8
/* Named limit: a "sentence" longer than this many units is a run-on of page
 * text, not a sentence; only its first units are coded (keeps the coder
 * linear in practice: its rules look back and forth within a sentence). */
#define PACT_CODER_MAX_UNITS 600
#define PACT_GROUP_ACTORS 12

typedef enum { PACT_U_WORD, PACT_U_PUNCT, PACT_U_ACTOR, PACT_U_ENT } pact_unit_kind;

/* What introduces a group of actors. */
typedef enum {
    PACT_GP_NONE,
    PACT_GP_TARGET,     /* với, cho, tới, đối với, nhằm vào ... */
    PACT_GP_POSSESSOR,  /* của */
    PACT_GP_LOCATIVE,   /* ở, tại */
    PACT_GP_BETWEEN,    /* giữa */
    PACT_GP_SOURCE,     /* từ */
    PACT_GP_APPOS,      /* in parentheses after a name */
} pact_group_prep;

typedef struct {
    pact_unit_kind kind;
    size_t start, end;              /* in the paragraph's normalised text */
    char *key;                      /* words: matching key (arena) */
    int32_t cp;                     /* punctuation: the code point */
    const char *actors[PACT_UNIT_ACTORS];
    size_t nactors;
    const pact_entity *ent;         /* the entity, or NULL for an anaphor */
    bool is_org;                    /* an organisation (one actor) */
    bool is_place;                  /* a place acting for its country */
    int coref;                      /* anaphor type (0 none) */
    bool excluded;                  /* in a reporting lead: not an actor here */
    bool in_quote;
    bool arrival;                   /* "tới/đến X" read as a visit (events.c) */
    const pact_pattern *ev, *modal, *member, *prep, *conn, *passive, *attrib, *datecue, *refine;
    size_t ev_len, modal_len, member_len, prep_len, conn_len, passive_len, attrib_len, refine_len;
} pact_unit;

typedef struct {
    size_t u0, u1;                  /* units [u0, u1) */
    const char *actors[PACT_GROUP_ACTORS];
    size_t n;
    bool has_org;
    pact_group_prep prep;
    size_t prep_at;                 /* unit of the preposition */
} pact_group;

/* Article-wide memory for anaphora and memberships. */
typedef struct {
    const char **hist;              /* actor mentions in reading order */
    bool *hist_org;
    size_t nhist, hcap;
    const char *last_group[PACT_GROUP_ACTORS];
    size_t nlast_group;
    const char *last_person;        /* the actor of the last person named */
    const char *last_doer;          /* the subject of the last sentence that had one */
    const char *person_cc[8];       /* countries of the last persons named, oldest first */
    size_t nperson_cc;
    size_t last_group_si;           /* the sentence last_group was named in, plus one (0: none) */
} pact_coder_state;

typedef struct {
    pact_article_ctx *a;
    pact_arena *arena;              /* this sentence's scratch, reset after it: nothing
                                       allocated here may reach the record */
    const pact_sent *s;
    size_t si;
    const char *text;               /* the paragraph's text */
    pact_unit *u;
    size_t n;
    char **keys;                    /* per unit, NULL for non-words */
    pact_group *g;
    size_t ng;
    const char *speaker[PACT_GROUP_ACTORS];
    size_t nspeaker;
    int hearsay;                    /* the sentence is hearsay */
} pact_csent;

/* Anaphor types (coref.c). */
enum { PACT_CO_NONE, PACT_CO_ONE, PACT_CO_TWO, PACT_CO_OTHERS, PACT_CO_THREE, PACT_CO_GROUP, PACT_CO_ORG, PACT_CO_SELF,
       PACT_CO_PERSON, /* a bare "ông"/"bà": the last person named */
       PACT_CO_ACT /* "quyết định này": the doer of the act told before */ };

/* units.c: the sentence as units, its dictionary matches, reporting leads,
 * and its groups of actors. */
void pact__units_build(pact_csent *cs);
void pact__units_annotate(pact_csent *cs);
void pact__units_mark_attributions(pact_csent *cs);
void pact__groups_build(pact_csent *cs);
bool pact__unit_capitalised(const pact_csent *cs, size_t k);

/* coref.c: anaphors collapsed into units, resolved against what the article
 * named before; the speaker of a quotation for "chúng tôi". */
void pact__coref_collapse(pact_csent *cs);
void pact__coref_resolve(pact_csent *cs, pact_coder_state *st);
void pact__coref_speaker(pact_csent *cs);

/* memberships.c: membership statements of one sentence. */
void pact__memberships_code(pact_csent *cs, pact_coder_state *st);
/* events.c helpers shared with memberships.c */
const char *pact__coder_last_org(const pact_coder_state *st);
void pact__coder_sentence_date(const pact_csent *cs, size_t unit, char out[11]);

/* Small predicates shared by the coder's files. */
static inline bool pact__is_comma(const pact_unit *u) { return u->kind == PACT_U_PUNCT && (u->cp == ',' || u->cp == 0x3001); }

static inline bool pact__is_open_quote(const pact_unit *u) {
    return u->kind == PACT_U_PUNCT && (u->cp == 0x201C || u->cp == 0xAB || u->cp == '"');
}

static inline bool pact__is_dash(int32_t c) { return c == '-' || c == 0x2013 || c == 0x2014 || c == 0x2012 || c == '/'; }

static inline bool pact__is_trigger_unit(const pact_unit *u) { return u->ev && strcmp(u->ev->value, "-") != 0; }

static inline bool pact__in_list(const char *const *l, size_t n, const char *id) {
    for (size_t k = 0; k < n; k++)
        if (l[k] == id || (l[k] && id && !strcmp(l[k], id))) return true;
    return false;
}

static inline bool pact__subset(const char *const *a, size_t na, const char *const *b, size_t nb) {
    for (size_t k = 0; k < na; k++)
        if (!pact__in_list(b, nb, a[k])) return false;
    return true;
}

static inline bool pact__clause_break(const pact_unit *u) {
    return u->kind == PACT_U_PUNCT && (u->cp == ';' || u->cp == ':' || u->cp == '.' || u->cp == '!' || u->cp == '?');
}

static inline const struct pact_patterns *pact__pats(const pact_csent *cs) { return cs->a->ex ? cs->a->ex->patterns : NULL; }

/* The first group starting in units [from, to). */
static inline const pact_group *pact__group_from(const pact_csent *cs, size_t from, size_t to) {
    for (size_t k = 0; k < cs->ng; k++)
        if (cs->g[k].u0 >= from && cs->g[k].u0 < to) return &cs->g[k];
    return NULL;
}

#endif
