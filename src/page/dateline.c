/* Datelines: the date a page states for itself, in the forms Vietnamese news
 * sites print ("Chủ Nhật, 19/07/2020 08:15 (GMT+7)", "13/06/2023 18:46 GMT+7",
 * "Thứ hai, 3/6/2024 - 09:15", "ngày 12 tháng 7 năm 2020") and the ISO 8601
 * values of <time datetime> and meta tags ("2024-04-09T10:29:00+07:00"). */
#include <string.h>

#include "page/internal.h"

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* Reads up to max digits at s[*i]; returns the count read. */
static int read_num(const char *s, size_t len, size_t *i, int max, int *val) {
    int n = 0, v = 0;
    while (*i < len && n < max && is_digit(s[*i])) {
        v = v * 10 + (s[*i] - '0');
        (*i)++;
        n++;
    }
    *val = v;
    return n;
}

static int days_in_month(int y, int m) {
    static const int d[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
    return d[m - 1];
}

static bool valid_ymd(int y, int m, int d) {
    return y >= 1900 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

static void put_ymd(char out[11], int y, int m, int d) {
    /* the values are checked by valid_ymd: write the digits directly */
    out[0] = (char)('0' + y / 1000 % 10);
    out[1] = (char)('0' + y / 100 % 10);
    out[2] = (char)('0' + y / 10 % 10);
    out[3] = (char)('0' + y % 10);
    out[4] = '-';
    out[5] = (char)('0' + m / 10 % 10);
    out[6] = (char)('0' + m % 10);
    out[7] = '-';
    out[8] = (char)('0' + d / 10 % 10);
    out[9] = (char)('0' + d % 10);
    out[10] = '\0';
}

/* "tháng" in either tone-mark spelling is the same bytes; match it ASCII-folded
 * enough: "tháng" is t h U+00E1 n g. */
static bool match_word(const char *s, size_t len, size_t i, const char *w) {
    size_t n = strlen(w);
    if (i + n > len) return false;
    for (size_t k = 0; k < n; k++) {
        char a = s[i + k], b = w[k];
        if (a >= 'A' && a <= 'Z') a = (char)(a - 'A' + 'a');
        if (a != b) return false;
    }
    return true;
}

static size_t skip_spaces(const char *s, size_t len, size_t i) {
    while (i < len && (s[i] == ' ' || s[i] == '\t')) i++;
    return i;
}

/* "12 tháng 7 năm 2020" starting at a digit. */
static bool try_words(const char *s, size_t len, size_t i, char out[11]) {
    int d, m, y;
    if (!read_num(s, len, &i, 2, &d)) return false;
    i = skip_spaces(s, len, i);
    if (!match_word(s, len, i, "th\xc3\xa1ng")) return false;
    i = skip_spaces(s, len, i + 6);
    if (!read_num(s, len, &i, 2, &m)) return false;
    i = skip_spaces(s, len, i);
    if (i < len && s[i] == ',') i = skip_spaces(s, len, i + 1);
    if (!match_word(s, len, i, "n\xc4\x83m")) return false;
    i = skip_spaces(s, len, i + 4);
    if (read_num(s, len, &i, 4, &y) != 4 || !valid_ymd(y, m, d)) return false;
    put_ymd(out, y, m, d);
    return true;
}

bool pact__page_parse_dateline(const char *s, size_t len, char out[11]) {
    out[0] = '\0';
    for (size_t i = 0; i < len; i++) {
        if (!is_digit(s[i]) || (i > 0 && is_digit(s[i - 1]))) continue;
        /* a number glued to letters or to a decimal point is not a date start */
        if (i > 0 && (s[i - 1] == '.' || s[i - 1] == '/' || s[i - 1] == '-' || s[i - 1] == ':'))
            continue;
        size_t j = i;
        int a, b, c;
        int na = read_num(s, len, &j, 4, &a);
        if (j < len && is_digit(s[j])) continue;  /* five digits or more */
        if (na == 4) {
            /* ISO 8601 (YYYY-MM-DD, also YYYY/MM/DD) */
            if (j + 1 < len && (s[j] == '-' || s[j] == '/')) {
                char sep = s[j++];
                if (read_num(s, len, &j, 2, &b) == 2 && j < len && s[j] == sep) {
                    j++;
                    if (read_num(s, len, &j, 2, &c) == 2 && (j >= len || !is_digit(s[j])) &&
                        valid_ymd(a, b, c)) {
                        put_ymd(out, a, b, c);
                        return true;
                    }
                }
            }
            continue;
        }
        if (na > 2) continue;
        /* D/M/YYYY, D-M-YYYY, D.M.YYYY; a time "10:29" is skipped by the ':' */
        if (j < len && (s[j] == '/' || s[j] == '-' || s[j] == '.')) {
            char sep = s[j++];
            if (read_num(s, len, &j, 2, &b) && j < len && s[j] == sep) {
                j++;
                int nc = read_num(s, len, &j, 4, &c);
                if (nc == 4 && (j >= len || !is_digit(s[j])) && valid_ymd(c, b, a)) {
                    put_ymd(out, c, b, a);
                    return true;
                }
            }
            continue;
        }
        if (try_words(s, len, i, out)) return true;
    }
    return false;
}
