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

/* Unit k opens a clause ("khi", "nếu", "do" ...): not the "do" of "tự do"
 * (freedom, "Lá chắn Tự do Ulchi") nor of "lý do" (a reason). */
static bool clause_prep(const pact_csent *cs, size_t k) {
    const pact_unit *u = &cs->u[k];
    if (!u->prep || strcmp(u->prep->value, "clause") != 0) return false;
    if (k > 0 && u->key && cs->u[k - 1].key && cs->u[k - 1].kind == PACT_U_WORD) {
        static const char *const before_do[] = {"tự", "lý", NULL};
        pact_buf b;
        pact_buf_init(&b, 0);
        pact__pattern_key("do", 2, &b);
        bool is_do = b.ptr && !strcmp(b.ptr, u->key);
        bool compound = false;
        for (size_t w = 0; is_do && before_do[w] && !compound; w++) {
            pact_buf_truncate(&b, 0);
            pact__pattern_key(before_do[w], strlen(before_do[w]), &b);
            compound = b.ptr && !strcmp(b.ptr, cs->u[k - 1].key);
        }
        pact_buf_free(&b);
        if (compound) return false;
    }
    return true;
}

/* A trigger earlier in the same comma-clause as unit u0. */
static bool trigger_in_clause_before(const pact_csent *cs, size_t u0) {
    for (size_t k = u0; k-- > 0;) {
        if (pact__is_comma(&cs->u[k]) || pact__clause_break(&cs->u[k])) return false;
        if (clause_prep(cs, k)) return false; /* "khi X ..." */
        if (pact__is_trigger_unit(&cs->u[k])) return true;
    }
    return false;
}

/* Units from k spell one of words (a NULL-terminated list of words of one or
 * two syllables). */
static bool word_in(const pact_csent *cs, size_t k, const char *const *words) {
    if (k >= cs->n || cs->u[k].kind != PACT_U_WORD || !cs->u[k].key) return false;
    bool yes = false;
    pact_buf b;
    pact_buf_init(&b, 0);
    for (size_t w = 0; words[w] && !yes; w++) {
        const char *sp = strchr(words[w], ' ');
        size_t l1 = sp ? (size_t)(sp - words[w]) : strlen(words[w]);
        pact_buf_truncate(&b, 0);
        pact__pattern_key(words[w], l1, &b);
        if (!b.ptr || strcmp(b.ptr, cs->u[k].key) != 0) continue;
        if (!sp) {
            yes = true;
            continue;
        }
        if (k + 1 >= cs->n || cs->u[k + 1].kind != PACT_U_WORD || !cs->u[k + 1].key) continue;
        pact_buf_truncate(&b, 0);
        pact__pattern_key(sp + 1, strlen(sp + 1), &b);
        yes = b.ptr && !strcmp(b.ptr, cs->u[k + 1].key);
    }
    pact_buf_free(&b);
    return yes;
}

/* "Philippines, đồng minh hiệp ước của Mỹ, đã ...", "Nhật Bản và Philippines,
 * vốn ký ... hồi tháng 7, đã ...": an apposition after the subject, between
 * commas, does not cut the subject from its verb. The comma right after the
 * group opens it when a word that starts one follows. */
static bool apposition_after(const pact_csent *cs, const pact_group *g) {
    static const char *const starters[] = {"vốn", "từng", "nước", "quốc gia", "đồng minh", "đối tác", "thành viên",
                                           "hiện", "nơi", "người", "một", NULL};
    return g->u1 < cs->n && pact__is_comma(&cs->u[g->u1]) && word_in(cs, g->u1 + 1, starters);
}

/* The subject before an apposition that closes before u0 ("Philippines, đồng
 * minh hiệp ước của Mỹ, đã phản đối ..."): the expressions inside it do not
 * lend the verb after it their doers. */
/* The comma closing the apposition after g, before upto, or SIZE_MAX. */
static size_t apposition_end(const pact_csent *cs, const pact_group *g, size_t upto) {
    if (!apposition_after(cs, g)) return SIZE_MAX;
    for (size_t c2 = g->u1 + 1; c2 < upto; c2++) {
        if (pact__is_comma(&cs->u[c2])) return c2;
        if (pact__clause_break(&cs->u[c2])) return SIZE_MAX;
    }
    return SIZE_MAX;
}

static const pact_group *subject_before_apposition(const pact_csent *cs, size_t u0) {
    for (size_t k = 0; k < cs->ng; k++) {
        const pact_group *g = &cs->g[k];
        if (g->u1 >= u0 || g->prep != PACT_GP_NONE || !apposition_after(cs, g)) continue;
        size_t c2 = g->u1 + 1;
        while (c2 < u0 && !pact__is_comma(&cs->u[c2]) && !pact__clause_break(&cs->u[c2])) c2++;
        if (c2 >= u0 || !pact__is_comma(&cs->u[c2])) continue;
        bool clean = true;
        for (size_t j = c2 + 1; j < u0 && clean; j++)
            if (pact__is_comma(&cs->u[j]) || pact__clause_break(&cs->u[j]) || cs->u[j].kind == PACT_U_ACTOR) clean = false;
        if (clean) return g;
    }
    return NULL;
}

