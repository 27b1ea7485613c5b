/* Batches of documents through the whole pipeline, in input order (batch.h). */
#include <jansson.h>
#include <libxml/parser.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/batch.h"
#include "extract/doc_json.h"

/* ---- one document ---- */

/* Reads the page and takes the fallbacks the file gave. */
static int read_page(const pact_doc *doc, pact_page *page, pact_diag *d) {
    memset(page, 0, sizeof *page);
    int rc = pact_page_read(doc->doc, doc->data, doc->len, page, d);
    if (rc != PACT_OK) return rc;
    if (doc->source_url && !page->source_url) page->source_url = doc->source_url;
    if (doc->date && doc->date[0] && !page->fallback_date[0])
        snprintf(page->fallback_date, sizeof page->fallback_date, "%s", doc->date);
    return PACT_OK;
}

static const char *copy_str(pact_arena *arena, const char *s) { return s ? pact_arena_strdup(arena, s) : NULL; }

/* A copy of the array of n elements of size bytes at items, in arena. */
static void *copy_items(pact_arena *arena, const void *items, size_t n, size_t size) {
    if (!n || !items) return NULL;
    void *p = pact_arena_alloc(arena, n * size);
    memcpy(p, items, n * size);
    return p;
}

/* A deep copy of src into arena: what outlives its article's arena. doc and
 * source_url are the page's (they live as long as the page) and are kept. */
static void copy_record(const pact_record *src, pact_arena *arena, pact_record *r) {
    *r = *src;
    r->title = copy_str(arena, src->title);
    r->body_spans = copy_items(arena, src->body_spans, src->nbody, sizeof *src->body_spans);
    r->body_text = copy_str(arena, src->body_text);
    r->entities = copy_items(arena, src->entities, src->nentities, sizeof *src->entities);
    for (size_t i = 0; i < r->nentities; i++) {
        pact_entity *e = &r->entities[i];
        e->id = copy_str(arena, e->id);
        e->name = copy_str(arena, e->name);
        e->country = copy_str(arena, e->country);
        e->actor = copy_str(arena, e->actor);
        e->text = copy_str(arena, e->text);
    }
    r->events = copy_items(arena, src->events, src->nevents, sizeof *src->events);
    for (size_t i = 0; i < r->nevents; i++) {
        pact_event *e = &r->events[i];
        e->source = copy_str(arena, e->source);
        e->target = copy_str(arena, e->target);
        e->place = copy_str(arena, e->place);
        for (size_t k = 0; k < e->ndomains && k < PACT_MAX_DOMAINS; k++) e->domains[k] = copy_str(arena, e->domains[k]);
    }
    r->memberships = copy_items(arena, src->memberships, src->nmemberships, sizeof *src->memberships);
    for (size_t i = 0; i < r->nmemberships; i++) {
        pact_membership *m = &r->memberships[i];
        m->org = copy_str(arena, m->org);
        m->member = copy_str(arena, m->member);
    }
    r->sentences = copy_items(arena, src->sentences, src->nsentences, sizeof *src->sentences);
    for (size_t i = 0; i < r->nsentences; i++) r->sentences[i].text = copy_str(arena, r->sentences[i].text);
    r->notes = copy_items(arena, src->notes, src->nnotes, sizeof *src->notes);
    for (size_t i = 0; i < r->nnotes; i++) r->notes[i] = copy_str(arena, r->notes[i]);
}

/* Extracts a read page article by article into fn, each in work (reset
 * after it). */
static int each_article(const pact_extractor *ex, const pact_page *page, pact_arena *work, pact_record_fn fn,
                        void *user, pact_diag *d) {
    int rc = PACT_OK;
    for (size_t i = 0; i < page->narticles && rc == PACT_OK; i++) {
        pact_record r;
        pact_extract_article(ex, page, i, work, &r, d);
        rc = fn(user, &r);
        pact_arena_reset(work);
    }
    return rc;
}

int pact_extract_doc_each(const pact_extractor *ex, const pact_doc *doc, pact_arena *work, pact_record_fn fn,
                          void *user, pact_diag *d) {
    pact_page page;
    int rc = read_page(doc, &page, d);
    if (rc != PACT_OK) return rc;
    pact_arena *own = work ? NULL : pact_arena_new();
    rc = each_article(ex, &page, work ? work : own, fn, user, d);
    pact_arena_free(own);
    pact_page_free(&page);
    return rc;
}

