/* The event coder on its own: a hand-built article with a tiny recogniser of
 * this test's own (exact names, no lexicon), so that the coder's rules are
 * checked whatever the real recogniser does: roles, pairs, anaphora, dates
 * from context, domains, memberships and spans in the original bytes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "check.h"
#include "extract/extract.h"

static const struct {
    const char *form, *id;
    pact_entity_kind kind;
} names[] = {
    {"Nhật Bản", "JPN", PACT_ENT_COUNTRY}, {"Hàn Quốc", "KOR", PACT_ENT_COUNTRY},
    {"Mỹ", "USA", PACT_ENT_COUNTRY},       {"Australia", "AUS", PACT_ENT_COUNTRY},
    {"Anh", "GBR", PACT_ENT_COUNTRY},      {"Triều Tiên", "PRK", PACT_ENT_COUNTRY},
    {"AUKUS", "AUKUS", PACT_ENT_ORG},      {"Nikkei", "nikkei", PACT_ENT_MEDIA},
};

/* The test's recogniser: every exact occurrence of a name, in order. */
static void recognise(pact_article_ctx *a) {
    for (size_t si = 0; si < a->nsents; si++) {
        pact_sent *s = &a->sents[si];
        const char *t = a->paras[s->para].text;
        s->ent_first = a->rec->nentities;
        for (size_t i = s->start; i < s->end;) {
            size_t best = SIZE_MAX, blen = 0;
            for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
                size_t n = strlen(names[k].form);
                if (i + n <= s->end && !memcmp(t + i, names[k].form, n) && n > blen) {
                    best = k;
                    blen = n;
                }
            }
            if (best == SIZE_MAX) {
                i++;
                continue;
            }
            pact_entity *e = pact__add_entity(a);
            e->kind = names[best].kind;
            e->id = names[best].id;
            e->actor = names[best].kind == PACT_ENT_MEDIA ? NULL : names[best].id;
            e->text = names[best].form;
            e->para = s->para;
            e->nstart = i;
            e->nend = i + blen;
            i += blen;
        }
        s->nents = a->rec->nentities - s->ent_first;
        /* dates: "ngày D/M" read as 2024 */
        s->dates = pact_arena_alloc(a->arena, 4 * sizeof *s->dates);
        const char *d = strstr(t + s->start, "gày ");
        if (d) d--; /* "ngày" or "Ngày" */
        if (d && (size_t)(d - t) < s->end && d[6] >= '0' && d[6] <= '9') {
            unsigned day = (unsigned)atoi(d + 6) % 100u, mon = 0;
            const char *sl = strchr(d + 6, '/');
            if (sl) mon = (unsigned)atoi(sl + 1) % 100u;
            pact_date_mention *m = &s->dates[s->ndates++];
            m->start = (size_t)(d - t);
            m->end = m->start + 9;
            char v[32];
            snprintf(v, sizeof v, "2024-%02u-%02u", mon, day);
            memcpy(m->value, v, sizeof m->value - 1);
        }
    }
}

typedef struct {
    pact_arena *ar;
    pact_record rec;
    pact_article_ctx a;
    char *input;
} doc;

/* One paragraph per line of input; the first line starts at byte `pad` of
 * the input so that spans must be mapped back. */
static void code(doc *dc, const pact_extractor *ex, const char *text) {
    memset(dc, 0, sizeof *dc);
    dc->ar = pact_arena_new();
    dc->a.ex = ex;
    dc->a.arena = dc->ar;
    dc->a.rec = &dc->rec;
    dc->input = pact__xstrdup(text);
    size_t np = 1;
    for (const char *p = text; *p; p++) np += *p == '\n';
    dc->a.paras = pact_arena_alloc(dc->ar, np * sizeof *dc->a.paras);
    dc->a.sents = pact_arena_alloc(dc->ar, 64 * sizeof *dc->a.sents);
    size_t off = 0;
    while (text[off]) {
        size_t len = strcspn(text + off, "\n");
        pact_norm *n = &dc->a.paras[dc->a.nparas];
        if (pact_text_normalize(text + off, len, off, n, NULL) != PACT_OK) break;
        pact_range *rg = NULL;
        size_t ns = pact_sentences_split(n->text, n->len, &rg);
        for (size_t k = 0; k < ns && dc->a.nsents < 64; k++) {
            pact_sent *s = &dc->a.sents[dc->a.nsents++];
            s->para = dc->a.nparas;
            s->start = rg[k].start;
            s->end = rg[k].end;
        }
        free(rg);
        dc->a.nparas++;
        off += len;
        if (text[off] == '\n') off++;
    }
    recognise(&dc->a);
    pact__events_code(&dc->a);
}

static void done(doc *dc) {
    for (size_t p = 0; p < dc->a.nparas; p++) pact_norm_free(&dc->a.paras[p]);
    free(dc->input);
    pact_arena_free(dc->ar);
}

