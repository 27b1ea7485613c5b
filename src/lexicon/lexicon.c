/*
 * The lexicon compiler: the TSV files of data/ -> a hash of syllable sequences.
 *
 * Every form and every proper prefix of it (in syllables) is a key of one
 * open-addressing table; a prefix key that is no form carries no senses. Longest
 * match walks syllable by syllable from a start, hashing incrementally, and stops
 * at the first sequence that is not even a prefix: no allocation per lookup.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "lexicon/lexicon.h"
#include "text/text.h"

#define MAX_FORM_SYLS 24
#define FNV_OFF 1469598103934665603ull
#define FNV_PRIME 1099511628211ull

typedef struct {
    const char *key; /* folded syllables joined by one space */
    size_t klen;
    size_t nsyl;
    pact_lex_sense sense;
    size_t seq; /* load order: keeps data senses before built-in ones */
} form_rec;

typedef struct {
    uint64_t h;
    const char *key;
    uint32_t klen;
    uint32_t first, n; /* senses[first .. first+n) */
    bool used;
} slot;

struct pact_lexicon {
    pact_arena *arena;
    pact_lex_entry **entries;
    size_t nentries, entcap;
    form_rec *forms;
    size_t nforms, formcap;
    pact_lex_sense *senses;
    slot *slots;
    size_t nslots; /* power of two */
    size_t max_syls;
    pact_lex_term *terms;
    size_t nterms, termcap;
    pact_lex_term **by_office; /* the terms sorted by office, country, start */
    struct pending_surname {
        const pact_lex_entry *entry;
        const char *word; /* in the arena */
    } *surnames;          /* persons' first and last words, added after loading */
    size_t nsurnames, surcap;
    /* loading offices.tsv: the persons sorted by id (then load order), built
     * for the entries [0, nbyid_of) so that each line finds its person by
     * binary search rather than a scan of every entry */
    struct person_ref *byid;
    size_t nbyid, nbyid_of;
    char version[24];
};

/* ---- the syllable scanner ---- */

static bool is_space_cp(int32_t c) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return true;
    utf8proc_category_t k = utf8proc_category(c);
    return k == UTF8PROC_CATEGORY_ZS || k == UTF8PROC_CATEGORY_ZL || k == UTF8PROC_CATEGORY_ZP ||
           k == UTF8PROC_CATEGORY_CC || k == UTF8PROC_CATEGORY_CF;
}

/* Latin letters (U+00C0-U+024F but × and ÷) and the Vietnamese block
 * U+1EA0-U+1EF9: letters by utf8proc's table, answered without it. */
static inline bool latin_letter(int32_t c) {
    return (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) || (c >= 0x1EA0 && c <= 0x1EF9);
}

/* pact_utf8_decode with ASCII inline (len >= 1). */
static inline int32_t next_cp(const char *s, size_t len, size_t *adv) {
    if ((unsigned char)s[0] < 0x80) {
        *adv = 1;
        return (unsigned char)s[0];
    }
    return pact_utf8_decode(s, len, adv);
}

static int cp_class(int32_t c) { /* 0 space, 1 letter, 2 digit, 3 other */
    if (c < 128) {
        if (c == ' ' || (c >= 9 && c <= 13)) return 0;
        if ((c | 32) >= 'a' && (c | 32) <= 'z') return 1;
        if (c >= '0' && c <= '9') return 2;
        return c < 32 || c == 127 ? 0 : 3;
    }
    if (latin_letter(c)) return 1;
    if (is_space_cp(c)) return 0;
    utf8proc_category_t k = utf8proc_category(c);
    if (k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_ME) return 1; /* letters and marks */
    if (k == UTF8PROC_CATEGORY_ND) return 2;
    return 3;
}

static bool is_upper_cp(int32_t c) {
    if (c < 128) return c >= 'A' && c <= 'Z';
    if (c >= 0x1EA0 && c <= 0x1EF9) return !(c & 1); /* capitals at even code points */
    utf8proc_category_t k = utf8proc_category(c);
    return k == UTF8PROC_CATEGORY_LU || k == UTF8PROC_CATEGORY_LT;
}

static void put_cp(pact_buf *b, int32_t c) {
    char tmp[4];
    size_t n = pact_utf8_encode(c, tmp);
    if (pact_buf_append(b, tmp, n) != PACT_OK) abort(); /* only past the buffer's 1 GiB cap */
}

