/* UTF-8: decoding (overlongs, surrogates, range, truncation at every
 * position), encoding, validation and sanitising with warning offsets. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "util/util.h"

static int32_t dec(const char *s, size_t n, size_t *adv) { return pact_utf8_decode(s, n, adv); }

static char warned[16][128];
static int nwarned = 0;
static void sink(pact_diag *d, const char *msg) {
    (void)d;
    if (nwarned < 16) snprintf(warned[nwarned++], sizeof warned[0], "%s", msg);
}

int main(void) {
    size_t adv;
    /* valid sequences of each length, at the range edges */
    struct { const char *s; int32_t cp; } ok[] = {
        {"\x00", 0}, {"A", 'A'}, {"\x7F", 0x7F}, {"\xC2\x80", 0x80}, {"\xC3\xA0", 0xE0},
        {"\xDF\xBF", 0x7FF}, {"\xE0\xA0\x80", 0x800}, {"\xE1\xBB\x87", 0x1EC7},
        {"\xED\x9F\xBF", 0xD7FF}, {"\xEE\x80\x80", 0xE000}, {"\xEF\xBF\xBD", 0xFFFD},
        {"\xEF\xBF\xBF", 0xFFFF}, {"\xF0\x90\x80\x80", 0x10000}, {"\xF0\x9F\x98\x80", 0x1F600},
        {"\xF4\x8F\xBF\xBF", 0x10FFFF},
    };
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
        size_t n = ok[i].cp == 0 ? 1 : strlen(ok[i].s);
        CHECK(dec(ok[i].s, n, &adv) == ok[i].cp && adv == n);
        char out[4];
        CHECK(pact_utf8_encode(ok[i].cp, out) == n && memcmp(out, ok[i].s, n) == 0);
        CHECK(pact_utf8_seqlen(ok[i].s, n) == n);
        CHECK(pact_utf8_valid(ok[i].s, n));
        /* cut short at every position: invalid, one byte consumed */
        for (size_t k = 1; k < n; k++) {
            CHECK(dec(ok[i].s, k, &adv) == -1 && adv == 1);
            CHECK(!pact_utf8_valid(ok[i].s, k));
            CHECK(pact_utf8_seqlen(ok[i].s, k) == 0);
        }
        /* a continuation byte replaced at every position: invalid */
        for (size_t k = 1; k < n; k++) {
            char bad[4];
            memcpy(bad, ok[i].s, n);
            bad[k] = 'x';
            CHECK(dec(bad, n, &adv) == -1 && adv == 1);
        }
    }
    CHECK(dec("", 0, &adv) == -1 && adv == 1);

    /* overlongs, surrogates, past U+10FFFF, stray bytes */
    const char *bad[] = {
        "\xC0\x80", "\xC1\xBF", "\xE0\x80\x80", "\xE0\x9F\xBF", "\xF0\x80\x80\x80", "\xF0\x8F\xBF\xBF",
        "\xED\xA0\x80", "\xED\xBF\xBF", "\xED\xB0\x80", "\xF4\x90\x80\x80", "\xF5\x80\x80\x80",
        "\xF8\x88\x80\x80\x80", "\xFC\x84\x80\x80\x80\x80", "\xFE", "\xFF", "\x80", "\xBF",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        CHECK(dec(bad[i], strlen(bad[i]), &adv) == -1 && adv == 1);
        CHECK(!pact_utf8_valid(bad[i], strlen(bad[i])));
    }

    /* encoding what cannot be encoded gives U+FFFD */
    char out[4];
    CHECK(pact_utf8_encode(0xD800, out) == 3 && memcmp(out, "\xEF\xBF\xBD", 3) == 0);
    CHECK(pact_utf8_encode(0x110000, out) == 3 && memcmp(out, "\xEF\xBF\xBD", 3) == 0);
    CHECK(pact_utf8_encode(-5, out) == 3 && memcmp(out, "\xEF\xBF\xBD", 3) == 0);
    /* every code point round-trips */
    int rt = 0;
    for (int32_t cp = 0; cp <= 0x10FFFF; cp++) {
        if (cp >= 0xD800 && cp <= 0xDFFF) continue;
        size_t n = pact_utf8_encode(cp, out);
        if (dec(out, n, &adv) != cp || adv != n) rt++;
    }
    CHECK(rt == 0);

    CHECK(pact_utf8_valid("Thỏa thuận AUKUS", strlen("Thỏa thuận AUKUS")));
    CHECK(pact_utf8_valid("", 0));
    CHECK(!pact_utf8_valid("ab\xC3", 3));

    /* sanitize: replacements, warnings with offsets, the map */
    pact_diag d;
    pact_diag_init(&d, "page.html");
    d.sink = sink;
    pact_buf b;
    pact_buf_init(&b, 0);
    pact_omap m;
    pact_omap_init(&m);
    const char *in = "a\xFF" "b\xC3\xA9\xE2\x82";  /* a, bad, b, é, truncated E2 82 */
    size_t n = pact_utf8_sanitize(in, 7, 100, &b, &m, &d);
    CHECK(n == 3);
    CHECK_STR(b.ptr, "a\xEF\xBF\xBD" "b\xC3\xA9\xEF\xBF\xBD\xEF\xBF\xBD");
    CHECK(d.warnings == 3 && nwarned == 3);
    CHECK_STR(warned[0], "page.html: offset 101: invalid UTF-8 byte 0xFF replaced by U+FFFD");
    CHECK_STR(warned[1], "page.html: offset 105: invalid UTF-8 byte 0xE2 replaced by U+FFFD");
    CHECK_STR(warned[2], "page.html: offset 106: invalid UTF-8 byte 0x82 replaced by U+FFFD");
    CHECK(pact_omap_start(&m, 0) == 100);
    CHECK(pact_omap_start(&m, 1) == 101 && pact_omap_end(&m, 4) == 102);
    CHECK(pact_omap_start(&m, 4) == 102);
    CHECK(pact_omap_start(&m, 5) == 103 && pact_omap_end(&m, 7) == 105);
    CHECK(pact_omap_start(&m, 7) == 105 && pact_omap_end(&m, 10) == 106);
    CHECK(pact_omap_end(&m, b.len) == 107);
    pact_omap_free(&m);

    /* valid input copies through, without a map or diagnostics */
    pact_buf_truncate(&b, 0);
    CHECK(pact_utf8_sanitize("Hà Nội\x7F", strlen("Hà Nội\x7F"), 0, &b, NULL, NULL) == 0);
    CHECK_STR(b.ptr, "Hà Nội\x7F");
    pact_buf_free(&b);

    /* quiet diagnostics count without printing */
    pact_diag q;
    pact_diag_init(&q, "x");
    q.quiet = true;
    for (int i = 0; i < 30; i++) pact_warn(&q, (size_t)i, "w");
    CHECK(q.warnings == 30);
    pact_warn(NULL, 0, "ignored");
    return check_done();
}
