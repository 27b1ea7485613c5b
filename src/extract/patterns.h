/*
 * The event-expression dictionary (data/events.tsv, data/domains.tsv): the
 * Vietnamese words the coder looks for, as sequences of folded syllables, each
 * with what it means (a CAMEO code, a modality, a membership cue, ...).
 * Loaded once, shared read-only.
 */
#ifndef PACT_PATTERNS_H
#define PACT_PATTERNS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "util/util.h"

typedef enum {
    PACT_PK_EVENT,    /* an event expression: value is a CAMEO code, or "-" (blocks) */
    PACT_PK_MODAL,    /* a modality cue: value is a modality name, or "-" */
    PACT_PK_ATTRIB,   /* a reporting lead ("theo", "dẫn lời"): value lead|hearsay */
    PACT_PK_COREF,    /* an anaphor: value one|two|three|group|org|self */
    PACT_PK_DATECUE,  /* the sentence continues the last dated one ("cùng ngày") */
    PACT_PK_MEMBER,   /* a membership cue: value list|join|not|is|candidate|partner|expand */
    PACT_PK_PASSIVE,  /* a passive marker: value agent (được) | undergo (bị) */
    PACT_PK_PREP,     /* what a following actor is: value target|locative|possessor|between|source */
    PACT_PK_CONN,     /* joins actors into one group ("và", "cùng", "–") */
    PACT_PK_REFINE,   /* a complement that refines a code: value FROM>TO ("020>026") */
    PACT_PK_DOMAIN,   /* a domain cue (domains.tsv): value is the domain */
    PACT_PK_COUNT
} pact_pattern_kind;

#define PACT_PF_SYM  1u  /* symmetric: a meeting or agreement among parties */
#define PACT_PF_SAY  2u  /* a statement verb: coded only when nothing more specific is */
#define PACT_PF_NOUN 4u  /* a bare noun: coded only when no verb in the sentence is */
#define PACT_PF_RECV 8u  /* the subject receives: "nhận viện trợ từ X" = X -> subject */
#define PACT_PF_CHAIN 16u /* takes a verb after it ("nhất trí hợp tác"): that verb is the event */
#define PACT_PF_TOPIC 32u /* what follows is its topic ("thảo luận về hợp tác"): not an event */
#define PACT_PF_RESUME 64u /* "nối lại": what it takes happens (again), it is not agreed to */

typedef struct {
    pact_pattern_kind kind;
    char value[24];
    unsigned flags;
    int modality;        /* a modality the expression carries itself, or -1 */
    char **syl;          /* folded syllables; "*" = a gap of 0..3 words */
    size_t nsyl;
    int line;            /* in its file, for messages */
} pact_pattern;

/* One distinct syllable of the dictionary: patterns' syllables point at
 * .s, so a word whose key was interned compares by pointer. [lo, hi) are
 * the patterns (sorted) whose first syllable it is. */
typedef struct {
    char *s;
    uint64_t h;
    size_t lo, hi;
    size_t len;          /* strlen(s) */
    unsigned kinds;      /* bit 1u << kind: some pattern in [lo, hi) is of that kind */
} pact_pattern_syl;

/* Function words the coder's rules test for, keyed once at load time (so a
 * rule compares keys instead of folding the word for every unit). */
typedef enum {
    PACT_W_ONG, PACT_W_BA, PACT_W_CON, PACT_W_TRIEU, PACT_W_TAP, PACT_W_DAI, PACT_W_TOI, PACT_W_DEN,
    PACT_W_SANG, PACT_W_THAM, PACT_W_DA, PACT_W_VUA, PACT_W_TU, PACT_W_NEU, PACT_W_TRONG, PACT_W_TRUONG,
    PACT_W_HOP, PACT_W_DE, PACT_W_NHAM, PACT_W_VIEC, PACT_W_CUA, PACT_W_VE, PACT_W_COUNT
} pact_word_id;

struct pact_patterns {
    pact_pattern *p;     /* sorted by first syllable */
    size_t n;
    pact_pattern_syl *tab; /* open addressing, power-of-two size */
    size_t tcap, tn;
    const char *star;    /* the interned gap "*" (or NULL) */
    char *words[PACT_W_COUNT]; /* keys of pact_word_id (interned when a pattern has them) */
    unsigned owned_words;      /* bit w: words[w] is not interned, free it */
    char *pool;                /* the interned syllables, each after its uint32_t slot in tab */
    size_t pool_len;
};

/* Whether key is one of the dictionary's own (interned) syllables. */
static inline bool pact__patterns_owns(const struct pact_patterns *P, const char *key) {
    return P && key && (uintptr_t)key - (uintptr_t)P->pool < P->pool_len;
}

/* The entry of an interned key (pact__patterns_owns true): no hashing. */
static inline const pact_pattern_syl *pact__patterns_entry(const struct pact_patterns *P, const char *key) {
    uint32_t slot;
    size_t off = (size_t)((uintptr_t)key - (uintptr_t)P->pool); /* >= sizeof slot */
    memcpy(&slot, P->pool + off - sizeof slot, sizeof slot);
    return &P->tab[slot];
}

/* Whether a word key is function word w (false for NULL keys or no
 * dictionary). key is a coder key (pact__units_build): the dictionary's own
 * copy whenever the dictionary holds that text. */
static inline bool pact__key_is(const struct pact_patterns *P, const char *key, pact_word_id w) {
    if (!P || !key || !P->words[w]) return false;
    if (key == P->words[w]) return true;
    /* an interned word would be that very pointer; interned strings are
     * distinct, and none is the text of a word the dictionary lacks */
    if (!(P->owned_words & (1u << w)) || pact__patterns_owns(P, key)) return false;
    return strcmp(key, P->words[w]) == 0;
}

/* The dictionary's own copy of a word key (compare by pointer), or NULL
 * when no pattern uses that syllable. */
const char *pact__patterns_intern(const struct pact_patterns *P, const char *key, size_t len);

/* The matching key of one word: lower case, tone mark moved to the end of the
 * syllable so that 'thoả' and 'thỏa' are the same key. Appends to out. */
void pact__pattern_key(const char *s, size_t len, pact_buf *out);

/* The longest pattern whose kind is in mask (bit 1u << kind) starting at word
 * i of keys[0..n) (a NULL key is a non-word and never matches). Returns it and
 * the number of words it covers in *len, or NULL. */
const pact_pattern *pact__patterns_match(const struct pact_patterns *P, char *const *keys,
                                         size_t n, size_t i, unsigned mask, size_t *len);

/* pact__patterns_match for the coder's keys (pact__units_build): a key that
 * is not the dictionary's own copy starts no pattern, so it costs no lookup. */
const pact_pattern *pact__patterns_match_coder(const struct pact_patterns *P, char *const *keys,
                                               size_t n, size_t i, unsigned mask, size_t *len);

/* Like pact__patterns_match, among patterns whose value starts with prefix. */
const pact_pattern *pact__patterns_match_value(const struct pact_patterns *P, char *const *keys, size_t n,
                                               size_t i, unsigned mask, const char *prefix, size_t *len);

#endif