typedef struct {
    pact_arena *arena;
    pact_record *recs;
    size_t n;
} keep_ctx;

static int keep_record(void *user, const pact_record *rec) {
    keep_ctx *k = user;
    copy_record(rec, k->arena, &k->recs[k->n++]);
    return PACT_OK;
}

int pact_extract_doc(const pact_extractor *ex, const pact_doc *doc, pact_arena *arena, pact_page *page,
                     pact_record **recs, size_t *n, pact_diag *d) {
    *recs = NULL;
    *n = 0;
    int rc = read_page(doc, page, d);
    if (rc != PACT_OK) return rc;
    keep_ctx k = {arena, pact_arena_alloc(arena, (page->narticles ? page->narticles : 1) * sizeof *k.recs), 0};
    pact_arena *work = pact_arena_new();
    rc = each_article(ex, page, work, keep_record, &k, d);
    pact_arena_free(work);
    *recs = k.recs;
    *n = k.n;
    return rc;
}

/* Gives back the JSON lines made so far (whole lines) when it can: returns
 * true when it took them (and emptied out). pending: records in out. */
typedef bool (*flush_fn)(void *user, pact_buf *out, size_t pending);

typedef struct {
    pact_buf *out;
    pact_doc_result *res;
    size_t index;             /* the next record's article index */
    size_t pending;           /* records in out not yet given back */
    flush_fn flush;
    void *user;
} jsonl_ctx;

static int write_record(void *user, const pact_record *rec) {
    jsonl_ctx *j = user;
    size_t mark = j->out->len;
    size_t i = j->index++;
    j->res->articles++;
    if (pact_record_write_json(rec, j->out) != PACT_OK) {
        /* one record over the limit costs only itself */
        pact_buf_truncate(j->out, mark);
        if (!j->res->too_large++) j->res->first_too_large = i;
    } else {
        j->pending++;
    }
    if (j->flush && j->out->len >= PACT_DOC_FLUSH_BYTES && j->flush(j->user, j->out, j->pending)) j->pending = 0;
    return PACT_OK;
}

/* pact_extract_doc_jsonl with a work arena and a way to give back parts. */
static int doc_jsonl(const pact_extractor *ex, const pact_doc *doc, pact_arena *arena, pact_arena *work,
                     pact_buf *out, pact_doc_result *res, pact_diag *d, flush_fn flush, void *user) {
    memset(res, 0, sizeof *res);
    jsonl_ctx j = {out, res, 0, 0, flush, user};
    int rc = pact_extract_doc_each(ex, doc, work, write_record, &j, d);
    pact_arena_reset(arena);
    return rc;
}

int pact_extract_doc_jsonl(const pact_extractor *ex, const pact_doc *doc, pact_arena *arena, pact_buf *out,
                           pact_doc_result *res, pact_diag *d) {
    return doc_jsonl(ex, doc, arena, NULL, out, res, d, NULL, NULL);
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
    /* the usual line in place; errors and rare forms through jansson */
    if (pact__doc_json_fast(line, len, fallback_name, arena, doc)) return PACT_OK;
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
    size_t parted;           /* articles already given back in parts */
    size_t held;             /* bytes it counts for in the batch's inflight */
} slot;

