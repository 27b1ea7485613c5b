/* Exports for the tools event-data users already have: a CAMEO event table
 * (TSV), GraphML for Gephi, DOT for Graphviz, and the records as JSON Lines. */
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "graph/internal.h"

int pact_export_format_parse(const char *s) {
    static const char *const names[] = {"events-tsv", "graphml", "dot", "jsonl"};
    for (int i = 0; s && i < 4; i++)
        if (strcmp(s, names[i]) == 0) return i;
    return -1;
}

static const char *txt(pact__stmt *s, int i) { return pact__col_text(s, i); }

/* A TSV field: tabs and line breaks would break the table. */
static void tsv(FILE *out, const char *s) {
    for (; s && *s; s++) fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, out);
}

static int export_tsv(pact_store *st, FILE *out) {
    pact__stmt *s = pact__db_prepare(
        st, "SELECT v.date, v.source, v.target, v.code, v.family, v.goldstein, v.quad,"
            " (SELECT count(*) FROM evidence x WHERE x.event_id = v.id), d.path, e.start, e.\"end\", e.modality"
            " FROM events v JOIN evidence e ON e.id = (SELECT min(x.id) FROM evidence x WHERE x.event_id = v.id)"
            " JOIN documents d ON d.id = e.doc_id ORDER BY v.date IS NULL, v.date, v.id");
    if (!s) return PACT_EDB;
    fputs("date\tsource\ttarget\tcode\troot_code\tgoldstein\tquad_class\tsources\tdoc\tstart\tend\tmodality\n", out);
    int rc;
    while ((rc = pact__step(s)) == PACT__ROW) {
        for (int i = 0; i < 5; i++) {
            tsv(out, txt(s, i));
            fputc('\t', out);
        }
        fprintf(out, "%.1f\t%d\t%d\t", pact__col_double(s, 5), pact__col_int(s, 6), pact__col_int(s, 7));
        tsv(out, txt(s, 8));
        fprintf(out, "\t%lld\t%lld\t", (long long)pact__col_int64(s, 9), (long long)pact__col_int64(s, 10));
        tsv(out, txt(s, 11));
        fputc('\n', out);
    }
    pact__finalize(s);
    return rc == PACT__DONE ? PACT_OK : PACT_EDB;
}

static void xml(FILE *out, const char *s) {
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        switch (c) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&apos;", out); break;
        default:
            /* XML 1.0 forbids the other control characters outright. */
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') fputc(' ', out);
            else fputc(c, out);
        }
    }
}

/* Nodes: every actor that takes part in an event or a membership. */
#define NODES_SQL                                                                                 \
    "SELECT n.id, a.kind, a.name FROM (SELECT source AS id FROM events UNION SELECT target FROM events" \
    " UNION SELECT org FROM memberships UNION SELECT member FROM memberships) n"                    \
    " LEFT JOIN actors a ON a.id = n.id ORDER BY n.id"
/* Event edges, one per ordered pair: how many events, how cooperative. */
#define EDGES_SQL                                                                                 \
    "SELECT source, target, count(*), avg(goldstein), sum(CASE WHEN quad IN (1, 2) THEN 1 ELSE 0 END)," \
    " sum(CASE WHEN quad IN (3, 4) THEN 1 ELSE 0 END)"                                             \
    " FROM events WHERE source <> target GROUP BY source, target ORDER BY source, target"
/* Membership edges; group_concat lists the origins as the unique index
 * orders them, string_agg is told to. */
#define MEMBERSHIP_SQL(st)                                                                        \
    pact__sql(st, "SELECT member, org, role, min(since), max(until), group_concat(DISTINCT origin),"   \
              MEMBERSHIP_REST,                                                                    \
              "SELECT member, org, role, min(since), max(until),"                                 \
              " string_agg(DISTINCT origin, ',' ORDER BY origin)," MEMBERSHIP_REST)
#define MEMBERSHIP_REST                                                                           \
    " (SELECT count(*) FROM evidence e WHERE e.membership_id IN (SELECT id FROM memberships m2"    \
    "  WHERE m2.org = m.org AND m2.member = m.member AND m2.role = m.role))"                       \
    " FROM memberships m GROUP BY org, member, role ORDER BY org, member, role"

