/* Interim: pactgraph text lands with the text layer. */
#include <stdio.h>

#include "cli/cli.h"

int pact_cmd_text(int argc, char **argv) {
    (void)argc;
    (void)argv;
    fprintf(stderr, "pactgraph text: not built yet\n");
    return 1;
}
