/* The HTML page reader on pages written for these tests: Vietnamese news with
 * menus, related lists, share bars, comments, captions and scripts; legacy
 * charsets; broken, deep, huge and invalid input. Every block's span, sliced
 * from the original bytes, must hold the block's text. */
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/HTMLparser.h>
#include <utf8proc.h>

#include "check.h"
#include "page/internal.h"

static unsigned warnings_seen;

static void count_sink(pact_diag *d, const char *msg) {
    (void)d;
    (void)msg;
    warnings_seen++;
}

static int read_html(const char *data, size_t len, pact_page *page) {
    memset(page, 0, sizeof *page);
    page->doc = "test.html";
    page->data = data;
    page->len = len;
    page->is_html = 1;
    page->arena = pact_arena_new();
    pact_diag d;
    pact_diag_init(&d, "test.html");
    d.sink = count_sink;
    return pact__page_read_html(page, &d);
}

static char *load(const char *name, size_t *len) {
    const char *dir = getenv("PACT_SOURCE_DIR");
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/fixtures/html/%s", dir ? dir : ".", name);
    char *data;
    if (pact_file_read(path, (size_t)1 << 24, &data, len) != PACT_OK) {
        fprintf(stderr, "cannot read %s\n", path);
        exit(1);
    }
    return data;
}

/* The text a span of markup shows: tags removed, references decoded,
 * whitespace collapsed, NFC (legacy charsets converted first). */
static char *plain(const char *s, size_t n, const char *charset) {
    char *conv = NULL;
    if (charset) {
        iconv_t cd = iconv_open("UTF-8", charset);
        size_t cap = n * 4 + 16, ol = cap, il = n;
        conv = malloc(cap);
        char *ip = (char *)s, *op = conv;
        iconv(cd, &ip, &il, &op, &ol);
        iconv(cd, NULL, NULL, &op, &ol);
        iconv_close(cd);
        n = cap - ol;
        s = conv;
    }
    pact_buf b;
    pact_buf_init(&b, 0);
    bool space = false;
    for (size_t i = 0; i < n;) {
        char piece[8];
        size_t pn = 0;
        if (s[i] == '<') {
            const char *gt = memchr(s + i, '>', n - i);
            i = gt ? (size_t)(gt - s) + 1 : n;
            continue;
        }
        if (s[i] == '&') {
            const char *semi = memchr(s + i, ';', n - i < 12 ? n - i : 12);
            if (semi) {
                char name[16];
                size_t k = (size_t)(semi - s) - i - 1;
                memcpy(name, s + i + 1, k);
                name[k] = '\0';
                int32_t cp = -1;
                if (name[0] == '#') cp = (int32_t)strtol(name + 1 + (name[1] == 'x'), NULL, name[1] == 'x' ? 16 : 10);
                else {
                    const htmlEntityDesc *e = htmlEntityLookup((const xmlChar *)name);
                    if (e) cp = (int32_t)e->value;
                }
                if (cp > 0) {
                    pn = pact_utf8_encode(cp, piece);
                    i = (size_t)(semi - s) + 1;
                }
            }
        }
        if (!pn) piece[0] = s[i++], pn = 1;
        bool ws = (pn == 1 && (piece[0] == ' ' || piece[0] == '\n' || piece[0] == '\t' || piece[0] == '\r')) ||
                  (pn == 2 && (unsigned char)piece[0] == 0xC2 && (unsigned char)piece[1] == 0xA0);
        if (ws) {
            space = true;
            continue;
        }
        if (space && b.len) (void)!pact_buf_putc(&b, ' ');
        space = false;
        (void)!pact_buf_append(&b, piece, pn);
    }
    char *r = (char *)utf8proc_NFC((const utf8proc_uint8_t *)(b.ptr ? b.ptr : ""));
    pact_buf_free(&b);
    free(conv);
    return r;
}

/* Every block's span shows the block's text. */
static void check_spans(const pact_page *p, const char *charset) {
    for (size_t i = 0; i < p->nblocks; i++) {
        const pact_block *b = &p->blocks[i];
        CHECK(b->start <= b->end && b->end <= p->len);
        CHECK(pact_utf8_valid(b->text, b->len));
        char *want = (char *)utf8proc_NFC((const utf8proc_uint8_t *)pact_arena_strndup(p->arena, b->text, b->len));
        char *got = plain(p->data + b->start, b->end - b->start, charset);
        if (strcmp(want, got) != 0) {
            check_failures++;
            fprintf(stderr, "block %zu span [%zu, %zu): text \"%s\" but span shows \"%s\"\n", i, b->start, b->end,
                    want, got);
        }
        check_count++;
        free(want);
        free(got);
    }
}

