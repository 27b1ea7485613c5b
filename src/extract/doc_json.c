/* The JSON Lines input's objects read in place (see doc_json.h): a strict
 * scanner that accepts a subset of what jansson accepts with flags 0, and
 * gives the same members for it. */
#include "extract/doc_json.h"

#include <stdint.h>
#include <string.h>

#include "util/util.h"

enum { M_DOC, M_TEXT, M_HTML, M_URL, M_DATE, M_COUNT };

/* Deeper values are left to jansson (its limit is 2048). */
#define MAX_DEPTH 32

/* A known member's string, still escaped, between its quotes. */
typedef struct {
    const char *p;
    size_t n;
    bool esc;     /* holds backslash escapes */
    bool seen;    /* the key occurred (a second time: jansson's last-wins, not ours) */
    bool string;  /* a string, not null */
} member;

typedef struct {
    const unsigned char *s;
    size_t len, i;
} scan;

static bool is_ws(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

static void skip_ws(scan *sc) {
    while (sc->i < sc->len && is_ws(sc->s[sc->i])) sc->i++;
}

/* The length of the UTF-8 sequence at s (first byte >= 0x80) if jansson
 * takes it (no overlong forms, surrogates or code points past U+10FFFF),
 * else 0. */
static size_t utf8_len(const unsigned char *s, size_t avail) {
    unsigned c = s[0];
    size_t n;
    uint32_t v;
    if (c < 0xC2) return 0;
    if (c < 0xE0) { n = 2; v = c & 0x1F; }
    else if (c < 0xF0) { n = 3; v = c & 0x0F; }
    else if (c < 0xF5) { n = 4; v = c & 0x07; }
    else return 0;
    if (avail < n) return 0;
    for (size_t k = 1; k < n; k++) {
        if ((s[k] & 0xC0) != 0x80) return 0;
        v = (v << 6) | (s[k] & 0x3Fu);
    }
    if (n == 3 && (v < 0x800 || (v >= 0xD800 && v <= 0xDFFF))) return 0;
    if (n == 4 && (v < 0x10000 || v > 0x10FFFF)) return 0;
    return n;
}

/* Four hex digits at s (at least 4 bytes there), or -1. */
static int32_t hex4(const unsigned char *s) {
    int32_t v = 0;
    for (int k = 0; k < 4; k++) {
        unsigned c = s[k];
        int d;
        if (c >= '0' && c <= '9') d = (int)(c - '0');
        else if (c >= 'a' && c <= 'f') d = (int)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') d = (int)(c - 'A' + 10);
        else return -1;
        v = v * 16 + d;
    }
    return v;
}

/* The \uXXXX escape (or surrogate pair) at s[i] ('\\' 'u'): its code point,
 * *i moved past it; -1 for what jansson refuses (bad digits, \u0000, a lone
 * or reversed surrogate). */
static int32_t unicode_escape(const unsigned char *s, size_t len, size_t *i) {
    if (len - *i < 6) return -1;
    int32_t u = hex4(s + *i + 2);
    if (u <= 0 || (u >= 0xDC00 && u <= 0xDFFF)) return -1;
    *i += 6;
    if (u < 0xD800 || u > 0xDBFF) return u;
    if (len - *i < 6 || s[*i] != '\\' || s[*i + 1] != 'u') return -1;
    int32_t lo = hex4(s + *i + 2);
    if (lo < 0xDC00 || lo > 0xDFFF) return -1;
    *i += 6;
    return 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
}

/* A string at sc->i (its opening quote): checked, not copied. */
static bool scan_string(scan *sc, const char **p, size_t *n, bool *esc) {
    const unsigned char *s = sc->s;
    size_t len = sc->len, i = sc->i + 1;
    bool e = false;
    for (;;) {
        if (i >= len) return false;
        unsigned char c = s[i];
        if (c == '"') break;
        if (c >= 0x20 && c < 0x80 && c != '\\') {
            i++;
            continue;
        }
        if (c >= 0x80) {
            size_t k = utf8_len(s + i, len - i);
            if (!k) return false;
            i += k;
            continue;
        }
        if (c != '\\' || i + 1 >= len) return false;  /* a control character */
        e = true;
        unsigned char x = s[i + 1];
        if (x == 'u') {
            if (unicode_escape(s, len, &i) < 0) return false;
        } else if (x == '"' || x == '\\' || x == '/' || x == 'b' || x == 'f' || x == 'n' || x == 'r' ||
                   x == 't') {
            i += 2;
        } else {
            return false;
        }
    }
    if (p) *p = (const char *)s + sc->i + 1;
    if (n) *n = i - (sc->i + 1);
    if (esc) *esc = e;
    sc->i = i + 1;
    return true;
}

static bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

/* A number jansson reads without overflow: at most 18 digits, an exponent
 * of at most two. */
static bool scan_number(scan *sc) {
    const unsigned char *s = sc->s;
    size_t len = sc->len, i = sc->i;
    if (s[i] == '-') i++;
    if (i >= len || !is_digit(s[i])) return false;
    size_t d0 = i;
    if (s[i] == '0') {
        i++;
        if (i < len && is_digit(s[i])) return false;
    } else {
        while (i < len && is_digit(s[i])) i++;
    }
    size_t digits = i - d0;
    if (i < len && s[i] == '.') {
        size_t f0 = ++i;
        while (i < len && is_digit(s[i])) i++;
        if (i == f0) return false;
        digits += i - f0;
    }
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < len && (s[i] == '+' || s[i] == '-')) i++;
        size_t e0 = i;
        while (i < len && is_digit(s[i])) i++;
        if (i == e0 || i - e0 > 2) return false;
    }
    if (digits > 18) return false;
    sc->i = i;
    return true;
}