struct pact_batch {
    const pact_extractor *ex;
    pact_batch_opts o;
    slot *slots;
    size_t window;
    /* sequence numbers: [head, tail) are in the window; [next, tail) wait for a worker */
    size_t head, next, tail;
    size_t inflight;         /* bytes of the documents copied into [head, tail) */
    bool stop;
    pthread_mutex_t mu;
    pthread_cond_t work, done;
    pthread_cond_t moved;    /* head moved on: a worker waiting to give back parts may */
    pthread_t *workers;
    unsigned nworkers;
    pact_arena *arena;       /* the caller's thread's, without workers */
    pact_arena *art;         /* ... and its article arena */
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
    s->parted = 0;
    s->held = 0;
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

/* A slot's document giving back its JSON lines in parts, while it is made. */
typedef struct {
    pact_batch *b;
    slot *s;
    size_t seq;              /* the slot's sequence number */
    bool worker;             /* on a worker thread: may write only at the head */
} part_ctx;

/* Hands the lines so far to emit, when every document before this one is
 * out; a worker whose document must wait holds at most PACT_DOC_HOLD_BYTES,
 * then waits for its turn (the document at the head never waits). */
static bool give_part(void *user, pact_buf *out, size_t pending) {
    part_ctx *p = user;
    pact_batch *b = p->b;
    slot *s = p->s;
    if (p->worker) {
        pthread_mutex_lock(&b->mu);
        while (b->head != p->seq && out->len >= PACT_DOC_HOLD_BYTES) pthread_cond_wait(&b->moved, &b->mu);
        bool turn = b->head == p->seq;
        pthread_mutex_unlock(&b->mu);
        if (!turn) return false;
    }
    if (b->o.emit)
        b->o.emit(b->o.user, out->ptr ? out->ptr : "", out->len, s->msgs.ptr ? s->msgs.ptr : "", s->msgs.len, false,
                  0, pending);
    pact_buf_truncate(out, 0);
    pact_buf_truncate(&s->msgs, 0);
    s->parted += pending;
    return true;
}

/* Does one slot's work; touches nothing but the slot and the arenas, and
 * emits nothing but parts of its own document, in turn. direct: the document
 * itself when it was not copied into the slot. seq: the slot's sequence
 * number, on a worker thread (SIZE_MAX on the thread that adds documents). */
static void run_job(pact_batch *b, slot *s, pact_arena *arena, pact_arena *work, const pact_doc *direct,
                    size_t seq) {
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
    part_ctx part = {b, s, seq, seq != SIZE_MAX};
    int rc = doc_jsonl(b->ex, &doc, arena, work, &s->out, &res, &d, give_part, &part);
    if (rc != PACT_OK) {
        msg_printf(&s->msgs, "%s: %s: %s\n", prog, s->name, pact_strerror(rc));
        s->failed = true;
        return;
    }
    s->articles = res.articles - res.too_large - s->parted;
    if (res.too_large) {
        msg_printf(&s->msgs, "%s: %s: article %zu: record too large\n", prog, s->name, res.first_too_large);
        s->failed = true;
    }
}

static void *worker_main(void *arg) {
    pact_batch *b = arg;
    pact_arena *arena = pact_arena_new();
    pact_arena *work = pact_arena_new();
    pthread_mutex_lock(&b->mu);
    for (;;) {
        while (b->next == b->tail && !b->stop) pthread_cond_wait(&b->work, &b->mu);
        if (b->next == b->tail) break;  /* stopping, nothing left */
        size_t seq = b->next++;
        slot *s = &b->slots[seq % b->window];
        pthread_mutex_unlock(&b->mu);
        run_job(b, s, arena, work, NULL, seq);
        pthread_mutex_lock(&b->mu);
        s->state = SLOT_DONE;
        pthread_cond_broadcast(&b->done);
    }
    pthread_mutex_unlock(&b->mu);
    pact_arena_free(work);
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
        b->art = pact_arena_new();
        return b;
    }
    /* libxml2 sets up its globals on first use, racing if workers do it at
     * once (the page reader calls it per page): do it here, before them. */
    xmlInitParser();
    pthread_mutex_init(&b->mu, NULL);
    pthread_cond_init(&b->work, NULL);
    pthread_cond_init(&b->done, NULL);
    pthread_cond_init(&b->moved, NULL);
    b->workers = pact__xcalloc(threads, sizeof *b->workers);
    for (unsigned i = 0; i < threads; i++) {
        if (pthread_create(&b->workers[i], NULL, worker_main, b) != 0) break;
        b->nworkers++;
    }
    if (!b->nworkers) {
        /* no thread could start: do the work on the caller's thread */
        b->arena = pact_arena_new();
        b->art = pact_arena_new();
    }
    return b;
}

static void emit(pact_batch *b, slot *s) {
    if (b->o.emit)
        b->o.emit(b->o.user, s->out.ptr ? s->out.ptr : "", s->out.len, s->msgs.ptr ? s->msgs.ptr : "", s->msgs.len,
                  s->failed, s->bytes, s->articles);
    slot_reset(s);
}

