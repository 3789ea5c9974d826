package io.carelens.jobs.evaluation;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carelens.common.schema.GoldTable;
import io.carelens.common.delta.Warehouse;
import io.carelens.common.schema.CanonicalTable;
import io.carelens.jobs.run.StageContext;
import io.carelens.jobs.testing.CanonicalRows;
import io.carelens.jobs.testing.SharedSpark;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import io.carelens.jobs.run.StageRunner;

/**
 * The stage end to end on 240 hand-made people: intervention practices P1 (people 0-59) and P2 (60-119), comparison
 * practices P3 (120-179) and P4 (180-239), white at even and Black at odd indexes; a paired quality measure (CMS2,
 * everyone in both periods), an independent one (CMS122, different people in each period) and inpatient stays.
 */
class EvaluationStageTest {
    private static final double TOL = 1e-9;
    private static final int PEOPLE = 240;
    private static final Map<String, Object> ONE_YEAR_PERIODS = Map.of(
            "evaluation.baseline", "2024-01-01..2024-12-31",
            "evaluation.performance", "2026-01-01..2026-12-31");
    private static StageContext ctx;
    private static List<Row> evaluation;

    @BeforeAll
    static void runStage() {
        Map<String, Object> settings = new java.util.HashMap<>(ONE_YEAR_PERIODS);
        settings.put("evaluation.dimensions", List.of("race"));
        settings.put("evaluation.utilization", List.of("ED_VISITS", "ACUTE_STAYS"));
        ctx = SharedSpark.context(settings);
        SparkSession spark = ctx.spark();
        Warehouse w = ctx.warehouse();
        Dataset<Row> people = spark.range(PEOPLE).selectExpr("id AS idx", "format_string('p%03d', id) AS person_id");

        w.overwrite(CanonicalTable.PATIENT.silverPath(), CanonicalRows.of(CanonicalTable.PATIENT, people.selectExpr(
                "person_id", "DATE'1950-06-01' AS birth_date", "'female' AS sex",
                "IF(idx % 2 = 0, 'white', 'black_or_african_american') AS race")));
        w.overwrite(CanonicalTable.ATTRIBUTION.silverPath(), CanonicalRows.of(CanonicalTable.ATTRIBUTION, people.selectExpr(
                        "person_id", "'PCF-DEMO' AS program_id",
                        "CASE WHEN idx < 60 THEN 'P1' WHEN idx < 120 THEN 'P2' WHEN idx < 180 THEN 'P3' ELSE 'P4' END"
                                + " AS practice_id",
                        "IF(idx < 120, 'intervention', 'comparison') AS arm", "DATE'2024-01-01' AS start_date",
                        "CAST(NULL AS DATE) AS end_date")
                .union(spark.sql("SELECT 'p000', 'OTHER', 'X1', 'comparison', DATE'2024-03-15', DATE'2024-05-02'"))
                .union(spark.sql("SELECT 'p000', 'OTHER', 'X1', 'comparison', DATE'2026-01-20', DATE'2026-12-31'"))
                .union(spark.sql("SELECT 'p000', 'OTHER', 'X2', 'intervention', DATE'2026-06-01', DATE'2026-07-31'"))));

        String stay2026 = "CASE WHEN idx < 60 THEN idx % 2 = 0 WHEN idx < 120 THEN idx % 4 = 0 ELSE idx % 3 = 0 END";
        Dataset<Row> stays = people.where("idx % 3 = 0").selectExpr("person_id", "'b' AS k", "TIMESTAMP'2024-05-01 08:00:00' AS start_ts", "'finished' AS status", "'IMP' AS encounter_class")
                .union(people.where(stay2026).selectExpr("person_id", "'p'", "TIMESTAMP'2026-05-01 08:00:00'", "'finished'", "'OBSENC'"))
                .union(people.where("idx = 1").selectExpr("person_id", "'x'", "TIMESTAMP'2025-05-01 08:00:00'", "'finished'", "'IMP'"))
                .union(people.where("idx = 1").selectExpr("person_id", "'c'", "TIMESTAMP'2026-05-01 08:00:00'", "'cancelled'", "'IMP'"))
                .union(people.where("idx = 1").selectExpr("person_id", "'a'", "TIMESTAMP'2026-05-01 08:00:00'", "'finished'", "'AMB'"))
                .selectExpr("concat(person_id, k) AS encounter_id", "person_id", "start_ts", "status", "encounter_class");
        w.overwrite(GoldTable.UTILIZATION_EVENTS.path(), stays.where("status = 'finished' AND encounter_class != 'AMB'")
                .selectExpr("person_id", "'ACUTE_STAYS' AS measure_id", "encounter_id AS source_id",
                        "to_date(start_ts) AS event_date", "1.0D AS events", "CAST(NULL AS INT) AS eligible"));

        Dataset<Row> cms2 = people.selectExpr("person_id", "'CMS2' AS measure_id", "DATE'2024-01-01' AS period_start",
                        "DATE'2024-12-31' AS period_end", "IF(idx % 4 = 0, 1, 0) AS numerator")
                .union(people.selectExpr("person_id", "'CMS2'", "DATE'2026-01-01'", "DATE'2026-12-31'",
                        "IF(idx < 120, IF(idx % 4 != 3, 1, 0), IF(idx % 4 <= 1, 1, 0))"));
        Dataset<Row> cms122 = people.where("idx % 2 = 0").selectExpr("person_id", "'CMS122'", "DATE'2024-01-01'",
                        "DATE'2024-12-31'", "IF(idx % 3 = 0, 1, 0)")
                .union(people.where("idx % 2 = 1").selectExpr("person_id", "'CMS122'", "DATE'2026-01-01'",
                        "DATE'2026-12-31'", "IF(idx % 3 = 0, 1, 0)"));
        Dataset<Row> excluded = people.where("idx < 50").selectExpr("person_id", "'CMS2'", "DATE'2025-01-01'",
                "DATE'2025-12-31'", "1");
        w.overwrite(GoldTable.MEASURE_PATIENT.path(), cms2.union(cms122).union(excluded).selectExpr("*",
                "1 AS initial_population", "1 AS denominator", "0 AS denominator_exclusion",
                "0 AS denominator_exception", "CAST(NULL AS STRING) AS stratum", "'' AS evidence"));

        StageRunner.runAlone(new EvaluationStage(), ctx);
        evaluation = ctx.warehouse().read(GoldTable.EVALUATION.path()).collectAsList();
    }

