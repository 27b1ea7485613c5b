/*
 * The flattened-text reader: a page as a scraper saved it as plain text, one
 * paragraph per line (blank lines between them or not), with the site's menus,
 * related-news lists, photo credits and comment forms left in.
 *
 * How it reads a page:
 *  1. Each non-blank line becomes a block; invalid UTF-8 is replaced (with a
 *     warning naming the offset) in an arena copy whose map leads back to the
 *     input bytes.
 *  2. Each line gets cues: known boilerplate phrases (list headers, comment
 *     forms, share widgets), datelines and timestamps, breadcrumbs, photo
 *     markers and credits, captions, a headline glued twice or printed twice.
 *     What is left is prose (long, ends like a sentence), a headline (shorter,
 *     no closing full stop) or a short scrap.
 *  3. Headlines cut the page into segments: a headline and the lines up to the
 *     next one. An article is a headline followed by a run of prose; further
 *     segments with at least two prose lines are its sub-headings. A list of
 *     other stories alternates headline and one teaser, so it never builds a
 *     run; list headers ("Tin liên quan", ...) and comment forms end the article.
 *  4. A headline inside an article starts a new article only with evidence of
 *     being one: a photo marker repeating it ("<title> - Hình 1"), a dateline
 *     of its own, the page furniture printed around the first title printed
 *     again around it ("Theo dõi <site> trên"), or a paragraph under it that
 *     opens as a lead does (an agency in brackets, or the first lead's own
 *     opening: a site prefix, a full date).
 *  5. Prose before any headline at the top of the page is an article without
 *     a title. A page too short for a run (a headline over one paragraph or a
 *     few, or prose alone) gives one article when nothing else was found and
 *     exactly one segment holds prose that is no list item's teaser: lists
 *     of other stories repeat the headline-and-teaser shape, or mark their
 *     items (timestamps, headlines printed twice); site footers (copyright,
 *     imprint) end the text.
 */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "page/internal.h"

/* Line classes. */
enum { C_SCRAP, C_HEAD, C_PROSE };

/* Cues (bit flags). */
enum {
    F_SECTION = 1u << 0,   /* a list header: ends the article */
    F_ENDFORM = 1u << 1,   /* a comment or newsletter form: ends the article */
    F_INLINE = 1u << 2,    /* a widget or teaser label inside the page */
    F_DATELINE = 1u << 3,  /* a dateline or timestamp line */
    F_CRUMB = 1u << 4,     /* a breadcrumb glued into one line */
    F_CREDIT = 1u << 5,    /* photo credit, source line, byline */
    F_IMGMARK = 1u << 6,   /* "<headline> - Hình 1", "- Ảnh 2." */
    F_CAPTION = 1u << 7,   /* a photo caption */
    F_GLUED = 1u << 8,     /* a headline glued twice on one line */
    F_DUP = 1u << 9,       /* same text as the next or previous line */
    F_CUT = 1u << 10,      /* a teaser cut with "..." */
    F_REPEATED = 1u << 11, /* the same text elsewhere on the page, not adjacent */
    F_TOOLONG = 1u << 12,  /* over PACT_MAX_LINE_BYTES: not read */
    F_SENTEND = 1u << 13,  /* ends like a sentence */
    F_RELATED = 1u << 14,  /* "Xem thêm: ..." link */
    F_QUESTION = 1u << 15, /* ends with a question mark */
};

/* Cues that make a line boilerplate whatever its shape. */
#define F_NOT_TEXT (F_SECTION | F_ENDFORM | F_INLINE | F_DATELINE | F_CRUMB | F_CREDIT | \
                    F_IMGMARK | F_CAPTION | F_TOOLONG | F_RELATED)

typedef struct {
    const char *text; /* trimmed, valid UTF-8 */
    size_t len;
    size_t start, end; /* the trimmed line in the input */
    pact_omap map;
    size_t words;
    unsigned flags;
    int cls;
    uint64_t hash;
    size_t base_len;   /* F_IMGMARK: length of the headline before the marker */
    uint64_t base_hash;
    int kind;          /* final pact_block_kind */
    int used;          /* taken by an article */
} fline;

typedef struct {
    long head;      /* index of the heading line, -1 for none */
    size_t first, last; /* lines [first, last] */
    size_t np;      /* prose lines */
    size_t pbytes;
    bool term;      /* starts with a list header or form */
    bool list_head; /* the heading is glued twice or cut */
    long date;      /* first dateline before the first prose line, -1 none */
} segment;

/* ---- text helpers ---- */

static uint64_t hash_bytes(const char *s, size_t n) {
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    return h ^ n;
}

/* Lower-cases the first bytes of s into out (NUL-terminated), folding runs of
 * spaces; returns its length. Only short lines are matched against phrases,
 * which list both tone-mark placements where a word has two ("hoá"/"hóa"). */
static size_t fold_lower(const char *s, size_t len, char *out, size_t cap) {
    size_t o = 0, i = 0;
    bool space = false;
    while (i < len && o + 5 < cap) {
        size_t adv = 1;
        int32_t cp = pact_utf8_decode(s + i, len - i, &adv);
        if (cp < 0) cp = PACT_REPLACEMENT;
        i += adv;
        if (cp == ' ' || cp == '\t' || cp == 0xA0) {
            space = true;
            continue;
        }
        if (space && o) out[o++] = ' ';
        space = false;
        o += pact_utf8_encode(utf8proc_tolower(cp), out + o);
    }
    out[o] = '\0';
    return o;
}

static bool starts_with(const char *s, const char *p) { return strncmp(s, p, strlen(p)) == 0; }

static bool ends_with(const char *s, size_t n, const char *p) {
    size_t k = strlen(p);
    return n >= k && memcmp(s + n - k, p, k) == 0;
}

/* Strips a trailing ':' and spaces for matching a header. */
static size_t strip_colon(char *s, size_t n) {
    while (n && (s[n - 1] == ':' || s[n - 1] == ' ')) s[--n] = '\0';
    return n;
}

static bool in_list(const char *s, const char *const *list) {
    for (size_t i = 0; list[i]; i++)
        if (strcmp(s, list[i]) == 0) return true;
    return false;
}

static bool prefix_in_list(const char *s, const char *const *list) {
    for (size_t i = 0; list[i]; i++)
        if (starts_with(s, list[i])) return true;
    return false;
}

