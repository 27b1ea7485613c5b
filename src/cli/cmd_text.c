/* pactgraph text: shows what the text layer makes of a file, sentence by
 * sentence, with the byte span each sentence came from. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "text/text.h"

static void help(FILE *out) {
    fprintf(out,
            "usage: pactgraph text [--tokens] FILE...\n"
            "\n"
            "Prints the normalised sentences of each FILE ('-' reads stdin), one per\n"
            "line, each after the [start,end) byte span of the original file it came\n"
            "from. Each line of the file is a paragraph; a blank line follows each\n"
            "paragraph's sentences. Normalisation: NFC, one tone-mark placement\n"
            "(hòa, thỏa, thụy, khỏe), every white space one space, zero-width\n"
            "characters removed, dashes as '-', censor-dodging dots repaired\n"
            "('đ.e dọ.a' -> 'đe dọa').\n"
            "\n"
            "Options:\n"
            "  --tokens    also list each sentence's tokens, indented, as KIND:TEXT with\n"
            "              KIND w word, n number, d date, p punctuation; '^' marks a\n"
            "              capitalised word, '^^' one all in upper case\n"
            "  -h, --help  show this help\n"
            "\n"
            "Example: a file of a headline, a blank line and a paragraph\n"
            "  $ pactgraph text page.txt\n"
            "  [0,58) Mỹ - Nhật - Hàn thỏa thuận hợp tác ba bên\n"
            "\n"
            "  [60,169) “Đây là bước ngoặt. Chúng tôi sẽ đi tiếp”, ông nói tại Washington D.C. hôm 31.5.2024.\n"
            "  [170,198) Nga đe dọa đáp trả.\n"
            "\n"
            "  The headline was written 'Mỹ – Nhật – Hàn thoả thuận' (en dashes, the newer\n"
            "  tone placement) and the last sentence 'Nga đ.e dọ.a đáp trả.'; the spans\n"
            "  are bytes of the file as written. See one: tail -c +171 page.txt | head -c 28\n"
            "\n"
            "Exit status: 0 success, 1 some file could not be read, 2 usage error.\n");
}

static const char *kind_name(pact_tok_kind k) {
    switch (k) {
    case PACT_TOK_WORD: return "w";
    case PACT_TOK_NUMBER: return "n";
    case PACT_TOK_DATE: return "d";
    default: return "p";
    }
}

static void print_paragraph(const char *line, size_t len, size_t base, bool tokens, pact_diag *d) {
    pact_norm n;
    if (pact_text_normalize(line, len, base, &n, d) != PACT_OK) {
        pact_warn(d, base, "paragraph too large to normalise");
        return;
    }
    if (n.len) {
        pact_range *r;
        size_t ns = pact_sentences_split(n.text, n.len, &r);
        for (size_t s = 0; s < ns; s++) {
            printf("[%zu,%zu) %.*s\n", pact_omap_start(&n.map, r[s].start), pact_omap_end(&n.map, r[s].end),
                   (int)(r[s].end - r[s].start), n.text + r[s].start);
            if (!tokens) continue;
            pact_token *t;
            size_t nt = pact_tokenize(n.text, r[s].start, r[s].end, &t);
            fputs("   ", stdout);
            for (size_t k = 0; k < nt; k++)
                printf(" %s:%.*s%s", kind_name(t[k].kind), (int)(t[k].end - t[k].start), n.text + t[k].start,
                       t[k].flags & PACT_TOK_UPPER ? "^^" : t[k].flags & PACT_TOK_CAP ? "^" : "");
            putchar('\n');
            free(t);
        }
        free(r);
        if (ns) putchar('\n');
    }
    pact_norm_free(&n);
}

static int show_file(const char *path, bool tokens, bool header) {
    char *data;
    size_t len;
    int rc = pact_file_read(path, PACT_MAX_DOC_BYTES, &data, &len);
    if (rc) {
        fprintf(stderr, "pactgraph text: %s: %s\n", path, pact_strerror(rc));
        return 1;
    }
    if (memchr(data, '\0', len)) {
        fprintf(stderr, "pactgraph text: %s: %s (it has NUL bytes)\n", path, pact_strerror(PACT_EBINARY));
        free(data);
        return 1;
    }
    pact_diag d;
    pact_diag_init(&d, path);
    if (header) printf("# %s\n", path);
    for (size_t i = 0; i < len;) {
        const char *nl = memchr(data + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - data) : len;
        print_paragraph(data + i, end - i, i, tokens, &d);
        i = end + 1;
    }
    free(data);
    return 0;
}

int pact_cmd_text(int argc, char **argv) {
    bool tokens = false, options = true;
    int nfiles = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (options && strcmp(a, "--") == 0) options = false;
        else if (options && pact_cli_is_help(a)) {
            help(stdout);
            return PACT_EXIT_OK;
        } else if (options && strcmp(a, "--tokens") == 0) tokens = true;
        else if (options && a[0] == '-' && a[1]) return pact_cli_usage_error("text", "unknown option '%s'", a);
        else nfiles++;
    }
    if (!nfiles) return pact_cli_usage_error("text", "no FILE given");
    int failed = 0;
    options = true;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (options && strcmp(a, "--") == 0) options = false;
        else if (!options || a[0] != '-' || !a[1]) failed |= show_file(a, tokens, nfiles > 1);
    }
    return failed ? PACT_EXIT_SOME_FAILED : PACT_EXIT_OK;
}
