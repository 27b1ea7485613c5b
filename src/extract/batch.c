/* Batches of documents through the whole pipeline, in input order (batch.h). */
#include <jansson.h>
#include <libxml/parser.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/batch.h"

/* ---- one document ---- */

int pact_extract_doc(const pact_extractor *ex, const pact_doc *doc, pact_arena *arena, pact_page *page,
                     pact_record **recs, size_t *n, pact_diag *d) {
    *recs = NULL;
    *n = 0;
    memset(page, 0, sizeof *page);
    int rc = pact_page_read(doc->doc, doc->data, doc->len, page, d);
    if (rc != PACT_OK) return rc;
    if (doc->source_url && !page->source_url) page->source_url = doc->source_url;
    if (doc->date && doc->date[0] && !page->fallback_date[0])
        snprintf(page->fallback_date, sizeof page->fallback_date, "%s", doc->date);
    *n = pact_extract_page(ex, page, arena, recs, d);
    return PACT_OK;
}

int pact_extract_doc_jsonl(const pact_extractor *ex, const pact_doc *doc, pact_arena *arena, pact_buf *out,
                           pact_doc_result *res, pact_diag *d) {
    memset(res, 0, sizeof *res);
    pact_page page;
    pact_record *recs;
    size_t n;
    int rc = pact_extract_doc(ex, doc, arena, &page, &recs, &n, d);
    if (rc != PACT_OK) {
        pact_arena_reset(arena);
        return rc;
    }
    res->articles = n;
    for (size_t i = 0; i < n; i++) {
        size_t mark = out->len;
        if (pact_record_write_json(&recs[i], out) != PACT_OK) {
            /* one record over the limit costs only itself */
            pact_buf_truncate(out, mark);
            if (!res->too_large++) res->first_too_large = i;
        }
    }
    pact_page_free(&page);
    pact_arena_reset(arena);
    return PACT_OK;
}

/* Copies a JSON string member into the arena; NULL when absent or null. */
static int member_string(json_t *obj, const char *key, pact_arena *arena, const char **out, size_t *len,
                         char *err, size_t errlen) {
    json_t *v = json_object_get(obj, key);
    *out = NULL;
    if (len) *len = 0;
    if (!v || json_is_null(v)) return PACT_OK;
    if (!json_is_string(v)) {
        snprintf(err, errlen, "\"%s\" is not a string", key);
        return PACT_EPARSE;
    }
    size_t n = json_string_length(v);
    *out = pact_arena_strndup(arena, json_string_value(v), n);
    if (len) *len = n;
    return PACT_OK;
}

int pact_doc_from_json(const char *line, size_t len, const char *fallback_name, pact_arena *arena, pact_doc *doc,
                       char *err, size_t errlen) {
    memset(doc, 0, sizeof *doc);
    if (len > PACT_MAX_JSONL_LINE) {
        snprintf(err, errlen, "line is longer than the limit (%zu bytes)", (size_t)PACT_MAX_JSONL_LINE);
        return PACT_ETOOBIG;
    }
    json_error_t je;
    json_t *obj = json_loadb(line, len, 0, &je);
    if (!obj) {
        snprintf(err, errlen, "not JSON: %s (column %d)", je.text, je.column);
        return PACT_EPARSE;
    }
    int rc = PACT_EPARSE;
    const char *text, *html;
    size_t tlen, hlen;
    if (!json_is_object(obj)) {
        snprintf(err, errlen, "not a JSON object");
        goto done;
    }
    if (member_string(obj, "doc", arena, &doc->doc, NULL, err, errlen) != PACT_OK ||
        member_string(obj, "text", arena, &text, &tlen, err, errlen) != PACT_OK ||
        member_string(obj, "html", arena, &html, &hlen, err, errlen) != PACT_OK ||
        member_string(obj, "url", arena, &doc->source_url, NULL, err, errlen) != PACT_OK ||
        member_string(obj, "date", arena, &doc->date, NULL, err, errlen) != PACT_OK)
        goto done;
    if (text && html) {
        snprintf(err, errlen, "both \"text\" and \"html\": give one");
        goto done;
    }
    if (!text && !html) {
        snprintf(err, errlen, "no \"text\" or \"html\" member");
        goto done;
    }
    /* The page reader tells HTML from flattened text by the content, as for a
     * file; the key is the producer's word for it. */
    doc->data = text ? text : html;
    doc->len = text ? tlen : hlen;
    if (!doc->doc) doc->doc = pact_arena_strdup(arena, fallback_name ? fallback_name : "-");
    if (doc->date && !(strlen(doc->date) == 10 && doc->date[4] == '-' && doc->date[7] == '-'))
        doc->date = NULL;  /* not a day: no fallback date rather than a wrong one */
    rc = PACT_OK;
done:
    json_decref(obj);
    return rc;
}