/* ---- the phrases of page furniture (lower case, composed) ---- */

/* Headers of lists of other stories: what follows is not the article. */
static const char *const SECTION_HEADERS[] = {
    "tin liên quan", "tin bài liên quan", "bài liên quan", "bài viết liên quan",
    "tin mới nhất", "tin mới", "mới nhất", "tin mới cập nhật", "mới cập nhật",
    "cùng chủ đề", "tin cùng chủ đề", "bài viết cùng chủ đề", "cùng chuyên mục",
    "tin cùng chuyên mục", "bài cùng chuyên mục", "có thể bạn quan tâm",
    "bạn có thể quan tâm", "có thể bạn muốn xem", "tiêu điểm", "tin tiêu điểm",
    "bài đọc nhiều", "đọc nhiều", "đọc nhiều nhất", "tin đọc nhiều", "xem nhiều",
    "xem nhiều nhất", "tin xem nhiều", "tin đang nóng", "tin nóng", "tin nổi bật",
    "nổi bật", "cùng tác giả", "tin khác", "các tin khác", "tin tức khác",
    "bài viết khác", "các bài viết khác", "đừng bỏ lỡ", "dành cho bạn", "tin tài trợ",
    "video nổi bật", "chủ đề nóng", "sự kiện nổi bật", "tin 24h", "xem thêm",
    "đọc thêm", "tin cùng loại", "tin hay", "tin trong ngày", "tin ảnh", "xu hướng",
    "multimedia", "podcast", "emagazine", "infographic", "video", "tin video",
    "bình luận", "ý kiến bạn đọc", "ý kiến", "tags", "tag", "từ khóa", "từ khoá",
    "chủ đề", "sự kiện", NULL,
};

/* The start of comment, rating and newsletter forms. */
static const char *const FORM_PREFIXES[] = {
    "bạn thấy bài viết", "bài viết có hữu ích", "bạn thấy bài báo", "gửi bình luận",
    "viết bình luận", "bình luận (", "ý kiến (", "ý kiến của bạn", "bạn đọc bình luận",
    "tổng số bình luận", "đăng ký nhận tin", "đăng ký nhận bản tin", "đăng ký nhận email",
    "nhận tin mới", "đánh giá bài viết", "bình luận của bạn", "vui lòng nhập",
    "ý kiến bạn đọc (", NULL,
};

/* The site's footer: imprint and copyright lines, which read like sentences.
 * A body sentence may open with "Tổng biên tập" or "Địa chỉ", so the label
 * must be followed by a colon (or be a copyright notice). */
static const char *const FOOTER_LABELS[] = {
    "giấy phép", "tổng biên tập", "phó tổng biên tập", "chịu trách nhiệm", "cơ quan chủ quản",
    "địa chỉ", "điện thoại", "hotline", "liên hệ quảng cáo", "tòa soạn", "toà soạn", NULL,
};

static bool is_footer(const char *low) {
    if (strstr(low, "\xc2\xa9") || starts_with(low, "copyright") || starts_with(low, "bản quyền thuộc") ||
        strstr(low, "ghi rõ nguồn") || starts_with(low, "giấy phép số") || starts_with(low, "giấy phép hoạt động"))
        return true;
    for (size_t i = 0; FOOTER_LABELS[i]; i++) {
        size_t k = strlen(FOOTER_LABELS[i]);
        if (strncmp(low, FOOTER_LABELS[i], k) != 0) continue;
        const char *c = strchr(low + k, ':');
        if (c && c - (low + k) <= 30) return true;
    }
    return false;
}

/* Widgets and labels that sit inside or around an article (short lines). */
static const char *const INLINE_PHRASES[] = {
    "video đang hot", "quảng cáo", "advertisement", "chia sẻ", "share", "facebook",
    "twitter", "zalo", "email", "in bài", "lưu bài", "lưu", "nghe bài viết",
    "nghe bài", "đọc bài", "cỡ chữ", "copy link", "sao chép liên kết", "google news",
    "tải ứng dụng", "có", "có;", "không", "gửi", "hủy", "huỷ", "thích", "tweet",
    "print", "bấm để xem", "xem video", "theo dõi", "trở lại đầu trang", "lên đầu trang",
    "mục lục", "nội dung chính", "tóm tắt", "xem tiếp", "xem toàn bộ", "trang chủ",
    NULL,
};

/* Prefixes of a link to another story dropped into the body. */
static const char *const RELATED_PREFIXES[] = {
    "xem thêm:", "đọc thêm:", "tin liên quan:", "bài liên quan:", "xem tiếp:", ">>", "»",
    "► ", "tags:", "tag:", "từ khóa:", "từ khoá:", "chủ đề:", NULL,
};

/* Prefixes of photo credits, source lines and reporting credits. */
static const char *const CREDIT_PREFIXES[] = {
    "ảnh:", "ảnh :", "hình:", "hình ảnh:", "nguồn ảnh", "photo:", "ảnh minh họa",
    "ảnh minh hoạ", "(ảnh", "video:", "clip:", "đồ họa:", "đồ hoạ:", "nguồn:",
    "nguồn :", "theo:", "(theo ", "tác giả:", "bài và ảnh:", "chụp màn hình", NULL,
};

/* Inside a caption: who stands where, the photo's credit. */
static const char *const CAPTION_MARKS[] = {
    "ảnh:", "ảnh minh họa", "ảnh minh hoạ", "(ảnh:", "nguồn ảnh:", "photo:", "(trái)",
    "(phải)", "(giữa)", "(bên trái)", "(bên phải)", "(ở giữa)", "(thứ hai từ trái)",
    "(thứ hai từ phải)", "(thứ ba từ trái)", "(thứ ba từ phải)", "(hàng đầu", NULL,
};

/* ---- per-line cues ---- */

