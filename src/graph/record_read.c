/* Reading extraction records back from JSON Lines (spec/OUTPUT.md), so that
 * records made elsewhere (another machine, a cluster's map step) load into the
 * store through the same function as pages extracted here. */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "graph/internal.h"

#define FAIL(...)                                                  \
    do {                                                           \
        if (err) snprintf(err, errlen, __VA_ARGS__);               \
        json_decref(root);                                         \
        return PACT_EPARSE;                                        \
    } while (0)

static const char *str(pact_arena *a, json_t *o, const char *key) {
    json_t *v = json_object_get(o, key);
    return json_is_string(v) ? pact_arena_strndup(a, json_string_value(v), json_string_length(v)) : NULL;
}

static bool span(json_t *v, size_t *start, size_t *end) {
    if (!json_is_array(v) || json_array_size(v) != 2) return false;
    json_t *a = json_array_get(v, 0), *b = json_array_get(v, 1);
    if (!json_is_integer(a) || !json_is_integer(b)) return false;
    json_int_t s = json_integer_value(a), e = json_integer_value(b);
    if (s < 0 || e < s) return false;
    *start = (size_t)s;
    *end = (size_t)e;
    return true;
}

/* A date field: a string of at most 10 characters, or null. */
static bool date(json_t *o, const char *key, char out[11]) {
    out[0] = '\0';
    json_t *v = json_object_get(o, key);
    if (!v || json_is_null(v)) return true;
    if (!json_is_string(v) || json_string_length(v) > 10) return false;
    memcpy(out, json_string_value(v), json_string_length(v) + 1);
    return true;
}

int pact_record_read_json(const char *line, size_t len, pact_arena *a, pact_record *r, char *err,
                          size_t errlen) {
    memset(r, 0, sizeof *r);
    json_error_t je;
    json_t *root = json_loadb(line, len, JSON_REJECT_DUPLICATES, &je);
    if (!root) {
        if (err) snprintf(err, errlen, "not JSON: %s (column %d)", je.text, je.column);
        return PACT_EPARSE;
    }
    if (!json_is_object(root)) FAIL("a record is a JSON object");
    r->doc = str(a, root, "doc");
    if (!r->doc) FAIL("missing \"doc\"");
    json_t *v = json_object_get(root, "article");
    if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > 1000000)
        FAIL("missing or bad \"article\"");
    r->article = (int)json_integer_value(v);
    r->source_url = str(a, root, "source_url");
    r->title = str(a, root, "title");
    if (r->title && !span(json_object_get(root, "title_span"), &r->title_span.start, &r->title_span.end))
        FAIL("bad \"title_span\"");
    if (!date(root, "published", r->published)) FAIL("bad \"published\"");
    r->body_text = str(a, root, "body_text");

    json_t *arr = json_object_get(root, "body_spans");
    if (json_is_array(arr) && json_array_size(arr)) {
        r->body_spans = pact_arena_alloc(a, json_array_size(arr) * sizeof *r->body_spans);
        size_t i;
        json_t *x;
        json_array_foreach(arr, i, x) {
            if (!span(x, &r->body_spans[i].start, &r->body_spans[i].end)) FAIL("bad body span %zu", i);
        }
        r->nbody = json_array_size(arr);
    }

    arr = json_object_get(root, "entities");
    if (arr && !json_is_array(arr)) FAIL("\"entities\" is not an array");
    if (json_array_size(arr)) {
        r->entities = pact_arena_alloc(a, json_array_size(arr) * sizeof *r->entities);
        size_t i;
        json_t *x;
        json_array_foreach(arr, i, x) {
            pact_entity *e = &r->entities[r->nentities];
            int kind = pact_entity_kind_parse(json_string_value(json_object_get(x, "kind")));
            e->id = str(a, x, "id");
            if (kind < 0 || !e->id) FAIL("entity %zu: bad \"kind\" or \"id\"", i);
            e->kind = (pact_entity_kind)kind;
            e->name = str(a, x, "name");
            e->country = str(a, x, "country");
            e->text = str(a, x, "text");
            if (!span(json_object_get(x, "span"), &e->start, &e->end)) FAIL("entity %zu: bad \"span\"", i);
            r->nentities++;
        }
    }

    arr = json_object_get(root, "events");
    if (arr && !json_is_array(arr)) FAIL("\"events\" is not an array");
    if (json_array_size(arr)) {
        r->events = pact_arena_alloc(a, json_array_size(arr) * sizeof *r->events);
        size_t i;
        json_t *x;
        json_array_foreach(arr, i, x) {
            pact_event *e = &r->events[r->nevents];
            e->source = str(a, x, "source");
            e->target = str(a, x, "target");
            const char *code = json_string_value(json_object_get(x, "code"));
            size_t cl = code ? strlen(code) : 0;
            if (!e->source || !e->target || cl < 2 || cl > 4 || strspn(code, "0123456789") != cl)
                FAIL("event %zu: needs \"source\", \"target\" and a CAMEO \"code\" of 2 to 4 digits", i);
            memcpy(e->code, code, cl + 1);
            if (!date(x, "date", e->date)) FAIL("event %zu: bad \"date\"", i);
            json_t *m = json_object_get(x, "modality");
            int mod = m ? pact_modality_parse(json_string_value(m)) : PACT_MOD_ASSERTED;
            if (mod < 0) FAIL("event %zu: unknown \"modality\"", i);
            e->modality = (pact_modality)mod;
            e->place = str(a, x, "place");
            json_t *doms = json_object_get(x, "domains");
            size_t k;
            json_t *dv;
            json_array_foreach(doms, k, dv) {
                if (e->ndomains < PACT_MAX_DOMAINS && json_is_string(dv))
                    e->domains[e->ndomains++] = pact_arena_strdup(a, json_string_value(dv));
            }
            if (!span(json_object_get(x, "span"), &e->start, &e->end)) FAIL("event %zu: bad \"span\"", i);
            r->nevents++;
        }
    }

    arr = json_object_get(root, "memberships");
    if (arr && !json_is_array(arr)) FAIL("\"memberships\" is not an array");
    if (json_array_size(arr)) {
        r->memberships = pact_arena_alloc(a, json_array_size(arr) * sizeof *r->memberships);
        size_t i;
        json_t *x;
        json_array_foreach(arr, i, x) {
            pact_membership *m = &r->memberships[r->nmemberships];
            m->org = str(a, x, "org");
            m->member = str(a, x, "member");
            int role = pact_role_parse(json_string_value(json_object_get(x, "role")));
            if (!m->org || !m->member || role < 0) FAIL("membership %zu: needs \"org\", \"member\", \"role\"", i);
            m->role = (pact_role)role;
            if (!date(x, "date", m->date)) FAIL("membership %zu: bad \"date\"", i);
            if (!span(json_object_get(x, "span"), &m->start, &m->end)) FAIL("membership %zu: bad \"span\"", i);
            r->nmemberships++;
        }
    }

    /* Sentences: [start, end] pairs (the extractor's record), or objects with
     * "span" and "text"; their texts may come in a parallel "sentence_text". */
    arr = json_object_get(root, "sentences");
    json_t *texts = json_object_get(root, "sentence_text");
    if (json_array_size(arr)) {
        r->sentences = pact_arena_alloc(a, json_array_size(arr) * sizeof *r->sentences);
        size_t i;
        json_t *x;
        json_array_foreach(arr, i, x) {
            pact_sentence *s = &r->sentences[i];
            if (json_is_object(x)) {
                if (!span(json_object_get(x, "span"), &s->start, &s->end)) FAIL("sentence %zu: bad \"span\"", i);
                s->text = str(a, x, "text");
            } else if (!span(x, &s->start, &s->end)) {
                FAIL("sentence %zu: bad span", i);
            }
            json_t *t = json_array_get(texts, i);
            if (!s->text && json_is_string(t))
                s->text = pact_arena_strndup(a, json_string_value(t), json_string_length(t));
        }
        r->nsentences = json_array_size(arr);
    }

    arr = json_object_get(root, "notes");
    if (json_array_size(arr)) {
        r->notes = pact_arena_alloc(a, json_array_size(arr) * sizeof *r->notes);
        size_t i;
        json_t *x;
        json_array_foreach(arr, i, x) {
            if (json_is_string(x)) r->notes[r->nnotes++] = pact_arena_strdup(a, json_string_value(x));
        }
    }
    json_decref(root);
    return PACT_OK;
}

