package io.carelens.jobs.equity;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carelens.common.schema.GoldTable;
import io.carelens.common.delta.Warehouse;
import io.carelens.jobs.run.StageContext;
import io.carelens.jobs.testing.SharedSpark;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import io.carelens.jobs.run.StageRunner;

/** The equity stage end to end on {@link EquityFixture}: planted disparities recovered within their intervals. */
class EquityStageTest {
    private static Warehouse wh;
    private static List<Row> disparities;
    private static List<Row> measureRates;
    private static List<Row> utilizationRates;

    @BeforeAll
    static void run() {
        StageContext ctx = SharedSpark.context(Map.of());
        wh = ctx.warehouse();
        EquityFixture.write(SharedSpark.spark(), wh);
        StageRunner.runAlone(new EquityStage(), ctx);
        disparities = wh.read(GoldTable.DISPARITIES.path()).collectAsList();
        measureRates = wh.read(GoldTable.MEASURE_RATES.path()).collectAsList();
        utilizationRates = wh.read(GoldTable.UTILIZATION_GROUP_RATES.path()).collectAsList();
    }

    private static boolean matches(Row r, String measure, int year, String dimension) {
        return r.getAs("measure_id").equals(measure) && r.getAs("dimension").equals(dimension)
                && r.getAs("period_start").equals(java.sql.Date.valueOf(year + "-01-01"));
    }

    private static Row disparity(String measure, int year, String dimension, String metric, String stratum) {
        List<Row> rows = disparities.stream().filter(r -> matches(r, measure, year, dimension)
                && r.getAs("metric").equals(metric) && java.util.Objects.equals(r.getAs("stratum"), stratum)).toList();
        assertEquals(1, rows.size(), measure + " " + year + " " + dimension + " " + metric + " " + stratum);
        return rows.get(0);
    }

    private static Row rate(List<Row> table, String measure, int year, String dimension, String stratum) {
        List<Row> rows = table.stream().filter(r -> matches(r, measure, year, dimension)
                && r.getAs("stratum").equals(stratum)).toList();
        assertEquals(1, rows.size(), measure + " " + dimension + " " + stratum);
        return rows.get(0);
    }

    private static void assertInside(double planted, Row metric) {
        double lower = metric.getAs("ci_lower");
        double upper = metric.getAs("ci_upper");
        assertTrue(lower <= planted && planted <= upper, planted + " outside [" + lower + ", " + upper + "]");
    }

    @Test
    void plantedRaceGapLiesInsideTheIntervalsAndIsWorse() {
        Row difference = disparity("CMS165", 2025, "race", "rate_difference", "black_or_african_american");
        assertEquals("white", difference.getAs("reference_group"));
        assertInside(EquityFixture.BLACK_CMS165_2025 - EquityFixture.WHITE_CMS165, difference);
        assertEquals("worse", difference.getAs("verdict"));
        Row ratio = disparity("CMS165", 2025, "race", "rate_ratio", "black_or_african_american");
        assertInside(EquityFixture.BLACK_CMS165_2025 / EquityFixture.WHITE_CMS165, ratio);
        assertEquals(-0.3 / 0.7, (double) ratio.getAs("relative_difference"), 1e-9);
    }

    @Test
    void aLowerIsBetterMeasureCallsTheHigherRateWorse() {
        Row difference = disparity("CMS122", 2025, "race", "rate_difference", "black_or_african_american");
        assertEquals("lower_is_better", difference.getAs("direction"));
        assertInside(EquityFixture.BLACK_CMS122 - EquityFixture.WHITE_CMS122, difference);
        assertEquals("worse", difference.getAs("verdict"));
    }

    @Test
    void theNarrowingGapIsSeenBetweenTheYears() {
        Row change = disparity("CMS165", 2026, "race", "change_in_rate_difference", "black_or_african_american");
        assertEquals(java.sql.Date.valueOf("2025-01-01"), change.getAs("baseline_period_start"));
        assertInside((EquityFixture.BLACK_CMS165_2026 - EquityFixture.WHITE_CMS165)
                - (EquityFixture.BLACK_CMS165_2025 - EquityFixture.WHITE_CMS165), change);
        assertEquals("narrowing", change.getAs("trend"));
    }

