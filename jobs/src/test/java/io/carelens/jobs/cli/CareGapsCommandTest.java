package io.carelens.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carelens.common.schema.GoldTable;
import io.carelens.jobs.caregaps.CareGapsFixture;
import io.carelens.jobs.caregaps.ClosingActions;
import io.carelens.jobs.run.StageContext;
import io.carelens.jobs.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code carelens care-gaps}: one named practice, one period, a CSV file; never everyone. */
class CareGapsCommandTest {
    private static Path warehouse;

    @BeforeAll
    static void warehouseWithMeasuresAndAttribution() {
        SparkSession spark = SharedSpark.spark();
        warehouse = SharedSpark.newWarehouse();
        StageContext ctx = SharedSpark.context(warehouse, Map.of());
        CareGapsFixture f = new CareGapsFixture()
                .person("p1", "CMS122", 1, 0, 1, 0, "HbA1c 9.4 % on 2025-06-01")
                .person("p2", "CMS122", 1, 0, 0, 0, "HbA1c 6.0 % on 2025-06-01")
                .person("p3", "CMS125", 1, 0, 0, 0, "office visit on 2025-02-11")
                .person("p3", "CMS125", Date.valueOf("2024-01-01"), Date.valueOf("2024-12-31"), 1, 0, 0, 0,
                        "office visit on 2024-02-11")
                .person("p4", "CMS125", 1, 0, 0, 0, "office visit, with, commas")
                .attributed("p1", "P1", "2023-01-01", null)
                .attributed("p2", "P1", "2023-01-01", null)
                .attributed("p3", "P1", "2023-01-01", null)
                .attributed("p4", "P2", "2023-01-01", null);
        ctx.warehouse().overwrite(GoldTable.MEASURE_PATIENT.path(), f.measurePatient(spark));
        ctx.warehouse().overwrite("silver/attribution", f.attribution(spark));
    }

    private static CliTest.Outcome careGaps(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "care-gaps";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--warehouse";
        all[args.length + 2] = warehouse.toString();
        return CliTest.carelens(all);
    }

    @Test
    void refusesWithoutANamedPractice() throws IOException {
        Path out = Files.createTempDirectory("gaps").resolve("all.csv");
        CliTest.Outcome r = careGaps("--out", out.toString(), "--rebuild");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--practice"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void refusesAMeasureWithoutCareGaps() throws IOException {
        Path out = Files.createTempDirectory("gaps").resolve("food.csv");
        CliTest.Outcome r = careGaps("--practice", "P1", "--measure", "SDOH-2-FOOD", "--out", out.toString(),
                "--rebuild", "--quiet");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().startsWith("carelens: error: measure 'SDOH-2-FOOD' has no care gaps"), r.err());
    }

    @Test
    void writesOnePracticesLatestPeriodAndOnlyTheNamedMeasure() throws IOException {
        Path dir = Files.createTempDirectory("gaps");
        CliTest.Outcome all = careGaps("--practice", "P1", "--out", dir.resolve("p1.csv").toString(), "--rebuild",
                "--quiet");
        assertEquals(0, all.exit(), all.err());
        assertEquals(List.of(
                "practice_id,program_id,measure_id,period_start,period_end,person_id,gap,evidence,close_gap",
                "P1,PCF-DEMO,CMS122,2025-01-01,2025-12-31,p1,in the numerator (lower is better),"
                        + "HbA1c 9.4 % on 2025-06-01," + csv(ClosingActions.of("CMS122").orElseThrow()),
                "P1,PCF-DEMO,CMS125,2025-01-01,2025-12-31,p3,not in the numerator,office visit on 2025-02-11,"
                        + csv(ClosingActions.of("CMS125").orElseThrow())),
                Files.readAllLines(dir.resolve("p1.csv")));

        CliTest.Outcome earlier = careGaps("--practice", "P1", "--measure", "cms125", "--period-end", "2024-12-31",
                "--out", dir.resolve("p1-2024.csv").toString(), "--quiet");
        assertEquals(0, earlier.exit(), earlier.err());
        List<String> lines = Files.readAllLines(dir.resolve("p1-2024.csv"));
        assertEquals(2, lines.size());
        assertTrue(lines.get(1).startsWith("P1,PCF-DEMO,CMS125,2024-01-01,2024-12-31,p3,"), lines.get(1));

        CliTest.Outcome other = careGaps("--practice", "P2", "--out", dir.resolve("p2.csv").toString(), "--quiet");
        assertEquals(0, other.exit(), other.err());
        assertTrue(Files.readAllLines(dir.resolve("p2.csv")).get(1).contains(",p4,not in the numerator,"
                + "\"office visit, with, commas\","));
    }

    @Test
    void anUnknownPracticeIsAUserError() throws IOException {
        CliTest.Outcome r = careGaps("--practice", "NOPE", "--out",
                Files.createTempDirectory("gaps").resolve("x.csv").toString(), "--rebuild", "--quiet");
        assertEquals(2, r.exit());
        assertEquals(List.of("carelens: error: practice 'NOPE' has no care gaps in gold/care_gaps"), r.errLines());
    }

    private static String csv(String v) {
        return v.contains(",") ? "\"" + v + "\"" : v;
    }
}