    private static Row row(String measure, String dimension, String stratum, String type) {
        List<Row> rows = evaluation.stream().filter(r -> r.getAs("measure_id").equals(measure)
                && r.getAs("dimension").equals(dimension) && r.getAs("stratum").equals(stratum)
                && r.getAs("row_type").equals(type)).toList();
        assertEquals(1, rows.size(), measure + " " + dimension + " " + stratum + " " + type);
        return rows.get(0);
    }

    private static double d(Row r, String column) {
        return r.<Double>getAs(column);
    }

    @Test
    void pairedMeasureUsesWithinPersonChanges() {
        Row r = row("CMS2", "overall", "all", "effect");
        assertEquals("paired", r.getAs("method"));
        // Intervention changes: half of 120 go 0 -> 1; comparison: a quarter.
        assertEquals(0.5 - 0.25, d(r, "estimate"), TOL);
        assertEquals(Math.sqrt(0.25 / 120 + 0.1875 / 120), d(r, "standard_error"), TOL);
        assertEquals(0.25, d(r, "intervention_baseline_mean"), TOL);
        assertEquals(0.75, d(r, "intervention_performance_mean"), TOL);
        assertEquals(0.50, d(r, "comparison_performance_mean"), TOL);
        assertEquals(120L, r.<Long>getAs("comparison_baseline_n"));
        assertEquals(1.959963984540054 * d(r, "standard_error"), d(r, "ci95_upper") - d(r, "estimate"), TOL);
        assertEquals(1.6448536269514722 * d(r, "standard_error"), d(r, "estimate") - d(r, "ci90_lower"), TOL);
        assertEquals("PCF-DEMO", r.getAs("program_id"));
        assertFalse(r.<Boolean>getAs("suppressed"));
    }

    @Test
    void strataAndTheirGapFollowFromTheSamePeople() {
        Row white = row("CMS2", "race", "white", "effect");
        Row black = row("CMS2", "race", "black_or_african_american", "effect");
        // White: intervention changes mean 0.5 (60 people), comparison none; Black: 0.5 and 0.5.
        assertEquals(0.5, d(white, "estimate"), TOL);
        assertEquals(Math.sqrt(0.25 / 60), d(white, "standard_error"), TOL);
        assertEquals(0.0, d(black, "estimate"), TOL);
        assertEquals(Math.sqrt(0.25 / 60 + 0.25 / 60), d(black, "standard_error"), TOL);

        Row gap = row("CMS2", "race", "black_or_african_american", "gap");
        assertEquals("white", gap.getAs("reference_stratum"));
        assertEquals(-0.5, d(gap, "estimate"), TOL);
        assertEquals(Math.sqrt(0.25 / 60 + 0.25 / 60 + 0.25 / 60), d(gap, "standard_error"), TOL);
    }

