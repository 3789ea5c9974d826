package io.carelens.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carelens.jobs.cli.CareLens;
import io.carelens.jobs.run.RunManifest;
import io.carelens.jobs.run.StageContext;
import io.carelens.jobs.testing.SharedSpark;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dashboard's HTML against the hand-made gold tables it was written from (no browser; see DashboardBrowserTest). */
class ReportStageTest {
    private static String html;
    private static PageCells cells;

    @BeforeAll
    static void writeDashboard() throws IOException {
        Path file = ReportFixture.dashboard();
        assertEquals(ReportStage.FILE_NAME, file.getFileName().toString());
        assertEquals(Path.of(ReportFixture.context().warehouse().root()).toAbsolutePath().getParent()
                .resolve("report"), file.getParent(), "default place: <warehouse>/../report/");
        html = Files.readString(file);
        cells = new PageCells(html);
    }

    @Test
    void everyMeasureRateOnThePageEqualsTheGoldTable() {
        Map<String, String> expected = ExpectedCells.measureRates();
        assertTrue(expected.size() > 60);
        expected.forEach((key, text) -> {
            List<String> shown = cells.texts(key);
            assertFalse(shown.isEmpty(), "no cell " + key);
            shown.forEach(s -> assertEquals(text, s, key));
        });
        assertEquals(3, cells.texts("rate|CMS122|2025-01-01|overall|all|rate").size(),
                "overview by period, overview counts, measure table");
    }

    @Test
    void suppressedCellsShowTheWordAndNeverTheirNumbers() {
        String leaked = "rate|CMS125|2025-01-01|sex|male|";
        assertEquals(List.of("suppressed"), cells.texts(leaked + "rate"));
        assertFalse(cells.has(leaked + "numerator"), "a suppressed row shows no count");
        List<String> unsuppressedRates = ExpectedCells.measureRates().values().stream().toList();
        for (String number : List.of("77.8%", "45.3%", "93.7%")) {
            assertFalse(unsuppressedRates.contains(number), "the fixture keeps " + number + " unique");
            assertFalse(html.contains(number), number + " of a suppressed cell is on the page");
        }
        assertFalse(html.contains("77.7777"), "the chart data carries no suppressed rate");
        assertTrue(html.contains("Sex: Male (suppressed)"), "the forest plot labels the suppressed group");
        assertEquals(List.of("suppressed"), cells.texts("util|ED_NYU_ALCOHOL|2025-01-01|PCMH|comparison|all|rate"));
    }

    @Test
    void utilizationOverviewShowsProgramLevelOverallRatesByPeriodAndArm() {
        Map<String, String> expected = ExpectedCells.utilizationRates();
        assertEquals(44, expected.size(), "11 measures x 2 periods x 2 arms");
        expected.forEach((key, text) -> {
            assertFalse(cells.texts(key).isEmpty(), "no cell " + key);
            cells.texts(key).forEach(s -> assertEquals(text, s, key));
        });
        assertFalse(cells.has("util|ED_VISITS|2025-01-01|PCMH|intervention|practice-7|rate"), "practice rows left out");
        assertFalse(html.contains("375.0 per 1,000"), "stratum rows left out");
    }

    @Test
    void potentiallyAvoidableEdVisitsArePublishedByPeriodAndArm() {
        List<Row> avoidable = ReportFixture.table("gold/utilization_rates")
                .where("dimension = 'overall' AND practice_id = 'all' AND measure_id = 'ED_AVOIDABLE'").collectAsList();
        assertEquals(4, avoidable.size());
        for (Row g : avoidable) {
            String key = "ed-avoidable|" + g.<java.sql.Date>getAs("period_start").toLocalDate().getYear() + " · "
                    + Labels.group(g.getAs("arm")) + " · PCMH";
            assertEquals(List.of(String.format(Locale.US, "%,.1f", g.<Double>getAs("rate"))), cells.texts(key), key);
        }
    }