static bool body_has(const pact_article *a, const char *s) {
    for (size_t i = 0; i < a->nbody; i++)
        if (strstr(a->body[i]->text, s)) return true;
    return false;
}

static bool any_block_has(const pact_page *p, const char *s) {
    for (size_t i = 0; i < p->nblocks; i++)
        if (strstr(p->blocks[i].text, s)) return true;
    return false;
}

static const pact_block *block_of_kind(const pact_page *p, pact_block_kind k) {
    for (size_t i = 0; i < p->nblocks; i++)
        if (p->blocks[i].kind == k) return &p->blocks[i];
    return NULL;
}

static char *title_of(const pact_article *a) {
    static char buf[512];
    snprintf(buf, sizeof buf, "%.*s", a->title ? (int)a->title->len : 0, a->title ? a->title->text : "");
    return buf;
}

static void test_news_page(void) {
    size_t len;
    char *data = load("vn_news_aukus.html", &len);
    pact_page p;
    CHECK(read_html(data, len, &p) == PACT_OK);
    CHECK(p.narticles == 1);
    if (p.narticles == 1) {
        const pact_article *a = &p.articles[0];
        CHECK_STR(title_of(a), "AUKUS cân nhắc hợp tác với Nhật Bản trong Trụ cột II");
        CHECK_STR(a->published, "2024-04-09");
        CHECK(a->nbody == 7);
        CHECK(a->nbody && a->body[0]->kind == PACT_BLOCK_LEAD);
        CHECK(body_has(a, "Trụ cột II của AUKUS tập trung"));
        CHECK(body_has(a, "chạy đua vũ trang & gây bất ổn"));
        CHECK(body_has(a, "kêu gọi Nhật Bản \"thận trọng\"."));
        CHECK(body_has(a, "Kishida Fumio dự kiến thăm Washington"));
        bool sub = false;
        for (size_t i = 0; i < a->nbody; i++) sub |= a->body[i]->kind == PACT_BLOCK_SUBHEAD;
        CHECK(sub);
        static const char *const not_body[] = {"Thời sự", "Trang chủ", "Chia sẻ", "Xem thêm", "Australia công bố",
                                               "Tin liên quan", "Hàn Quốc muốn", "Ý kiến bạn đọc", "Bài viết rất hay",
                                               "Đọc nhiều", "Giấy phép", "Ảnh: Tư liệu", "GMT+7", NULL};
        for (int i = 0; not_body[i]; i++) {
            if (body_has(a, not_body[i])) {
                check_failures++;
                fprintf(stderr, "boilerplate in the body: %s\n", not_body[i]);
            }
            check_count++;
        }
    }
    CHECK(!any_block_has(&p, "KHÔNG ĐƯỢC LỘ"));
    CHECK(!any_block_has(&p, "BÍ MẬT"));
    CHECK(!any_block_has(&p, "bật JavaScript"));
    CHECK(!any_block_has(&p, "dataLayer"));
    const pact_block *cap = block_of_kind(&p, PACT_BLOCK_CAPTION);
    CHECK(cap && strstr(cap->text, "Ảnh: Tư liệu"));
    const pact_block *dl = block_of_kind(&p, PACT_BLOCK_DATELINE);
    CHECK(dl && strstr(dl->text, "9/4/2024"));
    CHECK_STR(p.source_url, "https://thoisuquocte.example.vn/the-gioi/aukus-nhat-ban-tru-cot-ii-123456.html");
    check_spans(&p, NULL);
    pact_page_free(&p);
    free(data);
}

/* A Dân Trí-style page: <time datetime>, the lead in an <h2>, a related-news
 * teaser with its own summary inside the body, comments with paragraphs. */
