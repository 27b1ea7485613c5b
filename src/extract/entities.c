/*
 * Entity recognition: longest match of lexicon forms over the syllables of
 * each sentence, and the context rules that keep ordinary words ("anh ấy",
 * "miền Nam", "Trung tâm", "Nguyễn Văn Anh") from reading as countries; bodies
 * the text defines by an acronym; then the article-level steps in order:
 * names (persons.c), the page's date against the office-holders named
 * (offices.c), dates (dates.c), titles resolved to their holders (offices.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "extract/mentions.h"

#define MAX_SENT_DATES 16




/* ---- small helpers ---- */





mention *pact__mention_add(rctx *r) {
    if (r->nm == r->mcap) {
        r->mcap = r->mcap ? r->mcap * 2 : 64;
        r->m = pact__xrealloc(r->m, r->mcap * sizeof *r->m);
    }
    mention *m = &r->m[r->nm++];
    memset(m, 0, sizeof *m);
    return m;
}


static const char *const kin[] = {"ông", "bà", "chị", "em", "anh", "cô", "chú", "bác", "cháu",
                                  "cậu", "con", "bạn", "dì", "thím", "cụ", "vợ", "chồng", "mẹ",
                                  "bố", "cha", "ngài", "tên", "gã", "bé", "chàng", "nàng", NULL};
static const char *const pronoun_after[] = {"ấy", "ta", "em", "chị", "trai", "ruột", "rể", "họ",
                                            "tôi", "mình", "chàng", "nói", NULL};
static const char *const directions[] = {"nam", "bắc", "đông", "tây", "trung", NULL};
/* Syllables of Vietnamese personal names (family names and common given names):
 * a single-syllable country right after one is part of a name ("Nguyễn Văn Anh",
 * "Lê Hoàng Anh"), while after a capitalised title word it is not ("Thượng đỉnh Mỹ"). */
static const char *const vn_name_syllables[] = {
    "nguyễn", "trần", "lê", "phạm", "hoàng", "huỳnh", "phan", "vũ", "võ", "đặng", "bùi", "đỗ",
    "hồ", "ngô", "dương", "lý", "đinh", "trịnh", "lâm", "mai", "đào", "cao", "lương", "trương",
    "văn", "thị", "hữu", "đức", "minh", "quang", "thanh", "tuấn", "hà", "tô", "tạ", "bảo", "châu",
    "dũng", "hải", "hùng", "hương", "lan", "linh", "long", "ngọc", "phương", "sơn", "thảo", "thu",
    "trang", "tú", "vân", "việt", "xuân", "yến", "hoa", "hồng", "hạnh", "hiền", "huy", "khánh",
    "kiên", "loan", "my", "nhung", "phong", "phúc", "tâm", "thắng", "thịnh", "tiến", "toàn", "trí",
    "tùng", "vinh", "hiếu", "đạt", "duy", "giang", "hằng", "kim", "diệu", "thùy", "thúy", "quỳnh",
    "công", "đình", "xuân", "gia", "khắc", "bá", "trọng", "chí", "thế", "mạnh", NULL};
static const char *const former_words[] = {"cựu", "nguyên", "cố", NULL};

/* ---- the context rules for a lexicon sense ---- */

static bool starts_hit(const rctx *r, size_t i, size_t end) {
    pact_lex_hit hits[MAX_HITS];
    size_t nh = pact_lexicon_match(r->lex, r->syls + i, end - i, r->fold.ptr, hits, MAX_HITS);
    for (size_t h = 0; h < nh; h++)
        for (size_t k = 0; k < hits[h].nsenses; k++)
            if (hits[h].senses[k].entry->kind != PACT_LEX_STOP &&
                !(hits[h].senses[k].flags & (PACT_LEXF_SURNAME | PACT_LEXF_COMPOUND | PACT_LEXF_AMBIGUOUS)))
                return true;
    return false;
}



/* Rebuilds ent_at after mentions were added or sorted. */
void pact__mentions_reindex(rctx *r) {
    memset(r->ent_at, 0, (r->nsyls + 1) * sizeof *r->ent_at);
    for (size_t k = 0; k < r->nm; k++)
        if (r->m[k].mk == MK_ENTITY && !r->ent_at[r->m[k].a]) r->ent_at[r->m[k].a] = k + 1;
}