size_t pact_lex_scan(const char *text, size_t start, size_t end, pact_buf *fold, pact_syl **out,
                     size_t n, size_t *cap) {
    size_t i = start;
    while (i < end) {
        size_t adv;
        int32_t c = next_cp(text + i, end - i, &adv);
        if (c < 0) c = PACT_REPLACEMENT;
        int cl = cp_class(c);
        if (cl == 0) {
            i += adv;
            continue;
        }
        if (n == *cap) {
            *cap = *cap ? *cap * 2 : 64;
            *out = pact__xrealloc(*out, *cap * sizeof **out);
        }
        pact_syl *s = &(*out)[n++];
        s->start = i;
        s->fold = fold->len;
        s->flags = 0;
        if (cl == 3) {
            /* dashes of every kind fold to '-', so "Mỹ – Nhật" matches "Mỹ - Nhật" */
            if (c == 0x2010 || c == 0x2011 || c == 0x2012 || c == 0x2013 || c == 0x2014 ||
                c == 0x2212)
                c = '-';
            put_cp(fold, c);
            i += adv;
            s->kind = PACT_SYL_PUNCT;
        } else {
            bool letters = false, all_upper = true, first = true;
            size_t from = i;
            s->kind = PACT_SYL_NUM;
            while (i < end) {
                c = next_cp(text + i, end - i, &adv);
                if (c < 0) c = PACT_REPLACEMENT;
                cl = cp_class(c);
                if (cl != 1 && cl != 2) break;
                if (cl == 1) {
                    utf8proc_category_t k = c < 128 || latin_letter(c) ? UTF8PROC_CATEGORY_LL : utf8proc_category(c);
                    bool mark = k >= UTF8PROC_CATEGORY_MN && k <= UTF8PROC_CATEGORY_ME;
                    if (!mark) {
                        bool up = is_upper_cp(c);
                        if (first && up) s->flags |= PACT_SYLF_CAP;
                        if (!up) all_upper = false;
                        letters = true;
                    }
                    s->kind = PACT_SYL_WORD;
                }
                first = false;
                i += adv;
            }
            if (letters && all_upper) s->flags |= PACT_SYLF_UPPER;
            /* the text layer's lookup key: lower case, one tone-mark placement */
            pact_text_fold(text + from, i - from, fold);
        }
        s->end = i;
        s->nfold = fold->len - s->fold;
    }
    return n;
}

/* ---- hashing ---- */

static uint64_t fnv(uint64_t h, const char *p, size_t n) {
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)p[i]) * FNV_PRIME;
    return h;
}

static slot *find_slot(const pact_lexicon *lex, uint64_t h, const char *key, size_t klen) {
    size_t mask = lex->nslots - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        slot *s = &lex->slots[i];
        if (!s->used) return s;
        if (s->h == h && s->klen == klen && memcmp(s->key, key, klen) == 0) return s;
    }
}

/* ---- loading ---- */

static pact_lex_entry *new_entry(pact_lexicon *lex, pact_lex_kind kind, const char *id,
                                 const char *name, const char *country, const char *type) {
    if (lex->nentries == lex->entcap) {
        lex->entcap = lex->entcap ? lex->entcap * 2 : 256;
        lex->entries = pact__xrealloc(lex->entries, lex->entcap * sizeof *lex->entries);
    }
    pact_lex_entry *e = pact_arena_alloc(lex->arena, sizeof *e);
    e->kind = kind;
    e->id = pact_arena_strdup(lex->arena, id);
    e->name = name && *name ? pact_arena_strdup(lex->arena, name) : NULL;
    e->country = country && *country && strcmp(country, "-") != 0 ? pact_arena_strdup(lex->arena, country) : NULL;
    e->type = type && *type ? pact_arena_strdup(lex->arena, type) : NULL;
    lex->entries[lex->nentries++] = e;
    return e;
}