static void test_news_page_teasers(void) {
    size_t len;
    char *data = load("vn_news_ip4.html", &len);
    pact_page p;
    CHECK(read_html(data, len, &p) == PACT_OK);
    CHECK(p.narticles == 1);
    if (p.narticles == 1) {
        const pact_article *a = &p.articles[0];
        CHECK_STR(title_of(a), "NATO mời bốn đối tác châu Á - Thái Bình Dương dự thượng đỉnh Washington");
        CHECK_STR(a->published, "2024-07-10");
        CHECK(a->nbody == 5);
        CHECK(a->nbody && a->body[0]->kind == PACT_BLOCK_LEAD && strstr(a->body[0]->text, "IP4") == NULL);
        CHECK(body_has(a, "từ bỏ tư duy Chiến tranh Lạnh"));
        CHECK(body_has(a, "Madrid năm 2022 và Vilnius năm 2023."));
        static const char *const not_body[] = {"Seoul được cho là", "văn phòng liên lạc", "Canberra sẽ mua",
                                               "Thông tin rất hữu ích", "Bài viết khách quan", "Chia sẻ",
                                               "Từ khóa", "Cơ quan chủ quản", "Ảnh: AFP", "Tìm kiếm",
                                               "Ảnh: Reuters", NULL};
        for (int i = 0; not_body[i]; i++) {
            if (body_has(a, not_body[i])) {
                check_failures++;
                fprintf(stderr, "boilerplate in the body: %s\n", not_body[i]);
            }
            check_count++;
        }
    }
    CHECK_STR(p.source_url, "https://tinthegioi.example.vn/nato-ip4-washington-20240710.htm");
    check_spans(&p, NULL);
    pact_page_free(&p);
    free(data);
}

/* An old table layout: paragraphs are runs between <br><br> in one <div>,
 * the headline a styled <div>, the date a plain line. */
static void test_table_br_layout(void) {
    size_t len;
    char *data = load("vn_table_br_layout.html", &len);
    pact_page p;
    CHECK(read_html(data, len, &p) == PACT_OK);
    CHECK(p.narticles == 1);
    if (p.narticles == 1) {
        const pact_article *a = &p.articles[0];
        CHECK_STR(title_of(a), "Phần Lan chính thức gia nhập NATO");
        CHECK(a->title && a->title->start > 600); /* the headline on the page, not <title> */
        CHECK_STR(a->published, "2023-04-04");
        CHECK(a->nbody == 4);
        CHECK(body_has(a, "thành viên thứ 31"));
        CHECK(body_has(a, "Thổ Nhĩ Kỳ và Hungary."));
        CHECK(!body_has(a, "Các tin khác"));
        CHECK(!body_has(a, "Quân sự"));
        CHECK(!body_has(a, "Bản quyền"));
    }
    check_spans(&p, NULL);
    pact_page_free(&p);
    free(data);
}

/* A short news item (under readability's 500 characters) followed by long
 * comments and an advertisement: the retries must not take them in. */
static void test_short_article(void) {
    size_t len;
    char *data = load("vn_short_with_comments.html", &len);
    pact_page p;
    CHECK(read_html(data, len, &p) == PACT_OK);
    CHECK(p.narticles == 1);
    if (p.narticles == 1) {
        const pact_article *a = &p.articles[0];
        CHECK_STR(title_of(a), "Hàn Quốc, Mỹ tập trận chung");
        CHECK(a->nbody == 2);
        CHECK(body_has(a, "Lá chắn Tự do Ulchi"));
        CHECK(!body_has(a, "Tôi nghĩ"));
        CHECK(!body_has(a, "Quảng cáo"));
    }
    check_spans(&p, NULL);
    pact_page_free(&p);
    free(data);
}

static void test_windows_1258(void) {
    size_t len;
    char *data = load("vn_cp1258_trilateral.html", &len);
    CHECK(!pact_utf8_valid(data, len)); /* the fixture really is legacy-encoded */
    pact_page p;
    CHECK(read_html(data, len, &p) == PACT_OK);
    CHECK(p.narticles == 1);
    if (p.narticles == 1) {
        const pact_article *a = &p.articles[0];
        char *t = (char *)utf8proc_NFC((const utf8proc_uint8_t *)title_of(a));
        CHECK_STR(t, "Thượng đỉnh Mỹ - Nhật - Philippines lần đầu tiên");
        free(t);
        CHECK_STR(a->published, "2024-04-12");
        CHECK(a->nbody == 3);
        if (a->nbody == 3) {
            char *b1 = (char *)utf8proc_NFC((const utf8proc_uint8_t *)a->body[1]->text);
            CHECK(strstr(b1, "ở Biển Đông và cam kết") != NULL);
            free(b1);
            CHECK(strstr(a->body[2]->text, "\xE2\x80\x9C") != NULL); /* &ldquo; */
        }
        CHECK(!body_has(a, "Tin mới"));
        CHECK(!body_has(a, "Trang chủ"));
    }
    check_spans(&p, "WINDOWS-1258");
    pact_page_free(&p);
    free(data);
}