static bool accept(const rctx *r, size_t first, size_t end, size_t i, size_t len,
                   const pact_lex_sense *se) {
    const pact_lex_entry *e = se->entry;
    const pact_syl *s = S(r, i);
    if (se->flags & PACT_LEXF_SURNAME) return false; /* read after titles and honorifics only */
    if (e->kind == PACT_LEX_STOP || e->kind == PACT_LEX_TITLE) return true;
    if ((se->flags & PACT_LEXF_CAP) && !(s->flags & PACT_SYLF_CAP)) return false;
    if ((se->flags & PACT_LEXF_UPPER) && !(s->flags & PACT_SYLF_UPPER)) return false;
    bool single = len == 1 && (e->kind == PACT_LEX_COUNTRY || (se->flags & PACT_LEXF_AMBIGUOUS));
    if (!single) return true;
    bool titled = prev_is_title(r, i);
    size_t p = i > first ? i - 1 : SIZE_MAX, q = i + len;
    /* a kin word before it: "chị Anh", "ông Nam" */
    if (p != SIZE_MAX && in_set(r, p, end, kin) && !titled) return false;
    /* a pronoun after it: "Anh ấy" */
    if (in_set(r, q, end, pronoun_after)) return false;
    /* in a compound of countries it is one: "Trung - Mỹ", "Thượng đỉnh Mỹ - Triều" */
    bool before = p != SIZE_MAX && is(r, p, end, "-") && p > first && cap_word(r, p - 1, end);
    bool after = is(r, q, end, "-") && cap_word(r, q + 1, end);
    if (before || after) return true;
    /* "Nam", "Trung" ... read as countries only in compounds */
    if (in_set(r, i, end, directions) || (se->flags & PACT_LEXF_COMPOUND)) return false;
    /* part of a person's name: "Nguyễn Văn Anh", "Anh Tuấn" */
    if (!titled && p != SIZE_MAX && !r->covered[p] && cap_word(r, p, end) && in_set(r, p, end, vn_name_syllables))
        return false;
    if (!titled && cap_word(r, q, end) && !starts_hit(r, q, end)) return false;
    return true;
}

static const char *actor_of_place(const pact_lex_entry *e) {
    static const char *const acting[] = {"capital", "seat", "ministry", "force", NULL};
    if (!e->type || !e->country) return NULL;
    for (int k = 0; acting[k]; k++)
        if (strcmp(e->type, acting[k]) == 0) return e->country;
    return NULL;
}

void pact__mention_fill(mention *m, const pact_lex_entry *e) {
    m->id = e->id;
    switch (e->kind) {
    case PACT_LEX_COUNTRY:
        m->kind = PACT_ENT_COUNTRY;
        m->actor = e->id;
        break;
    case PACT_LEX_ORG:
        m->kind = PACT_ENT_ORG;
        m->actor = e->id;
        break;
    case PACT_LEX_PERSON:
        m->kind = PACT_ENT_PERSON;
        m->name = e->name;
        m->country = e->country;
        m->actor = e->country;
        break;
    case PACT_LEX_PLACE:
        m->kind = PACT_ENT_PLACE;
        m->country = e->country;
        m->actor = actor_of_place(e);
        /* a ministry or a force acts as its country: the scorer and the coder see the country */
        if (m->actor && e->type && (strcmp(e->type, "ministry") == 0 || strcmp(e->type, "force") == 0) &&
            strlen(m->actor) == 3) {
            m->kind = PACT_ENT_COUNTRY;
            m->id = m->actor;
            m->country = NULL;
        }
        break;
    default:
        m->kind = PACT_ENT_MEDIA;
        break;
    }
}

/* The country whose name lies inside syllables (a, b) ("Văn phòng Tổng thống
 * Ukraine", "Thủ tướng Đức"): its entry, and its range in *ca, *cb. */
