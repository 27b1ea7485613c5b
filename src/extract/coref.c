/*
 * Light coreference: "nước này" (the last country, not the subject), "hai
 * nước", "ba nước", "họ", "liên minh này", and "chúng tôi" in a quotation (its
 * speaker). Anaphors become actor units that the rest of the coder treats
 * like names.
 */
#include <stdlib.h>
#include <string.h>

#include "extract/coder.h"

/* "one-other" (data/events.tsv): a one-country anaphor that is never an actor
 * named before it in its clause ("nước láng giềng"); resolved as PACT_CO_ONE. */
#define CO_OTHER 0x100
/* "both" (data/events.tsv, "cả hai"): PACT_CO_TWO, or the one country both
 * of the two actors just named in its sentence belong to. */
#define CO_BOTH 0x200

/* "ông"/"bà" standing alone ("Tại đây, ông hội đàm ..."), not a title before
 * a name ("ông Putin") nor a word of a longer phrase. */
static bool bare_person_pronoun(const pact_csent *cs, size_t i) {
    const struct pact_patterns *P = pact__pats(cs);
    if (cs->u[i].kind != PACT_U_WORD || !(pact__key_is(P, cs->keys[i], PACT_W_ONG) || pact__key_is(P, cs->keys[i], PACT_W_BA))) return false;
    if (i + 1 >= cs->n) return false;
    const pact_unit *nx = &cs->u[i + 1];
    if (nx->kind != PACT_U_WORD) return nx->kind == PACT_U_PUNCT && nx->cp != '(';
    if (pact__unit_capitalised(cs, i + 1)) return false;
    /* "ông bà", "bà con": kinship words */
    return !pact__key_is(P, cs->keys[i + 1], PACT_W_BA) && !pact__key_is(P, cs->keys[i + 1], PACT_W_CON);
}

/* Collapses anaphors ("hai nước", "liên minh này") into actor units. */
void pact__coref_collapse(pact_csent *cs) {
    const struct pact_patterns *P = pact__pats(cs);
    size_t w = 0;
    for (size_t i = 0; i < cs->n;) {
        if (bare_person_pronoun(cs, i)) {
            pact_unit u = cs->u[i];
            u.kind = PACT_U_ACTOR;
            u.key = NULL;
            u.coref = PACT_CO_PERSON;
            u.nactors = 0;
            cs->u[w] = u;
            cs->keys[w] = NULL;
            w++;
            i++;
            continue;
        }
        size_t len = 0;
        const pact_pattern *p = cs->keys[i] ? pact__patterns_match_coder(P, cs->keys, cs->n, i, 1u << PACT_PK_COREF, &len) : NULL;
        /* an event expression that starts here and is longer wins ("hai bên ký") */
        size_t elen = 0;
        if (p) (void)pact__patterns_match_coder(P, cs->keys, cs->n, i, 1u << PACT_PK_EVENT, &elen);
        if (p && !strcmp(p->value, "-")) {
            /* "liên minh ba bên": an adjective, not an anaphor */
            for (size_t k = 0; k < len; k++) {
                if (w != i + k) {
                    cs->u[w] = cs->u[i + k];
                    cs->keys[w] = cs->keys[i + k];
                }
                w++;
            }
            i += len;
            continue;
        }
        if (p && len >= elen) {
            pact_unit u = cs->u[i];
            u.kind = PACT_U_ACTOR;
            u.end = cs->u[i + len - 1].end;
            u.key = NULL;
            u.coref = !strcmp(p->value, "one") ? PACT_CO_ONE : !strcmp(p->value, "one-other") ? PACT_CO_ONE | CO_OTHER
                    : !strcmp(p->value, "two") ? PACT_CO_TWO : !strcmp(p->value, "both") ? PACT_CO_TWO | CO_BOTH
                    : !strcmp(p->value, "two-others") ? PACT_CO_OTHERS
                    : !strcmp(p->value, "three") ? PACT_CO_THREE : !strcmp(p->value, "group") ? PACT_CO_GROUP
                    : !strcmp(p->value, "org") ? PACT_CO_ORG : !strcmp(p->value, "act") ? PACT_CO_ACT : PACT_CO_SELF;
            u.nactors = 0;
            cs->u[w] = u;
            cs->keys[w] = NULL;
            w++;
            i += len;
            continue;
        }
        if (w != i) { /* nothing collapsed yet: the unit is in place */
            cs->u[w] = cs->u[i];
            cs->keys[w] = cs->keys[i];
        }
        w++;
        i++;
    }
    cs->n = w;
}

