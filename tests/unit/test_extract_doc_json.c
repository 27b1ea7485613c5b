/* The JSON Lines input's fast reader (src/extract/doc_json.c) against
 * jansson: whatever line the fast reader takes, jansson takes too and gives
 * the same members; the lines it must leave to jansson (errors, duplicate
 * keys, escaped keys, deep or huge values) it leaves. Hostile lines written
 * by hand, then many thousand machine-made mutations of them. */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "extract/batch.h"
#include "extract/doc_json.h"
#include "util/util.h"

/* What the jansson path makes of a line; the fast path must agree. */
static bool same_as_jansson(const char *line, size_t len, const pact_doc *fast) {
    pact_arena *a = pact_arena_new();
    pact_doc ref;
    char err[256];
    /* the fast path is tried first inside pact_doc_from_json; read with
     * jansson directly to compare with something else */
    json_error_t je;
    json_t *o = json_loadb(line, len, 0, &je);
    bool ok = o && json_is_object(o);
    memset(&ref, 0, sizeof ref);
    const char *keys[] = {"doc", "text", "html", "url", "date"};
    const char *val[5] = {0};
    size_t vlen[5] = {0};
    for (int k = 0; ok && k < 5; k++) {
        json_t *v = json_object_get(o, keys[k]);
        if (!v || json_is_null(v)) continue;
        if (!json_is_string(v)) ok = false;
        else {
            val[k] = json_string_value(v);
            vlen[k] = json_string_length(v);
        }
    }
    if (ok && (!val[1]) == (!val[2])) ok = false;
    if (ok) {
        const char *data = val[1] ? val[1] : val[2];
        size_t dlen = val[1] ? vlen[1] : vlen[2];
        const char *docname = val[0] ? val[0] : "fb";
        ok = fast->len == dlen && memcmp(fast->data, data, dlen) == 0 && fast->data[dlen] == '\0' &&
             strcmp(fast->doc, docname) == 0 &&
             ((!val[3] && !fast->source_url) || (val[3] && fast->source_url && !strcmp(val[3], fast->source_url)));
        bool day = val[4] && strlen(val[4]) == 10 && val[4][4] == '-' && val[4][7] == '-';
        ok = ok && ((!day && !fast->date) || (day && fast->date && !strcmp(fast->date, val[4])));
    }
    /* and the whole function gives the same document */
    if (ok) {
        int rc = pact_doc_from_json(line, len, "fb", a, &ref, err, sizeof err);
        ok = rc == PACT_OK && ref.len == fast->len && !memcmp(ref.data, fast->data, ref.len) &&
             !strcmp(ref.doc, fast->doc);
    }
    json_decref(o);
    pact_arena_free(a);
    return ok;
}

/* Returns whether the fast path took the line; checks it against jansson. */
static bool try_line(const char *line, size_t len) {
    pact_arena *a = pact_arena_new();
    pact_doc doc;
    memset(&doc, 0x55, sizeof doc);
    size_t before = pact_arena_used(a);
    bool took = pact__doc_json_fast(line, len, "fb", a, &doc);
    if (took && !same_as_jansson(line, len, &doc)) {
        check_failures++;
        fprintf(stderr, "fast reader disagrees with jansson on: %.*s\n", (int)(len > 200 ? 200 : len), line);
    }
    if (!took && pact_arena_used(a) != before) {
        check_failures++;
        fprintf(stderr, "fast reader used the arena on a line it left: %.*s\n", (int)(len > 200 ? 200 : len), line);
    }
    check_count++;
    pact_arena_free(a);
    return took;
}

static bool take(const char *s) { return try_line(s, strlen(s)); }

