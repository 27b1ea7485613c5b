/* The page reader at the door: empty, binary, legacy-encoded and invalid UTF-8
 * input, pages of nothing but boilerplate, and pathological sizes (a 50 MB
 * single line, 10 MB of short lines) read in bounded time. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"
#include "page/internal.h"

static int read_page(const char *data, size_t len, pact_page *page, pact_diag *d) {
    pact_diag_init(d, "test");
    d->quiet = true;
    return pact_page_read("test", data, len, page, d);
}

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* A plain article in the shape the reader expects. */
static const char *ARTICLE =
    "Australia và Nhật Bản nâng cấp hợp tác quốc phòng\n"
    "\n"
    "Ngày 22/10/2022, hai thủ tướng ký tuyên bố chung về hợp tác an ninh tại Perth, thay thế "
    "văn kiện năm 2007 và mở rộng phạm vi tham vấn giữa hai nước.\n"
    "\n"
    "Văn kiện cam kết hai bên tham vấn nhau về các tình huống khẩn cấp có thể ảnh hưởng tới "
    "chủ quyền và lợi ích an ninh của mỗi nước trong khu vực.\n"
    "\n"
    "Hai nước cũng nhất trí tăng cường chia sẻ thông tin tình báo và mở rộng các cuộc tập trận "
    "chung trong những năm tới.\n";

static void test_empty_and_binary(void) {
    pact_page p;
    pact_diag d;
    CHECK(read_page("", 0, &p, &d) == PACT_EEMPTY);
    CHECK(read_page(" \n\r\n\t \n", 7, &p, &d) == PACT_EEMPTY);
    static const char nul[] = "Tiêu đề\n\0\x01\x02 binary";
    CHECK(read_page(nul, sizeof nul - 1, &p, &d) == PACT_EBINARY);
    CHECK(d.warnings == 1);
    char ctl[256];
    for (size_t i = 0; i < sizeof ctl; i++) ctl[i] = (char)(i % 2 ? 0x01 + i % 7 : 'a');
    CHECK(read_page(ctl, sizeof ctl, &p, &d) == PACT_EBINARY);
}

static void test_legacy_encoding(void) {
    /* Vietnamese in a one-byte legacy code page: mostly invalid as UTF-8 */
    char buf[4000];
    size_t n = 0;
    while (n + 8 < sizeof buf) {
        memcpy(buf + n, "Vi\xEA" "t \xF0\xE3 ", 8);
        n += 8;
    }
    pact_page p;
    pact_diag d;
    CHECK(read_page(buf, n, &p, &d) == PACT_EENCODING);
    static const char utf16[] = "\xFF\xFET\0i\0\xEA\0u\0";
    CHECK(read_page(utf16, sizeof utf16 - 1, &p, &d) == PACT_EENCODING);
}

static void test_all_boilerplate(void) {
    const char *s = "Trang chủ\n\nTin liên quan\n\nMới nhất\n06:44:38 23/03/2025\n\nChia sẻ\n";
    pact_page p;
    pact_diag d;
    CHECK(read_page(s, strlen(s), &p, &d) == PACT_OK);
    CHECK(p.narticles == 0);
    CHECK(p.nblocks == 5);
    for (size_t i = 0; i < p.nblocks; i++) CHECK(p.blocks[i].kind != PACT_BLOCK_BODY);
    pact_page_free(&p);
}

static void test_article_and_crlf(void) {
    /* the same page with CR LF line ends: spans leave the CR out */
    size_t n = strlen(ARTICLE);
    char *crlf = malloc(n * 2 + 1);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (ARTICLE[i] == '\n') crlf[k++] = '\r';
        crlf[k++] = ARTICLE[i];
    }
    pact_page p;
    pact_diag d;
    CHECK(read_page(crlf, k, &p, &d) == PACT_OK);
    CHECK(p.narticles == 1);
    if (p.narticles == 1) {
        CHECK(p.articles[0].title != NULL);
        CHECK(p.articles[0].nbody == 3);
        for (size_t i = 0; i < p.articles[0].nbody; i++) {
            const pact_block *b = p.articles[0].body[i];
            CHECK(crlf[b->end] == '\r');
            CHECK(crlf[b->end - 1] == '.');
        }
    }
    pact_page_free(&p);
    free(crlf);
}

