/* Saved fuzz inputs of the page reader (fuzz/regressions/page_flat/,
 * page_html/, dateline/), replayed through the fuzz targets' checks. */
#define LLVMFuzzerTestOneInput fuzz_page_flat_one
#include "../../fuzz/fuzz_page_flat.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_page_html_one
#include "../../fuzz/fuzz_page_html.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_dateline_one
#include "../../fuzz/fuzz_dateline.c"
#undef LLVMFuzzerTestOneInput
#include "../../fuzz/regress.h"

int main(void) {
    int a = fuzz_replay("page_flat", fuzz_page_flat_one);
    if (a < 0) {
        fprintf(stderr, "skip: PACT_SOURCE_DIR is not set\n");
        return 77;
    }
    int b = fuzz_replay("page_html", fuzz_page_html_one);
    int c = fuzz_replay("dateline", fuzz_dateline_one);
    fprintf(stderr, "%d inputs replayed, no failure\n", a + b + c);
    return 0;
}
