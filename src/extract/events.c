/*
 * The event coder: who did what to whom. For each sentence the coder's view
 * (units.c: words, actor mentions and their groups; coref.c: anaphors), then
 * each event expression of data/events.tsv with its source (the subject
 * before it), its target (the object after it, or the parties of "giữa A và
 * B"), its modality, date and domains; then its memberships (memberships.c).
 * One record per dyad; a group meeting among itself yields its pairs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/coder.h"

#define MAX_PAIRS 12
/* Named limit: a date this close after an expression (bytes, ~6 words) is its own. */
#define PACT_DATE_NEAR_BYTES 48

/* ----------------------------------------------------------- triggers -- */

typedef struct {
    size_t u0, u1;
    const pact_pattern *p;
    const char *src[PACT_GROUP_ACTORS];
    size_t nsrc;
    bool say, noun, nominal, absorbed;
    bool embedded;     /* its subject follows "việc": a clause as another's object */
    size_t mod_from;   /* where its modality cues start */
} trigger;

/* The source: the nearest group before the expression that is a subject. */

/* A trigger earlier in the same comma-clause as unit u0. */
static bool trigger_in_clause_before(const pact_csent *cs, size_t u0) {
    for (size_t k = u0; k-- > 0;) {
        if (pact__is_comma(&cs->u[k]) || pact__clause_break(&cs->u[k])) return false;
        if (cs->u[k].prep && !strcmp(cs->u[k].prep->value, "clause")) return false; /* "khi X ..." */
        if (pact__is_trigger_unit(&cs->u[k])) return true;
    }
    return false;
}

static const pact_group *find_source(const pact_csent *cs, size_t from, size_t upto, bool prev_say) {
    for (size_t k = cs->ng; k-- > 0;) {
        const pact_group *g = &cs->g[k];
        if (g->u1 > upto) continue;
        if (g->u0 < from) break;
        /* a comma or clause break between the group and the expression */
        for (size_t j = g->u1; j < upto; j++)
            if (pact__is_comma(&cs->u[j]) || pact__clause_break(&cs->u[j])) return NULL;
        if (g->prep == PACT_GP_LOCATIVE || g->prep == PACT_GP_APPOS || g->prep == PACT_GP_TARGET ||
            g->prep == PACT_GP_SOURCE || g->prep == PACT_GP_BETWEEN)
            continue;
        if (g->prep == PACT_GP_POSSESSOR && trigger_in_clause_before(cs, g->u0)) continue;
        /* the object of the verb before ("bảo vệ Hàn Quốc ... tái khẳng định")
         * is not the next one's subject, but a statement's complement has one */
        bool after_nominal = g->u0 > 0 && cs->u[g->u0 - 1].prep && !strcmp(cs->u[g->u0 - 1].prep->value, "nominal");
        /* "... và hai bên đã ký": an anaphor for several after "và" is a new subject */
        int co = cs->u[g->u0].coref;
        bool new_subject = (co == PACT_CO_TWO || co == PACT_CO_THREE || co == PACT_CO_GROUP) && g->u0 > 0 &&
                           cs->u[g->u0 - 1].conn;
        if (from > 0 && !prev_say && !after_nominal && !new_subject && trigger_in_clause_before(cs, g->u0)) continue;
        return g;
    }
    return NULL;
}

/* An actor group between two expressions: the first one's object, which is
 * the second's subject ("kêu gọi Triều Tiên tham gia đối thoại"). */
static bool object_between(const pact_csent *cs, size_t from, size_t to) {
    for (size_t k = 0; k < cs->ng; k++)
        if (cs->g[k].u0 >= from && cs->g[k].u1 <= to &&
            (cs->g[k].prep == PACT_GP_NONE || cs->g[k].prep == PACT_GP_TARGET))
            return true;
    return false;
}

/* The expression is coordinated with the one before ("và", "đồng thời", ","). */
static bool coordinated(const pact_csent *cs, size_t u0) {
    for (size_t k = u0; k-- > 0 && u0 - k <= 3;) {
        const pact_unit *u = &cs->u[k];
        if (pact__is_comma(u) || u->conn) return true;
        if (u->key && (u->modal || u->prep)) continue;
        if (u->kind != PACT_U_WORD) return false;
    }
    return false;
}

/* The trigger before ti that has a subject, when only expressions without
 * one (its object nouns: no actor, comma or clause break) lie between. */
static const trigger *subject_before(const pact_csent *cs, const trigger *tr, size_t ti) {
    /* "phản đối việc Philippines tập trận với Mỹ và cảnh báo Manila": past
     * the embedded clause to the verb that took it */
    if (ti >= 2 && tr[ti - 1].embedded) {
        size_t k = ti - 1;
        while (k > 0 && (tr[k].embedded || !tr[k].nsrc)) k--;
        if (tr[k].nsrc && !tr[k].embedded && !tr[k].nominal) {
            for (size_t j = tr[k].u1; j < tr[ti].u0; j++)
                if (pact__clause_break(&cs->u[j]) || pact__is_comma(&cs->u[j])) return NULL;
            return &tr[k];
        }
        return NULL;
    }
    if (ti < 2 || tr[ti - 1].nsrc) return NULL;
    size_t k = ti - 1;
    while (k > 0 && !tr[k].nsrc) k--;
    if (!tr[k].nsrc || tr[k].nominal) return NULL;
    for (size_t j = tr[k].u1; j < tr[ti].u0; j++)
        if (cs->u[j].kind == PACT_U_ACTOR || pact__clause_break(&cs->u[j]) || pact__is_comma(&cs->u[j])) return NULL;
    return &tr[k];
}