/* ---- many documents ---- */

typedef enum { SLOT_FREE, SLOT_QUEUED, SLOT_DONE } slot_state;
typedef enum { JOB_DOC, JOB_JSONL, JOB_MESSAGE } job_kind;

/* One input in flight: what to do, then what it gave. */
typedef struct {
    slot_state state;
    job_kind kind;
    pact_buf data;           /* the document's bytes, or the JSON line */
    char *name, *url;
    char date[11];
    pact_buf out;            /* its JSON lines */
    pact_buf msgs;           /* its messages for standard error */
    bool failed;
    size_t articles;
    size_t bytes;            /* the input's size, for progress */
} slot;

struct pact_batch {
    const pact_extractor *ex;
    pact_batch_opts o;
    slot *slots;
    size_t window;
    /* sequence numbers: [head, tail) are in the window; [next, tail) wait for a worker */
    size_t head, next, tail;
    bool stop;
    pthread_mutex_t mu;
    pthread_cond_t work, done;
    pthread_t *workers;
    unsigned nworkers;
    pact_arena *arena;       /* the caller's thread's, without workers */
};

/* Per-document warnings go to the document's own messages, so that they come
 * out in input order too; at most 20 shown, as pact_warn does on stderr. */
static void sink(pact_diag *d, const char *msg) {
    pact_buf *b = d->user;
    unsigned limit = d->max_shown ? d->max_shown : 20;
    int rc = PACT_OK;
    if (d->warnings <= limit) rc = pact_buf_printf(b, "pactgraph: warning: %s\n", msg);
    else if (d->warnings == limit + 1)
        rc = pact_buf_printf(b, "pactgraph: %s: more warnings not shown\n", d->path ? d->path : "-");
    (void)rc;  /* a message that does not fit is dropped, not the records */
}

static void slot_reset(slot *s) {
    /* keep ordinary capacity for the next document, give back a giant's */
    const size_t keep = (size_t)4 << 20;
    pact_buf *bufs[] = {&s->data, &s->out, &s->msgs};
    for (size_t i = 0; i < sizeof bufs / sizeof bufs[0]; i++) {
        if (bufs[i]->cap > keep) {
            size_t max = bufs[i]->max;
            pact_buf_free(bufs[i]);
            pact_buf_init(bufs[i], max);
        } else {
            pact_buf_truncate(bufs[i], 0);
        }
    }
    free(s->name);
    free(s->url);
    s->name = s->url = NULL;
    s->date[0] = '\0';
    s->failed = false;
    s->articles = 0;
    s->bytes = 0;
    s->state = SLOT_FREE;
}

