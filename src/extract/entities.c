/*
 * Entity recognition: longest match of lexicon forms over the syllables of
 * each sentence, and the context rules that keep ordinary words ("anh ấy",
 * "miền Nam", "Trung tâm", "Nguyễn Văn Anh") from reading as countries; bodies
 * the text defines by an acronym; then the article-level steps in order:
 * names (persons.c), the page's date against the office-holders named
 * (offices.c), dates (dates.c), titles resolved to their holders (offices.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "extract/mentions.h"

#define MAX_SENT_DATES 16




/* ---- small helpers ---- */





mention *pact__mention_add(rctx *r) {
    if (r->nm == r->mcap) {
        r->mcap = r->mcap ? r->mcap * 2 : 64;
        r->m = pact__xrealloc(r->m, r->mcap * sizeof *r->m);
    }
    mention *m = &r->m[r->nm++];
    memset(m, 0, sizeof *m);
    return m;
}


static const char *const kin[] = {"ông", "bà", "chị", "em", "anh", "cô", "chú", "bác", "cháu",
                                  "cậu", "con", "bạn", "dì", "thím", "cụ", "vợ", "chồng", "mẹ",
                                  "bố", "cha", "ngài", "tên", "gã", "bé", "chàng", "nàng", NULL};
static const char *const pronoun_after[] = {"ấy", "ta", "em", "chị", "trai", "ruột", "rể", "họ",
                                            "tôi", "mình", "chàng", NULL};
static const char *const directions[] = {"nam", "bắc", "đông", "tây", "trung", NULL};
/* Syllables of Vietnamese personal names (family names and common given names):
 * a single-syllable country right after one is part of a name ("Nguyễn Văn Anh",
 * "Lê Hoàng Anh"), while after a capitalised title word it is not ("Thượng đỉnh Mỹ"). */
static const char *const vn_name_syllables[] = {
    "nguyễn", "trần", "lê", "phạm", "hoàng", "huỳnh", "phan", "vũ", "võ", "đặng", "bùi", "đỗ",
    "hồ", "ngô", "dương", "lý", "đinh", "trịnh", "lâm", "mai", "đào", "cao", "lương", "trương",
    "văn", "thị", "hữu", "đức", "minh", "quang", "thanh", "tuấn", "hà", "tô", "tạ", "bảo", "châu",
    "dũng", "hải", "hùng", "hương", "lan", "linh", "long", "ngọc", "phương", "sơn", "thảo", "thu",
    "trang", "tú", "vân", "việt", "xuân", "yến", "hoa", "hồng", "hạnh", "hiền", "huy", "khánh",
    "kiên", "loan", "my", "nhung", "phong", "phúc", "tâm", "thắng", "thịnh", "tiến", "toàn", "trí",
    "tùng", "vinh", "hiếu", "đạt", "duy", "giang", "hằng", "kim", "diệu", "thùy", "thúy", "quỳnh",
    "công", "đình", "xuân", "gia", "khắc", "bá", "trọng", "chí", "thế", "mạnh", NULL};
static const char *const former_words[] = {"cựu", "nguyên", "cố", NULL};

/* ---- the context rules for a lexicon sense ---- */

static bool starts_hit(const rctx *r, size_t i, size_t end) {
    pact_lex_hit hits[MAX_HITS];
    size_t nh = pact_lexicon_match(r->lex, r->syls + i, end - i, r->fold.ptr, hits, MAX_HITS);
    for (size_t h = 0; h < nh; h++)
        for (size_t k = 0; k < hits[h].nsenses; k++)
            if (hits[h].senses[k].entry->kind != PACT_LEX_STOP &&
                !(hits[h].senses[k].flags & (PACT_LEXF_SURNAME | PACT_LEXF_COMPOUND | PACT_LEXF_AMBIGUOUS)))
                return true;
    return false;
}



/* Rebuilds ent_at after mentions were added or sorted. */
void pact__mentions_reindex(rctx *r) {
    memset(r->ent_at, 0, (r->nsyls + 1) * sizeof *r->ent_at);
    for (size_t k = 0; k < r->nm; k++)
        if (r->m[k].mk == MK_ENTITY && !r->ent_at[r->m[k].a]) r->ent_at[r->m[k].a] = k + 1;
}


