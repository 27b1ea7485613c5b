/* The whole extractor on one document: page reader, extraction, records as
 * JSON. The extractor (data/) is loaded once. Every span of every record is
 * inside the input, and each record's JSON line parses (jansson) as an
 * object whose "doc" is the name given. */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "extract/extract.h"
#include "fuzz_common.h"

static pact_extractor *ex;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    pact_diag d;
    pact_diag_init(&d, "fuzz");
    if (pact_extractor_new(NULL, &ex, &d) != PACT_OK) {
        fprintf(stderr, "fuzz_extract: cannot load the data directory %s\n", pact_data_dir(NULL));
        abort();
    }
    return 0;
}

static void check_span(size_t s, size_t e, size_t len) { FUZZ_CHECK(s <= e && e <= len); }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *in = (const char *)data;
    pact_diag d;
    fuzz_quiet_diag(&d);
    pact_page page;
    if (pact_page_read("fuzz.doc", in, size, &page, &d) != PACT_OK) return 0;
    pact_arena *arena = pact_arena_new();
    pact_record *recs = NULL;
    size_t n = pact_extract_page(ex, &page, arena, &recs, &d);
    FUZZ_CHECK(n <= page.narticles);
    pact_buf out;
    pact_buf_init(&out, 0);
    for (size_t i = 0; i < n; i++) {
        const pact_record *r = &recs[i];
        if (r->title) check_span(r->title_span.start, r->title_span.end, size);
        for (size_t k = 0; k < r->nbody; k++) check_span(r->body_spans[k].start, r->body_spans[k].end, size);
        for (size_t k = 0; k < r->nentities; k++) {
            check_span(r->entities[k].start, r->entities[k].end, size);
            FUZZ_CHECK(r->entities[k].id != NULL);
        }
        for (size_t k = 0; k < r->nevents; k++) {
            check_span(r->events[k].start, r->events[k].end, size);
            FUZZ_CHECK(strnlen(r->events[k].code, 5) >= 2 && strnlen(r->events[k].code, 5) <= 4);
        }
        for (size_t k = 0; k < r->nmemberships; k++)
            check_span(r->memberships[k].start, r->memberships[k].end, size);
        for (size_t k = 0; k < r->nsentences; k++) check_span(r->sentences[k].start, r->sentences[k].end, size);

        pact_buf_truncate(&out, 0);
        if (pact_record_write_json(r, &out) != PACT_OK) continue;
        FUZZ_CHECK(out.len > 0 && out.ptr[out.len - 1] == '\n');
        FUZZ_CHECK(memchr(out.ptr, '\n', out.len) == out.ptr + out.len - 1); /* one line */
        FUZZ_CHECK(pact_utf8_valid(out.ptr, out.len));
        json_error_t err;
        json_t *j = json_loadb(out.ptr, out.len, 0, &err);
        if (!j) fprintf(stderr, "JSON does not parse: %s at %d: %.*s\n", err.text, err.position, (int)out.len, out.ptr);
        FUZZ_CHECK(j != NULL);
        FUZZ_CHECK(json_is_object(j));
        json_t *doc = json_object_get(j, "doc");
        FUZZ_CHECK(json_is_string(doc) && strcmp(json_string_value(doc), "fuzz.doc") == 0);
        json_decref(j);
    }
    pact_buf_free(&out);
    pact_page_free(&page);
    pact_arena_free(arena);
    return 0;
}