/* Adds one form (as the data writes it) of entry e. */
static void add_form(pact_lexicon *lex, const pact_lex_entry *e, const char *form, size_t len,
                     unsigned flags, pact_diag *d) {
    while (len && (*form == ' ')) form++, len--;
    while (len && form[len - 1] == ' ') len--;
    if (!len) return;
    pact_norm nm;
    if (pact_text_normalize(form, len, 0, &nm, d) != PACT_OK) return;
    pact_buf fold;
    pact_buf_init(&fold, 0);
    pact_syl *syls = NULL;
    size_t cap = 0;
    size_t n = pact_lex_scan(nm.text, 0, nm.len, &fold, &syls, 0, &cap);
    if (n && n <= MAX_FORM_SYLS) {
        /* a name written capitalised must be so in the text; a place named by a
         * common noun and a name ("Bán đảo Triều Tiên") is often written lower
         * case, but a name whose only capital is its first ("Pháp quốc", "Dân
         * trí") is the name itself: "luật pháp quốc tế", "nâng cao dân trí" */
        bool later_cap = false;
        for (size_t k = 1; k < n; k++)
            if (syls[k].kind == PACT_SYL_WORD && (syls[k].flags & PACT_SYLF_CAP)) later_cap = true;
        if ((syls[0].flags & PACT_SYLF_CAP) &&
            (n == 1 || syls[1].kind != PACT_SYL_WORD || (syls[1].flags & PACT_SYLF_CAP) || !later_cap))
            flags |= PACT_LEXF_CAP;
        if (n == 1 && (syls[0].flags & PACT_SYLF_UPPER) && syls[0].end - syls[0].start <= 3 &&
            syls[0].end - syls[0].start >= 2)
            flags |= PACT_LEXF_UPPER;
        /* the key, and every proper prefix as a senseless key */
        pact_buf key;
        pact_buf_init(&key, 0);
        for (size_t k = 0; k < n; k++) {
            if (k && pact_buf_putc(&key, ' ') != PACT_OK) abort();
            if (pact_buf_append(&key, fold.ptr + syls[k].fold, syls[k].nfold) != PACT_OK) abort();
            if (lex->nforms == lex->formcap) {
                lex->formcap = lex->formcap ? lex->formcap * 2 : 1024;
                lex->forms = pact__xrealloc(lex->forms, lex->formcap * sizeof *lex->forms);
            }
            form_rec *f = &lex->forms[lex->nforms];
            f->key = pact_arena_strndup(lex->arena, key.ptr, key.len);
            f->klen = key.len;
            f->nsyl = k + 1;
            f->sense.entry = k + 1 == n ? e : NULL;
            f->sense.flags = flags;
            f->seq = lex->nforms++;
        }
        if (n > lex->max_syls) lex->max_syls = n;
        pact_buf_free(&key);
    }
    free(syls);
    pact_buf_free(&fold);
    pact_norm_free(&nm);
}

/* The key of a form: its folded syllables joined by one space (empty when none). */
static void form_key(const char *form, size_t len, pact_buf *key, pact_diag *d) {
    key->len = 0;
    pact_norm nm;
    if (pact_text_normalize(form, len, 0, &nm, d) != PACT_OK) return;
    pact_buf fold;
    pact_buf_init(&fold, 0);
    pact_syl *syls = NULL;
    size_t cap = 0;
    size_t n = pact_lex_scan(nm.text, 0, nm.len, &fold, &syls, 0, &cap);
    for (size_t k = 0; k < n; k++) {
        if (k && pact_buf_putc(key, ' ') != PACT_OK) abort();
        if (pact_buf_append(key, fold.ptr + syls[k].fold, syls[k].nfold) != PACT_OK) abort();
    }
    free(syls);
    pact_buf_free(&fold);
    pact_norm_free(&nm);
}

/* Adds every '|'-separated form of field. */
static void add_forms(pact_lexicon *lex, const pact_lex_entry *e, const char *field, unsigned flags,
                      pact_diag *d) {
    const char *p = field;
    while (p && *p) {
        const char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        add_form(lex, e, p, n, flags, d);
        p = bar ? bar + 1 : NULL;
    }
}

#define MAX_FIELDS 8

typedef void (*line_fn)(pact_lexicon *lex, char **f, size_t nf, const char *path, size_t lineno,
                        pact_diag *d);

static void line_country(pact_lexicon *lex, char **f, size_t nf, const char *path, size_t ln,
                         pact_diag *d) {
    if (nf < 2 || strlen(f[0]) != 3) {
        pact_warn(d, SIZE_MAX, "%s:%zu: expected ISO3 and forms", path, ln);
        return;
    }
    const pact_lex_entry *e = pact_lexicon_country(lex, f[0]);
    bool cldr = strstr(path, "countries.cldr") != NULL;
    if (!e) e = new_entry(lex, PACT_LEX_COUNTRY, f[0], cldr && nf > 2 ? f[2] : NULL, NULL, NULL);
    unsigned flags = 0;
    if (!cldr && nf > 2 && *f[2])
        flags = strcmp(f[2], "compound") == 0 ? PACT_LEXF_COMPOUND | PACT_LEXF_AMBIGUOUS : PACT_LEXF_AMBIGUOUS;
    add_forms(lex, e, f[1], flags, d);
    if (cldr && nf > 2) add_forms(lex, e, f[2], 0, d);
}

/* The flag column after the nfixed required fields of orgs.tsv, places.tsv and
 * media.tsv: "ambiguous" (any non-empty flag reads so) makes the forms need context. */
static unsigned flag_column(char **f, size_t nf, size_t nfixed) {
    return nf > nfixed && *f[nf - 1] ? PACT_LEXF_AMBIGUOUS : 0;
}

static void line_org(pact_lexicon *lex, char **f, size_t nf, const char *path, size_t ln, pact_diag *d) {
    if (nf < 4) {
        pact_warn(d, SIZE_MAX, "%s:%zu: expected ID, type, English name and forms", path, ln);
        return;
    }
    pact_lex_entry *e = new_entry(lex, PACT_LEX_ORG, f[0], f[2], NULL, f[1]);
    unsigned flags = flag_column(f, nf, 4);
    /* the id and the English name are names in any case; only the forms carry the flag */
    add_form(lex, e, f[0], strlen(f[0]), 0, d);
    add_form(lex, e, f[2], strlen(f[2]), 0, d);
    add_forms(lex, e, f[3], flags, d);
}