static void hist_push(pact_coder_state *st, const char *id, bool org) {
    if (!id) return;
    if (st->nhist == st->hcap) {
        st->hcap = st->hcap ? st->hcap * 2 : 64;
        st->hist = pact__xrealloc(st->hist, st->hcap * sizeof *st->hist);
        st->hist_org = pact__xrealloc(st->hist_org, st->hcap * sizeof *st->hist_org);
    }
    st->hist[st->nhist] = id;
    st->hist_org[st->nhist] = org;
    st->nhist++;
}

const char *pact__coder_last_org(const pact_coder_state *st) {
    for (size_t k = st->nhist; k-- > 0;)
        if (st->hist_org[k]) return st->hist[k];
    return NULL;
}

/* "của khối", "liên minh này": the organisation named most often so far
 * (the article's topic, NATO), the most recent one on a tie -- not merely the
 * last one named ("bốn đối tác của NATO" names IP4 last). */
static const char *salient_org(const pact_coder_state *st) {
    const char *best = NULL;
    size_t best_n = 0, from = st->nhist > 256 ? st->nhist - 256 : 0; /* bounded: huge documents */
    for (size_t k = st->nhist; k-- > from;) {
        if (!st->hist_org[k]) continue;
        bool seen = false;
        for (size_t j = k + 1; j < st->nhist && !seen; j++)
            if (st->hist_org[j] && !strcmp(st->hist[j], st->hist[k])) seen = true;
        if (seen) continue; /* counted from its latest mention */
        size_t n = 0;
        for (size_t j = from; j <= k; j++)
            if (st->hist_org[j] && !strcmp(st->hist[j], st->hist[k])) n++;
        if (n > best_n) {
            best = st->hist[k];
            best_n = n;
        }
    }
    return best;
}

/* The last `want` distinct countries mentioned (most recent first, then
 * reordered to reading order), skipping those in `skip`. */
static size_t last_countries(const pact_coder_state *st, size_t want, const char **out,
                             const char *const *skip, size_t nskip) {
    size_t n = 0;
    for (size_t k = st->nhist; k-- > 0 && n < want;) {
        if (st->hist_org[k] || pact__in_list(out, n, st->hist[k]) || pact__in_list(skip, nskip, st->hist[k])) continue;
        out[n++] = st->hist[k];
    }
    for (size_t a = 0, b = n ? n - 1 : 0; a < b; a++, b--) {
        const char *t = out[a];
        out[a] = out[b];
        out[b] = t;
    }
    return n;
}

static void person_push(pact_coder_state *st, const char *cc) {
    if (!cc) return;
    size_t cap = sizeof st->person_cc / sizeof *st->person_cc;
    if (st->nperson_cc == cap) {
        memmove(st->person_cc, st->person_cc + 1, (cap - 1) * sizeof *st->person_cc);
        st->nperson_cc--;
    }
    st->person_cc[st->nperson_cc++] = cc;
}

/* "hai nhà lãnh đạo", "ba ngoại trưởng": people, so the countries of the
 * last `want` persons named (of distinct countries), in reading order. */
static size_t last_person_countries(const pact_csent *cs, const pact_unit *u, const pact_coder_state *st,
                                    size_t want, const char **out) {
    static const char *const nouns[] = {"lãnh đạo", "bộ trưởng", "Bộ trưởng", "ngoại trưởng", "Ngoại trưởng",
                                        "thủ tướng", "Thủ tướng", "tổng thống", "Tổng thống", "nguyên thủ", NULL};
    bool person = false;
    size_t len = u->end > u->start ? u->end - u->start : 0;
    for (size_t k = 0; nouns[k] && !person; k++) {
        size_t nl = strlen(nouns[k]);
        for (size_t o = 0; o + nl <= len && !person; o++)
            if (!memcmp(cs->text + u->start + o, nouns[k], nl)) person = true;
    }
    if (!person) return 0;
    size_t n = 0;
    for (size_t k = st->nperson_cc; k-- > 0 && n < want;)
        if (!pact__in_list(out, n, st->person_cc[k])) out[n++] = st->person_cc[k];
    if (n < want) return 0;
    for (size_t a = 0, b = n - 1; a < b; a++, b--) {
        const char *t = out[a];
        out[a] = out[b];
        out[b] = t;
    }
    return n;
}

static bool unit_has_trigger_between(const pact_csent *cs, size_t a, size_t b) {
    for (size_t k = a; k < b && k < cs->n; k++)
        if (cs->u[k].ev && strcmp(cs->u[k].ev->value, "-") != 0) return true;
    return false;
}

