/* The event-expression dictionary: loading data/events.tsv and
 * data/domains.tsv, and longest match over a sentence's words. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "extract/extract.h"
#include "extract/patterns.h"
#include "text/vn_letters.h"

/* Appends; a key past the buffer cap is simply cut (never happens for words). */
static void app(pact_buf *b, const void *p, size_t n) {
    if (b->len + n < b->cap && b->len + n <= b->max) {
        /* room already: pact_buf_append without the call */
        memcpy(b->ptr + b->len, p, n);
        b->len += n;
        b->ptr[b->len] = '\0';
        return;
    }
    if (pact_buf_append(b, p, n) != PACT_OK) return;
}

static bool is_tone_mark(utf8proc_int32_t c) {
    return c == 0x300 || c == 0x301 || c == 0x303 || c == 0x309 || c == 0x323;
}

/* Untoned lower-case vowels a ă â e ê i o ô ơ u ư y (text/vn_letters.h ids
 * 1..12), decomposed: the base letter and its shape mark. */
static const char *const VOWEL_NFD[12] = {"a", "a\xCC\x86", "a\xCC\x82", "e", "e\xCC\x82", "i",
                                          "o", "o\xCC\x82", "o\xCC\x9B", "u", "u\xCC\x9B", "y"};
static const unsigned char VOWEL_NFD_LEN[12] = {1, 3, 3, 1, 3, 1, 1, 3, 3, 1, 3, 1};
/* Tones 1..5 (huyền, sắc, hỏi, ngã, nặng) as combining marks U+0300 U+0301
 * U+0309 U+0303 U+0323, UTF-8. */
static const char TONE_UTF8[6][2] = {{0, 0}, {'\xCC', '\x80'}, {'\xCC', '\x81'}, {'\xCC', '\x89'},
                                     {'\xCC', '\x83'}, {'\xCC', '\xA3'}};

/* The key of a word made of ASCII and precomposed Vietnamese letters with at
 * most one tone mark, without utf8proc: the slow path below folds (lower case,
 * tone moved to its canonical vowel), decomposes, drops the tone and puts it
 * last, which for such a word is: each letter lower-cased and decomposed
 * without its tone, then the tone. False (out untouched) for anything else. */
static bool key_fast(const char *s, size_t len, pact_buf *out) {
    char tmp[256];
    if (len > 200) return false; /* output <= input + 2 bytes */
    size_t o = 0, i = 0;
    unsigned tone = 0;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            if (c <= 0x20 || c == 0x7F) return false; /* white space: folded away */
            tmp[o++] = c >= 'A' && c <= 'Z' ? (char)(c | 0x20) : (char)c;
            i++;
            continue;
        }
        size_t adv;
        int32_t cp = pact_utf8_decode(s + i, len - i, &adv);
        unsigned code = vn_decode(cp);
        if (code) {
            unsigned v = code >> 4, t = (code >> 1) & 7;
            if (v < 1 || v > 12 || t > 5) return false;
            if (t) {
                if (tone) return false; /* several tone marks: the slow path decides */
                tone = t;
            }
            memcpy(tmp + o, VOWEL_NFD[v - 1], VOWEL_NFD_LEN[v - 1]);
            o += VOWEL_NFD_LEN[v - 1];
        } else if (cp == 0x110 || cp == 0x111) {
            tmp[o++] = '\xC4';
            tmp[o++] = '\x91';
        } else {
            return false;
        }
        i += adv;
    }
    if (tone) {
        tmp[o++] = TONE_UTF8[tone][0];
        tmp[o++] = TONE_UTF8[tone][1];
    }
    app(out, tmp, o);
    return true;
}