/* A word that follows a name without being one: regnal numbers, Jr., Sr. */
static bool name_suffix(const char *w, size_t n) {
    while (n && w[n - 1] == '.') n--;
    if (!n) return true;
    if ((n == 2 && (memcmp(w, "Jr", 2) == 0 || memcmp(w, "Sr", 2) == 0 || memcmp(w, "JR", 2) == 0 ||
                    memcmp(w, "SR", 2) == 0)))
        return true;
    for (size_t k = 0; k < n; k++)
        if (!strchr("IVX", w[k])) return false;
    return n <= 4;
}

static void pending_surname(pact_lexicon *lex, const pact_lex_entry *e, const char *w, size_t n) {
    if (!n) return;
    if (lex->nsurnames == lex->surcap) {
        lex->surcap = lex->surcap ? lex->surcap * 2 : 256;
        lex->surnames = pact__xrealloc(lex->surnames, lex->surcap * sizeof *lex->surnames);
    }
    lex->surnames[lex->nsurnames].entry = e;
    lex->surnames[lex->nsurnames].word = pact_arena_strndup(lex->arena, w, n);
    lex->nsurnames++;
}

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The persons' first and last words as surname forms, except a word that is a
 * form of anything but a person ("Israel" of Israel Katz, "Wellington", "Montenegro"):
 * after a title it is that country or place, never the person. */
static void add_surnames(pact_lexicon *lex, pact_diag *d) {
    size_t nk = 0;
    const char **keys = pact__xmalloc((lex->nforms ? lex->nforms : 1) * sizeof *keys);
    for (size_t i = 0; i < lex->nforms; i++) {
        const pact_lex_entry *e = lex->forms[i].sense.entry;
        if (e && e->kind != PACT_LEX_PERSON) keys[nk++] = lex->forms[i].key;
    }
    qsort(keys, nk, sizeof *keys, cmp_str);
    pact_buf key;
    pact_buf_init(&key, 0);
    for (size_t i = 0; i < lex->nsurnames; i++) {
        const char *w = lex->surnames[i].word;
        form_key(w, strlen(w), &key, d);
        if (!key.len) continue;
        if (pact_buf_putc(&key, 0) != PACT_OK) abort();
        const char *k = key.ptr;
        if (nk && bsearch(&k, keys, nk, sizeof *keys, cmp_str)) continue;
        add_form(lex, lex->surnames[i].entry, w, strlen(w), PACT_LEXF_SURNAME, d);
    }
    pact_buf_free(&key);
    free(keys);
    free(lex->surnames);
    lex->surnames = NULL;
    lex->nsurnames = lex->surcap = 0;
}

static void line_person(pact_lexicon *lex, char **f, size_t nf, const char *path, size_t ln,
                        pact_diag *d) {
    if (nf < 3) {
        pact_warn(d, SIZE_MAX, "%s:%zu: expected slug, name, country and forms", path, ln);
        return;
    }
    pact_lex_entry *e = new_entry(lex, PACT_LEX_PERSON, f[0], f[1], f[2], NULL);
    add_form(lex, e, f[1], strlen(f[1]), 0, d);
    if (nf > 3) add_forms(lex, e, f[3], 0, d);
    /* the first and the last word of the name alone ("Zelensky", "Kishida", "Kim"),
     * read only after a title or "ông"/"bà"; a word is syllables joined by hyphens
     * ("Jong-un"). A Vietnamese name is left out: its last word is the given name
     * the press uses after a title ("Thủ tướng Chính"), far too common a word.
     * The words are added once every file is read (add_surnames), so that a word
     * that names anything else ("Israel", "Wellington") can be left out. */
    if (e->country && strcmp(e->country, "VNM") == 0) return;
    const char *nm = f[1];
    size_t n = strlen(nm);
    /* the last word before a regnal number or Jr./Sr. ("Charles III", "Marcos Jr.") */
    while (n) {
        const char *sp = NULL;
        for (size_t k = n; k-- > 0;)
            if (nm[k] == ' ') {
                sp = nm + k;
                break;
            }
        if (!sp || !name_suffix(sp + 1, n - (size_t)(sp + 1 - nm))) break;
        n = (size_t)(sp - nm);
        while (n && nm[n - 1] == ' ') n--;
    }
    const char *sp1 = memchr(nm, ' ', n);
    if (!sp1) return; /* one word left: "Charles III" is no "Charles" alone */
    const char *sp2 = nm + n;
    while (sp2 > nm && sp2[-1] != ' ') sp2--;
    pending_surname(lex, e, nm, (size_t)(sp1 - nm));
    pending_surname(lex, e, sp2, n - (size_t)(sp2 - nm));
}

