/* Syllable tokens: kinds (word, number, date, punctuation) and case flags. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "text/text.h"

/* Tokens of s as "kind:text[flags]" joined by spaces. */
static char *show(const char *s) {
    pact_token *t;
    size_t n = pact_tokenize(s, 0, strlen(s), &t);
    pact_buf b;
    pact_buf_init(&b, 0);
    static const char kinds[] = "wndp";
    for (size_t i = 0; i < n; i++)
        CHECK(pact_buf_printf(&b, "%s%c:%.*s%s", i ? " " : "", kinds[t[i].kind], (int)(t[i].end - t[i].start),
                              s + t[i].start,
                              t[i].flags & PACT_TOK_UPPER ? "^^" : t[i].flags & PACT_TOK_CAP ? "^" : "") == 0);
    free(t);
    return pact_buf_detach(&b, NULL);
}

#define TOKS(in, want)            \
    do {                          \
        char *got_ = show(in);    \
        CHECK_STR(got_, want);    \
        free(got_);               \
    } while (0)

int main(void) {
    TOKS("Ngày 31.5.2024, NATO họp.", "w:Ngày^ d:31.5.2024 p:, w:NATO^^ w:họp p:.");
    TOKS("tháng 9/2021 và 13/3, 12/07/2020; 7-2023 12.2018",
         "w:tháng d:9/2021 w:và d:13/3 p:, d:12/07/2020 p:; d:7-2023 d:12.2018");
    TOKS("1.000 tỷ, 3,5% và 1.000.000", "n:1.000 w:tỷ p:, n:3,5 p:% w:và n:1.000.000");
    TOKS("G7 và F-35", "w:G7^^ w:và w:F^^ p:- n:35");
    TOKS("2+2 ở Tokyo", "n:2 p:+ n:2 w:ở w:Tokyo^");
    TOKS("Ấn Độ Dương - Thái Bình Dương", "w:Ấn^ w:Độ^ w:Dương^ p:- w:Thái^ w:Bình^ w:Dương^");
    TOKS("“AUKUS”", "p:“ w:AUKUS^^ p:”");
    TOKS("ĐÀ NẴNG, Đà Nẵng, đà nẵng", "w:ĐÀ^^ w:NẴNG^^ p:, w:Đà^ w:Nẵng^ p:, w:đà w:nẵng");
    TOKS("iPhone", "w:iPhone");
    TOKS("50km", "n:50 w:km");
    TOKS("99/99 và 2-3 ngày", "n:99 p:/ n:99 w:và n:2 p:- n:3 w:ngày");
    TOKS("năm 2024...", "w:năm n:2024 p:. p:. p:.");
    TOKS("", "");
    TOKS("Москва", "w:Москва^");

    /* a range inside the text */
    const char *s = "Mỹ và Nhật";
    pact_token *t;
    size_t n = pact_tokenize(s, 4, strlen(s), &t);
    CHECK(n == 2);
    CHECK(n == 2 && t[0].start == 5 && t[0].end == 8 && t[1].start == 9);
    free(t);
    return check_done();
}