/* Resolves anaphors in reading order and records every actor mentioned. */
void pact__coref_resolve(pact_csent *cs, pact_coder_state *st) {
    size_t last_actor_unit = SIZE_MAX, first_actor_unit = SIZE_MAX;
    bool person_seen = false; /* the sentence's first person is its topic */
    for (size_t i = 0; i < cs->n; i++) {
        pact_unit *u = &cs->u[i];
        if (u->kind != PACT_U_ACTOR) continue;
        if (u->coref && u->coref != PACT_CO_SELF) {
            const char *skip[PACT_UNIT_ACTORS];
            size_t nskip = 0;
            /* "một tàu khu trục Trung Quốc va chạm với một tàu hải cảnh Trung
             * Quốc khi cả hai truy đuổi ...": both of the two just named are
             * one country's */
            if (u->coref & CO_BOTH) {
                u->coref &= ~CO_BOTH;
                const pact_unit *two[2] = {NULL, NULL};
                size_t nt = 0;
                for (size_t k = i; k-- > 0 && nt < 2;)
                    if (cs->u[k].kind == PACT_U_ACTOR && !cs->u[k].coref && cs->u[k].nactors) two[nt++] = &cs->u[k];
                if (nt == 2 && two[0]->nactors == 1 && two[1]->nactors == 1 && !strcmp(two[0]->actors[0], two[1]->actors[0])) {
                    u->actors[0] = two[0]->actors[0];
                    u->nactors = 1;
                    last_actor_unit = i;
                    continue; /* resolved: the checks below are for two countries */
                }
            }
            /* "nước láng giềng": never one named before it in its clause */
            if (u->coref & CO_OTHER) {
                u->coref &= ~CO_OTHER;
                size_t c0 = i;
                while (c0 > 0 && !pact__is_comma(&cs->u[c0 - 1]) && !pact__clause_break(&cs->u[c0 - 1])) c0--;
                for (size_t k = c0; k < i; k++)
                    for (size_t j = 0; cs->u[k].kind == PACT_U_ACTOR && !cs->u[k].coref && j < cs->u[k].nactors; j++)
                        if (nskip < PACT_UNIT_ACTORS && !pact__in_list(skip, nskip, cs->u[k].actors[j]))
                            skip[nskip++] = cs->u[k].actors[j];
            }
            /* an anaphor after a verb is not the subject before it ("X thăm
             * nước này"); nor are "hai nước", "ba nhà lãnh đạo" when the only
             * actor before them is the subject ("Bắc Kinh chỉ trích hợp tác
             * giữa ba nước") */
            bool group_ana = u->coref == PACT_CO_TWO || u->coref == PACT_CO_THREE;
            /* (unless the subject belongs to the last group named: "ông
             * Campbell nói đàm phán giữa 3 bên") */
            if (group_ana && last_actor_unit != SIZE_MAX)
                for (size_t k = 0; k < cs->u[last_actor_unit].nactors; k++)
                    if (pact__in_list(st->last_group, st->nlast_group, cs->u[last_actor_unit].actors[k])) group_ana = false;
            if ((u->coref == PACT_CO_ONE || u->coref == PACT_CO_OTHERS ||
                 (group_ana && last_actor_unit == first_actor_unit)) &&
                last_actor_unit != SIZE_MAX && unit_has_trigger_between(cs, last_actor_unit, i))
                for (size_t k = 0; k < cs->u[last_actor_unit].nactors && nskip < PACT_UNIT_ACTORS; k++)
                    skip[nskip++] = cs->u[last_actor_unit].actors[k];
            /* "ba nước" after a group of three: that group */
            bool group_ok = u->coref == PACT_CO_THREE && st->nlast_group == 3;
            size_t np = 0;
            if (u->coref == PACT_CO_TWO || u->coref == PACT_CO_THREE)
                np = last_person_countries(cs, u, st, u->coref == PACT_CO_TWO ? 2 : 3, u->actors);
            switch (np ? PACT_CO_SELF : u->coref) {
            case PACT_CO_SELF: u->nactors = np; break;
            case PACT_CO_ONE: u->nactors = last_countries(st, 1, u->actors, skip, nskip); break;
            case PACT_CO_TWO:
            case PACT_CO_OTHERS: u->nactors = last_countries(st, 2, u->actors, skip, nskip); break;
            case PACT_CO_THREE:
                if (group_ok) {
                    memcpy(u->actors, st->last_group, 3 * sizeof *u->actors);
                    u->nactors = 3;
                } else {
                    u->nactors = last_countries(st, 3, u->actors, skip, nskip);
                }
                break;
            case PACT_CO_GROUP:
                u->nactors = st->nlast_group < PACT_UNIT_ACTORS ? st->nlast_group : PACT_UNIT_ACTORS;
                memcpy(u->actors, st->last_group, u->nactors * sizeof *u->actors);
                break;
            case PACT_CO_ACT:
                if (st->last_doer) {
                    u->actors[0] = st->last_doer;
                    u->nactors = 1;
                }
                break;
            case PACT_CO_PERSON:
                if (st->last_person) {
                    u->actors[0] = st->last_person;
                    u->nactors = 1;
                    person_seen = true;
                    person_push(st, st->last_person);
                }
                break;
            case PACT_CO_ORG: {
                const char *o = salient_org(st);
                if (o) {
                    u->actors[0] = o;
                    u->nactors = 1;
                    u->is_org = true;
                }
                break;
            }
            default: break;
            }
            if (((u->coref == PACT_CO_TWO || u->coref == PACT_CO_OTHERS) && u->nactors < 2) || (u->coref == PACT_CO_THREE && u->nactors < 3)) u->nactors = 0;
            /* "3 quan chức cấp cao Mỹ – Nhật – Hàn": the names that follow win */
            for (size_t k = i + 1; k < cs->n && k <= i + 3; k++) {
                if (cs->u[k].kind == PACT_U_ACTOR && cs->u[k].ent) u->nactors = 0;
                if ((cs->u[k].kind != PACT_U_WORD && cs->u[k].kind != PACT_U_ACTOR) || pact__is_trigger_unit(&cs->u[k]))
                    break;
            }
            if (!u->nactors) u->kind = PACT_U_ENT; /* nothing to point back to */
        } else if (!u->coref) {
            /* "tại Kuala Lumpur", "ở Bắc Kinh": a venue is no party "hai
             * bên", "nước này" could point back to */
            bool venue = u->is_place && i > 0 && cs->u[i - 1].prep && !strcmp(cs->u[i - 1].prep->value, "locative");
            for (size_t k = 0; k < u->nactors && !venue; k++) hist_push(st, u->actors[k], u->is_org);
            /* "Hôm 29/3, ông cùng Thủ tướng Ishiba dự lễ. ... ông hội đàm":
             * a bare "ông" is the person a sentence is about (its first),
             * not the last one it names */
            if (u->ent && u->ent->kind == PACT_ENT_PERSON && u->nactors) person_push(st, u->actors[0]);
            if (u->ent && u->ent->kind == PACT_ENT_PERSON && u->nactors && !person_seen) {
                st->last_person = u->actors[0];
                person_seen = true;
            }
        }
        if (u->nactors) {
            last_actor_unit = i;
            if (first_actor_unit == SIZE_MAX) first_actor_unit = i;
        }
    }
}

