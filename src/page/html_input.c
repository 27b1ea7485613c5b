/* The HTML reader's input: the page's bytes as the UTF-8 libxml2 reads, with a
 * map back to the original bytes when they had to be converted (a declared
 * legacy charset such as windows-1258) or repaired (invalid UTF-8).
 *
 * Conversion goes one character at a time, so the map is exact: every UTF-8
 * character of the text maps to the input bytes it came from. Windows-1258
 * writes most tone marks as combining characters; they stay decomposed here
 * (U+0061 U+0301 for "á") and the text stage's NFC composes them. Limitation:
 * stateful encodings that shift with escape sequences (ISO-2022-JP) cannot be
 * decoded character by character and are not supported (their text comes out
 * wrong or as U+FFFD). Script and style bodies are cut out before parsing
 * (pact__html_input_strip), with their own map, so libxml2 reads about half
 * the bytes of a typical page. */
#include <errno.h>
#include <iconv.h>
#include <string.h>
#include <strings.h>

#include "page/html_internal.h"

/* How far into the page to look for a charset declaration. Pages with long
 * inline styles or scripts in <head> declare it late; the HTML standard's
 * 1024 bytes is too short for real pages. */
#define CHARSET_SCAN_BYTES ((size_t)32 << 10)

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

static const char *find_ci(const char *s, size_t n, const char *needle) {
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++) {
        size_t j = 0;
        while (j < k && lower((unsigned char)s[i + j]) == needle[j]) j++;
        if (j == k) return s + i;
    }
    return NULL;
}

/* The charset a <meta charset> or http-equiv Content-Type declares, or "". */
static void sniff_charset(const char *s, size_t n, char *out, size_t outsz) {
    out[0] = '\0';
    if (n > CHARSET_SCAN_BYTES) n = CHARSET_SCAN_BYTES;
    const char *p = s, *end = s + n;
    while ((p = find_ci(p, (size_t)(end - p), "<meta")) != NULL) {
        const char *gt = memchr(p, '>', (size_t)(end - p));
        const char *tend = gt ? gt : end;
        const char *cs = find_ci(p, (size_t)(tend - p), "charset");
        if (cs) {
            cs += 7;
            while (cs < tend && (*cs == ' ' || *cs == '\t' || *cs == '\n' || *cs == '\r')) cs++;
            if (cs < tend && *cs == '=') {
                cs++;
                while (cs < tend && (*cs == ' ' || *cs == '"' || *cs == '\'')) cs++;
                size_t k = 0;
                while (cs + k < tend && k + 1 < outsz) {
                    char c = cs[k];
                    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                          c == '-' || c == '_' || c == '.' || c == ':'))
                        break;
                    out[k] = (char)lower((unsigned char)c);
                    k++;
                }
                out[k] = '\0';
                if (k) return;
            }
        }
        p += 5;
    }
}

static bool is_utf8_name(const char *cs) {
    return !cs[0] || !strcmp(cs, "utf-8") || !strcmp(cs, "utf8") || !strcmp(cs, "unicode-1-1-utf-8");
}

/* Converts in[0..len) from charset cs, one character at a time so that every
 * UTF-8 character keeps the input bytes it came from. Single-byte charsets go
 * through a 256-entry table; others through iconv per character. Returns
 * false when iconv does not know cs. */
static bool convert(const char *in, size_t len, const char *cs, pact__html_input *wi, pact_diag *d) {
    iconv_t cd = iconv_open("UTF-8", cs);
    if (cd == (iconv_t)-1) return false;
    char tab[256][16];
    unsigned char tlen[256];
    bool multibyte = false;
    for (int b = 0; b < 256; b++) {
        iconv(cd, NULL, NULL, NULL, NULL);
        char ib = (char)b, *ip = &ib, *op = tab[b];
        size_t il = 1, ol = sizeof tab[b];
        tlen[b] = 0;
        if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1) {
            if (errno == EINVAL) multibyte = true;
            continue;
        }
        iconv(cd, NULL, NULL, &op, &ol); /* flush a character held back (cp1258) */
        tlen[b] = (unsigned char)(sizeof tab[b] - ol);
    }
    static const char repl[] = "\xEF\xBF\xBD";
    unsigned bad = 0;
    size_t first_bad = 0;
    pact_buf *out = &wi->own;
    for (size_t i = 0; i < len;) {
        const char *u = NULL;
        size_t un = 0, used = 1;
        char tmp[32];
        unsigned char c = (unsigned char)in[i];
        if (!multibyte || c < 0x80) {
            if (tlen[c]) u = tab[c], un = tlen[c];
        } else {
            for (size_t k = 1; k <= 6 && i + k <= len; k++) {
                iconv(cd, NULL, NULL, NULL, NULL);
                char *ip = (char *)in + i, *op = tmp;
                size_t il = k, ol = sizeof tmp;
                if (iconv(cd, &ip, &il, &op, &ol) != (size_t)-1) {
                    iconv(cd, NULL, NULL, &op, &ol);
                    u = tmp, un = sizeof tmp - ol, used = k;
                    break;
                }
                if (errno != EINVAL) break;
            }
        }
        if (!u || !un || memchr(u, '\0', un)) {
            if (!bad++) first_bad = i;
            u = repl, un = 3, used = 1;
        }
        pact_omap_push(&wi->map, out->len, un, i, used);
        if (pact_buf_append(out, u, un)) break;
        i += used;
    }
    iconv_close(cd);
    if (bad)
        pact_warn(d, first_bad, "%u bytes not valid in the declared charset %s, read as U+FFFD", bad, cs);
    return true;
}

