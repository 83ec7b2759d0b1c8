package cn.fucai.cms.figure;

import static cn.fucai.cms.support.TestData.admin;
import static cn.fucai.cms.support.TestData.count;
import static cn.fucai.cms.support.TestData.createPublisher;
import static cn.fucai.cms.support.TestData.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A CSV export reads from a database cursor inside a read-only transaction (issue #15, point 12) into a file, which
 * then goes out at the client's pace (issue #17): while a slow client has read only the start of a large export, the
 * database holds no transaction for it, no file of it is left on disk, and the client still gets every row.
 */
@QuarkusTest
class FigureExportStreamingTest {

    private static final int FIGURES = 30_000;

    @Inject
    AgroalDataSource db;

    @TestHTTPResource("/")
    URL base;

    @Test
    void aSlowClientOfALargeExportHoldsNoTransactionAndLeavesNoFile() throws Exception {
        String publisher = createPublisher();
        String publisherId = admin().get("/api/v1/publishers/" + publisher).path("id");
        try {
            // made in one statement, with the time limit lifted for it on this connection only and put back after
            execute(db, """
                    set statement_timeout = 0;
                    with made as (
                        insert into figure (id, kind, publisher_id, current_revision, created_at, updated_at, released_at)
                        select gen_random_uuid(), 'sales', '%s', 1, now(), now(), now() from generate_series(1, %d)
                        returning id)
                    insert into figure_revision (figure_id, revision, action, recorded_at, retracted, region_code, region_scope,
                        period_start, period_end, granularity, period_label, lottery_type, amount, currency, printed_value,
                        printed_unit, qualifier, source_url, source_quote)
                    select id, 1, 'created', now(), false, '330302', array['330302', '330300', '330000', '000000']::varchar(6)[],
                           date '1950-01-01', date '1950-12-31', 'YEAR', '1950', 'welfare', 7439000, 'CNY', 743.9, '万元', 'exact',
                           'https://www.example.org/stream', '温州市福利彩票1950年销量743.9万元，这一句让每一行更长一些' from made;
                    reset statement_timeout""".formatted(publisherId, FIGURES));
            HttpURLConnection export =
                    (HttpURLConnection) new URL(base, "/api/v1/sales-figures?publisher=" + publisher).openConnection();
            export.setRequestProperty("Accept", "text/csv");
            try (InputStream body = export.getInputStream()) {
                assertEquals(200, export.getResponseCode());
                byte[] start = body.readNBytes(4096);
                assertEquals(4096, start.length);
                // the client pauses with most of the export unread: the rows were all read before the first byte went
                long inTransaction = count(db, """
                        select count(*) from pg_stat_activity
                        where datname = current_database() and state like 'idle in transaction%'
                        and query like '%figure_revision%' and query like '%order by r.period_start%'""");
                assertEquals(0, inTransaction, "no backend inside the export's transaction while the client reads");
                try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
                    assertEquals(
                            List.of(),
                            files.filter(file -> file.getFileName().toString().startsWith("cms-export-"))
                                    .toList(),
                            "the spooled export is unlinked as soon as it is opened");
                }
                byte[] rest = body.readAllBytes();
                byte[] whole = Arrays.copyOf(start, start.length + rest.length);
                System.arraycopy(rest, 0, whole, start.length, rest.length);
                assertEquals(
                        FIGURES + 1,
                        new String(whole, StandardCharsets.UTF_8).lines().count(),
                        "the header and every figure");
            }
        } finally {
            execute(
                    db,
                    "set statement_timeout = 0; delete from figure_revision where"
                            + " figure_id in (select id from figure where publisher_id = '"
                            + publisherId + "'); delete from figure where publisher_id = '" + publisherId
                            + "'; reset statement_timeout");
        }
    }
}
