package io.carelens.jobs.equity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carelens.common.schema.GoldTable;
import io.carelens.common.delta.Warehouse;
import io.carelens.jobs.generate.PlantedEffects;
import io.carelens.jobs.testing.SampleWarehouse;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bundled sample-data/ through ingest, CMS2 (2025) and equity ({@link SampleWarehouse}): the planted screening gap (sample-data/PLANTED-EFFECTS.md
 * (a): screening probability 0.45 for Hispanic or Latino persons, 0.70 for others) must lie inside the published
 * intervals of the ethnicity strata and of their rate difference.
 */
class PlantedDisparityTest {
    private static Warehouse wh;

    @BeforeAll
    static void run() {
        wh = SampleWarehouse.after(SampleWarehouse.Step.EQUITY).warehouse();
    }

    private static Row stratum(String group) {
        return wh.read(GoldTable.MEASURE_RATES.path())
                .where("measure_id = 'CMS2' AND dimension = 'ethnicity' AND stratum = '" + group + "'").head();
    }

    private static void assertInside(double planted, Row row, String what) {
        double lower = row.getAs("ci_lower");
        double upper = row.getAs("ci_upper");
        assertTrue(lower <= planted && planted <= upper,
                what + ": planted " + planted + " outside [" + lower + ", " + upper + "]");
    }

    @Test
    void eachEthnicityRateIntervalHoldsItsPlantedRate() {
        double hispanic = PlantedEffects.expectedDepressionScreeningMeasureRate(
                PlantedEffects.SCREENING_PROBABILITY_HISPANIC);
        double others = PlantedEffects.expectedDepressionScreeningMeasureRate(PlantedEffects.SCREENING_PROBABILITY_OTHERS);
        Row h = stratum("hispanic_or_latino");
        Row n = stratum("not_hispanic_or_latino");
        assertEquals(false, h.getAs("suppressed"));
        assertInside(hispanic, h, "Hispanic or Latino");
        assertInside(others, n, "not Hispanic or Latino");
    }

    @Test
    void theRateDifferenceIntervalHoldsThePlantedGapAndIsCalledWorse() {
        double gap = PlantedEffects.expectedDepressionScreeningMeasureRate(PlantedEffects.SCREENING_PROBABILITY_HISPANIC)
                - PlantedEffects.expectedDepressionScreeningMeasureRate(PlantedEffects.SCREENING_PROBABILITY_OTHERS);
        Row diff = wh.read(GoldTable.DISPARITIES.path())
                .where("measure_id = 'CMS2' AND dimension = 'ethnicity' AND metric = 'rate_difference'"
                        + " AND stratum = 'hispanic_or_latino' AND reference_group = 'not_hispanic_or_latino'").head();
        assertInside(gap, diff, "rate difference");
        assertEquals("worse", diff.getAs("verdict"));
    }
}