static const pact_group *find_source(const pact_csent *cs, size_t from, size_t upto, bool prev_say) {
    for (size_t k = cs->ng; k-- > 0;) {
        const pact_group *g = &cs->g[k];
        if (g->u1 > upto) continue;
        if (g->u0 < from) break;
        /* a comma or clause break between the group and the expression (past
         * an apposition: its opening comma and the one closing it) */
        int skip = apposition_after(cs, g) ? 2 : 0;
        bool cut = false;
        for (size_t j = g->u1; j < upto && !cut; j++)
            if (pact__is_comma(&cs->u[j]) && skip > 0) skip--;
            else if (pact__is_comma(&cs->u[j]) || pact__clause_break(&cs->u[j])) cut = true;
        /* "đồng minh hiệp ước của Mỹ, ...": a possessor closing a phrase is
         * no subject; look further back */
        if (cut && g->prep == PACT_GP_POSSESSOR) continue;
        if (cut) return NULL;
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

/* "một cuộc tấn công ...": an indefinite noun is a kind of act, often a
 * hypothetical one ("nói rằng một cuộc tấn công nhằm vào Đài Loan có thể
 * ..."), not the act of whoever spoke before it. */
static bool indefinite(const pact_csent *cs, const trigger *t) {
    if (t->u0 < 1) return false;
    size_t at = t->u0 - 1; /* "một cuộc tấn công", "một [cuộc] [tấn công]" */
    if (cs->u[at].prep && !strcmp(cs->u[at].prep->value, "nominal")) {
        if (at < 1) return false;
        at--;
    }
    const char *k = cs->u[at].key;
    if (!k) return false;
    pact_buf b;
    pact_buf_init(&b, 0);
    pact__pattern_key("một", strlen("một"), &b);
    bool yes = b.ptr && !strcmp(b.ptr, k);
    pact_buf_free(&b);
    return yes;
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

/* A bare year more than a year after the page's own ("vào năm 2035", "từ năm
 * 2027") is a target or a horizon, not when something was done or said. Only
 * bare years: a page's own date can be years off (a republished page), and a
 * day it names is still a day. */
static bool horizon(const pact_csent *cs, const char *v) {
    const char *pd = cs->a ? cs->a->page_date : NULL;
    if (!pd || !pd[0] || !v || v[0] == '-' || strlen(v) != 4) return false;
    int py = atoi(pd), y = atoi(v);
    return py > 0 && y > py + 1;
}

static void date_near(const pact_csent *cs, size_t unit, char out[11]) {
    out[0] = 0;
    const pact_sent *s = cs->s;
    size_t pos = unit < cs->n ? cs->u[unit].start : s->start;
    /* The date right after the expression ("ký ... ngày 12/1"), else the
     * nearest one before it ("Ngày 18/6, Mỹ lên án ..."): a year further on
     * usually names something else ("Hiệp ước Phòng thủ chung năm 1951"). */
    const pact_date_mention *before = NULL, *after = NULL, *far = NULL;
    for (size_t k = 0; k < s->ndates; k++) {
        const pact_date_mention *d = &s->dates[k];
        if (!d->value[0]) continue;
        if (horizon(cs, d->value)) { /* used only when the sentence has no other date */
            if (!far) far = d;
            continue;
        }
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
    if (!pick) pick = far;
    if (pick) snprintf(out, 11, "%s", pick->value);
}

void pact__coder_sentence_date(const pact_csent *cs, size_t unit, char out[11]) { date_near(cs, unit, out); }

/* "Hồi tháng 6, ...": a date looked back to, a flashback from the story (it
 * dates what follows in its own paragraph only). */
static bool flashback(const pact_csent *cs, const pact_sent *s, const pact_date_mention *d) {
    if (!cs->a->paras || s->para >= cs->a->nparas) return false;
    const char *t = cs->a->paras[s->para].text;
    size_t i = d->start;
    while (i > 0 && t[i - 1] == ' ') i--;
    /* "hồi" is h, U+1ED3 (3 bytes), i */
    return i >= 5 && (t[i - 5] == 'h' || t[i - 5] == 'H') && !memcmp(t + i - 4, "\xe1\xbb\x93i", 4) &&
           (i == 5 || t[i - 6] == ' ' || t[i - 6] == ',' || t[i - 6] == '(');
}

/* The last date stated before this sentence in the article's body (not a
 * target year, not a flashback). */
static void context_date(const pact_csent *cs, char out[11]) {
    out[0] = 0;
    for (size_t k = cs->si; k-- > 0;) {
        const pact_sent *s = &cs->a->sents[k];
        if (s->is_title) break;
        for (size_t d = s->ndates; d-- > 0;)
            if (s->dates[d].value[0] && !horizon(cs, s->dates[d].value) &&
                (s->para == cs->s->para || !flashback(cs, s, &s->dates[d]))) {
                snprintf(out, 11, "%s", s->dates[d].value);
                return;
            }
    }
}

/* "hôm sau", "trước đó một ngày", "một tuần sau": N days after (before) a
 * day-precise date (YYYY-MM-DD or --MM-DD); anything less precise is left as
 * it is. */
static void add_day(char d[11], int dir) {
    int y = 0, m, day;
    bool year = d[0] != '-';
    if (year ? sscanf(d, "%4d-%2d-%2d", &y, &m, &day) != 3 : sscanf(d, "--%2d-%2d", &m, &day) != 2) return;
    if ((year && strlen(d) != 10) || (!year && strlen(d) != 7) || m < 1 || m > 12) return;
    static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int last = mdays[m - 1];
    if (m == 2 && year && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) last = 28;
    if (dir < 0) {
        if (--day < 1) {
            if (--m < 1) {
                m = 12;
                y--;
            }
            day = mdays[m - 1];
            if (m == 2 && year && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) day = 28;
        }
    } else if (++day > last) {
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

static void add_days(char d[11], int n) {
    for (; n > 0; n--) add_day(d, 1);
    for (; n < 0; n++) add_day(d, -1);
}

static void sentence_domains(const pact_csent *cs, const char **dom, size_t *nd) {
    const struct pact_patterns *P = pact__pats(cs);
    *nd = 0;
    for (size_t i = 0; i < cs->n;) {
        size_t len = 0;
        const pact_pattern *p = pact__patterns_match_coder(P, cs->keys, cs->n, i, 1u << PACT_PK_DOMAIN, &len);
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

/* Another (non-statement) expression after trigger i that the statement
 * reports: one whose doer is the statement's object ("Hàn Quốc cho biết
 * Triều Tiên phóng ...": no KOR-PRK statement) or is not named. One with a
 * doer of its own that yielded no event does not silence the statement
 * ("tuyên bố AUKUS tiến hết tốc lực sau nhiều tháng Lầu Năm Góc rà soát"). */
static const char *const contrast_words[] = {"nhưng", "song", "tuy nhiên", "trong khi", "còn", NULL};

static bool trigger_after(const pact_csent *cs, const trigger *tr, size_t nt, size_t i, const char *tgt) {
    size_t from = tr[i].u1;
    for (size_t k = i + 1; k < nt; k++) {
        /* ", nhưng ...": a contrast opens a clause the statement does not reach */
        for (size_t j = from; j + 1 < tr[k].u0; j++)
            if (pact__is_comma(&cs->u[j]) && word_in(cs, j + 1, contrast_words)) return false;
        from = tr[k].u0;
        if (tr[k].say || tr[k].noun) continue;
        if (!tr[k].nsrc || !tgt || pact__in_list(tr[k].src, tr[k].nsrc, tgt)) return true;
    }
    return false;
}

/* "sau khi", "trước khi", "khi": a clause word right before an expression */
static const char *const when_words[] = {"khi", NULL};
/* "vì", "do", "bởi": a cause */
static const char *const cause_words[] = {"vì", "do", "bởi", NULL};

/* "chỉ trích việc Mỹ và Nhật tăng cường hợp tác", "lo ngại về việc X ...":
 * a clause that is the object of a criticism or a rejection (roots 11, 12)
 * is what is objected to, not an event the page reports (the shared gold
 * does not code it). */
static bool objected_clause(const pact_csent *cs, const trigger *tr, size_t i) {
    /* "chỉ trích cuộc gặp của ba nhà lãnh đạo": a noun right after, whose
     * doers are an anaphor, is an event told before, now the object */
    if (tr[i].nominal && i > 0 && !tr[i - 1].embedded && tr[i].u0 >= tr[i - 1].u1 && tr[i].u0 - tr[i - 1].u1 <= 3 &&
        (!strncmp(tr[i - 1].p->value, "11", 2) || !strncmp(tr[i - 1].p->value, "12", 2))) {
        const pact_group *g = pact__group_from(cs, tr[i].u1, tr[i].u1 + 6);
        if (g && g->prep == PACT_GP_POSSESSOR)
            for (size_t k = g->u0; k < g->u1 && k < cs->n; k++)
                if (cs->u[k].coref) return true;
    }
    if (!tr[i].embedded) return false;
    for (size_t k = i; k-- > 0;) {
        if (tr[k].embedded || tr[k].u1 > tr[i].u0) continue;
        return !strncmp(tr[k].p->value, "11", 2) || !strncmp(tr[k].p->value, "12", 2);
    }
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

/* An actor within two words after a passive marker ("bị lực lượng Trung Quốc
 * dùng dao tấn công"): the agent, however far the verb comes after it. */
static bool agent_follows(const pact_csent *cs, size_t from) {
    for (size_t k = from; k < cs->n && k < from + 3; k++) {
        if (cs->u[k].kind == PACT_U_ACTOR) return true;
        if (cs->u[k].kind != PACT_U_WORD || pact__is_trigger_unit(&cs->u[k])) return false;
    }
    return false;
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

/* "xác nhận có lính Triều Tiên trên đất Nga và cảnh báo Bình Nhưỡng": an
 * actor right before "và" (or "đồng thời") and a verb closes the verb phrase
 * before it, so it is not that verb's subject (a list of actors is one group,
 * "Mỹ và Nhật Bản ký ..."). Up to two plain words ("cũng", "đã") may follow. */
static bool ends_before_and(const pact_csent *cs, const pact_group *g, size_t u0) {
    static const char *const and_words[] = {"và", "đồng thời", NULL};
    static const char *const two[] = {"đồng thời", NULL};
    if (g->u1 >= u0 || !word_in(cs, g->u1, and_words)) return false;
    size_t k = g->u1 + (word_in(cs, g->u1, two) ? 2 : 1);
    if (k > u0 || u0 - k > 2) return false;
    for (; k < u0; k++)
        if (cs->u[k].kind != PACT_U_WORD || cs->u[k].ev) return false;
    return true;
}

/* "không có hứng thú cải thiện quan hệ", "không muốn đàm phán": a negated
 * will ("không/chưa [có] muốn, hứng thú, ý định, sẵn sàng") between from
 * and u0. */
static bool refusal_before(const pact_csent *cs, size_t from, size_t u0) {
    static const char *const neg[] = {"không", "chưa", "chẳng", NULL};
    static const char *const have[] = {"có", NULL};
    static const char *const will[] = {"muốn", "hứng thú", "ý định", "sẵn sàng", "quan tâm", "ý muốn", NULL};
    /* the will word may open the expression itself ("không muốn đàm phán") */
    if (u0 > from && u0 < cs->n && word_in(cs, u0 - 1, neg) && word_in(cs, u0, will)) return true;
    for (size_t k = from; k + 1 < u0; k++) {
        if (!word_in(cs, k, neg)) continue;
        size_t w = k + 1 + (word_in(cs, k + 1, have) ? 1 : 0);
        if (w < u0 && word_in(cs, w, will)) return true;
    }
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
        if (k == SIZE_MAX || cs->u[k].kind != PACT_U_ACTOR || !cs->u[k].nactors) {
            /* "Ông Zelensky và lãnh đạo châu Âu tới Nhà Trắng": an actor
             * joined by "và" to a common noun phrase is the subject */
            bool joined = false;
            for (size_t j = i, w = 0; j-- > 1 && w < 6 && (cs->u[j].kind == PACT_U_WORD || cs->u[j].kind == PACT_U_ENT) &&
                                      !pact__is_trigger_unit(&cs->u[j]);
                 w++)
                if (cs->u[j].conn && cs->u[j - 1].kind == PACT_U_ACTOR && cs->u[j - 1].nactors) {
                    k = j - 1;
                    joined = true;
                    break;
                }
            if (!joined) continue;
            words = 0;
        }
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
                         (u->prep && !strcmp(u->prep->value, "nominal")) ||
                         /* a two-word one: "các đề xuất hòa giải", "một số" */
                         (i > 1 && cs->u[i - 2].prep && cs->u[i - 2].prep_len == 2 &&
                          !strcmp(cs->u[i - 2].prep->value, "nominal"));
            /* "viện trợ của Mỹ": a verb with "của" and an actor right after
             * it is a noun, its doer that possessor */
            if (!t->nominal && !t->say && !(u->ev->flags & PACT_PF_SYM)) {
                const pact_group *g = pact__group_from(cs, t->u1, t->u1 + 2);
                if (g && g->prep == PACT_GP_POSSESSOR && g->u0 <= t->u1 + 1) t->nominal = true;
            }
        }
        i += u->ev_len - 1;
    }
    const char *dom[PACT_MAX_DOMAINS];
    size_t nd = 0;
    sentence_domains(cs, dom, &nd);
    bool datecue = false;
    int shift = 0; /* datecue value: "continue", "next" (+1 day) or a signed day count */
    for (size_t k = 0; k < cs->n; k++)
        if (cs->u[k].datecue) {
            const char *v = cs->u[k].datecue->value;
            datecue = true;
            if (!strcmp(v, "next")) shift = 1;
            else if (v[0] == '+' || v[0] == '-') shift = atoi(v);
        }
    char ctx_date[11] = "";
    if (!cs->s->is_title && datecue) context_date(cs, ctx_date);
    /* "một tuần sau" a year or a month ("năm 2012") fixes no date */
    if (shift && strlen(ctx_date) != 10) ctx_date[0] = '\0';
    if (shift && shift >= -31 && shift <= 31) add_days(ctx_date, shift);

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
        /* "phản đối hợp tác quân sự Nga - Triều": what is opposed, not an
         * event; "yêu cầu Iran chấm dứt hỗ trợ ...": what is demanded */
        else if (!pv->absorbed && plain && gap == 0 && !(t->p->flags & PACT_PF_SAY) && !t->nominal &&
                 !possessor_after(cs, t) &&
                 (!strncmp(pv->p->value, "11", 2) || !strncmp(pv->p->value, "12", 2) || !strncmp(pv->p->value, "14", 2) ||
                  !strncmp(pv->p->value, "10", 2)))
            t->absorbed = true;
        /* "tham dự phiên họp của hội nghị NATO": the topic's own complement */
        else if (pv->absorbed && ti >= 2 && (tr[ti - 2].p->flags & PACT_PF_TOPIC) && plain && gap == 1 &&
                 wis(cs, &cs->u[pv->u1], PACT_W_CUA))
            t->absorbed = true;
    }
    /* "đề xuất tổ chức một cuộc gặp giữa lãnh đạo Nga và Ukraine": a meeting
     * or act only proposed, named by an indefinite noun, has not happened */
    for (size_t ti = 0; ti < nt; ti++) {
        static const char *const propose[] = {"đề xuất", "đề nghị", "gợi ý", "kêu gọi", NULL};
        if (!tr[ti].nominal || !indefinite(cs, &tr[ti])) continue;
        for (size_t k = tr[ti].u0 > 6 ? tr[ti].u0 - 6 : 0; k < tr[ti].u0; k++)
            if (word_in(cs, k, propose) && !comma_between(cs, k, tr[ti].u0)) tr[ti].absorbed = true;
    }
    /* "X cho rằng hợp tác quốc phòng giữa hai nước không được nhắm vào bên
     * thứ ba": an act between parties named by an anaphor, right after a
     * statement, is its topic (told before), not a new event */
    for (size_t ti = 1; ti < nt; ti++) {
        if (!tr[ti - 1].say || tr[ti].say || tr[ti].u0 != tr[ti - 1].u1) continue;
        const pact_group *g = pact__group_from(cs, tr[ti].u1, tr[ti].u1 + 5);
        if (g && g->prep == PACT_GP_BETWEEN && cs->u[g->u0].coref && !comma_between(cs, tr[ti].u1, g->u0))
            tr[ti].absorbed = true;
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
        /* "X bị Y dùng dao và rìu tấn công": the agent's means may sit
         * between it and the verb, so look back up to seven units */
        for (size_t k = t->u0; k-- > (prev_end + 7 < t->u0 ? t->u0 - 7 : prev_end);) {
            if (cs->u[k].passive && k + cs->u[k].passive_len <= t->u0 &&
                !(cs->u[k].modal && strcmp(cs->u[k].modal->value, "-") != 0 && cs->u[k].modal_len > 1) &&
                (k + 4 >= t->u0 || agent_follows(cs, k + cs->u[k].passive_len))) {
                pmark = k;
                break;
            }
            if (cs->u[k].kind == PACT_U_PUNCT) break;
        }
        const pact_group *sg = find_source(cs, prev_end, pmark != SIZE_MAX ? pmark : t->u0, ti > 0 && tr[ti - 1].say);
        if (!sg && ti > 0 && pmark == SIZE_MAX) sg = subject_before_apposition(cs, t->u0);
        /* "X xác nhận ... trên đất Nga và cảnh báo Y", "X cho rằng AUKUS làm
         * gia tăng nguy cơ ... và kêu gọi Y": a verb after "và" whose nearest
         * actor is the object before it, or (a speech act) the subject of a
         * statement's complement that names no event, is the speaker's */
        const trigger *and_shared = NULL;
        if (sg && pmark == SIZE_MAX && sg != &cs->g[0]) {
            static const char *const and_words[] = {"và", NULL};
            const pact_group *lastg = sg; /* the last actor before the verb, of any kind */
            for (size_t k = 0; k < cs->ng; k++)
                if (cs->g[k].u1 <= t->u0 && cs->g[k].u0 >= lastg->u1) lastg = &cs->g[k];
            if (ends_before_and(cs, lastg, t->u0)) {
                for (size_t k = ti; k-- > 0 && !and_shared;)
                    if (tr[k].nsrc && !tr[k].embedded && tr[k].u1 <= sg->u0) and_shared = &tr[k];
                if (!and_shared && cs->g[0].prep == PACT_GP_NONE && cs->g[0].u1 <= sg->u0 &&
                    (ti == 0 || tr[0].u0 >= cs->g[0].u1))
                    sg = &cs->g[0];
            } else if (ti > 0 && t->u0 > 0 && word_in(cs, t->u0 - 1, and_words) && strchr("01", t->p->value[0]) &&
                       (t->p->value[0] == '0' ? strchr("12", t->p->value[1]) != NULL : strchr("0123", t->p->value[1]) != NULL)) {
                for (size_t k = ti; k-- > 0 && !and_shared;) {
                    if (tr[k].u1 > sg->u0) {
                        if (tr[k].u0 > sg->u1) break; /* the complement's own verb */
                        continue;
                    }
                    if (tr[k].say && tr[k].nsrc && !comma_between(cs, tr[k].u1, t->u0)) and_shared = &tr[k];
                    break;
                }
            }
            if (and_shared) sg = NULL;
        }
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
        /* "EU đưa một số sĩ quan của Triều Tiên vào danh sách trừng phạt":
         * those put on a sanctions list are its target, whoever they belong
         * to; the one listing them is the subject before them */
        if (!passive && !nsrc && !and_shared && !strncmp(base, "16", 2) && t->u0 >= 4) {
            static const char *const into[] = {"vào", NULL}, *const list[] = {"danh sách", NULL};
            const pact_group *lg = NULL;
            if (word_in(cs, t->u0 - 3, into) && word_in(cs, t->u0 - 2, list))
                for (size_t k = 0; k < cs->ng; k++)
                    if (cs->g[k].u1 <= t->u0 - 3 && cs->g[k].u0 >= prev_end) lg = &cs->g[k];
            const pact_group *ls = lg ? find_source(cs, prev_end, lg->u0, ti > 0 && tr[ti - 1].say) : NULL;
            if (ls && ls != lg && !pact__subset(lg->actors, lg->n, ls->actors, ls->n)) {
                sg = ls;
                memcpy(tgt, lg->actors, lg->n * sizeof *tgt);
                ntgt = lg->n;
            }
        }
        bool nominal = t->nominal;
        const trigger *shared = NULL;
        if (and_shared && !passive && !nsrc) {
            memcpy(src, and_shared->src, and_shared->nsrc * sizeof *src);
            nsrc = and_shared->nsrc;
        }
        if (!passive && !nsrc) {
            if (sg) {
                memcpy(src, sg->actors, sg->n * sizeof *src);
                nsrc = sg->n;
                mod_from = sg->u1;
                /* the apposition's words ("vốn ký hiệp định") are not this verb's cues */
                size_t ae = apposition_end(cs, sg, t->u0);
                if (ae != SIZE_MAX) mod_from = ae + 1;
                t->embedded = sg->u0 > 0 && wis(cs, &cs->u[sg->u0 - 1], PACT_W_VIEC);
            } else if (!nominal && coordinated(cs, t->u0) && (shared = subject_before(cs, tr, ti)) != NULL) {
                /* "phản đối hiệp ước và cho biết ...": past the object noun to
                 * the verb whose subject this coordinated verb shares */
                memcpy(src, shared->src, shared->nsrc * sizeof *src);
                nsrc = shared->nsrc;
            } else if (ti > 0 && nominal && t->u0 > 0 && pact__is_comma(&cs->u[t->u0 - 1]) && !possessor_after(cs, t) &&
                       tr[0].nsrc && !tr[0].say && !tr[0].embedded) {
                /* "Thủ tướng Modi tới Thiên Tân dự hội nghị SCO, chuyến thăm
                 * Trung Quốc đầu tiên sau 7 năm": a noun in apposition to
                 * the clause is the main subject's */
                memcpy(src, tr[0].src, tr[0].nsrc * sizeof *src);
                nsrc = tr[0].nsrc;
            } else if (ti > 0 && t->u0 > 0 && word_in(cs, t->u0 - 1, cause_words) && tr[ti - 1].p->value[0] == '1' &&
                       strchr("1267", tr[ti - 1].p->value[1])) {
                /* "trừng phạt các công ty của Mỹ vì bán vũ khí cho Đài
                 * Loan", "lên án Washington vì bán vũ khí": a cause with no
                 * subject of its own is the doing of the one punished or
                 * criticised, not of the main subject; as a reason given it
                 * is not coded itself (tests/spec/events.txt) */
                t->absorbed = true;
                for (size_t k = cs->ng; k-- > 0;) {
                    const pact_group *g = &cs->g[k];
                    if (g->u1 > t->u0 || g->u0 < tr[ti - 1].u1) continue;
                    memcpy(src, g->actors, g->n * sizeof *src);
                    nsrc = g->n;
                    break;
                }
            } else if (ti > 0 && tr[ti - 1].nsrc && !(nominal && possessor_after(cs, t)) &&
                       /* "nói X là đối tác, nhưng việc kết nạp thành viên mới
                        * không nằm trong kế hoạch": a "việc" noun after a
                        * contrast opens a clause of its own; not the speaker's */
                       !(nominal && t->u0 >= 2 && wis(cs, &cs->u[t->u0 - 1], PACT_W_VIEC) &&
                         word_in(cs, t->u0 - 2, contrast_words)) &&
                       !(nominal && tr[ti - 1].say && indefinite(cs, t)) &&
                       /* "chỉ trích cuộc họp ...": the noun is the object, not
                        * the critic's act; "công bố gói viện trợ" and "nhất trí
                        * tổ chức cuộc họp" are the subject's own */
                       !(nominal && t->u0 - tr[ti - 1].u1 <= 3 && !tr[ti - 1].say &&
                         !(tr[ti - 1].p->flags & PACT_PF_CHAIN)) &&
                       (!object_between(cs, prev_end, t->u0) || coordinated(cs, t->u0) ||
                        /* "triệu Đại sứ Nga để phản đối": a purpose shares the subject */
                        (t->u0 > 0 && (wis(cs, &cs->u[t->u0 - 1], PACT_W_DE) || wis(cs, &cs->u[t->u0 - 1], PACT_W_NHAM))) ||
                        /* "hội đàm với X, hai ngày sau khi gặp Y": a "khi"
                         * clause with no subject of its own shares it */
                        (t->u0 > 0 && word_in(cs, t->u0 - 1, when_words)))) {
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
            } else if (g && t->nominal && !t->say && (g->prep == PACT_GP_NONE || g->prep == PACT_GP_TARGET) && g->n == 1) {
                /* "chuyến thăm Mỹ đầu tiên của ông Lee": the object, then
                 * the possessor a few words on */
                const pact_group *g2 = pact__group_from(cs, g->u1, g->u1 + 6);
                bool clean = g2 != NULL;
                for (size_t j = g->u1; g2 && j < g2->u0; j++)
                    if (pact__is_comma(&cs->u[j]) || pact__clause_break(&cs->u[j]) || pact__is_trigger_unit(&cs->u[j]))
                        clean = false;
                if (clean && g2->prep == PACT_GP_POSSESSOR && !pact__subset(g->actors, g->n, g2->actors, g2->n)) {
                    memcpy(src, g2->actors, g2->n * sizeof *src);
                    nsrc = g2->n;
                    memcpy(tgt, g->actors, g->n * sizeof *tgt);
                    ntgt = g->n;
                }
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
        /* "cho phép quân đội Mỹ tiếp cận": an actor inside the expression's
         * gap is its object */
        for (size_t k = 0; k < cs->ng && !ntgt; k++)
            if (cs->g[k].u0 > t->u0 && cs->g[k].u1 <= t->u1 && !pact__subset(cs->g[k].actors, cs->g[k].n, src, nsrc)) {
                tg = &cs->g[k];
                memcpy(tgt, tg->actors, tg->n * sizeof *tgt);
                ntgt = tg->n;
            }
        if (!ntgt) {
            for (size_t k = 0; k < cs->ng; k++) {
                const pact_group *g = &cs->g[k];
                if (g->u0 < tsearch || g->u0 >= tend) continue;
                if (near_only && g->u0 > tsearch + 4) break;
                bool comma = false;
                for (size_t j = tsearch; j < g->u0; j++)
                    if (pact__is_comma(&cs->u[j]) || pact__clause_break(&cs->u[j]) ||
                        clause_prep(cs, j))
                        comma = true;
                if (comma && !t->say) break;
                /* a locative preposition inside the expression itself
                 * ("triệu hồi đại sứ tại Mỹ") introduces its object */
                if ((g->prep == PACT_GP_LOCATIVE && g->u0 != t->u1) || g->prep == PACT_GP_APPOS) continue;
                if (t->say && g->prep == PACT_GP_POSSESSOR) continue;
                /* "giúp quân đội nước này đẩy lùi các cuộc tấn công của Nga":
                 * once the verb has had an object, the possessor of a noun
                 * further on is that noun's doer (but "lên án vụ phóng của X",
                 * "đáp trả cuộc tập trận của X" are X) */
                if (g->prep == PACT_GP_POSSESSOR) {
                    bool owned = false;
                    for (size_t k2 = ti + 1; k2 < nt && !owned; k2++) {
                        if (!tr[k2].nominal || tr[k2].u0 < tsearch || tr[k2].u1 > g->u0 || g->u0 - tr[k2].u1 > 2) continue;
                        for (size_t k3 = 0; k3 < cs->ng && !owned; k3++)
                            if (cs->g[k3].u0 >= tsearch && cs->g[k3].u1 <= tr[k2].u0) owned = true;
                    }
                    if (owned) continue;
                }
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
                /* "sau thượng đỉnh Mỹ - Nga": a meeting noun named by its
                 * parties is among them, whoever went after it */
                if (sym && g->u0 == t->u1 && g->n >= 2 && g->prep == PACT_GP_NONE) {
                    bool dash = false;
                    for (size_t j = g->u0; j < g->u1 && j < cs->n; j++)
                        if (cs->u[j].kind == PACT_U_PUNCT && (cs->u[j].cp == '-' || cs->u[j].cp == 0x2013)) dash = true;
                    if (dash) {
                        tg = g;
                        between = true;
                        break;
                    }
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
        /* "tập trận quy mô lớn quanh Đài Loan", "diễn tập gần Triều Tiên":
         * a drill around or aimed at a country (none of its doers) shows
         * force to it (150); joint doers still exercise together (062) */
        if (!ntgt && nsrc && !passive && !strcmp(base, "062")) {
            static const char *const drills[] = {"tập trận", "diễn tập", "tuần tra", "bay chung", "bay tuần", NULL};
            static const char *const around[] = {"quanh", "gần", "sát", NULL};
            static const char *const aimed[] = {"nhằm vào", "nhắm vào", NULL};
            /* "gần không phận Nhật Bản", "quanh hòn đảo Đài Loan" */
            static const char *const area[] = {"không phận", "vùng biển", "lãnh hải", "lãnh thổ", "bờ biển",
                                               "hòn đảo", "đảo", NULL};
            bool drill = word_in(cs, t->u0, drills) || word_in(cs, t->u0 + 1, drills);
            for (size_t k = t->u1; drill && k < cs->n && k < t->u1 + 25 && k < tend; k++) {
                const pact_unit *x = &cs->u[k];
                if (pact__clause_break(x) || clause_prep(cs, k)) break;
                if (x->kind != PACT_U_ACTOR || !x->nactors || x->is_org) continue;
                bool near = word_in(cs, k - 1, around) || (k >= 2 && word_in(cs, k - 2, aimed)) ||
                            (k >= 2 && word_in(cs, k - 1, area) && word_in(cs, k - 2, around)) ||
                            (k >= 3 && word_in(cs, k - 2, area) && word_in(cs, k - 3, around));
                if (!near) continue;
                if (pact__subset(x->actors, x->nactors, src, nsrc)) break;
                if (nsrc >= 2) pairs_within(&out, src, nsrc, "062", PACT_MOD_ASSERTED, ctx_date, false);
                ntgt = x->nactors < PACT_GROUP_ACTORS ? x->nactors : PACT_GROUP_ACTORS;
                memcpy(tgt, x->actors, ntgt * sizeof *tgt);
                snprintf(base, sizeof base, "150");
                sym = false;
                break;
            }
        }
        /* "Nga không kích Kharkiv", "tấn công tỉnh Belgorod": a force used on
         * a place (a region or city, no actor itself) is used on its country */
        if (!ntgt && nsrc && !passive && base[0] == '1' && (base[1] == '8' || base[1] == '9')) {
            for (size_t k = t->u1; k < cs->n && k < t->u1 + 6; k++) {
                const pact_unit *x = &cs->u[k];
                /* "tấn công vào thủ đô Kiev": a capital after a locative word */
                if (x->kind == PACT_U_ACTOR && x->is_place && x->nactors && !pact__in_list(src, nsrc, x->actors[0])) {
                    tgt[0] = x->actors[0];
                    ntgt = 1;
                    break;
                }
                if (pact__is_comma(x) || pact__clause_break(x) || x->kind == PACT_U_ACTOR) break;
                if (x->kind == PACT_U_ENT && x->ent && x->ent->kind == PACT_ENT_PLACE && x->ent->country &&
                    !pact__in_list(src, nsrc, x->ent->country)) {
                    tgt[0] = x->ent->country;
                    ntgt = 1;
                    break;
                }
            }
        }
        /* "Trung Quốc tập trận quanh Đài Loan, Mỹ lên tiếng chỉ trích": a
         * criticism with no object, closing the sentence, is of the doer of
         * the clause before it */
        if (!ntgt && nsrc && !passive && ti > 0 && tr[ti - 1].nsrc && base[0] == '1' && (base[1] == '1' || base[1] == '2')) {
            bool last = true;
            for (size_t k = t->u1; k < cs->n && last; k++)
                if (cs->u[k].kind == PACT_U_ACTOR || pact__is_trigger_unit(&cs->u[k])) last = false;
            bool comma = comma_between(cs, tr[ti - 1].u1, t->u0);
            bool apart = true;
            for (size_t k = 0; k < tr[ti - 1].nsrc && apart; k++)
                if (pact__in_list(src, nsrc, tr[ti - 1].src[k])) apart = false;
            if (last && comma && apart) {
                ntgt = tr[ti - 1].nsrc < PACT_GROUP_ACTORS ? tr[ti - 1].nsrc : PACT_GROUP_ACTORS;
                memcpy(tgt, tr[ti - 1].src, ntgt * sizeof *tgt);
            }
        }
        /* "Quân đội Mỹ và Hàn Quốc bắt đầu tập trận. Triều Tiên lên án cuộc
         * tập trận ...": a criticism of an act named by a bare noun (no
         * doer named) is of the group named just before */
        if (!ntgt && nsrc && !passive && base[0] == '1' && (base[1] == '1' || base[1] == '2') && ti + 1 < nt &&
            tr[ti + 1].nominal && tr[ti + 1].u0 >= t->u1 && tr[ti + 1].u0 - t->u1 <= 1 && st->nlast_group >= 2 &&
            st->last_group_si && st->last_group_si + 1 >= cs->si) { /* named in the last two sentences */
            bool named = false;
            for (size_t k = t->u1; k < cs->n && !named; k++)
                if (cs->u[k].kind == PACT_U_ACTOR && cs->u[k].nactors) named = true;
            bool apart = true;
            for (size_t k = 0; k < st->nlast_group && apart; k++)
                if (pact__in_list(src, nsrc, st->last_group[k])) apart = false;
            if (!named && apart) {
                ntgt = st->nlast_group < PACT_GROUP_ACTORS ? st->nlast_group : PACT_GROUP_ACTORS;
                memcpy(tgt, st->last_group, ntgt * sizeof *tgt);
            }
        }
        /* "cảnh báo sẽ đáp trả nếu Washington ...": a threat's target is the
         * one its condition names */
        if (!ntgt && nsrc && !passive && base[0] == '1' && base[1] == '3') {
            for (size_t k = 0; k < cs->ng; k++) {
                const pact_group *g = &cs->g[k];
                if (g->u0 <= t->u1 || g->u0 > t->u1 + 12) continue;
                if (g->u0 >= 1 && wis(cs, &cs->u[g->u0 - 1], PACT_W_NEU) && !pact__subset(g->actors, g->n, src, nsrc)) {
                    memcpy(tgt, g->actors, g->n * sizeof *tgt);
                    ntgt = g->n;
                }
                break;
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
                    clause_prep(cs, j))
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
        /* "ghé Tokyo để gặp Thủ tướng Ishiba": a meeting that is the purpose
         * of a trip that took place took place too */
        if (m == PACT_MOD_PLANNED && ti > 0 && !strncmp(base, "04", 2) && !strncmp(tr[ti - 1].p->value, "04", 2) &&
            tr[ti - 1].nsrc && t->u0 > 0 && word_in(cs, t->u0 - 1, (const char *const[]){"để", NULL})) {
            int plan0 = -1;
            if (find_modality(cs, tr[ti - 1].mod_from, &tr[ti - 1], &plan0) == PACT_MOD_ASSERTED) m = PACT_MOD_ASSERTED;
        }
        /* "Bình Nhưỡng không có hứng thú cải thiện quan hệ với Seoul":
         * refusing to cooperate is a rejection (12), as the gold codes it; a
         * plain negation ("không đạt được thỏa thuận") stays negated */
        if ((m == PACT_MOD_NEGATED || m == PACT_MOD_ASSERTED || m == PACT_MOD_PLANNED) && !passive && base[0] == '0' &&
            strchr("3456", base[1]) && refusal_before(cs, t->mod_from, t->u0) &&
            (m == PACT_MOD_NEGATED || word_in(cs, t->u0 - 1, (const char *const[]){"không", "chưa", "chẳng", NULL}))) {
            snprintf(base, sizeof base, "%s", base[1] == '4' ? "125" : base[1] == '6' ? "121" : "120");
            m = PACT_MOD_ASSERTED;
        }
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
            st->last_group_si = cs->si + 1;
        }
        if (chain_prev && out.n > made_before) {
            tr[ti - 1].absorbed = true;
            if (!strncmp(tr[ti - 1].p->value, "12", 2))
                for (size_t k = made_before; k < out.n; k++)
                    memcpy(out.v[k].code, base_of(tr[ti - 1].p), sizeof out.v[k].code);
        }
    }
    /* "X cho rằng AUKUS làm gia tăng nguy cơ ... và kêu gọi Y", "X cho rằng
     * các hoạt động của Trung Quốc chỉ làm gia tăng căng thẳng và khẳng định
     * ...": a statement whose complement names an actor but no event, closed
     * by "và" and another speech act of the same speaker, is about that actor
     * even though a more specific act follows */
    for (size_t i = 0; i + 1 < nt; i++) {
        const trigger *sy = &tr[i], *nx = &tr[i + 1];
        if (!sy->say || !sy->nsrc || sy->absorbed || nx->nsrc != sy->nsrc || nx->u0 < sy->u1 + 2) continue;
        if (!word_in(cs, nx->u0 - 1, (const char *const[]){"và", NULL}) || comma_between(cs, sy->u1, nx->u0)) continue;
        const char *v = nx->p->value;
        if (!((v[0] == '0' && (v[1] == '1' || v[1] == '2')) || (v[0] == '1' && strchr("0123", v[1])))) continue;
        bool same = true;
        for (size_t k = 0; k < sy->nsrc && same; k++) same = pact__in_list(nx->src, nx->nsrc, sy->src[k]);
        if (!same) continue;
        const pact_group *cg = NULL;
        for (size_t k = 0; k < cs->ng && !cg; k++)
            if (cs->g[k].u0 >= sy->u1 && cs->g[k].u1 < nx->u0 && cs->g[k].prep != PACT_GP_LOCATIVE) cg = &cs->g[k];
        if (!cg || pact__subset(cg->actors, cg->n, sy->src, sy->nsrc)) continue;
        char date[11];
        date_near(cs, sy->u0, date);
        if (!date[0]) snprintf(date, sizeof date, "%s", ctx_date);
        out.cur = i;
        for (size_t a = 0; a < sy->nsrc; a++)
            for (size_t b = 0; b < cg->n; b++) {
                bool had = false; /* the statement itself, kept now */
                for (size_t k = 0; k < out.n; k++)
                    if (out.v[k].trig == i && out.v[k].say && !strcmp(out.v[k].src, sy->src[a]) &&
                        !strcmp(out.v[k].tgt, cg->actors[b]))
                        out.v[k].say = false, had = true;
                if (!had) pend(&out, sy->src[a], cg->actors[b], "010", PACT_MOD_ASSERTED, date, false, false, false);
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
        if (p->say && (verb || trigger_after(cs, tr, nt, p->trig, p->tgt))) continue;
        if (p->noun && (verb || say)) continue;
        if (tr[p->trig].absorbed) continue;
        if (objected_clause(cs, tr, p->trig)) continue;
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
            st->last_group_si = cs->si + 1;
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