static void msg_printf(pact_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void msg_printf(pact_buf *b, const char *fmt, ...) {
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    if (pact_buf_append(b, line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1) != PACT_OK) return;
}

/* Does one slot's work; touches nothing but the slot and the arena. direct:
 * the document itself when it was not copied into the slot. */
static void run_job(const pact_batch *b, slot *s, pact_arena *arena, const pact_doc *direct) {
    if (s->kind == JOB_MESSAGE) return;
    pact_doc doc = {s->name, s->data.ptr ? s->data.ptr : "", s->data.len, s->url, s->date[0] ? s->date : NULL};
    if (direct) {
        doc = *direct;
        doc.doc = s->name;
    }
    pact_diag d;
    pact_diag_init(&d, s->name);
    d.quiet = b->o.quiet;
    d.sink = sink;
    d.user = &s->msgs;
    const char *prog = b->o.prog ? b->o.prog : "pactgraph";
    if (s->kind == JOB_JSONL) {
        char err[256];
        int rc = pact_doc_from_json(s->data.ptr ? s->data.ptr : "", s->data.len, s->name, arena, &doc, err, sizeof err);
        if (rc != PACT_OK) {
            msg_printf(&s->msgs, "%s: %s: %s\n", prog, s->name, err);
            s->failed = true;
            pact_arena_reset(arena);
            return;
        }
        d.path = doc.doc;
        /* the line's own name, for messages after the arena is reset */
        free(s->name);
        s->name = pact__xstrdup(doc.doc);
    }
    pact_doc_result res;
    int rc = pact_extract_doc_jsonl(b->ex, &doc, arena, &s->out, &res, &d);
    if (rc != PACT_OK) {
        msg_printf(&s->msgs, "%s: %s: %s\n", prog, s->name, pact_strerror(rc));
        s->failed = true;
        return;
    }
    s->articles = res.articles - res.too_large;
    if (res.too_large) {
        msg_printf(&s->msgs, "%s: %s: article %zu: record too large\n", prog, s->name, res.first_too_large);
        s->failed = true;
    }
}

static void *worker_main(void *arg) {
    pact_batch *b = arg;
    pact_arena *arena = pact_arena_new();
    pthread_mutex_lock(&b->mu);
    for (;;) {
        while (b->next == b->tail && !b->stop) pthread_cond_wait(&b->work, &b->mu);
        if (b->next == b->tail) break;  /* stopping, nothing left */
        slot *s = &b->slots[b->next % b->window];
        b->next++;
        pthread_mutex_unlock(&b->mu);
        run_job(b, s, arena, NULL);
        pthread_mutex_lock(&b->mu);
        s->state = SLOT_DONE;
        pthread_cond_broadcast(&b->done);
    }
    pthread_mutex_unlock(&b->mu);
    pact_arena_free(arena);
    return NULL;
}

pact_batch *pact_batch_new(const pact_extractor *ex, const pact_batch_opts *opts) {
    pact_batch *b = pact__xcalloc(1, sizeof *b);
    b->ex = ex;
    b->o = *opts;
    unsigned threads = opts->threads > 1 ? opts->threads : 0;
    b->window = threads ? (opts->window ? opts->window : 4 * (size_t)threads) : 1;
    if (b->window < threads) b->window = threads;
    b->slots = pact__xcalloc(b->window, sizeof *b->slots);
    for (size_t i = 0; i < b->window; i++) {
        pact_buf_init(&b->slots[i].data, PACT_MAX_JSONL_LINE);
        pact_buf_init(&b->slots[i].out, 0);
        pact_buf_init(&b->slots[i].msgs, (size_t)1 << 20);
    }
    if (!threads) {
        b->arena = pact_arena_new();
        return b;
    }
    /* libxml2 sets up its globals on first use, racing if workers do it at
     * once (the page reader calls it per page): do it here, before them. */
    xmlInitParser();
    pthread_mutex_init(&b->mu, NULL);
    pthread_cond_init(&b->work, NULL);
    pthread_cond_init(&b->done, NULL);
    b->workers = pact__xcalloc(threads, sizeof *b->workers);
    for (unsigned i = 0; i < threads; i++) {
        if (pthread_create(&b->workers[i], NULL, worker_main, b) != 0) break;
        b->nworkers++;
    }
    if (!b->nworkers) {
        /* no thread could start: do the work on the caller's thread */
        b->arena = pact_arena_new();
    }
    return b;
}

static void emit(pact_batch *b, slot *s) {
    if (b->o.emit)
        b->o.emit(b->o.user, s->out.ptr ? s->out.ptr : "", s->out.len, s->msgs.ptr ? s->msgs.ptr : "", s->msgs.len,
                  s->failed, s->bytes, s->articles);
    slot_reset(s);
}

/* Emits finished inputs from the head of the window; with wait_for_room,
 * waits until the window has a free slot. Called without the lock. */
static void drain(pact_batch *b, bool wait_for_room, bool wait_all) {
    pthread_mutex_lock(&b->mu);
    for (;;) {
        if (b->head == b->tail) break;
        slot *s = &b->slots[b->head % b->window];
        if (s->state != SLOT_DONE) {
            bool full = b->tail - b->head == b->window;
            if (!wait_all && !(wait_for_room && full)) break;
            pthread_cond_wait(&b->done, &b->mu);
            continue;
        }
        b->head++;
        /* the slot is ours now: no worker looks at it until it is queued again */
        pthread_mutex_unlock(&b->mu);
        emit(b, s);
        pthread_mutex_lock(&b->mu);
    }
    pthread_mutex_unlock(&b->mu);
}

/* The next slot to fill, free. */
static slot *take(pact_batch *b) {
    if (b->nworkers) drain(b, true, false);
    return &b->slots[b->tail % b->window];
}

static void submit(pact_batch *b, slot *s) {
    if (!b->nworkers) {
        run_job(b, s, b->arena, NULL);
        emit(b, s);
        return;
    }
    pthread_mutex_lock(&b->mu);
    s->state = SLOT_QUEUED;
    b->tail++;
    pthread_cond_signal(&b->work);
    pthread_mutex_unlock(&b->mu);
    drain(b, false, false);
}

static void fill(slot *s, job_kind kind, const char *name, const char *data, size_t len) {
    s->kind = kind;
    s->bytes = len;
    s->name = pact__xstrdup(name ? name : "-");
    if (len && pact_buf_append(&s->data, data, len) != PACT_OK) {
        /* over the line limit: becomes an error of this input */
        s->kind = JOB_MESSAGE;
        s->failed = true;
        msg_printf(&s->msgs, "pactgraph: %s: %s\n", s->name, pact_strerror(PACT_ETOOBIG));
    }
}

void pact_batch_add_doc(pact_batch *b, const pact_doc *doc) {
    if (!b->nworkers) {
        /* one thread: the document is done now, no need to copy it */
        slot *s = &b->slots[0];
        s->kind = JOB_DOC;
        s->name = pact__xstrdup(doc->doc ? doc->doc : "-");
        run_job(b, s, b->arena, doc);
        s->bytes = doc->len;
        emit(b, s);
        return;
    }
    slot *s = take(b);
    fill(s, JOB_DOC, doc->doc, doc->data, doc->len);
    if (doc->source_url) s->url = pact__xstrdup(doc->source_url);
    if (doc->date) snprintf(s->date, sizeof s->date, "%s", doc->date);
    submit(b, s);
}

void pact_batch_add_jsonl(pact_batch *b, const char *line, size_t len, const char *name) {
    slot *s = take(b);
    fill(s, JOB_JSONL, name, line, len);
    submit(b, s);
}

void pact_batch_add_message(pact_batch *b, const char *msg, size_t len, bool failed) {
    slot *s = take(b);
    s->kind = JOB_MESSAGE;
    if (len && pact_buf_append(&s->msgs, msg, len) != PACT_OK)
        pact_buf_truncate(&s->msgs, 0);  /* a message over 1 MB: dropped */
    s->failed = failed;
    submit(b, s);
}

void pact_batch_finish(pact_batch *b) {
    if (!b) return;
    if (b->nworkers) {
        drain(b, false, true);
        pthread_mutex_lock(&b->mu);
        b->stop = true;
        pthread_cond_broadcast(&b->work);
        pthread_mutex_unlock(&b->mu);
        for (unsigned i = 0; i < b->nworkers; i++) pthread_join(b->workers[i], NULL);
        pthread_mutex_destroy(&b->mu);
        pthread_cond_destroy(&b->work);
        pthread_cond_destroy(&b->done);
    }
    for (size_t i = 0; i < b->window; i++) {
        slot_reset(&b->slots[i]);
        pact_buf_free(&b->slots[i].data);
        pact_buf_free(&b->slots[i].out);
        pact_buf_free(&b->slots[i].msgs);
    }
    free(b->slots);
    free(b->workers);
    pact_arena_free(b->arena);
    free(b);
}
