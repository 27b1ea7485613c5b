/* The TSV splitter and the ISO date check shared by the data loaders. */
#include "check.h"
#include "util/util.h"

int main(void) {
    char line[] = " USA \tMỹ|Hoa Kỳ\t\tx\textra\r\n";
    char *f[4];
    size_t n = pact_tsv_split(line, f, 4);
    CHECK(n == 4);
    CHECK_STR(f[0], "USA");
    CHECK_STR(f[1], "Mỹ|Hoa Kỳ");
    CHECK_STR(f[2], "");
    CHECK_STR(f[3], "x"); /* the fifth field is dropped */

    char one[] = "NATO\n";
    CHECK(pact_tsv_split(one, f, 4) == 1);
    CHECK_STR(f[0], "NATO");

    CHECK(pact_iso_date_shape("2024"));
    CHECK(pact_iso_date_shape("2024-06"));
    CHECK(pact_iso_date_shape("2024-06-30"));
    CHECK(!pact_iso_date_shape("2024-13"));
    CHECK(!pact_iso_date_shape("2024-00"));
    CHECK(!pact_iso_date_shape("2024-06-32"));
    CHECK(!pact_iso_date_shape("2024-06-00"));
    CHECK(!pact_iso_date_shape("24-06-30"));
    CHECK(!pact_iso_date_shape("2024/06"));
    CHECK(!pact_iso_date_shape("--06-30"));
    CHECK(!pact_iso_date_shape(""));
    return check_done();
}
