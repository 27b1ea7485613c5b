/*
 * The documents inside one input file.
 *
 * - A plain file is one document, read whole up to PACT_MAX_DOC_BYTES.
 * - gzip is undone transparently, recognised by its magic bytes (1f 8b), not by
 *   the name; concatenated members (as Common Crawl ships .warc.gz, one member
 *   per record) are read one after the other.
 * - A WARC file (the stream starts "WARC/") yields one document per `response`
 *   or `resource` record. Its name is "PATH#N", N the record's 1-based position
 *   in the file (warcinfo and request records count too), so a record can be
 *   found again with any WARC tool. Its bytes are the record's payload with
 *   the HTTP status line and headers stripped (and a chunked or gzip transfer
 *   undone): spans in its extraction records are offsets into that payload.
 *   source_url is WARC-Target-URI, date is WARC-Date's day. Responses that are
 *   not 2xx or whose Content-Type is not text, HTML or XML are skipped
 *   silently (a crawl is full of them); a record over the size limit is
 *   skipped with a warning.
 *
 * Everything is streamed: memory holds one document at a time.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <zlib.h>

#include "page/internal.h"

#define RAW_CHUNK ((size_t)1 << 16)
#define MAX_HEADER_LINE ((size_t)1 << 16)

struct pact_input {
    char *path;
    pact_diag *d;
    FILE *f;
    bool gz;
    z_stream zs;
    bool zinit, zend_all;
    unsigned char *raw;     /* compressed input */
    size_t raw_len;
    bool raw_eof;
    char *rb;               /* decompressed bytes not yet consumed */
    size_t rb_pos, rb_len;
    size_t pos;             /* offset in the decompressed stream */
    bool warc, done;
    size_t nrec;
    pact_buf doc;           /* the current document */
    char *docname, *url;
    char date[11];
    int err;
};

/* ---- the byte stream (plain or gzip) ---- */

static int raw_fill(pact_input *in) {
    if (in->raw_eof) return 0;
    size_t n = fread(in->raw, 1, RAW_CHUNK, in->f);
    if (n == 0) {
        if (ferror(in->f)) return PACT_EIO;
        in->raw_eof = true;
    }
    in->raw_len = n;
    return (int)(n > 0);
}

/* Refills rb; returns >0 with bytes, 0 at the end, <0 on error. */
static int fill(pact_input *in) {
    in->rb_pos = in->rb_len = 0;
    if (!in->gz) {
        size_t n = fread(in->rb, 1, RAW_CHUNK, in->f);
        if (n == 0 && ferror(in->f)) return PACT_EIO;
        in->rb_len = n;
        return n > 0;
    }
    while (in->rb_len == 0) {
        if (in->zend_all) return 0;
        if (in->zs.avail_in == 0) {
            int rc = raw_fill(in);
            if (rc < 0) return rc;
            if (rc == 0) {
                /* the input ended inside a member: a truncated file */
                pact_warn(in->d, in->pos, "gzip stream is truncated");
                return PACT_EPARSE;
            }
            in->zs.next_in = in->raw;
            in->zs.avail_in = (uInt)in->raw_len;
        }
        in->zs.next_out = (Bytef *)in->rb;
        in->zs.avail_out = (uInt)RAW_CHUNK;
        int zr = inflate(&in->zs, Z_NO_FLUSH);
        in->rb_len = RAW_CHUNK - in->zs.avail_out;
        if (zr == Z_STREAM_END) {
            /* another member may follow (one per WARC record) */
            if (in->zs.avail_in == 0) {
                int rc = raw_fill(in);
                if (rc < 0) return rc;
                in->zs.next_in = in->raw;
                in->zs.avail_in = (uInt)in->raw_len;
            }
            if (in->zs.avail_in == 0 || in->zs.next_in[0] != 0x1f) in->zend_all = true;
            else inflateReset(&in->zs);
        } else if (zr != Z_OK && zr != Z_BUF_ERROR) {
            pact_warn(in->d, in->pos, "gzip data is corrupt (%s)", in->zs.msg ? in->zs.msg : "inflate failed");
            return PACT_EPARSE;
        } else if (zr == Z_BUF_ERROR && in->zs.avail_in != 0 && in->rb_len == 0) {
            return PACT_EPARSE;
        }
    }
    return 1;
}

/* Reads up to n bytes into dst (NULL discards); returns the count, or <0. */
static long long rd(pact_input *in, pact_buf *dst, size_t n) {
    size_t got = 0;
    while (got < n) {
        if (in->rb_pos == in->rb_len) {
            int rc = fill(in);
            if (rc < 0) return rc;
            if (rc == 0) break;
        }
        size_t k = in->rb_len - in->rb_pos;
        if (k > n - got) k = n - got;
        if (dst && pact_buf_append(dst, in->rb + in->rb_pos, k) != PACT_OK) return PACT_ETOOBIG;
        in->rb_pos += k;
        in->pos += k;
        got += k;
    }
    return (long long)got;
}

