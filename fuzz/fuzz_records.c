/* The two JSON Lines readers on arbitrary bytes:
 *  - pact_record_read_json (src/graph/record_read.c), what `ingest --records`
 *    reads: an accepted record has sane fields, writes back as one line of
 *    JSON (pact_record_write_json) and reads back to the same record; then
 *    pact_record_fill_sentences with the input itself as the document's bytes:
 *    every sentence inside the document gets a text, valid UTF-8 and no longer
 *    than its span (3 bytes per byte at most: U+FFFD for a bad byte);
 *  - pact_doc_from_json (src/extract/batch.h), what `extract` reads from a
 *    JSON Lines input: an accepted line gives a name, the page's bytes (valid
 *    UTF-8, jansson's guarantee) and a fallback date that is a day or nothing;
 *    a refused one says why. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "extract/batch.h"
#include "fuzz_common.h"
#include "graph/graph.h"

static bool same_str(const char *a, const char *b) {
    if (!a || !b) return a == b;
    return strcmp(a, b) == 0;
}

static void check_record(const pact_record *r) {
    FUZZ_CHECK(r->doc != NULL);
    FUZZ_CHECK(r->article >= 0 && r->article <= 1000000);
    FUZZ_CHECK(strlen(r->published) <= 10);
    if (r->title) FUZZ_CHECK(r->title_span.start <= r->title_span.end);
    for (size_t i = 0; i < r->nbody; i++) FUZZ_CHECK(r->body_spans[i].start <= r->body_spans[i].end);
    for (size_t i = 0; i < r->nentities; i++) {
        const pact_entity *e = &r->entities[i];
        FUZZ_CHECK(e->id != NULL && e->start <= e->end);
        FUZZ_CHECK(strcmp(pact_entity_kind_name(e->kind), "?") != 0);
    }
    for (size_t i = 0; i < r->nevents; i++) {
        const pact_event *e = &r->events[i];
        size_t cl = strnlen(e->code, sizeof e->code);
        FUZZ_CHECK(e->source && e->target && cl >= 2 && cl <= 4 && strspn(e->code, "0123456789") == cl);
        FUZZ_CHECK(strnlen(e->date, sizeof e->date) <= 10);
        FUZZ_CHECK(strcmp(pact_modality_name(e->modality), "?") != 0);
        FUZZ_CHECK(e->ndomains <= PACT_MAX_DOMAINS);
        for (size_t k = 0; k < e->ndomains; k++) FUZZ_CHECK(e->domains[k] != NULL);
        FUZZ_CHECK(e->start <= e->end);
    }
    for (size_t i = 0; i < r->nmemberships; i++) {
        const pact_membership *m = &r->memberships[i];
        FUZZ_CHECK(m->org && m->member && m->start <= m->end);
        FUZZ_CHECK(strcmp(pact_role_name(m->role), "?") != 0);
    }
    for (size_t i = 0; i < r->nsentences; i++) FUZZ_CHECK(r->sentences[i].start <= r->sentences[i].end);
    for (size_t i = 0; i < r->nnotes; i++) FUZZ_CHECK(r->notes[i] != NULL);
}

/* What the writer writes and the reader reads back is the same record. */
static void check_same(const pact_record *a, const pact_record *b) {
    FUZZ_CHECK(same_str(a->doc, b->doc) && a->article == b->article);
    FUZZ_CHECK(same_str(a->source_url, b->source_url) && same_str(a->title, b->title));
    if (a->title)
        FUZZ_CHECK(a->title_span.start == b->title_span.start && a->title_span.end == b->title_span.end);
    FUZZ_CHECK(strcmp(a->published, b->published) == 0);
    FUZZ_CHECK(same_str(a->body_text ? a->body_text : "", b->body_text ? b->body_text : ""));
    FUZZ_CHECK(a->nbody == b->nbody);
    for (size_t i = 0; i < a->nbody; i++)
        FUZZ_CHECK(a->body_spans[i].start == b->body_spans[i].start && a->body_spans[i].end == b->body_spans[i].end);
    FUZZ_CHECK(a->nentities == b->nentities);
    for (size_t i = 0; i < a->nentities; i++) {
        const pact_entity *x = &a->entities[i], *y = &b->entities[i];
        FUZZ_CHECK(x->kind == y->kind && same_str(x->id, y->id) && same_str(x->name, y->name));
        FUZZ_CHECK(same_str(x->country, y->country) && same_str(x->text, y->text));
        FUZZ_CHECK(x->start == y->start && x->end == y->end);
    }
    FUZZ_CHECK(a->nevents == b->nevents);
    for (size_t i = 0; i < a->nevents; i++) {
        const pact_event *x = &a->events[i], *y = &b->events[i];
        FUZZ_CHECK(same_str(x->source, y->source) && same_str(x->target, y->target));
        FUZZ_CHECK(strcmp(x->code, y->code) == 0 && strcmp(x->date, y->date) == 0);
        FUZZ_CHECK(x->modality == y->modality && same_str(x->place, y->place));
        FUZZ_CHECK(x->ndomains == y->ndomains);
        for (size_t k = 0; k < x->ndomains; k++) FUZZ_CHECK(same_str(x->domains[k], y->domains[k]));
        FUZZ_CHECK(x->start == y->start && x->end == y->end);
    }
    FUZZ_CHECK(a->nmemberships == b->nmemberships);
    for (size_t i = 0; i < a->nmemberships; i++) {
        const pact_membership *x = &a->memberships[i], *y = &b->memberships[i];
        FUZZ_CHECK(same_str(x->org, y->org) && same_str(x->member, y->member) && x->role == y->role);
        FUZZ_CHECK(strcmp(x->date, y->date) == 0 && x->start == y->start && x->end == y->end);
    }
    FUZZ_CHECK(a->nsentences == b->nsentences);
    for (size_t i = 0; i < a->nsentences; i++) {
        const pact_sentence *x = &a->sentences[i], *y = &b->sentences[i];
        FUZZ_CHECK(x->start == y->start && x->end == y->end && same_str(x->text, y->text));
    }
    FUZZ_CHECK(a->nnotes == b->nnotes);
    for (size_t i = 0; i < a->nnotes; i++) FUZZ_CHECK(same_str(a->notes[i], b->notes[i]));
}

