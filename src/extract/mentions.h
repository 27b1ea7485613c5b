/*
 * Internal to entity recognition (entities.c, persons.c, offices.c): the
 * mentions of an article as syllable ranges, before they become entities.
 */
#ifndef PACT_MENTIONS_H
#define PACT_MENTIONS_H

#include <string.h>

#include "extract/dates.h"
#include "extract/extract.h"
#include "lexicon/lexicon.h"

#define MAX_HITS 8

enum { MK_ENTITY, MK_TITLE };

typedef struct {
    size_t sent;        /* sentence index */
    size_t a, b;        /* syllables [a, b) (article-wide indices) */
    int mk;             /* MK_ENTITY or MK_TITLE */
    pact_entity_kind kind;
    const char *id, *name, *country, *actor;
    const char *office; /* titles: the office key (of the first sense) */
    const pact_lex_sense *tsenses; /* titles: every office the form names */
    size_t ntsenses;
    const char *title_country; /* titles: the one country that follows, if exactly one */
    const char *inner_country; /* titles that name their country: "Thủ tướng Đức" */
    size_t title_end;   /* titles: syllable after the title and its countries */
    bool titled;        /* persons: named with a title before them */
    bool former;        /* persons: "cựu", "nguyên", "cố" before the title or name */
    bool dropped;
    bool tentative;     /* a sentence-initial "Anh": kept only when the article confirms it */
} mention;

typedef struct {
    pact_article_ctx *a;
    const pact_lexicon *lex;
    pact_buf fold;
    pact_syl *syls;
    size_t nsyls, sylcap;
    size_t *sfirst, *sn;   /* per sentence: its syllables */
    unsigned char *covered; /* per syllable: 1 when a mention or a stop phrase holds it */
    unsigned char *title_end; /* per syllable: 1 when a title ends just before it */
    size_t *ent_at;         /* per syllable: 1 + index of the entity mention starting there, or 0 */
    mention *m;
    size_t nm, mcap;
    /* acronyms the article defines */
    struct {
        const char *key; /* folded */
        size_t klen;
        const char *id;
        const char *country; /* when the defining phrase names a country */
    } acr[16];
    size_t nacr;
} rctx;

static inline const pact_syl *S(const rctx *r, size_t i) { return &r->syls[i]; }

static inline bool is(const rctx *r, size_t i, size_t end, const char *w) {
    if (i >= end) return false;
    /* most tests fail on the first byte: no strlen for them */
    if (r->syls[i].nfold && r->fold.ptr[r->syls[i].fold] != w[0]) return false;
    size_t l = strlen(w);
    return r->syls[i].nfold == l && memcmp(r->fold.ptr + r->syls[i].fold, w, l) == 0;
}

static inline bool in_set(const rctx *r, size_t i, size_t end, const char *const *set) {
    for (int k = 0; set[k]; k++)
        if (is(r, i, end, set[k])) return true;
    return false;
}

static inline bool cap_word(const rctx *r, size_t i, size_t end) {
    return i < end && r->syls[i].kind == PACT_SYL_WORD && (r->syls[i].flags & PACT_SYLF_CAP);
}

static inline void cover(rctx *r, size_t a, size_t b) {
    for (size_t i = a; i < b; i++) r->covered[i] = 1;
}

static inline bool prev_is_title(const rctx *r, size_t i) { return r->title_end[i] != 0; }

/* The entity mention starting at syllable i whose kind is in mask (1 << kind), or NULL. */
static inline mention *entity_at(const rctx *r, size_t i, unsigned mask) {
    size_t k = r->ent_at[i];
    if (!k) return NULL;
    mention *m = &r->m[k - 1];
    return m->mk == MK_ENTITY && (mask & (1u << m->kind)) ? m : NULL;
}

/* The sentence holding syllable i. */
static inline size_t sent_of(const rctx *r, size_t i) {
    size_t lo = 0, hi = r->a->nsents;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (r->sfirst[mid] <= i) lo = mid;
        else hi = mid;
    }
    return lo;
}

#define KIND(k) (1u << (k))
#define CO_OR_ORG (KIND(PACT_ENT_COUNTRY) | KIND(PACT_ENT_ORG))

/* entities.c */
mention *pact__mention_add(rctx *r);          /* may move r->m: keep indices, not pointers */
void pact__mentions_reindex(rctx *r);         /* rebuilds ent_at after adding or sorting */
void pact__mention_fill(mention *m, const pact_lex_entry *e);
const char *pact__mention_text(const rctx *r, size_t si, size_t a, size_t b);

/* persons.c: names after titles and honorifics, and short later mentions */
void pact__names_after_titles(rctx *r);
void pact__names_after_honorifics(rctx *r);
void pact__names_short(rctx *r);
void pact__names_single(rctx *r);

/* offices.c: office-holders against the page's date, and titles resolved to holders */
bool pact__holds_office(const pact_lexicon *lex, const char *slug, const char *office, const char *date);
void pact__offices_check_page_date(rctx *r, pact_date_ctx *dc);
void pact__offices_resolve(rctx *r, const pact_date_ctx *dc);

#endif
