/* The extraction record as JSON Lines (../shared/spec/OUTPUT.md). */
#include <string.h>

#include "extract/record.h"

static const char *const kind_names[] = {"country", "org", "person", "place", "media"};
static const char *const modality_names[] = {"asserted", "planned",  "considered",
                                             "possible", "negated", "reported"};
static const char *const role_names[] = {"member", "partner", "candidate", "not-member"};

#define COUNT(a) (sizeof(a) / sizeof(a)[0])

const char *pact_entity_kind_name(pact_entity_kind k) {
    return (size_t)k < COUNT(kind_names) ? kind_names[k] : "?";
}
const char *pact_modality_name(pact_modality m) {
    return (size_t)m < COUNT(modality_names) ? modality_names[m] : "?";
}
const char *pact_role_name(pact_role r) {
    return (size_t)r < COUNT(role_names) ? role_names[r] : "?";
}

static int find(const char *const *names, size_t n, const char *s) {
    for (size_t i = 0; s && i < n; i++)
        if (strcmp(names[i], s) == 0) return (int)i;
    return -1;
}
int pact_entity_kind_parse(const char *s) { return find(kind_names, COUNT(kind_names), s); }
int pact_modality_parse(const char *s) { return find(modality_names, COUNT(modality_names), s); }
int pact_role_parse(const char *s) { return find(role_names, COUNT(role_names), s); }

static void date_or_null(pact_json *j, const char *date) {
    if (date && date[0]) pact_json_cstr(j, date);
    else pact_json_null(j);
}

int pact_record_write_json(const pact_record *r, pact_buf *out) {
    pact_json j;
    pact_json_init(&j, out);
    pact_json_object_begin(&j);
    pact_json_key(&j, "doc");
    pact_json_cstr(&j, r->doc);
    pact_json_key(&j, "article");
    pact_json_int(&j, r->article);
    if (r->source_url) {
        pact_json_key(&j, "source_url");
        pact_json_cstr(&j, r->source_url);
    }
    pact_json_key(&j, "title");
    pact_json_cstr(&j, r->title);
    pact_json_key(&j, "title_span");
    if (r->title) pact_json_span(&j, r->title_span.start, r->title_span.end);
    else pact_json_null(&j);
    pact_json_key(&j, "published");
    date_or_null(&j, r->published);
    pact_json_key(&j, "body_spans");
    pact_json_array_begin(&j);
    for (size_t i = 0; i < r->nbody; i++) pact_json_span(&j, r->body_spans[i].start, r->body_spans[i].end);
    pact_json_array_end(&j);
    pact_json_key(&j, "body_text");
    pact_json_cstr(&j, r->body_text ? r->body_text : "");

    pact_json_key(&j, "entities");
    pact_json_array_begin(&j);
    for (size_t i = 0; i < r->nentities; i++) {
        const pact_entity *e = &r->entities[i];
        pact_json_object_begin(&j);
        pact_json_key(&j, "id");
        pact_json_cstr(&j, e->id);
        pact_json_key(&j, "kind");
        pact_json_cstr(&j, pact_entity_kind_name(e->kind));
        if (e->name) {
            pact_json_key(&j, "name");
            pact_json_cstr(&j, e->name);
        }
        if (e->country) {
            pact_json_key(&j, "country");
            pact_json_cstr(&j, e->country);
        }
        pact_json_key(&j, "text");
        pact_json_cstr(&j, e->text);
        pact_json_key(&j, "span");
        pact_json_span(&j, e->start, e->end);
        pact_json_object_end(&j);
    }
    pact_json_array_end(&j);

    pact_json_key(&j, "events");
    pact_json_array_begin(&j);
    for (size_t i = 0; i < r->nevents; i++) {
        const pact_event *e = &r->events[i];
        pact_json_object_begin(&j);
        pact_json_key(&j, "source");
        pact_json_cstr(&j, e->source);
        pact_json_key(&j, "target");
        pact_json_cstr(&j, e->target);
        pact_json_key(&j, "code");
        pact_json_cstr(&j, e->code);
        pact_json_key(&j, "date");
        date_or_null(&j, e->date);
        pact_json_key(&j, "modality");
        pact_json_cstr(&j, pact_modality_name(e->modality));
        pact_json_key(&j, "place");
        pact_json_cstr(&j, e->place);
        pact_json_key(&j, "domains");
        pact_json_array_begin(&j);
        for (size_t k = 0; k < e->ndomains; k++) pact_json_cstr(&j, e->domains[k]);
        pact_json_array_end(&j);
        pact_json_key(&j, "span");
        pact_json_span(&j, e->start, e->end);
        pact_json_object_end(&j);
    }
    pact_json_array_end(&j);

    pact_json_key(&j, "memberships");
    pact_json_array_begin(&j);
    for (size_t i = 0; i < r->nmemberships; i++) {
        const pact_membership *m = &r->memberships[i];
        pact_json_object_begin(&j);
        pact_json_key(&j, "org");
        pact_json_cstr(&j, m->org);
        pact_json_key(&j, "member");
        pact_json_cstr(&j, m->member);
        pact_json_key(&j, "role");
        pact_json_cstr(&j, pact_role_name(m->role));
        pact_json_key(&j, "date");
        date_or_null(&j, m->date);
        pact_json_key(&j, "span");
        pact_json_span(&j, m->start, m->end);
        pact_json_object_end(&j);
    }
    pact_json_array_end(&j);

    pact_json_key(&j, "sentences");
    pact_json_array_begin(&j);
    for (size_t i = 0; i < r->nsentences; i++)
        pact_json_span(&j, r->sentences[i].start, r->sentences[i].end);
    pact_json_array_end(&j);
    /* their texts, as written, in a parallel array (the store's search index
     * needs them when records are loaded without the original files) */
    pact_json_key(&j, "sentence_text");
    pact_json_array_begin(&j);
    for (size_t i = 0; i < r->nsentences; i++) pact_json_cstr(&j, r->sentences[i].text);
    pact_json_array_end(&j);

    if (r->nnotes) {
        pact_json_key(&j, "notes");
        pact_json_array_begin(&j);
        for (size_t i = 0; i < r->nnotes; i++) pact_json_cstr(&j, r->notes[i]);
        pact_json_array_end(&j);
    }
    pact_json_object_end(&j);
    if (j.err) return j.err;
    return pact_buf_putc(out, '\n');
}
