/* Status codes in words. */
#include "util/util.h"

const char *pact_strerror(int status) {
    switch ((pact_status)status) {
    case PACT_OK: return "success";
    case PACT_ENOMEM: return "out of memory";
    case PACT_EIO: return "cannot read or write the file";
    case PACT_EINVAL: return "invalid argument";
    case PACT_ETOOBIG: return "input is larger than the limit";
    case PACT_EBINARY: return "input is binary, not text";
    case PACT_EPARSE: return "input cannot be parsed";
    case PACT_EDB: return "the store reported an error";
    case PACT_ENOTFOUND: return "not found";
    case PACT_EEMPTY: return "input is empty";
    case PACT_EENCODING: return "input is in an encoding that cannot be read";
    case PACT_EDEPTH: return "input is nested too deeply";
    }
    return "unknown error";
}

const char *pact_version(void) { return PACT_VERSION; }
