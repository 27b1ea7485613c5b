/*
 * Persons: names after titles ("Ngoại trưởng Mỹ Antony Blinken", "người đồng
 * cấp Hàn Quốc Shin Won-sik") and honorifics ("bà Ursula von der Leyen"), names
 * the lexicon does not know, and short later mentions ("ông Zelensky",
 * "Thứ trưởng Kim") resolved to the person named in full.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "extract/mentions.h"

static const char *const name_particles[] = {"von", "der", "van", "de", "bin", "al", "la", "du", "di", NULL};

/* A run of capitalised name syllables from i ("Kim Hong-kyun", "Ursula von der
 * Leyen"); returns its end (i when none). Counts words in *nwords. */
static size_t name_run(const rctx *r, size_t i, size_t end, size_t *nwords) {
    size_t j = i;
    *nwords = 0;
    while (j < end && !r->covered[j]) {
        if (cap_word(r, j, end)) {
            /* an initial: "E. Macron", "V.Putin" */
            if (S(r, j)->end - S(r, j)->start == 1 && is(r, j + 1, end, ".") && S(r, j)->end == S(r, j + 1)->start &&
                cap_word(r, j + 2, end) && !r->covered[j + 2]) {
                j += 2;
                continue;
            }
            j++;
            (*nwords)++;
            /* hyphenated: Hong-kyun, Jong-un */
            while (j + 1 < end && is(r, j, end, "-") && S(r, j - 1)->end == S(r, j)->start &&
                   S(r, j)->end == S(r, j + 1)->start && S(r, j + 1)->kind == PACT_SYL_WORD && !r->covered[j + 1])
                j += 2;
            continue;
        }
        if (*nwords && in_set(r, j, end, name_particles)) {
            size_t q = j;
            while (q < end && in_set(r, q, end, name_particles)) q++;
            if (cap_word(r, q, end) && !r->covered[q]) {
                j = q;
                continue;
            }
        }
        break;
    }
    return j;
}

static char *slugify(pact_arena *ar, const char *s, size_t n) {
    utf8proc_uint8_t *out = NULL;
    char *tmp = pact__xstrndup(s, n);
    utf8proc_ssize_t len = utf8proc_map((const utf8proc_uint8_t *)tmp, 0, &out,
                                        UTF8PROC_NULLTERM | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK |
                                            UTF8PROC_CASEFOLD);
    free(tmp);
    pact_buf b;
    pact_buf_init(&b, 0);
    bool dash = false;
    for (utf8proc_ssize_t i = 0; len > 0 && i < len;) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate(out + i, len - i, &c);
        if (k <= 0) break;
        i += k;
        if (c == 0x111 || c == 0x110) c = 'd';
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            if (dash && b.len && pact_buf_putc(&b, '-') != PACT_OK) break;
            if (pact_buf_putc(&b, (char)c) != PACT_OK) break;
            dash = false;
        } else {
            dash = true;
        }
    }
    free(out);
    char *res = pact_arena_strndup(ar, b.ptr ? b.ptr : "", b.len);
    pact_buf_free(&b);
    return res;
}

static bool foreign_syllable(const char *s, size_t n);

/* Whether capitalised words [a, b) the lexicon does not know may be a person's
 * name: not an institution ("Bộ Công an", "Quốc hội"), and a lone word only
 * when no Vietnamese syllable could be it ("Tổng thống Pháp Macron", not "Chủ tịch Quốc"). */
static bool plausible_name(const rctx *r, size_t a, size_t b, size_t nwords) {
    static const char *const institutions[] = {
        "bộ", "ủy", "uỷ", "hội", "ban", "cục", "viện", "tòa", "toà", "quốc", "chính", "đảng", "quân",
        "lực", "liên", "tổ", "văn", "phủ", "nhà", "sở", "công", "ngân", "hãng", "thành", "tỉnh",
        "hạ", "thượng", "nghị", "tổng", "cơ", "đại", "trung", "học", "bệnh", "tập", "tàu", "sân",
        "hiệp", "điện", "lầu", "dinh", "khu", "vùng", "biển", "đảo", "miền", "phía", "chiến", "kế", NULL};
    size_t end = r->sfirst[sent_of(r, a)] + r->sn[sent_of(r, a)];
    if (in_set(r, a, end, institutions)) return false;
    if (nwords == 1) return foreign_syllable(r->fold.ptr + S(r, a)->fold, S(r, a)->nfold) || b - a > 1;
    return true;
}