/* Reads one line (without its CR LF) into line; returns 1, 0 at the end, <0. */
static int rd_line(pact_input *in, pact_buf *line) {
    pact_buf_truncate(line, 0);
    bool any = false;
    for (;;) {
        if (in->rb_pos == in->rb_len) {
            int rc = fill(in);
            if (rc < 0) return rc;
            if (rc == 0) return any ? 1 : 0;
        }
        any = true;
        const char *s = in->rb + in->rb_pos;
        size_t k = in->rb_len - in->rb_pos;
        const char *nl = memchr(s, '\n', k);
        size_t take = nl ? (size_t)(nl - s) : k;
        if (pact_buf_append(line, s, take) != PACT_OK) return PACT_ETOOBIG;
        in->rb_pos += take + (nl ? 1 : 0);
        in->pos += take + (nl ? 1 : 0);
        if (nl) break;
    }
    if (line->len && line->ptr[line->len - 1] == '\r') pact_buf_truncate(line, line->len - 1);
    return 1;
}

/* ---- opening ---- */

int pact_input_open(const char *path, pact_input **out, pact_diag *d) {
    *out = NULL;
    bool is_stdin = strcmp(path, "-") == 0;
    FILE *f = stdin;
    if (!is_stdin) {
        struct stat st;
        if (stat(path, &st) != 0) {
            int e = errno;
            if (e == ENOENT) return PACT_ENOTFOUND; /* the caller says "not found" */
            pact_warn(d, SIZE_MAX, "%s", strerror(e));
            return PACT_EIO;
        }
        if (S_ISDIR(st.st_mode)) {
            pact_warn(d, SIZE_MAX, "is a directory");
            return PACT_EIO;
        }
        f = fopen(path, "rb");
        if (!f) {
            int e = errno;
            if (e == ENOENT) return PACT_ENOTFOUND; /* the caller says "not found" */
            pact_warn(d, SIZE_MAX, "%s", strerror(e));
            return PACT_EIO;
        }
    }
    pact_input *in = pact__xcalloc(1, sizeof *in);
    in->path = pact__xstrdup(path);
    in->d = d;
    in->f = f;
    in->raw = pact__xmalloc(RAW_CHUNK);
    in->rb = pact__xmalloc(RAW_CHUNK);
    pact_buf_init(&in->doc, PACT_MAX_DOC_BYTES);
    /* gzip by its magic bytes: read a first chunk raw and look */
    int rc = raw_fill(in);
    if (rc < 0) {
        pact_input_close(in);
        return rc;
    }
    if (in->raw_len >= 2 && in->raw[0] == 0x1f && in->raw[1] == 0x8b) {
        in->gz = true;
        if (inflateInit2(&in->zs, 15 + 32) != Z_OK) {
            pact_input_close(in);
            return PACT_ENOMEM;
        }
        in->zinit = true;
        in->zs.next_in = in->raw;
        in->zs.avail_in = (uInt)in->raw_len;
    } else {
        /* plain: the first chunk is already decompressed bytes */
        memcpy(in->rb, in->raw, in->raw_len);
        in->rb_len = in->raw_len;
    }
    /* WARC by its first bytes */
    if (in->rb_pos == in->rb_len) {
        rc = fill(in);
        if (rc < 0) {
            pact_input_close(in);
            return rc;
        }
    }
    in->warc = in->rb_len - in->rb_pos >= 5 && memcmp(in->rb + in->rb_pos, "WARC/", 5) == 0;
    *out = in;
    return PACT_OK;
}

void pact_input_close(pact_input *in) {
    if (!in) return;
    if (in->f && in->f != stdin) fclose(in->f);
    if (in->zinit) inflateEnd(&in->zs);
    free(in->raw);
    free(in->rb);
    free(in->path);
    free(in->docname);
    free(in->url);
    pact_buf_free(&in->doc);
    free(in);
}

/* ---- WARC records ---- */

static bool header_is(const char *line, const char *name, const char **value) {
    size_t k = strlen(name);
    if (strncasecmp(line, name, k) != 0 || line[k] != ':') return false;
    const char *v = line + k + 1;
    while (*v == ' ' || *v == '\t') v++;
    *value = v;
    return true;
}

/* Undoes HTTP chunked transfer coding in place; returns the new length or
 * SIZE_MAX when the chunks do not parse. */