static bool has_high_bytes(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] >= 0x80) return true;
    return false;
}

void pact__html_input_open(pact__html_input *wi, const char *data, size_t len, pact_diag *d) {
    memset(wi, 0, sizeof *wi);
    pact_buf_init(&wi->own, 0);
    pact_omap_init(&wi->map);
    sniff_charset(data, len, wi->charset, sizeof wi->charset);
    const char *cs = wi->charset;
    bool bom16 = len >= 2 && (((unsigned char)data[0] == 0xFF && (unsigned char)data[1] == 0xFE) ||
                              ((unsigned char)data[0] == 0xFE && (unsigned char)data[1] == 0xFF));
    bool valid = !bom16 && pact_utf8_valid(data, len);
    /* A page whose bytes are valid UTF-8 with non-ASCII text is UTF-8 whatever
     * it declares: scrapers re-encode pages and keep the old declaration, and
     * legacy-charset text is almost never valid UTF-8 by chance. */
    if (!bom16 && (is_utf8_name(cs) || (valid && has_high_bytes(data, len)) || !has_high_bytes(data, len))) {
        if (valid) {
            wi->w = data;
            wi->n = len;
            return;
        }
        pact_utf8_sanitize(data, len, 0, &wi->own, &wi->map, d);
        wi->mapped = true;
        wi->w = wi->own.ptr ? wi->own.ptr : "";
        wi->n = wi->own.len;
        return;
    }
    const char *ics = cs;
    /* As browsers do, Latin-1 and ASCII declarations mean windows-1252. */
    if (!strcmp(cs, "iso-8859-1") || !strcmp(cs, "latin1") || !strcmp(cs, "us-ascii") ||
        !strcmp(cs, "ascii") || !strcmp(cs, "iso8859-1"))
        ics = "WINDOWS-1252";
    if (bom16) ics = "UTF-16";
    if (convert(data, len, ics, wi, d)) {
        wi->mapped = true;
        wi->w = wi->own.ptr ? wi->own.ptr : "";
        wi->n = wi->own.len;
        return;
    }
    pact_warn(d, SIZE_MAX, "unknown charset \"%s\": read as UTF-8", cs);
    pact_omap_clear(&wi->map);
    pact_buf_truncate(&wi->own, 0);
    pact_utf8_sanitize(data, len, 0, &wi->own, &wi->map, d);
    wi->mapped = true;
    wi->w = wi->own.ptr ? wi->own.ptr : "";
    wi->n = wi->own.len;
}

static const char *find_ci_raw(const char *s, size_t n, const char *needle) {
    size_t k = strlen(needle);
    for (const char *p = s, *e = s + n; p + k <= e; p++) {
        p = memchr(p, '<', (size_t)(e - p));
        if (!p || p + k > e) return NULL;
        size_t j = 1;
        while (j < k && lower((unsigned char)p[j]) == needle[j]) j++;
        if (j == k) return p;
    }
    return NULL;
}

/* The end of the start tag at s[i] ('<'): just past its '>' (quoted
 * attribute values may hold '>'), or n. */
static size_t tag_end(const char *s, size_t n, size_t i) {
    char q = 0;
    for (i++; i < n; i++) {
        char c = s[i];
        if (q) {
            if (c == q) q = 0;
        } else if (c == '"' || c == '\'') {
            if (s[i - 1] == '=' || s[i - 1] == ' ') q = c;
        } else if (c == '>') {
            return i + 1;
        }
    }
    return n;
}

void pact__html_input_strip(pact__html_input *wi) {
    const char *w = wi->w;
    size_t n = wi->n, copied = 0;
    pact_buf_init(&wi->stripped, 0);
    pact_omap_init(&wi->smap);
    for (const char *p = w; (p = find_ci_raw(p, n - (size_t)(p - w), "<s")) != NULL;) {
        size_t i = (size_t)(p - w), nl = 0;
        const char *close = NULL;
        if (i + 7 <= n && !strncasecmp(p, "<script", 7)) nl = 7, close = "</script";
        else if (i + 6 <= n && !strncasecmp(p, "<style", 6)) nl = 6, close = "</style";
        if (!nl || (i + nl < n && !(p[nl] == ' ' || p[nl] == '>' || p[nl] == '\t' || p[nl] == '\n' ||
                                    p[nl] == '\r' || p[nl] == '/'))) {
            p += 2;
            continue;
        }
        size_t te = tag_end(w, n, i);
        const char *end = find_ci_raw(w + te, n - te, close);
        size_t ce = end ? (size_t)(end - w) : n;
        /* JSON-LD carries the headline and dates: keep it */
        bool keep = false;
        for (size_t k = i; k + 4 <= te; k++)
            if (!strncasecmp(w + k, "json", 4)) keep = true;
        if (!keep && ce > te) {
            if (!wi->stripped.ptr && pact_buf_append(&wi->stripped, "", 0)) return;
            pact_omap_push(&wi->smap, wi->stripped.len, te - copied, copied, te - copied);
            if (pact_buf_append(&wi->stripped, w + copied, te - copied)) return;
            copied = ce;
        }
        p = w + ce;
        if (ce >= n) break;
    }
    if (!copied) return; /* nothing stripped: parse the bytes as they are */
    pact_omap_push(&wi->smap, wi->stripped.len, n - copied, copied, n - copied);
    if (pact_buf_append(&wi->stripped, w + copied, n - copied)) return;
    wi->has_stripped = true;
}

void pact__html_input_close(pact__html_input *wi) {
    pact_buf_free(&wi->own);
    pact_omap_free(&wi->map);
    pact_buf_free(&wi->stripped);
    pact_omap_free(&wi->smap);
}