static const char *const taken[] = {
    "{\"doc\":\"a\",\"text\":\"M\xe1\xbb\xb9 v\xc3\xa0 Nh\xe1\xba\xadt\"}",
    "  {  \"text\" : \"x\" , \"doc\" : \"b\" }  \r\n",
    "{\"doc\":\"c\",\"text\":\"x\",\"x\":{\"a\":[1,2,{\"b\":null}],\"c\":\"\\u00e9\\ud83d\\ude00\"}}",
    "{\"doc\":null,\"html\":\"<p>x</p>\",\"text\":null}",
    "{\"text\":\"x\"}",
    "{\"doc\":\"\",\"text\":\"\"}",
    "{\"doc\":\"e\\\"q\\\\\\/\\b\\f\\n\\r\\t\",\"text\":\"\\u0041\\u00e9\\u1ea1\\uD83D\\uDE00\\uDBFF\\uDFFF\"}",
    "{\"doc\":\"d\",\"date\":\"2024-01-02\",\"url\":\"http://x/\",\"text\":\"x\"}",
    "{\"doc\":\"d\",\"date\":\"2024-1-02\",\"text\":\"x\"}",
    "{\"n\":[0,-0,1.5e-3,2E+5,-12.25,123456789012345678,true,false,null,[],{}],\"text\":\"x\"}",
    "{\"nested\":{\"y\":\"}\\\"{[\"},\"text\":\"x\"}",
    "{\"te\\\"xt\":1,\"text\":\"x\"}",  /* an escaped unknown key: left, see below */
};

static const char *const left[] = {
    "",
    "   ",
    "[{\"text\":\"x\"}]",
    "\"str\"",
    "{}",
    "{\"doc\":\"a\"}",
    "{\"text\":\"a\",\"html\":\"b\"}",
    "{\"text\":\"a\",\"text\":\"b\"}",
    "{\"text\":\"a\",\"text\":null}",
    "{\"doc\":5,\"text\":\"x\"}",
    "{\"text\":true}",
    "{\"text\":[\"a\"]}",
    "{\"url\":3,\"text\":\"x\"}",
    "{\"text\":\"a\\u0000b\"}",
    "{\"text\":\"a\\ud800b\"}",
    "{\"text\":\"a\\udc00b\"}",
    "{\"text\":\"a\\ud800\\u0041\"}",
    "{\"text\":\"a\\ud800\"}",
    "{\"text\":\"a\\xb\"}",
    "{\"text\":\"a\\u12\"}",
    "{\"text\":\"a\\u12g4\"}",
    "{\"text\":\"a\\\"}",
    "{\"text\":\"a\tb\"}",
    "{\"text\":\"a\x01" "b\"}",
    "{\"text\":\"a\xc3\"}",
    "{\"text\":\"a\xc0\x80\"}",
    "{\"text\":\"a\xed\xa0\x80\"}",
    "{\"text\":\"a\xf4\x90\x80\x80\"}",
    "{\"text\":\"a\xe0\x80\xaf\"}",
    "{\"text\":\"a\xf0\x8f\xbf\xbf\"}",
    "{\"text\":\"a\xf5\x80\x80\x80\"}",
    "{\"x\xff\":1,\"text\":\"a\"}",
    "{\"text\":\"x\"} x",
    "{\"text\":\"x\"},",
    "{\"text\":\"x\"}}",
    "{\"text\":\"x\"",
    "{\"text\":\"x\",}",
    "{,\"text\":\"x\"}",
    "{\"text\" \"x\"}",
    "{text:\"x\"}",
    "{\"n\":01,\"text\":\"x\"}",
    "{\"n\":1.,\"text\":\"x\"}",
    "{\"n\":-,\"text\":\"x\"}",
    "{\"n\":1e999,\"text\":\"x\"}",
    "{\"n\":99999999999999999999999,\"text\":\"x\"}",
    "{\"n\":truex,\"text\":\"x\"}",
    "{\"n\":nul,\"text\":\"x\"}",
    "{\"\\u0074ext\":\"x\"}",
    "{\"a\\u0000b\":1,\"text\":\"x\"}",
    "{\"n\":[1,],\"text\":\"x\"}",
    "{\"n\":[1 2],\"text\":\"x\"}",
    "{\"n\":{\"a\"},\"text\":\"x\"}",
    "\xef\xbb\xbf{\"text\":\"x\"}",
    "{\"text\":\"x\"\v}",
    "{\"text\":'x'}",
    "{\"text\":\"x\"/*c*/}",
};

