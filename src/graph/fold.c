/* Folding for search: "Thỏa thuận", "thoả thuận" and "thoa thuan" all become
 * "thoa thuan". SQLite's remove_diacritics leaves đ alone (it is a letter of
 * its own, not d with a mark), so the store indexes a folded copy instead. */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "graph/internal.h"

char *pact_fold(const char *s, size_t len) {
    utf8proc_uint8_t *out = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &out,
                                      UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD |
                                          UTF8PROC_COMPOSE | UTF8PROC_STABLE);
    if (n < 0) {
        /* Not valid UTF-8: keep the ASCII letters, blank the rest. */
        char *r = pact__xmalloc(len + 1);
        for (size_t i = 0; i < len; i++) {
            unsigned char c = (unsigned char)s[i];
            r[i] = c < 0x80 ? (char)((c >= 'A' && c <= 'Z') ? c + 32 : c) : ' ';
        }
        r[len] = '\0';
        return r;
    }
    /* đ (U+0111, C4 91) -> d; Đ was case-folded to đ already. */
    char *r = pact__xmalloc((size_t)n + 1);
    size_t j = 0;
    for (utf8proc_ssize_t i = 0; i < n; i++) {
        if (out[i] == 0xC4 && i + 1 < n && out[i + 1] == 0x91) {
            r[j++] = 'd';
            i++;
        } else {
            r[j++] = (char)out[i];
        }
    }
    r[j] = '\0';
    free(out);
    return r;
}