/* An unknown person over syllables [a, b) of sentence si. */
static mention *new_person(rctx *r, size_t si, size_t a, size_t b, const char *country) {
    mention *m = pact__mention_add(r);
    m->sent = si;
    m->a = a;
    m->b = b;
    m->mk = MK_ENTITY;
    m->kind = PACT_ENT_PERSON;
    m->name = pact__mention_text(r, si, a, b);
    m->id = slugify(r->a->arena, m->name, strlen(m->name));
    m->country = country;
    m->actor = country;
    cover(r, a, b);
    if (!r->ent_at[a]) r->ent_at[a] = r->nm;
    return m;
}

static bool scope_has(const char *scope, const char *iso) {
    size_t l = strlen(iso);
    for (const char *p = scope; p && *p;) {
        const char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        if (n == l && memcmp(p, iso, l) == 0) return true;
        p = bar ? bar + 1 : NULL;
    }
    return false;
}

/* Titles: the countries after them, and the names after those. */
void pact__names_after_titles(rctx *r) {
    pact__mentions_reindex(r);
    size_t nm0 = r->nm;
    for (size_t k = 0; k < nm0; k++) {
        mention *t = &r->m[k];
        if (t->mk != MK_TITLE) continue;
        size_t si = t->sent, end = r->sfirst[si] + r->sn[si];
        size_t j = t->b, ncountries = 0;
        const char *country = NULL;
        /* the countries after the title: "Ngoại trưởng Mỹ", "Bộ trưởng Quốc phòng Nhật Bản, Mỹ và Hàn Quốc" */
        for (;;) {
            const mention *c = j < end ? entity_at(r, j, CO_OR_ORG) : NULL;
            if (!c) break;
            ncountries++;
            country = c->id;
            j = c->b;
            if ((is(r, j, end, ",") || is(r, j, end, "và") || is(r, j, end, "-"))) {
                bool more = j + 1 < end && entity_at(r, j + 1, CO_OR_ORG) != NULL;
                if (!more) break;
                j++;
            } else {
                break;
            }
        }
        /* "Đại sứ Mỹ tại Nhật Bản Rahm Emanuel": the post, then the name */
        if (ncountries == 1 && is(r, j, end, "tại")) {
            const mention *post = j + 1 < end ? entity_at(r, j + 1, CO_OR_ORG) : NULL;
            if (post) j = post->b;
        }
        t->title_country = ncountries == 1 ? country : ncountries == 0 ? t->inner_country : NULL;
        t->title_end = j;
        /* the office this form names for that country: a scoped sense wins ("Thủ tướng" of DEU) */
        if (t->ntsenses) {
            const char *best = NULL;
            bool scoped = false;
            for (size_t q = 0; q < t->ntsenses; q++) {
                const pact_lex_entry *te = t->tsenses[q].entry;
                if (te->kind != PACT_LEX_TITLE) continue;
                if (te->scope) {
                    if (t->title_country && scope_has(te->scope, t->title_country)) best = te->id, scoped = true;
                } else if (!scoped && !best) {
                    best = te->id;
                }
            }
            t->office = best;
        }
        /* "Thủ tướng Nhật Bản, ông Fumio Kishida": the name after a comma and an honorific */
        if (is(r, j, end, ",") && (is(r, j + 1, end, "ông") || is(r, j + 1, end, "bà"))) j += 2;
        else if (is(r, j, end, "ông") || is(r, j, end, "bà")) j += 1;
        mention *p = j < end ? entity_at(r, j, KIND(PACT_ENT_PERSON)) : NULL;
        if (p) {
            p->titled = true;
            p->office = t->office;
            if (t->former) p->former = true;
            if (!p->country && t->title_country) p->country = p->actor = t->title_country;
            continue;
        }
        size_t nw;
        size_t e = name_run(r, j, end, &nw);
        if (nw >= 2 && ncountries <= 1 && plausible_name(r, j, e, nw)) {
            bool former = t->former;
            const char *office = t->office, *tc = t->title_country;
            mention *np = new_person(r, si, j, e, tc); /* may move r->m: t is not used after */
            np->titled = true;
            np->office = office;
            np->former = former;
        }
    }
}

