/* Saved fuzz inputs of the JSON Lines readers and the HTTP server
 * (fuzz/regressions/records/, http/), replayed through the fuzz targets'
 * checks: fuzz_records (record and page lines) and fuzz_http (raw requests
 * to a no_listen server over a store built from a few samples/ pages). */
#define LLVMFuzzerTestOneInput fuzz_records_one
#include "../../fuzz/fuzz_records.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_http_one
#include "../../fuzz/fuzz_http.c"
#undef LLVMFuzzerTestOneInput
#include "../../fuzz/regress.h"

int main(int argc, char **argv) {
    int a = fuzz_replay("records", fuzz_records_one);
    if (a < 0) {
        fprintf(stderr, "skip: PACT_SOURCE_DIR is not set\n");
        return 77;
    }
    LLVMFuzzerInitialize(&argc, &argv);
    int b = fuzz_replay("http", fuzz_http_one);
    fprintf(stderr, "%d inputs replayed, no failure\n", a + b);
    return 0; /* the server stops and its folder goes at exit (fuzz_http.c) */
}