static void test_invalid_utf8(void) {
    /* bad bytes in the title and in a paragraph: the blocks hold U+FFFD, the
     * maps lead back to the bytes, one warning per bad byte */
    size_t n = strlen(ARTICLE);
    char *s = malloc(n + 1);
    memcpy(s, ARTICLE, n + 1);
    const char *para = strstr(s, "Văn ki");
    size_t bad1 = 3, bad2 = (size_t)(para - s) + 1;  /* inside "Australia", and the 'ă' lead byte */
    s[bad1] = (char)0xFF;
    s[bad2] = (char)0xC0;
    pact_page p;
    pact_diag d;
    CHECK(read_page(s, n, &p, &d) == PACT_OK);
    CHECK(d.warnings >= 2);
    for (size_t i = 0; i < p.nblocks; i++) CHECK(pact_utf8_valid(p.blocks[i].text, p.blocks[i].len));
    CHECK(p.narticles == 1);
    if (p.narticles == 1) {
        const pact_block *t = p.articles[0].title;
        CHECK(t && memcmp(t->text, "Aus\xEF\xBF\xBD", 6) == 0);
        CHECK(t && pact_omap_start(&t->map, 3) == bad1);
        CHECK(t && pact_omap_start(&t->map, 6) == bad1 + 1);  /* the 'r' after it */
        CHECK(t && t->start == 0 && pact_omap_end(&t->map, t->len) == t->end);
        const pact_block *b = NULL;
        for (size_t i = 0; i < p.articles[0].nbody; i++)
            if (p.articles[0].body[i]->start == (size_t)(para - s)) b = p.articles[0].body[i];
        CHECK(b != NULL);
        if (b) {
            CHECK(b->text != s + b->start);  /* a sanitised copy */
            CHECK(memcmp(b->text, "V\xEF\xBF\xBD", 4) == 0);
            CHECK(pact_omap_start(&b->map, 1) == bad2);
            CHECK(pact_omap_end(&b->map, b->len) == b->end);
            /* the last byte of the text maps to the last byte of the line */
            CHECK(pact_omap_start(&b->map, b->len - 1) == b->end - 1);
        }
    }
    pact_page_free(&p);
    free(s);
}

static void test_huge_single_line(void) {
    /* 50 MB on one line: skipped by the line limit, in bounded time */
    size_t n = (size_t)50 << 20;
    char *s = malloc(n);
    for (size_t i = 0; i < n; i++) s[i] = "ab c."[i % 5];
    double t0 = now();
    pact_page p;
    pact_diag d;
    CHECK(read_page(s, n, &p, &d) == PACT_OK);
    double dt = now() - t0;
    CHECK(dt < 20.0);
    CHECK(p.narticles == 0);
    CHECK(p.nblocks == 1);
    CHECK(d.warnings == 1);
    pact_page_free(&p);
    fprintf(stderr, "50 MB single line: %.2f s\n", dt);

    /* 1 MB of one paragraph, just under the limit: read, in bounded time */
    n = PACT_MAX_LINE_BYTES - 10;
    t0 = now();
    CHECK(read_page(s, n, &p, &d) == PACT_OK);
    CHECK(now() - t0 < 10.0);
    pact_page_free(&p);

    /* 10 MB of short lines (262144 of them) */
    n = (size_t)10 << 20;
    for (size_t i = 0; i < n; i++) s[i] = (i % 40 == 39) ? '\n' : "ab cd."[i % 6];
    t0 = now();
    CHECK(read_page(s, n, &p, &d) == PACT_OK);
    dt = now() - t0;
    CHECK(dt < 30.0);
    fprintf(stderr, "10 MB of short lines: %.2f s, %zu blocks\n", dt, p.nblocks);
    pact_page_free(&p);
    free(s);
}

int main(void) {
    test_empty_and_binary();
    test_legacy_encoding();
    test_all_boilerplate();
    test_article_and_crlf();
    test_invalid_utf8();
    test_huge_single_line();
    return check_done();
}
