/* The JSON writer against hostile strings: every control character, quotes,
 * backslashes, invalid UTF-8, U+2028/U+2029; the output is checked against
 * expected text and by a small JSON validator. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "util/util.h"

/* ---- a small validating JSON parser (RFC 8259) ---- */
static const char *ws(const char *p) {
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') p++;
    return p;
}
static const char *value(const char *p, int depth);
static const char *string(const char *p) {
    if (*p++ != '"') return NULL;
    while (*p != '"') {
        unsigned char c = (unsigned char)*p;
        if (c < 0x20) return NULL;  /* raw control characters are not allowed */
        if (c == '\\') {
            p++;
            if (*p == 'u') {
                for (int i = 1; i <= 4; i++)
                    if (!strchr("0123456789abcdefABCDEF", p[i]) || !p[i]) return NULL;
                p += 5;
            } else if (*p && strchr("\"\\/bfnrt", *p)) {
                p++;
            } else {
                return NULL;
            }
        } else if (c >= 0x80) {
            size_t adv;
            if (pact_utf8_decode(p, strlen(p), &adv) < 0) return NULL;
            p += adv;
        } else {
            p++;
        }
    }
    return p + 1;
}
static const char *number(const char *p) {
    if (*p == '-') p++;
    if (*p == '0') p++;
    else if (*p >= '1' && *p <= '9') while (*p >= '0' && *p <= '9') p++;
    else return NULL;
    if (*p == '.') {
        p++;
        if (!(*p >= '0' && *p <= '9')) return NULL;
        while (*p >= '0' && *p <= '9') p++;
    }
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '+' || *p == '-') p++;
        if (!(*p >= '0' && *p <= '9')) return NULL;
        while (*p >= '0' && *p <= '9') p++;
    }
    return p;
}
static const char *value(const char *p, int depth) {
    if (depth > 100) return NULL;
    p = ws(p);
    if (*p == '"') return string(p);
    if (*p == '{' || *p == '[') {
        char close = *p == '{' ? '}' : ']';
        bool obj = *p == '{';
        p = ws(p + 1);
        if (*p == close) return p + 1;
        for (;;) {
            if (obj) {
                p = string(ws(p));
                if (!p) return NULL;
                p = ws(p);
                if (*p++ != ':') return NULL;
            }
            p = value(p, depth + 1);
            if (!p) return NULL;
            p = ws(p);
            if (*p == ',') { p++; continue; }
            if (*p == close) return p + 1;
            return NULL;
        }
    }
    if (strncmp(p, "true", 4) == 0) return p + 4;
    if (strncmp(p, "false", 5) == 0) return p + 5;
    if (strncmp(p, "null", 4) == 0) return p + 4;
    return number(p);
}
static bool valid_json(const char *s) {
    const char *e = value(s, 0);
    return e && *ws(e) == '\0';
}

/* One string value written by the writer. */
static char *str(const char *s, size_t n) {
    pact_buf b;
    pact_buf_init(&b, 0);
    pact_json j;
    pact_json_init(&j, &b);
    pact_json_string(&j, s, n);
    CHECK(j.err == 0);
    CHECK(valid_json(b.ptr));
    return pact_buf_detach(&b, NULL);
}

#define STR(in, n, want)                \
    do {                                \
        char *got_ = str(in, n);        \
        CHECK_STR(got_, want);          \
        free(got_);                     \
    } while (0)