    @Test
    void eachGroupCarriesItsBetterWorseSameCall() {
        for (Row d : ReportFixture.table("gold/disparities").where("verdict IS NOT NULL").collectAsList()) {
            String key = "rate|" + d.getAs("measure_id") + "|" + d.getAs("period_start") + "|" + d.getAs("dimension")
                    + "|" + d.getAs("stratum") + "|verdict";
            assertEquals(List.of(d.<String>getAs("verdict")), cells.texts(key), key);
        }
        assertFalse(cells.has("rate|CMS122|2024-01-01|race|black_or_african_american|verdict"), "no call for 2024");
    }

    @Test
    void dataQualityShowsUnknownRaceAndEthnicityQuarantineAndReconciliation() {
        assertEquals(List.of("15.0%"), cells.texts("unknown-share|race"), "3 of 20 patients");
        assertEquals(List.of("10.0%"), cells.texts("unknown-share|ethnicity"), "1 unknown + 1 missing of 20");
        Map<String, Long> quarantined = ReportFixture.table("silver/quarantine").groupBy("entity", "reason_code")
                .count().collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getString(0) + "|" + r.getString(1), r -> r.getLong(2)));
        assertEquals(2, quarantined.size());
        quarantined.forEach((k, n) -> assertEquals(List.of(Long.toString(n)), cells.texts("quarantine|" + k), k));
        assertEquals(List.of("3"), cells.texts("quarantined|encounter"));
        assertEquals(List.of("1"), cells.texts("quarantined|patient"));
        assertTrue(html.contains("the field does not parse") || html.contains(
                io.carelens.jobs.ingest.ReasonCode.INVALID_TYPE.meaning()), "reasons are explained");
    }

    @Test
    void evaluationResultsAreShownAsPublished() {
        assertTrue(html.contains("-33.4") && html.contains("-61.2") && html.contains("0.0187"), "DiD estimate, CI, p");
        assertTrue(html.contains("two-by-two DiD"));
    }

    @Test
    void textIsEscapedAndThePageIsSelfContained() {
        assertTrue(html.contains("Preferred language: &lt;b&gt;x&lt;/b&gt;"));
        assertFalse(html.contains("<b>x</b>"), "a group label reached the page as markup");
        assertFalse(html.contains(" src=") || html.contains("<link"), "the page loads nothing");
        assertTrue(html.contains("Content-Security-Policy") && html.contains("default-src 'none'"));
        assertTrue(html.contains("Chart.js v" + ChartLibrary.version()), "Chart.js is inlined with its licence");
    }

    @Test
    void manifestSectionShowsTableVersionsAndTheReportRecordsItsInputs() {
        StageContext ctx = ReportFixture.context();
        for (String t : ReportInputs.GOLD) {
            assertEquals(List.of(Long.toString(ctx.warehouse().version(t))), cells.texts("version|" + t), t);
        }
        Set<String> inputs = ctx.warehouse().read(RunManifest.TABLE)
                .where("stage = 'report' AND role = 'input' AND run_id = '" + ctx.runId() + "'")
                .select("table_name").collectAsList().stream().map(r -> r.getString(0)).collect(Collectors.toSet());
        assertTrue(inputs.containsAll(ReportInputs.GOLD), inputs.toString());
        assertTrue(html.contains("Effective configuration") && html.contains(ctx.config().hash()));
    }

    @Test
    void missingGoldTablesAreNotComputedYetAndTheCliPrintsThePath() throws IOException {
        Path wh = SharedSpark.newWarehouse();
        Path out = wh.resolve("out/dash.html");
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            code = CareLens.execute("report", "--quiet", "--warehouse", wh.toString(), "--out", out.toString());
        } finally {
            System.setOut(stdout);
        }
        assertEquals(0, code);
        assertEquals(out.toAbsolutePath().normalize().toString(), captured.toString(StandardCharsets.UTF_8).trim());
        String empty = Files.readString(out);
        for (String table : ReportInputs.GOLD) {
            assertTrue(empty.contains("Not computed yet: the table " + table), table);
        }
        assertEquals(0, new PageCells(empty).texts("rate|CMS122|2025-01-01|overall|all|rate").size());
        assertTrue(empty.contains("id=\"carelens-charts\">{}</script>"));
    }
}
