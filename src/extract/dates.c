/*
 * Vietnamese dates, read over the syllables of a sentence. Numbers are
 * syllables of their own and separators are one-character syllables, so
 * "31.5.2024" is 31 . 5 . 2024 with no space between: adjacency tells a date
 * from a list ("3, 5").
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/dates.h"

long pact__days_from_civil(int y, int m, int d) {
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void pact__civil_from_days(long z, int *y, int *m, int *d) {
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long yy = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yy + (*m <= 2));
}

static bool parse_ymd(const char *s, int *y, int *m, int *d) {
    if (!s || strlen(s) < 10 || s[4] != '-' || s[7] != '-') return false;
    *y = atoi(s);
    *m = atoi(s + 5);
    *d = atoi(s + 8);
    return *y > 0 && *m >= 1 && *m <= 12 && *d >= 1 && *d <= 31;
}

void pact__dates_ctx_init(pact_date_ctx *ctx, const char *page_date) {
    memset(ctx, 0, sizeof *ctx);
    if (!parse_ymd(page_date, &ctx->ry, &ctx->rm, &ctx->rd)) ctx->ry = 0;
}

static int days_in_month(int y, int m) {
    static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2) return (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
    return dm[m - 1];
}

/* ---- syllable helpers ---- */

typedef struct {
    const char *text;
    const pact_syl *s;
    size_t n;
    const char *fold;
} syls_t;

static bool is(const syls_t *x, size_t i, const char *w) {
    if (i >= x->n) return false;
    size_t l = strlen(w);
    return x->s[i].nfold == l && memcmp(x->fold + x->s[i].fold, w, l) == 0;
}

static bool is_num(const syls_t *x, size_t i) { return i < x->n && x->s[i].kind == PACT_SYL_NUM; }

static int num(const syls_t *x, size_t i) {
    if (!is_num(x, i) || x->s[i].nfold > 4) return -1;
    int v = 0;
    for (size_t k = 0; k < x->s[i].nfold; k++) v = v * 10 + (x->fold[x->s[i].fold + k] - '0');
    return v;
}

static size_t ndigits(const syls_t *x, size_t i) { return is_num(x, i) ? x->s[i].nfold : 0; }

/* syllables i and i+1 touch (no space between) */
static bool adj(const syls_t *x, size_t i) { return i + 1 < x->n && x->s[i].end == x->s[i + 1].start; }

static bool is_sep(const syls_t *x, size_t i) { return is(x, i, "/") || is(x, i, ".") || is(x, i, "-"); }

/* ---- resolution ---- */