int main(void) {
    /* every control character */
    static const char *ctl[32] = {
        "\\u0000", "\\u0001", "\\u0002", "\\u0003", "\\u0004", "\\u0005", "\\u0006", "\\u0007",
        "\\b", "\\t", "\\n", "\\u000b", "\\f", "\\r", "\\u000e", "\\u000f",
        "\\u0010", "\\u0011", "\\u0012", "\\u0013", "\\u0014", "\\u0015", "\\u0016", "\\u0017",
        "\\u0018", "\\u0019", "\\u001a", "\\u001b", "\\u001c", "\\u001d", "\\u001e", "\\u001f",
    };
    for (int c = 0; c < 32; c++) {
        char in[3] = {'a', (char)c, 'b'};
        char want[16];
        snprintf(want, sizeof want, "\"a%sb\"", ctl[c]);
        STR(in, 3, want);
    }
    STR("\x7F", 1, "\"\\u007f\"");
    STR("\"", 1, "\"\\\"\"");
    STR("\\", 1, "\"\\\\\"");
    STR("say \"hi\"\\n", 10, "\"say \\\"hi\\\"\\\\n\"");
    STR("a/b", 3, "\"a/b\"");
    STR("", 0, "\"\"");
    /* valid UTF-8 passes through */
    STR("Thỏa thuận “AUKUS”", strlen("Thỏa thuận “AUKUS”"), "\"Thỏa thuận “AUKUS”\"");
    STR("\xF0\x9F\x98\x80", 4, "\"\xF0\x9F\x98\x80\"");
    /* U+2028 and U+2029 are escaped (JavaScript line terminators) */
    STR("a\xE2\x80\xA8" "b\xE2\x80\xA9", 8, "\"a\\u2028b\\u2029\"");
    /* invalid UTF-8: one U+FFFD per bad byte */
    STR("\xFF", 1, "\"\\ufffd\"");
    STR("a\xC3", 2, "\"a\\ufffd\"");
    STR("\xE2\x82", 2, "\"\\ufffd\\ufffd\"");
    STR("\xC0\x80", 2, "\"\\ufffd\\ufffd\"");
    STR("\xED\xA0\x80", 3, "\"\\ufffd\\ufffd\\ufffd\"");
    STR("x\xF4\x90\x80\x80y", 6, "\"x\\ufffd\\ufffd\\ufffd\\ufffdy\"");

    /* every byte value once, in one string */
    char all[256];
    for (int i = 0; i < 256; i++) all[i] = (char)i;
    char *got = str(all, 256);
    CHECK(valid_json(got));
    free(got);

    /* structure */
    pact_buf b;
    pact_buf_init(&b, 0);
    pact_json j;
    pact_json_init(&j, &b);
    pact_json_object_begin(&j);
    pact_json_key(&j, "doc\n\"id\"");
    pact_json_cstr(&j, "a\x01");
    pact_json_key(&j, "span");
    pact_json_span(&j, 3, 17);
    pact_json_key(&j, "list");
    pact_json_array_begin(&j);
    pact_json_int(&j, -42);
    pact_json_double(&j, 0.5);
    pact_json_double(&j, HUGE_VAL);
    pact_json_bool(&j, true);
    pact_json_bool(&j, false);
    pact_json_null(&j);
    pact_json_cstr(&j, NULL);
    pact_json_array_begin(&j);
    pact_json_array_end(&j);
    pact_json_object_begin(&j);
    pact_json_object_end(&j);
    pact_json_raw(&j, "{\"x\":1}", 7);
    pact_json_array_end(&j);
    pact_json_key(&j, "big");
    pact_json_double(&j, 1e300);
    pact_json_object_end(&j);
    CHECK(j.err == 0);
    CHECK_STR(b.ptr, "{\"doc\\n\\\"id\\\"\":\"a\\u0001\",\"span\":[3,17],\"list\":[-42,0.5,null,true,false,"
                     "null,null,[],{},{\"x\":1}],\"big\":1e+300}");
    CHECK(valid_json(b.ptr));

    /* nesting past the limit is an error, never a buffer overrun */
    pact_buf_truncate(&b, 0);
    pact_json_init(&j, &b);
    for (int i = 0; i < PACT_JSON_MAX_DEPTH + 10; i++) pact_json_array_begin(&j);
    CHECK(j.err == PACT_EDEPTH);
    pact_buf_truncate(&b, 0);
    pact_json_init(&j, &b);
    for (int i = 0; i < PACT_JSON_MAX_DEPTH - 1; i++) pact_json_array_begin(&j);
    for (int i = 0; i < PACT_JSON_MAX_DEPTH - 1; i++) pact_json_array_end(&j);
    CHECK(j.err == 0);
    CHECK(valid_json(b.ptr));

    /* a capped buffer: the error is sticky and reported */
    pact_buf small;
    pact_buf_init(&small, 8);
    pact_json_init(&j, &small);
    pact_json_cstr(&j, "0123456789");
    CHECK(j.err == PACT_ETOOBIG);
    pact_json_int(&j, 1);
    CHECK(j.err == PACT_ETOOBIG);
    pact_buf_free(&small);
    pact_buf_free(&b);

    /* the validator itself rejects what it should */
    CHECK(!valid_json("\"a\x01\""));
    CHECK(!valid_json("[1,]"));
    CHECK(!valid_json("{\"a\" 1}"));
    CHECK(!valid_json("\"\\x\""));
    CHECK(valid_json(" [1, {\"a\": [true, null]}, -0.5e3] "));
    return check_done();
}
