/*
 * Membership statements: "AUKUS gồm Australia, Anh và Mỹ", "AUKUS (Mỹ – Anh –
 * Úc)", "Phần Lan gia nhập NATO", "Nhật Bản không phải là thành viên", "những
 * ứng viên tiềm năng", "Trụ cột II ... hợp tác với Nhật Bản" (a partner).
 */
#include <stdio.h>
#include <string.h>

#include "extract/coder.h"

static void add(pact_csent *cs, const char *org, const char *member, pact_role role, const char *date) {
    if (!org || !member || !strcmp(org, member)) return;
    pact_record *r = cs->a->rec;
    for (size_t k = 0; k < r->nmemberships; k++) {
        pact_membership *m = &r->memberships[k];
        if (!strcmp(m->org, org) && !strcmp(m->member, member) && m->role == role) return;
    }
    pact_membership *m = pact__add_membership(cs->a);
    m->org = org;
    m->member = member;
    m->role = role;
    snprintf(m->date, sizeof m->date, "%s", date ? date : "");
    pact_span sp = pact__input_span(cs->a, cs->s->para, cs->s->start, cs->s->end);
    m->start = sp.start;
    m->end = sp.end;
}

static bool key_is(const char *key, const char *word) {
    if (!key) return false;
    pact_buf b;
    pact_buf_init(&b, 0);
    pact__pattern_key(word, strlen(word), &b);
    bool eq = b.ptr && !strcmp(b.ptr, key);
    pact_buf_free(&b);
    return eq;
}

static bool is_org_id(const pact_csent *cs, const pact_group *g, size_t k) {
    /* an actor of the group that came from an organisation mention */
    for (size_t u = g->u0; u < g->u1; u++) {
        const pact_unit *x = &cs->u[u];
        if (x->kind == PACT_U_ACTOR && x->is_org)
            for (size_t j = 0; j < x->nactors; j++)
                if (!strcmp(x->actors[j], g->actors[k])) return true;
    }
    return false;
}

static void add_group(pact_csent *cs, const char *org, const pact_group *g, pact_role role, const char *date) {
    for (size_t k = 0; k < g->n; k++)
        if (!is_org_id(cs, g, k)) add(cs, org, g->actors[k], role, date);
}

/* The organisation a cue at unit c speaks of: an org just before it, else
 * after it in the sentence, else one before it, else the article's last. */
static const char *org_near(const pact_csent *cs, const pact_coder_state *st, size_t c, bool prefer_after) {
    const char *before = NULL, *after = NULL;
    for (size_t k = 0; k < cs->n; k++) {
        const pact_unit *u = &cs->u[k];
        if (u->kind != PACT_U_ACTOR || !u->is_org || !u->nactors || u->excluded) continue;
        if (k < c) before = u->actors[0];
        else if (!after) after = u->actors[0];
    }
    if (prefer_after && after) return after;
    if (before) return before;
    if (after) return after;
    return pact__coder_last_org(st);
}

static const pact_group *group_after(const pact_csent *cs, size_t from, size_t within) {
    for (size_t k = 0; k < cs->ng; k++)
        if (cs->g[k].u0 >= from && cs->g[k].u0 <= from + within) return &cs->g[k];
    return NULL;
}

/* The nearest group before upto that names a country (an organisation alone
 * is the org of the statement, not its member). */
static const pact_group *group_before(const pact_csent *cs, size_t upto) {
    for (size_t k = cs->ng; k-- > 0;) {
        const pact_group *g = &cs->g[k];
        if (g->u1 > upto) continue;
        for (size_t j = 0; j < g->n; j++)
            if (!is_org_id(cs, g, j)) return g;
    }
    return NULL;
}

static bool negated_before(const pact_csent *cs, size_t c) {
    for (size_t k = c > 4 ? c - 4 : 0; k < c; k++)
        if (cs->u[k].modal && !strcmp(cs->u[k].modal->value, "negated") && k + cs->u[k].modal_len <= c) return true;
    return false;
}

static bool maybe_before(const pact_csent *cs, size_t c) {
    for (size_t k = c > 6 ? c - 6 : 0; k < c; k++) {
        const pact_unit *u = &cs->u[k];
        if (!u->modal || k + u->modal_len > c) continue;
        const char *v = u->modal->value;
        if (!strcmp(v, "planned") || !strcmp(v, "considered") || !strcmp(v, "possible")) return true;
    }
    return false;
}