void pact__pattern_key(const char *s, size_t len, pact_buf *out) {
    if (key_fast(s, len, out)) return;
    /* the text layer's lookup key first (case, canonical tone placement) */
    pact_buf f;
    pact_buf_init(&f, 0);
    pact_text_fold(s, len, &f);
    const char *src = f.ptr ? f.ptr : s;
    size_t slen = f.ptr ? f.len : len;
    utf8proc_uint8_t *d = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)src, (utf8proc_ssize_t)slen, &d,
                                      UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD);
    if (n < 0) {
        app(out, src, slen);
        pact_buf_free(&f);
        return;
    }
    /* Vietnamese writes the tone mark on one of two vowels ("thoả"/"thỏa"):
     * keep the other marks in place and put the tone last, so both agree. */
    utf8proc_int32_t tone = 0;
    utf8proc_ssize_t i = 0;
    while (i < n) {
        utf8proc_int32_t c;
        utf8proc_ssize_t adv = utf8proc_iterate(d + i, n - i, &c);
        if (adv <= 0) break;
        if (is_tone_mark(c)) tone = c;
        else app(out, d + i, (size_t)adv);
        i += adv;
    }
    if (tone) {
        char enc[4];
        size_t k = pact_utf8_encode(tone, enc);
        app(out, enc, k);
    }
    free(d);
    pact_buf_free(&f);
}

static const char *const kind_names[PACT_PK_COUNT] = {
    "event", "modal", "attrib", "coref", "datecue", "member", "passive", "prep", "conn", "refine", "domain"};

static int cmp_pattern(const void *a, const void *b) {
    const pact_pattern *x = a, *y = b;
    return strcmp(x->syl[0], y->syl[0]);
}

/* Splits a form into keyed syllables; returns the count (0 for an empty form). */
static size_t split_form(const char *form, char ***out) {
    size_t cap = 4, n = 0;
    char **syl = pact__xmalloc(cap * sizeof *syl);
    const char *p = form;
    while (*p) {
        while (*p == ' ') p++;
        const char *s = p;
        while (*p && *p != ' ') p++;
        if (p == s) break;
        pact_buf b;
        pact_buf_init(&b, 0);
        pact__pattern_key(s, (size_t)(p - s), &b);
        if (n == cap) syl = pact__xrealloc(syl, (cap *= 2) * sizeof *syl);
        syl[n++] = b.ptr ? b.ptr : pact__xstrdup("");
    }
    *out = syl;
    return n;
}

static void add(struct pact_patterns *P, size_t *cap, pact_pattern_kind kind, const char *form,
                const char *value, const char *flags, int line) {
    char **syl;
    size_t n = split_form(form, &syl);
    if (!n) {
        free(syl);
        return;
    }
    if (P->n == *cap) P->p = pact__xrealloc(P->p, (*cap = *cap ? *cap * 2 : 256) * sizeof *P->p);
    pact_pattern *pt = &P->p[P->n++];
    memset(pt, 0, sizeof *pt);
    pt->kind = kind;
    snprintf(pt->value, sizeof pt->value, "%s", value ? value : "");
    pt->syl = syl;
    pt->nsyl = n;
    pt->line = line;
    pt->modality = -1;
    if (flags) {
        if (strstr(flags, "sym")) pt->flags |= PACT_PF_SYM;
        if (strstr(flags, "say")) pt->flags |= PACT_PF_SAY;
        if (strstr(flags, "noun")) pt->flags |= PACT_PF_NOUN;
        if (strstr(flags, "recv")) pt->flags |= PACT_PF_RECV;
        if (strstr(flags, "chain")) pt->flags |= PACT_PF_CHAIN;
        if (strstr(flags, "topic")) pt->flags |= PACT_PF_TOPIC;
        if (strstr(flags, "resume")) pt->flags |= PACT_PF_RESUME;
        const char *m = strstr(flags, "mod=");
        if (m) {
            char name[16];
            size_t k = 0;
            for (m += 4; *m && *m != ',' && *m != ' ' && k + 1 < sizeof name; m++) name[k++] = *m;
            name[k] = 0;
            pt->modality = pact_modality_parse(name);
        }
    }
}

