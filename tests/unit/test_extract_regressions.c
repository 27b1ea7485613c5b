/* Saved fuzz inputs of extraction and output (fuzz/regressions/dates/,
 * extract/, json_writer/), replayed through the fuzz targets' checks. The JSON
 * writer is util's, but its check parses with jansson, which pact_extract
 * links. */
#define LLVMFuzzerTestOneInput fuzz_dates_one
#include "../../fuzz/fuzz_dates.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_json_writer_one
#include "../../fuzz/fuzz_json_writer.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_extract_one
#include "../../fuzz/fuzz_extract.c"
#undef LLVMFuzzerTestOneInput
#include "../../fuzz/regress.h"

int main(int argc, char **argv) {
    int a = fuzz_replay("dates", fuzz_dates_one);
    if (a < 0) {
        fprintf(stderr, "skip: PACT_SOURCE_DIR is not set\n");
        return 77;
    }
    int b = fuzz_replay("json_writer", fuzz_json_writer_one);
    LLVMFuzzerInitialize(&argc, &argv);
    int c = fuzz_replay("extract", fuzz_extract_one);
    pact_extractor_free(ex);
    fprintf(stderr, "%d inputs replayed, no failure\n", a + b + c);
    return 0;
}
