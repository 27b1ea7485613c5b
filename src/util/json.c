/* A JSON writer: correct escaping of every control character and of invalid
 * UTF-8 (written as U+FFFD), so any input text makes valid JSON. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "util/util.h"

void pact_json_init(pact_json *j, pact_buf *out) {
    memset(j, 0, sizeof *j);
    j->out = out;
    j->first[0] = true;
}

/* Appends; with room in the buffer (the usual case) without a call: records
 * are many short pieces. Same limits as pact_buf_append. */
static inline void put(pact_json *j, const char *s, size_t n) {
    pact_buf *b = j->out;
    if (j->err) return;
    if (b->ptr && n < b->cap - b->len && n <= b->max && b->len <= b->max - n) {
        memcpy(b->ptr + b->len, s, n);
        b->len += n;
        b->ptr[b->len] = '\0';
        return;
    }
    j->err = pact_buf_append(b, s, n);
}

/* Separator before a value or key at the current level. */
static void sep(pact_json *j) {
    if (j->after_key) {
        j->after_key = false;
        return;
    }
    if (!j->first[j->depth]) put(j, ",", 1);
    j->first[j->depth] = false;
}

static void open(pact_json *j, char c) {
    sep(j);
    put(j, &c, 1);
    if (j->depth + 1 >= PACT_JSON_MAX_DEPTH) {
        j->err = PACT_EDEPTH;
        return;
    }
    j->first[++j->depth] = true;
}

static void close_(pact_json *j, char c) {
    if (j->depth > 0) j->depth--;
    put(j, &c, 1);
}

void pact_json_object_begin(pact_json *j) { open(j, '{'); }
void pact_json_object_end(pact_json *j) { close_(j, '}'); }
void pact_json_array_begin(pact_json *j) { open(j, '['); }
void pact_json_array_end(pact_json *j) { close_(j, ']'); }

static void write_string(pact_json *j, const char *s, size_t len) {
    static const char hex[] = "0123456789abcdef";
    put(j, "\"", 1);
    size_t run = 0, i = 0;
    const unsigned char *us = (const unsigned char *)s;
    while (i < len) {
        unsigned char c = us[i];
        const char *esc = NULL;
        char u[7];
        size_t adv = 1;
        if (c >= 0x20 && c != '"' && c != '\\' && c < 0x7F) { i++; continue; }
        /* well-formed two- and three-byte letters (Vietnamese text) checked
         * inline; the rest as below */
        if (c >= 0xC2 && c <= 0xDF && i + 1 < len && (us[i + 1] & 0xC0) == 0x80) {
            i += 2;
            continue;
        }
        if (c >= 0xE0 && c <= 0xEF && i + 2 < len && (us[i + 1] & 0xC0) == 0x80 && (us[i + 2] & 0xC0) == 0x80) {
            unsigned cp = ((c & 0x0Fu) << 12) | ((us[i + 1] & 0x3Fu) << 6) | (us[i + 2] & 0x3Fu);
            if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF) && cp != 0x2028 && cp != 0x2029) {
                i += 3;
                continue;
            }
        }
        if (c >= 0x80) {
            int32_t cp = pact_utf8_decode(s + i, len - i, &adv);
            if (cp >= 0 && cp != 0x2028 && cp != 0x2029) { i += adv; continue; }
            if (cp < 0) esc = "\\ufffd";
            else esc = cp == 0x2028 ? "\\u2028" : "\\u2029";
        } else if (c == '"') esc = "\\\"";
        else if (c == '\\') esc = "\\\\";
        else if (c == '\n') esc = "\\n";
        else if (c == '\t') esc = "\\t";
        else if (c == '\r') esc = "\\r";
        else if (c == '\b') esc = "\\b";
        else if (c == '\f') esc = "\\f";
        else {
            u[0] = '\\'; u[1] = 'u'; u[2] = '0'; u[3] = '0';
            u[4] = hex[c >> 4]; u[5] = hex[c & 15]; u[6] = '\0';
            esc = u;
        }
        put(j, s + run, i - run);
        put(j, esc, strlen(esc));
        i += adv;
        run = i;
    }
    put(j, s + run, len - run);
    put(j, "\"", 1);
}

void pact_json_key(pact_json *j, const char *key) {
    sep(j);
    write_string(j, key, strlen(key));
    put(j, ":", 1);
    j->after_key = true;
}

void pact_json_string(pact_json *j, const char *s, size_t len) {
    sep(j);
    write_string(j, s, len);
}

void pact_json_cstr(pact_json *j, const char *s) {
    if (!s) pact_json_null(j);
    else pact_json_string(j, s, strlen(s));
}

void pact_json_int(pact_json *j, long long v) {
    sep(j);
    /* by hand, not snprintf: records are mostly spans, and printf's format
     * parsing was a visible share of writing them */
    char tmp[24];
    size_t i = sizeof tmp;
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    do {
        tmp[--i] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0) tmp[--i] = '-';
    put(j, tmp + i, sizeof tmp - i);
}

void pact_json_double(pact_json *j, double v) {
    if (!isfinite(v)) {
        pact_json_null(j);
        return;
    }
    sep(j);
    char tmp[40];
    int n = snprintf(tmp, sizeof tmp, "%.6g", v);
    put(j, tmp, (size_t)n);
}

void pact_json_bool(pact_json *j, bool v) {
    sep(j);
    put(j, v ? "true" : "false", v ? 4 : 5);
}

void pact_json_null(pact_json *j) {
    sep(j);
    put(j, "null", 4);
}

void pact_json_raw(pact_json *j, const char *s, size_t len) {
    sep(j);
    put(j, s, len);
}

void pact_json_span(pact_json *j, size_t start, size_t end) {
    pact_json_array_begin(j);
    pact_json_int(j, (long long)start);
    pact_json_int(j, (long long)end);
    pact_json_array_end(j);
}