/* Reads one TSV file; domains=true for domains.tsv (domain, forms). */
static int load_file(struct pact_patterns *P, size_t *cap, const char *path, bool domains,
                     pact_diag *d) {
    FILE *f = fopen(path, "r");
    if (!f) {
        /* a lexicon-only data folder (test fixtures) codes no events */
        pact_warn(d, SIZE_MAX, "cannot read %s: %s (no events will be coded)", path, strerror(errno));
        return PACT_OK;
    }
    char *line = NULL;
    size_t lcap = 0;
    ssize_t got;
    int lineno = 0;
    while ((got = getline(&line, &lcap, f)) >= 0) {
        lineno++;
        while (got > 0 && (line[got - 1] == '\n' || line[got - 1] == '\r')) line[--got] = 0;
        if (!got || line[0] == '#') continue;
        char *fl[5] = {0};
        size_t nf = pact_tsv_split(line, fl, 5);
        pact_pattern_kind kind = PACT_PK_DOMAIN;
        const char *forms, *value, *flags = NULL;
        if (domains) {
            if (nf < 2) continue;
            value = fl[0];
            forms = fl[1];
        } else {
            if (nf < 3) {
                pact_warn(d, SIZE_MAX, "%s:%d: expected kind, forms, value", path, lineno);
                continue;
            }
            int k = -1;
            for (int i = 0; i < PACT_PK_COUNT; i++)
                if (strcmp(fl[0], kind_names[i]) == 0) k = i;
            if (k < 0 || k == PACT_PK_DOMAIN) {
                pact_warn(d, SIZE_MAX, "%s:%d: unknown kind '%s'", path, lineno, fl[0]);
                continue;
            }
            kind = (pact_pattern_kind)k;
            forms = fl[1];
            value = fl[2];
            flags = nf > 3 ? fl[3] : NULL;
        }
        /* forms are separated by '|' */
        char *copy = pact__xstrdup(forms), *save = NULL;
        for (char *tok = strtok_r(copy, "|", &save); tok; tok = strtok_r(NULL, "|", &save)) {
            /* normalise the form the way the text is normalised */
            pact_norm nm;
            if (pact_text_normalize(tok, strlen(tok), 0, &nm, NULL) == PACT_OK) {
                add(P, cap, kind, nm.text, value, flags, lineno);
                pact_norm_free(&nm);
            }
        }
        free(copy);
    }
    free(line);
    fclose(f);
    return PACT_OK;
}

static uint64_t syl_hash(const char *s, size_t len) {
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (size_t k = 0; k < len; k++) h = (h ^ (unsigned char)s[k]) * 1099511628211ull;
    return h;
}

/* The table slot of key (an empty slot when absent). */
static size_t slot_of(const struct pact_patterns *P, const char *key, size_t len, uint64_t h) {
    size_t mask = P->tcap - 1, k = (size_t)h & mask;
    while (P->tab[k].s && !(P->tab[k].h == h && P->tab[k].len == len && memcmp(P->tab[k].s, key, len) == 0))
        k = (k + 1) & mask;
    return k;
}

/* Takes ownership of s; returns the interned copy. */
static char *intern_own(struct pact_patterns *P, char *s) {
    if ((P->tn + 1) * 2 > P->tcap) {
        size_t ocap = P->tcap;
        pact_pattern_syl *old = P->tab;
        P->tcap = ocap ? ocap * 2 : 1024;
        P->tab = pact__xcalloc(P->tcap, sizeof *P->tab);
        for (size_t k = 0; k < ocap; k++)
            if (old[k].s) P->tab[slot_of(P, old[k].s, old[k].len, old[k].h)] = old[k];
        free(old);
    }
    size_t len = strlen(s);
    uint64_t h = syl_hash(s, len);
    size_t k = slot_of(P, s, len, h);
    if (P->tab[k].s) {
        free(s);
        return P->tab[k].s;
    }
    P->tab[k].s = s;
    P->tab[k].h = h;
    P->tab[k].len = len;
    P->tn++;
    return s;
}

static pact_pattern_syl *find_syl(const struct pact_patterns *P, const char *key, size_t len) {
    if (!P || !P->tcap) return NULL;
    if (pact__patterns_owns(P, key)) return (pact_pattern_syl *)pact__patterns_entry(P, key);
    size_t k = slot_of(P, key, len, syl_hash(key, len));
    return P->tab[k].s ? &P->tab[k] : NULL;
}