/* A country or an organisation starts at syllable i: "Anh và Australia", "Anh, Pháp". */
static bool starts_country(const rctx *r, size_t i, size_t end) {
    if (i >= end) return false;
    pact_lex_hit hits[MAX_HITS];
    size_t nh = pact_lexicon_match(r->lex, r->syls + i, end - i, r->fold.ptr, hits, MAX_HITS);
    for (size_t h = 0; h < nh; h++)
        for (size_t k = 0; k < hits[h].nsenses; k++) {
            const pact_lex_sense *se = &hits[h].senses[k];
            if (se->entry->kind != PACT_LEX_COUNTRY && se->entry->kind != PACT_LEX_ORG) continue;
            if (se->flags & (PACT_LEXF_SURNAME | PACT_LEXF_COMPOUND)) continue;
            if ((se->flags & (PACT_LEXF_AMBIGUOUS | PACT_LEXF_CAP)) && !(S(r, i)->flags & PACT_SYLF_CAP)) continue;
            if ((se->flags & PACT_LEXF_UPPER) && !(S(r, i)->flags & PACT_SYLF_UPPER)) continue;
            return true;
        }
    return false;
}

/* Words that say an outlet is cited: "theo Dân trí", "báo Tuổi Trẻ", "(Thanh Niên)". */
static const char *const media_cues[] = {"theo", "báo", "tờ", "hãng", "trang", "kênh", "tạp", "chí", "đài",
                                         "(", ":", "nguồn", "dẫn", "thông", "tấn", "điện", "tử", NULL};

/* An ambiguous name of an outlet, an organisation or a place ("Dân trí", "Tin
 * Tức", "Thanh Niên"): after a cue that cites it, or written in capitals
 * inside a sentence and not part of a longer capitalised name. */
static bool ambiguous_name_ok(const rctx *r, size_t first, size_t end, size_t i, size_t len) {
    size_t p = i > first ? i - 1 : SIZE_MAX;
    if (p != SIZE_MAX && in_set(r, p, end, media_cues)) return true;
    /* a form that starts with its own cue: "Báo Dân trí" (not "thông báo Mới") */
    if (is(r, i, end, "báo") || is(r, i, end, "tờ")) {
        static const char *const not_cue[] = {"thông", "cảnh", "dự", "tình", "cáo", "loan", "họa", NULL};
        return p == SIZE_MAX || !in_set(r, p, end, not_cue);
    }
    bool initial = true;
    for (size_t k = first; k < i; k++)
        if (S(r, k)->kind != PACT_SYL_PUNCT) initial = false;
    if (initial) return false; /* "Tin tức mới nhất ...": every sentence starts with a capital */
    for (size_t k = i; k < i + len; k++)
        if (S(r, k)->kind == PACT_SYL_WORD && !(S(r, k)->flags & PACT_SYLF_CAP)) return false;
    if (p != SIZE_MAX && cap_word(r, p, end)) return false; /* "Nguyễn Thanh Niên", "Quân Đội Nhân Dân" */
    return true;
}

/* Country forms that are also pronouns: at the start of a sentence they are
 * capitalised either way ("Anh cho biết ..." is "he said" as often as "Britain said"). */
static const char *const pronoun_forms[] = {"anh", NULL};
/* What a person does and a state hardly: said, thought, felt, asked ... */
static const char *const personal_verbs[] = {"cho", "nói", "kể", "nghĩ", "thấy", "cảm", "tin", "hy", "hi",
                                             "biết", "nhớ", "chia", "thừa", "hỏi", "trả", "tâm",
                                             "bày", "là", "thích", "yêu", "sinh", "năm", "bảo", "đáp",
                                             "xin", "ơi", "có", "đi", "về", "ở", "sống", "học", "làm",
                                             "vui", "buồn", "lo", "mong", "thổ", "nhận", "kể", "ngồi", NULL};
static const char *const adverbs[] = {"cũng", "đã", "sẽ", "đang", "vẫn", "còn", "chỉ", "mới", "vừa", "từng",
                                      "không", "chưa", "chẳng", "thì", "lại", "liền", "bèn", "rất", "luôn",
                                      "thường", "lúc", "đó", "này", "ạ", NULL};

static const char *const modals[] = {"cần", "phải", "nên", "định", "sắp", "muốn", NULL};

enum { REJECT, ACCEPT, TENTATIVE };