static void test_windows_1252(void) {
    size_t len;
    char *data = load("fr_cp1252_nato.html", &len);
    pact_page p;
    CHECK(read_html(data, len, &p) == PACT_OK);
    CHECK(p.narticles == 1);
    if (p.narticles == 1) {
        const pact_article *a = &p.articles[0];
        CHECK_STR(title_of(a), "Sommet de l'OTAN à Washington");
        CHECK(body_has(a, "qualifie le soutien à l'Ukraine d'“irréversible”"));
        CHECK(!body_has(a, "Mentions"));
    }
    check_spans(&p, "WINDOWS-1252");
    pact_page_free(&p);
    free(data);
}

static void test_json_ld_and_broken_markup(void) {
    /* unclosed paragraphs and divs, a stray end tag, unquoted attributes, an
     * unknown entity, a comment in the middle of a sentence */
    const char *html =
        "<html><head><title>Ignored</title>"
        "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"Hàn Quốc và Nhật Bản nối lại "
        "đối thoại an ninh\",\"datePublished\":\"2023-03-16T09:00:00+09:00\"}</script></head>"
        "<body><div class=menu><a href=/>Trang chủ</a><a href=/tg>Thế giới</a></div>"
        "<div id=main><h1>Hàn Quốc và Nhật Bản nối lại đối thoại an ninh</h1>"
        "<p>Tổng thống Hàn Quốc Yoon Suk Yeol tới Tokyo ngày 16/3/2023, chuyến thăm song phương đầu tiên của một "
        "tổng thống Hàn Quốc tới Nhật Bản sau 12 năm."
        "<p>Hai bên nhất trí khôi phục <!-- quảng cáo -->đối thoại an ninh &foo; và chia sẻ đầy đủ thông tin tình "
        "báo quân sự theo thỏa thuận GSOMIA."
        "</span></div></div>"
        "<p>Washington hoan nghênh bước đi này, coi đây là nền tảng cho hợp tác ba bên Mỹ - Nhật - Hàn.</b>"
        "<div class=footer>Liên hệ quảng cáo";
    pact_page p;
    CHECK(read_html(html, strlen(html), &p) == PACT_OK);
    CHECK(p.narticles == 1);
    if (p.narticles == 1) {
        const pact_article *a = &p.articles[0];
        CHECK_STR(title_of(a), "Hàn Quốc và Nhật Bản nối lại đối thoại an ninh");
        CHECK_STR(a->published, "2023-03-16");
        CHECK(body_has(a, "khôi phục đối thoại an ninh &foo; và chia sẻ"));
        CHECK(body_has(a, "Washington hoan nghênh"));
        CHECK(!body_has(a, "Trang chủ"));
        CHECK(!body_has(a, "Liên hệ quảng cáo"));
    }
    check_spans(&p, NULL);
    pact_page_free(&p);
}

/* A short first sentence that starts with a date is body, not a dateline;
 * a linked related item with a date gives the page no date either. */
static void test_date_sentence_stays_body(void) {
    const char *html =
        "<html><head><meta charset=\"utf-8\"><title>Ba Lan mua xe tăng</title></head><body><article>"
        "<h1>Ba Lan mua xe tăng</h1>"
        "<p>Ngày 29/4/2025, Ba Lan ký hợp đồng mua 180 xe tăng K2.</p>"
        "<p>Hợp đồng trị giá khoảng 6,5 tỷ USD, là thương vụ quốc phòng lớn nhất giữa hai nước từ trước tới "
        "nay, theo Bộ Quốc phòng Ba Lan.</p>"
        "<ul class=\"more\"><li><a href=\"/k2\">Hàn Quốc giao lô K2 đầu tiên (27/07/2022)</a></li></ul>"
        "</article></body></html>";
    pact_page p;
    CHECK(read_html(html, strlen(html), &p) == PACT_OK);
    CHECK(p.narticles == 1);
    if (p.narticles == 1) {
        CHECK(p.articles[0].nbody == 2);
        CHECK(body_has(&p.articles[0], "Ngày 29/4/2025, Ba Lan"));
        CHECK_STR(p.articles[0].published, "");
    }
    CHECK(block_of_kind(&p, PACT_BLOCK_DATELINE) == NULL);
    pact_page_free(&p);
}

