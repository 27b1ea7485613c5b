/* pact_page_read on arbitrary bytes after an HTML prologue, so that every
 * input goes to the HTML reader (libxml2's parser, then pactgraph's content
 * finder, entity decoding and offset maps). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_page.h"

static const char prologue[] = "<!DOCTYPE html>\n<html>";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    size_t p = sizeof prologue - 1;
    char *buf = malloc(p + size + 1);
    memcpy(buf, prologue, p);
    if (size) memcpy(buf + p, data, size);
    buf[p + size] = '\0';
    fuzz_read_page(buf, p + size);
    free(buf);
    return 0;
}