static void line_place(pact_lexicon *lex, char **f, size_t nf, const char *path, size_t ln,
                       pact_diag *d) {
    if (nf < 4) {
        pact_warn(d, SIZE_MAX, "%s:%zu: expected id, type, country and forms", path, ln);
        return;
    }
    pact_lex_entry *e = new_entry(lex, PACT_LEX_PLACE, f[0], NULL, f[2], f[1]);
    add_forms(lex, e, f[3], flag_column(f, nf, 4), d);
}

static void line_media(pact_lexicon *lex, char **f, size_t nf, const char *path, size_t ln,
                       pact_diag *d) {
    if (nf < 2) {
        pact_warn(d, SIZE_MAX, "%s:%zu: expected id and forms", path, ln);
        return;
    }
    pact_lex_entry *e = new_entry(lex, PACT_LEX_MEDIA, f[0], NULL, NULL, NULL);
    add_forms(lex, e, f[1], flag_column(f, nf, 2), d);
}

static void line_title(pact_lexicon *lex, char **f, size_t nf, const char *path, size_t ln,
                       pact_diag *d) {
    if (nf < 2) {
        pact_warn(d, SIZE_MAX, "%s:%zu: expected office and forms", path, ln);
        return;
    }
    pact_lex_entry *e = new_entry(lex, PACT_LEX_TITLE, f[0], NULL, NULL, NULL);
    if (nf > 2 && *f[2]) e->scope = pact_arena_strdup(lex->arena, f[2]);
    add_forms(lex, e, f[1], 0, d);
}

static bool valid_date(const char *s) {
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-') return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9')) return false;
    return true;
}

typedef struct person_ref {
    const pact_lex_entry *e;
    size_t at; /* its index in entries */
} person_ref;

static int cmp_person_ref(const void *a, const void *b) {
    const person_ref *x = a, *y = b;
    int c = strcmp(x->e->id, y->e->id);
    return c ? c : (x->at < y->at ? -1 : x->at > y->at);
}

/* pact_lexicon_person while loading (the first person entry with that id),
 * by binary search over the persons sorted by id, then load order. */
static const pact_lex_entry *person_by_id(pact_lexicon *lex, const char *slug) {
    if (lex->nbyid_of != lex->nentries || !lex->byid) {
        free(lex->byid);
        lex->byid = pact__xmalloc((lex->nentries ? lex->nentries : 1) * sizeof *lex->byid);
        lex->nbyid = 0;
        for (size_t i = 0; i < lex->nentries; i++)
            if (lex->entries[i]->kind == PACT_LEX_PERSON) lex->byid[lex->nbyid++] = (person_ref){lex->entries[i], i};
        if (lex->nbyid) qsort(lex->byid, lex->nbyid, sizeof *lex->byid, cmp_person_ref);
        lex->nbyid_of = lex->nentries;
    }
    size_t lo = 0, hi = lex->nbyid;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (strcmp(lex->byid[mid].e->id, slug) < 0) lo = mid + 1;
        else hi = mid;
    }
    return lo < lex->nbyid && strcmp(lex->byid[lo].e->id, slug) == 0 ? lex->byid[lo].e : NULL;
}

static void line_office(pact_lexicon *lex, char **f, size_t nf, const char *path, size_t ln,
                        pact_diag *d) {
    if (nf < 4 || !valid_date(f[3]) || (nf > 4 && *f[4] && !valid_date(f[4]))) {
        pact_warn(d, SIZE_MAX, "%s:%zu: expected slug, office, country, start and end", path, ln);
        return;
    }
    const pact_lex_entry *p = person_by_id(lex, f[0]);
    if (!p) {
        pact_warn(d, SIZE_MAX, "%s:%zu: unknown person '%s'", path, ln, f[0]);
        return;
    }
    if (lex->nterms == lex->termcap) {
        lex->termcap = lex->termcap ? lex->termcap * 2 : 128;
        lex->terms = pact__xrealloc(lex->terms, lex->termcap * sizeof *lex->terms);
    }
    pact_lex_term *t = &lex->terms[lex->nterms++];
    memset(t, 0, sizeof *t);
    t->person = p;
    t->office = pact_arena_strdup(lex->arena, f[1]);
    t->country = pact_arena_strdup(lex->arena, f[2]);
    memcpy(t->start, f[3], 10);
    if (nf > 4 && *f[4]) memcpy(t->end, f[4], 10);
}

