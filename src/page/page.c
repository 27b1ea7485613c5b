/* The page reader's door: refuses what is not text, tells HTML from flattened
 * text, and hands the bytes to the reader for that kind (html.c or flat.c). */
#include <string.h>

#include "page/internal.h"

/* How far into a document to look for markup. */
#define SNIFF_BYTES 4096

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

static bool match_ci(const char *s, size_t n, const char *w) {
    size_t k = strlen(w);
    if (k > n) return false;
    for (size_t i = 0; i < k; i++)
        if (lower((unsigned char)s[i]) != w[i]) return false;
    return true;
}

static bool is_ws(unsigned char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f'; }

/* HTML when the document opens with a tag, a doctype or a comment, or when
 * its first bytes hold at least two of the tags every page has. A flattened
 * page may quote one "<p>" but not a page's worth of markup. */
static bool looks_like_html(const char *s, size_t len) {
    size_t i = 0;
    if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) i = 3;
    while (i < len && is_ws((unsigned char)s[i])) i++;
    if (i + 1 < len && s[i] == '<') {
        char c = s[i + 1];
        if (c == '!' || c == '?' || (lower((unsigned char)c) >= 'a' && lower((unsigned char)c) <= 'z')) {
            static const char *const open[] = {"<!doctype", "<html", "<head", "<body", "<!--", "<?xml",
                                                "<meta", "<title", "<div", "<p>", "<p ", "<article",
                                                "<section", "<main", "<link", "<script", "<style",
                                                "<header", "<nav", "<span", "<h1", "<h2", "<table", NULL};
            for (size_t k = 0; open[k]; k++)
                if (match_ci(s + i, len - i, open[k])) return true;
        }
    }
    static const char *const tags[] = {"<html", "<!doctype", "<body", "<head", "<div", "<p>", "<p ",
                                        "</p>", "<br", "<meta", "<title", "<article", "</div>", NULL};
    size_t n = len < SNIFF_BYTES ? len : SNIFF_BYTES, seen = 0;
    bool hit[16] = {false};
    for (size_t p = 0; p < n; p++) {
        if (s[p] != '<') continue;
        for (size_t k = 0; tags[k]; k++) {
            if (!hit[k] && match_ci(s + p, n - p, tags[k])) {
                hit[k] = true;
                seen++;
            }
        }
    }
    return seen >= 2;
}

/* Binary input: a NUL byte, or many control characters a text never holds. */
static bool looks_binary(const char *s, size_t len, size_t *at) {
    const char *nul = memchr(s, '\0', len);
    if (nul) {
        *at = (size_t)(nul - s);
        return true;
    }
    size_t n = len < (1u << 16) ? len : (1u << 16), ctl = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1B) ctl++;
    }
    *at = 0;
    return ctl * 100 > n && ctl > 8;
}

/* Plain text that is mostly not UTF-8 is in a legacy encoding (the HTML
 * reader can convert a declared one; flattened text declares none). */
static bool mostly_invalid(const char *s, size_t len) {
    size_t bad = 0, i = 0;
    while (i < len) {
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        size_t adv = 1;
        if (pact_utf8_decode(s + i, len - i, &adv) < 0) bad++;
        i += adv;
    }
    return bad > 64 && bad * 20 > len;
}

int pact_page_read(const char *doc, const char *data, size_t len, pact_page *page, pact_diag *d) {
    memset(page, 0, sizeof *page);
    page->doc = doc;
    page->data = data;
    page->len = len;
    size_t i = 0;
    while (i < len && is_ws((unsigned char)data[i])) i++;
    if (i == len) return PACT_EEMPTY;
    if (len >= 2 && (((unsigned char)data[0] == 0xFF && (unsigned char)data[1] == 0xFE) ||
                     ((unsigned char)data[0] == 0xFE && (unsigned char)data[1] == 0xFF))) {
        pact_warn(d, 0, "UTF-16 byte order mark: only UTF-8 text is read");
        return PACT_EENCODING;
    }
    size_t at;
    if (looks_binary(data, len, &at)) {
        if (at < len && data[at] == '\0') pact_warn(d, at, "NUL byte: the document is binary, not text");
        else pact_warn(d, SIZE_MAX, "control bytes: the document is binary, not text");
        return PACT_EBINARY;
    }
    page->is_html = looks_like_html(data, len);
    if (!page->is_html && mostly_invalid(data, len)) {
        pact_warn(d, SIZE_MAX, "the text is not UTF-8 (a legacy encoding?)");
        return PACT_EENCODING;
    }
    page->arena = pact_arena_new();
    int rc = page->is_html ? pact__page_read_html(page, d) : pact__page_read_flat(page, d);
    if (rc != PACT_OK) pact_page_free(page);
    return rc;
}

void pact_page_free(pact_page *page) {
    if (!page->arena) return;
    for (size_t i = 0; i < page->nblocks; i++) pact_omap_free(&page->blocks[i].map);
    pact_arena_free(page->arena);
    page->arena = NULL;
    page->blocks = NULL;
    page->nblocks = 0;
    page->articles = NULL;
    page->narticles = 0;
}
