/* pact_page_read on arbitrary bytes, as a scraper's flattened text (an input
 * that happens to look like HTML goes to the HTML reader, as it would in use). */
#include <stdint.h>

#include "fuzz_page.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    fuzz_read_page((const char *)data, size);
    return 0;
}
