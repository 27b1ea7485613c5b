/* Tiny test helpers: CHECK(cond) and CHECK_STR(a, b) report the line and keep
 * going; check_done() returns the exit status. */
#ifndef PACT_TEST_CHECK_H
#define PACT_TEST_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_failures = 0;
static int check_count = 0;

#define CHECK(cond)                                                               \
    do {                                                                          \
        check_count++;                                                            \
        if (!(cond)) {                                                            \
            check_failures++;                                                     \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                         \
    } while (0)

#define CHECK_STR(a, b)                                                           \
    do {                                                                          \
        const char *check_a_ = (a), *check_b_ = (b);                              \
        check_count++;                                                            \
        if (!check_a_ || !check_b_ || strcmp(check_a_, check_b_) != 0) {          \
            check_failures++;                                                     \
            fprintf(stderr, "%s:%d: expected \"%s\", got \"%s\"\n", __FILE__, __LINE__, \
                    check_b_ ? check_b_ : "(null)", check_a_ ? check_a_ : "(null)");  \
        }                                                                         \
    } while (0)

static inline int check_done(void) {
    fprintf(stderr, "%d checks, %d failed\n", check_count, check_failures);
    return check_failures ? 1 : 0;
}

#endif
