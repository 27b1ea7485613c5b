/*
 * The coder's view of a sentence: words, punctuation and the recogniser's
 * actor mentions as units, with the dictionary's matches on each; reporting
 * leads ("Theo Nikkei,") set aside; actors joined into groups ("Mỹ, Anh và
 * Australia", "Mỹ – Nhật – Hàn") with what introduces each group.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "extract/coder.h"

static bool word_char(int32_t c) {
    if (c < 0x80) return (unsigned)((c | 0x20) - 'a') < 26u || (unsigned)(c - '0') < 10u;
    /* Latin and Vietnamese letters (utf8proc's categories, without the lookup) */
    if ((c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) || (c >= 0x1EA0 && c <= 0x1EF9)) return true;
    utf8proc_category_t k = utf8proc_category(c);
    return (k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO) ||
           (k >= UTF8PROC_CATEGORY_MN && k <= UTF8PROC_CATEGORY_ME) ||
           (k >= UTF8PROC_CATEGORY_ND && k <= UTF8PROC_CATEGORY_NO);
}

static bool is_digit_at(const char *t, size_t i, size_t end) {
    return i < end && t[i] >= '0' && t[i] <= '9';
}

static int32_t cp_at(const char *t, size_t i, size_t end, size_t *adv) {
    if ((unsigned char)t[i] < 0x80) {
        *adv = 1;
        return (unsigned char)t[i];
    }
    int32_t c = pact_utf8_decode(t + i, end - i, adv);
    if (*adv < 1) *adv = 1;
    return c;
}

static pact_unit *push_unit(pact_csent *cs, size_t *cap, size_t first_cap) {
    if (cs->n == *cap) {
        size_t nc = *cap ? *cap * 2 : first_cap;
        pact_unit *nu = pact_arena_alloc(cs->arena, nc * sizeof *nu);
        if (cs->n) memcpy(nu, cs->u, cs->n * sizeof *nu);
        cs->u = nu;
        *cap = nc;
    }
    pact_unit *u = &cs->u[cs->n++];
    memset(u, 0, sizeof *u);
    return u;
}

static void set_entity_unit(pact_unit *u, const pact_entity *e) {
    u->ent = e;
    u->start = e->nstart;
    u->end = e->nend;
    if (e->actor && e->kind != PACT_ENT_MEDIA) {
        u->kind = PACT_U_ACTOR;
        u->actors[0] = e->actor;
        u->nactors = 1;
        u->is_org = e->kind == PACT_ENT_ORG;
        u->is_place = e->kind == PACT_ENT_PLACE;
    } else {
        u->kind = PACT_U_ENT;
    }
}