/* "ông Kishida", "bà Ursula von der Leyen": honorifics before names. */
void pact__names_after_honorifics(rctx *r) {
    static const char *const hon[] = {"ông", "bà", "ngài", NULL};
    for (size_t si = 0; si < r->a->nsents; si++) {
        size_t first = r->sfirst[si], end = first + r->sn[si];
        for (size_t i = first; i + 1 < end; i++) {
            if (!in_set(r, i, end, hon) || r->covered[i + 1]) continue;
            if ((S(r, i)->flags & PACT_SYLF_CAP) && i > first) continue; /* "Bà Rịa" */
            size_t nw;
            size_t e = name_run(r, i + 1, end, &nw);
            if (nw >= 2 && plausible_name(r, i + 1, e, nw)) new_person(r, si, i + 1, e, NULL);
        }
    }
}

/* Later short mentions: "ông Zelensky", "Bộ trưởng Kim" -> the person named in full. */
typedef struct {
    const char *key;
    size_t klen;
    size_t a;   /* where the full mention starts */
    size_t m;   /* its index */
    size_t off; /* key's offset in the alias buffer */
    char gender;
    bool titled_only; /* read only after "ông"/a title: the written form's first word */
} alias;

/* True when a folded syllable cannot be Vietnamese: ASCII with f, j, w or z, two
 * vowel groups ("biden"), or a final consonant cluster Vietnamese lacks ("trump"). */
static bool foreign_syllable(const char *s, size_t n) {
    static const char *const finals[] = {"", "c", "ch", "m", "n", "ng", "nh", "p", "t", NULL};
    size_t groups = 0, tail = 0;
    bool in_vowel = false;
    for (size_t k = 0; k < n; k++) {
        unsigned char c = (unsigned char)s[k];
        if (c >= 0x80) return false; /* a Vietnamese letter */
        if (c == 'f' || c == 'j' || c == 'w' || c == 'z') return true;
        bool v = strchr("aeiouy", c) != NULL && c;
        if (v && !in_vowel) groups++;
        in_vowel = v;
        tail = v ? 0 : tail + 1;
    }
    if (groups != 1) return groups > 1;
    for (int k = 0; finals[k]; k++)
        if (strlen(finals[k]) == tail && memcmp(s + n - tail, finals[k], tail) == 0) return false;
    return true;
}

static int cmp_alias(const void *x, const void *y) {
    const alias *p = x, *q = y;
    size_t n = p->klen < q->klen ? p->klen : q->klen;
    int c = memcmp(p->key, q->key, n);
    if (c) return c;
    if (p->klen != q->klen) return p->klen < q->klen ? -1 : 1;
    return p->a < q->a ? -1 : p->a > q->a;
}

/* 'm' after "ông", 'f' after "bà", else 0: a short "ông Kim" is not the "bà Kim Yo-jong" named before. */
static char gender_before(const rctx *r, size_t i) {
    size_t si = sent_of(r, i);
    if (i == r->sfirst[si]) return 0;
    size_t end = r->sfirst[si] + r->sn[si];
    if (is(r, i - 1, end, "ông") || is(r, i - 1, end, "ngài")) return 'm';
    if (is(r, i - 1, end, "bà")) return 'f';
    return 0;
}

