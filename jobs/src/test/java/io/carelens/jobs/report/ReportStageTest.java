package io.carelens.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dashboard's HTML and its data block against the hand-made gold tables it was written from (no browser; see DashboardBrowserTest). */
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

    /** The page's data block: table name to its rows as column-to-value maps (null for a table not computed). */
    static Map<String, List<Map<String, Object>>> data(String page) throws IOException {
        String start = "<script type=\"application/json\" id=\"carelens-data\">";
        int from = page.indexOf(start) + start.length();
        JsonNode root = new ObjectMapper().readTree(page.substring(from, page.indexOf("</script>", from)));
        Map<String, List<Map<String, Object>>> tables = new java.util.HashMap<>();
        for (String name : List.of("rates", "utilization", "disparities", "evaluation", "pba")) {
            JsonNode t = root.get(name);
            if (t == null || t.isNull()) {
                tables.put(name, null);
                continue;
            }
            List<Map<String, Object>> rows = new java.util.ArrayList<>();
            for (JsonNode r : t.get("rows")) {
                Map<String, Object> m = new java.util.HashMap<>();
                for (int i = 0; i < t.get("columns").size(); i++) {
                    String column = t.get("columns").get(i).asText();
                    JsonNode texts = t.get("values").get(column);
                    JsonNode v = r.get(i);
                    m.put(column, v.isNull() ? null : texts != null ? texts.get(v.asInt()).asText()
                            : v.isNumber() ? v.numberValue() : v.isBoolean() ? v.booleanValue() : v.asText());
                }
                rows.add(m);
            }
            tables.put(name, rows);
        }
        return tables;
    }

    private static double number(Object v) {
        return ((Number) v).doubleValue();
    }

    @Test
    void theDataBlockCarriesEveryMeasureRateOnceAndNoSuppressedNumber() throws IOException {
        List<Map<String, Object>> shown = data(html).get("rates");
        List<Row> gold = ReportFixture.table("gold/measure_rates").collectAsList();
        assertEquals(gold.size(), shown.size());
        Map<String, Map<String, Object>> byKey = shown.stream().collect(Collectors.toMap(
                r -> r.get("measure_id") + "|" + r.get("period_start") + "|" + r.get("dimension") + "|" + r.get("stratum"),
                r -> r));
        for (Row g : gold) {
            Map<String, Object> r = byKey.get(g.getAs("measure_id") + "|" + g.getAs("period_start") + "|"
                    + g.getAs("dimension") + "|" + g.getAs("stratum"));
            if (Boolean.TRUE.equals(g.getAs("suppressed"))) {
                assertEquals(Boolean.TRUE, r.get("suppressed"));
                for (String c : List.of("numerator", "performance_denominator", "rate", "ci_lower", "ci_upper")) {
                    assertEquals(null, r.get(c), c + " of a suppressed row");
                }
            } else {
                assertEquals((double) g.<Long>getAs("numerator"), number(r.get("numerator")));
                assertEquals(g.<Double>getAs("rate"), number(r.get("rate")), 1e-12);
                assertEquals(g.<Double>getAs("ci_upper"), number(r.get("ci_upper")), 1e-12);
            }
        }
        assertFalse(html.contains("0.7777") || html.contains("77.8"), "a suppressed rate reached the page");
        assertEquals(1, html.split("id=\"carelens-data\"", -1).length - 1, "the data is embedded once");
    }

    @Test
    void utilizationIsProgramLevelAndDisparitiesArePairwiseGapsAndTheirChanges() throws IOException {
        Map<String, List<Map<String, Object>>> d = data(html);
        assertEquals(ReportFixture.table("gold/utilization_rates").where("practice_id = 'all' AND (dimension = "
                + "'overall' OR measure_id IN ('ED_VISITS', 'ED_AVOIDABLE', 'ACUTE_STAYS', 'PQI90'))").count(),
                d.get("utilization").size(), "practice rows left out, groups of headline measures only");
        assertTrue(d.get("utilization").stream().anyMatch(r -> !"overall".equals(r.get("dimension"))),
                "strata of program-level rates are kept for the trends view");
        assertEquals(ReportFixture.table("gold/disparities")
                .where("metric IN ('rate_difference', 'change_in_rate_difference')").count(), d.get("disparities").size());
        assertEquals(ReportFixture.table("gold/evaluation").count(), d.get("evaluation").size());
        assertEquals(null, d.get("pba"), "gold/pba is not in this warehouse");
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
        assertTrue(html.contains("\\u003Cb\\u003Ex\\u003C/b\\u003E"), "the group label is escaped in the data");
        assertFalse(html.contains("<b>x</b>"), "a group label reached the page as markup");
        assertFalse(html.contains("person-gap-1"), "care gaps never reach the dashboard");
        assertFalse(html.contains(" src=") || html.contains("<link"), "the page loads nothing");
        assertTrue(html.contains("Content-Security-Policy") && html.contains("default-src 'none'"));
        assertTrue(html.contains("Chart.js v" + ChartLibrary.version()), "Chart.js is inlined with its licence");
    }

    @Test
    void manifestSectionShowsTableVersionsAndTheReportRecordsItsInputs() {
        StageContext ctx = ReportFixture.context();
        for (String t : ReportInputs.GOLD) {
            assertEquals(List.of(ctx.warehouse().exists(t) ? Long.toString(ctx.warehouse().version(t))
                    : "not computed yet"), cells.texts("version|" + t), t);
        }
        Set<String> inputs = ctx.warehouse().read(RunManifest.TABLE)
                .where("stage = 'report' AND role = 'input' AND run_id = '" + ctx.runId() + "'")
                .select("table_name").collectAsList().stream().map(r -> r.getString(0)).collect(Collectors.toSet());
        assertTrue(inputs.containsAll(ReportInputs.GOLD.stream().filter(ctx.warehouse()::exists).toList()),
                inputs.toString());
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
        data(empty).forEach((table, rows) -> assertEquals(null, rows, table + " is not computed"));
        for (String table : ReportInputs.GOLD) {
            assertEquals(List.of("not computed yet"), new PageCells(empty).texts("version|" + table), table);
        }
    }
}