const char *pact__patterns_intern(const struct pact_patterns *P, const char *key, size_t len) {
    const pact_pattern_syl *e = find_syl(P, key, len);
    return e ? e->s : NULL;
}

/* Interns every syllable and records each first syllable's pattern range,
 * so that matching compares pointers and finds its candidates in O(1). */
static void build_index(struct pact_patterns *P) {
    for (size_t i = 0; i < P->n; i++)
        for (size_t k = 0; k < P->p[i].nsyl; k++) P->p[i].syl[k] = intern_own(P, P->p[i].syl[k]);
    /* move the interned syllables into one block, each after its slot number:
     * a key from the block finds its entry without hashing */
    size_t total = 0;
    for (size_t k = 0; k < P->tcap; k++)
        if (P->tab[k].s) total += sizeof(uint32_t) + ((P->tab[k].len + 1 + 3) & ~(size_t)3);
    if (total) {
        P->pool = pact__xmalloc(total);
        char **moved = pact__xcalloc(P->tcap, sizeof *moved);
        size_t o = 0;
        for (size_t k = 0; k < P->tcap; k++) {
            if (!P->tab[k].s) continue;
            uint32_t slot = (uint32_t)k;
            memcpy(P->pool + o, &slot, sizeof slot);
            o += sizeof slot;
            moved[k] = P->pool + o;
            memcpy(moved[k], P->tab[k].s, P->tab[k].len + 1);
            o += (P->tab[k].len + 1 + 3) & ~(size_t)3;
        }
        for (size_t i = 0; i < P->n; i++)
            for (size_t q = 0; q < P->p[i].nsyl; q++) {
                const char *old = P->p[i].syl[q];
                size_t len = strlen(old);
                P->p[i].syl[q] = moved[slot_of(P, old, len, syl_hash(old, len))];
            }
        for (size_t k = 0; k < P->tcap; k++) {
            if (!P->tab[k].s) continue;
            free(P->tab[k].s);
            P->tab[k].s = moved[k];
        }
        free(moved);
        P->pool_len = total;
    }
    for (size_t i = 0; i < P->n;) {
        size_t j = i;
        while (j < P->n && P->p[j].syl[0] == P->p[i].syl[0]) j++;
        pact_pattern_syl *e = find_syl(P, P->p[i].syl[0], strlen(P->p[i].syl[0]));
        e->lo = i;
        e->hi = j;
        for (size_t q = i; q < j; q++) e->kinds |= 1u << P->p[q].kind;
        i = j;
    }
    P->star = pact__patterns_intern(P, "*", 1);
    static const char *const words[PACT_W_COUNT] = {"ông", "bà", "con", "triệu", "tập", "đại", "tới", "đến",
                                                    "sang", "thăm", "đã", "vừa", "từ", "nếu", "trong", "trường",
                                                    "hợp", "để", "nhằm", "việc", "của", "về"};
    for (int w = 0; w < PACT_W_COUNT; w++) {
        pact_buf b;
        pact_buf_init(&b, 0);
        pact__pattern_key(words[w], strlen(words[w]), &b);
        const char *in = b.ptr ? pact__patterns_intern(P, b.ptr, b.len) : NULL;
        if (in) {
            P->words[w] = (char *)in;
            pact_buf_free(&b);
        } else {
            P->words[w] = b.ptr ? b.ptr : pact__xstrdup("");
            P->owned_words |= 1u << w;
        }
    }
}

int pact__patterns_load(const char *data_dir, struct pact_patterns **out, pact_diag *d) {
    struct pact_patterns *P = pact__xcalloc(1, sizeof *P);
    size_t cap = 0;
    char path[4200];
    snprintf(path, sizeof path, "%s/events.tsv", data_dir);
    int rc = load_file(P, &cap, path, false, d);
    if (rc == PACT_OK) {
        snprintf(path, sizeof path, "%s/domains.tsv", data_dir);
        rc = load_file(P, &cap, path, true, d);
    }
    if (rc != PACT_OK) {
        pact__patterns_free(P);
        *out = NULL;
        return rc;
    }
    if (P->n) qsort(P->p, P->n, sizeof *P->p, cmp_pattern);
    build_index(P);
    *out = P;
    return PACT_OK;
}

