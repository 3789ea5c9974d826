package io.carelens.jobs.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carelens.common.schema.GoldTable;
import io.carelens.jobs.testing.SampleWarehouse;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The generator's planted intervention effect (sample-data/PLANTED-EFFECTS.md (c)): the ED visit rate of the
 * intervention arm is multiplied by 0.85 in the performance years, the comparison arm's is unchanged. On the additive
 * scale of gold/evaluation that is (0.85 − 1) × the baseline rate: 0.35 visits per person-year for everyone but
 * full-benefit duals, whose rate is 1.8 times that ((b)). Each dual-status stratum's 95% interval must contain its
 * planted value. The evaluation of {@link SampleWarehouse} (ED visits by dual status) runs before any other stage, so
 * it reads ED visits from silver/encounter.
 */
class PlantedEffectTest {
    private static final double BASE_RATE = 350.0;
    private static final double DUAL_FULL_RATIO = 1.8;
    private static final double INTERVENTION_RATIO = 0.85;
    private static List<Row> rows;

    @BeforeAll
    static void evaluateSample() {
        rows = SampleWarehouse.after(SampleWarehouse.Step.EVALUATION).warehouse().read(GoldTable.EVALUATION.path()).where("measure_id = 'ED_VISITS' AND row_type = 'effect'")
                .collectAsList();
    }

    private static Row stratum(String dimension, String stratum) {
        return rows.stream().filter(r -> r.getAs("dimension").equals(dimension) && r.getAs("stratum").equals(stratum))
                .findFirst().orElseThrow(() -> new AssertionError("no row " + dimension + "=" + stratum));
    }

    private static void assertContains(Row r, double planted) {
        assertFalse(r.<Boolean>getAs("suppressed"));
        double lower = r.getAs("ci95_lower");
        double upper = r.getAs("ci95_upper");
        assertTrue(lower <= planted && planted <= upper, r.getAs("stratum") + ": planted " + planted
                + " outside [" + lower + ", " + upper + "], estimate " + r.getAs("estimate"));
    }

    @Test
    void everyoneButFullDualsHasThePlantedEffectOnTheBaseRate() {
        double planted = (INTERVENTION_RATIO - 1) * BASE_RATE;
        assertContains(stratum("dual_status", "none"), planted);
        for (String group : List.of("partial", "unknown")) {
            Row r = stratum("dual_status", group);
            if (!r.<Boolean>getAs("suppressed")) {
                assertContains(r, planted);
            }
        }
    }

    @Test
    void fullDualsHaveThePlantedEffectOnTheirHigherRate() {
        assertContains(stratum("dual_status", "full"), (INTERVENTION_RATIO - 1) * BASE_RATE * DUAL_FULL_RATIO);
    }

    @Test
    void overallEffectIsThePlantedOneForTheArmsMix() {
        Row overall = stratum("overall", "all");
        assertEquals(Effect.PAIRED, overall.getAs("method"), "the same people are attributed in both periods");
        double fullShare = (double) stratum("dual_status", "full").<Long>getAs("intervention_performance_n")
                / overall.<Long>getAs("intervention_performance_n");
        assertContains(overall, (INTERVENTION_RATIO - 1) * BASE_RATE * (1 + (DUAL_FULL_RATIO - 1) * fullShare));
        assertTrue(overall.<Double>getAs("estimate") < 0, "the intervention lowered ED use");
    }
}
