/* Reading records back from JSON Lines: what the extractor writes parses,
 * what the store exports parses, and bad lines say why. */
#include "check.h"
#include "graph/graph.h"

static int parse(const char *line, pact_arena *a, pact_record *r, char *err) {
    return pact_record_read_json(line, strlen(line), a, r, err, 200);
}

int main(void) {
    pact_arena *a = pact_arena_new();
    pact_record r;
    char err[200] = "";
    const char *line =
        "{\"doc\":\"x.txt\",\"article\":1,\"title\":\"T\",\"title_span\":[0,1],\"published\":\"2024-04-09\","
        "\"body_spans\":[[3,20]],\"body_text\":\"Mỹ và Nhật.\",\"entities\":[{\"id\":\"USA\",\"kind\":\"country\","
        "\"text\":\"Mỹ\",\"span\":[3,6]},{\"id\":\"fumio-kishida\",\"kind\":\"person\",\"name\":\"Fumio Kishida\","
        "\"country\":\"JPN\",\"text\":\"Kishida\",\"span\":[7,14]}],\"events\":[{\"source\":\"USA\",\"target\":\"JPN\","
        "\"code\":\"036\",\"date\":\"--04-08\",\"modality\":\"considered\",\"place\":null,\"domains\":[\"ai\",\"cyber\"],"
        "\"span\":[3,20]}],\"memberships\":[{\"org\":\"AUKUS\",\"member\":\"JPN\",\"role\":\"not-member\",\"date\":null,"
        "\"span\":[3,20]}],\"sentences\":[[3,20]],\"sentence_text\":[\"Mỹ và Nhật.\"],\"future_field\":{\"x\":1}}";
    CHECK(parse(line, a, &r, err) == PACT_OK);
    CHECK_STR(r.doc, "x.txt");
    CHECK(r.article == 1);
    CHECK_STR(r.published, "2024-04-09");
    CHECK(r.nbody == 1 && r.body_spans[0].end == 20);
    CHECK(r.nentities == 2 && r.entities[1].kind == PACT_ENT_PERSON);
    CHECK_STR(r.entities[1].name, "Fumio Kishida");
    CHECK(r.nevents == 1);
    CHECK_STR(r.events[0].code, "036");
    CHECK_STR(r.events[0].date, "--04-08");
    CHECK(r.events[0].modality == PACT_MOD_CONSIDERED && r.events[0].ndomains == 2);
    CHECK(r.nmemberships == 1 && r.memberships[0].role == PACT_ROLE_NOT_MEMBER && r.memberships[0].date[0] == 0);
    CHECK(r.nsentences == 1);
    CHECK_STR(r.sentences[0].text, "Mỹ và Nhật.");

    /* Round trip through the extractor's writer. */
    pact_buf b;
    pact_buf_init(&b, 0);
    CHECK(pact_record_write_json(&r, &b) == PACT_OK);
    pact_record r2;
    CHECK(pact_record_read_json(b.ptr, b.len, a, &r2, err, sizeof err) == PACT_OK);
    CHECK(r2.nevents == 1 && r2.nentities == 2 && r2.nsentences == 1);
    CHECK_STR(r2.sentences[0].text, "Mỹ và Nhật."); /* the writer keeps sentence_text */
    pact_buf_free(&b);

    /* Text from the document's bytes when the record has spans only. */
    r2.sentences[0].text = NULL;
    const char *page = "<p>Xin chào</p><p>Mỹ &amp; Nhật   ký.</p>";
    r2.sentences[0].start = (size_t)(strstr(page, "Mỹ") - page);
    r2.sentences[0].end = strlen(page);
    pact_record_fill_sentences(&r2, page, strlen(page), a);
    CHECK_STR(r2.sentences[0].text, "Mỹ & Nhật ký.");

    static const struct {
        const char *line, *why;
    } bad[] = {
        {"{\"doc\":\"x\"", "not JSON"},
        {"[1,2]", "object"},
        {"{\"article\":0}", "doc"},
        {"{\"doc\":\"x\",\"article\":-1}", "article"},
        {"{\"doc\":\"x\",\"article\":0,\"events\":[{\"source\":\"A\",\"target\":\"B\",\"code\":\"1a\",\"span\":[0,1]}]}", "code"},
        {"{\"doc\":\"x\",\"article\":0,\"events\":[{\"source\":\"A\",\"target\":\"B\",\"code\":\"01\",\"span\":[5,1]}]}", "span"},
        {"{\"doc\":\"x\",\"article\":0,\"memberships\":[{\"org\":\"A\",\"member\":\"B\",\"role\":\"boss\",\"span\":[0,1]}]}", "role"},
        {"{\"doc\":\"x\",\"article\":0,\"published\":\"2024-04-09T10:00:00\"}", "published"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        err[0] = '\0';
        int rc = parse(bad[i].line, a, &r, err);
        CHECK(rc == PACT_EPARSE);
        if (!strstr(err, bad[i].why)) fprintf(stderr, "case %zu (%s): error '%s' does not mention '%s'\n", i, bad[i].line, err, bad[i].why);
        CHECK(strstr(err, bad[i].why) != NULL);
    }
    pact_arena_free(a);
    return check_done();
}