static int accept(const rctx *r, size_t first, size_t end, size_t i, size_t len, const pact_lex_sense *se) {
    const pact_lex_entry *e = se->entry;
    const pact_syl *s = S(r, i);
    if (se->flags & PACT_LEXF_SURNAME) return REJECT; /* read after titles and honorifics only */
    if (e->kind == PACT_LEX_STOP || e->kind == PACT_LEX_TITLE) return ACCEPT;
    if ((se->flags & PACT_LEXF_CAP) && !(s->flags & PACT_SYLF_CAP)) return REJECT;
    if ((se->flags & PACT_LEXF_UPPER) && !(s->flags & PACT_SYLF_UPPER)) return REJECT;
    if ((se->flags & PACT_LEXF_AMBIGUOUS) && e->kind != PACT_LEX_COUNTRY)
        return ambiguous_name_ok(r, first, end, i, len) ? ACCEPT : REJECT;
    bool single = len == 1 && e->kind == PACT_LEX_COUNTRY;
    if (!single) return ACCEPT;
    bool titled = prev_is_title(r, i);
    size_t p = i > first ? i - 1 : SIZE_MAX, q = i + len;
    /* a kin word before it: "chị Anh", "ông Nam" */
    if (p != SIZE_MAX && in_set(r, p, end, kin) && !titled) return REJECT;
    /* a pronoun after it: "Anh ấy" */
    if (in_set(r, q, end, pronoun_after)) return REJECT;
    /* "Anh nói" is someone speaking; "Australia nói", "Nga nói" are states */
    if ((se->flags & PACT_LEXF_AMBIGUOUS) && is(r, q, end, "nói") && !titled) return REJECT;
    /* in a compound of countries it is one: "Trung - Mỹ", "Thượng đỉnh Mỹ - Triều" */
    bool before = p != SIZE_MAX && is(r, p, end, "-") && p > first && cap_word(r, p - 1, end);
    bool after = is(r, q, end, "-") && cap_word(r, q + 1, end);
    if (before || after) return ACCEPT;
    /* "Nam", "Trung" ... read as countries only in compounds */
    if (in_set(r, i, end, directions) || (se->flags & PACT_LEXF_COMPOUND)) return REJECT;
    /* part of a person's name: "Nguyễn Văn Anh", "Anh Tuấn" */
    if (!titled && p != SIZE_MAX && !r->covered[p] && cap_word(r, p, end) && in_set(r, p, end, vn_name_syllables))
        return REJECT;
    if (!titled && cap_word(r, q, end) && !starts_hit(r, q, end)) return REJECT;
    if ((se->flags & PACT_LEXF_AMBIGUOUS) && in_set(r, i, end, pronoun_forms)) {
        bool initial = true;
        for (size_t k = first; k < i; k++)
            if (S(r, k)->kind != PACT_SYL_PUNCT) initial = false;
        /* in a list of countries: "Anh và Australia", "Anh, Pháp và Đức" */
        bool listed = (is(r, q, end, ",") || is(r, q, end, "và") || is(r, q, end, "cùng") || is(r, q, end, "/")) &&
                      starts_country(r, q + 1, end);
        if (initial && !listed) return TENTATIVE;
    }
    return ACCEPT;
}

static const char *actor_of_place(const pact_lex_entry *e) {
    static const char *const acting[] = {"capital", "seat", "ministry", "force", NULL};
    if (!e->type || !e->country) return NULL;
    for (int k = 0; acting[k]; k++)
        if (strcmp(e->type, acting[k]) == 0) return e->country;
    return NULL;
}

void pact__mention_fill(mention *m, const pact_lex_entry *e) {
    m->id = e->id;
    switch (e->kind) {
    case PACT_LEX_COUNTRY:
        m->kind = PACT_ENT_COUNTRY;
        m->actor = e->id;
        break;
    case PACT_LEX_ORG:
        m->kind = PACT_ENT_ORG;
        m->actor = e->id;
        /* research institutes are cited like the press: a source, never an actor;
         * firms are no actor either and have no kind of their own: recognised, so
         * their words read as nothing else, but not reported */
        if (e->type && strcmp(e->type, "think-tank") == 0) {
            m->kind = PACT_ENT_MEDIA;
            m->actor = NULL;
        } else if (e->type && strcmp(e->type, "company") == 0) {
            m->kind = PACT_ENT_MEDIA;
            m->actor = NULL;
            m->dropped = true;
        }
        break;
    case PACT_LEX_PERSON:
        m->kind = PACT_ENT_PERSON;
        m->name = e->name;
        m->country = e->country;
        m->actor = e->country;
        break;
    case PACT_LEX_PLACE:
        m->kind = PACT_ENT_PLACE;
        m->country = e->country;
        m->actor = actor_of_place(e);
        /* a ministry or a force acts as its country: the scorer and the coder see the country */
        if (m->actor && e->type && (strcmp(e->type, "ministry") == 0 || strcmp(e->type, "force") == 0) &&
            strlen(m->actor) == 3) {
            m->kind = PACT_ENT_COUNTRY;
            m->id = m->actor;
            m->country = NULL;
        }
        break;
    default:
        m->kind = PACT_ENT_MEDIA;
        break;
    }
}

/* The country whose name lies inside syllables (a, b) ("Văn phòng Tổng thống
 * Ukraine", "Thủ tướng Đức"): its entry, and its range in *ca, *cb. */
