/*
 * pactgraph: Vietnamese security news in, a time-aware alliance graph out.
 *
 * The one public header. Everything under src/ is internal; front ends (the
 * command line, the server) and other programs use what is declared here.
 */
#ifndef PACTGRAPH_H
#define PACTGRAPH_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PACT_WUR __attribute__((warn_unused_result))

/** Status codes: 0 is success, every failure is a negative named code. */
typedef enum {
    PACT_OK = 0,
    PACT_ENOMEM = -1,    /**< out of memory */
    PACT_EIO = -2,       /**< a file could not be read or written */
    PACT_EINVAL = -3,    /**< an argument or option is not valid */
    PACT_ETOOBIG = -4,   /**< input over a named size limit */
    PACT_EBINARY = -5,   /**< input is binary (NUL bytes), not text */
    PACT_EPARSE = -6,    /**< input could not be parsed */
    PACT_EDB = -7,       /**< the store reported an error */
    PACT_ENOTFOUND = -8, /**< no such file, actor or record */
    PACT_EEMPTY = -9,    /**< input is empty */
    PACT_EENCODING = -10,/**< input is in an encoding that cannot be read */
    PACT_EDEPTH = -11,   /**< input nested deeper than the named limit */
} pact_status;

/** Says a status code in words ("input is binary, not text"). Never NULL. */
const char *pact_strerror(int status);

/** The library's version, "MAJOR.MINOR.PATCH". */
const char *pact_version(void);

#ifdef __cplusplus
}
#endif
#endif