void pact__names_short(rctx *r) {
    size_t nm0 = r->nm, na = 0;
    if (!nm0) return;
    /* every named person's first and last word (the first part of a hyphenated one), from
     * the canonical name: "Thủ tướng Nhật Bản" resolved to Fumio Kishida gives "Kishida" */
    alias *al = pact__xmalloc(3 * nm0 * sizeof *al);
    pact_buf af;
    pact_buf_init(&af, 0);
    pact_syl *ns = NULL;
    size_t nscap = 0;
    for (size_t k = 0; k < nm0; k++) {
        const mention *p = &r->m[k];
        if (p->mk != MK_ENTITY || p->kind != PACT_ENT_PERSON || !p->name) continue;
        size_t n = pact_lex_scan(p->name, 0, strlen(p->name), &af, &ns, 0, &nscap);
        if (!n) continue;
        size_t lastw = n - 1;
        while (lastw > 1 && ns[lastw - 1].kind == PACT_SYL_PUNCT) lastw -= 2;
        size_t c[2] = {0, lastw};
        for (int q = 0; q < 2 && (q == 0 || lastw != 0); q++)
            al[na++] = (alias){NULL, ns[c[q]].nfold, p->a, k, ns[c[q]].fold, gender_before(r, p->a), false};
        /* "Tập Cận Bình" ... "ông Tập": a name written in Sino-Vietnamese
         * (or any order other than the canonical one) is shortened to its
         * first word, the family name; only after an honorific or a title,
         * as "Hồ", "Lý" are ordinary words too */
        if (p->b > p->a + 1 && p->a < r->nsyls && S(r, p->a)->kind != PACT_SYL_PUNCT) {
            size_t off = af.len;
            if (pact_buf_append(&af, r->fold.ptr + S(r, p->a)->fold, S(r, p->a)->nfold) == PACT_OK)
                al[na++] = (alias){NULL, S(r, p->a)->nfold, p->a, k, off, gender_before(r, p->a), true};
        }
    }
    free(ns);
    for (size_t q = 0; q < na; q++) al[q].key = af.ptr + al[q].off;
    if (na) qsort(al, na, sizeof *al, cmp_alias);
    for (size_t si = 0; si < r->a->nsents && na; si++) {
        size_t first = r->sfirst[si], end = first + r->sn[si];
        for (size_t i = first; i < end; i++) {
            if (r->covered[i] || !cap_word(r, i, end)) continue;
            /* a sentence's first word is capitalised anyway ("Kim ngạch ..."): there only a
             * name no Vietnamese syllable could be ("Zelensky kêu gọi ...") */
            if ((i == first || (i == first + 1 && S(r, first)->kind == PACT_SYL_PUNCT)) &&
                !foreign_syllable(r->fold.ptr + S(r, i)->fold, S(r, i)->nfold))
                continue;
            /* a hyphenated name's first part alone is no mention ("Hong" of "Hong-kyun") */
            if (i + 1 < end && is(r, i + 1, end, "-") && S(r, i)->end == S(r, i + 1)->start) continue;
            alias key = {r->fold.ptr + S(r, i)->fold, S(r, i)->nfold, 0, 0, 0, 0, false};
            char g = gender_before(r, i);
            size_t lo = 0, hi = na;
            while (lo < hi) { /* the first alias with this key */
                size_t mid = (lo + hi) / 2;
                if (cmp_alias(&al[mid], &key) < 0) lo = mid + 1;
                else hi = mid;
            }
            /* the nearest full mention before, else the first after */
            const alias *best = NULL;
            bool after_title = g || (i > first && prev_is_title(r, i));
            for (size_t q = lo; q < na && al[q].klen == key.klen && memcmp(al[q].key, key.key, key.klen) == 0; q++) {
                if (g && al[q].gender && g != al[q].gender) continue;
                if (al[q].titled_only && !after_title) continue;
                if (al[q].a < i || !best) best = &al[q];
                if (al[q].a >= i) break;
            }
            if (!best) continue;
            mention src = r->m[best->m];
            mention *m = pact__mention_add(r);
            *m = src;
            m->sent = si;
            m->a = i;
            m->b = i + 1;
            m->titled = i > first && prev_is_title(r, i);
            m->former = false;
            cover(r, i, i + 1);
        }
    }
    free(al);
    pact_buf_free(&af);
}

