/* The queries: search without diacritics, members at a date, path, actor
 * names, timeline order. */
#include "check.h"
#include "graph_fixture.h"

static pact_store *loaded(void) {
    pact_store *st = fixture_store("query");
    pact_ingest_stats stats;
    memset(&stats, 0, sizeof stats);
    bool dup;
    fixture_rec a, b;
    fixture_init(&a, "a.txt", 0);
    fixture_event(&a, "USA", "PHL", "057", "2024-04-11", "Mỹ và Philippines ký thỏa thuận quốc phòng mới.");
    fixture_event(&a, "CHN", "PHL", "112", "2024-04-12", "Đài truyền hình Trung Quốc chỉ trích Manila.");
    fixture_membership(&a, "QUAD", "KOR", PACT_ROLE_CANDIDATE, "2024-04", "Hàn Quốc muốn tham gia Bộ Tứ.");
    fixture_init(&b, "b.txt", 0);
    fixture_event(&b, "VNM", "PHL", "036", "2023-12-20", "ĐỒNG MINH, đối tác: Việt Nam và Philippines sẽ đối thoại.");
    CHECK(pact_store_ingest(st, "a.txt", "ha", NULL, &a.rec, 1, &dup, &stats) == PACT_OK);
    CHECK(pact_store_ingest(st, "b.txt", "hb", NULL, &b.rec, 1, &dup, &stats) == PACT_OK);
    return st;
}

static void test_fold(void) {
    char *f = pact_fold("Thỏa Thuận ĐỒNG minh đ", strlen("Thỏa Thuận ĐỒNG minh đ"));
    CHECK_STR(f, "thoa thuan dong minh d");
    free(f);
}

static void test_search(pact_store *st) {
    pact_result r;
    CHECK(pact_query_search(st, "thoa thuan", NULL, &r) == PACT_OK);
    CHECK(r.nhits == 1);
    if (r.nhits) {
        CHECK_STR(r.hits[0].text, "Mỹ và Philippines ký thỏa thuận quốc phòng mới.");
        CHECK_STR(r.hits[0].doc, "a.txt");
        CHECK(r.hits[0].start == 0);
    }
    pact_result_free(&r);
    /* đ folds to d; capitals and tone marks do not matter. */
    CHECK(pact_query_search(st, "dong minh", NULL, &r) == PACT_OK);
    CHECK(r.nhits == 1);
    pact_result_free(&r);
    CHECK(pact_query_search(st, "Đồng Minh", NULL, &r) == PACT_OK);
    CHECK(r.nhits == 1);
    pact_result_free(&r);
    /* A phrase: the words in that order. */
    CHECK(pact_query_search(st, "thuan thoa", NULL, &r) == PACT_OK);
    CHECK(r.nhits == 0);
    pact_result_free(&r);
    /* FTS syntax in the query is text, not an error. */
    CHECK(pact_query_search(st, "\"thoa\" OR (", NULL, &r) == PACT_OK);
    pact_result_free(&r);
    CHECK(pact_query_search(st, "  ", NULL, &r) == PACT_EINVAL);
    pact_result_free(&r);
}

static bool has_member(const pact_result *r, const char *m, const char *role) {
    for (size_t i = 0; i < r->nmembers; i++)
        if (strcmp(r->members[i].member, m) == 0 && strcmp(r->members[i].role, role) == 0) return true;
    return false;
}

