/* A per-document arena: bump allocation in chunks, freed all at once. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

#define ARENA_CHUNK ((size_t)64 << 10)

typedef struct chunk {
    struct chunk *next;
    size_t size, used;
    _Alignas(16) unsigned char data[];
} chunk;

struct pact_arena {
    chunk *head;  /* current chunk; older ones follow */
    size_t total;
};

pact_arena *pact_arena_new(void) { return pact__xcalloc(1, sizeof(pact_arena)); }

void *pact_arena_alloc(pact_arena *a, size_t n) {
    /* rounding up must not wrap around to a tiny block */
    if (n > SIZE_MAX / 2) {
        fprintf(stderr, "pactgraph: out of memory (asked the arena for %zu bytes)\n", n);
        abort();
    }
    n = (n + 15) & ~(size_t)15;
    if (!a->head || a->head->size - a->head->used < n) {
        size_t size = n > ARENA_CHUNK ? n : ARENA_CHUNK;
        chunk *c = pact__xmalloc(sizeof(chunk) + size);
        c->size = size;
        c->used = 0;
        c->next = a->head;
        a->head = c;
    }
    void *p = a->head->data + a->head->used;
    a->head->used += n;
    a->total += n;
    memset(p, 0, n);
    return p;
}

char *pact_arena_strndup(pact_arena *a, const char *s, size_t n) {
    char *p = pact_arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *pact_arena_strdup(pact_arena *a, const char *s) {
    return pact_arena_strndup(a, s, strlen(s));
}

void pact_arena_reset(pact_arena *a) {
    if (!a->head) return;
    /* keep the oldest standard-size chunk, free the rest */
    chunk *keep = NULL;
    for (chunk *c = a->head, *next; c; c = next) {
        next = c->next;
        if (!next && c->size == ARENA_CHUNK) keep = c;
        else free(c);
    }
    if (keep) {
        keep->used = 0;
        keep->next = NULL;
    }
    a->head = keep;
    a->total = 0;
}

void pact_arena_free(pact_arena *a) {
    if (!a) return;
    for (chunk *c = a->head, *next; c; c = next) {
        next = c->next;
        free(c);
    }
    free(a);
}

size_t pact_arena_used(const pact_arena *a) { return a->total; }