/* Words, punctuation and entity mentions of the sentence, in order. */
void pact__units_build(pact_csent *cs) {
    const pact_sent *s = cs->s;
    const pact_record *r = cs->a->rec;
    const char *t = cs->text;
    size_t cap = 0, i = s->start, end = s->end;
    size_t ek = s->ent_first, eend = s->ent_first + s->nents;
    bool quote = false;
    pact_buf kb;
    pact_buf_init(&kb, 0);
    /* about one unit per 5 bytes of text: most sentences need no regrowth,
     * and short ones do not zero a block for 64 units (the arena zeroes) */
    size_t first_cap = end > i ? (end - i) / 5 + 8 : 8;
    if (first_cap > PACT_CODER_MAX_UNITS) first_cap = PACT_CODER_MAX_UNITS;
    while (i < end && cs->n < PACT_CODER_MAX_UNITS) {
        /* an entity mention starting here (or covering here) */
        while (ek < eend && (r->entities[ek].para != s->para || r->entities[ek].nend <= i)) ek++;
        if (ek < eend && r->entities[ek].nstart <= i && r->entities[ek].nend > i) {
            const pact_entity *e = &r->entities[ek];
            /* nested or overlapping mentions: keep the longest starting here */
            size_t best = ek;
            for (size_t k = ek + 1; k < eend && r->entities[k].nstart <= i; k++)
                if (r->entities[k].para == s->para && r->entities[k].nend > r->entities[best].nend) best = k;
            e = &r->entities[best];
            pact_unit *u = push_unit(cs, &cap, first_cap);
            set_entity_unit(u, e);
            u->in_quote = quote;
            i = e->nend > i ? e->nend : i + 1;
            continue;
        }
        size_t adv;
        int32_t c = cp_at(t, i, end, &adv);
        if (c == ' ' || c == '\t' || c == '\n' || c == 0xA0) {
            i += adv;
            continue;
        }
        if (word_char(c)) {
            size_t st = i;
            while (i < end) {
                if (ek < eend && r->entities[ek].para == s->para && r->entities[ek].nstart == i && i > st) break;
                int32_t d = cp_at(t, i, end, &adv);
                if (word_char(d)) {
                    i += adv;
                    continue;
                }
                /* 31.5.2024, 1.000, 2+2, 12/1: joiners between digits */
                if ((d == '.' || d == '/' || d == ',' || d == '+' || d == '-') && i > st &&
                    is_digit_at(t, i - 1, end) && is_digit_at(t, i + 1, end)) {
                    i += 1;
                    continue;
                }
                break;
            }
            pact_unit *u = push_unit(cs, &cap, first_cap);
            u->kind = PACT_U_WORD;
            u->start = st;
            u->end = i;
            u->in_quote = quote;
            pact_buf_truncate(&kb, 0);
            pact__pattern_key(t + st, i - st, &kb);
            /* the dictionary's copy when it has one: patterns then match by pointer */
            const char *ik = pact__patterns_intern(pact__pats(cs), kb.ptr ? kb.ptr : "", kb.len);
            u->key = ik ? (char *)ik : pact_arena_strndup(cs->arena, kb.ptr ? kb.ptr : "", kb.len);
            continue;
        }
        pact_unit *u = push_unit(cs, &cap, first_cap);
        u->kind = PACT_U_PUNCT;
        u->start = i;
        u->end = i + adv;
        u->cp = c;
        if (c == 0x201C || c == 0xAB) quote = true;
        else if (c == 0x201D || c == 0xBB) quote = false;
        else if (c == '"') quote = !quote;
        u->in_quote = quote;
        i += adv;
    }
    pact_buf_free(&kb);
    cs->keys = pact_arena_alloc(cs->arena, (cs->n ? cs->n : 1) * sizeof *cs->keys);
    /* an actor's key is the gap "*": it matches no syllable, but a pattern's
     * gap may run over it ("cho phép * tiếp cận": "cho phép Mỹ tiếp cận") */
    const struct pact_patterns *P = pact__pats(cs);
    const char *actor_key = P ? P->star : NULL;
    for (size_t k = 0; k < cs->n; k++)
        cs->keys[k] = cs->u[k].kind == PACT_U_WORD ? cs->u[k].key
                    : cs->u[k].kind == PACT_U_ACTOR && cs->u[k].nactors ? (char *)actor_key : NULL;
}

/* Dictionary matches of every kind, longest first, left to right per kind:
 * one pass over the units, each kind resuming after its last match. */
void pact__units_annotate(pact_csent *cs) {
    const struct pact_patterns *P = pact__pats(cs);
    const unsigned wanted = ((1u << PACT_PK_COUNT) - 1) & ~(1u << PACT_PK_COREF) & ~(1u << PACT_PK_DOMAIN);
    size_t next[PACT_PK_COUNT] = {0}; /* per kind: the first unit not inside its last match */
    for (size_t i = 0; i < cs->n; i++) {
        /* a word key the dictionary does not hold starts no pattern (the
         * coder's keys are interned when it does) */
        const char *key = cs->keys[i];
        if (!pact__patterns_owns(P, key)) continue;
        unsigned kinds = pact__patterns_entry(P, key)->kinds & wanted;
        for (int kind = 0; kinds; kind++, kinds >>= 1) {
            if (!(kinds & 1u) || i < next[kind]) continue;
            size_t len = 0;
            const pact_pattern *p = pact__patterns_match(P, cs->keys, cs->n, i, 1u << kind, &len);
            if (!p) continue;
            pact_unit *u = &cs->u[i];
            switch (kind) {
            case PACT_PK_EVENT: u->ev = p; u->ev_len = len; break;
            case PACT_PK_MODAL: u->modal = p; u->modal_len = len; break;
            case PACT_PK_MEMBER: u->member = p; u->member_len = len; break;
            case PACT_PK_PREP: u->prep = p; u->prep_len = len; break;
            case PACT_PK_CONN: u->conn = p; u->conn_len = len; break;
            case PACT_PK_PASSIVE: u->passive = p; u->passive_len = len; break;
            case PACT_PK_ATTRIB: u->attrib = p; u->attrib_len = len; break;
            case PACT_PK_DATECUE: u->datecue = p; break;
            case PACT_PK_REFINE: u->refine = p; u->refine_len = len; break;
            default: break;
            }
            /* a coordinating word may also start a longer phrase: keep scanning
             * inside matches of the joining kinds */
            next[kind] = i + ((kind == PACT_PK_CONN || kind == PACT_PK_PREP) ? 1 : len);
        }
    }
}

/* "Theo Nikkei, ..." at the start or ", theo Kyodo" at the end: the reporter
 * is not an actor; "theo nguồn tin" marks the sentence as hearsay. */
