/* Saved fuzz inputs of the text layer (fuzz/regressions/text_normalize/),
 * replayed through fuzz/fuzz_text_normalize.c's checks. */
#define LLVMFuzzerTestOneInput fuzz_text_normalize_one
#include "../../fuzz/fuzz_text_normalize.c"
#undef LLVMFuzzerTestOneInput
#include "../../fuzz/regress.h"

int main(void) {
    int n = fuzz_replay("text_normalize", fuzz_text_normalize_one);
    if (n < 0) {
        fprintf(stderr, "skip: PACT_SOURCE_DIR is not set\n");
        return 77;
    }
    fprintf(stderr, "%d inputs replayed, no failure\n", n);
    return 0;
}
