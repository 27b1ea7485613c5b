/*
 * Batches of documents through the whole pipeline — page reader, extraction,
 * extraction records — one document at a time or on N threads, with the
 * records in input order.
 *
 * One document: pact_extract_doc (records, for the store),
 * pact_extract_doc_each (one record at a time, to a callback) and
 * pact_extract_doc_jsonl (its records as JSON lines in a buffer, for
 * `pactgraph extract`). A document is extracted article by article: each
 * article's working memory lives in an article arena, reset before the next,
 * so that a page of thousands of articles (several pages saved as one file)
 * costs its text, its blocks and one article at a time, not thousands of
 * articles' worth. None keeps state outside its arguments: threads may call
 * them at once on one extractor, which they only read.
 *
 * Many documents: a pact_batch hands documents to N worker threads and gives
 * back each document's JSON lines and messages in the order the documents
 * were added, through a bounded window (memory holds at most `window`
 * documents, and at most PACT_BATCH_MAX_BYTES of them unless one is larger,
 * however long the input). The bytes are those of one thread. A
 * document whose records pass PACT_DOC_FLUSH_BYTES is given back in parts
 * (whole lines) as they are made, once every document before it is out.
 */
#ifndef PACT_BATCH_H
#define PACT_BATCH_H

#include "extract/extract.h"

/* A document to extract: its name in records, its bytes, and what the file
 * holding it said about it (a WARC record's URL and date, a JSON line's). */
typedef struct {
    const char *doc;
    const char *data;
    size_t len;
    const char *source_url;  /* or NULL */
    const char *date;        /* fallback date, YYYY-MM-DD, or NULL */
} pact_doc;

/* What pact_extract_doc_jsonl did. */
typedef struct {
    size_t articles;         /* records made */
    size_t too_large;        /* of which left out: over the output's size limit */
    size_t first_too_large;  /* the article index of the first left out */
} pact_doc_result;

/* Reads and extracts one document. On PACT_OK *recs holds *n records in
 * arena, valid until pact_page_free(page) (which the caller does, then
 * pact_arena_reset(arena)); on error there is nothing to free. Only the
 * records stay in arena (each article's working memory is freed after it):
 * memory grows with the records, about their JSON's size. */
PACT_WUR int pact_extract_doc(const pact_extractor *ex, const pact_doc *doc, pact_arena *arena,
                              pact_page *page, pact_record **recs, size_t *n, pact_diag *d);

/* Called with each record of a document in article order; the record lives
 * until the callback returns (copy what must outlive it). Non-zero stops the
 * document, and pact_extract_doc_each returns that value. */
typedef int (*pact_record_fn)(void *user, const pact_record *rec);

/* Reads one document and extracts it article by article, handing each record
 * to fn: memory holds the page and one article, however many articles the
 * page has. work: the article arena, reset after each article (it must not
 * hold doc's strings); NULL makes one for the call. Returns the page
 * reader's error (fn not called), fn's non-zero value, or PACT_OK. */
PACT_WUR int pact_extract_doc_each(const pact_extractor *ex, const pact_doc *doc, pact_arena *work,
                                   pact_record_fn fn, void *user, pact_diag *d);

/* Extracts article i of a page (pipeline.c) into *r, everything in arena. */
void pact_extract_article(const pact_extractor *ex, const pact_page *page, size_t i, pact_arena *arena,
                          pact_record *r, pact_diag *d);

/* Named limit: a document's JSON lines held before they are given back in
 * parts (a huge document is written as it is extracted, in whole lines). */
#define PACT_DOC_FLUSH_BYTES ((size_t)1 << 20)
/* ... and held at most by a worker whose document must wait for earlier ones. */
#define PACT_DOC_HOLD_BYTES ((size_t)8 << 20)
/* Named limit: the bytes of the documents in a batch's window (copies of the
 * inputs) before it waits for earlier ones to be done; one is always let in. */
#define PACT_BATCH_MAX_BYTES ((size_t)32 << 20)

/* Extracts one document's bytes into a buffer of JSON lines: appends one
 * line per article to out (spec/OUTPUT.md) and resets arena. Returns the
 * page reader's error (nothing appended) or PACT_OK; a record larger than
 * out's limit is left out and counted in res. */
PACT_WUR int pact_extract_doc_jsonl(const pact_extractor *ex, const pact_doc *doc, pact_arena *arena,
                                    pact_buf *out, pact_doc_result *res, pact_diag *d);

/* Named limit: one line of JSON Lines input (a document and its quoting). */
#define PACT_MAX_JSONL_LINE (PACT_MAX_DOC_BYTES + ((size_t)16 << 20))

/* Decodes one line of JSON Lines input, {"doc": NAME, "text"|"html": PAGE,
 * "url": URL, "date": "YYYY-MM-DD"} ("url" and "date" optional; "doc"
 * defaults to fallback_name), into *doc with its strings in arena. Spans in
 * its records are byte offsets into PAGE's UTF-8. Returns PACT_EPARSE with
 * the reason in err when the line is not such an object. */
PACT_WUR int pact_doc_from_json(const char *line, size_t len, const char *fallback_name,
                                pact_arena *arena, pact_doc *doc, char *err, size_t errlen);

/* ---- many documents, in order ---- */

typedef struct pact_batch pact_batch;

/* Called in input order with what one input gave: its JSON lines (may be
 * empty) and its messages for standard error (warnings, errors; may be
 * empty). failed: it counts as a failure. A document whose records pass
 * PACT_DOC_FLUSH_BYTES comes in several calls, in order: parts with
 * input_bytes 0 (its lines so far, whole lines, and its messages so far), then
 * the last with its input_bytes and failed. Calls come on the thread that adds
 * documents, except such parts, which may come on a worker thread; two calls
 * never overlap, and each happens after the one before it (the batch's lock
 * orders them), so state that only emit touches needs no lock of its own. */
typedef void (*pact_batch_emit)(void *user, const char *lines, size_t nlines,
                                const char *msgs, size_t nmsgs, bool failed, size_t input_bytes,
                                size_t articles);

typedef struct {
    unsigned threads;        /* 0 or 1: no thread, each document done as it is added */
    size_t window;           /* documents in flight at most; 0 = 4 per thread */
    bool quiet;              /* no warnings, errors only */
    const char *prog;        /* prefix of error messages, e.g. "pactgraph extract" */
    pact_batch_emit emit;
    void *user;
} pact_batch_opts;

/* The extractor is shared, read-only, by every worker; keep it alive until
 * pact_batch_finish has returned. */
pact_batch *pact_batch_new(const pact_extractor *ex, const pact_batch_opts *opts);
/* Queues one document (copied; may first wait for, and emit, earlier ones). */
void pact_batch_add_doc(pact_batch *b, const pact_doc *doc);
/* Queues one line of JSON Lines input (copied); name: its doc when it has none. */
void pact_batch_add_jsonl(pact_batch *b, const char *line, size_t len, const char *name);
/* Queues a message about the input itself (a file that cannot be opened),
 * emitted in its place in the order; failed as for emit. */
void pact_batch_add_message(pact_batch *b, const char *msg, size_t len, bool failed);
/* Waits for every queued document, emits the rest, stops the workers and
 * frees the batch. */
void pact_batch_finish(pact_batch *b);

#endif