/* A deterministic generator for the mutations. */
static uint64_t rng = 0x9e3779b97f4a7c15ULL;
static uint64_t next(void) {
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

int main(void) {
    for (size_t i = 0; i + 1 < sizeof taken / sizeof *taken; i++) {
        if (!take(taken[i])) {
            check_failures++;
            fprintf(stderr, "fast reader left a line it should take: %s\n", taken[i]);
        }
    }
    CHECK(!take(taken[sizeof taken / sizeof *taken - 1]));  /* escaped keys: jansson's */
    for (size_t i = 0; i < sizeof left / sizeof *left; i++) {
        if (take(left[i])) {
            check_failures++;
            fprintf(stderr, "fast reader took a line it must leave to jansson: %s\n", left[i]);
        }
    }
    /* a NUL byte inside the line */
    CHECK(!try_line("{\"text\":\"a\0b\"}", 14));
    CHECK(!try_line("{\"text\":\"ab\"}\0", 14));
    /* deep nesting: left beyond the fast reader's depth, taken below it */
    {
        char deep[8192];
        size_t n = 0;
        n += (size_t)sprintf(deep + n, "{\"x\":");
        for (int d = 0; d < 3000; d++) deep[n++] = '[';
        for (int d = 0; d < 3000; d++) deep[n++] = ']';
        n += (size_t)sprintf(deep + n, ",\"text\":\"x\"}");
        CHECK(!try_line(deep, n));
        n = 0;
        n += (size_t)sprintf(deep + n, "{\"x\":");
        for (int d = 0; d < 20; d++) deep[n++] = '[';
        for (int d = 0; d < 20; d++) deep[n++] = ']';
        n += (size_t)sprintf(deep + n, ",\"text\":\"x\"}");
        CHECK(try_line(deep, n));
    }
    /* the decoded members, by hand */
    {
        pact_arena *a = pact_arena_new();
        pact_doc d;
        const char *l = "{\"doc\":\"e\\\"q\\\\\\/\\n\",\"url\":\"u\",\"date\":\"2024-01-02\","
                        "\"text\":\"\\u0041\\u00e9\\u1ea1\\uD83D\\uDE00!\"}";
        CHECK(pact__doc_json_fast(l, strlen(l), "fb", a, &d));
        CHECK_STR(d.doc, "e\"q\\/\n");
        CHECK_STR(d.data, "A\xc3\xa9\xe1\xba\xa1\xf0\x9f\x98\x80!");
        CHECK(d.len == 11);
        CHECK_STR(d.source_url, "u");
        CHECK_STR(d.date, "2024-01-02");
        l = "{\"text\":\"x\",\"date\":\"2024-1-02\"}";
        CHECK(pact__doc_json_fast(l, strlen(l), NULL, a, &d));
        CHECK_STR(d.doc, "-");
        CHECK(d.date == NULL);
        pact_arena_free(a);
    }
    /* mutations: any byte changed, dropped, doubled or replaced by a
     * JSON-significant one; every line the fast path takes must be jansson's */
    {
        static const char special[] = "\"\\{}[]:,u0aeE.-+ \t\x01\x80\xc3\xed\xf4";
        size_t nseeds = sizeof taken / sizeof *taken + sizeof left / sizeof *left;
        char buf[512];
        int took = 0;
        for (int it = 0; it < 60000; it++) {
            size_t si = (size_t)(next() % nseeds);
            const char *seed = si < sizeof taken / sizeof *taken ? taken[si] : left[si - sizeof taken / sizeof *taken];
            size_t n = strlen(seed);
            memcpy(buf, seed, n);
            int edits = 1 + (int)(next() % 3);
            for (int e = 0; e < edits && n > 0 && n < sizeof buf - 8; e++) {
                size_t at = (size_t)(next() % n);
                switch (next() % 4) {
                case 0: buf[at] = special[next() % (sizeof special - 1)]; break;
                case 1: buf[at] = (char)(next() & 0xFF); break;
                case 2: memmove(buf + at, buf + at + 1, n - at - 1); n--; break;
                default: memmove(buf + at + 1, buf + at, n - at); n++; break;
                }
            }
            took += try_line(buf, n);
        }
        CHECK(took > 1000);  /* the mutations exercise both paths */
    }
    return check_done();
}
