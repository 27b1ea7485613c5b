/* Character classes of the text layer: which code points are letters, white
 * space, zero-width, dashes. ASCII and the Vietnamese letters are answered from
 * tables; the rest from utf8proc's category. */
#include <utf8proc.h>

#include "text/internal.h"

pact__chclass pact__char_class(int32_t cp) {
    if (cp < 0x80) {
        if ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') return PACT__CH_LETTER;
        if (cp <= 0x20 || cp == 0x7F) return PACT__CH_SPACE;
        return PACT__CH_OTHER;
    }
    if ((cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) || (cp >= 0x1EA0 && cp <= 0x1EF9))
        return PACT__CH_LETTER;
    switch (cp) {
    case 0x00A0: case 0x1680: case 0x202F: case 0x205F: case 0x3000:
    case 0x2028: case 0x2029: case 0x0085:
        return PACT__CH_SPACE;
    case 0x00AD: case 0x180E: case 0x200B: case 0x200C: case 0x200D:
    case 0x200E: case 0x200F: case 0x2060: case 0xFEFF:
        return PACT__CH_IGNORABLE;
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
    case 0x2212: case 0xFE58: case 0xFE63: case 0xFF0D:
        return PACT__CH_DASH;
    default:
        break;
    }
    if (cp >= 0x2000 && cp <= 0x200A) return PACT__CH_SPACE;
    if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)) return PACT__CH_IGNORABLE;
    if (cp >= 0x80 && cp < 0xA0) return PACT__CH_SPACE;  /* C1 controls */
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
        return PACT__CH_LETTER;
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
        return PACT__CH_MARK;
    case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_ZL: case UTF8PROC_CATEGORY_ZP:
    case UTF8PROC_CATEGORY_CC:
        return PACT__CH_SPACE;
    case UTF8PROC_CATEGORY_CF:
        return PACT__CH_IGNORABLE;
    default:
        return PACT__CH_OTHER;
    }
}

bool pact__is_upper(int32_t cp) {
    if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

bool pact__word_starts(const char *in, size_t len, size_t i) {
    if (i >= len) return false;
    unsigned char c = (unsigned char)in[i];
    if (c < 0x80) return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
    size_t adv;
    int32_t cp = pact__utf8_next(in + i, len - i, &adv);
    if (cp < 0) return false;
    pact__chclass k = pact__char_class(cp);
    return k == PACT__CH_LETTER || k == PACT__CH_MARK;
}

size_t pact__word_end(const char *in, size_t len, size_t i) {
    while (i < len) {
        unsigned char c = (unsigned char)in[i];
        if (c < 0x80) {
            if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') { i++; continue; }
            return i;
        }
        size_t adv;
        int32_t cp = pact__utf8_next(in + i, len - i, &adv);
        if (cp < 0) return i;
        pact__chclass k = pact__char_class(cp);
        if (k != PACT__CH_LETTER && k != PACT__CH_MARK && k != PACT__CH_IGNORABLE) return i;
        i += adv;
    }
    return i;
}

size_t pact__skip_ignorable(const char *in, size_t len, size_t i) {
    while (i < len && (unsigned char)in[i] >= 0x80) {
        size_t adv;
        int32_t cp = pact__utf8_next(in + i, len - i, &adv);
        if (cp < 0 || pact__char_class(cp) != PACT__CH_IGNORABLE) break;
        i += adv;
    }
    return i;
}