static const pact_lex_entry *country_inside(const rctx *r, size_t a, size_t b, bool ambiguous_ok, size_t *ca,
                                            size_t *cb) {
    for (size_t j = a + 1; j < b; j++) {
        pact_lex_hit hits[MAX_HITS];
        size_t nh = pact_lexicon_match(r->lex, r->syls + j, b - j, r->fold.ptr, hits, MAX_HITS);
        for (size_t h = 0; h < nh; h++)
            for (size_t k = 0; k < hits[h].nsenses; k++) {
                unsigned fl = hits[h].senses[k].flags;
                if (hits[h].senses[k].entry->kind != PACT_LEX_COUNTRY || (fl & PACT_LEXF_SURNAME) ||
                    ((fl & PACT_LEXF_AMBIGUOUS) && !ambiguous_ok) || (fl & PACT_LEXF_COMPOUND))
                    continue;
                *ca = j;
                *cb = j + hits[h].len;
                return hits[h].senses[k].entry;
            }
    }
    return NULL;
}

static bool names_country_inside(const rctx *r, size_t a, size_t b) {
    size_t ca, cb;
    return country_inside(r, a, b, false, &ca, &cb) != NULL;
}

/* The organisation or the acting body a title ends with ("Chủ tịch Ủy ban châu
 * Âu", "Chủ tịch Duma Quốc gia"): its entry, its start in *ca; NULL when none. */
static const pact_lex_entry *body_ending(const rctx *r, size_t a, size_t b, size_t *ca) {
    for (size_t j = a + 1; j < b; j++) {
        pact_lex_hit hits[MAX_HITS];
        size_t nh = pact_lexicon_match(r->lex, r->syls + j, b - j, r->fold.ptr, hits, MAX_HITS);
        if (!nh || j + hits[0].len != b) continue;
        for (size_t k = 0; k < hits[0].nsenses; k++) {
            const pact_lex_entry *e = hits[0].senses[k].entry;
            if (hits[0].senses[k].flags & (PACT_LEXF_SURNAME | PACT_LEXF_AMBIGUOUS)) continue;
            bool acts = (e->kind == PACT_LEX_ORG && (!e->type || (strcmp(e->type, "think-tank") != 0 &&
                                                                  strcmp(e->type, "company") != 0))) ||
                        (e->kind == PACT_LEX_PLACE && actor_of_place(e));
            if (!acts) continue;
            *ca = j;
            return e;
        }
    }
    return NULL;
}

/* The countries an organisation's name holds ("Quan hệ Đối tác Mekong - Mỹ",
 * "Hội đồng NATO - Ukraine", "Nhóm Liên lạc Quốc phòng Ukraine"): the text names
 * them too. They lie inside the organisation's mention, so the coder, which
 * keeps the longest mention, still reads the organisation as the actor. */
static void countries_in_org(rctx *r, size_t si, size_t a, size_t b) {
    for (size_t j = a + 1; j < b;) {
        pact_lex_hit hits[MAX_HITS];
        size_t nh = S(r, j)->kind == PACT_SYL_WORD
                        ? pact_lexicon_match(r->lex, r->syls + j, b - j, r->fold.ptr, hits, MAX_HITS)
                        : 0;
        if (!nh) {
            j++;
            continue;
        }
        /* the longest form here decides: "Ấn Độ Dương" is an ocean, not India */
        const pact_lex_entry *ce = NULL;
        for (size_t k = 0; k < hits[0].nsenses && !ce; k++) {
            const pact_lex_sense *se = &hits[0].senses[k];
            if (se->entry->kind != PACT_LEX_COUNTRY || (se->flags & (PACT_LEXF_SURNAME | PACT_LEXF_COMPOUND)))
                continue;
            if ((se->flags & (PACT_LEXF_CAP | PACT_LEXF_AMBIGUOUS)) && !(S(r, j)->flags & PACT_SYLF_CAP)) continue;
            if ((se->flags & PACT_LEXF_UPPER) && !(S(r, j)->flags & PACT_SYLF_UPPER)) continue;
            ce = se->entry;
        }
        if (ce) {
            mention *c = pact__mention_add(r);
            c->sent = si;
            c->a = j;
            c->b = j + hits[0].len;
            c->mk = MK_ENTITY;
            pact__mention_fill(c, ce);
        }
        /* past a country or a place; into a shorter form of the organisation ("Đối tác Mekong - Mỹ") */
        bool place = false;
        for (size_t k = 0; k < hits[0].nsenses; k++)
            if (hits[0].senses[k].entry->kind == PACT_LEX_PLACE) place = true;
        j += ce || place ? hits[0].len : 1;
    }
}

/* ---- step 1: lexicon matches ---- */

