/*
 * Runs the text layer's spec files (tests/spec/normalize.txt, deobfuscate.txt,
 * sentences.txt). A case is one input line followed by its expected output:
 * one "=> " line for normalize and deobfuscate (the normalised text), one
 * "=> " line per sentence for sentences. '#' lines and blank lines separate
 * cases. Escapes in input and output: \u{XXXX} a code point, \xHH a byte, \t, \n,
 * \r, \\.
 * Every case also checks the offset map (each sentence's original span,
 * normalised again, gives the sentence back) and that normalising the output
 * again changes nothing.
 */
#include <stdlib.h>
#include <string.h>

#include <stdio.h>
#include "text/text.h"

static int failures = 0, cases = 0;

/* Expands the escapes of s into out. */
static void unescape(const char *s, size_t n, pact_buf *out) {
    for (size_t i = 0; i < n; i++) {
        int rc = 0;
        if (s[i] == '\\' && i + 1 < n) {
            char c = s[i + 1];
            if (c == 't') { rc = pact_buf_putc(out, '\t'); i++; }
            else if (c == 'n') { rc = pact_buf_putc(out, '\n'); i++; }
            else if (c == 'r') { rc = pact_buf_putc(out, '\r'); i++; }
            else if (c == '\\') { rc = pact_buf_putc(out, '\\'); i++; }
            else if (c == 'u' && i + 2 < n && s[i + 2] == '{') {
                char *end;
                long cp = strtol(s + i + 3, &end, 16);
                char tmp[4];
                rc = pact_buf_append(out, tmp, pact_utf8_encode((int32_t)cp, tmp));
                i = (size_t)(end - s);
            } else if (c == 'x' && i + 3 < n) {
                char hex[3] = {s[i + 2], s[i + 3], 0};
                rc = pact_buf_putc(out, (char)strtol(hex, NULL, 16));
                i += 3;
            } else rc = pact_buf_putc(out, s[i]);
        } else {
            rc = pact_buf_putc(out, s[i]);
        }
        if (rc) abort();
    }
}

static void fail(const char *file, int line, const char *input, const char *what, const char *want,
                 const char *got) {
    failures++;
    fprintf(stderr, "%s:%d: %s\n  input:    %s\n  expected: %s\n  got:      %s\n", file, line, what, input,
            want, got);
}

/* The span invariant: normalising the original bytes of [s, e) gives t. */
static bool span_ok(const char *in, size_t len, const pact_norm *n, size_t s, size_t e) {
    size_t os = pact_omap_start(&n->map, s), oe = pact_omap_end(&n->map, e);
    if (os > oe || oe > len) return false;
    pact_norm again;
    if (pact_text_normalize(in + os, oe - os, os, &again, NULL)) return false;
    bool ok = again.len == e - s && memcmp(again.text, n->text + s, e - s) == 0;
    pact_norm_free(&again);
    return ok;
}

static void run_case(const char *file, int line, bool sentences, const char *raw, char **want, size_t nwant) {
    cases++;
    pact_buf in;
    pact_buf_init(&in, 0);
    unescape(raw, strlen(raw), &in);
    if (!in.ptr && pact_buf_append(&in, "", 0)) abort();
    pact_norm n;
    if (pact_text_normalize(in.ptr, in.len, 0, &n, NULL)) {
        fail(file, line, raw, "normalize failed", "", "");
        pact_buf_free(&in);
        return;
    }
    pact_buf exp;
    pact_buf_init(&exp, 0);
    if (!sentences) {
        unescape(want[0], strlen(want[0]), &exp);
        if (nwant != 1) fail(file, line, raw, "a normalize case has one '=> ' line", "1", "more");
        else if (strcmp(exp.ptr ? exp.ptr : "", n.text)) fail(file, line, raw, "wrong normalisation", exp.ptr ? exp.ptr : "", n.text);
        else if (n.len && !span_ok(in.ptr, in.len, &n, 0, n.len))
            fail(file, line, raw, "offset map: the span of the whole text does not normalise to it", "", n.text);
        else {
            /* normalising twice changes nothing */
            pact_norm twice;
            if (pact_text_normalize(n.text, n.len, 0, &twice, NULL)) abort();
            if (strcmp(twice.text, n.text)) fail(file, line, raw, "normalising again changes the text", n.text, twice.text);
            pact_norm_free(&twice);
        }
    } else {
        pact_range *r;
        size_t ns = pact_sentences_split(n.text, n.len, &r);
        pact_buf got;
        pact_buf_init(&got, 0);
        for (size_t s = 0; s < ns; s++) {
            if (pact_buf_printf(&got, "%s[%.*s]", s ? " " : "", (int)(r[s].end - r[s].start), n.text + r[s].start)) abort();
            if (!span_ok(in.ptr, in.len, &n, r[s].start, r[s].end))
                fail(file, line, raw, "offset map: a sentence's span does not normalise to it", "", "");
        }
        for (size_t w = 0; w < nwant; w++) {
            pact_buf one;
            pact_buf_init(&one, 0);
            unescape(want[w], strlen(want[w]), &one);
            if (pact_buf_printf(&exp, "%s[%s]", w ? " " : "", one.ptr ? one.ptr : "")) abort();
            pact_buf_free(&one);
        }
        if (strcmp(exp.ptr ? exp.ptr : "", got.ptr ? got.ptr : ""))
            fail(file, line, raw, "wrong sentences", exp.ptr ? exp.ptr : "", got.ptr ? got.ptr : "");
        pact_buf_free(&got);
        free(r);
    }
    pact_buf_free(&exp);
    pact_norm_free(&n);
    pact_buf_free(&in);
}

static void run_file(const char *dir, const char *name, bool sentences) {
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/spec/%s", dir, name);
    char *data;
    size_t len;
    if (pact_file_read(path, 1 << 24, &data, &len)) {
        fprintf(stderr, "%s: cannot read\n", path);
        failures++;
        return;
    }
    char *lines[4096];
    size_t nl = 0;
    for (char *p = data; p && *p && nl < 4096;) {
        char *e = strchr(p, '\n');
        if (e) *e = '\0';
        lines[nl++] = p;
        p = e ? e + 1 : NULL;
    }
    int before = cases;
    for (size_t i = 0; i < nl;) {
        char *l = lines[i];
        if (!*l || *l == '#') {
            i++;
            continue;
        }
        if (strncmp(l, "=>", 2) == 0) {
            fprintf(stderr, "%s:%zu: '=>' line without an input line\n", path, i + 1);
            failures++;
            i++;
            continue;
        }
        size_t j = i + 1;
        char *want[64];
        size_t nw = 0;
        while (j < nl && strncmp(lines[j], "=>", 2) == 0 && nw < 64) {
            want[nw++] = lines[j][2] == ' ' ? lines[j] + 3 : lines[j] + 2;
            j++;
        }
        if (!nw) {
            fprintf(stderr, "%s:%zu: input without a '=> ' line: %s\n", path, i + 1, l);
            failures++;
        } else {
            run_case(path, (int)i + 1, sentences, l, want, nw);
        }
        i = j;
    }
    fprintf(stderr, "%s: %d cases\n", name, cases - before);
    free(data);
}

int main(void) {
    const char *dir = getenv("PACT_SOURCE_DIR");
    if (!dir) dir = ".";
    run_file(dir, "normalize.txt", false);
    run_file(dir, "deobfuscate.txt", false);
    run_file(dir, "sentences.txt", true);
    fprintf(stderr, "%d cases, %d failed\n", cases, failures);
    return failures ? 1 : 0;
}