static const pact_event *find(const doc *dc, const char *src, const char *tgt, const char *code) {
    for (size_t k = 0; k < dc->rec.nevents; k++) {
        const pact_event *e = &dc->rec.events[k];
        bool fwd = !strcmp(e->source, src) && !strcmp(e->target, tgt);
        bool rev = !strcmp(e->source, tgt) && !strcmp(e->target, src);
        if ((fwd || rev) && !strncmp(e->code, code, strlen(code))) return e;
    }
    return NULL;
}

static bool has_member(const doc *dc, const char *org, const char *m, pact_role role) {
    for (size_t k = 0; k < dc->rec.nmemberships; k++) {
        const pact_membership *x = &dc->rec.memberships[k];
        if (!strcmp(x->org, org) && !strcmp(x->member, m) && x->role == role) return true;
    }
    return false;
}

int main(void) {
    const char *src = getenv("PACT_SOURCE_DIR");
    if (!src) src = ".";
    char data[4096], probe[4200];
    snprintf(data, sizeof data, "%s/data", src);
    snprintf(probe, sizeof probe, "%s/events.tsv", data);
    struct stat st;
    if (stat(probe, &st) != 0) {
        fprintf(stderr, "no %s: skipped\n", probe);
        return 77;
    }
    pact_diag d;
    pact_diag_init(&d, "data");
    d.quiet = true;
    pact_extractor ex;
    memset(&ex, 0, sizeof ex);
    if (pact__patterns_load(data, &ex.patterns, &d) != PACT_OK) return 1;

    doc dc;
    /* a meeting of three: its pairs, no more */
    code(&dc, &ex, "Mỹ, Nhật Bản và Hàn Quốc họp tại Tokyo ngày 2/6.");
    CHECK(dc.rec.nevents == 3);
    CHECK(find(&dc, "USA", "JPN", "040") && find(&dc, "USA", "KOR", "040") && find(&dc, "JPN", "KOR", "040"));
    CHECK(dc.rec.nevents && !strcmp(dc.rec.events[0].date, "2024-06-02"));
    done(&dc);

    /* the reporter is not the actor; the span is the sentence's, in input bytes */
    code(&dc, &ex, "Tin tức.\nTheo Nikkei, Nhật Bản sẽ ký thỏa thuận với Australia.");
    CHECK(dc.rec.nevents == 1);
    const pact_event *e = find(&dc, "JPN", "AUS", "03");
    CHECK(e != NULL);
    if (e) {
        CHECK(e->modality == PACT_MOD_PLANNED);
        CHECK(e->start == (size_t)(strstr(dc.input, "Theo") - dc.input) && dc.input[e->end - 1] == '.');
    }
    CHECK(!find(&dc, "nikkei", "JPN", "0"));
    done(&dc);

    /* anaphora and a date carried by "cùng ngày" */
    code(&dc, &ex, "Ngày 8/4, Anh và Australia ký thỏa thuận an ninh. Cùng ngày, hai nước kêu gọi Triều Tiên đối thoại.");
    CHECK(find(&dc, "GBR", "AUS", "057") != NULL);
    e = find(&dc, "GBR", "PRK", "026");
    CHECK(e != NULL && !strcmp(e->date, "2024-04-08"));
    CHECK(find(&dc, "AUS", "PRK", "026") != NULL);
    done(&dc);

    /* no date of its own and no continuation: none, never the page's */
    code(&dc, &ex, "Mỹ chỉ trích Triều Tiên.");
    e = find(&dc, "USA", "PRK", "111");
    CHECK(e != NULL && e->date[0] == 0);
    done(&dc);

    /* passive with an agent; negation; domains */
    code(&dc, &ex, "Hàn Quốc bị Triều Tiên tấn công mạng. Nhật Bản không ký hiệp ước với Triều Tiên về tên lửa.");
    CHECK(find(&dc, "PRK", "KOR", "176") != NULL);
    e = find(&dc, "JPN", "PRK", "057");
    CHECK(e != NULL && e->modality == PACT_MOD_NEGATED);
    CHECK(e && e->ndomains >= 1 && !strcmp(e->domains[0], "missile"));
    done(&dc);

    /* memberships */
    code(&dc, &ex, "AUKUS gồm Australia, Anh và Mỹ. Nhật Bản không phải là thành viên của AUKUS.");
    CHECK(has_member(&dc, "AUKUS", "AUS", PACT_ROLE_MEMBER) && has_member(&dc, "AUKUS", "GBR", PACT_ROLE_MEMBER) &&
          has_member(&dc, "AUKUS", "USA", PACT_ROLE_MEMBER));
    CHECK(has_member(&dc, "AUKUS", "JPN", PACT_ROLE_NOT_MEMBER));
    CHECK(dc.rec.nmemberships == 4);
    done(&dc);

    /* the quoted speaker is the source of "chúng tôi" */
    code(&dc, &ex, "“Chúng tôi đang xem xét hợp tác với Nhật Bản”, AUKUS cho biết.");
    e = find(&dc, "AUKUS", "JPN", "03");
    CHECK(e != NULL && e->modality == PACT_MOD_CONSIDERED);
    done(&dc);

    pact__patterns_free(ex.patterns);
    return check_done();
}