static int export_graphml(pact_store *st, FILE *out) {
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
          "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
          "    xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns"
          " http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
          "  <key id=\"kind\" for=\"node\" attr.name=\"kind\" attr.type=\"string\"/>\n"
          "  <key id=\"name\" for=\"node\" attr.name=\"name\" attr.type=\"string\"/>\n"
          "  <key id=\"type\" for=\"edge\" attr.name=\"type\" attr.type=\"string\"/>\n"
          "  <key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n"
          "  <key id=\"goldstein\" for=\"edge\" attr.name=\"goldstein\" attr.type=\"double\"/>\n"
          "  <key id=\"cooperation\" for=\"edge\" attr.name=\"cooperation\" attr.type=\"int\"/>\n"
          "  <key id=\"conflict\" for=\"edge\" attr.name=\"conflict\" attr.type=\"int\"/>\n"
          "  <key id=\"role\" for=\"edge\" attr.name=\"role\" attr.type=\"string\"/>\n"
          "  <key id=\"since\" for=\"edge\" attr.name=\"since\" attr.type=\"string\"/>\n"
          "  <key id=\"until\" for=\"edge\" attr.name=\"until\" attr.type=\"string\"/>\n"
          "  <key id=\"origin\" for=\"edge\" attr.name=\"origin\" attr.type=\"string\"/>\n"
          "  <graph id=\"pactgraph\" edgedefault=\"directed\">\n",
          out);
    pact__stmt *s = pact__db_prepare(st, NODES_SQL);
    if (!s) return PACT_EDB;
    while (pact__step(s) == PACT__ROW) {
        fputs("    <node id=\"", out);
        xml(out, txt(s, 0));
        fputs("\"><data key=\"kind\">", out);
        xml(out, txt(s, 1) ? txt(s, 1) : "unknown");
        fputs("</data><data key=\"name\">", out);
        xml(out, txt(s, 2) ? txt(s, 2) : txt(s, 0));
        fputs("</data></node>\n", out);
    }
    pact__finalize(s);
    s = pact__db_prepare(st, EDGES_SQL);
    if (!s) return PACT_EDB;
    long n = 0;
    while (pact__step(s) == PACT__ROW) {
        fprintf(out, "    <edge id=\"e%ld\" source=\"", n++);
        xml(out, txt(s, 0));
        fputs("\" target=\"", out);
        xml(out, txt(s, 1));
        fprintf(out, "\"><data key=\"type\">event</data><data key=\"weight\">%d</data>"
                     "<data key=\"goldstein\">%.2f</data><data key=\"cooperation\">%d</data>"
                     "<data key=\"conflict\">%d</data></edge>\n",
                pact__col_int(s, 2), pact__tidy(pact__col_double(s, 3)), pact__col_int(s, 4),
                pact__col_int(s, 5));
    }
    pact__finalize(s);
    s = pact__db_prepare(st, MEMBERSHIP_SQL(st));
    if (!s) return PACT_EDB;
    while (pact__step(s) == PACT__ROW) {
        fprintf(out, "    <edge id=\"e%ld\" source=\"", n++);
        xml(out, txt(s, 0));
        fputs("\" target=\"", out);
        xml(out, txt(s, 1));
        fputs("\"><data key=\"type\">membership</data><data key=\"role\">", out);
        xml(out, txt(s, 2));
        fputs("</data>", out);
        if (txt(s, 3)) {
            fputs("<data key=\"since\">", out);
            xml(out, txt(s, 3));
            fputs("</data>", out);
        }
        if (txt(s, 4)) {
            fputs("<data key=\"until\">", out);
            xml(out, txt(s, 4));
            fputs("</data>", out);
        }
        fputs("<data key=\"origin\">", out);
        xml(out, txt(s, 5));
        fprintf(out, "</data><data key=\"weight\">%d</data></edge>\n", pact__col_int(s, 6) + 1);
    }
    pact__finalize(s);
    fputs("  </graph>\n</graphml>\n", out);
    return PACT_OK;
}

