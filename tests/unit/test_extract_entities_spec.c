/* Runs tests/spec/entities.txt: each case is one paragraph; the expected list is
 * its entities in order as kind:id (with "@ACTOR", "@-" for none, to check the
 * actor too), then, when the case lists any, its dates as date:VALUE.
 * Runs against the test fixture lexicon, and against data/ when it is there. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "check.h"
#include "extract/extract.h"
#include "test_extract_spec.h"

static const char *lexname;

static void run(const spec_case *c, void *u) {
    const pact_extractor *ex = u;
    pact_arena *ar = pact_arena_new();
    pact_record rec;
    memset(&rec, 0, sizeof rec);
    pact_article_ctx a;
    memset(&a, 0, sizeof a);
    a.ex = ex;
    a.arena = ar;
    a.rec = &rec;
    a.page_date = c->date[0] ? c->date : NULL;
    a.paras = pact_arena_alloc(ar, sizeof *a.paras);
    if (pact_text_normalize(c->input, strlen(c->input), 0, &a.paras[0], NULL) != PACT_OK) {
        check_failures++;
        pact_arena_free(ar);
        return;
    }
    a.nparas = 1;
    pact_range *rg = NULL;
    size_t ns = pact_sentences_split(a.paras[0].text, a.paras[0].len, &rg);
    a.sents = pact_arena_alloc(ar, (ns ? ns : 1) * sizeof *a.sents);
    for (size_t k = 0; k < ns; k++) {
        pact_sent *s = &a.sents[a.nsents++];
        s->para = 0;
        s->start = rg[k].start;
        s->end = rg[k].end;
        pact_token *toks = NULL;
        s->ntoks = pact_tokenize(a.paras[0].text, s->start, s->end, &toks);
        free(toks);
        s->toks = NULL;
        s->ntoks = 0;
    }
    free(rg);
    pact__entities_recognize(&a);

    bool want_dates = strstr(c->expected, "date:") != NULL;
    /* build "got" in the expected's shape: an item carries @actor only when the expected one does */
    char got[4096] = "", full[4096] = "";
    size_t gl = 0, fl = 0;
    const char *ep = c->expected;
    for (size_t i = 0; i < rec.nentities; i++) {
        const pact_entity *e = &rec.entities[i];
        char item[512];
        snprintf(item, sizeof item, "%s:%s", pact_entity_kind_name(e->kind), e->id ? e->id : "?");
        /* the expected item at this position */
        while (*ep == ' ') ep++;
        const char *ee = ep;
        while (*ee && *ee != ' ') ee++;
        bool with_actor = memchr(ep, '@', (size_t)(ee - ep)) != NULL;
        ep = ee;
        char act[300];
        snprintf(act, sizeof act, "@%s", e->actor ? e->actor : "-");
        gl += (size_t)snprintf(got + gl, sizeof got - gl, "%s%s%s", gl ? " " : "", item, with_actor ? act : "");
        fl += (size_t)snprintf(full + fl, sizeof full - fl, "%s%s%s[%s]", fl ? " " : "", item, act,
                               e->text ? e->text : "");
        if (gl >= sizeof got || fl >= sizeof full) break;
    }
    if (want_dates)
        for (size_t k = 0; k < a.nsents; k++)
            for (size_t d = 0; d < a.sents[k].ndates; d++)
                gl += (size_t)snprintf(got + gl, sizeof got - gl, "%sdate:%s", gl ? " " : "",
                                       a.sents[k].dates[d].value);
    if (!gl) snprintf(got, sizeof got, "-");
    check_count++;
    if (strcmp(got, c->expected) != 0) {
        check_failures++;
        fprintf(stderr, "entities.txt:%zu [%s]: %s\n  page date: %s\n  expected: %s\n  got:      %s\n  detail:   %s\n",
                c->line, lexname, c->input, c->date[0] ? c->date : "none", c->expected, got, full);
    }
    pact_omap_free(&a.paras[0].map);
    free(a.paras[0].text);
    pact_arena_free(ar);
}

static int run_with(const char *dir, const char *spec) {
    pact_diag d;
    pact_diag_init(&d, "lexicon");
    d.quiet = true;
    pact_extractor *ex = NULL;
    if (pact_extractor_new(dir, &ex, &d) != PACT_OK) {
        fprintf(stderr, "cannot load the lexicon from %s\n", dir);
        return -1;
    }
    int rc = spec_each(spec, run, ex);
    pact_extractor_free(ex);
    return rc;
}

int main(void) {
    const char *src = getenv("PACT_SOURCE_DIR");
    if (!src) src = ".";
    char spec[4096], fixture[4096], data[4096], probe[4200];
    snprintf(spec, sizeof spec, "%s/tests/spec/entities.txt", src);
    snprintf(fixture, sizeof fixture, "%s/tests/fixtures/lexicon", src);
    snprintf(data, sizeof data, "%s/data", src);
    lexname = "fixture";
    if (run_with(fixture, spec) != 0) return 1;
    /* the real lexicon, once its people and offices are there */
    struct stat st;
    snprintf(probe, sizeof probe, "%s/persons.tsv", data);
    if (stat(probe, &st) == 0 && !getenv("PACT_SPEC_FIXTURE_ONLY")) {
        lexname = "data";
        if (run_with(data, spec) != 0) return 1;
    }
    return check_done();
}
