/* The date reader (src/extract/dates.h) on arbitrary text, normalised as the
 * pipeline does, against a page date taken from the first bytes (or none):
 * every mention is an in-bounds range and its value one of YYYY-MM-DD,
 * YYYY-MM, YYYY or --MM-DD with a real month and day. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/dates.h"
#include "fuzz_common.h"

static bool digits(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9') return false;
    return true;
}

static void check_value(const char *v) {
    size_t n = strnlen(v, 11);
    FUZZ_CHECK(n < 11);
    int m = 0, d = 0;
    if (n == 4) {
        FUZZ_CHECK(digits(v, 4));
    } else if (n == 7 && v[0] == '-') {
        FUZZ_CHECK(v[1] == '-' && digits(v + 2, 2) && v[4] == '-' && digits(v + 5, 2));
        m = atoi(v + 2);
        d = atoi(v + 5);
    } else if (n == 7) {
        FUZZ_CHECK(digits(v, 4) && v[4] == '-' && digits(v + 5, 2));
        m = atoi(v + 5);
    } else {
        FUZZ_CHECK(n == 10);
        FUZZ_CHECK(digits(v, 4) && v[4] == '-' && digits(v + 5, 2) && v[7] == '-' && digits(v + 8, 2));
        m = atoi(v + 5);
        d = atoi(v + 8);
    }
    if (n > 4) FUZZ_CHECK(m >= 1 && m <= 12);
    if (d) FUZZ_CHECK(d >= 1 && d <= 31);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    /* first byte: the page's date (0 = none), from 1990-01-01 on */
    char page_date[16];
    const char *pd = NULL;
    if (size && data[0]) {
        int y = 1990 + data[0] % 50, m = 1 + data[0] % 12, d = 1 + (data[0] * 7) % 28;
        snprintf(page_date, sizeof page_date, "%04d-%02d-%02d", y, m, d);
        pd = page_date;
    }
    if (size) {
        data++;
        size--;
    }
    pact_norm n;
    if (pact_text_normalize((const char *)data, size, 0, &n, NULL) != PACT_OK) return 0;
    pact_date_ctx ctx;
    pact__dates_ctx_init(&ctx, pd);
    enum { MAX = 64 };
    pact_date_mention m[MAX];
    size_t k = pact__dates_parse(n.text, n.len, &ctx, m, MAX);
    FUZZ_CHECK(k <= MAX);
    for (size_t i = 0; i < k; i++) {
        FUZZ_CHECK(m[i].start < m[i].end && m[i].end <= n.len);
        check_value(m[i].value);
    }
    check_value(ctx.last[0] ? ctx.last : "2000");
    /* the civil-day helpers round-trip */
    if (size >= 4) {
        long z = (long)((uint32_t)data[0] | (uint32_t)data[1] << 8 | (uint32_t)data[2] << 16) - 4000000L;
        int y, mo, d;
        pact__civil_from_days(z, &y, &mo, &d);
        FUZZ_CHECK(mo >= 1 && mo <= 12 && d >= 1 && d <= 31);
        FUZZ_CHECK(pact__days_from_civil(y, mo, d) == z);
    }
    pact_norm_free(&n);
    return 0;
}