static void fuzz_record(const char *in, size_t size) {
    pact_arena *arena = pact_arena_new();
    pact_record r;
    char err[256];
    err[0] = '\0';
    int rc = pact_record_read_json(in, size, arena, &r, err, sizeof err);
    if (rc != PACT_OK) {
        FUZZ_CHECK(rc == PACT_EPARSE);
        FUZZ_CHECK(err[0] != '\0' && strnlen(err, sizeof err) < sizeof err);
        pact_arena_free(arena);
        return;
    }
    check_record(&r);

    pact_buf out;
    pact_buf_init(&out, 0);
    FUZZ_CHECK(pact_record_write_json(&r, &out) == PACT_OK);
    FUZZ_CHECK(out.len > 0 && out.ptr[out.len - 1] == '\n');
    FUZZ_CHECK(memchr(out.ptr, '\n', out.len) == out.ptr + out.len - 1);
    FUZZ_CHECK(pact_utf8_valid(out.ptr, out.len));
    pact_record back;
    rc = pact_record_read_json(out.ptr, out.len - 1, arena, &back, err, sizeof err);
    if (rc != PACT_OK) fprintf(stderr, "written record does not read back: %s\n%.*s", err, (int)out.len, out.ptr);
    FUZZ_CHECK(rc == PACT_OK);
    check_same(&r, &back);
    pact_buf_free(&out);

    /* The input as the document the spans point into. */
    pact_record_fill_sentences(&r, in, size, arena);
    for (size_t i = 0; i < r.nsentences; i++) {
        const pact_sentence *s = &r.sentences[i];
        FUZZ_CHECK(s->start <= s->end);
        if (s->end > size) continue;
        FUZZ_CHECK(s->text != NULL);
        size_t n = strlen(s->text);
        FUZZ_CHECK(pact_utf8_valid(s->text, n));
        if (back.nsentences && back.sentences[i].text) continue; /* came with the record */
        FUZZ_CHECK(n <= 3 * (s->end - s->start));
    }
    /* and without document bytes: nothing is invented */
    pact_record_fill_sentences(&back, NULL, 0, arena);
    pact_arena_free(arena);
}

static void fuzz_doc(const char *in, size_t size) {
    pact_arena *arena = pact_arena_new();
    pact_doc doc;
    char err[256];
    err[0] = '\0';
    int rc = pact_doc_from_json(in, size, "fuzz.jsonl", arena, &doc, err, sizeof err);
    if (rc != PACT_OK) {
        FUZZ_CHECK(rc == PACT_EPARSE || rc == PACT_ETOOBIG);
        FUZZ_CHECK(err[0] != '\0' && strnlen(err, sizeof err) < sizeof err);
    } else {
        FUZZ_CHECK(doc.doc != NULL && doc.data != NULL);
        FUZZ_CHECK(pact_utf8_valid(doc.data, doc.len));
        FUZZ_CHECK(memchr(doc.data, '\0', doc.len) == NULL);
        if (doc.date) FUZZ_CHECK(strlen(doc.date) == 10 && doc.date[4] == '-' && doc.date[7] == '-');
        if (doc.source_url) FUZZ_CHECK(pact_utf8_valid(doc.source_url, strlen(doc.source_url)));
    }
    pact_arena_free(arena);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    fuzz_record((const char *)data, size);
    fuzz_doc((const char *)data, size);
    return 0;
}