static size_t dechunk(char *s, size_t n) {
    size_t r = 0, w = 0;
    for (;;) {
        size_t size = 0;
        bool digits = false;
        while (r < n) {
            char c = s[r];
            int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (v < 0) break;
            if (size > (SIZE_MAX >> 4)) return SIZE_MAX;
            size = size * 16 + (size_t)v;
            digits = true;
            r++;
        }
        if (!digits) return SIZE_MAX;
        const char *nl = memchr(s + r, '\n', n - r);
        if (!nl) return SIZE_MAX;
        r = (size_t)(nl - s) + 1;
        if (size == 0) return w;
        if (size > n - r) size = n - r;  /* a truncated last chunk: keep what is there */
        memmove(s + w, s + r, size);
        w += size;
        r += size;
        if (r < n && s[r] == '\r') r++;
        if (r < n && s[r] == '\n') r++;
        if (r >= n) return w;
    }
}

/* Inflates a gzip payload into out; returns PACT_OK or an error. */
static int gunzip_payload(const char *s, size_t n, pact_buf *out) {
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    if (inflateInit2(&zs, 15 + 32) != Z_OK) return PACT_ENOMEM;
    zs.next_in = (Bytef *)(uintptr_t)s;
    zs.avail_in = (uInt)n;
    char tmp[RAW_CHUNK];
    int rc = PACT_OK;
    for (;;) {
        zs.next_out = (Bytef *)tmp;
        zs.avail_out = sizeof tmp;
        int zr = inflate(&zs, Z_NO_FLUSH);
        size_t got = sizeof tmp - zs.avail_out;
        if (got && (rc = pact_buf_append(out, tmp, got)) != PACT_OK) break;
        if (zr == Z_STREAM_END) break;
        if (zr != Z_OK) {
            if (!(zr == Z_BUF_ERROR && out->len)) rc = PACT_EPARSE;
            break;
        }
    }
    inflateEnd(&zs);
    return rc;
}

/* Strips the HTTP status line and headers from a response payload in in->doc;
 * returns false when the response is not one to read. */
static bool http_payload(pact_input *in, size_t rec) {
    char *s = in->doc.ptr;
    size_t n = in->doc.len;
    if (n < 5 || memcmp(s, "HTTP/", 5) != 0) return true;  /* no HTTP head: keep as is */
    int status = 0;
    const char *sp = memchr(s, ' ', n < 64 ? n : 64);
    if (sp) status = atoi(sp + 1);
    size_t hend = 0, body = 0;
    for (size_t i = 0; i + 1 < n; i++) {
        if (s[i] == '\n' && s[i + 1] == '\n') {
            hend = i;
            body = i + 2;
            break;
        }
        if (s[i] == '\n' && s[i + 1] == '\r' && i + 2 < n && s[i + 2] == '\n') {
            hend = i;
            body = i + 3;
            break;
        }
    }
    if (!body) body = hend = n;
    if (status < 200 || status > 299) return false;  /* redirects, errors: no page */
    bool chunked = false, gzipped = false, textual = true;
    for (size_t i = 0; i < hend;) {
        const char *nl = memchr(s + i, '\n', hend - i);
        size_t e = nl ? (size_t)(nl - s) : hend;
        char line[256];
        size_t k = e - i < sizeof line - 1 ? e - i : sizeof line - 1;
        memcpy(line, s + i, k);
        line[k] = '\0';
        const char *v;
        if (header_is(line, "Transfer-Encoding", &v) && strstr(v, "chunked")) chunked = true;
        if (header_is(line, "Content-Encoding", &v) && (strstr(v, "gzip") || strstr(v, "deflate"))) gzipped = true;
        if (header_is(line, "Content-Type", &v) && !strstr(v, "text") && !strstr(v, "html") && !strstr(v, "xml"))
            textual = false;
        i = e + 1;
    }
    if (!textual) return false;  /* images, PDF and the like */
    memmove(s, s + body, n - body);
    pact_buf_truncate(&in->doc, n - body);
    if (chunked) {
        size_t w = dechunk(in->doc.ptr, in->doc.len);
        if (w != SIZE_MAX) pact_buf_truncate(&in->doc, w);
    }
    if (gzipped && in->doc.len >= 2 && (unsigned char)in->doc.ptr[0] == 0x1f && (unsigned char)in->doc.ptr[1] == 0x8b) {
        pact_buf plain;
        pact_buf_init(&plain, PACT_MAX_DOC_BYTES);
        int rc = gunzip_payload(in->doc.ptr, in->doc.len, &plain);
        if (rc != PACT_OK) {
            pact_warn(in->d, SIZE_MAX, "record %zu: %s, skipped", rec,
                      rc == PACT_ETOOBIG ? "payload larger than the limit" : "corrupt gzip payload");
            pact_buf_free(&plain);
            return false;
        }
        pact_buf_free(&in->doc);
        in->doc = plain;
    }
    return true;
}