static void match_sentence(rctx *r, size_t si) {
    size_t first = r->sfirst[si], end = first + r->sn[si];
    for (size_t i = first; i < end;) {
        if (S(r, i)->kind != PACT_SYL_WORD) {
            i++;
            continue;
        }
        /* nor start inside a word: "AUKUS" in the class name "SSN-AUKUS" (but "Mỹ-Nhật",
         * "Kim-Putin" are two names) */
        if (i >= first + 2 && is(r, i - 1, end, "-") && S(r, i - 1)->end == S(r, i)->start &&
            S(r, i - 2)->end == S(r, i - 1)->start && S(r, i - 2)->kind != PACT_SYL_PUNCT && !r->covered[i - 2] &&
            ((S(r, i - 2)->flags & PACT_SYLF_UPPER) || !(S(r, i - 2)->flags & PACT_SYLF_CAP))) {
            i++;
            continue;
        }
        pact_lex_hit hits[MAX_HITS];
        size_t nh = pact_lexicon_match(r->lex, r->syls + i, end - i, r->fold.ptr, hits, MAX_HITS);
        bool done = false;
        for (size_t h = 0; h < nh && !done; h++) {
            /* a form must end on a syllable boundary of the text: "Anh" in "Anh-đrây" is no match */
            size_t last = i + hits[h].len - 1;
            if (last + 1 < end && S(r, last)->kind == PACT_SYL_WORD && S(r, last)->end == S(r, last + 1)->start &&
                is(r, last + 1, end, "-") && last + 2 < end && S(r, last + 1)->end == S(r, last + 2)->start &&
                S(r, last + 2)->kind == PACT_SYL_WORD && !(S(r, last + 2)->flags & PACT_SYLF_CAP))
                continue;
            for (size_t k = 0; k < hits[h].nsenses; k++) {
                const pact_lex_sense *se = &hits[h].senses[k];
                int verdict = accept(r, first, end, i, hits[h].len, se);
                if (verdict == REJECT) continue;
                size_t b = i + hits[h].len;
                if (se->entry->kind != PACT_LEX_STOP) {
                    mention *m = pact__mention_add(r);
                    size_t mi = r->nm - 1;
                    m->sent = si;
                    m->a = i;
                    m->b = b;
                    m->tentative = verdict == TENTATIVE;
                    if (i > first && in_set(r, i - 1, end, former_words)) m->former = true;
                    if (se->entry->kind == PACT_LEX_TITLE) {
                        r->title_end[b] = 1;
                        m->mk = MK_TITLE;
                        m->office = se->entry->id;
                        m->tsenses = hits[h].senses;
                        m->ntsenses = hits[h].nsenses;
                        size_t ca, cb;
                        const pact_lex_entry *ce = country_inside(r, i, b, true, &ca, &cb);
                        if (!ce) ce = body_ending(r, i, b, &ca), cb = b;
                        if (ce) {
                            mention *c = pact__mention_add(r); /* may move r->m: m is not used after this */
                            c->sent = si;
                            c->a = ca;
                            c->b = cb;
                            c->mk = MK_ENTITY;
                            pact__mention_fill(c, ce);
                            r->m[mi].inner_country = c->actor;
                        }
                    } else {
                        m->mk = MK_ENTITY;
                        pact__mention_fill(m, se->entry);
                        if (m->kind == PACT_ENT_PLACE && m->actor && strlen(m->actor) == 3 &&
                            names_country_inside(r, i, b))
                            m->kind = PACT_ENT_COUNTRY, m->id = m->actor, m->country = NULL;
                        if (se->entry->kind == PACT_LEX_ORG && m->kind == PACT_ENT_ORG && b - i > 1)
                            countries_in_org(r, si, i, b); /* may move r->m */
                    }
                    (void)mi;
                }
                cover(r, i, b); /* a stop phrase too: "tiếng Anh" is no short name either */
                i = b;
                done = true;
                break;
            }
        }
        if (!done) i++;
    }
}

/* ---- names the lexicon does not know ---- */



const char *pact__mention_text(const rctx *r, size_t si, size_t a, size_t b) {
    const pact_sent *s = &r->a->sents[si];
    const char *t = r->a->paras[s->para].text;
    return pact_arena_strndup(r->a->arena, t + S(r, a)->start, S(r, b - 1)->end - S(r, a)->start);
}



static int cmp_mention(const void *x, const void *y) {
    const mention *p = x, *q = y;
    if (p->a != q->a) return p->a < q->a ? -1 : 1;
    return 0;
}













/* Whether the name before an acronym at i is a treaty, a law, a plan or a
 * system rather than a body ("Công ước Liên Hợp Quốc về Luật Biển (UNCLOS)",
 * "Sáng kiến An ninh Toàn cầu (GSI)"): its first capitalised head word decides. */