/* Writes a value of at most 10 characters into v (11 bytes). */
static void setv(char *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void setv(char *v, const char *fmt, ...) {
    char tmp[64];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    size_t n = strlen(tmp);
    if (n > 10) n = 10;
    memcpy(v, tmp, n);
    v[n] = 0;
}

static void fmt_day(char *v, int y, int m, int d) {
    if (y) setv(v, "%04d-%02d-%02d", y, m, d);
    else setv(v, "--%02d-%02d", m, d);
}

static long ymd_int(int y, int m, int d) { return (long)y * 10000 + m * 100 + d; }

static bool in_window(const pact_date_ctx *c, long v) {
    return (!c->lo || v >= c->lo) && (!c->hi || v <= c->hi);
}

/* The year of a day and month given without one; 0 when it cannot be settled. */
static int year_of_day(const pact_date_ctx *c, int m, int d) {
    if (!c->ry) return 0;
    if (c->doubtful) {
        if (!c->lo || !c->hi) return 0;
        int found = 0;
        for (int y = (int)(c->lo / 10000); y <= (int)(c->hi / 10000); y++) {
            if (d > days_in_month(y, m)) continue;
            if (in_window(c, ymd_int(y, m, d))) {
                if (found) return 0;
                found = y;
            }
        }
        return found;
    }
    /* the year that puts the day nearest the page's date */
    long ref = pact__days_from_civil(c->ry, c->rm, c->rd);
    int best = 0;
    long bestd = 0;
    for (int y = c->ry - 1; y <= c->ry + 1; y++) {
        long dd = labs(pact__days_from_civil(y, m, d) - ref);
        if (!best || dd < bestd) best = y, bestd = dd;
    }
    return best;
}

static int year_of_month(const pact_date_ctx *c, int m) {
    if (!c->ry) return 0;
    if (c->doubtful) {
        if (!c->lo || !c->hi) return 0;
        int found = 0;
        for (int y = (int)(c->lo / 10000); y <= (int)(c->hi / 10000); y++) {
            if (ymd_int(y, m, 31) < c->lo || ymd_int(y, m, 1) > c->hi) continue;
            if (found) return 0;
            found = y;
        }
        return found;
    }
    int diff = m - c->rm;
    if (diff > 6) return c->ry - 1;
    if (diff < -6) return c->ry + 1;
    return c->ry;
}

/* The page's date shifted by days; false when there is no trusted one. */
static bool rel_day(const pact_date_ctx *c, long days, int *y, int *m, int *d) {
    if (!c->ry || c->doubtful) return false;
    pact__civil_from_days(pact__days_from_civil(c->ry, c->rm, c->rd) + days, y, m, d);
    return true;
}

static const char *const month_words[] = {"giêng", "hai", "ba", "tư", "năm", "sáu", "bảy",
                                          "tám", "chín", "mười", NULL, "chạp"};

/* A month named in words after "tháng" at i; sets *len. 0 when none. */
static int month_word(const syls_t *x, size_t i, size_t *len) {
    if (i >= x->n || x->s[i].kind != PACT_SYL_WORD) return 0;
    if (is(x, i, "mười") && is(x, i + 1, "một")) return *len = 2, 11;
    if (is(x, i, "mười") && is(x, i + 1, "hai")) return *len = 2, 12;
    if (is(x, i, "một") && (x->s[i].flags & PACT_SYLF_CAP)) return *len = 1, 1;
    for (int k = 0; k < 12; k++) {
        if (!month_words[k] || !is(x, i, month_words[k])) continue;
        /* "tháng năm" is May only when capitalised: "tháng năm 2021" reads as month-year too rarely */
        if (k == 4 && !(x->s[i].flags & PACT_SYLF_CAP)) return 0;
        if (k != 0 && k != 11 && !(x->s[i].flags & PACT_SYLF_CAP)) return 0;
        *len = 1;
        return k + 1;
    }
    return 0;
}

/* A year offset word after "năm" at i: nay 0, ngoái/trước -1, tới/sau/sắp tới +1. */
static bool year_offset(const syls_t *x, size_t i, int *off, size_t *len) {
    *len = 1;
    if (is(x, i, "nay")) return *off = 0, true;
    if (is(x, i, "ngoái") || is(x, i, "trước") || is(x, i, "rồi")) return *off = -1, true;
    if (is(x, i, "tới") || is(x, i, "sau")) return *off = 1, true;
    if (is(x, i, "sắp") && is(x, i + 1, "tới")) return *off = 1, *len = 2, true;
    return false;
}

static bool cue_before(const syls_t *x, size_t i) {
    if (i == 0) return false;
    static const char *const cues[] = {"ngày", "hôm", "sáng", "chiều", "tối", "trưa", "đêm",
                                       "khuya", "(", "nay", "qua", "mai", "từ", "đến", "tới",
                                       "vào", "và", "hai", "ba", "tư", "năm", "sáu", "bảy", "nhật",
                                       ",", NULL};
    for (int k = 0; cues[k]; k++)
        if (is(x, i - 1, cues[k])) return true;
    return false;
}

static bool quantity_before(const syls_t *x, size_t i) {
    if (i == 0) return false;
    static const char *const w[] = {"khoảng", "gần", "hơn", "tỷ", "số", "thắng", "thua", "lệ",
                                    "chiếm", "trên", "dưới", "gấp", NULL};
    for (int k = 0; w[k]; k++)
        if (is(x, i - 1, w[k])) return true;
    return false;
}

static bool quantity_after(const syls_t *x, size_t i) {
    static const char *const w[] = {"%", "số", "dân", "trong", "người", "thành", NULL};
    for (int k = 0; w[k]; k++)
        if (is(x, i, w[k])) return true;
    return false;
}

static bool unit_after(const syls_t *x, size_t i) {
    static const char *const w[] = {"lần", "năm", "tháng", "ngày", "tuần", "giờ", "phút", "km", "người",
                                    "tỷ", "triệu", "nghìn", "ngàn", "tấn", "chiếc", "quả", "tên", "binh",
                                    "quân", "lính", "mét", "m", "độ", "điểm", "bàn", "ghế", "phiếu", NULL};
    for (int k = 0; w[k]; k++)
        if (is(x, i, w[k])) return true;
    return false;
}

/* ---- the scanner ---- */

typedef struct {
    size_t len;      /* syllables used */
    char value[11];
    bool day;        /* day precision: becomes ctx->last */
} found_t;

/* A numeric date starting at syllable i: D/M/Y, D/M, M/YYYY (any of / . -). */
static bool numeric_core(const syls_t *x, size_t i, const pact_date_ctx *c, bool cued, found_t *f) {
    if (!is_num(x, i) || ndigits(x, i) > 2 || !adj(x, i) || !is_sep(x, i + 1) || !adj(x, i + 1) ||
        !is_num(x, i + 2))
        return false;
    int a = num(x, i), b = num(x, i + 2);
    bool dot = is(x, i + 1, "."), dash = is(x, i + 1, "-");
    /* month/year */
    if (ndigits(x, i + 2) == 4) {
        if (a >= 1 && a <= 12 && b >= 1900 && b <= 2100 && !(adj(x, i + 2) && is_sep(x, i + 3))) {
            setv(f->value, "%04d-%02d", b, a);
            f->len = 3;
            f->day = false;
            return true;
        }
        return false;
    }
    if (ndigits(x, i + 2) > 2 || a < 1 || a > 31 || b < 1 || b > 12) return false;
    /* day/month/year */
    if (adj(x, i + 2) && is_sep(x, i + 3) && adj(x, i + 3) && is_num(x, i + 4)) {
        int y = num(x, i + 4);
        if (ndigits(x, i + 4) == 2) y += 2000;
        if (y < 1900 || y > 2100 || (ndigits(x, i + 4) != 4 && ndigits(x, i + 4) != 2)) return false;
        if (a > days_in_month(y, b)) return false;
        fmt_day(f->value, y, b, a);
        f->len = 5;
        f->day = true;
        return true;
    }
    if (adj(x, i + 2) && (is_sep(x, i + 3) || is_num(x, i + 3)) && !is(x, i + 3, ".")) return false;
    if (a > days_in_month(2024, b)) return false;
    if (!cued) {
        /* alone, "1.6" may be a number, "2-3 lần" a range, "1/3 lãnh thổ" a fraction: a
         * day/month needs a day past 12 or nothing but punctuation after it */
        if (dot) return false;
        if (quantity_before(x, i) || quantity_after(x, i + 3)) return false;
        bool tail = i + 3 >= x->n || (x->s[i + 3].kind == PACT_SYL_PUNCT && !is(x, i + 3, "%"));
        if (!tail && (a <= 12 || unit_after(x, i + 3))) return false;
        (void)dash;
    }
    fmt_day(f->value, year_of_day(c, b, a), b, a);
    f->len = 3;
    f->day = true;
    return true;
}

static bool numeric(const syls_t *x, size_t i, const pact_date_ctx *c, bool cued, found_t *f) {
    /* a range of days, "12-13/1": the first day */
    if (is_num(x, i) && ndigits(x, i) <= 2 && is(x, i + 1, "-") && is_num(x, i + 2) && ndigits(x, i + 2) <= 2 &&
        adj(x, i + 2) && (is(x, i + 3, "/") || is(x, i + 3, ".")) && adj(x, i + 3) && is_num(x, i + 4)) {
        found_t g;
        memset(&g, 0, sizeof g);
        if (numeric_core(x, i + 2, c, true, &g)) {
            int a = num(x, i), d2 = num(x, i + 2);
            if (a >= 1 && a < d2 && g.value[0] && strlen(g.value) == 10) {
                memcpy(f->value, g.value, 11);
                f->value[8] = (char)('0' + a / 10);
                f->value[9] = (char)('0' + a % 10);
                f->len = 2 + g.len;
                f->day = true;
                return true;
            }
        }
    }
    if (i > 0 && adj(x, i - 1) && (is_sep(x, i - 1) || is_num(x, i - 1) || is(x, i - 1, "+"))) return false;
    return numeric_core(x, i, c, cued, f);
}

static bool counted(const syls_t *x, size_t i);

/* "tháng ..." at i (i is "tháng"). */
static bool month_expr(const syls_t *x, size_t i, const pact_date_ctx *c, found_t *f) {
    size_t j = i + 1;
    int m = 0;
    size_t wl = 0;
    if (is_num(x, j) && ndigits(x, j) <= 2) {
        m = num(x, j);
        if (m < 1 || m > 12) return false;
        j++;
        /* tháng 9/2021, tháng 8.2023, tháng 7-2023 */
        if (adj(x, j - 1) && is_sep(x, j) && adj(x, j) && ndigits(x, j + 1) == 4) {
            int y = num(x, j + 1);
            if (y < 1900 || y > 2100) return false;
            setv(f->value, "%04d-%02d", y, m);
            f->len = j + 2 - i;
            return true;
        }
    } else if ((m = month_word(x, j, &wl)) != 0) {
        j += wl;
    } else {
        /* tháng trước / này / tới / sau (not "3 tháng sau": a duration) */
        if (counted(x, i)) return false;
        int off;
        if (is(x, j, "này")) off = 0;
        else if (is(x, j, "trước") || is(x, j, "rồi")) off = -1;
        else if (is(x, j, "tới") || is(x, j, "sau")) off = 1;
        else return false;
        if (!c->ry || c->doubtful) return false;
        int mm = c->rm + off, yy = c->ry;
        if (mm < 1) mm += 12, yy--;
        if (mm > 12) mm -= 12, yy++;
        setv(f->value, "%04d-%02d", yy, mm);
        f->len = 2;
        return true;
    }
    /* tháng M năm YYYY / năm ngoái */
    if (is(x, j, "năm")) {
        if (ndigits(x, j + 1) == 4) {
            int y = num(x, j + 1);
            if (y >= 1900 && y <= 2100) {
                setv(f->value, "%04d-%02d", y, m);
                f->len = j + 2 - i;
                return true;
            }
        }
        int off;
        size_t ol;
        if (year_offset(x, j + 1, &off, &ol)) {
            if (!c->ry || c->doubtful) return false;
            setv(f->value, "%04d-%02d", c->ry + off, m);
            f->len = j + 1 + ol - i;
            return true;
        }
    }
    if (ndigits(x, j) == 4 && !adj(x, j - 1)) { /* "tháng 10 2021" */
        int y = num(x, j);
        if (y >= 1900 && y <= 2100) {
            setv(f->value, "%04d-%02d", y, m);
            f->len = j + 1 - i;
            return true;
        }
    }
    /* "3 tháng" is a duration, but "tháng 3" with a count before it is not */
    int y = year_of_month(c, m);
    if (!y) return false;
    setv(f->value, "%04d-%02d", y, m);
    f->len = j - i;
    return true;
}

/* "ngày D tháng M [năm Y]" at i (i is "ngày"). */
static bool day_month_words(const syls_t *x, size_t i, const pact_date_ctx *c, found_t *f) {
    if (!is_num(x, i + 1) || !is(x, i + 2, "tháng") || !is_num(x, i + 3)) return false;
    int d = num(x, i + 1), m = num(x, i + 3);
    if (d < 1 || d > 31 || m < 1 || m > 12) return false;
    int y = 0;
    size_t len = 4;
    if (is(x, i + 4, "năm") && ndigits(x, i + 5) == 4) {
        y = num(x, i + 5);
        len = 6;
    } else if (adj(x, i + 3) && is_sep(x, i + 4) && ndigits(x, i + 5) == 4) {
        y = num(x, i + 5);
        len = 6;
    } else {
        y = year_of_day(c, m, d);
    }
    if (y && d > days_in_month(y, m)) return false;
    fmt_day(f->value, y, m, d);
    f->len = len;
    f->day = true;
    return true;
}

static bool relative_day(const syls_t *x, size_t i, const pact_date_ctx *c, found_t *f) {
    long off;
    size_t len = 2;
    if (is(x, i, "hôm") && is(x, i + 1, "nay")) off = 0;
    else if (is(x, i, "hôm") && is(x, i + 1, "qua")) off = -1;
    else if (is(x, i, "hôm") && is(x, i + 1, "kia")) off = -2;
    else if (is(x, i, "ngày") && is(x, i + 1, "mai")) off = 1;
    else if ((is(x, i, "sáng") || is(x, i, "chiều") || is(x, i, "tối") || is(x, i, "trưa") ||
              is(x, i, "đêm")) && is(x, i + 1, "nay"))
        off = 0;
    else if ((is(x, i, "sáng") || is(x, i, "chiều") || is(x, i, "tối") || is(x, i, "đêm")) &&
             is(x, i + 1, "qua"))
        off = -1;
    else if ((is(x, i, "sáng") || is(x, i, "chiều") || is(x, i, "tối")) && is(x, i + 1, "mai"))
        off = 1;
    else
        return false;
    if (i + 2 < x->n && (is(x, i + 2, "ấy") || is(x, i + 2, "đó"))) return false;
    int y, m, d;
    if (!rel_day(c, off, &y, &m, &d)) {
        f->value[0] = 0; /* known to be a date, value unknown */
    } else {
        fmt_day(f->value, y, m, d);
    }
    f->len = len;
    f->day = true;
    return true;
}

/* "nhiều tuần trước", "mỗi năm": a count or a span, not a date */
static bool counted(const syls_t *x, size_t i) {
    static const char *const w[] = {"nhiều", "vài", "mấy", "các", "những", "mỗi", "hàng", "từng",
                                    "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín",
                                    "mười", "mươi", "trăm", "lăm", "mốt", NULL};
    if (i == 0) return false;
    if (is_num(x, i - 1)) return true;
    for (int k = 0; w[k]; k++)
        if (is(x, i - 1, w[k])) return true;
    return false;
}

static bool relative_week_year(const syls_t *x, size_t i, const pact_date_ctx *c, found_t *f) {
    if (is(x, i, "tuần")) {
        if (counted(x, i)) return false;
        long off;
        if (is(x, i + 1, "này")) off = 0;
        else if (is(x, i + 1, "trước") || is(x, i + 1, "qua")) off = -7;
        else if (is(x, i + 1, "tới") || is(x, i + 1, "sau")) off = 7;
        else return false;
        int y, m, d;
        if (!rel_day(c, off, &y, &m, &d)) return false;
        setv(f->value, "%04d-%02d", y, m);
        f->len = 2;
        return true;
    }
    if (is(x, i, "năm")) {
        if (ndigits(x, i + 1) == 4) {
            int y = num(x, i + 1);
            if (y < 1900 || y > 2100) return false;
            setv(f->value, "%04d", y);
            f->len = 2;
            return true;
        }
        int off;
        size_t ol;
        if (!year_offset(x, i + 1, &off, &ol)) return false;
        if (i > 0 && !is_num(x, i - 1) && counted(x, i)) return false; /* "nhiều năm trước", "hai năm sau" */
        if (i > 0 && is_num(x, i - 1)) { /* "2 năm trước": N years ago */
            int nyrs = num(x, i - 1);
            if (off != -1 || is(x, i + 1, "ngoái") || nyrs < 1 || nyrs > 200) return false;
            off = -nyrs;
        }
        if (!c->ry || c->doubtful) return false;
        setv(f->value, "%04d", c->ry + off);
        f->len = 1 + ol;
        return true;
    }
    return false;
}

/* "hôm thứ Ba", "ngày Chủ nhật": the latest such weekday up to the page's date
 * ("thứ Ba tới": the next one). The date in brackets after it, if any, wins. */
static bool weekday(const syls_t *x, size_t i, const pact_date_ctx *c, found_t *f) {
    static const char *const days[] = {"hai", "ba", "tư", "năm", "sáu", "bảy", NULL};
    int wd = -1; /* 0 = Monday */
    size_t len = 0;
    if (is(x, i, "thứ")) {
        for (int k = 0; days[k]; k++)
            if (is(x, i + 1, days[k])) wd = k, len = 2;
    } else if (is(x, i, "chủ") && is(x, i + 1, "nhật")) {
        wd = 6, len = 2;
    }
    if (wd < 0 || i == 0) return false;
    static const char *const cues[] = {"hôm", "ngày", "vào", "sáng", "chiều", "tối", "trưa", "đêm", "hồi", NULL};
    bool cue = false;
    for (int k = 0; cues[k]; k++)
        if (is(x, i - 1, cues[k])) cue = true;
    if (!cue) return false;
    long ref;
    if (!c->ry || c->doubtful) {
        f->value[0] = 0;
    } else {
        ref = pact__days_from_civil(c->ry, c->rm, c->rd);
        int refwd = (int)(((ref % 7) + 7 + 3) % 7); /* 1970-01-01 was a Thursday */
        long back = (refwd - wd + 7) % 7;
        long day = ref - back;
        if (is(x, i + len, "tới") || is(x, i + len, "sau") || (is(x, i + len, "này") && back)) day = ref + (wd - refwd + 7) % 7;
        int y, m, d;
        pact__civil_from_days(day, &y, &m, &d);
        fmt_day(f->value, y, m, d);
    }
    f->len = len;
    f->day = true;
    return true;
}

/* "cuối năm 2024", "từ 2021": a year after a cue word. */
static bool bare_year(const syls_t *x, size_t i, found_t *f) {
    if (ndigits(x, i) != 4 || i == 0) return false;
    static const char *const cues[] = {"từ", "vào", "đến", "tới", "trong", "hồi", "cuối", "đầu",
                                       "giữa", "trước", "sau", NULL};
    bool cue = false;
    for (int k = 0; cues[k]; k++)
        if (is(x, i - 1, cues[k])) cue = true;
    if (!cue) return false;
    if (adj(x, i) && ((is_sep(x, i + 1) && adj(x, i + 1) && is_num(x, i + 2)) || is(x, i + 1, "%")))
        return false;
    int y = num(x, i);
    if (y < 1945 || y > 2100) return false;
    setv(f->value, "%04d", y);
    f->len = 1;
    return true;
}

size_t pact__dates_find(const char *text, const pact_syl *syls, size_t n, const char *fold,
                        pact_date_ctx *c, pact_date_mention *out, size_t max) {
    syls_t x = {text, syls, n, fold};
    size_t nout = 0;
    for (size_t i = 0; i < n && nout < max;) {
        found_t f;
        memset(&f, 0, sizeof f);
        size_t at = i;
        bool ok = false;
        if (is(&x, i, "cùng") && is(&x, i + 1, "ngày") && !is_num(&x, i + 2)) {
            if (c->last[0]) {
                memcpy(f.value, c->last, 11);
                f.len = 2;
                ok = true;
            }
        } else if (is(&x, i, "ngày") && day_month_words(&x, i, c, &f)) {
            ok = true;
        } else if (relative_day(&x, i, c, &f) || weekday(&x, i, c, &f)) {
            ok = true;
            /* "hôm qua (11/1)": the explicit day in brackets says it */
            size_t j = i + f.len;
            found_t g;
            memset(&g, 0, sizeof g);
            if (is(&x, j, "(") && numeric(&x, j + 1, c, true, &g) && is(&x, j + 1 + g.len, ")")) {
                memcpy(f.value, g.value, 11);
                f.len += g.len + 2;
            } else if (is(&x, j, ",") && numeric(&x, j + 1, c, true, &g)) {
                memcpy(f.value, g.value, 11);
                f.len += g.len + 1;
            } else if (numeric(&x, j, c, true, &g)) { /* "tối nay 8/4" */
                memcpy(f.value, g.value, 11);
                f.len += g.len;
            }
        } else if (is(&x, i, "tháng") && month_expr(&x, i, c, &f)) {
            ok = true;
        } else if (relative_week_year(&x, i, c, &f)) {
            ok = true;
        } else if (is_num(&x, i) && numeric(&x, i, c, cue_before(&x, i), &f)) {
            ok = true;
            if (i > 0 && (is(&x, i - 1, "ngày") || is(&x, i - 1, "hôm"))) at = i - 1;
        } else if (bare_year(&x, i, &f)) {
            ok = true;
        }
        if (!ok) {
            i++;
            continue;
        }
        size_t last = i + f.len - 1;
        if (f.value[0]) {
            pact_date_mention *m = &out[nout++];
            m->start = syls[at].start;
            m->end = syls[last].end;
            memcpy(m->value, f.value, sizeof m->value);
            if (f.day && strlen(f.value) == 10) memcpy(c->last, f.value, 11);
        }
        i += f.len;
    }
    return nout;
}

size_t pact__dates_parse(const char *text, size_t len, pact_date_ctx *ctx, pact_date_mention *out,
                         size_t max) {
    pact_buf fold;
    pact_buf_init(&fold, 0);
    pact_syl *syls = NULL;
    size_t cap = 0;
    size_t n = pact_lex_scan(text, 0, len, &fold, &syls, 0, &cap);
    size_t k = pact__dates_find(text, syls, n, fold.ptr ? fold.ptr : "", ctx, out, max);
    free(syls);
    pact_buf_free(&fold);
    return k;
}