static const pact_lex_entry *country_inside(const rctx *r, size_t a, size_t b, bool ambiguous_ok, size_t *ca,
                                            size_t *cb) {
    for (size_t j = a + 1; j < b; j++) {
        pact_lex_hit hits[MAX_HITS];
        size_t nh = pact_lexicon_match(r->lex, r->syls + j, b - j, r->fold.ptr, hits, MAX_HITS);
        for (size_t h = 0; h < nh; h++)
            for (size_t k = 0; k < hits[h].nsenses; k++) {
                unsigned fl = hits[h].senses[k].flags;
                if (hits[h].senses[k].entry->kind != PACT_LEX_COUNTRY || (fl & PACT_LEXF_SURNAME) ||
                    ((fl & PACT_LEXF_AMBIGUOUS) && !ambiguous_ok) || (fl & PACT_LEXF_COMPOUND))
                    continue;
                *ca = j;
                *cb = j + hits[h].len;
                return hits[h].senses[k].entry;
            }
    }
    return NULL;
}

static bool names_country_inside(const rctx *r, size_t a, size_t b) {
    size_t ca, cb;
    return country_inside(r, a, b, false, &ca, &cb) != NULL;
}

/* ---- step 1: lexicon matches ---- */

static void match_sentence(rctx *r, size_t si) {
    size_t first = r->sfirst[si], end = first + r->sn[si];
    for (size_t i = first; i < end;) {
        if (S(r, i)->kind != PACT_SYL_WORD) {
            i++;
            continue;
        }
        pact_lex_hit hits[MAX_HITS];
        size_t nh = pact_lexicon_match(r->lex, r->syls + i, end - i, r->fold.ptr, hits, MAX_HITS);
        bool done = false;
        for (size_t h = 0; h < nh && !done; h++) {
            /* a form must end on a syllable boundary of the text: "Anh" in "Anh-đrây" is no match */
            size_t last = i + hits[h].len - 1;
            if (last + 1 < end && S(r, last)->kind == PACT_SYL_WORD && S(r, last)->end == S(r, last + 1)->start &&
                is(r, last + 1, end, "-") && last + 2 < end && S(r, last + 1)->end == S(r, last + 2)->start &&
                S(r, last + 2)->kind == PACT_SYL_WORD && !(S(r, last + 2)->flags & PACT_SYLF_CAP))
                continue;
            for (size_t k = 0; k < hits[h].nsenses; k++) {
                const pact_lex_sense *se = &hits[h].senses[k];
                if (!accept(r, first, end, i, hits[h].len, se)) continue;
                size_t b = i + hits[h].len;
                if (se->entry->kind != PACT_LEX_STOP) {
                    mention *m = pact__mention_add(r);
                    size_t mi = r->nm - 1;
                    m->sent = si;
                    m->a = i;
                    m->b = b;
                    if (i > first && in_set(r, i - 1, end, former_words)) m->former = true;
                    if (se->entry->kind == PACT_LEX_TITLE) {
                        r->title_end[b] = 1;
                        m->mk = MK_TITLE;
                        m->office = se->entry->id;
                        m->tsenses = hits[h].senses;
                        m->ntsenses = hits[h].nsenses;
                        size_t ca, cb;
                        const pact_lex_entry *ce = country_inside(r, i, b, true, &ca, &cb);
                        if (ce) {
                            m->inner_country = ce->id;
                            mention *c = pact__mention_add(r); /* may move r->m: m is not used after this */
                            c->sent = si;
                            c->a = ca;
                            c->b = cb;
                            c->mk = MK_ENTITY;
                            pact__mention_fill(c, ce);
                        }
                    } else {
                        m->mk = MK_ENTITY;
                        pact__mention_fill(m, se->entry);
                        if (m->kind == PACT_ENT_PLACE && m->actor && strlen(m->actor) == 3 &&
                            names_country_inside(r, i, b))
                            m->kind = PACT_ENT_COUNTRY, m->id = m->actor, m->country = NULL;
                    }
                    (void)mi;
                }
                cover(r, i, b); /* a stop phrase too: "tiếng Anh" is no short name either */
                i = b;
                done = true;
                break;
            }
        }
        if (!done) i++;
    }
}

/* ---- names the lexicon does not know ---- */



const char *pact__mention_text(const rctx *r, size_t si, size_t a, size_t b) {
    const pact_sent *s = &r->a->sents[si];
    const char *t = r->a->paras[s->para].text;
    return pact_arena_strndup(r->a->arena, t + S(r, a)->start, S(r, b - 1)->end - S(r, a)->start);
}