static bool names_document(const rctx *r, size_t lo, size_t i, size_t end) {
    static const char *const docs[][2] = {
        {"công", "ước"}, {"hiệp", "ước"}, {"hiệp", "định"}, {"tuyên", "bố"}, {"quy", "tắc"}, {"nghị", "quyết"},
        {"thỏa", "thuận"}, {"thoả", "thuận"}, {"hiến", "chương"}, {"đạo", "luật"}, {"dự", "luật"}, {"luật", NULL},
        {"chương", "trình"}, {"kế", "hoạch"}, {"chiến", "lược"}, {"hệ", "thống"}, {"sáng", "kiến"}, {"tên", "lửa"},
        {"chiến", "dịch"}, {"cuộc", NULL}, {"tập", "trận"}, {"dự", "án"}, {"khuôn", "khổ"}, {"học", "thuyết"}};
    static const char *const heads[] = {"ủy", "uỷ", "hội", "ban", "nhóm", "cơ", "đối", "diễn", "quỹ", "tổ",
                                        "liên", "hiệp", "quan", "lực", "quân", "bộ", "viện", "trung", NULL};
    /* the name: the words before the bracket back to punctuation */
    size_t a = i - 1;
    while (a > lo && S(r, a - 1)->kind != PACT_SYL_PUNCT) a--;
    for (size_t k = a; k + 1 < i; k++) {
        if (!cap_word(r, k, end)) continue;
        for (size_t d = 0; d < sizeof docs / sizeof *docs; d++)
            if (is(r, k, end, docs[d][0]) && (!docs[d][1] || is(r, k + 1, end, docs[d][1]))) return true;
        if (in_set(r, k, end, heads)) return false;
    }
    return false;
}

/* "... được gọi là DSTEC", "Ủy ban Hợp tác Kỹ thuật (DSTEC)": an acronym the text defines. */
static void acronyms(rctx *r) {
    static const char *const bodies[] = {"ủy", "uỷ", "hội", "ban", "nhóm", "cơ", "đối", "diễn",
                                         "quỹ", "tổ", "liên", "hiệp", "quan", "sáng", NULL};
    static const char *const calls[] = {"gọi", "tắt", "tên", "hiệu", NULL};
    for (size_t si = 0; si < r->a->nsents; si++) {
        size_t first = r->sfirst[si], end = first + r->sn[si];
        for (size_t i = first + 1; i < end; i++) {
            const pact_syl *s = S(r, i);
            if (r->covered[i] || s->kind != PACT_SYL_WORD || !(s->flags & PACT_SYLF_UPPER) || s->nfold < 3)
                continue;
            bool called = is(r, i - 1, end, "là") && i >= first + 2 &&
                          (in_set(r, i - 2, end, calls) || (i >= first + 3 && in_set(r, i - 3, end, calls)));
            bool bracket = is(r, i - 1, end, "(") && is(r, i + 1, end, ")");
            if (!called && !bracket) continue;
            /* a body word among the few syllables before */
            bool body = false;
            const char *country = NULL;
            size_t lo = i > first + 12 ? i - 12 : first;
            for (size_t k = lo; k + 1 < i; k++) {
                if (in_set(r, k, end, bodies) && S(r, k)->kind == PACT_SYL_WORD) body = true;
            }
            for (size_t q = 0; q < r->nm; q++)
                if (r->m[q].sent == si && r->m[q].a >= lo && r->m[q].b <= i && r->m[q].mk == MK_ENTITY &&
                    r->m[q].kind == PACT_ENT_COUNTRY)
                    country = r->m[q].id;
            if (!body && !country) continue;
            if (names_document(r, lo, i, end)) continue;
            if (r->nacr == sizeof r->acr / sizeof *r->acr) return;
            r->acr[r->nacr].key = r->fold.ptr + s->fold; /* valid: fold is not appended to after scanning */
            r->acr[r->nacr].klen = s->nfold;
            r->acr[r->nacr].id = pact__mention_text(r, si, i, i + 1);
            r->acr[r->nacr].country = country;
            r->nacr++;
        }
    }
    if (!r->nacr) return;
    for (size_t si = 0; si < r->a->nsents; si++) {
        size_t first = r->sfirst[si], end = first + r->sn[si];
        for (size_t i = first; i < end; i++) {
            const pact_syl *s = S(r, i);
            if (r->covered[i] || !(s->flags & PACT_SYLF_UPPER)) continue;
            for (size_t k = 0; k < r->nacr; k++) {
                if (r->acr[k].klen != s->nfold || memcmp(r->acr[k].key, r->fold.ptr + s->fold, s->nfold) != 0)
                    continue;
                mention *m = pact__mention_add(r);
                m->sent = si;
                m->a = i;
                m->b = i + 1;
                m->mk = MK_ENTITY;
                m->id = r->acr[k].id;
                if (r->acr[k].country) { /* a force or agency of a country: "Lực lượng Phòng vệ Nhật Bản (SDF)" */
                    m->kind = PACT_ENT_PLACE;
                    m->country = m->actor = r->acr[k].country;
                } else {
                    m->kind = PACT_ENT_ORG;
                    m->actor = m->id;
                }
                cover(r, i, i + 1);
                break;
            }
        }
    }
}

/* "Lực lượng Vũ trang Philippines (AFP)": an acronym in brackets right after a
 * name the text gives it; when the lexicon reads the acronym as something else
 * (the news agency AFP), the text's own definition holds for the whole article. */
