/*
 * Helpers shared by every stage: buffer, slice, arena, UTF-8, offset map,
 * JSON writer, diagnostics. Written once, tested once (tests/unit/test_util_*.c).
 */
#ifndef PACT_UTIL_H
#define PACT_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pactgraph.h"

/* Named limits. */
#define PACT_MAX_DOC_BYTES   ((size_t)256 << 20)  /* one input document */
#define PACT_MAX_BUF_DEFAULT ((size_t)1 << 30)

/* Allocation that aborts on exhaustion (as redis' zmalloc): callers need not
 * thread ENOMEM through every text routine. */
void *pact__xmalloc(size_t n);
void *pact__xcalloc(size_t n, size_t size);
void *pact__xrealloc(void *p, size_t n);
char *pact__xstrdup(const char *s);
char *pact__xstrndup(const char *s, size_t n);

/* ---- slice: a borrowed view ---- */
typedef struct {
    const char *ptr;
    size_t len;
} pact_slice;

static inline pact_slice pact_slice_of(const char *p, size_t n) {
    pact_slice s = {p, n};
    return s;
}
bool pact_slice_eq(pact_slice a, const char *cstr);

/* ---- buf: a growable byte buffer with a size cap ---- */
typedef struct {
    char *ptr;   /* always NUL-terminated when non-NULL */
    size_t len;
    size_t cap;
    size_t max;  /* appends that would pass this fail with PACT_ETOOBIG */
} pact_buf;

void pact_buf_init(pact_buf *b, size_t max);  /* max 0 = PACT_MAX_BUF_DEFAULT */
PACT_WUR int pact_buf_append(pact_buf *b, const void *p, size_t n);
PACT_WUR int pact_buf_puts(pact_buf *b, const char *s);
PACT_WUR int pact_buf_putc(pact_buf *b, char c);
PACT_WUR int pact_buf_printf(pact_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void pact_buf_truncate(pact_buf *b, size_t len);
void pact_buf_free(pact_buf *b);
/* Hands the storage to the caller (free() it); the buffer is left empty. */
char *pact_buf_detach(pact_buf *b, size_t *len);

/* ---- arena: everything one document's extraction allocates, freed at once ---- */
typedef struct pact_arena pact_arena;
pact_arena *pact_arena_new(void);
void *pact_arena_alloc(pact_arena *a, size_t n);   /* zeroed, 16-aligned */
char *pact_arena_strndup(pact_arena *a, const char *s, size_t n);
char *pact_arena_strdup(pact_arena *a, const char *s);
void pact_arena_reset(pact_arena *a);  /* keeps the first block for reuse */
void pact_arena_free(pact_arena *a);
size_t pact_arena_used(const pact_arena *a);

/* ---- diagnostics: warnings with the file and byte offset ---- */
typedef struct pact_diag {
    const char *path;   /* the input's name, for messages */
    unsigned warnings;  /* how many were reported */
    unsigned max_shown; /* stop printing after this many per input (0 = 20) */
    bool quiet;         /* count but do not print */
    void (*sink)(struct pact_diag *d, const char *msg); /* NULL = stderr */
    void *user;
} pact_diag;

void pact_diag_init(pact_diag *d, const char *path);
/* "pactgraph: PATH: offset N: message" (offset omitted when SIZE_MAX). */
void pact_warn(pact_diag *d, size_t offset, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* ---- UTF-8 ---- */
#define PACT_REPLACEMENT 0xFFFD
/* Decodes one code point at s[0..len). Returns it and sets *adv to the bytes
 * used (>= 1), or returns -1 for an invalid or truncated sequence (*adv = 1).
 * Rejects overlongs, surrogates and values past U+10FFFF. */
int32_t pact_utf8_decode(const char *s, size_t len, size_t *adv);
/* Writes cp as UTF-8 into out (4 bytes room); returns the length. */
size_t pact_utf8_encode(int32_t cp, char *out);
/* True when all of s[0..len) is valid UTF-8. */
bool pact_utf8_valid(const char *s, size_t len);
/* Length of the valid UTF-8 sequence starting at s, 0 if invalid. */
size_t pact_utf8_seqlen(const char *s, size_t len);

/* ---- offset map: from a derived text back to the original bytes ----
 * A list of segments: text[t, t+tn) came from original[o, o+on). Segments of
 * equal length map byte for byte; others (a replaced character, a decoded
 * entity, a removed dot) map as a whole. Spans computed on the derived text
 * convert back with pact_omap_start/end. */
typedef struct {
    size_t t, tn, o, on;
} pact_omap_seg;

typedef struct {
    pact_omap_seg *seg;
    size_t n, cap;
} pact_omap;

void pact_omap_init(pact_omap *m);
void pact_omap_free(pact_omap *m);
void pact_omap_clear(pact_omap *m);
/* Appends a segment; merges it with the last one when both are identity maps
 * and contiguous. Segments must be pushed in increasing t order. */
void pact_omap_push(pact_omap *m, size_t t, size_t tn, size_t o, size_t on);
/* The original offset where derived offset t starts / where a span ending at
 * derived offset t ends. */
size_t pact_omap_start(const pact_omap *m, size_t t);
size_t pact_omap_end(const pact_omap *m, size_t t);

/* ---- sanitised input: invalid UTF-8 -> U+FFFD, with a warning ---- */
/* Copies in[0..len) to out, replacing each invalid byte by U+FFFD and warning
 * with its offset (base + position). Appends segments to map when non-NULL.
 * Returns the number of replacements. */
size_t pact_utf8_sanitize(const char *in, size_t len, size_t base, pact_buf *out,
                          pact_omap *map, pact_diag *d);

/* ---- JSON writer ---- */
#define PACT_JSON_MAX_DEPTH 64
typedef struct {
    pact_buf *out;
    int depth;
    bool first[PACT_JSON_MAX_DEPTH]; /* nothing written yet at this level */
    bool after_key;
    int err;                         /* first error, sticky */
} pact_json;

void pact_json_init(pact_json *j, pact_buf *out);
void pact_json_object_begin(pact_json *j);
void pact_json_object_end(pact_json *j);
void pact_json_array_begin(pact_json *j);
void pact_json_array_end(pact_json *j);
void pact_json_key(pact_json *j, const char *key);
/* Escapes '"', '\\', every control character (U+0000..U+001F, U+007F as \u),
 * U+2028/U+2029; invalid UTF-8 becomes U+FFFD. */
void pact_json_string(pact_json *j, const char *s, size_t len);
void pact_json_cstr(pact_json *j, const char *s);   /* NULL writes null */
void pact_json_int(pact_json *j, long long v);
void pact_json_double(pact_json *j, double v);
void pact_json_bool(pact_json *j, bool v);
void pact_json_null(pact_json *j);
/* Appends already-encoded JSON text as one value. */
void pact_json_raw(pact_json *j, const char *s, size_t len);
/* A [start, end) pair. */
void pact_json_span(pact_json *j, size_t start, size_t end);

/* ---- small text helpers for the data files and options ---- */
/* Splits a TSV line in place into at most max fields (any beyond are
 * dropped), trimming spaces around each and a trailing CR or LF; returns
 * the field count. */
size_t pact_tsv_split(char *line, char **f, size_t max);
/* True when s is an ISO 8601 date of year, month or day precision
 * (YYYY, YYYY-MM, YYYY-MM-DD), month 01-12 and day 01-31. */
bool pact_iso_date_shape(const char *s);

/* ---- files ---- */
/* Reads a whole file (or stdin for "-") up to max bytes. */
PACT_WUR int pact_file_read(const char *path, size_t max, char **data, size_t *len);

#endif