static int cmp_mention(const void *x, const void *y) {
    const mention *p = x, *q = y;
    if (p->a != q->a) return p->a < q->a ? -1 : 1;
    return 0;
}













/* "... được gọi là DSTEC", "Ủy ban Hợp tác Kỹ thuật (DSTEC)": an acronym the text defines. */
static void acronyms(rctx *r) {
    static const char *const bodies[] = {"ủy", "uỷ", "hội", "ban", "nhóm", "cơ", "đối", "diễn",
                                         "quỹ", "tổ", "liên", "hiệp", "quan", "sáng", NULL};
    static const char *const calls[] = {"gọi", "tắt", "tên", "hiệu", NULL};
    for (size_t si = 0; si < r->a->nsents; si++) {
        size_t first = r->sfirst[si], end = first + r->sn[si];
        for (size_t i = first + 1; i < end; i++) {
            const pact_syl *s = S(r, i);
            if (r->covered[i] || s->kind != PACT_SYL_WORD || !(s->flags & PACT_SYLF_UPPER) || s->nfold < 3)
                continue;
            bool called = is(r, i - 1, end, "là") && i >= first + 2 &&
                          (in_set(r, i - 2, end, calls) || (i >= first + 3 && in_set(r, i - 3, end, calls)));
            bool bracket = is(r, i - 1, end, "(") && is(r, i + 1, end, ")");
            if (!called && !bracket) continue;
            /* a body word among the few syllables before */
            bool body = false;
            const char *country = NULL;
            size_t lo = i > first + 12 ? i - 12 : first;
            for (size_t k = lo; k + 1 < i; k++) {
                if (in_set(r, k, end, bodies) && S(r, k)->kind == PACT_SYL_WORD) body = true;
            }
            for (size_t q = 0; q < r->nm; q++)
                if (r->m[q].sent == si && r->m[q].a >= lo && r->m[q].b <= i && r->m[q].mk == MK_ENTITY &&
                    r->m[q].kind == PACT_ENT_COUNTRY)
                    country = r->m[q].id;
            if (!body && !country) continue;
            if (r->nacr == sizeof r->acr / sizeof *r->acr) return;
            r->acr[r->nacr].key = r->fold.ptr + s->fold; /* valid: fold is not appended to after scanning */
            r->acr[r->nacr].klen = s->nfold;
            r->acr[r->nacr].id = pact__mention_text(r, si, i, i + 1);
            r->acr[r->nacr].country = country;
            r->nacr++;
        }
    }
    if (!r->nacr) return;
    for (size_t si = 0; si < r->a->nsents; si++) {
        size_t first = r->sfirst[si], end = first + r->sn[si];
        for (size_t i = first; i < end; i++) {
            const pact_syl *s = S(r, i);
            if (r->covered[i] || !(s->flags & PACT_SYLF_UPPER)) continue;
            for (size_t k = 0; k < r->nacr; k++) {
                if (r->acr[k].klen != s->nfold || memcmp(r->acr[k].key, r->fold.ptr + s->fold, s->nfold) != 0)
                    continue;
                mention *m = pact__mention_add(r);
                m->sent = si;
                m->a = i;
                m->b = i + 1;
                m->mk = MK_ENTITY;
                m->id = r->acr[k].id;
                if (r->acr[k].country) { /* a force or agency of a country: "Lực lượng Phòng vệ Nhật Bản (SDF)" */
                    m->kind = PACT_ENT_PLACE;
                    m->country = m->actor = r->acr[k].country;
                } else {
                    m->kind = PACT_ENT_ORG;
                    m->actor = m->id;
                }
                cover(r, i, i + 1);
                break;
            }
        }
    }
}

/* ---- the page's date against the named office-holders ---- */



/* ---- titles with no name: the office-holder on the date ---- */


/* ---- the driver ---- */