    @Test
    void unknownRaceIsItsOwnGroupWithItsShare() {
        Row unknown = rate(measureRates, "CMS165", 2025, "race", "unknown");
        assertEquals(600L, (long) unknown.getAs("initial_population"));
        assertEquals(0.1, (double) unknown.getAs("share"), 1e-12);
        assertFalse((boolean) unknown.getAs("suppressed"));
    }

    @Test
    void aGroupOfSixIsSuppressedWithAComplementAndItsMetricsWithheld() {
        Row asian = rate(measureRates, "CMS165", 2025, "race", "asian");
        assertTrue((boolean) asian.getAs("suppressed"));
        assertNull(asian.getAs("numerator"));
        assertNull(asian.getAs("rate"));
        long suppressedRaceGroups = measureRates.stream().filter(r -> matches(r, "CMS165", 2025, "race")
                && (boolean) r.getAs("suppressed")).count();
        assertTrue(suppressedRaceGroups >= 2, "complementary suppression in the race dimension");
        Row pair = disparity("CMS165", 2025, "race", "rate_ratio", "asian");
        assertTrue((boolean) pair.getAs("suppressed"));
        assertNull(pair.getAs("estimate"));
        int used = disparity("CMS165", 2025, "race", "theil_index", null).getAs("groups_used");
        assertEquals(3 - (int) suppressedRaceGroups + 1, used, "summary uses published known groups only");
    }

    @Test
    void theOverallRowIsPublishedWithTheGroupsFromThePersonRows() {
        for (int year : List.of(2025, 2026)) {
            long persons = wh.read(GoldTable.MEASURE_PATIENT.path())
                    .where("measure_id = 'CMS165' AND year(period_start) = " + year).count();
            Row overall = rate(measureRates, "CMS165", year, "overall", "all");
            assertEquals(persons, (long) overall.getAs("initial_population"), "CMS165 " + year);
        }
    }

    @Test
    void utilizationIsStratifiedAndComparedAsPoissonRates() {
        Row rural = rate(utilizationRates, "ED_VISITS", 2025, "rurality", "rural");
        assertEquals(EquityFixture.RURAL_ED * 1000, (double) rural.getAs("rate"), 1e-9);
        assertEquals(1500L, (long) rural.getAs("persons"));
        Row ratio = disparity("ED_VISITS", 2025, "rurality", "rate_ratio", "rural");
        assertEquals("urban", ratio.getAs("reference_group"));
        assertInside(EquityFixture.RURAL_ED / EquityFixture.URBAN_ED, ratio);
        assertEquals("worse", ratio.getAs("verdict"));
    }

    @Test
    void standardisedRatesRecoverAnAgeFlatRate() {
        Row white = rate(measureRates, "CMS165", 2025, "race", "white");
        assertEquals("us2000", white.getAs("standard_population"));
        double lower = white.getAs("standardized_ci_lower");
        double upper = white.getAs("standardized_ci_upper");
        assertTrue(lower <= EquityFixture.WHITE_CMS165 && EquityFixture.WHITE_CMS165 <= upper);
        Row black = rate(measureRates, "CMS165", 2025, "race", "black_or_african_american");
        assertNull(black.getAs("standardized_rate"), "no one aged 75+ in the group: no standardised rate");
    }

    @Test
    void orderedDeprivationQuintilesGetSlopeIndices() {
        Row sii = disparity("ED_VISITS", 2025, "adi_quintile", "slope_index_of_inequality", null);
        assertEquals(2, (int) sii.getAs("groups_used"));
        assertNotNull(sii.getAs("estimate"));
        assertTrue((double) sii.getAs("estimate") < 0, "more visits in the most deprived quintile, ranked first");
    }

    @Test
    void theManifestRecordsInputsAndOutputs() {
        List<String> outputs = wh.read("ops/run_manifest").where(col("stage").equalTo("equity")
                .and(col("role").equalTo("output"))).select("table_name").as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList();
        assertTrue(outputs.containsAll(List.of(GoldTable.MEASURE_RATES.path(), GoldTable.UTILIZATION_GROUP_RATES.path(),
                GoldTable.DISPARITIES.path())));
    }
}