static const char PARA[] =
    "Ngày 4/4/2024, NATO kỷ niệm 75 năm ngày thành lập tại Brussels, với sự tham dự của ngoại trưởng các nước "
    "thành viên, trong đó có Thụy Điển vừa gia nhập liên minh hồi tháng 3.";

static void test_deep_nesting(void) {
    for (int depth = 50; depth <= 2000; depth *= 40) {
        pact_buf b;
        pact_buf_init(&b, 0);
        (void)!pact_buf_puts(&b, "<html><body>");
        for (int i = 0; i < depth; i++) (void)!pact_buf_puts(&b, "<div><span>");
        for (int k = 0; k < 4; k++) (void)!pact_buf_printf(&b, "<p>%s</p>", PARA);
        for (int i = 0; i < depth; i++) (void)!pact_buf_puts(&b, "</span></div>");
        (void)!pact_buf_puts(&b, "</body></html>");
        pact_page p;
        CHECK(read_html(b.ptr, b.len, &p) == PACT_OK);
        if (depth == 50) {
            CHECK(p.narticles == 1);
            CHECK(p.narticles == 1 && p.articles[0].nbody == 4);
        }
        check_spans(&p, NULL);
        pact_page_free(&p);
        pact_buf_free(&b);
    }
}

static void test_huge_single_line(void) {
    pact_buf b;
    pact_buf_init(&b, 0);
    (void)!pact_buf_puts(&b, "<html><body><div class=\"content\">");
    for (int k = 0; k < 20000; k++) (void)!pact_buf_printf(&b, "<p>%s &amp; %d</p>", PARA, k);
    (void)!pact_buf_puts(&b, "</div></body></html>");
    pact_page p;
    clock_t t0 = clock();
    CHECK(read_html(b.ptr, b.len, &p) == PACT_OK);
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    if (secs > 20) {
        check_failures++;
        fprintf(stderr, "a %zu-byte single-line page took %.1f s\n", b.len, secs);
    }
    CHECK(p.narticles == 1 && p.articles[0].nbody == 20000);
    if (p.narticles == 1 && p.articles[0].nbody == 20000) {
        const pact_block *last = p.articles[0].body[19999];
        CHECK(last->len > 7 && memcmp(last->text + last->len - 7, "& 19999", 7) == 0);
        CHECK(last->end == b.len - strlen("</p></div></body></html>"));
    }
    pact_page_free(&p);
    pact_buf_free(&b);
}

static void test_invalid_utf8(void) {
    const char *html =
        "<html><head><meta charset=\"utf-8\"></head><body><article>"
        "<p>Ngoại trưởng Anh David Cameron tới Kyiv ngày 2/5/2024 \xff\xfe và tuyên bố Anh sẽ hỗ trợ Ukraine 3 tỷ "
        "bảng mỗi năm chừng nào còn cần thiết.</p>"
        "<p>Ông cũng cho rằng Ukraine có quyền dùng vũ khí Anh cung cấp để tấn công mục tiêu trên lãnh thổ Nga, "
        "điều khiến Moskva phản ứng gay gắt.</p></article></body></html>";
    warnings_seen = 0;
    pact_page p;
    CHECK(read_html(html, strlen(html), &p) == PACT_OK);
    CHECK(warnings_seen >= 2);
    CHECK(p.narticles == 1 && p.articles[0].nbody == 2);
    if (p.narticles == 1 && p.articles[0].nbody == 2)
        CHECK(strstr(p.articles[0].body[0]->text, "2/5/2024 \xEF\xBF\xBD\xEF\xBF\xBD và") != NULL);
    for (size_t i = 0; i < p.nblocks; i++) CHECK(pact_utf8_valid(p.blocks[i].text, p.blocks[i].len));
    pact_page_free(&p);
}

static void test_boilerplate_only(void) {
    const char *html =
        "<html><body><nav><a href=/a>Thời sự</a><a href=/b>Thế giới</a></nav>"
        "<div class=\"list-news\"><ul>"
        "<li><a href=/1>Mỹ và Philippines tập trận Balikatan quy mô lớn nhất</a></li>"
        "<li><a href=/2>Ba Lan tăng chi tiêu quốc phòng lên 4% GDP</a></li>"
        "<li><a href=/3>Phần Lan chính thức trở thành thành viên NATO</a></li>"
        "</ul></div><footer>Bản quyền thuộc về tòa soạn</footer></body></html>";
    pact_page p;
    CHECK(read_html(html, strlen(html), &p) == PACT_OK);
    CHECK(p.narticles == 0);
    CHECK(p.nblocks > 0);
    pact_page_free(&p);

    const char *empty = "<html><head></head><body>   </body></html>";
    CHECK(read_html(empty, strlen(empty), &p) == PACT_OK);
    CHECK(p.narticles == 0 && p.nblocks == 0);
    pact_page_free(&p);
}