static bool literal(scan *sc, const char *word, size_t n) {
    if (sc->len - sc->i < n || memcmp(sc->s + sc->i, word, n) != 0) return false;
    sc->i += n;
    return true;
}

static bool skip_value(scan *sc, int depth);

/* After '[' or '{': values (with keys for an object) up to the closing one. */
static bool skip_container(scan *sc, int depth, bool object) {
    unsigned char close = object ? '}' : ']';
    sc->i++;
    skip_ws(sc);
    if (sc->i < sc->len && sc->s[sc->i] == close) {
        sc->i++;
        return true;
    }
    for (;;) {
        if (object) {
            if (sc->i >= sc->len || sc->s[sc->i] != '"' || !scan_string(sc, NULL, NULL, NULL)) return false;
            skip_ws(sc);
            if (sc->i >= sc->len || sc->s[sc->i] != ':') return false;
            sc->i++;
            skip_ws(sc);
        }
        if (!skip_value(sc, depth)) return false;
        skip_ws(sc);
        if (sc->i >= sc->len) return false;
        unsigned char c = sc->s[sc->i++];
        if (c == close) return true;
        if (c != ',') return false;
        skip_ws(sc);
    }
}

/* Any value of an unknown member, checked as jansson would, not kept. */
static bool skip_value(scan *sc, int depth) {
    if (sc->i >= sc->len) return false;
    unsigned char c = sc->s[sc->i];
    if (c == '"') return scan_string(sc, NULL, NULL, NULL);
    if (c == '{' || c == '[') return depth < MAX_DEPTH && skip_container(sc, depth + 1, c == '{');
    if (c == '-' || is_digit(c)) return scan_number(sc);
    return literal(sc, "true", 4) || literal(sc, "false", 5) || literal(sc, "null", 4);
}

static int member_index(const char *k, size_t n) {
    switch (n) {
    case 3:
        if (!memcmp(k, "doc", 3)) return M_DOC;
        if (!memcmp(k, "url", 3)) return M_URL;
        break;
    case 4:
        if (!memcmp(k, "text", 4)) return M_TEXT;
        if (!memcmp(k, "html", 4)) return M_HTML;
        if (!memcmp(k, "date", 4)) return M_DATE;
        break;
    default:
        break;
    }
    return -1;
}

