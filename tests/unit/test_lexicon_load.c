/* The lexicon compiler: loading the fixture, longest match over syllables,
 * the flags of forms, offices on a date, the version hash, missing files. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "lexicon/lexicon.h"
#include "text/text.h"

/* Scans text and returns the longest hit at syllable k (its length in *len), or NULL. */
static const pact_lex_sense *longest(const pact_lexicon *lex, const char *text, size_t k, size_t *len) {
    pact_buf fold;
    pact_buf_init(&fold, 0);
    pact_syl *syls = NULL;
    size_t cap = 0;
    size_t n = pact_lex_scan(text, 0, strlen(text), &fold, &syls, 0, &cap);
    pact_lex_hit hits[8];
    size_t nh = k < n ? pact_lexicon_match(lex, syls + k, n - k, fold.ptr, hits, 8) : 0;
    const pact_lex_sense *s = nh ? hits[0].senses : NULL;
    *len = nh ? hits[0].len : 0;
    free(syls);
    pact_buf_free(&fold);
    return s;
}

/* Whether the form (the whole text) has a sense of this kind, with all of flags set. */
static bool has_sense(const pact_lexicon *lex, const char *text, pact_lex_kind kind, unsigned flags) {
    pact_buf fold;
    pact_buf_init(&fold, 0);
    pact_syl *syls = NULL;
    size_t cap = 0;
    size_t n = pact_lex_scan(text, 0, strlen(text), &fold, &syls, 0, &cap);
    pact_lex_hit hits[8];
    size_t nh = n ? pact_lexicon_match(lex, syls, n, fold.ptr, hits, 8) : 0;
    bool found = false;
    for (size_t h = 0; h < nh; h++)
        for (size_t k = 0; hits[h].len == n && k < hits[h].nsenses; k++)
            if (hits[h].senses[k].entry->kind == kind && (hits[h].senses[k].flags & flags) == flags) found = true;
    free(syls);
    pact_buf_free(&fold);
    return found;
}