/* The persons whose first or last name this syllable is (lexicon surname senses). */
static size_t surname_people(const rctx *r, size_t i, size_t end, const pact_lex_entry **out, size_t max) {
    pact_lex_hit hits[MAX_HITS];
    size_t nh = pact_lexicon_match(r->lex, r->syls + i, end - i, r->fold.ptr, hits, MAX_HITS), n = 0;
    for (size_t h = 0; h < nh; h++) {
        if (hits[h].len != 1 && !(hits[h].len == 3 && is(r, i + 1, end, "-"))) continue;
        for (size_t k = 0; k < hits[h].nsenses && n < max; k++)
            if ((hits[h].senses[k].flags & PACT_LEXF_SURNAME) && hits[h].senses[k].entry->kind == PACT_LEX_PERSON)
                out[n++] = hits[h].senses[k].entry;
        if (n) return n;
    }
    return n;
}

static bool article_names_country(const rctx *r, const char *iso) {
    for (size_t k = 0; k < r->nm; k++)
        if (r->m[k].mk == MK_ENTITY && r->m[k].kind == PACT_ENT_COUNTRY && strcmp(r->m[k].id, iso) == 0) return true;
    return false;
}

/* "Tổng thống Zelensky", "ông Kishida" with nobody named in full before: a
 * known person by that name, when only one fits; after a title, else a person
 * the lexicon does not know. */
void pact__names_single(rctx *r) {
    static const char *const hon[] = {"ông", "bà", "ngài", NULL};
    /* the title, if any, that a name at each syllable would follow */
    size_t *title_at = pact__xcalloc(r->nsyls + 1, sizeof *title_at);
    for (size_t k = 0; k < r->nm; k++)
        if (r->m[k].mk == MK_TITLE && r->m[k].title_end <= r->nsyls) title_at[r->m[k].title_end] = k + 1;
    for (size_t si = 0; si < r->a->nsents; si++) {
        size_t first = r->sfirst[si], end = first + r->sn[si];
        for (size_t i = first + 1; i < end; i++) {
            if (r->covered[i] || !cap_word(r, i, end)) continue;
            /* a copy: adding mentions below may move r->m */
            mention tcopy;
            const mention *t = NULL;
            if (title_at[i] && r->m[title_at[i] - 1].sent == si) {
                tcopy = r->m[title_at[i] - 1];
                t = &tcopy;
            }
            bool honor = in_set(r, i - 1, end, hon);
            if (!t && !honor) continue;
            size_t nw;
            size_t e = name_run(r, i, end, &nw);
            if (nw != 1) continue;
            const pact_lex_entry *cand[8];
            size_t nc = surname_people(r, i, end, cand, 8);
            const pact_lex_entry *p = NULL;
            if (!t) {
                /* "ông Kim" alone: only a name the lexicon knows once, of a country the article names */
                if (nc == 1 && cand[0]->country && article_names_country(r, cand[0]->country)) p = cand[0];
            } else if (nc == 1) {
                p = cand[0];
            } else if (nc > 1) {
                /* several: the one holding the title's office (for its country) on the page's date */
                const char *date = r->a->page_date;
                size_t nfit = 0;
                for (size_t q = 0; q < nc; q++) {
                    if (t && t->title_country && cand[q]->country && strcmp(cand[q]->country, t->title_country) != 0)
                        continue;
                    if (!pact__holds_office(r->lex, cand[q]->id, t ? t->office : NULL, date)) continue;
                    p = cand[q];
                    nfit++;
                }
                if (nfit != 1) p = NULL;
            }
            if (p) {
                mention *m = pact__mention_add(r);
                m->sent = si;
                m->a = i;
                m->b = e;
                m->mk = MK_ENTITY;
                pact__mention_fill(m, p);
                m->titled = t != NULL;
                m->office = t ? t->office : NULL;
                cover(r, i, e);
            } else if (t && t->ntsenses && !t->former && plausible_name(r, i, e, nw)) {
                mention *m = new_person(r, si, i, e, t->title_country);
                m->titled = true;
                m->office = t->office;
            }
        }
    }
    free(title_at);
}