/* "các vụ phóng tên lửa của Triều Tiên": the noun's doer follows it. */
static bool possessor_after(const pact_csent *cs, const trigger *t) {
    const pact_group *g = pact__group_from(cs, t->u1, t->u1 + 6);
    return g && g->prep == PACT_GP_POSSESSOR;
}

/* A direct object of a meeting verb: right after it, or after a title
 * ("gặp người đồng cấp Hàn Quốc", "gặp Thủ tướng Nhật Bản"). */
static bool near_object(const pact_csent *cs, size_t from, size_t g0) {
    if (g0 <= from + 1) return true;
    if (g0 - from > 4) return false;
    if (cs->u[from].conn) return true;
    for (size_t k = from; k < g0; k++)
        if (cs->u[k].kind != PACT_U_WORD || pact__is_trigger_unit(&cs->u[k])) return false;
    return pact__unit_capitalised(cs, from);
}

static bool comma_between(const pact_csent *cs, size_t a, size_t b) {
    for (size_t k = a; k < b && k < cs->n; k++)
        if (pact__is_comma(&cs->u[k]) || pact__clause_break(&cs->u[k])) return true;
    return false;
}

/* "kêu gọi X đối thoại" (026), "đe dọa đáp trả" (138): a complement after the
 * expression makes its code more specific, and is not coded again itself. */
static void refine(const pact_csent *cs, trigger *tr, size_t nt, size_t ti, char code[8]) {
    const trigger *t = &tr[ti];
    char from[10];
    snprintf(from, sizeof from, "%s>", code);
    for (size_t k = t->u1; k < cs->n && k < t->u1 + 8; k++) {
        const pact_unit *u = &cs->u[k];
        if (pact__is_comma(u) || pact__clause_break(u)) break;
        size_t len = 0;
        const pact_pattern *p =
            pact__patterns_match_value(pact__pats(cs), cs->keys, cs->n, k, 1u << PACT_PK_REFINE, from, &len);
        if (!p) continue;
        snprintf(code, 8, "%s", p->value + strlen(from));
        for (size_t j = ti + 1; j < nt; j++)
            if (tr[j].u0 >= k && tr[j].u0 < k + len) tr[j].absorbed = true;
        return;
    }
}

/* The modality of an expression from the cues between `from` and it. */
static pact_modality find_modality(const pact_csent *cs, size_t from, const trigger *t, int *plan) {
    int m = -1;
    bool neg = false, heard = false;
    for (size_t k = from; k < t->u0; k++) {
        const pact_unit *u = &cs->u[k];
        if (!u->modal || !strcmp(u->modal->value, "-") || k + u->modal_len > t->u0) continue;
        int v = pact_modality_parse(u->modal->value);
        if (v == PACT_MOD_NEGATED) {
            if (t->u0 - (k + u->modal_len) <= 3) neg = true;
        } else if (v == PACT_MOD_REPORTED) {
            heard = true; /* "được cho là sẽ ...": hearsay about a plan is hearsay */
        } else if (v >= 0) {
            m = v;
        }
    }
    *plan = m;
    if (neg) return PACT_MOD_NEGATED;
    if (heard) return PACT_MOD_REPORTED;
    if (t->p->modality >= 0) return (pact_modality)t->p->modality;
    if (m >= 0) return (pact_modality)m;
    if (cs->hearsay) return PACT_MOD_REPORTED;
    return PACT_MOD_ASSERTED;
}

/* A plan, consideration or possibility of cooperating is an intent (03). */
static void intent_code(const char *code, pact_modality m, char out[5]) {
    snprintf(out, 5, "%s", code);
    if (m != PACT_MOD_PLANNED && m != PACT_MOD_CONSIDERED && m != PACT_MOD_POSSIBLE) return;
    static const char *const map[][2] = {{"04", "036"}, {"05", "032"}, {"06", "031"}, {"07", "033"}, {"08", "035"}};
    for (size_t k = 0; k < sizeof map / sizeof map[0]; k++)
        if (!strncmp(code, map[k][0], 2)) snprintf(out, 5, "%s", map[k][1]);
}

static bool continuation(const pact_csent *cs, const pact_date_mention *d) {
    const char *t = cs->text;
    if (d->end <= d->start || d->end - d->start > 24) return false;
    pact_buf b;
    pact_buf_init(&b, 0);
    pact_text_fold(t + d->start, d->end - d->start, &b);
    bool yes = b.ptr && (!strcmp(b.ptr, "cùng ngày") || !strcmp(b.ptr, "hôm đó") || !strcmp(b.ptr, "ngày hôm đó"));
    pact_buf_free(&b);
    return yes;
}

static void date_near(const pact_csent *cs, size_t unit, char out[11]) {
    out[0] = 0;
    const pact_sent *s = cs->s;
    size_t pos = unit < cs->n ? cs->u[unit].start : s->start;
    /* The date right after the expression ("ký ... ngày 12/1"), else the
     * nearest one before it ("Ngày 18/6, Mỹ lên án ..."): a year further on
     * usually names something else ("Hiệp ước Phòng thủ chung năm 1951"). */
    const pact_date_mention *before = NULL, *after = NULL;
    for (size_t k = 0; k < s->ndates; k++) {
        const pact_date_mention *d = &s->dates[k];
        if (!d->value[0]) continue;
        /* "cùng ngày" points back: the coder reads it from the article itself
         * (context_date), the last date stated before, whatever its precision */
        if (continuation(cs, d)) continue;
        if (d->start < pos) {
            if (!before || d->start > before->start) before = d;
        } else if (!after || d->start < after->start) {
            after = d;
        }
    }
    const pact_date_mention *pick = after;
    if (before && (!after || after->start - pos > PACT_DATE_NEAR_BYTES)) pick = before;
    if (pick) snprintf(out, 11, "%s", pick->value);
}