/* A section label above the headline and a breadcrumb trail inside the
 * article box are furniture; a headline-like "Nga / Ukraine" line is not a
 * trail, and a short sentence below the title stays. */
static void test_labels_and_crumbs(void) {
    static const char html[] =
        "<html><head><title>Nhật Bản và Philippines ký hiệp định tiếp cận đối ứng</title></head><body>"
        "<article><p class=\"cat\">Thế giới \xE2\x80\xBA Châu Á</p><p>Chính trị quốc tế</p>"
        "<h1>Nhật Bản và Philippines ký hiệp định tiếp cận đối ứng</h1>"
        "<p>Thời sự | Quân sự | Phân tích</p>"
        "<p>Ngoại trưởng Nhật Bản và Bộ trưởng Quốc phòng Philippines ký hiệp định tại Manila, cho phép "
        "quân đội hai nước đưa binh sĩ sang lãnh thổ của nhau để huấn luyện và tập trận chung.</p>"
        "<p>Hiệp định sẽ có hiệu lực sau khi quốc hội hai nước phê chuẩn, theo thông cáo của hai bên. "
        "Đây là văn kiện đầu tiên loại này của Tokyo với một nước Đông Nam Á.</p>"
        "<p>Hai bên cũng bàn về tình hình Biển Đông và các hoạt động của tàu hải cảnh trong khu vực.</p>"
        "</article></body></html>";
    pact_page p;
    CHECK(read_html(html, sizeof html - 1, &p) == PACT_OK);
    CHECK(p.narticles == 1);
    if (p.narticles == 1) {
        const pact_article *a = &p.articles[0];
        CHECK_STR(title_of(a), "Nhật Bản và Philippines ký hiệp định tiếp cận đối ứng");
        CHECK(a->nbody == 3);
        CHECK(!body_has(a, "Châu Á"));
        CHECK(!body_has(a, "Chính trị quốc tế"));
        CHECK(!body_has(a, "Phân tích"));
        CHECK(body_has(a, "Biển Đông"));
    }
    check_spans(&p, NULL);
    pact_page_free(&p);
}

/* An og:url that is not an address (white space, a quote inside) is not reported;
 * a canonical link that is one is. */
static void test_source_url_checked(void) {
    static const char body[] =
        "<title>T</title></head><body><article><h1>Hàn Quốc và Mỹ tập trận chung</h1>"
        "<p>Hàn Quốc và Mỹ bắt đầu cuộc tập trận chung thường niên ngày 19/8/2024, với sự tham gia của hàng nghìn binh sĩ.</p>"
        "<p>Triều Tiên lên án cuộc tập trận là sự chuẩn bị cho chiến tranh.</p></article></body></html>";
    static const char *const heads[] = {
        "<html><head><meta property=\"og:url\" content=\"https://example.org/a b\">",
        "<html><head><meta property=\"og:url\" content=\"https://example.org/a\nb\">",
        "<html><head><link rel=\"canonical\" href=\"https://example.org/ok\">",
    };
    for (size_t i = 0; i < 3; i++) {
        char doc[1024];
        snprintf(doc, sizeof doc, "%s%s", heads[i], body);
        pact_page p;
        CHECK(read_html(doc, strlen(doc), &p) == PACT_OK);
        if (i < 2) CHECK(p.source_url == NULL);
        else CHECK_STR(p.source_url, "https://example.org/ok");
        pact_page_free(&p);
    }
}

int main(void) {
    test_source_url_checked();
    test_news_page();
    test_news_page_teasers();
    test_table_br_layout();
    test_short_article();
    test_windows_1258();
    test_windows_1252();
    test_json_ld_and_broken_markup();
    test_date_sentence_stays_body();
    test_deep_nesting();
    test_huge_single_line();
    test_invalid_utf8();
    test_boilerplate_only();
    test_labels_and_crumbs();
    return check_done();
}
