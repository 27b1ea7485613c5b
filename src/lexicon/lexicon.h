/*
 * The lexicon: countries, organisations, people with their offices, places,
 * media, loaded from the TSV files in data/ and compiled into a syllable trie for longest
 * match over normalised, case-folded text.
 *
 * Every form is normalised with the text layer and cut into syllables by
 * pact_lex_scan, the same scanner the recogniser runs over article text, so a
 * form matches however the press spaces or cases it. The compiled lexicon is
 * read-only after pact_lexicon_load: threads may share it.
 */
#ifndef PACT_LEXICON_H
#define PACT_LEXICON_H

#include "util/util.h"

typedef struct pact_lexicon pact_lexicon;

PACT_WUR int pact_lexicon_load(const char *data_dir, pact_lexicon **lex, pact_diag *d);
void pact_lexicon_free(pact_lexicon *lex);

/** A hash of the data files' bytes ("lex-<16 hex>"): the store records it so
 *  that records made with different lexicons can be told apart. */
const char *pact_lexicon_version(const pact_lexicon *lex);

typedef enum {
    PACT_LEX_COUNTRY,
    PACT_LEX_ORG,
    PACT_LEX_PERSON,
    PACT_LEX_PLACE,
    PACT_LEX_MEDIA,
    PACT_LEX_TITLE, /* a way of naming an office: id is the office key */
    PACT_LEX_STOP,  /* an ordinary phrase that hides a name ("Chủ Nhật", "trung tâm") */
} pact_lex_kind;

/** One thing the lexicon knows. Strings live as long as the lexicon. */
typedef struct {
    pact_lex_kind kind;
    const char *id;      /* ISO3, org id, person slug, place id, media id, office key */
    const char *name;    /* canonical name (persons), English name (orgs, countries) or NULL */
    const char *country; /* persons and places: the country they belong to, or NULL */
    const char *type;    /* orgs and places: the type column, or NULL */
    const char *scope;   /* titles: "DEU|AUT", the countries this form names the office for; NULL = any */
} pact_lex_entry;

/* Form flags: how a form was written in the data. */
#define PACT_LEXF_CAP       1u /* starts with a capital: the text must too */
#define PACT_LEXF_UPPER     2u /* an acronym of at most 3 letters: the text must be upper case */
#define PACT_LEXF_AMBIGUOUS 4u /* also an ordinary word ("Anh", "Nam"): needs context */
#define PACT_LEXF_BUILTIN   8u /* a safety-net form compiled into the code */
#define PACT_LEXF_COMPOUND 16u /* a country only in compounds ("Trung - Mỹ") */
#define PACT_LEXF_SURNAME  32u /* a person's first or last name alone: only after a title or "ông" */

/** One reading of a form: the entry and how the form was written. */
typedef struct {
    const pact_lex_entry *entry;
    unsigned flags;
} pact_lex_sense;

/* ---- syllables: the unit of matching ---- */

#define PACT_SYL_WORD  0u
#define PACT_SYL_NUM   1u
#define PACT_SYL_PUNCT 2u

#define PACT_SYLF_CAP   1u /* starts with an upper-case letter */
#define PACT_SYLF_UPPER 2u /* every letter upper case (and at least one) */

/** A syllable of a text: its range there and its folded form (lower case;
 *  dashes folded to '-') in a caller's buffer. */
typedef struct {
    size_t start, end;   /* in the scanned text */
    size_t fold, nfold;  /* folded bytes: buf[fold .. fold+nfold) */
    unsigned kind;       /* PACT_SYL_* */
    unsigned flags;      /* PACT_SYLF_* */
} pact_syl;

/** Cuts text[start..end) into syllables: runs of letters and digits, and each
 *  other non-space character alone. Appends the folded forms to fold (whose
 *  ptr the syllables index) and the syllables to *out (grown with
 *  pact__xrealloc; *cap is its capacity). Returns the new count. */
size_t pact_lex_scan(const char *text, size_t start, size_t end, pact_buf *fold,
                     pact_syl **out, size_t n, size_t *cap);

/** A match: the first len syllables read as any of the senses. */
typedef struct {
    size_t len;
    const pact_lex_sense *senses;
    size_t nsenses;
} pact_lex_hit;

/** Every form starting at syls[0] (folded bytes in fold), longest first;
 *  returns how many were written to hits (at most max). No allocation. */
size_t pact_lexicon_match(const pact_lexicon *lex, const pact_syl *syls, size_t n,
                          const char *fold, pact_lex_hit *hits, size_t max);

/** The person with this slug, or NULL. */
const pact_lex_entry *pact_lexicon_person(const pact_lexicon *lex, const char *slug);
/** The entry of a country by ISO3, or NULL. */
const pact_lex_entry *pact_lexicon_country(const pact_lexicon *lex, const char *iso3);

/** One term of office (offices.tsv). Dates are YYYY-MM-DD; end "" = still in office. */
typedef struct {
    const pact_lex_entry *person;
    const char *office, *country;
    char start[11], end[11];
} pact_lex_term;

/** Who held office for country on date (YYYY-MM-DD); NULL when unknown. */
const pact_lex_entry *pact_lexicon_office_holder(const pact_lexicon *lex, const char *office,
                                                 const char *country, const char *date);
/** The terms of a person; *n set to how many. */
const pact_lex_term *pact_lexicon_terms(const pact_lexicon *lex, const char *slug, size_t *n);

#endif