void pact__coder_sentence_date(const pact_csent *cs, size_t unit, char out[11]) { date_near(cs, unit, out); }

/* The last date stated before this sentence in the article's body. */
static void context_date(const pact_csent *cs, char out[11]) {
    out[0] = 0;
    for (size_t k = cs->si; k-- > 0;) {
        const pact_sent *s = &cs->a->sents[k];
        if (s->is_title) break;
        for (size_t d = s->ndates; d-- > 0;)
            if (s->dates[d].value[0]) {
                snprintf(out, 11, "%s", s->dates[d].value);
                return;
            }
    }
}

/* "hôm sau": one day after a day-precise date (YYYY-MM-DD or --MM-DD);
 * anything less precise is left as it is. */
static void add_day(char d[11]) {
    int y = 0, m, day;
    bool year = d[0] != '-';
    if (year ? sscanf(d, "%4d-%2d-%2d", &y, &m, &day) != 3 : sscanf(d, "--%2d-%2d", &m, &day) != 2) return;
    if ((year && strlen(d) != 10) || (!year && strlen(d) != 7) || m < 1 || m > 12) return;
    static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int last = mdays[m - 1];
    if (m == 2 && year && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) last = 28;
    if (++day > last) {
        day = 1;
        if (++m > 12) {
            m = 1;
            y++;
        }
    }
    char buf[32];
    if (year) snprintf(buf, sizeof buf, "%04d-%02d-%02d", y % 10000, m, day);
    else snprintf(buf, sizeof buf, "--%02d-%02d", m, day);
    memcpy(d, buf, 10);
    d[10] = 0;
}

static void sentence_domains(const pact_csent *cs, const char **dom, size_t *nd) {
    const struct pact_patterns *P = pact__pats(cs);
    *nd = 0;
    for (size_t i = 0; i < cs->n;) {
        size_t len = 0;
        const pact_pattern *p = pact__patterns_match(P, cs->keys, cs->n, i, 1u << PACT_PK_DOMAIN, &len);
        if (!p) {
            i++;
            continue;
        }
        bool seen = false;
        for (size_t k = 0; k < *nd; k++)
            if (!strcmp(dom[k], p->value)) seen = true;
        if (!seen && *nd < PACT_MAX_DOMAINS) dom[(*nd)++] = p->value;
        i += len;
    }
}

typedef struct {
    const char *src, *tgt;
    char code[5];
    pact_modality mod;
    char date[11];
    bool say, noun;
    size_t trig;
} pending;

typedef struct {
    pending *v;
    size_t n, cap;
    size_t cur;  /* the trigger being coded */
} pending_list;

static void pend(pending_list *l, const char *src, const char *tgt, const char *code, pact_modality m,
                 const char *date, bool say, bool noun, bool sym) {
    if (!src || !tgt || !strcmp(src, tgt)) return;
    size_t trig = l->cur;
    for (size_t k = 0; k < l->n; k++) {
        const pending *p = &l->v[k];
        if ((p->trig == trig ? !strncmp(p->code, code, 2) : !strcmp(p->code, code)) &&
            ((!strcmp(p->src, src) && !strcmp(p->tgt, tgt)) || (sym && !strcmp(p->src, tgt) && !strcmp(p->tgt, src))))
            return;
    }
    if (l->n == l->cap) l->v = pact__xrealloc(l->v, (l->cap = l->cap ? l->cap * 2 : 16) * sizeof *l->v);
    pending *p = &l->v[l->n++];
    memset(p, 0, sizeof *p);
    p->src = src;
    p->tgt = tgt;
    snprintf(p->code, sizeof p->code, "%s", code);
    p->mod = m;
    snprintf(p->date, sizeof p->date, "%s", date ? date : "");
    p->say = say;
    p->noun = noun;
    p->trig = trig;
}

static void pairs_within(pending_list *l, const char *const *a, size_t n, const char *code, pact_modality m,
                         const char *date, bool noun) {
    if (n > 6) n = 6; /* no dyad explosion from a long list */
    for (size_t x = 0; x < n; x++)
        for (size_t y = x + 1; y < n; y++) pend(l, a[x], a[y], code, m, date, false, noun, true);
}

static void cross(pending_list *l, const char *const *a, size_t na, const char *const *b, size_t nb,
                  const char *code, pact_modality m, const char *date, bool say, bool noun, bool sym) {
    size_t made = 0;
    for (size_t x = 0; x < na; x++)
        for (size_t y = 0; y < nb && made < MAX_PAIRS; y++, made++) pend(l, a[x], b[y], code, m, date, say, noun, sym);
}

/* Another (non-statement) expression after trigger i: the statement reports it. */
static bool trigger_after(const trigger *tr, size_t nt, size_t i) {
    for (size_t k = i + 1; k < nt; k++)
        if (!tr[k].say && !tr[k].noun) return true;
    return false;
}

/* A pattern's code as a record code (at most 4 digits). */
static const char *base_of(const pact_pattern *p) {
    static const char empty[5] = "";
    return strlen(p->value) < 5 ? p->value : empty;
}