static void dot_id(FILE *out, const char *s) {
    fputc('"', out);
    for (; s && *s; s++) {
        if (*s == '"' || *s == '\\') fputc('\\', out);
        fputc(*s == '\n' ? ' ' : *s, out);
    }
    fputc('"', out);
}

/* The alliance map: organisations as boxes, memberships (current ones solid,
 * ended ones grey), and event ties green for cooperation, red for conflict. */
static int export_dot(pact_store *st, FILE *out) {
    fputs("digraph pactgraph {\n"
          "  graph [layout=neato, overlap=false, sep=\"+6\", fontname=\"Helvetica\"];\n"
          "  node [shape=ellipse, fontname=\"Helvetica\", fontsize=10, style=filled, fillcolor=\"#ffffff\"];\n"
          "  edge [fontname=\"Helvetica\", fontsize=8, arrowsize=0.5];\n",
          out);
    pact__stmt *s = pact__db_prepare(st, NODES_SQL);
    if (!s) return PACT_EDB;
    while (pact__step(s) == PACT__ROW) {
        fputs("  ", out);
        dot_id(out, txt(s, 0));
        bool org = txt(s, 1) && strcmp(txt(s, 1), "org") == 0;
        fprintf(out, " [%s, tooltip=", org ? "shape=box, fillcolor=\"#cfe2f3\", fontsize=12" : "fillcolor=\"#fff2cc\"");
        dot_id(out, txt(s, 2) ? txt(s, 2) : txt(s, 0));
        fputs("];\n", out);
    }
    pact__finalize(s);
    s = pact__db_prepare(st, MEMBERSHIP_SQL(st));
    if (!s) return PACT_EDB;
    while (pact__step(s) == PACT__ROW) {
        const char *role = txt(s, 2);
        const char *style = strcmp(role, "member") == 0      ? "solid"
                            : strcmp(role, "partner") == 0   ? "dashed"
                            : strcmp(role, "candidate") == 0 ? "dotted"
                                                             : "dashed";
        const char *color = strcmp(role, "not-member") == 0 ? "#cc0000" : txt(s, 4) ? "#bbbbbb" : "#3d85c6";
        fputs("  ", out);
        dot_id(out, txt(s, 0));
        fputs(" -> ", out);
        dot_id(out, txt(s, 1));
        fprintf(out, " [style=%s, color=\"%s\", arrowhead=none, tooltip=\"%s %s%s%s\"];\n", style, color, role,
                txt(s, 3) ? "since " : "", txt(s, 3) ? txt(s, 3) : "", txt(s, 4) ? " (ended)" : "");
    }
    pact__finalize(s);
    s = pact__db_prepare(st, EDGES_SQL);
    if (!s) return PACT_EDB;
    while (pact__step(s) == PACT__ROW) {
        int n = pact__col_int(s, 2);
        double g = pact__tidy(pact__col_double(s, 3));
        fputs("  ", out);
        dot_id(out, txt(s, 0));
        fputs(" -> ", out);
        dot_id(out, txt(s, 1));
        fprintf(out, " [color=\"%s\", penwidth=%.1f, tooltip=\"%d events, mean Goldstein %.1f\"];\n",
                g >= 0 ? "#38761d" : "#cc0000", 1.0 + log((double)n), n, g);
    }
    pact__finalize(s);
    fputs("}\n", out);
    return PACT_OK;
}

/* ---- JSON Lines: the records rebuilt from the store ---- */

static const char *adup(pact_arena *a, pact__stmt *s, int i) {
    const char *t = txt(s, i);
    return t ? pact_arena_strdup(a, t) : NULL;
}

static void date_into(char out[11], pact__stmt *s, int i) {
    const char *t = txt(s, i);
    snprintf(out, 11, "%s", t ? t : "");
}

