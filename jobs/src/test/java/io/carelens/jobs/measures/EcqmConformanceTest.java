package io.carelens.jobs.measures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carelens.common.period.ReportingPeriod;
import io.carelens.common.schema.GoldTable;
import io.carelens.jobs.run.StageContext;
import io.carelens.jobs.testing.EcqmBundles;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import io.carelens.jobs.run.StageRunner;

/**
 * The published eCQM test patients (CMS122 56, CMS165 68, CMS125 66, CMS2 36; test resources ecqm/, see its
 * PROVENANCE.md): all bundles through ONE FHIR ingest ({@link EcqmBundles}, shared with the FHIR conformance test)
 * and ONE measures run for 2026, then IP, DEN, DENEX, NUM (and DENEXCEP for CMS2, the age stratum for CMS125) per
 * patient against expected-results.csv. Every case must pass.
 */
class EcqmConformanceTest {
    private static final Map<String, Integer> PUBLISHED = Map.of("CMS122", 56, "CMS165", 68, "CMS125", 66, "CMS2", 36);
    private static StageContext ctx;

    @BeforeAll
    static void run() {
        ctx = EcqmBundles.ingested().context();
        StageRunner.runAlone(new MeasuresStage(List.of(ReportingPeriod.calendarYear(2026)), new ArrayList<>(PUBLISHED.keySet())), ctx);
    }

    @Test
    void everyPublishedCasePasses() throws Exception {
        Dataset<Row> actual = ctx.warehouse().read(GoldTable.MEASURE_PATIENT.path());
        List<String> failures = new ArrayList<>();
        Map<String, int[]> all = new LinkedHashMap<>();
        for (String measure : List.of("CMS122", "CMS165", "CMS125", "CMS2")) {
            List<ExpectedPopulations.Expected> expected = expected(measure);
            assertEquals(PUBLISHED.get(measure), expected.size(), measure + " published cases");
            Map<String, int[]> counts = ExpectedPopulations.compare(expected, actual.where("measure_id = '" + measure + "'"), failures);
            all.putAll(counts);
        }
        all.forEach((m, c) -> System.out.printf("eCQM conformance %-7s %3d / %3d passed%n", m, c[0], c[1]));
        assertTrue(failures.isEmpty(), failures.size() + " failures:\n" + String.join("\n", failures));
    }

    /** expected-results.csv: populations per patient; CMS2 adds DENEXCEP, CMS125 the "true" stratum. */
    private static List<ExpectedPopulations.Expected> expected(String measure) throws Exception {
        List<List<String>> rows;
        try (InputStream in = EcqmConformanceTest.class.getResourceAsStream("/ecqm/" + measure + "/expected-results.csv")) {
            rows = csv(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        List<String> header = rows.get(0);
        List<ExpectedPopulations.Expected> out = new ArrayList<>();
        for (List<String> r : rows.subList(1, rows.size())) {
            String exc = header.contains("DENEXCEP") ? r.get(header.indexOf("DENEXCEP")) : "0";
            String pops = String.join(",", r.get(header.indexOf("IP")), r.get(header.indexOf("DEN")),
                    r.get(header.indexOf("DENEX")), r.get(header.indexOf("NUM")), exc);
            String stratum = null;
            if (header.contains("STRAT1_IP")) {
                stratum = "1".equals(r.get(header.indexOf("STRAT1_IP"))) ? "42-51"
                        : "1".equals(r.get(header.indexOf("STRAT2_IP"))) ? "52-74" : "";
            }
            out.add(new ExpectedPopulations.Expected(r.get(header.indexOf("patient_id")), measure, pops, stratum));
        }
        return out;
    }

    /** RFC 4180 CSV (quoted fields may hold commas and line breaks). */
    static List<List<String>> csv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    field.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(field.toString());
                field.setLength(0);
                if (!(row.size() == 1 && row.get(0).isEmpty())) {
                    rows.add(row);
                }
                row = new ArrayList<>();
            } else {
                field.append(ch);
            }
        }
        if (field.length() > 0 || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }
}