static inline bool wis(const pact_csent *cs, const pact_unit *u, pact_word_id w) {
    return pact__key_is(pact__pats(cs), u->key, w);
}

/* The expression at u0 is the main clause of a condition: "nếu" (or "trong
 * trường hợp") opens the sentence and a comma closes it before u0. */
static bool condition_before(const pact_csent *cs, size_t u0) {
    size_t k = 0;
    while (k < u0 && cs->u[k].kind == PACT_U_PUNCT) k++;
    if (k >= u0 || !(wis(cs, &cs->u[k], PACT_W_NEU) || (wis(cs, &cs->u[k], PACT_W_TRONG) && k + 2 < u0 &&
                                                     wis(cs, &cs->u[k + 1], PACT_W_TRUONG) && wis(cs, &cs->u[k + 2], PACT_W_HOP))))
        return false;
    for (size_t j = k + 1; j < u0; j++)
        if (pact__is_comma(&cs->u[j])) return true;
    return false;
}

/* "Ngoại trưởng Trung Quốc tới Moskva ngày 8/4": "tới/đến/sang" as the main
 * verb, between a subject and a country or capital, is a visit (coded as
 * "thăm"). Not "từ X đến Y" (a range), not after another verb. */
static void mark_arrivals(pact_csent *cs) {
    const struct pact_patterns *P = pact__pats(cs);
    if (!P) return;
    char *visit_key = P->words[PACT_W_THAM];
    if (!visit_key) return;
    size_t vl = 0;
    const pact_pattern *visit = pact__patterns_match(P, &visit_key, 1, 0, 1u << PACT_PK_EVENT, &vl);
    if (!visit) return;
    for (size_t i = 1; i + 1 < cs->n; i++) {
        pact_unit *u = &cs->u[i];
        if (u->ev || u->excluded || !cs->keys[i] ||
            !(pact__key_is(P, cs->keys[i], PACT_W_TOI) || pact__key_is(P, cs->keys[i], PACT_W_DEN) ||
              pact__key_is(P, cs->keys[i], PACT_W_SANG)))
            continue;
        const pact_unit *obj = &cs->u[i + 1];
        if (obj->kind != PACT_U_ACTOR || !obj->nactors || obj->is_org || obj->coref) continue;
        /* the subject: an actor right before, or with "đã/sẽ/vừa/bất ngờ" between */
        size_t k = i;
        int words = 0;
        while (k-- > 0 && cs->u[k].kind == PACT_U_WORD && !pact__is_trigger_unit(&cs->u[k]) && words < 2) words++;
        if (k == SIZE_MAX || cs->u[k].kind != PACT_U_ACTOR || !cs->u[k].nactors) continue;
        if (words && !(cs->u[k + 1].modal || wis(cs, &cs->u[k + 1], PACT_W_DA) || wis(cs, &cs->u[k + 1], PACT_W_VUA)))
            continue;
        /* "từ Mỹ đến Nhật": a range; any expression earlier in the clause owns it */
        bool range = false;
        for (size_t j = k; j-- > 0;) {
            if (pact__is_comma(&cs->u[j]) || pact__clause_break(&cs->u[j])) break;
            if (wis(cs, &cs->u[j], PACT_W_TU) || pact__is_trigger_unit(&cs->u[j])) {
                range = true;
                break;
            }
            if (cs->u[j].kind == PACT_U_ACTOR) continue;
        }
        if (range) continue;
        u->ev = visit;
        u->ev_len = 1;
        u->arrival = true;
    }
}