static void bracket_aliases(rctx *r) {
    for (size_t k = 0; k < r->nm; k++) {
        const mention *m2 = &r->m[k];
        if (m2->mk != MK_ENTITY || m2->b != m2->a + 1 || !(S(r, m2->a)->flags & PACT_SYLF_UPPER)) continue;
        if (m2->kind != PACT_ENT_MEDIA && m2->kind != PACT_ENT_ORG) continue;
        size_t si = m2->sent, first = r->sfirst[si], end = first + r->sn[si];
        if (m2->a < first + 2 || !is(r, m2->a - 1, end, "(") || !is(r, m2->b, end, ")")) continue;
        const mention *m1 = NULL;
        for (size_t q = 0; q < r->nm; q++)
            if (r->m[q].mk == MK_ENTITY && !r->m[q].dropped && r->m[q].sent == si && r->m[q].b == m2->a - 1 &&
                r->m[q].b - r->m[q].a > 1 && (r->m[q].kind == PACT_ENT_COUNTRY || r->m[q].kind == PACT_ENT_ORG))
                m1 = &r->m[q];
        if (!m1 || strcmp(m1->id, m2->id) == 0) continue;
        /* a body (a force, a ministry, an organisation), not a country's bare name:
         * "truyền thông Triều Tiên (KCNA)" does not make KCNA North Korea */
        if (m1->kind == PACT_ENT_COUNTRY) {
            pact_lex_hit hits[MAX_HITS];
            size_t nh = pact_lexicon_match(r->lex, r->syls + m1->a, m1->b - m1->a, r->fold.ptr, hits, MAX_HITS);
            bool bare = false;
            for (size_t h = 0; h < nh; h++)
                if (hits[h].len == m1->b - m1->a)
                    for (size_t q = 0; q < hits[h].nsenses; q++)
                        if (hits[h].senses[q].entry->kind == PACT_LEX_COUNTRY) bare = true;
            if (bare) continue;
        }
        mention def = *m1;
        const char *old_id = m2->id;
        const char *key = r->fold.ptr + S(r, m2->a)->fold;
        size_t klen = S(r, m2->a)->nfold;
        for (size_t q = 0; q < r->nm; q++) {
            mention *m = &r->m[q];
            if (m->mk != MK_ENTITY || m->b != m->a + 1 || strcmp(m->id, old_id) != 0 ||
                S(r, m->a)->nfold != klen || memcmp(r->fold.ptr + S(r, m->a)->fold, key, klen) != 0)
                continue;
            m->kind = def.kind;
            m->id = def.id;
            m->name = def.name;
            m->country = def.country;
            m->actor = def.actor;
        }
    }
}

/* ---- the page's date against the named office-holders ---- */



/* ---- titles with no name: the office-holder on the date ---- */


/* ---- sentence-initial pronoun forms ---- */

/* A sentence-initial "Anh" stays the United Kingdom when the article names it
 * otherwise too (a country, a capital, a person of it), or when what follows is
 * no verb of a person ("Anh sẽ cử thêm quân"); "Anh cho biết sẽ không tham dự"
 * alone is someone speaking. */
static void settle_tentative(rctx *r) {
    for (size_t k = 0; k < r->nm; k++) {
        mention *m = &r->m[k];
        if (!m->tentative || m->dropped) continue;
        m->tentative = false;
        bool confirmed = false;
        for (size_t q = 0; q < r->nm && !confirmed; q++) {
            const mention *o = &r->m[q];
            if (q == k || o->mk != MK_ENTITY || o->dropped || o->tentative) continue;
            if ((o->id && strcmp(o->id, m->id) == 0) || (o->actor && strcmp(o->actor, m->id) == 0) ||
                (o->country && strcmp(o->country, m->id) == 0))
                confirmed = true;
        }
        if (confirmed) continue;
        size_t end = r->sfirst[m->sent] + r->sn[m->sent], j = m->b;
        for (;;) { /* past adverbs and modals: "Anh cũng có thể cung cấp ..." */
            if (j < end && in_set(r, j, end, adverbs)) j++;
            else if ((is(r, j, end, "có") && is(r, j + 1, end, "thể")) ||
                     (is(r, j, end, "dự") && (is(r, j + 1, end, "kiến") || is(r, j + 1, end, "định"))))
                j += 2;
            else if (in_set(r, j, end, modals)) j++;
            else break;
        }
        if (j >= end || in_set(r, j, end, personal_verbs) || is(r, j, end, ",") || is(r, j, end, ":"))
            m->dropped = true;
    }
}

/* ---- the driver ---- */

