/* A small cache of API answers that aggregate the whole store (/api/graph,
 * /api/actors): a time slider asks for the same few dates again and again.
 * An answer is valid while the store's files (database and write-ahead log)
 * keep their size and modification time, or for a PostgreSQL store while its
 * generation (pact_store_generation) stays the same, so an ingest running
 * beside the server is seen at the next request. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "server/internal.h"

void pact__cache_init(pact__cache *c) {
    memset(c, 0, sizeof *c);
    pthread_mutex_init(&c->mu, NULL);
}

void pact__cache_free(pact__cache *c) {
    for (size_t i = 0; i < PACT__CACHE_SLOTS; i++) free(c->slot[i].body);
    pthread_mutex_destroy(&c->mu);
}

void pact__cache_stamp(const char *db, pact__stamp *s) {
    memset(s, 0, sizeof *s);
    struct stat sb;
    if (stat(db, &sb) == 0) {
        s->v[0] = (long long)sb.st_size;
        s->v[1] = (long long)sb.st_mtim.tv_sec * 1000000000LL + sb.st_mtim.tv_nsec;
    }
    char wal[4200];
    snprintf(wal, sizeof wal, "%s-wal", db);
    if (stat(wal, &sb) == 0) {
        s->v[2] = (long long)sb.st_size;
        s->v[3] = (long long)sb.st_mtim.tv_sec * 1000000000LL + sb.st_mtim.tv_nsec;
    }
}

bool pact__cache_get(pact__cache *c, const char *key, const pact__stamp *st, pact_buf *out) {
    bool hit = false;
    pthread_mutex_lock(&c->mu);
    for (size_t i = 0; i < PACT__CACHE_SLOTS && !hit; i++) {
        pact__cache_slot *s = &c->slot[i];
        if (s->body && strcmp(s->key, key) == 0 && memcmp(&s->stamp, st, sizeof *st) == 0) {
            hit = pact_buf_append(out, s->body, s->len) == PACT_OK;
            s->used = ++c->clock;
        }
    }
    pthread_mutex_unlock(&c->mu);
    return hit;
}

void pact__cache_put(pact__cache *c, const char *key, const pact__stamp *st, const char *body, size_t len) {
    if (strlen(key) >= sizeof c->slot[0].key || len > PACT__CACHE_MAX_ANSWER) return;
    char *copy = pact__xmalloc(len + 1);
    memcpy(copy, body, len);
    copy[len] = '\0';
    pthread_mutex_lock(&c->mu);
    pact__cache_slot *victim = &c->slot[0];
    for (size_t i = 0; i < PACT__CACHE_SLOTS; i++) {
        pact__cache_slot *s = &c->slot[i];
        if (s->body && strcmp(s->key, key) == 0) {
            victim = s;
            break;
        }
        if (!s->body || s->used < victim->used) victim = s;
    }
    free(victim->body);
    snprintf(victim->key, sizeof victim->key, "%s", key);
    victim->stamp = *st;
    victim->body = copy;
    victim->len = len;
    victim->used = ++c->clock;
    pthread_mutex_unlock(&c->mu);
}
