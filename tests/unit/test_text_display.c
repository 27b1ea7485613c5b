/* pact_text_display: the text as written, only NFC'd and cleaned of
 * invisible characters and extra white space; its map is exact too. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "text/text.h"

static char *display(const char *s, size_t base, pact_norm *keep) {
    pact_norm n;
    CHECK(pact_text_display(s, strlen(s), base, &n, NULL) == PACT_OK);
    char *t = pact__xstrdup(n.text);
    if (keep) *keep = n;
    else pact_norm_free(&n);
    return t;
}

#define DISPLAY(in, want)                    \
    do {                                     \
        char *got_ = display(in, 0, NULL);   \
        CHECK_STR(got_, want);               \
        free(got_);                          \
    } while (0)

int main(void) {
    DISPLAY("Mỹ – Nhật – Hàn thoả thuận", "Mỹ – Nhật – Hàn thoả thuận");
    DISPLAY("hoà bình và hòa bình", "hoà bình và hòa bình");
    DISPLAY("ho\xCC\x80" "a v\xC3\xA0 hoa\xCC\x80", "hòa và hoà");          /* NFC only */
    DISPLAY("Nga \xC4\x91.e d\xE1\xBB\x8D.a", "Nga đ.e dọ.a");            /* dots kept */
    DISPLAY("  Tin\xC2\xA0\xC2\xA0nhanh\t\xE2\x80\x8B\n", "Tin nhanh");   /* spaces, ZWSP */
    DISPLAY("\xE2\x80\x9C" "AUKUS\xE2\x80\x9D", "“AUKUS”");
    DISPLAY("a\xFF" "b", "a\xEF\xBF\xBD" "b");

    /* the normalised and the display text of one input map to the same
     * original spans at word boundaries */
    const char *in = "Th\xE1\xBB\x8F" "a thu\xE1\xBA\xADn \xE2\x80\x93 Nga";  /* Thỏa thuận – Nga */
    pact_norm d, n;
    free(display(in, 10, &d));
    CHECK(pact_text_normalize(in, strlen(in), 10, &n, NULL) == PACT_OK);
    CHECK_STR(n.text, "Thỏa thuận - Nga");
    CHECK_STR(d.text, "Thỏa thuận – Nga");
    size_t dn = strlen("Thỏa thuận – "), nn = strlen("Thỏa thuận - ");
    CHECK(pact_omap_start(&d.map, dn) == pact_omap_start(&n.map, nn));
    CHECK(pact_omap_end(&d.map, d.len) == pact_omap_end(&n.map, n.len));
    CHECK(pact_omap_end(&d.map, d.len) == 10 + strlen(in));
    pact_norm_free(&d);
    pact_norm_free(&n);
    return check_done();
}
