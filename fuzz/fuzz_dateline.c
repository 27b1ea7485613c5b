/* pact__page_parse_dateline on arbitrary bytes: it reads only s[0..len) (the
 * copy below has no terminator, so ASan sees any over-read) and writes either
 * false or a real "YYYY-MM-DD". */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_page.h"
#include "page/internal.h"

static bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char *s = malloc(size ? size : 1);
    if (size) memcpy(s, data, size);
    char out[11];
    memset(out, 'x', sizeof out);
    if (pact__page_parse_dateline(s, size, out)) {
        FUZZ_CHECK(out[10] == '\0');
        fuzz_check_date(out);
        int y = atoi(out), m = atoi(out + 5), d = atoi(out + 8);
        static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        FUZZ_CHECK(m >= 1 && m <= 12);
        FUZZ_CHECK(d >= 1 && d <= mdays[m - 1]);
        FUZZ_CHECK(!(m == 2 && d == 29) || leap(y));
    }
    free(s);
    return 0;
}