void pact__memberships_code(pact_csent *cs, pact_coder_state *st) {
    bool expand = false, pillar = false;
    for (size_t k = 0; k < cs->n; k++) {
        const pact_unit *u = &cs->u[k];
        if (u->member && !strcmp(u->member->value, "expand")) expand = true;
        if (u->member && !strcmp(u->member->value, "pillar")) pillar = true;
    }
    /* "AUKUS (Mỹ – Anh – Úc)" */
    for (size_t k = 0; k < cs->ng; k++) {
        const pact_group *g = &cs->g[k];
        if (g->prep != PACT_GP_APPOS || g->n < 2 || g->u0 < 2) continue;
        const pact_unit *o = &cs->u[g->u0 - 2];
        if (o->kind == PACT_U_ACTOR && o->is_org && o->nactors) add_group(cs, o->actors[0], g, PACT_ROLE_MEMBER, "");
    }
    for (size_t c = 0; c < cs->n; c++) {
        const pact_unit *u = &cs->u[c];
        if (!u->member || u->excluded) continue;
        const char *v = u->member->value;
        size_t after = c + u->member_len;
        char date[11];
        pact__coder_sentence_date(cs, c, date);
        if (!strcmp(v, "list")) {
            /* the org right before the cue ("AUKUS gồm", "nhóm IP4, gồm",
             * "các thành viên AUKUS là") */
            const char *org = NULL;
            for (size_t k = c; k-- > 0 && c - k <= 3;) {
                const pact_unit *x = &cs->u[k];
                if (x->kind == PACT_U_ACTOR && x->is_org && x->nactors) {
                    org = x->actors[0];
                    break;
                }
                if (x->kind == PACT_U_ACTOR) break;
            }
            if (!org && expand) org = org_near(cs, st, c, false);
            if (!org) continue;
            const pact_group *g = group_after(cs, after, 3);
            if (!g) continue;
            pact_role role = expand || maybe_before(cs, c) ? PACT_ROLE_CANDIDATE : PACT_ROLE_MEMBER;
            add_group(cs, org, g, role, role == PACT_ROLE_MEMBER ? date : "");
            /* "không chỉ bao gồm Nhật Bản mà còn cả Canada" */
            if (expand)
                for (size_t k = 0; k < cs->ng; k++)
                    if (cs->g[k].u0 > g->u0) add_group(cs, org, &cs->g[k], PACT_ROLE_CANDIDATE, "");
        } else if (!strcmp(v, "members")) {
            /* "các thành viên AUKUS là Australia, Anh và Mỹ" */
            if (after + 1 < cs->n && cs->u[after].kind == PACT_U_ACTOR && cs->u[after].is_org &&
                cs->u[after].nactors && (key_is(cs->u[after + 1].key, "là") || key_is(cs->u[after + 1].key, "gồm"))) {
                const pact_group *g = group_after(cs, after + 2, 2);
                if (g) add_group(cs, cs->u[after].actors[0], g, PACT_ROLE_MEMBER, "");
            }
        } else if (!strcmp(v, "join") || !strcmp(v, "is")) {
            const pact_group *subj = group_before(cs, c);
            const char *org = org_near(cs, st, after, true);
            if (!subj || !org) continue;
            pact_role role = PACT_ROLE_MEMBER;
            if (negated_before(cs, c)) role = PACT_ROLE_NOT_MEMBER;
            else if (maybe_before(cs, c) && !strcmp(v, "join")) role = PACT_ROLE_CANDIDATE;
            /* "việc Ukraine gia nhập NATO sẽ ...": joining as a topic, a
             * prospect (unless dated: "việc Phần Lan gia nhập NATO tháng 4/2023") */
            else if (!strcmp(v, "join") && !date[0] && subj->u0 > 0 && key_is(cs->u[subj->u0 - 1].key, "việc"))
                role = PACT_ROLE_CANDIDATE;
            add_group(cs, org, subj, role, !strcmp(v, "join") && role == PACT_ROLE_MEMBER ? date : "");
        } else if (!strcmp(v, "not")) {
            const pact_group *subj = group_before(cs, c);
            const char *org = org_near(cs, st, after, true);
            if (subj && org) add_group(cs, org, subj, PACT_ROLE_NOT_MEMBER, date);
        } else if (!strcmp(v, "candidate")) {
            /* "kết nạp Canada" names its candidates after; "ứng viên" before */
            const pact_group *g = group_after(cs, after, 2);
            if (!g || cs->u[c].member_len > 2) g = group_before(cs, c);
            if (!g) g = group_after(cs, after, 4);
            /* "đơn xin gia nhập NATO của Thụy Điển": the applicant is the
             * possessor after the organisation, not the sentence's subject
             * (the parliament that ratifies, the leader who agrees) */
            if (after < cs->n && cs->u[after].kind == PACT_U_ACTOR && cs->u[after].is_org) {
                const pact_group *pg = group_after(cs, after + 1, 2);
                if (pg && pg->prep == PACT_GP_POSSESSOR && !pg->has_org) g = pg;
            }
            const char *org = org_near(cs, st, c, true);
            /* "BRICS kết nạp Iran": the organisation admits, a member now */
            pact_role role = PACT_ROLE_CANDIDATE;
            const pact_group *subj = NULL;
            for (size_t k = cs->ng; k-- > 0;)
                if (cs->g[k].u1 <= c) {
                    subj = &cs->g[k];
                    break;
                }
            if (key_is(cs->u[c].key, "kết") && subj && subj->has_org && subj->n == 1 && !maybe_before(cs, c)) {
                org = subj->actors[0];
                role = PACT_ROLE_MEMBER;
                g = group_after(cs, after, 3);
            }
            if (g && org && !negated_before(cs, c)) add_group(cs, org, g, role, "");
        } else if (!strcmp(v, "partner")) {
            const pact_group *subj = group_before(cs, c);
            /* "X là đối tác của ORG" */
            if (subj && c >= 1 && key_is(cs->u[c - 1].key, "là")) {
                const char *org = org_near(cs, st, after, true);
                if (org && !subj->has_org) add_group(cs, org, subj, PACT_ROLE_PARTNER, "");
            }
        }
    }
    /* "Trụ cột II của AUKUS ... hợp tác với Nhật Bản": a partner of the pillar */
    if (pillar) {
        const char *org = org_near(cs, st, cs->n, false);
        for (size_t k = 0; k < cs->ng && org; k++)
            if (cs->g[k].prep == PACT_GP_TARGET) add_group(cs, org, &cs->g[k], PACT_ROLE_PARTNER, "");
    }
}
