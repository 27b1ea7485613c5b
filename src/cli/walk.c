/* The files of a directory tree in name order, for the commands that take
 * directories (extract, ingest): reproducible output whatever readdir gives. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "util/util.h"

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

void pact_cli_walk(const char *dir, void (*file)(void *user, const char *path),
                   void (*error)(void *user, const char *path, const char *why), void *user) {
    DIR *dh = opendir(dir);
    if (!dh) {
        error(user, dir, strerror(errno));
        return;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(dh))) {
        if (e->d_name[0] == '.') continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            names = pact__xrealloc(names, cap * sizeof *names);
        }
        names[n++] = pact__xstrdup(e->d_name);
    }
    closedir(dh);
    if (n) qsort(names, n, sizeof *names, cmp_str);
    size_t dl = strlen(dir);
    for (size_t i = 0; i < n; i++) {
        size_t need = dl + strlen(names[i]) + 2;
        char *p = pact__xmalloc(need);
        snprintf(p, need, "%s%s%s", dir, dl && dir[dl - 1] == '/' ? "" : "/", names[i]);
        struct stat st;
        if (stat(p, &st) == 0 && S_ISDIR(st.st_mode)) pact_cli_walk(p, file, error, user);
        else file(user, p);
        free(p);
        free(names[i]);
    }
    free(names);
}