void pact__entities_recognize(pact_article_ctx *a) {
    if (!a->ex || !a->ex->lex || !a->nsents) return;
    rctx r;
    memset(&r, 0, sizeof r);
    r.a = a;
    r.lex = a->ex->lex;
    pact_buf_init(&r.fold, 0);
    r.sfirst = pact__xcalloc(a->nsents + 1, sizeof *r.sfirst);
    r.sn = pact__xcalloc(a->nsents + 1, sizeof *r.sn);
    for (size_t si = 0; si < a->nsents; si++) {
        const pact_sent *s = &a->sents[si];
        r.sfirst[si] = r.nsyls;
        r.nsyls = pact_lex_scan(a->paras[s->para].text, s->start, s->end, &r.fold, &r.syls, r.nsyls, &r.sylcap);
        r.sn[si] = r.nsyls - r.sfirst[si];
    }
    r.sfirst[a->nsents] = r.nsyls;
    r.covered = pact__xcalloc(r.nsyls + 1, 1);
    r.title_end = pact__xcalloc(r.nsyls + 1, 1);
    r.ent_at = pact__xcalloc(r.nsyls + 1, sizeof *r.ent_at);

    for (size_t si = 0; si < a->nsents; si++) match_sentence(&r, si);
    bracket_aliases(&r);
    pact__names_after_titles(&r);
    pact__names_after_honorifics(&r);
    acronyms(&r);
    if (r.nm) qsort(r.m, r.nm, sizeof *r.m, cmp_mention);
    pact__names_short(&r);
    pact__names_single(&r);
    if (r.nm) qsort(r.m, r.nm, sizeof *r.m, cmp_mention);

    /* dates, read against the page's date unless the text rules it out */
    pact_date_ctx dc;
    pact__dates_ctx_init(&dc, a->page_date);
    pact__offices_check_page_date(&r, &dc);
    pact_date_mention buf[MAX_SENT_DATES];
    for (size_t si = 0; si < a->nsents; si++) {
        pact_sent *s = &a->sents[si];
        size_t nd = pact__dates_find(a->paras[s->para].text, r.syls + r.sfirst[si], r.sn[si],
                                     r.fold.ptr ? r.fold.ptr : "", &dc, buf, MAX_SENT_DATES);
        s->ndates = nd;
        s->dates = nd ? pact_arena_alloc(a->arena, nd * sizeof *s->dates) : NULL;
        if (nd) memcpy(s->dates, buf, nd * sizeof *buf);
        /* a date stated earlier in the paragraph still frames the sentences after it */
        if (nd) memcpy(s->date_context, buf[nd - 1].value, sizeof s->date_context);
        else if (si > 0 && a->sents[si - 1].para == s->para)
            memcpy(s->date_context, a->sents[si - 1].date_context, sizeof s->date_context);
        else
            s->date_context[0] = 0;
    }
    pact__mentions_reindex(&r);
    pact__offices_resolve(&r, &dc);
    if (r.nm) qsort(r.m, r.nm, sizeof *r.m, cmp_mention);
    pact__names_short(&r); /* again: "ông Kishida" after a title resolved to him */
    if (r.nm) qsort(r.m, r.nm, sizeof *r.m, cmp_mention);
    settle_tentative(&r);

    /* emit, sentence by sentence, in order */
    size_t k = 0;
    for (size_t si = 0; si < a->nsents; si++) {
        pact_sent *s = &a->sents[si];
        s->ent_first = a->rec->nentities;
        s->nents = 0;
        for (; k < r.nm && r.m[k].sent == si; k++) {
            const mention *m = &r.m[k];
            if (m->mk != MK_ENTITY || m->dropped) continue;
            pact_entity *e = pact__add_entity(a);
            e->kind = m->kind;
            e->id = m->id;
            e->name = m->name;
            e->country = m->country;
            e->actor = m->actor;
            e->para = s->para;
            e->nstart = S(&r, m->a)->start;
            e->nend = S(&r, m->b - 1)->end;
            e->text = pact_arena_strndup(a->arena, a->paras[s->para].text + e->nstart, e->nend - e->nstart);
            pact_span sp = pact__input_span(a, s->para, e->nstart, e->nend);
            e->start = sp.start;
            e->end = sp.end;
            s->nents++;
            /* a capital or seat that acts for its state (or organisation) names
             * that actor too: the same span again as the country or org. The
             * coder reads the place first and skips what it covers. */
            if (m->kind == PACT_ENT_PLACE && m->actor) {
                pact_entity *c = pact__add_entity(a);
                e = c - 1;
                *c = *e;
                c->kind = strlen(m->actor) == 3 ? PACT_ENT_COUNTRY : PACT_ENT_ORG;
                c->id = m->actor;
                c->name = NULL;
                c->country = NULL;
                s->nents++;
            }
        }
    }
    free(r.syls);
    free(r.sfirst);
    free(r.sn);
    free(r.covered);
    free(r.title_end);
    free(r.ent_at);
    free(r.m);
    pact_buf_free(&r.fold);
}