static void code_sentence(pact_csent *cs, pact_coder_state *st) {
    /* event expressions in order */
    trigger *tr = pact_arena_alloc(cs->arena, (cs->n ? cs->n : 1) * sizeof *tr);
    size_t nt = 0;
    /* "triệu Đại sứ Nga": the title went into the actor, so "triệu" (also
     * "million") is the summons only when an actor follows it */
    const pact_pattern *summon = NULL;
    {
        const struct pact_patterns *P = pact__pats(cs);
        char *sk[3] = {P ? P->words[PACT_W_TRIEU] : NULL, P ? P->words[PACT_W_TAP] : NULL,
                       P ? P->words[PACT_W_DAI] : NULL};
        size_t sl = 0;
        if (sk[0] && sk[1]) summon = pact__patterns_match(P, sk, 2, 0, 1u << PACT_PK_EVENT, &sl);
        if (sl != 2) summon = NULL;
        for (size_t i = 0; summon && i + 1 < cs->n; i++) {
            /* "triệu Đại sứ Nga" when the title stayed a word: "đại sứ/biện" */
            size_t a = i + 1;
            if (a + 2 < cs->n && pact__key_is(P, cs->keys[a], PACT_W_DAI) && cs->keys[a + 1]) a += 2;
            if (!cs->u[i].ev && pact__key_is(P, cs->keys[i], PACT_W_TRIEU) && cs->u[a].kind == PACT_U_ACTOR &&
                cs->u[a].nactors && !cs->u[i].excluded) {
                cs->u[i].ev = summon;
                cs->u[i].ev_len = 1;
            }
        }
    }
    mark_arrivals(cs);
    for (size_t i = 0; i < cs->n; i++) {
        pact_unit *u = &cs->u[i];
        if (!u->ev || u->excluded) continue;
        if (strcmp(u->ev->value, "-") != 0) {
            trigger *t = &tr[nt++];
            memset(t, 0, sizeof *t);
            t->u0 = i;
            t->u1 = i + u->ev_len;
            t->p = u->ev;
            t->say = u->ev->flags & PACT_PF_SAY;
            t->noun = u->ev->flags & PACT_PF_NOUN;
            t->nominal = t->noun || (i > 0 && cs->u[i - 1].prep && !strcmp(cs->u[i - 1].prep->value, "nominal")) ||
                         (u->prep && !strcmp(u->prep->value, "nominal"));
        }
        i += u->ev_len - 1;
    }
    const char *dom[PACT_MAX_DOMAINS];
    size_t nd = 0;
    sentence_domains(cs, dom, &nd);
    bool datecue = false, next_day = false;
    for (size_t k = 0; k < cs->n; k++)
        if (cs->u[k].datecue) {
            datecue = true;
            if (!strcmp(cs->u[k].datecue->value, "next")) next_day = true;
        }
    char ctx_date[11] = "";
    if (!cs->s->is_title && datecue) context_date(cs, ctx_date);
    if (next_day) add_day(ctx_date);

    /* "thảo luận về hợp tác", "ký thỏa thuận chia sẻ thông tin": a topic, not
     * an event of its own (decided first: it bounds the objects' search) */
    for (size_t ti = 1; ti < nt; ti++) {
        trigger *pv = &tr[ti - 1], *t = &tr[ti];
        size_t gap = t->u0 - pv->u1;
        bool plain = !object_between(cs, pv->u1, t->u0) && !comma_between(cs, pv->u1, t->u0);
        if (!pv->absorbed && plain &&
            (((pv->p->flags & PACT_PF_TOPIC) && gap <= 2) ||
             ((pv->p->flags & PACT_PF_NOUN) && (gap == 0 || (gap == 1 && wis(cs, &cs->u[pv->u1], PACT_W_VE))))))
            t->absorbed = true;
        /* "phản đối hợp tác quân sự Nga - Triều": what is opposed, not an event */
        else if (!pv->absorbed && plain && gap == 0 && !(t->p->flags & PACT_PF_SAY) && !t->nominal &&
                 !possessor_after(cs, t) &&
                 (!strncmp(pv->p->value, "11", 2) || !strncmp(pv->p->value, "12", 2) || !strncmp(pv->p->value, "14", 2)))
            t->absorbed = true;
        /* "tham dự phiên họp của hội nghị NATO": the topic's own complement */
        else if (pv->absorbed && ti >= 2 && (tr[ti - 2].p->flags & PACT_PF_TOPIC) && plain && gap == 1 &&
                 wis(cs, &cs->u[pv->u1], PACT_W_CUA))
            t->absorbed = true;
    }
    pending_list out = {0};
    for (size_t ti = 0; ti < nt; ti++) {
        trigger *t = &tr[ti];
        out.cur = ti;
        bool chain_prev = false;
        size_t made_before = out.n;
        if (ti > 0) {
            trigger *pv = &tr[ti - 1];
            bool plain = !object_between(cs, pv->u1, t->u0) && !comma_between(cs, pv->u1, t->u0);
            /* "nhất trí hợp tác", "có kế hoạch tập trận": the second verb is the event */
            if (!t->absorbed && (pv->p->flags & PACT_PF_CHAIN) && plain && t->u0 - pv->u1 <= 3) chain_prev = true;
        }
        if (t->absorbed) {
            if (ti > 0) {
                memcpy(t->src, tr[ti - 1].src, tr[ti - 1].nsrc * sizeof *t->src);
                t->nsrc = tr[ti - 1].nsrc;
            }
            continue;
        }
        bool sym = t->p->flags & PACT_PF_SYM;
        size_t prev_end = ti ? tr[ti - 1].u1 : 0;
        char base[8] = "";
        size_t vl = strlen(t->p->value);
        memcpy(base, t->p->value, vl < sizeof base - 1 ? vl : sizeof base - 1);
        refine(cs, tr, nt, ti, base);
        const char *src[PACT_GROUP_ACTORS], *tgt[PACT_GROUP_ACTORS];
        size_t nsrc = 0, ntgt = 0;
        size_t mod_from = prev_end;
        bool between = false, passive = false;

        /* passive: "X bị Y tấn công", "X hứng chịu cuộc tấn công của Y" */
        size_t pmark = SIZE_MAX;
        for (size_t k = t->u0; k-- > (prev_end + 4 < t->u0 ? t->u0 - 4 : prev_end);) {
            if (cs->u[k].passive && k + cs->u[k].passive_len <= t->u0 &&
                !(cs->u[k].modal && strcmp(cs->u[k].modal->value, "-") != 0 && cs->u[k].modal_len > 1)) {
                pmark = k;
                break;
            }
            if (cs->u[k].kind == PACT_U_PUNCT) break;
        }
        const pact_group *sg = find_source(cs, prev_end, pmark != SIZE_MAX ? pmark : t->u0, ti > 0 && tr[ti - 1].say);
        if (pmark != SIZE_MAX) {
            const pact_group *agent = pact__group_from(cs, pmark, t->u0);
            if (!agent) {
                /* "cuộc tấn công của Nga": the possessor after the noun */
                const pact_group *g = pact__group_from(cs, t->u1, t->u1 + 4);
                if (g && g->prep == PACT_GP_POSSESSOR) agent = g;
            }
            if (!strcmp(cs->u[pmark].passive->value, "agent") && !agent) {
                passive = true; /* "được ký kết giữa A và B": parties below */
            } else if (agent && sg) {
                memcpy(src, agent->actors, agent->n * sizeof *src);
                nsrc = agent->n;
                memcpy(tgt, sg->actors, sg->n * sizeof *tgt);
                ntgt = sg->n;
                passive = true;
            } else if (agent && !sg && !strcmp(cs->u[pmark].passive->value, "agent")) {
                /* "Thỏa thuận được Mỹ và Philippines ký năm 2014": the agent
                 * is the doer, the subject (a thing) no actor */
                memcpy(src, agent->actors, agent->n * sizeof *src);
                nsrc = agent->n;
            } else {
                passive = true;
                sg = NULL;
            }
        }
        bool nominal = t->nominal;
        const trigger *shared = NULL;
        if (!passive && !nsrc) {
            if (sg) {
                memcpy(src, sg->actors, sg->n * sizeof *src);
                nsrc = sg->n;
                mod_from = sg->u1;
                t->embedded = sg->u0 > 0 && wis(cs, &cs->u[sg->u0 - 1], PACT_W_VIEC);
            } else if (!nominal && coordinated(cs, t->u0) && (shared = subject_before(cs, tr, ti)) != NULL) {
                /* "phản đối hiệp ước và cho biết ...": past the object noun to
                 * the verb whose subject this coordinated verb shares */
                memcpy(src, shared->src, shared->nsrc * sizeof *src);
                nsrc = shared->nsrc;
            } else if (ti > 0 && tr[ti - 1].nsrc && !(nominal && possessor_after(cs, t)) &&
                       /* "chỉ trích cuộc họp ...": the noun is the object, not
                        * the critic's act; "công bố gói viện trợ" and "nhất trí
                        * tổ chức cuộc họp" are the subject's own */
                       !(nominal && t->u0 - tr[ti - 1].u1 <= 3 && !tr[ti - 1].say &&
                         !(tr[ti - 1].p->flags & PACT_PF_CHAIN)) &&
                       (!object_between(cs, prev_end, t->u0) || coordinated(cs, t->u0) ||
                        /* "triệu Đại sứ Nga để phản đối": a purpose shares the subject */
                        (t->u0 > 0 && (wis(cs, &cs->u[t->u0 - 1], PACT_W_DE) || wis(cs, &cs->u[t->u0 - 1], PACT_W_NHAM))))) {
                /* coordinated verbs share the subject ("lên án ..., đồng thời kêu gọi") */
                memcpy(src, tr[ti - 1].src, tr[ti - 1].nsrc * sizeof *src);
                nsrc = tr[ti - 1].nsrc;
                /* "cam kết bảo vệ": a direct complement shares the cues */
                if (t->u0 - tr[ti - 1].u1 <= 3) mod_from = tr[ti - 1].mod_from;
            } else if (cs->u[t->u0].in_quote && cs->nspeaker) {
                memcpy(src, cs->speaker, cs->nspeaker * sizeof *src);
                nsrc = cs->nspeaker;
            }
        }
        /* a noun's possessor is its doer: "chuyến thăm của Thủ tướng Nhật" */
        size_t tsearch = t->u1;
        bool near_only = false;
        if (!nsrc && !passive) {
            const pact_group *g = pact__group_from(cs, t->u1, t->u1 + 6);
            if (g && g->prep == PACT_GP_POSSESSOR) {
                memcpy(src, g->actors, g->n * sizeof *src);
                nsrc = g->n;
                tsearch = g->u1;
                near_only = true;
            }
        }
        /* the target: "giữa A và B", or the first object group after */
        size_t tend = cs->n;
        if (!t->say)
            for (size_t k = ti + 1; k < nt; k++)
                if (!tr[k].say && !tr[k].nominal && !tr[k].absorbed) {
                    tend = tr[k].u0;
                    break;
                }
        const pact_group *tg = NULL;
        if (!ntgt) {
            for (size_t k = 0; k < cs->ng; k++) {
                const pact_group *g = &cs->g[k];
                if (g->u0 < tsearch || g->u0 >= tend) continue;
                if (near_only && g->u0 > tsearch + 4) break;
                bool comma = false;
                for (size_t j = tsearch; j < g->u0; j++)
                    if (pact__is_comma(&cs->u[j]) || pact__clause_break(&cs->u[j]) ||
                        (cs->u[j].prep && !strcmp(cs->u[j].prep->value, "clause")))
                        comma = true;
                if (comma && !t->say) break;
                if (g->prep == PACT_GP_LOCATIVE || g->prep == PACT_GP_APPOS) continue;
                if (t->say && g->prep == PACT_GP_POSSESSOR) continue;
                /* "hội nghị thượng đỉnh Washington": a bare city after a
                 * meeting is its venue, not a party (a visit's city is kept) */
                if (g->n == 1 && g->prep == PACT_GP_NONE && cs->u[g->u0].is_place &&
                    (t->p->flags & (PACT_PF_SYM | PACT_PF_NOUN | PACT_PF_TOPIC)) && !strncmp(t->p->value, "04", 2) &&
                    strcmp(t->p->value, "042") != 0)
                    continue;
                if (g->prep == PACT_GP_BETWEEN && (sym || t->noun || t->nominal)) {
                    tg = g;
                    between = true;
                    break;
                }
                if (sym && g->prep != PACT_GP_TARGET && !t->say && !near_object(cs, t->u1, g->u0) &&
            !(g->has_org && g->n == 1 && g->u0 - t->u1 <= 5))
            continue; /* "thành lập liên minh 3 bên AUKUS": the organisation made */
                if (pact__subset(g->actors, g->n, src, nsrc)) continue;
                tg = g;
                break;
            }
            if (tg) {
                memcpy(tgt, tg->actors, tg->n * sizeof *tgt);
                ntgt = tg->n;
            }
        }
        /* "phản đối kịch liệt và yêu cầu NATO ...", "lên án vụ phóng và kêu
         * gọi Bình Nhưỡng ...": a verb left without an object shares the
         * object of the verb coordinated with it */
        if (!ntgt && nsrc && !sym && !t->say && !passive && ti + 1 < nt) {
            const trigger *nx = &tr[ti + 1];
            bool conn = false, clean = !nx->say && !nx->absorbed;
            for (size_t j = t->u1; j < nx->u0 && clean; j++) {
                if (cs->u[j].conn) conn = true;
                if (cs->u[j].kind == PACT_U_ACTOR || pact__is_comma(&cs->u[j]) || pact__clause_break(&cs->u[j]) ||
                    (cs->u[j].prep && !strcmp(cs->u[j].prep->value, "clause")))
                    clean = false;
            }
            const pact_group *g = clean && conn ? pact__group_from(cs, nx->u1, nx->u1 + 3) : NULL;
            if (g && (g->prep == PACT_GP_NONE || g->prep == PACT_GP_TARGET) && !pact__subset(g->actors, g->n, src, nsrc)) {
                memcpy(tgt, g->actors, g->n * sizeof *tgt);
                ntgt = g->n;
            }
        }
        /* "tới Kuala Lumpur và chứng kiến ...": an arrival's place is the next unit only */
        if (cs->u[t->u0].arrival && t->u0 + 1 < cs->n && ntgt) {
            const pact_unit *o = &cs->u[t->u0 + 1];
            ntgt = o->nactors < PACT_GROUP_ACTORS ? o->nactors : PACT_GROUP_ACTORS;
            memcpy(tgt, o->actors, ntgt * sizeof *tgt);
        }
        /* "Với sự tham gia của A và B, cuộc họp ...": the participants */
        if (sym && !nsrc && !ntgt && !passive)
            for (size_t k = 0; k < cs->ng; k++)
                if (cs->g[k].prep == PACT_GP_BETWEEN && cs->g[k].n >= 2 && cs->g[k].u1 <= t->u0) {
                    memcpy(tgt, cs->g[k].actors, cs->g[k].n * sizeof *tgt);
                    ntgt = cs->g[k].n;
                    between = true;
                    break;
                }
        /* "trong cuộc gặp với X tuần này, Y sẽ ...": the subject comes later */
        if (!nsrc && ntgt && !between && tg) {
            for (size_t j = tg->u1; j < cs->n; j++)
                if (pact__is_comma(&cs->u[j])) {
                    const pact_group *g = pact__group_from(cs, j + 1, j + 6);
                    if (g && g->prep == PACT_GP_NONE) {
                        memcpy(src, g->actors, g->n * sizeof *src);
                        nsrc = g->n;
                    }
                    break;
                }
        }
        memcpy(t->src, src, nsrc * sizeof *src);
        t->nsrc = nsrc;

        /* "thành lập liên minh AUKUS": the founders are the parties */
        if (sym && tg && !between && tg->prep == PACT_GP_NONE && tg->n == 1 && tg->has_org && nsrc >= 2)
            ntgt = 0;
        t->mod_from = mod_from < t->u0 ? mod_from : prev_end;
        int plan = -1;
        pact_modality m = find_modality(cs, t->mod_from, t, &plan);
        /* "nhất trí khôi phục kênh liên lạc": agreeing to do something */
        if ((t->p->flags & PACT_PF_CHAIN) && !(t->p->flags & PACT_PF_RESUME) && (!ntgt || between) && m == PACT_MOD_ASSERTED && t->u1 < cs->n &&
            cs->u[t->u1].kind == PACT_U_WORD && !cs->u[t->u1].prep)
            m = PACT_MOD_PLANNED;
        /* "Nếu Triều Tiên thử hạt nhân, Mỹ sẽ áp đặt trừng phạt": the main
         * clause of a condition is possible; a hostile one is a threat (13) */
        bool cond = m != PACT_MOD_NEGATED && condition_before(cs, t->u0);
        if (cond) {
            m = PACT_MOD_POSSIBLE;
            int root = atoi((char[3]){base[0], base[1], 0});
            if (root >= 15 && root <= 20 && strlen(base) >= 2) snprintf(base, sizeof base, "130");
        }
        char code[5];
        /* a reported plan is still a plan: its code is the intent's */
        intent_code(base, m == PACT_MOD_REPORTED && plan >= 0 ? (pact_modality)plan : m, code);
        if (cond && !strcmp(base, "130")) snprintf(code, sizeof code, "130");
        char date[11];
        date_near(cs, t->u0, date);
        if (!date[0]) snprintf(date, sizeof date, "%s", ctx_date);
        if (t->p->flags & PACT_PF_RECV) {
            /* "nhận viện trợ từ X": X gives */
            cross(&out, tgt, ntgt, src, nsrc, code, m, date, t->say, t->noun, sym);
        } else if (between) {
            if (ntgt >= 2) pairs_within(&out, tgt, ntgt, code, m, date, t->noun);
            else cross(&out, src, nsrc, tgt, ntgt, code, m, date, t->say, t->noun, sym);
        } else if (ntgt && nsrc) {
            cross(&out, src, nsrc, tgt, ntgt, code, m, date, t->say, t->noun, sym);
        } else if ((sym || ((t->p->flags & PACT_PF_TOPIC) && !strncmp(base, "04", 2))) && nsrc >= 2 && !ntgt) {
            /* several attending one meeting meet each other */
            pairs_within(&out, src, nsrc, code, m, date, t->noun);
        }
        if (nsrc >= 2) {
            memcpy(st->last_group, src, nsrc * sizeof *src);
            st->nlast_group = nsrc;
        }
        if (chain_prev && out.n > made_before) {
            tr[ti - 1].absorbed = true;
            if (!strncmp(tr[ti - 1].p->value, "12", 2))
                for (size_t k = made_before; k < out.n; k++)
                    memcpy(out.v[k].code, base_of(tr[ti - 1].p), sizeof out.v[k].code);
        }
    }
    /* statements only when nothing more specific was coded, bare nouns only
     * when no verb was */
    /* verbs first, then statements, then bare nouns */
    bool verb = false, say = false;
    for (size_t k = 0; k < out.n; k++) {
        if (tr[out.v[k].trig].absorbed) continue;
        if (!out.v[k].say && !out.v[k].noun) verb = true;
        if (out.v[k].say) say = true;
    }
    const pact_span sp = pact__input_span(cs->a, cs->s->para, cs->s->start, cs->s->end);
    for (size_t k = 0; k < out.n; k++) {
        const pending *p = &out.v[k];
        if (p->say && (verb || trigger_after(tr, nt, p->trig))) continue;
        if (p->noun && (verb || say)) continue;
        if (tr[p->trig].absorbed) continue;
        pact_event *e = pact__add_event(cs->a);
        e->source = p->src;
        e->target = p->tgt;
        snprintf(e->code, sizeof e->code, "%s", p->code);
        snprintf(e->date, sizeof e->date, "%s", p->date);
        e->modality = p->mod;
        for (size_t d = 0; d < nd; d++) e->domains[e->ndomains++] = dom[d];
        e->start = sp.start;
        e->end = sp.end;
    }
    free(out.v);
    /* the sentence's doer, for "quyết định này" later: the subject of its
     * last expression, else its first plain single actor */
    const char *doer = NULL;
    for (size_t k = nt; k-- > 0 && !doer;)
        if (!tr[k].absorbed && tr[k].nsrc == 1 && !tr[k].say) doer = tr[k].src[0];
    for (size_t k = 0; k < cs->ng && !doer; k++)
        if (cs->g[k].prep == PACT_GP_NONE && cs->g[k].n == 1) doer = cs->g[k].actors[0];
    if (doer) st->last_doer = doer;
    /* remember multi-actor groups for "họ" */
    for (size_t k = 0; k < cs->ng; k++)
        if (cs->g[k].n >= 2 && !cs->g[k].has_org && cs->g[k].prep == PACT_GP_NONE) {
            memcpy(st->last_group, cs->g[k].actors, cs->g[k].n * sizeof *cs->g[k].actors);
            st->nlast_group = cs->g[k].n;
        }
}