static int export_jsonl(pact_store *st, FILE *out) {
    pact__stmt *arts = pact__db_prepare(
        st, "SELECT a.id, d.path, a.idx, d.source_url, a.title, a.title_start, a.title_end, a.published,"
            " a.body_spans, a.body_text, a.notes FROM articles a JOIN documents d ON d.id = a.doc_id"
            " ORDER BY a.doc_id, a.idx");
    pact__stmt *ents = pact__db_prepare(st, "SELECT actor_id, kind, name, country, text, start, \"end\" FROM entities"
                                              " WHERE article_id = ? ORDER BY id");
    pact__stmt *evs = pact__db_prepare(
        st, "SELECT v.source, v.target, e.code, e.date, e.modality, e.place, e.domains, e.start, e.\"end\""
            " FROM evidence e JOIN events v ON v.id = e.event_id WHERE e.article_id = ? ORDER BY e.id");
    pact__stmt *mss = pact__db_prepare(
        st, "SELECT m.org, m.member, e.role, e.date, e.start, e.\"end\" FROM evidence e"
            " JOIN memberships m ON m.id = e.membership_id WHERE e.article_id = ? ORDER BY e.id");
    pact__stmt *sents = pact__db_prepare(st, "SELECT start, \"end\", text FROM sentences WHERE article_id = ? ORDER BY id");
    int rc = arts && ents && evs && mss && sents ? PACT_OK : PACT_EDB;
    pact_arena *a = pact_arena_new();
    pact_buf buf;
    pact_buf_init(&buf, 0);
    while (rc == PACT_OK && pact__step(arts) == PACT__ROW) {
        pact_arena_reset(a);
        pact_record r;
        memset(&r, 0, sizeof r);
        long long id = pact__col_int64(arts, 0);
        r.doc = adup(a, arts, 1);
        r.article = pact__col_int(arts, 2);
        r.source_url = adup(a, arts, 3);
        r.title = adup(a, arts, 4);
        r.title_span.start = (size_t)pact__col_int64(arts, 5);
        r.title_span.end = (size_t)pact__col_int64(arts, 6);
        date_into(r.published, arts, 7);
        json_t *spans = txt(arts, 8) ? json_loads(txt(arts, 8), 0, NULL) : NULL;
        if (json_array_size(spans)) {
            r.body_spans = pact_arena_alloc(a, json_array_size(spans) * sizeof *r.body_spans);
            size_t i;
            json_t *x;
            json_array_foreach(spans, i, x) {
                r.body_spans[i].start = (size_t)json_integer_value(json_array_get(x, 0));
                r.body_spans[i].end = (size_t)json_integer_value(json_array_get(x, 1));
            }
            r.nbody = json_array_size(spans);
        }
        json_decref(spans);
        r.body_text = adup(a, arts, 9);
        json_t *notes = txt(arts, 10) ? json_loads(txt(arts, 10), 0, NULL) : NULL;
        if (json_array_size(notes)) {
            r.notes = pact_arena_alloc(a, json_array_size(notes) * sizeof *r.notes);
            size_t i;
            json_t *x;
            json_array_foreach(notes, i, x) r.notes[r.nnotes++] = pact_arena_strdup(a, json_string_value(x) ? json_string_value(x) : "");
        }
        json_decref(notes);

        size_t cap;
        pact__reset(ents);
        pact__bind_int64(ents, 1, id);
        cap = 0;
        while (pact__step(ents) == PACT__ROW) {
            if (r.nentities == cap) {
                pact_entity *p = pact_arena_alloc(a, (cap = cap ? 2 * cap : 16) * sizeof *p);
                if (r.nentities) memcpy(p, r.entities, r.nentities * sizeof *p);
                r.entities = p;
            }
            pact_entity *e = &r.entities[r.nentities++];
            memset(e, 0, sizeof *e);
            e->id = adup(a, ents, 0);
            int k = pact_entity_kind_parse(txt(ents, 1));
            e->kind = k < 0 ? PACT_ENT_PLACE : (pact_entity_kind)k;
            e->name = adup(a, ents, 2);
            e->country = adup(a, ents, 3);
            e->text = adup(a, ents, 4);
            e->start = (size_t)pact__col_int64(ents, 5);
            e->end = (size_t)pact__col_int64(ents, 6);
        }
        pact__reset(evs);
        pact__bind_int64(evs, 1, id);
        cap = 0;
        while (pact__step(evs) == PACT__ROW) {
            if (r.nevents == cap) {
                pact_event *p = pact_arena_alloc(a, (cap = cap ? 2 * cap : 16) * sizeof *p);
                if (r.nevents) memcpy(p, r.events, r.nevents * sizeof *p);
                r.events = p;
            }
            pact_event *e = &r.events[r.nevents++];
            memset(e, 0, sizeof *e);
            e->source = adup(a, evs, 0);
            e->target = adup(a, evs, 1);
            snprintf(e->code, sizeof e->code, "%s", txt(evs, 2) ? txt(evs, 2) : "");
            date_into(e->date, evs, 3);
            int m = pact_modality_parse(txt(evs, 4));
            e->modality = m < 0 ? PACT_MOD_ASSERTED : (pact_modality)m;
            e->place = adup(a, evs, 5);
            if (txt(evs, 6)) {
                char *d = pact_arena_strdup(a, txt(evs, 6)), *save = NULL;
                for (char *t = strtok_r(d, ",", &save); t && e->ndomains < PACT_MAX_DOMAINS; t = strtok_r(NULL, ",", &save))
                    e->domains[e->ndomains++] = t;
            }
            e->start = (size_t)pact__col_int64(evs, 7);
            e->end = (size_t)pact__col_int64(evs, 8);
        }
        pact__reset(mss);
        pact__bind_int64(mss, 1, id);
        cap = 0;
        while (pact__step(mss) == PACT__ROW) {
            if (r.nmemberships == cap) {
                pact_membership *p = pact_arena_alloc(a, (cap = cap ? 2 * cap : 16) * sizeof *p);
                if (r.nmemberships) memcpy(p, r.memberships, r.nmemberships * sizeof *p);
                r.memberships = p;
            }
            pact_membership *m = &r.memberships[r.nmemberships++];
            memset(m, 0, sizeof *m);
            m->org = adup(a, mss, 0);
            m->member = adup(a, mss, 1);
            int role = pact_role_parse(txt(mss, 2));
            m->role = role < 0 ? PACT_ROLE_MEMBER : (pact_role)role;
            date_into(m->date, mss, 3);
            m->start = (size_t)pact__col_int64(mss, 4);
            m->end = (size_t)pact__col_int64(mss, 5);
        }
        pact__reset(sents);
        pact__bind_int64(sents, 1, id);
        cap = 0;
        while (pact__step(sents) == PACT__ROW) {
            if (r.nsentences == cap) {
                pact_sentence *p = pact_arena_alloc(a, (cap = cap ? 2 * cap : 16) * sizeof *p);
                if (r.nsentences) memcpy(p, r.sentences, r.nsentences * sizeof *p);
                r.sentences = p;
            }
            pact_sentence *se = &r.sentences[r.nsentences++];
            se->start = (size_t)pact__col_int64(sents, 0);
            se->end = (size_t)pact__col_int64(sents, 1);
            se->text = adup(a, sents, 2);
        }
        pact_buf_truncate(&buf, 0);
        rc = pact_record_write_json(&r, &buf);
        /* The record carries its sentences' texts ("sentence_text"), so
         * that the file loads back with its search index. */
        if (rc == PACT_OK) fwrite(buf.ptr, 1, buf.len, out);
    }
    pact_buf_free(&buf);
    pact_arena_free(a);
    pact__finalize(arts);
    pact__finalize(ents);
    pact__finalize(evs);
    pact__finalize(mss);
    pact__finalize(sents);
    return rc;
}

int pact_store_export(pact_store *st, pact_export_format f, FILE *out) {
    int rc;
    switch (f) {
    case PACT_EXPORT_EVENTS_TSV: rc = export_tsv(st, out); break;
    case PACT_EXPORT_GRAPHML: rc = export_graphml(st, out); break;
    case PACT_EXPORT_DOT: rc = export_dot(st, out); break;
    case PACT_EXPORT_JSONL: rc = export_jsonl(st, out); break;
    default: return PACT_EINVAL;
    }
    if (rc == PACT_OK && (fflush(out) != 0 || ferror(out))) rc = PACT_EIO;
    return rc;
}