/* Sentence text from the document's own bytes, for records that carry only
 * spans: markup dropped, the common entities decoded, spaces collapsed. The
 * text is valid UTF-8 (the store's search index and every JSON answer need
 * it): a byte that starts no valid sequence inside the span (a span that cuts
 * a character, a page in a legacy charset) becomes U+FFFD, hence 3 bytes of
 * room per byte. */
static const char *span_text(pact_arena *a, const char *data, size_t start, size_t end) {
    char *out = pact_arena_alloc(a, 3 * (end - start) + 1);
    size_t n = 0;
    bool space = false, tag = false;
    static const struct {
        const char *ent, *rep;
    } ents[] = {{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&nbsp;", " "}};
    for (size_t i = start; i < end; i++) {
        char c = data[i];
        if (tag) {
            if (c == '>') tag = false;
            continue;
        }
        if (c == '<') {
            tag = true;
            continue;
        }
        const char *rep = NULL;
        size_t skip = 0;
        if (c == '&')
            for (size_t k = 0; k < sizeof ents / sizeof ents[0]; k++) {
                size_t el = strlen(ents[k].ent);
                if (i + el <= end && memcmp(data + i, ents[k].ent, el) == 0) {
                    rep = ents[k].rep;
                    skip = el - 1;
                    break;
                }
            }
        if (rep) {
            i += skip;
            c = rep[0];
        }
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\0') {
            space = n > 0;
            continue;
        }
        if (space) out[n++] = ' ';
        space = false;
        if ((unsigned char)c < 0x80 || rep) {
            out[n++] = c;
            continue;
        }
        size_t k = pact_utf8_seqlen(data + i, end - i);
        if (k) {
            memcpy(out + n, data + i, k);
            n += k;
            i += k - 1;
        } else n += pact_utf8_encode(PACT_REPLACEMENT, out + n);
    }
    out[n] = '\0';
    return out;
}

void pact_record_fill_sentences(pact_record *r, const char *data, size_t len, pact_arena *a) {
    if (!r->nsentences) {
        /* No sentence list: the spans of events and memberships are sentences. */
        size_t cap = r->nevents + r->nmemberships;
        if (!cap) return;
        r->sentences = pact_arena_alloc(a, cap * sizeof *r->sentences);
        for (size_t i = 0; i < cap; i++) {
            size_t s = i < r->nevents ? r->events[i].start : r->memberships[i - r->nevents].start;
            size_t e = i < r->nevents ? r->events[i].end : r->memberships[i - r->nevents].end;
            bool seen = false;
            for (size_t k = 0; k < r->nsentences && !seen; k++) seen = r->sentences[k].start == s;
            if (seen) continue;
            r->sentences[r->nsentences].start = s;
            r->sentences[r->nsentences++].end = e;
        }
    }
    for (size_t i = 0; i < r->nsentences; i++) {
        pact_sentence *s = &r->sentences[i];
        if (!s->text && data && s->start <= s->end && s->end <= len) s->text = span_text(a, data, s->start, s->end);
    }
}