static bool is_space_byte(unsigned char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

static size_t count_words(const char *s, size_t n) {
    size_t w = 0;
    bool in = false;
    for (size_t i = 0; i < n; i++) {
        bool sp = is_space_byte((unsigned char)s[i]) ||
                  ((unsigned char)s[i] == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0);
        if (sp) {
            in = false;
            if ((unsigned char)s[i] == 0xC2) i++;
        } else if (!in) {
            in = true;
            w++;
        }
    }
    return w;
}

/* Length of s without closing quotes and brackets at its end. */
static size_t strip_closers(const char *s, size_t n) {
    for (;;) {
        if (n && (s[n - 1] == '"' || s[n - 1] == '\'' || s[n - 1] == ')' || s[n - 1] == ']' ||
                  s[n - 1] == ' ')) {
            n--;
        } else if (ends_with(s, n, "\xe2\x80\x9d") || ends_with(s, n, "\xe2\x80\x99")) {
            n -= 3;  /* ” ’ */
        } else if (ends_with(s, n, "\xc2\xbb")) {
            n -= 2;  /* » */
        } else {
            return n;
        }
    }
}

static bool ends_cut(const char *s, size_t n) {
    return ends_with(s, n, "...") || ends_with(s, n, "\xe2\x80\xa6");
}

/* A line that is the same text twice ("XX" or "X X"): a list item. */
static bool is_glued_twice(const char *s, size_t n) {
    if (n < 16) return false;
    if (n % 2 == 0 && memcmp(s, s + n / 2, n / 2) == 0) return true;
    if (n % 2 == 1 && s[n / 2] == ' ' && memcmp(s, s + n / 2 + 1, n / 2) == 0) return true;
    return false;
}

/* "<headline> - Hình 1", "<headline>- Ảnh 2.", "Ảnh 3": returns true and the
 * length of the headline before the marker. */
static bool image_marker(const char *s, size_t n, size_t *base) {
    size_t e = n;
    if (e && s[e - 1] == '.') e--;
    size_t d = e;
    while (d && s[d - 1] >= '0' && s[d - 1] <= '9') d--;
    if (d == e || e - d > 3) return false;
    while (d && s[d - 1] == ' ') d--;
    static const char *const words[] = {"H\xc3\xacnh", "h\xc3\xacnh", "\xe1\xba\xa2nh", "\xe1\xba\xa3nh",
                                        "Photo", "Video", NULL};
    size_t w = 0;
    for (size_t i = 0; words[i]; i++) {
        if (ends_with(s, d, words[i])) {
            w = strlen(words[i]);
            break;
        }
    }
    if (!w) return false;
    d -= w;
    if (d && s[d - 1] != ' ' && s[d - 1] != '-') return false;
    while (d && s[d - 1] == ' ') d--;
    if (d && s[d - 1] == '-') d--;
    else if (d >= 3 && ends_with(s, d, "\xe2\x80\x93")) d -= 3;  /* – */
    else if (d) return false;  /* "Ảnh 1" inside a sentence */
    while (d && s[d - 1] == ' ') d--;
    *base = d;
    return true;
}

/* Letters in a lower/upper case change inside a word ("chủNews", "giớiMỹ"). */
static size_t case_joins(const char *s, size_t n) {
    size_t joins = 0, i = 0;
    int prev = 0; /* 1 lower letter, 2 upper, 0 other */
    while (i < n) {
        size_t adv = 1;
        int32_t cp = pact_utf8_decode(s + i, n - i, &adv);
        i += adv;
        int cur = 0;
        if (cp > 0) {
            const utf8proc_property_t *p = utf8proc_get_property(cp);
            if (p->category == UTF8PROC_CATEGORY_LL) cur = 1;
            else if (p->category == UTF8PROC_CATEGORY_LU) cur = 2;
        }
        if (prev == 1 && cur == 2) joins++;
        prev = cur;
    }
    return joins;
}

/* All letters upper case, at least three of them ("CHỤP MÀN HÌNH REUTERS"). */
static bool all_caps(const char *s, size_t n) {
    size_t upper = 0, i = 0;
    while (i < n) {
        size_t adv = 1;
        int32_t cp = pact_utf8_decode(s + i, n - i, &adv);
        i += adv;
        if (cp <= 0) continue;
        const utf8proc_property_t *p = utf8proc_get_property(cp);
        if (p->category == UTF8PROC_CATEGORY_LL) return false;
        if (p->category == UTF8PROC_CATEGORY_LU) upper++;
    }
    return upper >= 3;
}

/* Words made only of letters (no digit), for telling a dateline from a sentence. */
static size_t letter_words(const char *s, size_t n) {
    size_t w = 0;
    bool in = false, digit = false;
    for (size_t i = 0; i <= n; i++) {
        bool sp = i == n || s[i] == ' ' || s[i] == '\t';
        if (sp) {
            if (in && !digit) w++;
            in = digit = false;
        } else {
            in = true;
            if (s[i] >= '0' && s[i] <= '9') digit = true;
        }
    }
    return w;
}

/* A breadcrumb trail without "Trang chủ": section names joined by ">", "|",
 * "/", "»" or "›" ("Thế giới | Quân sự | Phân tích", "Quốc tế > Châu Á"), each
 * piece a few words, no digit: three pieces, or two joined by an arrow. */
static bool is_crumb_trail(const char *s, size_t n) {
    static const char *const seps[] = {" > ", " | ", " / ", " \xc2\xbb ", " \xe2\x80\xba ", NULL};
    size_t pieces = 1, piece_words = 0;
    bool in = false, arrow = false; /* joined by an arrow, not a slash or bar */
    for (size_t i = 0; i < n;) {
        if (s[i] >= '0' && s[i] <= '9') return false;
        size_t k = 0;
        for (size_t j = 0; seps[j]; j++) {
            size_t m = strlen(seps[j]);
            if (i + m <= n && memcmp(s + i, seps[j], m) == 0) {
                k = m;
                break;
            }
        }
        if (k) {
            if (piece_words == 0) return false;
            if (s[i + 1] != '|' && s[i + 1] != '/') arrow = true;
            pieces++;
            piece_words = 0;
            in = false;
            i += k;
            continue;
        }
        if (s[i] == ' ') {
            in = false;
        } else if (!in) {
            in = true;
            if (++piece_words > 5) return false;
        }
        i++;
    }
    /* two pieces joined by a bar or slash may be a headline ("Nga / Ukraine ...") */
    return piece_words > 0 && (pieces >= 3 || (pieces == 2 && arrow));
}

static void classify_line(fline *l) {
    const char *s = l->text;
    size_t n = l->len;
    l->words = count_words(s, n);
    size_t core = strip_closers(s, n);
    char last = core ? s[core - 1] : 0;
    bool cut = ends_cut(s, core);
    if (cut || last == '.' || last == '!' || last == '?' || last == ':' || last == ';')
        l->flags |= F_SENTEND;
    if (cut) l->flags |= F_CUT;
    if (last == '?') l->flags |= F_QUESTION;
    if (is_glued_twice(s, n)) l->flags |= F_GLUED;
    size_t base;
    if (l->words <= 60 && image_marker(s, n, &base)) {
        l->flags |= F_IMGMARK;
        l->base_len = base;
        l->base_hash = hash_bytes(s, base);
    }

    char low[320];
    size_t ln = 0;
    if (l->words <= 80) ln = fold_lower(s, n < 300 ? n : 300, low, sizeof low);
    if (l->words <= 8) {
        char hdr[320];
        memcpy(hdr, low, ln + 1);
        strip_colon(hdr, ln);
        if (in_list(hdr, SECTION_HEADERS)) l->flags |= F_SECTION;
        else if (in_list(hdr, INLINE_PHRASES)) l->flags |= F_INLINE;
        /* "Theo dõi <site> trên" (Google News and the like) */
        if (starts_with(low, "theo dõi ") && (!(l->flags & F_SENTEND) || l->words <= 5))
            l->flags |= F_INLINE;
        if (starts_with(low, "trang chủ") && l->words <= 3) l->flags |= F_INLINE;
    }
    if (l->words <= 25 && prefix_in_list(low, FORM_PREFIXES)) l->flags |= F_ENDFORM;
    if (l->words <= 40 && ln && is_footer(low)) l->flags |= F_CREDIT;
    if (l->words <= 30 && prefix_in_list(low, RELATED_PREFIXES)) l->flags |= F_RELATED;
    if (l->words <= 14 && prefix_in_list(low, CREDIT_PREFIXES)) l->flags |= F_CREDIT;
    if (ln && (starts_with(low, "http://") || starts_with(low, "https://") || starts_with(low, "www.")) &&
        l->words <= 2)
        l->flags |= F_CREDIT;
    /* a short line of capitals: a credit or byline ("CHỤP MÀN HÌNH NIKKEI ASIA") */
    if (l->words <= 8 && !(l->flags & (F_SECTION | F_INLINE)) && all_caps(s, n)) l->flags |= F_CREDIT;
    /* a short reporting credit: "(Theo Reuters)", "Bảo Nghi (Lược dịch từ AP)" */
    if (l->words <= 10 && !(l->flags & F_SENTEND) && n && s[n - 1] == ')' &&
        (strstr(low, "(theo ") || strstr(low, "dịch từ") || strstr(low, "(tổng hợp")))
        l->flags |= F_CREDIT;
    if (l->words <= 80 && !(l->flags & F_CREDIT)) {
        for (size_t i = 0; CAPTION_MARKS[i]; i++)
            if (strstr(low, CAPTION_MARKS[i])) {
                l->flags |= F_CAPTION;
                break;
            }
        if (starts_with(low, "từ trái sang") || starts_with(low, "từ phải sang")) l->flags |= F_CAPTION;
    }
    /* breadcrumbs: "Trang chủNewsThế giới...", "Home > Thế giới > Châu Á" */
    if (l->words <= 25) {
        size_t joins = case_joins(s, n);
        bool home = starts_with(low, "trang chủ") || starts_with(low, "home");
        if ((home && (joins >= 1 || strstr(low, " > ") || strstr(low, " / ") || strstr(low, "»"))) ||
            (joins >= 3 && !(l->flags & F_GLUED)))
            l->flags |= F_CRUMB;
        if (!(l->flags & F_SENTEND) && is_crumb_trail(s, n)) l->flags |= F_CRUMB;
    }
    /* a dateline or timestamp: a date and little else */
    char date[11];
    if (l->words <= 14 && n <= 160 && !(last == '.' && letter_words(s, n) > 2) && letter_words(s, n) <= 8 &&
        pact__page_parse_dateline(s, n, date))
        l->flags |= F_DATELINE;

    if (l->flags & F_NOT_TEXT) {
        l->cls = C_SCRAP;
    } else if (l->flags & F_GLUED) {
        l->cls = C_HEAD;  /* a list's headline, however long */
    } else if ((l->words >= 6 && (l->flags & F_SENTEND) && !((last == '?' || last == '!') && l->words <= 30) &&
                !(cut && l->words <= 35)) ||
               l->words > 35) {
        l->cls = C_PROSE;
    } else if (l->words >= 4) {
        l->cls = C_HEAD;
    } else {
        l->cls = C_SCRAP;
    }
}

/* ---- building blocks ---- */

static size_t trim_left(const char *d, size_t s, size_t e) {
    while (s < e) {
        unsigned char c = (unsigned char)d[s];
        if (is_space_byte(c)) s++;
        else if (c == 0xC2 && s + 1 < e && (unsigned char)d[s + 1] == 0xA0) s += 2;
        else if (c == 0xEF && s + 2 < e && (unsigned char)d[s + 1] == 0xBB && (unsigned char)d[s + 2] == 0xBF)
            s += 3;  /* byte order mark */
        else break;
    }
    return s;
}

static size_t trim_right(const char *d, size_t s, size_t e) {
    while (e > s) {
        unsigned char c = (unsigned char)d[e - 1];
        if (is_space_byte(c)) e--;
        else if (c == 0xA0 && e - 1 > s && (unsigned char)d[e - 2] == 0xC2) e -= 2;
        else break;
    }
    return e;
}

/* Trims a map's array to its segments: a page of many lines keeps one map
 * per line, most of a single segment. */
static void tight_map(pact_omap *m) {
    if (m->cap <= m->n || !m->n) return;
    m->seg = pact__xrealloc(m->seg, m->n * sizeof *m->seg);
    m->cap = m->n;
}

/* Splits the input into trimmed non-blank lines with valid UTF-8 text, in a
 * heap array (the caller frees it: only the blocks outlive the reading). */
static size_t read_lines(pact_page *page, fline **out, pact_diag *d) {
    const char *data = page->data;
    size_t len = page->len, cap = 0, n = 0;
    fline *lines = NULL;
    bool all_valid = pact_utf8_valid(data, len);
    for (size_t s = 0; s < len;) {
        const char *nl = memchr(data + s, '\n', len - s);
        size_t e = nl ? (size_t)(nl - data) : len;
        size_t ts = trim_left(data, s, e), te = trim_right(data, ts, e);
        if (te > ts) {
            if (n == cap) {
                cap = cap ? cap + cap / 2 : 256;
                lines = pact__xrealloc(lines, cap * sizeof *lines);
            }
            fline *l = &lines[n++];
            memset(l, 0, sizeof *l);
            l->start = ts;
            l->end = te;
            pact_omap_init(&l->map);
            if (te - ts > PACT_MAX_LINE_BYTES) {
                pact_warn(d, ts, "line of %zu bytes is longer than the limit (%zu): skipped", te - ts,
                          (size_t)PACT_MAX_LINE_BYTES);
                l->flags = F_TOOLONG;
                l->text = "";
                l->len = 0;
            } else if (all_valid || pact_utf8_valid(data + ts, te - ts)) {
                l->text = data + ts;
                l->len = te - ts;
                /* the identity from ts: one segment, allocated as such */
                l->map.seg = pact__xmalloc(sizeof *l->map.seg);
                l->map.cap = 1;
                pact_omap_push(&l->map, 0, l->len, ts, l->len);
            } else {
                pact_buf b;
                pact_buf_init(&b, 0);
                (void)pact_utf8_sanitize(data + ts, te - ts, ts, &b, &l->map, d);
                l->text = pact_arena_strndup(page->arena, b.ptr ? b.ptr : "", b.len);
                l->len = b.len;
                pact_buf_free(&b);
                tight_map(&l->map);
            }
            l->hash = hash_bytes(l->text, l->len);
        }
        s = e + 1;
    }
    *out = lines;
    return n;
}

/* ---- repeated text, through a small open-addressing table of hashes ---- */

typedef struct {
    uint64_t *keys;
    uint32_t *count;
    size_t mask;
} hset;

static void hset_init(hset *h, size_t n) {
    size_t cap = 64;
    while (cap < n * 2 + 2) cap *= 2;
    h->keys = pact__xcalloc(cap, sizeof *h->keys);
    h->count = pact__xcalloc(cap, sizeof *h->count);
    h->mask = cap - 1;
}

static void hset_free(hset *h) {
    free(h->keys);
    free(h->count);
}

static uint32_t *hset_slot(hset *h, uint64_t k) {
    if (!k) k = 1;
    size_t i = (size_t)k & h->mask;
    while (h->keys[i] && h->keys[i] != k) i = (i + 1) & h->mask;
    h->keys[i] = k;
    return &h->count[i];
}

/* ---- segments and articles ---- */

static bool is_heading(const fline *l) { return l->cls == C_HEAD; }

static bool is_terminator(const fline *l) { return (l->flags & (F_SECTION | F_ENDFORM)) != 0; }

static size_t build_segments(fline *L, size_t n, segment *segs) {
    size_t ns = 0;
    for (size_t i = 0; i < n; i++) {
        bool start = i == 0 || is_heading(&L[i]) || is_terminator(&L[i]);
        if (start) {
            segment *g = &segs[ns++];
            memset(g, 0, sizeof *g);
            g->head = is_heading(&L[i]) ? (long)i : -1;
            g->first = i;
            g->term = is_terminator(&L[i]);
            g->list_head = g->head >= 0 && (L[i].flags & (F_GLUED | F_CUT | F_DUP));
            g->date = -1;
        }
        segment *g = &segs[ns - 1];
        g->last = i;
        if (L[i].cls == C_PROSE) {
            if (!(L[i].flags & F_CUT)) g->np++;
            g->pbytes += L[i].len;
        } else if ((L[i].flags & F_DATELINE) && g->np == 0 && g->date < 0) {
            g->date = (long)i;
        }
    }
    return ns;
}

/* True when a photo marker somewhere repeats this headline ("<it> - Hình 1"). */
static bool marked_as_title(const fline *L, size_t n, size_t h) {
    for (size_t i = h + 1; i < n && i < h + 12; i++)
        if ((L[i].flags & F_IMGMARK) && L[i].base_len == L[h].len && L[i].base_hash == L[h].hash) return true;
    return false;
}

/* Evidence that a headline starts an article of its own. */
static bool title_evidence(const fline *L, size_t n, const segment *g) {
    if (g->head < 0) return false;
    size_t h = (size_t)g->head;
    if (marked_as_title(L, n, h)) return true;
    if (g->date >= 0) return true;
    /* a dateline just above the headline */
    if (h > 0 && (L[h - 1].flags & F_DATELINE)) return true;
    return false;
}

/* True when the page furniture printed around the article's title t (a
 * "Theo dõi <site> trên" line, share buttons, a byline label) is printed again
 * around the headline h: the site frames every article the same way, so h
 * starts an article of its own. */
static bool same_furniture(const fline *L, size_t n, size_t t, size_t h) {
    if (h <= t + 4) return false;
    for (size_t i = h - 2; i <= h + 2 && i < n; i++) {
        const fline *u = &L[i];
        if (i == h || !u->len || u->cls != C_SCRAP || (u->flags & (F_DATELINE | F_SECTION | F_ENDFORM)) ||
            !(u->flags & F_REPEATED))
            continue;
        for (size_t j = t >= 2 ? t - 2 : 0; j <= t + 2 && j < n; j++)
            if (j != t && L[j].len == u->len && L[j].hash == u->hash) return true;
    }
    return false;
}

/* How a paragraph opens, for telling a lead from a section's paragraph:
 * 1 a site prefix ("TPO - ", "VOV.VN – "), 3 an agency in brackets
 * ("(TTXVN) "), 2 a full date with its year before anything else ("Ngày
 * 18/7/2023, ", "Chiều 5/6/2024, "), 0 neither. */
static int lead_opening(const fline *l) {
    const char *s = l->text;
    size_t n = l->len < 40 ? l->len : 40;
    if (n > 4 && s[0] == '(') {
        for (size_t i = 1; i < n && i < 24; i++) {
            if (s[i] >= '0' && s[i] <= '9') break;
            if (s[i] == ')') return i >= 3 && all_caps(s + 1, i - 1) ? 3 : 0;
        }
    }
    for (size_t i = 2; i + 3 <= n && i < 24; i++) {
        if (s[i] == ' ' && (s[i + 1] == '-' || memcmp(s + i + 1, "\xe2\x80\x93", 3) == 0)) {
            if (all_caps(s, i)) return 1;
            break;
        }
    }
    size_t i = 0;
    while (i < n && !(s[i] >= '0' && s[i] <= '9')) {
        if (s[i] == ',' || s[i] == '.' || s[i] == ':' || i > 24) return 0;
        i++;
    }
    int parts = 0;
    size_t digits = 0;
    for (; i < n; i++) {
        if (s[i] >= '0' && s[i] <= '9') {
            digits++;
        } else if ((s[i] == '/' || s[i] == '.' || s[i] == '-') && digits >= 1 && digits <= 2 && parts < 2) {
            parts++;
            digits = 0;
        } else {
            break;
        }
    }
    return parts == 2 && digits == 4 ? 2 : 0;
}

/* The first prose line of lines [first, last], or n when there is none. */
static size_t first_prose(const fline *L, size_t n, size_t first, size_t last) {
    for (size_t i = first; i <= last && i < n; i++)
        if (L[i].cls == C_PROSE) return i;
    return n;
}

typedef struct {
    long title;
    long date;        /* dateline line, -1 none */
    size_t first, last;
    size_t nbody;
    bool strong;      /* its title came with evidence (dateline, photo marker) */
} art_info;

static void mark_body(fline *L, const segment *g, int art, size_t *nbody, bool subhead_ok) {
    for (size_t i = g->first; i <= g->last; i++) {
        fline *l = &L[i];
        if ((long)i == g->head) {
            if (subhead_ok) {
                l->kind = PACT_BLOCK_SUBHEAD;
                l->used = art + 1;
                (*nbody)++;
            }
            continue;
        }
        if (l->cls == C_PROSE && !(l->flags & F_CUT)) {
            l->kind = *nbody == 0 ? PACT_BLOCK_LEAD : PACT_BLOCK_BODY;
            l->used = art + 1;
            (*nbody)++;
        } else if (l->cls == C_PROSE || (l->cls == C_SCRAP && !(l->flags & F_NOT_TEXT) &&
                                         (l->flags & F_SENTEND) && l->words >= 2 && !(l->flags & F_DUP))) {
            /* a short sentence, or a cut one, inside the article's run */
            l->kind = PACT_BLOCK_BODY;
            l->used = art + 1;
            (*nbody)++;
        }
    }
}

/* A list item's segment: its headline glued, printed twice, cut or shown
 * elsewhere on the page, or a timestamp after its teaser. */
static bool list_item(const fline *L, const segment *g) {
    if (g->head >= 0 && (g->list_head || (L[g->head].flags & F_REPEATED))) return true;
    bool prose = false;
    for (size_t i = g->first; i <= g->last; i++) {
        if (L[i].cls == C_PROSE) prose = true;
        else if (prose && (L[i].flags & F_DATELINE)) return true;
    }
    return false;
}

/* A short page: a headline (or none) over one paragraph or a few, too little
 * for the run an article needs among a page's boilerplate. Read only when
 * nothing else was found, and only when, before any list header or form,
 * exactly one segment carries prose that is not a list item's teaser: a list
 * of other stories repeats the headline-and-teaser shape, so it gives several
 * such segments (or marks its items), while a page's own text is one run of
 * sentences. Returns the number of articles made (0 or 1). */
static size_t short_page_article(fline *L, size_t n, const segment *segs, size_t ns, art_info *arts) {
    (void)n;
    long pick = -1;
    size_t k = 0;
    for (; k < ns && !segs[k].term; k++) {
        const segment *g = &segs[k];
        if (g->np == 0 || list_item(L, g)) continue;
        if (pick >= 0) return 0;
        pick = (long)k;
    }
    if (pick < 0 && k < ns) {
        /* nothing before the first list header: a menu may hold a word such
         * as "Video"; the text may come after it, but never as the first
         * item under a header, and never after a form */
        for (; k < ns; k++) {
            const segment *g = &segs[k];
            if (g->term && (L[g->first].flags & F_ENDFORM)) break;
            if (g->term || g->np == 0 || list_item(L, g)) continue;
            if (pick >= 0) return 0;
            pick = (long)k;
        }
        if (pick > 0 && segs[pick - 1].term && segs[pick - 1].first == segs[pick - 1].last) return 0;
    }
    if (pick < 0) return 0;
    const segment *g = &segs[pick];
    art_info *a = &arts[0];
    memset(a, 0, sizeof *a);
    a->title = g->head;
    a->date = -1;
    a->first = g->head >= 0 ? (size_t)g->head : g->first;
    a->last = g->last;
    if (g->head >= 0) {
        L[g->head].kind = PACT_BLOCK_TITLE;
        L[g->head].used = 1;
    }
    mark_body(L, g, 0, &a->nbody, false);
    return 1;
}

int pact__page_read_flat(pact_page *page, pact_diag *d) {
    fline *L = NULL;
    size_t n = read_lines(page, &L, d);
    page->blocks = pact_arena_alloc(page->arena, (n ? n : 1) * sizeof *page->blocks);
    page->nblocks = n;
    if (!n) {
        free(L);
        return PACT_OK;
    }

    for (size_t i = 0; i < n; i++) {
        if (!(L[i].flags & F_TOOLONG)) classify_line(&L[i]);
        L[i].kind = PACT_BLOCK_BOILERPLATE;
    }
    /* repeated text: printed twice in a row, or elsewhere on the page */
    hset hs;
    hset_init(&hs, n * 2);
    for (size_t i = 0; i < n; i++) {
        if (!L[i].len) continue;
        (*hset_slot(&hs, L[i].hash))++;
        if (L[i].flags & F_GLUED) (*hset_slot(&hs, hash_bytes(L[i].text, L[i].len / 2)))++;
    }
    for (size_t i = 0; i < n; i++) {
        if (!L[i].len) continue;
        if (i + 1 < n && L[i + 1].hash == L[i].hash && L[i + 1].len == L[i].len) {
            L[i].flags |= F_DUP;
            L[i + 1].flags |= F_DUP;
        }
        if (*hset_slot(&hs, L[i].hash) >= 2 && !(L[i].flags & F_DUP)) L[i].flags |= F_REPEATED;
    }
    hset_free(&hs);
    /* a line after a photo marker, or before a photo credit, is its caption */
    for (size_t i = 0; i < n; i++) {
        if ((L[i].flags & F_IMGMARK) && i + 1 < n && L[i + 1].cls != C_HEAD && L[i + 1].words <= 60 &&
            !(L[i + 1].flags & (F_SECTION | F_ENDFORM | F_IMGMARK))) {
            L[i + 1].flags |= F_CAPTION;
            L[i + 1].cls = C_SCRAP;
        }
        if ((L[i].flags & F_CREDIT) && i > 0 && L[i].words <= 8 && L[i - 1].words <= 60 &&
            (L[i - 1].flags & F_IMGMARK) == 0 && i + 1 < n && L[i - 1].cls != C_HEAD &&
            ((i >= 2 && (L[i - 2].flags & F_IMGMARK)) || (L[i - 1].flags & F_CAPTION))) {
            L[i - 1].flags |= F_CAPTION;
            L[i - 1].cls = C_SCRAP;
        }
    }

    /* the reading's own arrays are on the heap, freed when it is done */
    segment *segs = pact__xcalloc(n, sizeof *segs);
    size_t ns = build_segments(L, n, segs);
    art_info *arts = pact__xcalloc(n, sizeof *arts);
    size_t na = 0;
    long open = -1;          /* the article being read, -1 none */
    bool after_term = false; /* a list header or form has been seen */
    /* An article cut by a list header may go on after a short box of bare
     * headlines ("Tin liên quan" inside the body): suspended is that article,
     * box_items the headlines seen since, -1 when it cannot resume. */
    long suspended = -1;
    size_t box_items = 0;
    for (size_t k = 0; k < ns; k++) {
        segment *g = &segs[k];
        if (g->term) {
            bool form = (L[g->first].flags & F_ENDFORM) != 0;
            if (!form && open >= 0 && g->np >= 2) {
                /* a list header whose links the scraper dropped: the body goes on */
                art_info *a = &arts[open];
                mark_body(L, g, (int)open, &a->nbody, false);
                a->last = g->last;
                continue;
            }
            suspended = (!form && open >= 0 && g->np == 0 && g->date < 0) ? open : -1;
            box_items = 0;
            open = -1;
            after_term = true;
            continue;
        }
        bool evid = title_evidence(L, n, g);
        if (g->head < 0) {
            /* prose before any headline, at the top of the page: an article
             * without a title when it is a real run (a sentence ending with a
             * full stop is no headline, however short) */
            if (k == 0 && g->np >= 2 && g->pbytes >= 250) {
                art_info *a = &arts[na];
                memset(a, 0, sizeof *a);
                a->title = -1;
                a->date = -1;
                a->first = g->first;
                a->last = g->last;
                mark_body(L, g, (int)na, &a->nbody, false);
                open = (long)na;
                na++;
            }
            continue;
        }
        size_t h = (size_t)g->head;
        if (!evid && open >= 0 && arts[open].title >= 0 && same_furniture(L, n, (size_t)arts[open].title, h))
            evid = true;
        if (!evid && open >= 0 && g->np >= 2 && !g->list_head && !(L[h].flags & F_REPEATED)) {
            /* the paragraph under the heading opens with an agency in
             * brackets, or as the article's own lead did (a site prefix, a
             * full date): a lead, not a section ("NATO - ..." may open a
             * section's paragraph, so a prefix alone is not enough) */
            size_t lp = first_prose(L, n, g->first, g->last);
            size_t ap = first_prose(L, n, arts[open].first, arts[open].last);
            int lo = lp < n ? lead_opening(&L[lp]) : 0;
            if (lo == 3 || (lo && ap < n && ap < lp && lead_opening(&L[ap]) == lo)) evid = true;
        }
        const segment *next = k + 1 < ns ? &segs[k + 1] : NULL;
        bool next_continues = next && !next->term && next->head >= 0 && !next->list_head && next->np >= 2 &&
                              !title_evidence(L, n, next);
        /* a long headline over a long run: titles run longer than sub-headings */
        bool long_head = L[h].words >= 13 && g->np >= 3;
        /* a short heading over one paragraph: a section of the article, not
         * a list item, when the article's title came with evidence */
        bool short_section = g->np == 1 && L[h].words <= 10 && !g->list_head && !(L[h].flags & F_REPEATED);
        if (open >= 0) {
            art_info *a = &arts[open];
            if (!g->list_head && !evid && !long_head &&
                (g->np >= 2 || (g->np == 1 && next_continues) || (short_section && a->strong))) {
                /* a sub-heading, or a related story's headline dropped into the body */
                bool related = (L[h].flags & F_REPEATED) != 0;
                if (related) L[h].kind = PACT_BLOCK_BOILERPLATE;
                mark_body(L, g, (int)open, &a->nbody, !related);
                a->last = g->last;
                continue;
            }
            bool body_goes_on = !next || next->term || next_continues;
            if (!evid && g->np >= 1 && (L[h].flags & F_REPEATED) && !g->list_head && body_goes_on) {
                /* a headline shown elsewhere on the page too: a link to
                 * another story dropped into the body, which goes on */
                mark_body(L, g, (int)open, &a->nbody, false);
                a->last = g->last;
                continue;
            }
            bool next_question = next && next->head >= 0 && (L[next->head].flags & F_QUESTION);
            if (!evid && g->np >= 1 && (L[h].flags & F_QUESTION) && !g->list_head &&
                !(L[h].flags & F_REPEATED) && (body_goes_on || next_question)) {
                /* an interview's question and its answer */
                mark_body(L, g, (int)open, &a->nbody, false);
                L[h].kind = PACT_BLOCK_BODY;
                L[h].used = (int)open + 1;
                a->nbody++;
                a->last = g->last;
                continue;
            }
            if (g->list_head && g->np >= 2 && !evid) {
                /* a related headline (glued or cut) inside the body */
                mark_body(L, g, (int)open, &a->nbody, false);
                a->last = g->last;
                continue;
            }
            if (g->np == 0 && !g->list_head && next_continues && !evid) {
                /* a stray widget line inside the body */
                a->last = g->last;
                continue;
            }
            /* the article has ended: a closing exclamation or question, a
             * byline, a list, or another article */
            if (!evid && !long_head && g->np == 0 && h == a->last + 1 && (L[h].flags & F_SENTEND) &&
                !(L[h].flags & F_CUT) && L[h].words <= 12) {
                L[h].kind = PACT_BLOCK_BODY;
                L[h].used = (int)open + 1;
                a->nbody++;
                a->last = h;
            } else if (!evid && !long_head && g->np == 0 && L[h].words <= 8 && h == a->last + 1) {
                L[h].kind = PACT_BLOCK_CREDIT;
            }
            open = -1;
        }
        size_t need = (na == 0 && !after_term) ? 2 : 3;
        if (evid && need > 2) need = 2;
        /* "Tin khác" and then a headline over two full paragraphs running
         * to the end of the page or the next list: a short second article
         * (a list item has one teaser, never two) */
        if (after_term && need > 2 && g->np == 2 && !g->list_head && (!next || next->term)) need = 2;
        /* a title over a lead alone, with sub-headed sections after it */
        size_t np = g->np, pbytes = g->pbytes;
        bool listy = g->list_head && !(L[h].flags & F_DUP); /* a title printed twice is no list */
        if (np == 1 && !listy &&
            (next_continues || (evid && next && !next->term && next->head >= 0 && next->np == 1 &&
                                L[next->head].words <= 10 && !next->list_head &&
                                !(L[next->head].flags & F_REPEATED)))) {
            np += next->np;
            pbytes += next->pbytes;
        }
        if (suspended >= 0 && !evid) {
            if (np == 0 && g->date < 0 && !g->list_head && ++box_items <= 6) continue;
            if (np >= 2 && box_items >= 1 && box_items <= 6) {
                /* the body goes on after the box: the last headline was one of its links */
                art_info *a = &arts[suspended];
                mark_body(L, g, (int)suspended, &a->nbody, false);
                a->last = g->last;
                open = suspended;
                suspended = -1;
                continue;
            }
        }
        suspended = -1;
        if (listy) continue;
        if (np < need || pbytes < 250) continue;
        /* a new article; a shorter heading right under a headline with no
         * prose between them is a widget or label, the headline is the title */
        long title = (long)h;
        if (k > 0 && segs[k - 1].head >= 0 && segs[k - 1].np == 0 && !segs[k - 1].list_head &&
            !(k > 1 && segs[k - 2].term) && !(L[segs[k - 1].head].flags & F_REPEATED)) {
            size_t above = L[segs[k - 1].head].words;
            if (above >= 6 && (L[h].words < 6 || above > L[h].words)) title = segs[k - 1].head;
        }
        art_info *a = &arts[na];
        memset(a, 0, sizeof *a);
        a->title = title;
        a->date = -1;
        a->strong = evid;
        a->first = (size_t)title;
        a->last = g->last;
        L[title].kind = PACT_BLOCK_TITLE;
        L[title].used = (int)na + 1;
        mark_body(L, g, (int)na, &a->nbody, false);
        open = (long)na;
        na++;
    }

    if (na == 0) na = short_page_article(L, n, segs, ns, arts);

    /* datelines: the article's own, just above its title or between the title
     * and the first paragraph */
    for (size_t ai = 0; ai < na; ai++) {
        art_info *a = &arts[ai];
        size_t lo = a->first, floor = ai ? arts[ai - 1].last + 1 : 0;
        for (size_t back = 0; back < 3 && lo > floor; back++) {
            const fline *u = &L[lo - 1];
            if (u->used || u->cls == C_PROSE || u->cls == C_HEAD || is_terminator(u)) break;
            /* a timestamp under a headline or teaser belongs to a list item */
            if ((u->flags & F_DATELINE) && lo - 1 > floor) {
                const fline *v = &L[lo - 2];
                if (v->cls == C_PROSE || (v->cls == C_HEAD && ((v->flags & (F_DUP | F_GLUED | F_CUT)) || v->words >= 8)))
                    break;
            }
            lo--;
        }
        size_t seen_body = 0;
        for (size_t i = lo; i <= a->last && i < n; i++) {
            /* some sites print it under the lead: look past two paragraphs */
            if (L[i].used && L[i].kind != PACT_BLOCK_TITLE && ++seen_body > 2) break;
            if ((L[i].flags & F_DATELINE) && !L[i].used) {
                a->date = (long)i;
                L[i].kind = PACT_BLOCK_DATELINE;
                break;
            }
        }
    }

    /* kinds of the lines no article took */
    for (size_t i = 0; i < n; i++) {
        fline *l = &L[i];
        if (l->used || l->kind != PACT_BLOCK_BOILERPLATE) continue;
        if (l->flags & (F_CREDIT | F_IMGMARK)) l->kind = PACT_BLOCK_CREDIT;
        else if (l->flags & F_CAPTION) l->kind = PACT_BLOCK_CAPTION;
        else if ((l->flags & F_DATELINE) && l->cls == C_SCRAP) l->kind = PACT_BLOCK_BOILERPLATE;
    }

    /* blocks and articles */
    for (size_t i = 0; i < n; i++) {
        pact_block *b = &page->blocks[i];
        b->kind = (pact_block_kind)L[i].kind;
        b->text = L[i].text;
        b->len = L[i].len;
        b->start = L[i].start;
        b->end = L[i].end;
        b->map = L[i].map;
    }
    page->articles = pact_arena_alloc(page->arena, (na ? na : 1) * sizeof *page->articles);
    page->narticles = na;
    for (size_t ai = 0; ai < na; ai++) {
        pact_article *pa = &page->articles[ai];
        const art_info *a = &arts[ai];
        pa->title = a->title >= 0 ? &page->blocks[a->title] : NULL;
        if (a->date >= 0) (void)pact__page_parse_dateline(L[a->date].text, L[a->date].len, pa->published);
        pa->body = pact_arena_alloc(page->arena, (a->nbody ? a->nbody : 1) * sizeof *pa->body);
        for (size_t i = a->first; i <= a->last && i < n; i++) {
            int kind = L[i].kind;
            if (L[i].used == (int)ai + 1 &&
                (kind == PACT_BLOCK_LEAD || kind == PACT_BLOCK_BODY || kind == PACT_BLOCK_SUBHEAD) &&
                pa->nbody < a->nbody)
                pa->body[pa->nbody++] = &page->blocks[i];
        }
    }
    free(arts);
    free(segs);
    free(L);
    return PACT_OK;
}
