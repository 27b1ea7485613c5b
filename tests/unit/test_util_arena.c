/* pact_arena: alignment, zeroing, chunks, large blocks, reset and reuse. */
#include <stdint.h>
#include <string.h>

#include "check.h"
#include "util/util.h"

int main(void) {
    pact_arena *a = pact_arena_new();
    CHECK(pact_arena_used(a) == 0);
    unsigned char *prev = NULL;
    size_t prev_n = 0;
    for (size_t n = 0; n < 3000; n++) {
        unsigned char *p = pact_arena_alloc(a, n % 97);
        CHECK(((uintptr_t)p & 15) == 0);
        bool zero = true;
        for (size_t k = 0; k < n % 97; k++) zero &= p[k] == 0;
        CHECK(zero);
        memset(p, 0xAB, n % 97);
        CHECK(p != prev || prev_n == 0);  /* blocks never overlap */
        prev = p;
        prev_n = n % 97;
    }
    size_t used = pact_arena_used(a);
    CHECK(used > 0 && used % 16 == 0);

    /* a block larger than a chunk */
    size_t huge = (size_t)1 << 20;
    unsigned char *h = pact_arena_alloc(a, huge);
    CHECK(h && ((uintptr_t)h & 15) == 0 && h[0] == 0 && h[huge - 1] == 0);
    memset(h, 1, huge);
    CHECK(pact_arena_used(a) == used + huge);

    char *s = pact_arena_strdup(a, "Thỏa thuận");
    CHECK_STR(s, "Thỏa thuận");
    char *t = pact_arena_strndup(a, "AUKUS và Nhật", 5);
    CHECK_STR(t, "AUKUS");

    /* reset: used drops to zero, memory is reused and zeroed again */
    pact_arena_reset(a);
    CHECK(pact_arena_used(a) == 0);
    for (int i = 0; i < 100; i++) {
        unsigned char *p = pact_arena_alloc(a, 1000);
        CHECK(p[0] == 0 && p[999] == 0);
        memset(p, 0xCD, 1000);
    }
    pact_arena_reset(a);
    pact_arena_reset(a);
    CHECK(pact_arena_alloc(a, 16) != NULL);
    pact_arena_free(a);
    pact_arena_free(NULL);

    /* reset of an arena that only ever held one huge block */
    a = pact_arena_new();
    pact_arena_reset(a);
    CHECK(pact_arena_alloc(a, huge) != NULL);
    pact_arena_reset(a);
    CHECK(pact_arena_used(a) == 0);
    CHECK(pact_arena_alloc(a, 8) != NULL);
    pact_arena_free(a);
    return check_done();
}
