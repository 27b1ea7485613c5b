/* The JSON writer on arbitrary strings: the input split at its first NUL-free
 * pieces becomes keys and string values of an object and an array; the output
 * must parse (jansson) and give back each string with its valid UTF-8 as
 * written and each invalid byte as U+FFFD. */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"

/* What the writer should give back for s[0..n): valid sequences kept, each
 * invalid byte one U+FFFD. */
static char *expected(const char *s, size_t n, size_t *outlen) {
    char *e = malloc(n * 3 + 1);
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        size_t adv;
        int32_t cp = pact_utf8_decode(s + i, n - i, &adv);
        if (cp < 0) {
            memcpy(e + k, "\xEF\xBF\xBD", 3);
            k += 3;
            i += 1;
        } else {
            memcpy(e + k, s + i, adv);
            k += adv;
            i += adv;
        }
    }
    e[k] = '\0';
    *outlen = k;
    return e;
}

static void check_string(json_t *v, const char *s, size_t n) {
    FUZZ_CHECK(json_is_string(v));
    size_t el;
    char *e = expected(s, n, &el);
    FUZZ_CHECK(json_string_length(v) == el);
    FUZZ_CHECK(memcmp(json_string_value(v), e, el) == 0);
    free(e);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *s = (const char *)data;
    /* pieces separated by 0xFE 0xFE (a pair never valid UTF-8) */
    enum { MAXP = 16 };
    const char *p[MAXP];
    size_t pl[MAXP], np = 0, start = 0;
    for (size_t i = 0; i + 1 < size && np < MAXP - 1; i++)
        if (data[i] == 0xFE && data[i + 1] == 0xFE) {
            p[np] = s + start;
            pl[np++] = i - start;
            start = i + 2;
            i++;
        }
    p[np] = s + start;
    pl[np++] = size - start;

    pact_buf out;
    pact_buf_init(&out, 0);
    pact_json j;
    pact_json_init(&j, &out);
    pact_json_object_begin(&j);
    pact_json_key(&j, "all");
    pact_json_string(&j, s, size);
    pact_json_key(&j, "pieces");
    pact_json_array_begin(&j);
    for (size_t i = 0; i < np; i++) pact_json_string(&j, p[i], pl[i]);
    pact_json_array_end(&j);
    pact_json_key(&j, "span");
    pact_json_span(&j, size, size * 2);
    pact_json_key(&j, "n");
    pact_json_int(&j, -(long long)size);
    pact_json_key(&j, "x");
    pact_json_double(&j, size ? (double)data[0] / 7.0 : 0.5);
    pact_json_key(&j, "null");
    pact_json_cstr(&j, NULL);
    pact_json_object_end(&j);
    FUZZ_CHECK(j.err == 0);
    FUZZ_CHECK(pact_utf8_valid(out.ptr, out.len));

    json_error_t err;
    json_t *root = json_loadb(out.ptr, out.len, JSON_ALLOW_NUL, &err);
    if (!root) fprintf(stderr, "JSON does not parse: %s at %d\n", err.text, err.position);
    FUZZ_CHECK(root != NULL && json_is_object(root));
    check_string(json_object_get(root, "all"), s, size);
    json_t *arr = json_object_get(root, "pieces");
    FUZZ_CHECK(json_is_array(arr) && json_array_size(arr) == np);
    for (size_t i = 0; i < np; i++) check_string(json_array_get(arr, i), p[i], pl[i]);
    json_t *span = json_object_get(root, "span");
    FUZZ_CHECK(json_is_array(span) && json_integer_value(json_array_get(span, 1)) == (json_int_t)size * 2);
    FUZZ_CHECK(json_integer_value(json_object_get(root, "n")) == -(json_int_t)size);
    FUZZ_CHECK(json_is_number(json_object_get(root, "x")));
    FUZZ_CHECK(json_is_null(json_object_get(root, "null")));
    json_decref(root);

    /* a string as a key too */
    pact_buf_truncate(&out, 0);
    pact_json_init(&j, &out);
    pact_json_object_begin(&j);
    char *key = malloc(size + 1);
    memcpy(key, s, size);
    key[size] = '\0';
    pact_json_key(&j, key);
    pact_json_bool(&j, true);
    pact_json_object_end(&j);
    root = json_loadb(out.ptr, out.len, 0, &err);
    FUZZ_CHECK(root != NULL && json_object_size(root) == 1);
    json_decref(root);
    free(key);
    pact_buf_free(&out);
    return 0;
}