static int next_warc(pact_input *in) {
    pact_buf line;
    pact_buf_init(&line, MAX_HEADER_LINE);
    int rc;
    for (;;) {
        /* the version line, after the blank lines closing the last record */
        do {
            rc = rd_line(in, &line);
        } while (rc > 0 && line.len == 0);
        if (rc <= 0) break;
        size_t rec_at = in->pos - line.len - 1;
        if (line.len < 5 || memcmp(line.ptr, "WARC/", 5) != 0) {
            pact_warn(in->d, rec_at, "not a WARC record header");
            rc = PACT_EPARSE;
            break;
        }
        in->nrec++;
        char type[32] = "";
        long long clen = -1;
        free(in->url);
        in->url = NULL;
        in->date[0] = '\0';
        bool textual = true;
        while ((rc = rd_line(in, &line)) > 0 && line.len) {
            const char *v;
            if (header_is(line.ptr, "Content-Length", &v)) {
                char *end;
                clen = strtoll(v, &end, 10);
                if (end == v) clen = -1;
            } else if (header_is(line.ptr, "WARC-Type", &v)) {
                snprintf(type, sizeof type, "%s", v);
            } else if (header_is(line.ptr, "WARC-Target-URI", &v)) {
                size_t k = strlen(v);
                if (k && v[0] == '<' && v[k - 1] == '>') in->url = pact__xstrndup(v + 1, k - 2);
                else in->url = pact__xstrdup(v);
            } else if (header_is(line.ptr, "WARC-Date", &v)) {
                if (!pact__page_parse_dateline(v, strlen(v), in->date)) in->date[0] = '\0';
            } else if (header_is(line.ptr, "Content-Type", &v)) {
                textual = strstr(v, "http") || strstr(v, "text") || strstr(v, "html") || strstr(v, "xml");
            }
        }
        if (rc < 0) break;
        if (clen < 0) {
            pact_warn(in->d, rec_at, "WARC record %zu has no Content-Length", in->nrec);
            rc = PACT_EPARSE;
            break;
        }
        bool want = (strcmp(type, "response") == 0 || strcmp(type, "resource") == 0) && textual;
        if (want && (size_t)clen > PACT_MAX_DOC_BYTES) {
            pact_warn(in->d, rec_at, "record %zu: payload of %lld bytes is larger than the limit (%zu), skipped",
                      in->nrec, clen, (size_t)PACT_MAX_DOC_BYTES);
            want = false;
        }
        pact_buf_truncate(&in->doc, 0);
        long long got = rd(in, want ? &in->doc : NULL, (size_t)clen);
        if (got < 0) {
            rc = (int)got;
            break;
        }
        if (got < clen) {
            pact_warn(in->d, rec_at, "WARC record %zu is truncated", in->nrec);
            rc = PACT_EPARSE;
            break;
        }
        if (!want) continue;
        if (strcmp(type, "response") == 0 && !http_payload(in, in->nrec)) continue;
        size_t need = strlen(in->path) + 24;
        free(in->docname);
        in->docname = pact__xmalloc(need);
        snprintf(in->docname, need, "%s#%zu", in->path, in->nrec);
        rc = 1;
        break;
    }
    pact_buf_free(&line);
    return rc;
}

int pact_input_next(pact_input *in, const char **doc, const char **data, size_t *len,
                    const char **source_url, const char **date) {
    if (in->done || in->err) return in->err;
    int rc;
    if (in->warc) {
        rc = next_warc(in);
        if (rc <= 0) {
            in->done = true;
            in->err = rc < 0 ? rc : 0;
            return rc;
        }
        *doc = in->docname;
        *source_url = in->url;
        *date = in->date[0] ? in->date : NULL;
    } else {
        in->done = true;
        pact_buf_truncate(&in->doc, 0);
        long long got = rd(in, &in->doc, PACT_MAX_DOC_BYTES + 1);
        if (got < 0) {
            if (got == PACT_ETOOBIG)
                pact_warn(in->d, SIZE_MAX, "document is larger than the limit (%zu bytes)", (size_t)PACT_MAX_DOC_BYTES);
            in->err = (int)got;
            return in->err;
        }
        *doc = in->path;
        *source_url = NULL;
        *date = NULL;
    }
    *data = in->doc.ptr ? in->doc.ptr : "";
    *len = in->doc.len;
    return 1;
}