static void test_members(pact_store *st) {
    pact_result r;
    pact_query_opts o = {.at = "2023-06-01"};
    CHECK(pact_query_members(st, "NATO", &o, &r) == PACT_OK);
    CHECK(has_member(&r, "FIN", "member"));
    CHECK(!has_member(&r, "SWE", "member"));
    CHECK(has_member(&r, "SWE", "candidate"));
    CHECK(has_member(&r, "USA", "member"));
    pact_result_free(&r);
    o.at = "2024";  /* the end of 2024 */
    CHECK(pact_query_members(st, "NATO", &o, &r) == PACT_OK);
    CHECK(has_member(&r, "SWE", "member"));
    CHECK(!has_member(&r, "SWE", "candidate"));
    size_t n = 0;
    for (size_t i = 0; i < r.nmembers; i++) n += strcmp(r.members[i].role, "member") == 0;
    CHECK(n == 32);
    pact_result_free(&r);
    o.at = "1990";
    CHECK(pact_query_members(st, "EU", &o, &r) == PACT_OK);
    CHECK(has_member(&r, "GBR", "member"));
    CHECK(!has_member(&r, "POL", "member"));
    pact_result_free(&r);
    o.at = "2021";
    CHECK(pact_query_members(st, "EU", &o, &r) == PACT_OK);
    CHECK(!has_member(&r, "GBR", "member"));
    pact_result_free(&r);
    /* News-derived facts sit beside the reference ones, marked as such. */
    CHECK(pact_query_members(st, "QUAD", NULL, &r) == PACT_OK);
    CHECK(has_member(&r, "JPN", "member") && has_member(&r, "KOR", "candidate"));
    for (size_t i = 0; i < r.nmembers; i++) {
        if (strcmp(r.members[i].member, "KOR") == 0) CHECK(r.members[i].news && !r.members[i].reference && r.members[i].evidence == 1);
        if (strcmp(r.members[i].member, "JPN") == 0) CHECK(!r.members[i].news && r.members[i].reference);
    }
    pact_result_free(&r);
    CHECK(pact_query_members(st, "NOSUCHORG", NULL, &r) == PACT_ENOTFOUND);
    pact_result_free(&r);
}

static void test_path(pact_store *st) {
    pact_result r;
    /* VNM -(event)- PHL -(event)- USA: the direct chain, with evidence. */
    CHECK(pact_query_path(st, "VNM", "USA", NULL, &r) == PACT_OK);
    CHECK(r.npath == 3 && r.nlinks == 2);
    if (r.npath == 3) {
        CHECK_STR(r.path[0], "VNM");
        CHECK_STR(r.path[1], "PHL");
        CHECK_STR(r.path[2], "USA");
        CHECK_STR(r.links[0].kind, "event");
        CHECK_STR(r.links[0].ev.doc, "b.txt");
        CHECK_STR(r.links[1].code, "057");
    }
    pact_result_free(&r);
    /* Through reference memberships: KOR to AUKUS. */
    CHECK(pact_query_path(st, "KOR", "AUKUS", NULL, &r) == PACT_OK);
    CHECK(r.npath >= 3);
    if (r.npath >= 3) {
        CHECK_STR(r.path[0], "KOR");
        CHECK_STR(r.path[r.npath - 1], "AUKUS");
        CHECK_STR(r.links[0].kind, "membership");
        CHECK(r.links[0].ev.source != NULL);
    }
    pact_result_free(&r);
    CHECK(pact_query_path(st, "VNM", "NOWHERE", NULL, &r) == PACT_OK);
    CHECK(r.npath == 0);
    pact_result_free(&r);
}

static void test_resolve_and_timeline(pact_store *st) {
    pact_arena *a = pact_arena_new();
    const char *id;
    CHECK(pact_store_resolve(st, "PHL", a, &id) == PACT_OK && strcmp(id, "PHL") == 0);
    CHECK(pact_store_resolve(st, "phl", a, &id) == PACT_OK && strcmp(id, "PHL") == 0);
    CHECK(pact_store_resolve(st, "nosuch", a, &id) == PACT_ENOTFOUND);
    pact_arena_free(a);
    pact_result r;
    CHECK(pact_query_timeline(st, "PHL", NULL, NULL, &r) == PACT_OK);
    CHECK(r.nties == 3);
    if (r.nties == 3) {
        CHECK_STR(r.ties[0].date, "2023-12-20");
        CHECK_STR(r.ties[2].date, "2024-04-12");
    }
    pact_result_free(&r);
    CHECK(pact_query_timeline(st, "PHL", "CHN", NULL, &r) == PACT_OK);
    CHECK(r.nties == 1);
    pact_result_free(&r);
    CHECK(pact_query_actor(st, "PHL", NULL, &r) == PACT_OK);
    CHECK(r.npartners == 2 && r.nopponents == 1 && r.nbalance == 2);
    bool us = false;
    for (size_t i = 0; i < r.ngroups; i++) us |= strcmp(r.groups[i].org, "US-PHL") == 0;
    CHECK(us);
    pact_result_free(&r);
}

int main(void) {
    test_fold();
    pact_store *st = loaded();
    test_search(st);
    test_members(st);
    test_path(st);
    test_resolve_and_timeline(st);
    pact_store_close(st);
    fixture_cleanup();
    return check_done();
}