/* Reads one TSV file; a missing file is a warning, not a failure. */
static void load_file(pact_lexicon *lex, const char *dir, const char *name, line_fn fn, uint64_t *h,
                      pact_diag *d) {
    char path[4200];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    char *data = NULL;
    size_t len = 0;
    if (pact_file_read(path, (size_t)64 << 20, &data, &len) != PACT_OK) {
        pact_warn(d, SIZE_MAX, "lexicon: cannot read %s (skipped)", path);
        return;
    }
    *h = fnv(*h, name, strlen(name) + 1);
    *h = fnv(*h, data, len);
    size_t ln = 0;
    char *p = data;
    while (p < data + len) {
        char *nl = memchr(p, '\n', (size_t)(data + len - p));
        if (nl) *nl = 0;
        ln++;
        char *s = p;
        while (*s == ' ' || *s == '\t') s++;
        if (*s && *s != '#' && *s != '\r') {
            char *f[MAX_FIELDS];
            size_t nf = pact_tsv_split(p, f, MAX_FIELDS);
            fn(lex, f, nf, name, ln, d);
        }
        if (!nl) break;
        p = nl + 1;
    }
    free(data);
}

/* Phrases that would otherwise read as names, and places that must win the
 * longest match even when the data lacks them. Data forms come first. */
static const char *const builtin_stops[] = {
    "chủ nhật", "trung tâm", "trung thành", "trung lập", "trung ương", "trung bình", "trung thu",
    "trung đoàn", "trung đội", "trung tướng", "trung úy", "trung tá", "trung sĩ", "trung học",
    "trung gian", "trung hạn", "trung thực", "trung tuần", "trung quân", "trung kiên", "trung tín",
    "miền nam", "miền bắc", "miền trung", "phía nam", "phía bắc", "nam giới", "nam tính",
    "phương nam", "hướng nam", "anh ấy", "anh ta", "anh em", "anh hùng", "anh trai", "anh chị",
    "tiếng anh", "nhật ký", "cập nhật", "mỹ phẩm", "mỹ thuật", "mỹ nhân", "thẩm mỹ", "pháp luật",
    "pháp lý", "pháp quyền", "pháp chế", "pháp nhân", "ý kiến", "ý nghĩa", "ý định", "ý tưởng",
    "ý thức", "ý chí", "ý muốn", "đức tin", "nhật thực", "hàn gắn", "nga ngũ", "luật pháp quốc tế",
};

static const struct {
    const char *id, *type, *form;
} builtin_places[] = {
    {"korean-peninsula", "region", "Bán đảo Triều Tiên"},
    {"indian-ocean", "sea", "Ấn Độ Dương"},
    {"indo-pacific", "region", "Ấn Độ - Thái Bình Dương"},
    {"indo-pacific", "region", "Ấn Độ Dương - Thái Bình Dương"},
    {"asia-pacific", "region", "châu Á - Thái Bình Dương"},
    {"middle-east", "region", "Trung Đông"},
    {"central-asia", "region", "Trung Á"},
    {"south-asia", "region", "Nam Á"},
    {"southeast-asia", "region", "Đông Nam Á"},
    {"east-asia", "region", "Đông Á"},
    {"south-america", "region", "Nam Mỹ"},
    {"north-america", "region", "Bắc Mỹ"},
    {"latin-america", "region", "Mỹ Latinh"},
    {"south-pacific", "region", "Nam Thái Bình Dương"},
    {"pacific-ocean", "sea", "Thái Bình Dương"},
    {"korean-peninsula", "region", "bán đảo Triều Tiên"},
    {"south-china-sea", "sea", "Biển Đông"},
    {"east-china-sea", "sea", "Biển Hoa Đông"},
    {"east-china-sea", "sea", "biển Hoa Đông"}, /* a sea named by a common noun and a name */
    {"taiwan-strait", "sea", "eo biển Đài Loan"},
    {"korea-strait", "sea", "eo biển Triều Tiên"},
    {"black-sea", "sea", "Biển Đen"},
};

static void add_builtins(pact_lexicon *lex, pact_diag *d) {
    pact_lex_entry *stop = new_entry(lex, PACT_LEX_STOP, "-", NULL, NULL, NULL);
    for (size_t i = 0; i < sizeof builtin_stops / sizeof *builtin_stops; i++)
        add_form(lex, stop, builtin_stops[i], strlen(builtin_stops[i]), PACT_LEXF_BUILTIN, d);
    for (size_t i = 0; i < sizeof builtin_places / sizeof *builtin_places; i++) {
        pact_lex_entry *e = NULL;
        for (size_t k = 0; k < lex->nentries; k++)
            if (lex->entries[k]->kind == PACT_LEX_PLACE && strcmp(lex->entries[k]->id, builtin_places[i].id) == 0)
                e = lex->entries[k];
        if (!e) e = new_entry(lex, PACT_LEX_PLACE, builtin_places[i].id, NULL, NULL, builtin_places[i].type);
        add_form(lex, e, builtin_places[i].form, strlen(builtin_places[i].form), PACT_LEXF_BUILTIN, d);
    }
    pact_lex_entry *peer = new_entry(lex, PACT_LEX_TITLE, "counterpart", NULL, NULL, NULL);
    add_form(lex, peer, "người đồng cấp", strlen("người đồng cấp"), PACT_LEXF_BUILTIN, d);
}

