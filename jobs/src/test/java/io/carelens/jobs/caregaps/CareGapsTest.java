package io.carelens.jobs.caregaps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carelens.common.privacy.Pseudonymizer;
import io.carelens.common.schema.GoldTable;
import io.carelens.jobs.measures.Measures;
import io.carelens.jobs.run.StageContext;
import io.carelens.jobs.run.StageRunner;
import io.carelens.jobs.testing.SharedSpark;
import java.sql.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * Care gaps of hand-made persons: in the gap, closed, excluded and excepted, per measure, including the inverse
 * CMS122; the practice of the period; pseudonymized ids on both sides of the attribution join.
 */
class CareGapsTest {
    private final SparkSession spark = SharedSpark.spark();

    private static CareGapsFixture persons() {
        return new CareGapsFixture()
                // CMS122 (inverse): poor control or no test is the gap; controlled is closed; hospice is excluded
                .person("a1c-high", "CMS122", 1, 0, 1, 0, "HbA1c 9.4 % on 2025-06-01")
                .person("a1c-none", "CMS122", 1, 0, 1, 0, "no HbA1c in the period")
                .person("a1c-ok", "CMS122", 1, 0, 0, 0, "HbA1c 7.1 % on 2025-05-02")
                .person("a1c-hospice", "CMS122", 1, 1, 0, 0, "hospice on 2025-03-01")
                // CMS125: no mammogram is the gap; screened closed; bilateral mastectomy excluded; outside DEN none
                .person("mammo-due", "CMS125", 1, 0, 0, 0, "office visit on 2025-02-11")
                .person("mammo-done", "CMS125", 1, 0, 1, 0, "mammogram on 2024-11-20")
                .person("mammo-mastectomy", "CMS125", 1, 1, 0, 0, "bilateral mastectomy on 2019-04-01")
                .person("mammo-not-den", "CMS125", 0, 0, 0, 0, "office visit on 2025-02-11")
                // CMS2: a medical reason not to screen (exception) is not a gap
                .person("dep-unscreened", "CMS2", 1, 0, 0, 0, "office visit on 2025-07-01")
                .person("dep-exception", "CMS2", 1, 0, 0, 1, "medical reason on 2025-07-01")
                .person("dep-screened", "CMS2", 1, 0, 1, 0, "PHQ-9 negative on 2025-07-01")
                // a screen-positive rate is not a care process: no gap whatever the populations
                .person("mammo-due", "SDOH-2-FOOD", 1, 0, 0, 0, "screened negative on 2025-01-05")
                // one person in gap in two periods, at two practices
                .person("mammo-due", "CMS125", Date.valueOf("2024-01-01"), Date.valueOf("2024-12-31"), 1, 0, 0, 0,
                        "office visit on 2024-03-01")
                // in gap but attributed to no practice
                .person("unattributed", "CMS125", 1, 0, 0, 0, "office visit on 2025-02-11")
                .attributed("a1c-high", "P1", "2023-01-01", null)
                .attributed("a1c-none", "P1", "2023-01-01", null)
                .attributed("a1c-ok", "P1", "2023-01-01", null)
                .attributed("a1c-hospice", "P1", "2023-01-01", null)
                .attributed("mammo-due", "P1", "2023-01-01", "2025-03-31")
                .attributed("mammo-due", "P2", "2025-04-01", null)
                .attributed("mammo-done", "P2", "2023-01-01", null)
                .attributed("mammo-mastectomy", "P2", "2023-01-01", null)
                .attributed("mammo-not-den", "P2", "2023-01-01", null)
                .attributed("dep-unscreened", "P1", "2023-01-01", null)
                .attributed("dep-exception", "P1", "2023-01-01", null)
                .attributed("dep-screened", "P1", "2023-01-01", null)
                .attributed("unattributed", "P1", "2023-01-01", "2024-12-31");
    }

