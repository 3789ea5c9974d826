package io.carelens.jobs.utilization;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carelens.common.schema.GoldTable;
import io.carelens.common.delta.Warehouse;
import io.carelens.jobs.run.StageContext;
import io.carelens.jobs.testing.SampleWarehouse;
import io.carelens.jobs.testing.SharedSpark;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bundled sample-data/ through ingest and utilization ({@link SampleWarehouse}). The generator plants
 * (sample-data/PLANTED-EFFECTS.md (b))
 * 1.8 times the ED visit rate for full-benefit dual-eligible persons and a larger primary-care-treatable share of their
 * visits; stratifying the stage's own events and member months by dual status must show both.
 */
class UtilizationSampleDataTest {
    private static Warehouse wh;
    private static UtilizationSettings settings;

    @BeforeAll
    static void ingestAndRun() {
        StageContext ctx = SampleWarehouse.after(SampleWarehouse.Step.UTILIZATION);
        wh = ctx.warehouse();
        settings = UtilizationSettings.from(ctx.config());
    }

    /** Rates of all periods together, by full dual status vs everyone else. */
    private static Map<String, Map<String, Row>> byDualStatus() {
        Dataset<Row> mm = wh.read(GoldTable.MEMBER_MONTHS.path())
                .withColumn("period_start", lit(java.sql.Date.valueOf("2000-01-01")))
                .withColumn("period_end", lit(java.sql.Date.valueOf("2099-12-31")))
                .withColumn("dimension", lit("dual_status"))
                .withColumn("stratum", when(col("dual_status").equalTo("full"), lit("full")).otherwise(lit("other")));
        return new UtilizationRates(settings).rates(SharedSpark.spark(), mm, wh.read(GoldTable.UTILIZATION_EVENTS.path()))
                .where("program_id = 'all'").collectAsList().stream()
                .collect(Collectors.groupingBy(r -> r.getAs("stratum"),
                        Collectors.toMap(r -> r.getAs("measure_id"), r -> r)));
    }

    private static double value(Row r, String column) {
        return r.getAs(column);
    }

    @Test
    void plantedExcessOfAvoidableEdVisitsAmongFullDualsIsVisible() {
        Map<String, Map<String, Row>> s = byDualStatus();
        Row fullEd = s.get("full").get("ED_VISITS");
        Row otherEd = s.get("other").get("ED_VISITS");
        double ratio = value(fullEd, "rate") / value(otherEd, "rate");
        assertTrue(ratio > 1.4 && ratio < 2.3, "planted ED rate ratio 1.8, got " + ratio);
        assertTrue(value(fullEd, "ci_lower") > value(otherEd, "ci_upper"));

        Row fullAvoidable = s.get("full").get("ED_AVOIDABLE");
        Row otherAvoidable = s.get("other").get("ED_AVOIDABLE");
        assertTrue(value(fullAvoidable, "ci_lower") > value(otherAvoidable, "ci_upper"),
                "avoidable ED visits per 1,000 person-years: full duals above everyone else");
        assertTrue(value(s.get("full").get("ED_PC_TREATABLE"), "share")
                > value(s.get("other").get("ED_PC_TREATABLE"), "share") + 0.05,
                "a larger primary-care-treatable share of full duals' visits");
    }

    @Test
    void everySampleVisitIsIcd10AndSomeAreUnclassified() {
        Map<String, Row> overall = wh.read(GoldTable.UTILIZATION_RATES.path())
                .where("program_id = 'all' and period_start = date'2025-01-01'").collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getAs("measure_id"), r -> r));
        assertEquals(0.0, value(overall.get("ED_NYU_UNMAPPED"), "events"));
        double unclassified = value(overall.get("ED_NYU_UNCLASSIFIED"), "share");
        assertTrue(unclassified > 0 && unclassified < 0.5, "unclassified share " + unclassified);
        assertTrue(wh.read(GoldTable.UTILIZATION_RATES.path()).where("arm = 'intervention' and practice_id = 'all'").count() > 0);
    }
}