/* The member's string unescaped into the arena (checked by scan_string). */
static char *decode(pact_arena *arena, const member *m, size_t *outlen) {
    if (!m->esc) {
        *outlen = m->n;
        return pact_arena_strndup(arena, m->p, m->n);
    }
    const unsigned char *s = (const unsigned char *)m->p;
    char *out = pact_arena_alloc(arena, m->n + 1);  /* escapes only shrink */
    size_t i = 0, o = 0;
    while (i < m->n) {
        const unsigned char *bs = memchr(s + i, '\\', m->n - i);
        size_t run = bs ? (size_t)(bs - (s + i)) : m->n - i;
        memcpy(out + o, s + i, run);
        o += run;
        i += run;
        if (!bs) break;
        unsigned char x = s[i + 1];
        if (x == 'u') {
            int32_t cp = unicode_escape(s, m->n, &i);
            o += pact_utf8_encode(cp, out + o);
            continue;
        }
        char c = x == 'b' ? '\b' : x == 'f' ? '\f' : x == 'n' ? '\n' : x == 'r' ? '\r' : x == 't' ? '\t' : (char)x;
        out[o++] = c;
        i += 2;
    }
    out[o] = '\0';
    *outlen = o;
    return out;
}

bool pact__doc_json_fast(const char *line, size_t len, const char *fallback_name, pact_arena *arena,
                         pact_doc *doc) {
    member m[M_COUNT];
    memset(m, 0, sizeof m);
    scan sc = {(const unsigned char *)line, len, 0};
    skip_ws(&sc);
    if (sc.i >= len || sc.s[sc.i] != '{') return false;
    sc.i++;
    skip_ws(&sc);
    for (;;) {
        const char *key;
        size_t klen;
        bool kesc;
        if (sc.i >= len || sc.s[sc.i] != '"' || !scan_string(&sc, &key, &klen, &kesc) || kesc) return false;
        skip_ws(&sc);
        if (sc.i >= len || sc.s[sc.i] != ':') return false;
        sc.i++;
        skip_ws(&sc);
        int k = member_index(key, klen);
        if (k < 0) {
            if (!skip_value(&sc, 0)) return false;
        } else {
            if (m[k].seen) return false;
            m[k].seen = true;
            if (sc.i < len && sc.s[sc.i] == '"') {
                if (!scan_string(&sc, &m[k].p, &m[k].n, &m[k].esc)) return false;
                m[k].string = true;
            } else if (!literal(&sc, "null", 4)) {
                return false;  /* not a string: jansson's path says so */
            }
        }
        skip_ws(&sc);
        if (sc.i >= len) return false;
        unsigned char c = sc.s[sc.i++];
        if (c == '}') break;
        if (c != ',') return false;
        skip_ws(&sc);
    }
    skip_ws(&sc);
    if (sc.i != len) return false;
    if (m[M_TEXT].string == m[M_HTML].string) return false;  /* both or neither: an error */

    /* As pact_doc_from_json (batch.c) makes the document of the members. */
    memset(doc, 0, sizeof *doc);
    size_t n;
    if (m[M_DOC].string) doc->doc = decode(arena, &m[M_DOC], &n);
    const member *page = m[M_TEXT].string ? &m[M_TEXT] : &m[M_HTML];
    doc->data = decode(arena, page, &doc->len);
    if (m[M_URL].string) doc->source_url = decode(arena, &m[M_URL], &n);
    if (m[M_DATE].string) doc->date = decode(arena, &m[M_DATE], &n);
    if (!doc->doc) doc->doc = pact_arena_strdup(arena, fallback_name ? fallback_name : "-");
    if (doc->date && !(strlen(doc->date) == 10 && doc->date[4] == '-' && doc->date[7] == '-'))
        doc->date = NULL;  /* not a day: no fallback date rather than a wrong one */
    return true;
}