void pact__units_mark_attributions(pact_csent *cs) {
    for (size_t i = 0; i < cs->n; i++) {
        pact_unit *u = &cs->u[i];
        if (!u->attrib) continue;
        bool at_start = i == 0 || pact__is_comma(&cs->u[i - 1]) ||
                        (i == 1 && cs->u[0].kind == PACT_U_PUNCT);
        if (!at_start) continue;
        if (!strcmp(u->attrib->value, "hearsay")) cs->hearsay = 1;
        size_t j = i;
        while (j < cs->n && !pact__is_comma(&cs->u[j]) && !(cs->u[j].kind == PACT_U_PUNCT && (cs->u[j].cp == ';' || cs->u[j].cp == ':'))) j++;
        size_t stop = j;
        if (stop - i > 14) {
            /* a long stretch: only the first actor after "theo" is the reporter */
            stop = i + 1;
            while (stop < cs->n && cs->u[stop].kind != PACT_U_ACTOR && stop - i < 6) stop++;
            if (stop < cs->n && cs->u[stop].kind == PACT_U_ACTOR) stop++;
        }
        for (size_t k = i; k < stop; k++) cs->u[k].excluded = true;
        i = stop;
    }
}

/* -------------------------------------------------------------- groups -- */

bool pact__unit_capitalised(const pact_csent *cs, size_t k) {
    const pact_unit *u = &cs->u[k];
    if (u->kind != PACT_U_WORD) return false;
    size_t adv;
    int32_t c = pact_utf8_decode(cs->text + u->start, u->end - u->start, &adv);
    return c > 0 && utf8proc_isupper(c);
}

static bool joins(const pact_csent *cs, size_t a, size_t b) {
    /* units strictly between two actor units [a, b) may only be joiners, and
     * after "và" up to two plain words ("và quân đội Hàn Quốc") */
    for (size_t k = a; k < b;) {
        const pact_unit *u = &cs->u[k];
        if (u->kind == PACT_U_PUNCT && (u->cp == ',' || pact__is_dash(u->cp) || u->cp == '(' || u->cp == ')')) {
            k++;
            /* ", Tổng thống Mỹ ...": a capitalised title before the next name */
            if (u->cp == ',' && k < b && pact__unit_capitalised(cs, k)) {
                size_t words = 0;
                while (k < b && words < 4 && cs->u[k].kind == PACT_U_WORD && !cs->u[k].ev && !cs->u[k].conn) {
                    k++;
                    words++;
                }
            }
            continue;
        }
        if (u->conn) {
            k += u->conn_len;
            size_t words = 0;
            while (k < b && words < 4 && cs->u[k].kind == PACT_U_WORD && !cs->u[k].ev && !cs->u[k].conn) {
                k++;
                words++;
            }
            continue;
        }
        return false;
    }
    return true;
}

static void group_add(pact_group *g, const pact_unit *u) {
    for (size_t k = 0; k < u->nactors; k++)
        if (!pact__in_list(g->actors, g->n, u->actors[k]) && g->n < PACT_GROUP_ACTORS) g->actors[g->n++] = u->actors[k];
    if (u->is_org) g->has_org = true;
}

/* Ends group g before unit `end` (a comma that closes the list), keeping
 * the actors before it. */
static void cut_group(const pact_csent *cs, pact_group *g, size_t end) {
    g->u1 = end;
    g->n = 0;
    g->has_org = false;
    for (size_t k = g->u0; k < g->u1; k++)
        if (cs->u[k].kind == PACT_U_ACTOR) group_add(g, &cs->u[k]);
}

/* What introduces the group: the nearest preposition within a few words. */
static void group_prep(pact_csent *cs, pact_group *g) {
    g->prep = PACT_GP_NONE;
    if (g->u0 > 0 && cs->u[g->u0 - 1].kind == PACT_U_PUNCT && cs->u[g->u0 - 1].cp == '(') {
        g->prep = PACT_GP_APPOS;
        return;
    }
    size_t lim = g->u0 > 6 ? g->u0 - 6 : 0;
    for (size_t k = g->u0; k-- > lim;) {
        const pact_unit *u = &cs->u[k];
        if (u->kind != PACT_U_WORD) break;
        if (u->ev && strcmp(u->ev->value, "-") != 0 && k + u->ev_len <= g->u0) break;
        if (u->prep && k + u->prep_len <= g->u0) {
            /* a longer phrase ending here wins ("sự tham gia của") */
            for (size_t j = k > 3 ? k - 3 : 0; j < k; j++)
                if (cs->u[j].prep && j + cs->u[j].prep_len == k + u->prep_len) {
                    u = &cs->u[j];
                    k = j;
                    break;
                }
            const char *v = u->prep->value;
            if (!strcmp(v, "clause")) return; /* "khi Nhật Bản và Hàn Quốc ...": a new subject */
            if (!strcmp(v, "nominal")) continue;
            g->prep = !strcmp(v, "target") ? PACT_GP_TARGET : !strcmp(v, "possessor") ? PACT_GP_POSSESSOR
                    : !strcmp(v, "locative") ? PACT_GP_LOCATIVE : !strcmp(v, "between") ? PACT_GP_BETWEEN
                    : PACT_GP_SOURCE;
            g->prep_at = k;
            return;
        }
    }
}