/* PACT_CODER_DEBUG=1: the coder's view of each sentence on stderr. */
static void dump(const pact_csent *cs) {
    fprintf(stderr, "--- sentence %zu:", cs->si);
    for (size_t k = 0; k < cs->n; k++) {
        const pact_unit *u = &cs->u[k];
        fprintf(stderr, " ");
        if (u->excluded) fprintf(stderr, "~");
        if (u->kind == PACT_U_ACTOR) {
            fprintf(stderr, "[");
            for (size_t j = 0; j < u->nactors; j++) fprintf(stderr, "%s%s", j ? "," : "", u->actors[j]);
            fprintf(stderr, "]");
        } else {
            fprintf(stderr, "%.*s", (int)(u->end - u->start), cs->text + u->start);
        }
        if (u->ev) fprintf(stderr, "<E%s>", u->ev->value);
        if (u->modal) fprintf(stderr, "<M%s>", u->modal->value);
        if (u->member) fprintf(stderr, "<B%s>", u->member->value);
    }
    fprintf(stderr, "\n  groups:");
    for (size_t k = 0; k < cs->ng; k++) {
        fprintf(stderr, " {");
        for (size_t j = 0; j < cs->g[k].n; j++) fprintf(stderr, "%s%s", j ? "," : "", cs->g[k].actors[j]);
        fprintf(stderr, " p%d}", (int)cs->g[k].prep);
    }
    fprintf(stderr, "\n");
}

