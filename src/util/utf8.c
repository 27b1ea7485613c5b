/* UTF-8 decoding, encoding and validation; invalid bytes become U+FFFD. */
#include <string.h>

#include "util/util.h"

int32_t pact_utf8_decode(const char *str, size_t len, size_t *adv) {
    const unsigned char *s = (const unsigned char *)str;
    *adv = 1;
    if (len == 0) return -1;
    unsigned char c = s[0];
    if (c < 0x80) return c;
    int n;
    int32_t cp, min;
    if (c >= 0xC2 && c <= 0xDF) { n = 1; cp = c & 0x1F; min = 0x80; }
    else if (c >= 0xE0 && c <= 0xEF) { n = 2; cp = c & 0x0F; min = 0x800; }
    else if (c >= 0xF0 && c <= 0xF4) { n = 3; cp = c & 0x07; min = 0x10000; }
    else return -1;
    if (len < (size_t)n + 1) return -1;
    for (int i = 1; i <= n; i++) {
        if ((s[i] & 0xC0) != 0x80) return -1;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return -1;
    *adv = (size_t)n + 1;
    return cp;
}

size_t pact_utf8_encode(int32_t cp, char *out) {
    unsigned char *o = (unsigned char *)out;
    if (cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = PACT_REPLACEMENT;
    if (cp < 0x80) { o[0] = (unsigned char)cp; return 1; }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

size_t pact_utf8_seqlen(const char *s, size_t len) {
    size_t adv;
    return pact_utf8_decode(s, len, &adv) < 0 ? 0 : adv;
}

bool pact_utf8_valid(const char *s, size_t len) {
    size_t i = 0;
    while (i < len) {
        if ((unsigned char)s[i] < 0x80) { i++; continue; }
        size_t adv;
        if (pact_utf8_decode(s + i, len - i, &adv) < 0) return false;
        i += adv;
    }
    return true;
}

size_t pact_utf8_sanitize(const char *in, size_t len, size_t base, pact_buf *out,
                          pact_omap *map, pact_diag *d) {
    size_t bad = 0, i = 0, run = 0;
    while (i < len) {
        size_t adv;
        if ((unsigned char)in[i] < 0x80 || pact_utf8_decode(in + i, len - i, &adv) >= 0) {
            i += (unsigned char)in[i] < 0x80 ? 1 : adv;
            continue;
        }
        /* flush the valid run before the bad byte */
        if (i > run) {
            if (map) pact_omap_push(map, out->len, i - run, base + run, i - run);
            if (pact_buf_append(out, in + run, i - run)) return bad;
        }
        if (map) pact_omap_push(map, out->len, 3, base + i, 1);
        if (pact_buf_append(out, "\xEF\xBF\xBD", 3)) return bad;
        pact_warn(d, base + i, "invalid UTF-8 byte 0x%02X replaced by U+FFFD", (unsigned char)in[i]);
        bad++;
        i++;
        run = i;
    }
    if (len > run) {
        if (map) pact_omap_push(map, out->len, len - run, base + run, len - run);
        if (pact_buf_append(out, in + run, len - run)) return bad;
    }
    return bad;
}
