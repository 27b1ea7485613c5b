/*
 * Offices: the terms of the office-holders a text names, checked against the
 * page's date (a republished page keeps an old dateline), and titles with a
 * country but no name ("Thủ tướng Nhật Bản") resolved to their holder on the date.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/mentions.h"

bool pact__holds_office(const pact_lexicon *lex, const char *slug, const char *office, const char *date) {
    size_t nt;
    const pact_lex_term *t = pact_lexicon_terms(lex, slug, &nt);
    for (size_t q = 0; q < nt; q++) {
        if (office && strcmp(t[q].office, office) != 0) continue;
        if (!date) return true;
        if (strcmp(t[q].start, date) <= 0 && (!t[q].end[0] || strcmp(t[q].end, date) >= 0)) return true;
    }
    return false;
}

static long ymd_long(const char *s) { return s && s[0] ? atol(s) * 10000 + atol(s + 5) * 100 + atol(s + 8) : 0; }

void pact__offices_check_page_date(rctx *r, pact_date_ctx *dc) {
    long lo = 0, hi = 0;
    long ref = dc->ry ? (long)dc->ry * 10000 + dc->rm * 100 + dc->rd : 0;
    size_t npersons = 0, nfit = 0;
    const char *who = NULL, *seen[32];
    for (size_t k = 0; k < r->nm; k++) {
        const mention *p = &r->m[k];
        if (p->mk != MK_ENTITY || p->kind != PACT_ENT_PERSON || !p->titled || p->former) continue;
        bool dup = false;
        for (size_t q = 0; q < npersons && q < 32; q++)
            if (strcmp(seen[q], p->id) == 0) dup = true;
        if (dup) continue;
        size_t nt;
        const pact_lex_term *t = pact_lexicon_terms(r->lex, p->id, &nt);
        if (!nt) continue;
        /* the terms of the office the title names, else all of them */
        bool by_office = false;
        for (size_t q = 0; q < nt && p->office; q++)
            if (strcmp(t[q].office, p->office) == 0) by_office = true;
        long plo = 0, phi = 0;
        bool open = false, fits = false;
        for (size_t q = 0; q < nt; q++) {
            if (by_office && strcmp(t[q].office, p->office) != 0) continue;
            long st = ymd_long(t[q].start), e = ymd_long(t[q].end);
            if (!plo || st < plo) plo = st;
            if (!e) open = true;
            else if (e > phi) phi = e;
            if (ref && ref >= st && (!e || ref <= e)) fits = true;
        }
        if (open) phi = 0;
        if (!npersons || plo > lo) lo = plo;
        if (phi && (!hi || phi < hi)) hi = phi;
        if (fits) nfit++;
        if (!who) who = p->name;
        if (npersons < 32) seen[npersons] = p->id;
        npersons++;
    }
    /* one named office-holder may be history ("Thủ tướng Abe" in a later text): it takes
     * two, most of them out of office on the page's date, and a window they all share */
    if (npersons < 2 || (ref && nfit * 2 >= npersons) || (hi && lo > hi)) return;
    if (dc->ry) {
        if (r->a->rec->nnotes < 8) {
            const char **notes = pact_arena_alloc(r->a->arena, (r->a->rec->nnotes + 1) * sizeof *notes);
            if (r->a->rec->nnotes) memcpy(notes, r->a->rec->notes, r->a->rec->nnotes * sizeof *notes);
            char buf[256];
            snprintf(buf, sizeof buf,
                     "the page's date %04d-%02d-%02d falls outside the terms of the office-holders the text "
                     "names (e.g. %s): dates are read against %ld..%ld instead",
                     dc->ry, dc->rm, dc->rd, who ? who : "?", lo, hi);
            notes[r->a->rec->nnotes++] = pact_arena_strdup(r->a->arena, buf);
            r->a->rec->notes = notes;
        }
    }
    /* the text rules the page's date out, or there is none: read by the window */
    if (!dc->ry) dc->ry = (int)(lo / 10000), dc->rm = 1, dc->rd = 1;
    dc->doubtful = true;
    dc->lo = lo;
    dc->hi = hi;
}

void pact__offices_resolve(rctx *r, const pact_date_ctx *dc) {
    size_t nm0 = r->nm;
    for (size_t k = 0; k < nm0; k++) {
        mention t = r->m[k];
        if (t.mk != MK_TITLE || !t.title_country || t.former || !t.office || strcmp(t.office, "counterpart") == 0)
            continue;
        /* "Đại sứ Trung Quốc", "Phó Thủ tướng Nhật Bản": a country holds
         * these several at once (offices.tsv has no host country), so the
         * bare title names none of them; the country stays */
        static const char *const many[] = {"ambassador", "envoy", "deputy-pm", "deputy-fm", "deputy-dm", NULL};
        bool shared = false;
        for (int q = 0; many[q]; q++)
            if (!strcmp(t.office, many[q])) shared = true;
        if (shared) continue;
        size_t si = t.sent, end = r->sfirst[si] + r->sn[si];
        /* a name right after: handled already */
        if (t.title_end < end && r->covered[t.title_end]) {
            if (entity_at(r, t.title_end, KIND(PACT_ENT_PERSON))) continue;
        }
        /* plural or generic: "các Bộ trưởng Quốc phòng" */
        /* "một tổng thống Mỹ" is any president, not the one in office */
        static const char *const not_holder[] = {"các", "những", "cựu", "nguyên", "phòng", "phủ", "dinh",
                                                 "chức", "viên", "cử", "ghế", "làm", "một", "mọi",
                                                 "nhiều", "mỗi", NULL};
        if (t.a > r->sfirst[si] && in_set(r, t.a - 1, end, not_holder)) continue;
        char date[11] = "";
        const pact_sent *s = &r->a->sents[si];
        for (size_t d = 0; d < s->ndates; d++)
            if (strlen(s->dates[d].value) == 10 && s->dates[d].value[0] != '-') {
                memcpy(date, s->dates[d].value, 11);
                break;
            }
        if (!date[0] && dc->ry && !dc->doubtful) snprintf(date, sizeof date, "%04d-%02d-%02d", dc->ry, dc->rm, dc->rd);
        if (!date[0]) continue;
        const pact_lex_entry *p = pact_lexicon_office_holder(r->lex, t.office, t.title_country, date);
        if (!p) continue;
        mention *m = pact__mention_add(r);
        m->sent = si;
        m->a = t.a;
        m->b = t.b;
        m->mk = MK_ENTITY;
        pact__mention_fill(m, p);
        if (!m->country) m->country = m->actor = t.title_country;
        m->titled = true;
    }
}
