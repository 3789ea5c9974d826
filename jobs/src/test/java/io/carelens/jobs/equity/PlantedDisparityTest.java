package io.carelens.jobs.equity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carelens.common.delta.Warehouse;
import io.carelens.jobs.generate.PlantedEffects;
import io.carelens.jobs.ingest.CanonicalSource;
import io.carelens.jobs.ingest.IngestStage;
import io.carelens.jobs.measures.MeasurementPeriod;
import io.carelens.jobs.measures.MeasuresStage;
import io.carelens.jobs.run.StageContext;
import io.carelens.jobs.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bundled sample-data/ through ingest, CMS2 and equity: the planted screening gap (sample-data/PLANTED-EFFECTS.md
 * (a): screening probability 0.45 for Hispanic or Latino persons, 0.70 for others) must lie inside the published
 * intervals of the ethnicity strata and of their rate difference.
 */
class PlantedDisparityTest {
    private static final Path SAMPLE = Path.of("..", "sample-data").toAbsolutePath().normalize();
    private static final List<String> TABLES = List.of("patient", "coverage", "area", "encounter", "observation",
            "procedure", "condition");
    private static Warehouse wh;

    @BeforeAll
    static void run() throws IOException {
        Path input = Files.createTempDirectory("carelens-sample-");
        for (String t : TABLES) {
            Files.copy(SAMPLE.resolve(t + ".csv"), input.resolve(t + ".csv"));
        }
        StageContext ctx = SharedSpark.context(Map.of());
        wh = ctx.warehouse();
        new IngestStage(new CanonicalSource(), input.toString()).run(ctx);
        new MeasuresStage(List.of(MeasurementPeriod.calendarYear(2025)), List.of("CMS2")).run(ctx);
        new EquityStage().run(ctx);
    }

    private static Row stratum(String group) {
        return wh.read(EquityStage.MEASURE_RATES)
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
        Row diff = wh.read(EquityStage.DISPARITIES)
                .where("measure_id = 'CMS2' AND dimension = 'ethnicity' AND metric = 'rate_difference'"
                        + " AND stratum = 'hispanic_or_latino' AND reference_group = 'not_hispanic_or_latino'").head();
        assertInside(gap, diff, "rate difference");
        assertEquals("worse", diff.getAs("verdict"));
    }
}
