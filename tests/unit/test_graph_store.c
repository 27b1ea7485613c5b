/* The store: migrations, idempotent ingest, one event with several pieces of
 * evidence, reference data loaded at creation. */
#include "check.h"
#include "graph_fixture.h"

static void test_migrations(void) {
    pact_store *st = fixture_store("migrations");
    CHECK(pact__db_schema_version(st) == PACT_STORE_SCHEMA);
    CHECK(fixture_count(st, "SELECT count(*) FROM migrations") == PACT_STORE_SCHEMA);
    if (!fixture_pg()) CHECK(fixture_count(st, "PRAGMA user_version") == PACT_STORE_SCHEMA);
    if (!fixture_pg()) CHECK(fixture_count(st, "PRAGMA foreign_keys") == 1);
    CHECK(atoi(pact_store_meta(st, "schema")) == PACT_STORE_SCHEMA);
    CHECK(pact_store_meta(st, "reference_hash") != NULL);
    /* Reference data: NATO's 32 members, loaded once. */
    CHECK(fixture_count(st, "SELECT count(*) FROM memberships WHERE org = 'NATO' AND role = 'member'") == 32);
    CHECK(fixture_count(st, "SELECT count(*) FROM cameo") > 100);
    pact_store_close(st);
    /* Reopening runs no migration again and keeps the data. */
    st = fixture_store("migrations");
    CHECK(fixture_count(st, "SELECT count(*) FROM migrations") == PACT_STORE_SCHEMA);
    CHECK(fixture_count(st, "SELECT count(*) FROM memberships WHERE org = 'NATO' AND role = 'member'") == 32);
    /* A store from a newer pactgraph is refused, not damaged. */
    CHECK(pact__db_exec(st, pact__sql(st, "PRAGMA user_version = 99",
                                      "INSERT INTO migrations VALUES(99, 'from the future', 'later')")) == PACT_OK);
    pact_store_close(st);
    char path[1200];
    fixture_target("migrations", path, sizeof path);
    pact_diag d;
    pact_diag_init(&d, path);
    d.quiet = true;
    pact_store *bad = NULL;
    CHECK(pact_store_open(path, fixture_data, &bad, &d) == PACT_EDB);
    CHECK(bad == NULL);
}

static void test_idempotent(void) {
    pact_store *st = fixture_store("idempotent");
    fixture_rec f;
    fixture_init(&f, "a.txt", 0);
    fixture_event(&f, "GBR", "UKR", "057", "2024-01-12", "Anh và Ukraine ký thỏa thuận an ninh.");
    fixture_membership(&f, "AUKUS", "JPN", PACT_ROLE_NOT_MEMBER, "2024-04-08", "Nhật Bản không phải thành viên AUKUS.");
    pact_ingest_stats stats;
    memset(&stats, 0, sizeof stats);
    bool dup = true;
    CHECK(pact_store_ingest(st, "a.txt", "h1", NULL, &f.rec, 1, &dup, &stats) == PACT_OK);
    CHECK(!dup);
    CHECK(stats.documents == 1 && stats.articles == 1 && stats.events == 1 && stats.memberships == 1);
    long long ev = fixture_count(st, "SELECT count(*) FROM evidence");
    long long se = fixture_count(st, "SELECT count(*) FROM sentences");
    CHECK(pact_store_ingest(st, "a.txt", "h1", NULL, &f.rec, 1, &dup, &stats) == PACT_OK);
    CHECK(dup);
    CHECK(stats.duplicates == 1 && stats.documents == 1);
    CHECK(fixture_count(st, "SELECT count(*) FROM evidence") == ev);
    CHECK(fixture_count(st, "SELECT count(*) FROM sentences") == se);
    CHECK(fixture_count(st, "SELECT count(*) FROM documents") == 1);
    /* Same path, new content: the new version replaces the old one. */
    f.rec.nmemberships = 0;
    CHECK(pact_store_ingest(st, "a.txt", "h2", NULL, &f.rec, 1, &dup, &stats) == PACT_OK);
    CHECK(!dup && stats.replaced == 1);
    CHECK(fixture_count(st, "SELECT count(*) FROM documents") == 1);
    CHECK(fixture_count(st, "SELECT count(*) FROM memberships WHERE origin = 'news'") == 0);
    CHECK(fixture_count(st, "SELECT count(*) FROM evidence") == 1);
    CHECK(fixture_count(st, "SELECT count(*) FROM sentences") == 2);
    CHECK(fixture_count(st, "SELECT n FROM links WHERE a = 'GBR' AND b = 'UKR'") == 1);
    /* A version with no events leaves no link behind. */
    f.rec.nevents = 0;
    CHECK(pact_store_ingest(st, "a.txt", "h3", NULL, &f.rec, 1, &dup, &stats) == PACT_OK);
    CHECK(fixture_count(st, "SELECT count(*) FROM events") == 0);
    CHECK(fixture_count(st, "SELECT count(*) FROM links") == 0);
    pact_store_close(st);
}

