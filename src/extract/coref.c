/*
 * Light coreference: "nước này" (the last country, not the subject), "hai
 * nước", "ba nước", "họ", "liên minh này", and "chúng tôi" in a quotation (its
 * speaker). Anaphors become actor units that the rest of the coder treats
 * like names.
 */
#include <stdlib.h>
#include <string.h>

#include "extract/coder.h"

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
        const pact_pattern *p = cs->keys[i] ? pact__patterns_match(P, cs->keys, cs->n, i, 1u << PACT_PK_COREF, &len) : NULL;
        /* an event expression that starts here and is longer wins ("hai bên ký") */
        size_t elen = 0;
        if (p) (void)pact__patterns_match(P, cs->keys, cs->n, i, 1u << PACT_PK_EVENT, &elen);
        if (p && !strcmp(p->value, "-")) {
            /* "liên minh ba bên": an adjective, not an anaphor */
            for (size_t k = 0; k < len; k++) {
                cs->u[w] = cs->u[i + k];
                cs->keys[w] = cs->keys[i + k];
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
            u.coref = !strcmp(p->value, "one") ? PACT_CO_ONE : !strcmp(p->value, "two") ? PACT_CO_TWO
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
        cs->u[w] = cs->u[i];
        cs->keys[w] = cs->keys[i];
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

static bool unit_has_trigger_between(const pact_csent *cs, size_t a, size_t b) {
    for (size_t k = a; k < b && k < cs->n; k++)
        if (cs->u[k].ev && strcmp(cs->u[k].ev->value, "-") != 0) return true;
    return false;
}

/* Resolves anaphors in reading order and records every actor mentioned. */
void pact__coref_resolve(pact_csent *cs, pact_coder_state *st) {
    size_t last_actor_unit = SIZE_MAX;
    for (size_t i = 0; i < cs->n; i++) {
        pact_unit *u = &cs->u[i];
        if (u->kind != PACT_U_ACTOR) continue;
        if (u->coref && u->coref != PACT_CO_SELF) {
            const char *skip[PACT_UNIT_ACTORS];
            size_t nskip = 0;
            /* an anaphor after a verb is not the subject before it ("X thăm nước này") */
            if ((u->coref == PACT_CO_ONE || u->coref == PACT_CO_OTHERS) && last_actor_unit != SIZE_MAX &&
                unit_has_trigger_between(cs, last_actor_unit, i))
                for (size_t k = 0; k < cs->u[last_actor_unit].nactors && nskip < PACT_UNIT_ACTORS; k++)
                    skip[nskip++] = cs->u[last_actor_unit].actors[k];
            switch (u->coref) {
            case PACT_CO_ONE: u->nactors = last_countries(st, 1, u->actors, skip, nskip); break;
            case PACT_CO_TWO:
            case PACT_CO_OTHERS: u->nactors = last_countries(st, 2, u->actors, skip, nskip); break;
            case PACT_CO_THREE: u->nactors = last_countries(st, 3, u->actors, skip, nskip); break;
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
                }
                break;
            case PACT_CO_ORG: {
                const char *o = pact__coder_last_org(st);
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
            for (size_t k = 0; k < u->nactors; k++) hist_push(st, u->actors[k], u->is_org);
            if (u->ent && u->ent->kind == PACT_ENT_PERSON && u->nactors) st->last_person = u->actors[0];
        }
        if (u->nactors) last_actor_unit = i;
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
