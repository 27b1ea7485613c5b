/*
 * The lexicon: countries, organisations, people with their offices, places,
 * media, loaded from the TSV files in data/ and compiled into a syllable trie for longest
 * match over normalised, case-folded text.
 */
#ifndef PACT_LEXICON_H
#define PACT_LEXICON_H

#include "util/util.h"

typedef struct pact_lexicon pact_lexicon;

PACT_WUR int pact_lexicon_load(const char *data_dir, pact_lexicon **lex, pact_diag *d);
void pact_lexicon_free(pact_lexicon *lex);

#endif