static int cmp_term(const void *a, const void *b) {
    const pact_lex_term *x = a, *y = b;
    int c = strcmp(x->person->id, y->person->id);
    return c ? c : strcmp(x->start, y->start);
}

static int cmp_office(const void *a, const void *b) {
    const pact_lex_term *x = *(pact_lex_term *const *)a, *y = *(pact_lex_term *const *)b;
    int c = strcmp(x->office, y->office);
    if (!c) c = strcmp(x->country, y->country);
    return c ? c : strcmp(x->start, y->start);
}

static int cmp_form(const void *a, const void *b) {
    const form_rec *x = a, *y = b;
    size_t n = x->klen < y->klen ? x->klen : y->klen;
    int c = memcmp(x->key, y->key, n);
    if (c) return c;
    if (x->klen != y->klen) return x->klen < y->klen ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Sorts the forms and builds the table: one slot per distinct key. */
static void compile(pact_lexicon *lex) {
    qsort(lex->forms, lex->nforms, sizeof *lex->forms, cmp_form);
    size_t nkeys = 0;
    for (size_t i = 0; i < lex->nforms; i++)
        if (!i || cmp_form(&(form_rec){lex->forms[i].key, lex->forms[i].klen, 0, {0}, 0},
                           &(form_rec){lex->forms[i - 1].key, lex->forms[i - 1].klen, 0, {0}, 0}) != 0)
            nkeys++;
    lex->nslots = 64;
    while (lex->nslots < nkeys * 2 + 1) lex->nslots *= 2;
    lex->slots = pact__xcalloc(lex->nslots, sizeof *lex->slots);
    lex->senses = pact__xmalloc((lex->nforms ? lex->nforms : 1) * sizeof *lex->senses);
    size_t ns = 0;
    for (size_t i = 0; i < lex->nforms;) {
        size_t j = i;
        while (j < lex->nforms && lex->forms[j].klen == lex->forms[i].klen &&
               memcmp(lex->forms[j].key, lex->forms[i].key, lex->forms[i].klen) == 0)
            j++;
        uint64_t h = fnv(FNV_OFF, lex->forms[i].key, lex->forms[i].klen);
        slot *s = find_slot(lex, h, lex->forms[i].key, lex->forms[i].klen);
        s->used = true;
        s->h = h;
        s->key = lex->forms[i].key;
        s->klen = (uint32_t)lex->forms[i].klen;
        s->first = (uint32_t)ns;
        for (size_t k = i; k < j; k++) {
            const pact_lex_sense *se = &lex->forms[k].sense;
            if (!se->entry) continue;
            bool dup = false; /* the same entry twice under one key: keep the first, but a
                               * form also written in lower case ("biển Hoa Đông") needs no capital */
            for (size_t q = s->first; q < ns; q++)
                if (lex->senses[q].entry == se->entry) {
                    dup = true;
                    if (!(se->flags & PACT_LEXF_CAP)) lex->senses[q].flags &= ~PACT_LEXF_CAP;
                }
            if (!dup) lex->senses[ns++] = *se;
        }
        s->n = (uint32_t)(ns - s->first);
        i = j;
    }
    if (lex->nterms) qsort(lex->terms, lex->nterms, sizeof *lex->terms, cmp_term);
    lex->by_office = pact__xmalloc((lex->nterms ? lex->nterms : 1) * sizeof *lex->by_office);
    for (size_t i = 0; i < lex->nterms; i++) lex->by_office[i] = &lex->terms[i];
    if (lex->nterms) qsort(lex->by_office, lex->nterms, sizeof *lex->by_office, cmp_office);
    free(lex->forms);
    lex->forms = NULL;
    lex->nforms = lex->formcap = 0;
}

int pact_lexicon_load(const char *data_dir, pact_lexicon **out, pact_diag *d) {
    pact_lexicon *lex = pact__xcalloc(1, sizeof *lex);
    lex->arena = pact_arena_new();
    uint64_t h = FNV_OFF;
    const char *dir = data_dir && *data_dir ? data_dir : ".";
    /* countries.tsv first, so the press's forms come before CLDR's */
    load_file(lex, dir, "countries.tsv", line_country, &h, d);
    load_file(lex, dir, "countries.cldr.tsv", line_country, &h, d);
    load_file(lex, dir, "orgs.tsv", line_org, &h, d);
    load_file(lex, dir, "persons.tsv", line_person, &h, d);
    load_file(lex, dir, "offices.tsv", line_office, &h, d);
    free(lex->byid);
    lex->byid = NULL;
    lex->nbyid = lex->nbyid_of = 0;
    load_file(lex, dir, "titles.tsv", line_title, &h, d);
    load_file(lex, dir, "places.tsv", line_place, &h, d);
    load_file(lex, dir, "media.tsv", line_media, &h, d);
    add_builtins(lex, d);
    add_surnames(lex, d);
    compile(lex);
    snprintf(lex->version, sizeof lex->version, "lex-%016llx", (unsigned long long)h);
    *out = lex;
    return PACT_OK;
}

void pact_lexicon_free(pact_lexicon *lex) {
    if (!lex) return;
    pact_arena_free(lex->arena);
    free(lex->entries);
    free(lex->forms);
    free(lex->senses);
    free(lex->slots);
    free(lex->terms);
    free(lex->by_office);
    free(lex->surnames);
    free(lex);
}

const char *pact_lexicon_version(const pact_lexicon *lex) { return lex->version; }

/* ---- lookups ---- */

size_t pact_lexicon_match(const pact_lexicon *lex, const pact_syl *syls, size_t n, const char *fold,
                          pact_lex_hit *hits, size_t max) {
    size_t nh = 0;
    uint64_t h = FNV_OFF;
    size_t klen = 0;
    size_t lim = n < lex->max_syls ? n : lex->max_syls;
    for (size_t k = 0; k < lim; k++) {
        if (k) h = fnv(h, " ", 1), klen++;
        h = fnv(h, fold + syls[k].fold, syls[k].nfold);
        klen += syls[k].nfold;
        /* probe: compare syllable by syllable against the stored key */
        size_t mask = lex->nslots - 1;
        const slot *found = NULL;
        for (size_t i = h & mask;; i = (i + 1) & mask) {
            const slot *s = &lex->slots[i];
            if (!s->used) break;
            if (s->h != h || s->klen != klen) continue;
            const char *p = s->key;
            bool eq = true;
            for (size_t q = 0; q <= k && eq; q++) {
                if (q) eq = *p++ == ' ';
                if (eq) eq = memcmp(p, fold + syls[q].fold, syls[q].nfold) == 0;
                p += syls[q].nfold;
            }
            if (eq) {
                found = s;
                break;
            }
        }
        if (!found) break;
        if (found->n) {
            /* keep the longest max: drop the shortest when full */
            if (nh == max && max) {
                memmove(hits, hits + 1, (max - 1) * sizeof *hits);
                nh--;
            }
            if (max) hits[nh++] = (pact_lex_hit){k + 1, lex->senses + found->first, found->n};
        }
    }
    for (size_t i = 0; i < nh / 2; i++) { /* longest first */
        pact_lex_hit t = hits[i];
        hits[i] = hits[nh - 1 - i];
        hits[nh - 1 - i] = t;
    }
    return nh;
}

const pact_lex_entry *pact_lexicon_person(const pact_lexicon *lex, const char *slug) {
    for (size_t i = 0; i < lex->nentries; i++)
        if (lex->entries[i]->kind == PACT_LEX_PERSON && strcmp(lex->entries[i]->id, slug) == 0)
            return lex->entries[i];
    return NULL;
}

const pact_lex_entry *pact_lexicon_country(const pact_lexicon *lex, const char *iso3) {
    for (size_t i = 0; i < lex->nentries; i++)
        if (lex->entries[i]->kind == PACT_LEX_COUNTRY && strcmp(lex->entries[i]->id, iso3) == 0)
            return lex->entries[i];
    return NULL;
}

const pact_lex_entry *pact_lexicon_office_holder(const pact_lexicon *lex, const char *office,
                                                 const char *country, const char *date) {
    /* the first term of (office, country) by binary search, then the latest start on or before date */
    size_t lo = 0, hi = lex->nterms;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const pact_lex_term *t = lex->by_office[mid];
        int c = strcmp(t->office, office);
        if (!c) c = strcmp(t->country, country);
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    const pact_lex_term *best = NULL;
    for (size_t i = lo; i < lex->nterms; i++) {
        const pact_lex_term *t = lex->by_office[i];
        if (strcmp(t->office, office) != 0 || strcmp(t->country, country) != 0) break;
        if (strcmp(t->start, date) > 0) break;
        if (t->end[0] && strcmp(t->end, date) < 0) continue;
        best = t;
    }
    return best ? best->person : NULL;
}

const pact_lex_term *pact_lexicon_terms(const pact_lexicon *lex, const char *slug, size_t *n) {
    /* terms are sorted by person at load: the first of slug's by binary search */
    size_t lo = 0, hi = lex->nterms;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (strcmp(lex->terms[mid].person->id, slug) < 0) lo = mid + 1;
        else hi = mid;
    }
    size_t i = lo;
    size_t j = i;
    while (j < lex->nterms && strcmp(lex->terms[j].person->id, slug) == 0) j++;
    *n = j - i;
    return *n ? lex->terms + i : NULL;
}