void pact__patterns_free(struct pact_patterns *P) {
    if (!P) return;
    for (int w = 0; w < PACT_W_COUNT; w++)
        if (P->owned_words & (1u << w)) free(P->words[w]);
    if (P->tab) {
        /* syllables are owned by the table's pool */
        free(P->pool);
        free(P->tab);
    } else {
        for (size_t i = 0; i < P->n; i++)
            for (size_t k = 0; k < P->p[i].nsyl; k++) free(P->p[i].syl[k]);
    }
    for (size_t i = 0; i < P->n; i++) free(P->p[i].syl);
    free(P->p);
    free(P);
}

/* Word i of keys equals pattern syllable syl: by pointer when the keys were
 * interned (the coder's), else by content (any other caller). */
static inline bool same(const char *key, const char *syl, bool interned) {
    return key == syl || (!interned && key && strcmp(key, syl) == 0);
}

/* Matches syllables syl[s..] at keys[i..]; returns words covered or 0. */
static size_t match_at(const struct pact_patterns *P, const pact_pattern *pt, size_t s, char *const *keys,
                       size_t n, size_t i, bool interned) {
    if (s == pt->nsyl) return 0; /* caller handles completion */
    if (pt->syl[s] == P->star) {
        for (size_t gap = 0; gap <= 3 && i + gap <= n; gap++) {
            if (gap && !keys[i + gap - 1]) break;
            if (s + 1 == pt->nsyl) return gap;
            size_t r = match_at(P, pt, s + 1, keys, n, i + gap, interned);
            if (r) return gap + r;
        }
        return 0;
    }
    if (i >= n || !keys[i] || !same(keys[i], pt->syl[s], interned)) return 0;
    if (s + 1 == pt->nsyl) return 1;
    size_t r = match_at(P, pt, s + 1, keys, n, i + 1, interned);
    return r ? 1 + r : 0;
}

const pact_pattern *pact__patterns_match(const struct pact_patterns *P, char *const *keys,
                                         size_t n, size_t i, unsigned mask, size_t *len) {
    return pact__patterns_match_value(P, keys, n, i, mask, NULL, len);
}

const pact_pattern *pact__patterns_match_coder(const struct pact_patterns *P, char *const *keys,
                                               size_t n, size_t i, unsigned mask, size_t *len) {
    if (i < n && !pact__patterns_owns(P, keys[i])) {
        *len = 0;
        return NULL;
    }
    return pact__patterns_match_value(P, keys, n, i, mask, NULL, len);
}

const pact_pattern *pact__patterns_match_value(const struct pact_patterns *P, char *const *keys, size_t n,
                                               size_t i, unsigned mask, const char *prefix, size_t *len) {
    *len = 0;
    if (!P || !P->n || i >= n || !keys[i]) return NULL;
    const pact_pattern_syl *e = pact__patterns_owns(P, keys[i]) ? pact__patterns_entry(P, keys[i])
                                                                 : find_syl(P, keys[i], strlen(keys[i]));
    if (!e || e->lo == e->hi || !(e->kinds & mask)) return NULL;
    /* a key that is the table's own pointer came from pact__patterns_intern:
     * then so do (or are absent from the dictionary) its neighbours */
    bool interned = keys[i] == e->s;
    size_t plen = prefix ? strlen(prefix) : 0;
    const pact_pattern *best = NULL;
    for (size_t k = e->lo; k < e->hi; k++) {
        const pact_pattern *pt = &P->p[k];
        if (!(mask & (1u << pt->kind))) continue;
        if (prefix && strncmp(pt->value, prefix, plen) != 0) continue;
        size_t got = match_at(P, pt, 0, keys, n, i, interned);
        if (got > *len || (got && got == *len && best && pt->nsyl > best->nsyl)) {
            *len = got;
            best = pt;
        }
    }
    return best;
}