    /** "measure period_end person" to "practice | gap | evidence | close_gap". */
    private static Map<String, String> byKey(List<Row> rows) {
        Map<String, String> m = new TreeMap<>();
        for (Row r : rows) {
            m.put(r.getAs("measure_id") + " " + r.getAs("period_end") + " " + r.getAs("person_id"),
                    r.getAs("practice_id") + " | " + r.getAs("gap") + " | " + r.getAs("evidence") + " | "
                            + r.getAs("close_gap"));
        }
        return m;
    }

    @Test
    void listsWhoIsInTheGapWithEvidenceActionAndPractice() {
        CareGapsFixture f = persons();
        Map<String, String> gaps = byKey(CareGaps.of(spark, f.measurePatient(spark),
                f.attribution(spark).drop("arm")).collectAsList());
        String a1c = ClosingActions.of("CMS122").orElseThrow();
        String mammo = ClosingActions.of("CMS125").orElseThrow();
        String dep = ClosingActions.of("CMS2").orElseThrow();
        Map<String, String> expected = new TreeMap<>(Map.of(
                "CMS122 2025-12-31 a1c-high", "P1 | " + CareGaps.INVERSE + " | HbA1c 9.4 % on 2025-06-01 | " + a1c,
                "CMS122 2025-12-31 a1c-none", "P1 | " + CareGaps.INVERSE + " | no HbA1c in the period | " + a1c,
                "CMS125 2025-12-31 mammo-due", "P2 | " + CareGaps.MISSED + " | office visit on 2025-02-11 | " + mammo,
                "CMS125 2024-12-31 mammo-due", "P1 | " + CareGaps.MISSED + " | office visit on 2024-03-01 | " + mammo,
                "CMS2 2025-12-31 dep-unscreened", "P1 | " + CareGaps.MISSED + " | office visit on 2025-07-01 | " + dep));
        assertEquals(expected, gaps);
    }

    @Test
    void everyMeasureButTheScreenPositiveRatesHasAnAction() {
        List<String> without = Measures.all().stream().map(m -> m.id())
                .filter(id -> ClosingActions.of(id).isEmpty()).toList();
        assertEquals(List.of("SDOH-2-FOOD", "SDOH-2-HOUSING", "SDOH-2-TRANSPORTATION", "SDOH-2-UTILITIES",
                "SDOH-2-SAFETY"), without);
        assertTrue(ClosingActions.inverse("CMS122"));
        assertEquals(List.of("CMS122"), ClosingActions.all().keySet().stream().filter(ClosingActions::inverse).toList());
    }

    @Test
    void theStageJoinsPseudonymizedMeasureRowsToSilverAttribution() {
        String key = "care-gaps-test-key-0123456789";
        StageContext ctx = SharedSpark.context(Map.of("privacy.pseudonymize", true, "privacy.key", key));
        Pseudonymizer p = new Pseudonymizer(key);
        CareGapsFixture f = persons();
        ctx.warehouse().overwrite(GoldTable.MEASURE_PATIENT.path(),
                f.measurePatient(spark).withColumn("person_id", p.pseudonym(org.apache.spark.sql.functions.col("person_id"))));
        ctx.warehouse().overwrite("silver/attribution", f.attribution(spark));
        StageRunner.runAlone(new CareGapsStage(), ctx);
        List<Row> rows = ctx.warehouse().read(CareGapsStage.TABLE).where("measure_id = 'CMS122'")
                .orderBy("evidence").collectAsList();
        assertEquals(2, rows.size());
        String pseudonym = spark.sql("SELECT 'a1c-high' AS person_id")
                .select(p.pseudonym(org.apache.spark.sql.functions.col("person_id"))).first().getString(0);
        assertEquals(pseudonym, rows.get(0).getAs("person_id"));
        assertEquals("P1", rows.get(0).getAs("practice_id"));
        assertEquals(ctx.runId(), rows.get(0).getAs("run_id"));
        assertEquals(5L, ctx.warehouse().read(CareGapsStage.TABLE).count());
    }
}