void pact__events_code(pact_article_ctx *a) {
    if (!a->ex || !a->ex->patterns) return;
    const char *dbg = getenv("PACT_CODER_DEBUG");
    bool debug = dbg && *dbg && *dbg != '0';
    pact_coder_state st;
    memset(&st, 0, sizeof st);
    pact_arena *scratch = pact_arena_new();
    for (size_t si = 0; si < a->nsents; si++) {
        pact_arena_reset(scratch);
        pact_csent cs;
        memset(&cs, 0, sizeof cs);
        cs.a = a;
        cs.arena = scratch;
        cs.s = &a->sents[si];
        cs.si = si;
        cs.text = a->paras[cs.s->para].text;
        pact__units_build(&cs);
        if (!cs.n) continue;
        pact__coref_collapse(&cs);
        pact__units_annotate(&cs);
        pact__units_mark_attributions(&cs);
        pact__coref_resolve(&cs, &st);
        pact__groups_build(&cs);
        pact__coref_speaker(&cs);
        if (cs.nspeaker) pact__groups_build(&cs); /* "chúng tôi" now names the speaker */
        if (debug) dump(&cs);
        code_sentence(&cs, &st);
        pact__memberships_code(&cs, &st);
    }
    pact_arena_free(scratch);
    free(st.hist);
    free(st.hist_org);
}