    @Test
    void differentPeopleInEachPeriodGiveFourIndependentCells() {
        Row r = row("CMS122", "overall", "all", "effect");
        assertEquals("independent", r.getAs("method"));
        assertEquals(0.0, d(r, "estimate"), TOL);
        assertEquals(Math.sqrt(4 * (1.0 / 3) * (2.0 / 3) / 60), d(r, "standard_error"), TOL);
        assertEquals(60L, r.<Long>getAs("intervention_performance_n"));
        Row white = row("CMS122", "race", "white", "effect");
        assertNull(white.getAs("estimate"), "white people have no performance-period cell");
        assertEquals(0L, white.<Long>getAs("intervention_performance_n"));
    }

    @Test
    void acuteStaysArePerThousandPersonYearsWithinPersonChanges() {
        Row r = row("ACUTE_STAYS", "overall", "all", "effect");
        assertEquals("paired", r.getAs("method"));
        assertEquals("per 1,000 person-years", r.getAs("unit"));
        assertEquals(40.0 / 120 * 1000, d(r, "intervention_baseline_mean"), 1e-6);
        assertEquals(45.0 / 120 * 1000, d(r, "intervention_performance_mean"), 1e-6);
        assertEquals((45.0 - 40.0) / 120 * 1000, d(r, "estimate"), 1e-6);
        // Everyone has a full year, so the linearised change is each person's own change in stays.
        double sum = 0;
        double sumSquares = 0;
        for (int idx = 0; idx < 120; idx++) {
            int before = idx % 3 == 0 ? 1 : 0;
            int after = (idx < 60 ? idx % 2 == 0 : idx % 4 == 0) ? 1 : 0;
            sum += after - before;
            sumSquares += (after - before) * (after - before);
        }
        double mean = sum / 120;
        double varianceT = sumSquares / 120 - mean * mean;
        assertEquals(Math.sqrt(varianceT / 120) * 1000, d(r, "standard_error"), 1e-6,
                "the comparison arm's stays do not change at all");
    }

    @Test
    void noEmergencyVisitsGiveAZeroEstimate() {
        Row r = row("ED_VISITS", "overall", "all", "effect");
        assertEquals(0.0, d(r, "estimate"), TOL);
        assertEquals(0.0, d(r, "standard_error"), TOL);
    }

    @Test
    void practicesAreAdjustedAgainstTheComparisonArm() {
        List<Row> pba = ctx.warehouse().read(GoldTable.PBA.path()).orderBy("practice_id").collectAsList();
        assertEquals(2, pba.size(), "intervention practices only");
        Row p1 = pba.get(0);
        Row p2 = pba.get(1);
        double benchmark = 40.0 / 120 * 1000;
        assertEquals(benchmark, d(p1, "benchmark_rate"), 1e-6);
        assertEquals(500.0, d(p1, "ahu_rate"), 1e-6);
        assertEquals(1.5, d(p1, "ratio"), 1e-9);
        assertEquals(-0.10, d(p1, "adjustment"), TOL);
        assertEquals(250.0, d(p2, "ahu_rate"), 1e-6);
        assertEquals(0.75, d(p2, "ratio"), 1e-9);
        assertEquals(0.50, d(p2, "adjustment"), TOL);
        assertEquals(1, p2.<Integer>getAs("tier"));
        assertEquals(15L, p2.<Long>getAs("stays"));
        assertTrue(d(p2, "ahu_ci95_lower") < 250.0 && d(p2, "ahu_ci95_upper") > 250.0);
    }

    @Test
    void attributedTimeCountsWholeMonthsOncePerPeriodAndTakesTheLatestSpan() {
        Map<String, Object> other = new java.util.HashMap<>(ONE_YEAR_PERIODS);
        other.put("evaluation.program-id", "OTHER");
        EvaluationSettings settings = EvaluationSettings.from(io.carelens.common.config.CareLensConfig.load(null, other));
        List<Row> rows = AttributedTime.build(AttributedTime.spans(ctx.warehouse(), settings),
                        Periods.table(ctx.spark(), settings))
                .orderBy("period").collectAsList();
        assertEquals(2, rows.size());
        Row baseline = rows.get(0);
        assertEquals(3.0 / 12, d(baseline, "person_years"), TOL, "15 March to 2 May touches three months");
        Row performance = rows.get(1);
        assertEquals(12.0 / 12, d(performance, "person_years"), TOL, "overlapping spans are capped at the period");
        assertEquals("intervention", performance.getAs("arm"));
        assertEquals("X2", performance.getAs("practice_id"));
    }

    @Test
    void theRunManifestRecordsInputsAndOutputs() {
        List<String> tables = ctx.warehouse().read("ops/run_manifest").where(col("stage").equalTo("evaluation"))
                .select("table_name").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
        assertTrue(tables.containsAll(List.of(CanonicalTable.ATTRIBUTION.silverPath(), GoldTable.MEASURE_PATIENT.path(),
                GoldTable.UTILIZATION_EVENTS.path(), GoldTable.EVALUATION.path(), GoldTable.PBA.path())),
                tables.toString());
    }
}