void pact__entities_recognize(pact_article_ctx *a) {
    if (!a->ex || !a->ex->lex || !a->nsents) return;
    rctx r;
    memset(&r, 0, sizeof r);
    r.a = a;
    r.lex = a->ex->lex;
    pact_buf_init(&r.fold, 0);
    r.sfirst = pact__xcalloc(a->nsents + 1, sizeof *r.sfirst);
    r.sn = pact__xcalloc(a->nsents + 1, sizeof *r.sn);
    for (size_t si = 0; si < a->nsents; si++) {
        const pact_sent *s = &a->sents[si];
        r.sfirst[si] = r.nsyls;
        r.nsyls = pact_lex_scan(a->paras[s->para].text, s->start, s->end, &r.fold, &r.syls, r.nsyls, &r.sylcap);
        r.sn[si] = r.nsyls - r.sfirst[si];
    }
    r.sfirst[a->nsents] = r.nsyls;
    r.covered = pact__xcalloc(r.nsyls + 1, 1);
    r.title_end = pact__xcalloc(r.nsyls + 1, 1);
    r.ent_at = pact__xcalloc(r.nsyls + 1, sizeof *r.ent_at);

    for (size_t si = 0; si < a->nsents; si++) match_sentence(&r, si);
    pact__names_after_titles(&r);
    pact__names_after_honorifics(&r);
    acronyms(&r);
    if (r.nm) qsort(r.m, r.nm, sizeof *r.m, cmp_mention);
    pact__names_short(&r);
    pact__names_single(&r);
    if (r.nm) qsort(r.m, r.nm, sizeof *r.m, cmp_mention);

    /* dates, read against the page's date unless the text rules it out */
    pact_date_ctx dc;
    pact__dates_ctx_init(&dc, a->page_date);
    pact__offices_check_page_date(&r, &dc);
    pact_date_mention buf[MAX_SENT_DATES];
    for (size_t si = 0; si < a->nsents; si++) {
        pact_sent *s = &a->sents[si];
        size_t nd = pact__dates_find(a->paras[s->para].text, r.syls + r.sfirst[si], r.sn[si],
                                     r.fold.ptr ? r.fold.ptr : "", &dc, buf, MAX_SENT_DATES);
        s->ndates = nd;
        s->dates = nd ? pact_arena_alloc(a->arena, nd * sizeof *s->dates) : NULL;
        if (nd) memcpy(s->dates, buf, nd * sizeof *buf);
        /* a date stated earlier in the paragraph still frames the sentences after it */
        if (nd) memcpy(s->date_context, buf[nd - 1].value, sizeof s->date_context);
        else if (si > 0 && a->sents[si - 1].para == s->para)
            memcpy(s->date_context, a->sents[si - 1].date_context, sizeof s->date_context);
        else
            s->date_context[0] = 0;
    }
    pact__mentions_reindex(&r);
    pact__offices_resolve(&r, &dc);
    if (r.nm) qsort(r.m, r.nm, sizeof *r.m, cmp_mention);
    pact__names_short(&r); /* again: "ông Kishida" after a title resolved to him */
    if (r.nm) qsort(r.m, r.nm, sizeof *r.m, cmp_mention);

    /* emit, sentence by sentence, in order */
    size_t k = 0;
    for (size_t si = 0; si < a->nsents; si++) {
        pact_sent *s = &a->sents[si];
        s->ent_first = a->rec->nentities;
        s->nents = 0;
        for (; k < r.nm && r.m[k].sent == si; k++) {
            const mention *m = &r.m[k];
            if (m->mk != MK_ENTITY || m->dropped) continue;
            pact_entity *e = pact__add_entity(a);
            e->kind = m->kind;
            e->id = m->id;
            e->name = m->name;
            e->country = m->country;
            e->actor = m->actor;
            e->para = s->para;
            e->nstart = S(&r, m->a)->start;
            e->nend = S(&r, m->b - 1)->end;
            e->text = pact_arena_strndup(a->arena, a->paras[s->para].text + e->nstart, e->nend - e->nstart);
            pact_span sp = pact__input_span(a, s->para, e->nstart, e->nend);
            e->start = sp.start;
            e->end = sp.end;
            s->nents++;
        }
    }
    free(r.syls);
    free(r.sfirst);
    free(r.sn);
    free(r.covered);
    free(r.title_end);
    free(r.ent_at);
    free(r.m);
    pact_buf_free(&r.fold);
}