int main(void) {
    const char *src = getenv("PACT_SOURCE_DIR");
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/tests/fixtures/lexicon", src ? src : ".");
    pact_diag d;
    pact_diag_init(&d, "lexicon");
    d.quiet = true;
    pact_lexicon *lex = NULL;
    CHECK(pact_lexicon_load(dir, &lex, &d) == PACT_OK);
    CHECK(d.warnings == 0);

    /* the scanner: syllables, punctuation alone, folded, flags */
    pact_buf fold;
    pact_buf_init(&fold, 0);
    pact_syl *syls = NULL;
    size_t cap = 0;
    const char *t = "Mỹ – NATO, ngày 31.5";
    size_t n = pact_lex_scan(t, 0, strlen(t), &fold, &syls, 0, &cap);
    CHECK(n == 8);
    CHECK(syls[0].flags & PACT_SYLF_CAP);
    CHECK(syls[1].kind == PACT_SYL_PUNCT && fold.ptr[syls[1].fold] == '-');
    CHECK((syls[2].flags & PACT_SYLF_UPPER) && syls[2].nfold == 4 && memcmp(fold.ptr + syls[2].fold, "nato", 4) == 0);
    CHECK(syls[5].kind == PACT_SYL_NUM && syls[6].kind == PACT_SYL_PUNCT);
    CHECK(memcmp(fold.ptr + syls[0].fold, "mỹ", syls[0].nfold) == 0);
    free(syls);
    pact_buf_free(&fold);

    /* longest match: the peninsula, not the country */
    size_t len;
    const pact_lex_sense *s = longest(lex, "phi hạt nhân hóa Bán đảo Triều Tiên", 4, &len);
    CHECK(s && len == 4 && s->entry->kind == PACT_LEX_PLACE);
    CHECK_STR(s ? s->entry->id : NULL, "korean-peninsula");
    s = longest(lex, "Ấn Độ Dương", 0, &len);
    CHECK(s && len == 3 && s->entry->kind == PACT_LEX_PLACE);
    s = longest(lex, "Ấn Độ và Nhật", 0, &len);
    CHECK(s && len == 2 && s->entry->kind == PACT_LEX_COUNTRY);
    CHECK_STR(s ? s->entry->id : NULL, "IND");
    /* case and tone-mark placement do not matter to the match; the flags keep the case */
    s = longest(lex, "HÀN QUỐC", 0, &len);
    CHECK(s && len == 2);
    CHECK_STR(s ? s->entry->id : NULL, "KOR");
    s = longest(lex, "Anh", 0, &len);
    CHECK(s && (s->flags & PACT_LEXF_AMBIGUOUS) && (s->flags & PACT_LEXF_CAP));
    s = longest(lex, "Trung", 0, &len);
    CHECK(s && (s->flags & PACT_LEXF_COMPOUND));
    s = longest(lex, "UN", 0, &len);
    CHECK(s && (s->flags & PACT_LEXF_UPPER));
    s = longest(lex, "Zelensky", 0, &len);
    CHECK(s && (s->flags & PACT_LEXF_SURNAME) && s->entry->kind == PACT_LEX_PERSON);
    s = longest(lex, "Tổng thống Ukraine Volodymyr Zelensky", 3, &len);
    CHECK(s && len == 2 && !(s->flags & PACT_LEXF_SURNAME));
    CHECK_STR(s ? s->entry->name : NULL, "Volodymyr Zelensky");
    s = longest(lex, "trung tâm", 0, &len);
    CHECK(s && s->entry->kind == PACT_LEX_STOP);
    s = longest(lex, "xyz", 0, &len);
    CHECK(s == NULL);

    /* first and last names alone: not a regnal number or Jr., not a word that names
     * anything else, not the words of a Vietnamese name */
    CHECK(longest(lex, "II", 0, &len) == NULL);
    CHECK(longest(lex, "III", 0, &len) == NULL);
    CHECK(longest(lex, "Jr.", 0, &len) == NULL);
    CHECK(!has_sense(lex, "Charles", PACT_LEX_PERSON, 0));
    CHECK(has_sense(lex, "Marcos", PACT_LEX_PERSON, PACT_LEXF_SURNAME));
    CHECK(has_sense(lex, "Ferdinand", PACT_LEX_PERSON, PACT_LEXF_SURNAME));
    CHECK(!has_sense(lex, "Israel", PACT_LEX_PERSON, 0));
    CHECK(has_sense(lex, "Israel", PACT_LEX_COUNTRY, 0));
    CHECK(has_sense(lex, "Katz", PACT_LEX_PERSON, PACT_LEXF_SURNAME));
    CHECK(!has_sense(lex, "Wellington", PACT_LEX_PERSON, 0));
    CHECK(has_sense(lex, "Koo", PACT_LEX_PERSON, PACT_LEXF_SURNAME));
    CHECK(longest(lex, "Chính", 0, &len) == NULL);
    CHECK(longest(lex, "Phạm", 0, &len) == NULL);
    CHECK(has_sense(lex, "Zelensky", PACT_LEX_PERSON, PACT_LEXF_SURNAME));
    /* the flag column of orgs, places, media; a capital on the first syllable only binds */
    CHECK(has_sense(lex, "Dân trí", PACT_LEX_MEDIA, PACT_LEXF_AMBIGUOUS | PACT_LEXF_CAP));
    CHECK(has_sense(lex, "Báo Dân trí", PACT_LEX_MEDIA, PACT_LEXF_AMBIGUOUS));
    CHECK(!has_sense(lex, "AFP", PACT_LEX_MEDIA, PACT_LEXF_AMBIGUOUS));
    CHECK(!has_sense(lex, "CSIS", PACT_LEX_ORG, PACT_LEXF_AMBIGUOUS));
    CHECK(has_sense(lex, "Pháp quốc", PACT_LEX_COUNTRY, PACT_LEXF_CAP));
    CHECK(!has_sense(lex, "Bán đảo Triều Tiên", PACT_LEX_PLACE, PACT_LEXF_CAP));
    CHECK(has_sense(lex, "Ấn Độ Dương", PACT_LEX_PLACE, PACT_LEXF_CAP));

    /* offices on a date */
    const pact_lex_entry *p = pact_lexicon_office_holder(lex, "pm", "JPN", "2024-04-09");
    CHECK_STR(p ? p->id : NULL, "fumio-kishida");
    p = pact_lexicon_office_holder(lex, "pm", "JPN", "2025-01-01");
    CHECK_STR(p ? p->id : NULL, "shigeru-ishiba");
    CHECK(pact_lexicon_office_holder(lex, "pm", "JPN", "2019-01-01") == NULL);
    size_t nt;
    const pact_lex_term *terms = pact_lexicon_terms(lex, "antony-blinken", &nt);
    CHECK(nt == 1 && terms && strcmp(terms[0].office, "fm") == 0);
    CHECK(pact_lexicon_person(lex, "joe-biden") != NULL);
    CHECK(pact_lexicon_country(lex, "GBR") != NULL);

    /* the version: a stable hash of the files */
    const char *v = pact_lexicon_version(lex);
    CHECK(strncmp(v, "lex-", 4) == 0 && strlen(v) == 20);
    pact_lexicon *again = NULL;
    CHECK(pact_lexicon_load(dir, &again, &d) == PACT_OK);
    CHECK_STR(pact_lexicon_version(again), v);
    pact_lexicon_free(again);
    pact_lexicon_free(lex);

    /* a missing directory: warnings, an empty lexicon, no failure */
    pact_diag_init(&d, "lexicon");
    d.quiet = true;
    CHECK(pact_lexicon_load("/nonexistent-pactgraph-dir", &lex, &d) == PACT_OK);
    CHECK(d.warnings >= 8);
    s = longest(lex, "Mỹ", 0, &len);
    CHECK(s == NULL);
    pact_lexicon_free(lex);
    return check_done();
}