static void test_dedupe(void) {
    pact_store *st = fixture_store("dedupe");
    pact_ingest_stats stats;
    memset(&stats, 0, sizeof stats);
    bool dup;
    /* Three pages report the signing; one codes it 057, another 0571 (same
     * family 05), the third gives another date: two events, three pieces. */
    fixture_rec a, b, c;
    fixture_init(&a, "a.txt", 0);
    fixture_event(&a, "GBR", "UKR", "057", "2024-01-12", "Anh ký thỏa thuận an ninh với Ukraine ngày 12/1.");
    fixture_init(&b, "b.txt", 0);
    fixture_event(&b, "GBR", "UKR", "05", "2024-01-12", "Hai nước ký văn kiện ở Kiev.");
    fixture_init(&c, "c.txt", 0);
    fixture_event(&c, "GBR", "UKR", "057", "2024-02-23", "Anh gia hạn thỏa thuận.");
    /* Undated events are not merged with each other. */
    fixture_event(&c, "GBR", "UKR", "057", NULL, "Anh từng ký một thỏa thuận.");
    CHECK(pact_store_ingest(st, "a.txt", "ha", NULL, &a.rec, 1, &dup, &stats) == PACT_OK);
    CHECK(pact_store_ingest(st, "b.txt", "hb", NULL, &b.rec, 1, &dup, &stats) == PACT_OK);
    CHECK(pact_store_ingest(st, "c.txt", "hc", NULL, &c.rec, 1, &dup, &stats) == PACT_OK);
    CHECK(fixture_count(st, "SELECT count(*) FROM events") == 3);
    CHECK(stats.new_events == 3 && stats.events == 4);
    CHECK(fixture_count(st, "SELECT count(*) FROM evidence e JOIN events v ON v.id = e.event_id"
                            " WHERE v.date = '2024-01-12'") == 2);
    pact_result r;
    pact_query_opts o = {.evidence = true};
    CHECK(pact_query_ties(st, "UKR", "GBR", &o, &r) == PACT_OK);
    CHECK(r.nties == 3);
    if (r.nties == 3) {
        CHECK_STR(r.ties[0].date, "2024-02-23");
        CHECK_STR(r.ties[1].date, "2024-01-12");
        CHECK(r.ties[1].evidence == 2 && r.ties[1].nev == 2);
        CHECK(r.ties[2].date == NULL);
        if (r.ties[1].nev == 2) {
            CHECK_STR(r.ties[1].ev[0].doc, "a.txt");
            CHECK_STR(r.ties[1].ev[1].doc, "b.txt");
            CHECK_STR(r.ties[1].ev[1].text, "Hai nước ký văn kiện ở Kiev.");
            CHECK(r.ties[1].ev[1].start == 0 && r.ties[1].ev[1].end == strlen("Hai nước ký văn kiện ở Kiev."));
        }
        CHECK(r.ties[0].goldstein > 7.9 && r.ties[0].quad == 1);
    }
    pact_result_free(&r);
    pact_store_close(st);
}

int main(void) {
    test_migrations();
    test_idempotent();
    test_dedupe();
    fixture_cleanup();
    return check_done();
}