void pact__groups_build(pact_csent *cs) {
    size_t nact = 0; /* at most one group starts at each actor unit */
    for (size_t i = 0; i < cs->n; i++) nact += cs->u[i].kind == PACT_U_ACTOR;
    cs->g = pact_arena_alloc(cs->arena, (nact ? nact : 1) * sizeof *cs->g);
    cs->ng = 0;
    for (size_t i = 0; i < cs->n; i++) {
        pact_unit *u = &cs->u[i];
        if (u->kind != PACT_U_ACTOR || u->excluded || !u->nactors) continue;
        pact_group *g = &cs->g[cs->ng++];
        memset(g, 0, sizeof *g);
        g->u0 = i;
        group_add(g, u);
        size_t last = i;
        for (size_t j = i + 1; j < cs->n && j - last <= 6; j++) {
            const pact_unit *v = &cs->u[j];
            if (v->kind == PACT_U_ACTOR && !v->excluded && v->nactors) {
                if (!joins(cs, last + 1, j)) break;
                /* "hội đàm với X và hai bên đã ký ...": an anaphor for several
                 * actors starts a new subject, it is not one more object */
                if (v->coref == PACT_CO_TWO || v->coref == PACT_CO_THREE || v->coref == PACT_CO_GROUP) break;
                /* "Lực lượng Phòng vệ Nhật Bản (SDF)" is one actor; "AUKUS (Mỹ –
                 * Anh – Úc)" is an org and its members */
                if (cs->u[j - 1].kind == PACT_U_PUNCT && cs->u[j - 1].cp == '(' &&
                    !pact__subset(v->actors, v->nactors, g->actors, g->n))
                    break;
                /* "Mỹ cùng Nhật" joins; but not across an event word */
                group_add(g, v);
                last = j;
            }
        }
        g->u1 = last + 1;
        group_prep(cs, g);
        /* "của Nga, Anh sẽ ...": after a preposition a list needs "và" (or a
         * dash) to be one; otherwise the comma ends the phrase */
        if (g->prep != PACT_GP_NONE && g->u1 - g->u0 > 1) {
            bool strong = false;
            size_t first_comma = SIZE_MAX;
            for (size_t k = g->u0; k < g->u1; k++) {
                const pact_unit *x = &cs->u[k];
                if (x->conn || (x->kind == PACT_U_PUNCT && pact__is_dash(x->cp))) strong = true;
                if (pact__is_comma(x) && first_comma == SIZE_MAX) first_comma = k;
            }
            if (!strong && first_comma != SIZE_MAX) {
                cut_group(cs, g, first_comma);
                last = first_comma;
            }
        }
        /* "tập trận quanh Đài Loan, Mỹ lên tiếng chỉ trích": a comma list (no
         * "và", "cùng" or dash) that starts inside a verb phrase (a verb
         * before it in its clause, not right before it) and is followed by a
         * verb is the end of that phrase and the next clause's subject; a
         * real list closes with "và" ("Mỹ, Nhật Bản và Úc ký ...") */
        else if (g->prep == PACT_GP_NONE && g->u1 - g->u0 > 1 && g->u1 < cs->n && g->u0 >= 2) {
            bool strong = false, verb_before = false;
            size_t first_comma = SIZE_MAX;
            for (size_t k = g->u0; k < g->u1; k++) {
                const pact_unit *x = &cs->u[k];
                if (x->conn || (x->kind == PACT_U_PUNCT && !pact__is_comma(x))) strong = true;
                if (pact__is_comma(x) && first_comma == SIZE_MAX) first_comma = k;
            }
            for (size_t k = g->u0 - 1; k-- > 0;) { /* not the word right before */
                const pact_unit *x = &cs->u[k];
                if (pact__is_comma(x) || pact__clause_break(x)) break;
                if (pact__is_trigger_unit(x)) {
                    verb_before = true;
                    break;
                }
            }
            bool verb_after = false; /* within three plain words ("lên tiếng chỉ trích") */
            for (size_t k = g->u1; k < cs->n && k < g->u1 + 3 && cs->u[k].kind == PACT_U_WORD && !verb_after; k++)
                verb_after = pact__is_trigger_unit(&cs->u[k]) || cs->u[k].modal;
            if (!strong && verb_before && verb_after && first_comma != SIZE_MAX &&
                !pact__is_trigger_unit(&cs->u[g->u0 - 1])) {
                cut_group(cs, g, first_comma);
                last = first_comma;
            }
        }
        i = last;
    }
}