/* True when one more input of that many bytes must wait: the window is full,
 * or the documents in it hold PACT_BATCH_MAX_BYTES (a window of huge
 * documents would hold window times their size; one is always let in). */
static bool no_room(const pact_batch *b, size_t bytes) {
    if (b->tail - b->head == b->window) return true;
    return b->head != b->tail && b->inflight + bytes > PACT_BATCH_MAX_BYTES;
}

/* Emits finished inputs from the head of the window; with wait_for_room,
 * waits until the window has room for an input of `bytes`. Called without
 * the lock. */
static void drain(pact_batch *b, bool wait_for_room, size_t bytes, bool wait_all) {
    pthread_mutex_lock(&b->mu);
    for (;;) {
        if (b->head == b->tail) break;
        slot *s = &b->slots[b->head % b->window];
        if (s->state != SLOT_DONE) {
            if (!wait_all && !(wait_for_room && no_room(b, bytes))) break;
            pthread_cond_wait(&b->done, &b->mu);
            continue;
        }
        /* the slot is ours now: no worker looks at it until it is queued
         * again. The head moves on once it is out, so that the next
         * document's worker gives back parts only after it. */
        size_t held = s->held;
        pthread_mutex_unlock(&b->mu);
        emit(b, s);
        pthread_mutex_lock(&b->mu);
        b->inflight -= held;
        b->head++;
        pthread_cond_broadcast(&b->moved);
    }
    pthread_mutex_unlock(&b->mu);
}

/* The next slot to fill, free. */
static slot *take(pact_batch *b, size_t bytes) {
    if (b->nworkers) drain(b, true, bytes, false);
    return &b->slots[b->tail % b->window];
}

static void submit(pact_batch *b, slot *s) {
    if (!b->nworkers) {
        run_job(b, s, b->arena, b->art, NULL, SIZE_MAX);
        emit(b, s);
        return;
    }
    pthread_mutex_lock(&b->mu);
    s->state = SLOT_QUEUED;
    s->held = s->data.len;
    b->inflight += s->held;
    b->tail++;
    pthread_cond_signal(&b->work);
    pthread_mutex_unlock(&b->mu);
    drain(b, false, 0, false);
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
        run_job(b, s, b->arena, b->art, doc, SIZE_MAX);
        s->bytes = doc->len;
        emit(b, s);
        return;
    }
    slot *s = take(b, doc->len);
    fill(s, JOB_DOC, doc->doc, doc->data, doc->len);
    if (doc->source_url) s->url = pact__xstrdup(doc->source_url);
    if (doc->date) snprintf(s->date, sizeof s->date, "%s", doc->date);
    submit(b, s);
}

void pact_batch_add_jsonl(pact_batch *b, const char *line, size_t len, const char *name) {
    slot *s = take(b, len);
    fill(s, JOB_JSONL, name, line, len);
    submit(b, s);
}

void pact_batch_add_message(pact_batch *b, const char *msg, size_t len, bool failed) {
    slot *s = take(b, 0);
    s->kind = JOB_MESSAGE;
    if (len && pact_buf_append(&s->msgs, msg, len) != PACT_OK)
        pact_buf_truncate(&s->msgs, 0);  /* a message over 1 MB: dropped */
    s->failed = failed;
    submit(b, s);
}

void pact_batch_finish(pact_batch *b) {
    if (!b) return;
    if (b->nworkers) {
        drain(b, false, 0, true);
        pthread_mutex_lock(&b->mu);
        b->stop = true;
        pthread_cond_broadcast(&b->work);
        pthread_mutex_unlock(&b->mu);
        for (unsigned i = 0; i < b->nworkers; i++) pthread_join(b->workers[i], NULL);
        pthread_mutex_destroy(&b->mu);
        pthread_cond_destroy(&b->work);
        pthread_cond_destroy(&b->done);
        pthread_cond_destroy(&b->moved);
    }
    for (size_t i = 0; i < b->window; i++) {
        slot_reset(&b->slots[i]);
        pact_buf_free(&b->slots[i].data);
        pact_buf_free(&b->slots[i].out);
        pact_buf_free(&b->slots[i].msgs);
    }
    free(b->slots);
    free(b->workers);
    pact_arena_free(b->art);
    pact_arena_free(b->arena);
    free(b);
}
