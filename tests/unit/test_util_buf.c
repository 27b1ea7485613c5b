/* pact_buf: growth, NUL termination, the size cap (PACT_ETOOBIG), detach. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "util/util.h"

int main(void) {
    pact_buf b;
    pact_buf_init(&b, 0);
    CHECK(b.ptr == NULL && b.len == 0 && b.max == PACT_MAX_BUF_DEFAULT);
    CHECK(pact_buf_append(&b, "", 0) == PACT_OK);
    CHECK(b.ptr && b.ptr[0] == '\0');
    CHECK(pact_buf_puts(&b, "Hà Nội") == PACT_OK);
    CHECK(pact_buf_putc(&b, '!') == PACT_OK);
    CHECK_STR(b.ptr, "Hà Nội!");
    CHECK(b.len == strlen("Hà Nội!"));
    CHECK(pact_buf_printf(&b, " %d-%s", 42, "x") == PACT_OK);
    CHECK_STR(b.ptr, "Hà Nội! 42-x");

    /* printf longer than its 256-byte stack buffer */
    char big[1000];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    pact_buf_truncate(&b, 0);
    CHECK(b.len == 0 && b.ptr[0] == '\0');
    CHECK(pact_buf_printf(&b, "<%s>", big) == PACT_OK);
    CHECK(b.len == 1001 && b.ptr[0] == '<' && b.ptr[1000] == '>' && b.ptr[1001] == '\0');

    /* growth keeps the content and the terminating NUL */
    pact_buf_truncate(&b, 0);
    for (int i = 0; i < 100000; i++) CHECK(pact_buf_putc(&b, (char)('a' + i % 26)) == PACT_OK);
    CHECK(b.len == 100000 && b.ptr[99999] == 'a' + 99999 % 26 && b.ptr[100000] == '\0');
    CHECK(b.cap > b.len);

    /* truncate never grows */
    pact_buf_truncate(&b, 5);
    pact_buf_truncate(&b, 50);
    CHECK(b.len == 5 && strlen(b.ptr) == 5);

    size_t len = 0;
    char *p = pact_buf_detach(&b, &len);
    CHECK(len == 5 && strcmp(p, "abcde") == 0);
    CHECK(b.ptr == NULL && b.len == 0 && b.cap == 0);
    free(p);
    /* detaching an empty buffer gives an empty string, not NULL */
    p = pact_buf_detach(&b, &len);
    CHECK(p && p[0] == '\0' && len == 0);
    free(p);
    pact_buf_free(&b);
    pact_buf_free(&b);  /* twice is harmless */

    /* the cap */
    pact_buf c;
    pact_buf_init(&c, 10);
    CHECK(pact_buf_append(&c, "0123456789", 10) == PACT_OK);
    CHECK(pact_buf_putc(&c, 'x') == PACT_ETOOBIG);
    CHECK(c.len == 10);
    CHECK_STR(c.ptr, "0123456789");
    CHECK(pact_buf_append(&c, "", 0) == PACT_OK);
    pact_buf_truncate(&c, 8);
    CHECK(pact_buf_puts(&c, "abc") == PACT_ETOOBIG);
    CHECK(c.len == 8);
    CHECK(pact_buf_puts(&c, "ab") == PACT_OK);
    pact_buf_truncate(&c, 0);
    CHECK(pact_buf_printf(&c, "%s", "01234567890") == PACT_ETOOBIG);
    CHECK(pact_buf_printf(&c, "%s", big) == PACT_ETOOBIG);
    CHECK(c.len == 0);
    /* a length that would overflow is refused before anything is read */
    CHECK(pact_buf_append(&c, "", SIZE_MAX) == PACT_ETOOBIG);
    CHECK(pact_buf_append(&c, "", SIZE_MAX - 3) == PACT_ETOOBIG);
    pact_buf_free(&c);

    pact_buf d;
    pact_buf_init(&d, 0);
    CHECK(pact_buf_append(&d, "x", 1) == PACT_OK);
    CHECK(pact_buf_append(&d, "", SIZE_MAX) == PACT_ETOOBIG);
    CHECK(pact_buf_append(&d, "", PACT_MAX_BUF_DEFAULT) == PACT_ETOOBIG);
    CHECK(d.len == 1);
    pact_buf_free(&d);

    /* slices */
    CHECK(pact_slice_eq(pact_slice_of("NATO", 4), "NATO"));
    CHECK(!pact_slice_eq(pact_slice_of("NATO", 3), "NATO"));
    CHECK(pact_slice_eq(pact_slice_of("", 0), ""));
    return check_done();
}
