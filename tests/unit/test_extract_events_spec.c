/* Runs tests/spec/events.txt through the extraction pipeline (recogniser and
 * coder, data/ lexicon and dictionary). A case is one or more lines of text
 * (each a paragraph) followed by its expectations:
 *
 *   => SRC TGT CODE [DATE|-] [MODALITY]    an event (CODE may be a root: "05")
 *   => SRC <> TGT CODE ...                 a symmetric event, either direction
 *   => none                                no event at all
 *   => member ORG ACTOR ROLE               a membership (then all are checked)
 *   => member none                         no membership
 *
 * Every event the coder finds must be expected, and every expected one found.
 * "@date YYYY-MM-DD" sets the page's date for the cases below ("@date none").
 * "!xfail" before a case marks a known failure: it is run and reported, and
 * does not fail the test. The pass rate counts every case. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "check.h"
#include "extract/extract.h"
#include "page/page.h"

#define MAX_EXP 32

typedef struct {
    bool member, sym;
    char a[32], b[32], code[8], date[16], mod[16], role[16];
    bool have_date, have_mod, used;
} expect;

typedef struct {
    size_t line;
    char text[1 << 17];
    size_t len;
    int npara;
    expect ex[MAX_EXP];
    size_t nex;
    bool none, member_none, any_member, xfail;
    char date[11];
} spec_case;

static size_t passed, failed, xfailed, xpassed;

static bool is_date(const char *s) {
    return !strcmp(s, "-") || (s[0] >= '0' && s[0] <= '9' && strlen(s) >= 4) || !strncmp(s, "--", 2);
}

static void parse_expect(spec_case *c, char *line) {
    char *tok[8];
    size_t n = 0;
    for (char *save = NULL, *t = strtok_r(line, " \t", &save); t && n < 8; t = strtok_r(NULL, " \t", &save))
        tok[n++] = t;
    if (!n) return;
    if (!strcmp(tok[0], "none")) {
        c->none = true;
        return;
    }
    if (c->nex == MAX_EXP) return;
    expect *e = &c->ex[c->nex];
    memset(e, 0, sizeof *e);
    if (!strcmp(tok[0], "member")) {
        if (n == 2 && !strcmp(tok[1], "none")) {
            c->member_none = true;
            return;
        }
        if (n < 4) return;
        e->member = true;
        snprintf(e->a, sizeof e->a, "%s", tok[1]);
        snprintf(e->b, sizeof e->b, "%s", tok[2]);
        snprintf(e->role, sizeof e->role, "%s", tok[3]);
        c->any_member = true;
        c->nex++;
        return;
    }
    size_t i = 0;
    snprintf(e->a, sizeof e->a, "%s", tok[i++]);
    if (i < n && !strcmp(tok[i], "<>")) {
        e->sym = true;
        i++;
    }
    if (i + 1 >= n + 0 && i >= n) return;
    snprintf(e->b, sizeof e->b, "%s", i < n ? tok[i++] : "");
    snprintf(e->code, sizeof e->code, "%s", i < n ? tok[i++] : "");
    if (i < n && is_date(tok[i])) {
        e->have_date = true;
        snprintf(e->date, sizeof e->date, "%s", tok[i++]);
    }
    if (i < n) {
        e->have_mod = true;
        snprintf(e->mod, sizeof e->mod, "%s", tok[i++]);
    }
    c->nex++;
}

static bool event_fits(const expect *e, const pact_event *v) {
    if (e->member) return false;
    bool fwd = !strcmp(v->source, e->a) && !strcmp(v->target, e->b);
    bool rev = e->sym && !strcmp(v->source, e->b) && !strcmp(v->target, e->a);
    if (!fwd && !rev) return false;
    if (strncmp(v->code, e->code, strlen(e->code)) != 0) return false;
    if (e->have_date && strcmp(e->date, v->date[0] ? v->date : "-") != 0) return false;
    if (e->have_mod && strcmp(e->mod, pact_modality_name(v->modality)) != 0) return false;
    return true;
}

static void describe(const pact_record *r, pact_buf *out) {
    for (size_t k = 0; k < r->nevents; k++) {
        const pact_event *v = &r->events[k];
        if (pact_buf_printf(out, "\n  got:      %s %s %s %s %s", v->source, v->target, v->code,
                            v->date[0] ? v->date : "-", pact_modality_name(v->modality)))
            return;
    }
    for (size_t k = 0; k < r->nmemberships; k++) {
        const pact_membership *m = &r->memberships[k];
        if (pact_buf_printf(out, "\n  got:      member %s %s %s", m->org, m->member, pact_role_name(m->role))) return;
    }
}

static void run_case(const pact_extractor *ex, spec_case *c) {
    pact_arena *ar = pact_arena_new();
    pact_page page;
    memset(&page, 0, sizeof page);
    page.doc = "events.txt";
    page.data = c->text;
    page.len = c->len;
    pact_block *blocks = pact_arena_alloc(ar, (size_t)(c->npara ? c->npara : 1) * sizeof *blocks);
    const pact_block **body = pact_arena_alloc(ar, (size_t)(c->npara ? c->npara : 1) * sizeof *body);
    size_t start = 0, nb = 0;
    for (size_t i = 0; i <= c->len; i++) {
        if (i < c->len && c->text[i] != '\n') continue;
        if (i > start) {
            pact_block *b = &blocks[nb];
            b->kind = PACT_BLOCK_BODY;
            b->text = c->text + start;
            b->len = i - start;
            b->start = start;
            b->end = i;
            pact_omap_init(&b->map);
            pact_omap_push(&b->map, 0, b->len, start, b->len);
            body[nb] = b;
            nb++;
        }
        start = i + 1;
    }
    pact_article art;
    memset(&art, 0, sizeof art);
    snprintf(art.published, sizeof art.published, "%s", c->date);
    art.body = body;
    art.nbody = nb;
    page.articles = &art;
    page.narticles = 1;
    pact_diag d;
    pact_diag_init(&d, "events.txt");
    d.quiet = true;
    pact_record *recs = NULL;
    size_t nr = pact_extract_page(ex, &page, ar, &recs, &d);

    pact_buf why;
    pact_buf_init(&why, 0);
    bool ok = nr == 1;
    const pact_record *r = nr ? &recs[0] : NULL;
    for (size_t k = 0; r && k < r->nevents; k++) {
        bool fit = false;
        for (size_t e = 0; e < c->nex; e++)
            if (event_fits(&c->ex[e], &r->events[k])) {
                c->ex[e].used = true;
                fit = true;
            }
        if (!fit) {
            ok = false;
            if (pact_buf_printf(&why, "\n  unexpected: %s %s %s", r->events[k].source, r->events[k].target,
                                r->events[k].code)) {}
        }
    }
    for (size_t e = 0; e < c->nex; e++) {
        const expect *x = &c->ex[e];
        if (x->member) {
            bool found = false;
            for (size_t k = 0; r && k < r->nmemberships; k++) {
                const pact_membership *m = &r->memberships[k];
                if (!strcmp(m->org, x->a) && !strcmp(m->member, x->b) && !strcmp(pact_role_name(m->role), x->role))
                    found = true;
            }
            if (!found) {
                ok = false;
                if (pact_buf_printf(&why, "\n  missing:  member %s %s %s", x->a, x->b, x->role)) {}
            }
        } else if (!x->used) {
            ok = false;
            if (pact_buf_printf(&why, "\n  missing:  %s%s %s %s%s%s%s%s", x->a, x->sym ? " <>" : "", x->b, x->code,
                                x->have_date ? " " : "", x->have_date ? x->date : "", x->have_mod ? " " : "",
                                x->have_mod ? x->mod : "")) {}
        }
    }
    if ((c->any_member || c->member_none) && r)
        for (size_t k = 0; k < r->nmemberships; k++) {
            const pact_membership *m = &r->memberships[k];
            bool fit = false;
            for (size_t e = 0; e < c->nex; e++)
                if (c->ex[e].member && !strcmp(m->org, c->ex[e].a) && !strcmp(m->member, c->ex[e].b) &&
                    !strcmp(pact_role_name(m->role), c->ex[e].role))
                    fit = true;
            if (!fit) {
                ok = false;
                if (pact_buf_printf(&why, "\n  unexpected: member %s %s %s", m->org, m->member,
                                    pact_role_name(m->role))) {}
            }
        }
    if (ok && c->xfail) {
        xpassed++;
        fprintf(stderr, "events.txt:%zu: passes now (remove !xfail): %.*s\n", c->line, (int)c->len, c->text);
    } else if (ok) {
        passed++;
    } else {
        if (r) describe(r, &why);
        if (c->xfail) xfailed++;
        else failed++;
        fprintf(stderr, "events.txt:%zu:%s %.*s%s\n", c->line, c->xfail ? " (known failure)" : "", (int)c->len,
                c->text, why.ptr ? why.ptr : "");
    }
    check_count++;
    if (!ok && !c->xfail) check_failures++;
    pact_buf_free(&why);
    for (size_t k = 0; k < nb; k++) pact_omap_free(&blocks[k].map);
    pact_arena_free(ar);
}

int main(void) {
    const char *src = getenv("PACT_SOURCE_DIR");
    if (!src) src = ".";
    char spec[4096], data[4096], probe[4200];
    snprintf(spec, sizeof spec, "%s/tests/spec/events.txt", src);
    /* PACT_EVENTS_SPEC=FILE runs other cases (a linguist's scratch file) */
    if (getenv("PACT_EVENTS_SPEC")) snprintf(spec, sizeof spec, "%s", getenv("PACT_EVENTS_SPEC"));
    snprintf(data, sizeof data, "%s/data", src);
    struct stat st;
    snprintf(probe, sizeof probe, "%s/events.tsv", data);
    if (stat(probe, &st) != 0) {
        fprintf(stderr, "no %s: skipped\n", probe);
        return 77;
    }
    pact_diag d;
    pact_diag_init(&d, "data");
    d.quiet = true;
    pact_extractor *ex = NULL;
    if (pact_extractor_new(data, &ex, &d) != PACT_OK) {
        fprintf(stderr, "cannot load %s\n", data);
        return 1;
    }
    FILE *f = fopen(spec, "r");
    if (!f) {
        fprintf(stderr, "cannot read %s\n", spec);
        pact_extractor_free(ex);
        return 1;
    }
    char *line = NULL;
    size_t cap = 0, ln = 0;
    spec_case *c = calloc(1, sizeof *c);
    char date[11] = "";
    bool xfail = false, in_expect = false;
    for (;;) {
        ssize_t got = getline(&line, &cap, f);
        if (got >= 0) {
            ln++;
            while (got > 0 && (line[got - 1] == '\n' || line[got - 1] == '\r')) line[--got] = 0;
        }
        bool blank = got <= 0 || line[0] == '#' || line[0] == '@' || !strcmp(line, "!xfail");
        bool is_expect = got > 0 && !strncmp(line, "=>", 2);
        /* a case ends at a blank line, or at text after its expectations */
        if ((blank || (in_expect && !is_expect)) && c->len) {
            if (c->nex || c->none || c->member_none) run_case(ex, c);
            memset(c, 0, sizeof *c);
            in_expect = false;
            xfail = false;
        }
        if (got < 0) break;
        if (!strncmp(line, "@date ", 6)) {
            if (!strcmp(line + 6, "none")) date[0] = 0;
            else snprintf(date, sizeof date, "%s", line + 6);
            continue;
        }
        if (!strcmp(line, "!xfail")) {
            xfail = true;
            continue;
        }
        if (blank || !got) continue;
        if (is_expect) {
            in_expect = true;
            parse_expect(c, line + 2);
            continue;
        }
        if (!c->len) {
            c->line = ln;
            snprintf(c->date, sizeof c->date, "%s", date);
            c->xfail = xfail;
        }
        size_t n = strlen(line);
        if (c->len + n + 2 < sizeof c->text) {
            if (c->len) c->text[c->len++] = '\n';
            memcpy(c->text + c->len, line, n);
            c->len += n;
            c->npara++;
        }
    }
    free(c);
    free(line);
    fclose(f);
    pact_extractor_free(ex);
    size_t total = passed + failed + xfailed + xpassed;
    fprintf(stderr, "events spec: %zu cases, %zu pass (%.1f%%), %zu fail, %zu known failures\n", total,
            passed + xpassed, total ? 100.0 * (double)(passed + xpassed) / (double)total : 0.0, failed, xfailed);
    return check_done();
}