/* The speaker of a quotation in this sentence: the group before "nói:" or
 * the one after the closing quote ("”, tuyên bố chung AUKUS nêu rõ"). */
void pact__coref_speaker(pact_csent *cs) {
    cs->nspeaker = 0;
    size_t q0 = SIZE_MAX, q1 = SIZE_MAX;
    for (size_t k = 0; k < cs->n; k++) {
        if (q0 == SIZE_MAX && pact__is_open_quote(&cs->u[k])) q0 = k;
        else if (q0 != SIZE_MAX && q1 == SIZE_MAX && !cs->u[k].in_quote) q1 = k;
    }
    if (q0 == SIZE_MAX) return;
    const pact_group *g = NULL;
    for (size_t k = cs->ng; k-- > 0;)
        if (cs->g[k].u1 <= q0 && !cs->u[cs->g[k].u0].in_quote) {
            g = &cs->g[k];
            break;
        }
    if (!g && q1 != SIZE_MAX) g = pact__group_from(cs, q1, cs->n);
    if (!g) return;
    if (cs->u[g->u0].in_quote) return;
    memcpy(cs->speaker, g->actors, g->n * sizeof *g->actors);
    cs->nspeaker = g->n;
    for (size_t k = 0; k < cs->n; k++)
        if (cs->u[k].coref == PACT_CO_SELF) {
            cs->u[k].kind = PACT_U_ACTOR;
            cs->u[k].nactors = g->n < PACT_UNIT_ACTORS ? g->n : PACT_UNIT_ACTORS;
            memcpy(cs->u[k].actors, g->actors, cs->u[k].nactors * sizeof *g->actors);
        }
}
