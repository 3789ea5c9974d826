package io.carelens.jobs.evaluation;

import static io.carelens.jobs.evaluation.DifferenceInDifferencesRowsTest.binary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** No cell of 1 to 10 people or events is published, nor derivable from the overall row by subtraction. */
class EvaluationSuppressionTest {

    private static Effect effect(String dimension, String stratum, RatioSums t0, RatioSums t1, RatioSums c0,
                                 RatioSums c1) {
        return Effect.independent(new CellKey.StratumKey("CMS2", dimension, stratum), PersonOutcomes.QUALITY, t0, t1,
                c0, c1);
    }

    @Test
    void aSmallStratumAndOneComplementAreWithheldTheOverallRowIsNot() {
        // Ethnicity: hispanic 200, not hispanic 300, unknown 7 people in the intervention baseline cell.
        Effect hispanic = effect("ethnicity", "hispanic_or_latino", binary(80, 200), binary(120, 200),
                binary(70, 210), binary(75, 210));
        Effect notHispanic = effect("ethnicity", "not_hispanic_or_latino", binary(150, 300), binary(180, 300),
                binary(140, 320), binary(150, 320));
        Effect unknown = effect("ethnicity", "unknown", binary(0, 7), binary(0, 0), binary(0, 0), binary(0, 0));
        Effect overall = effect("overall", "all", binary(230, 507), binary(300, 500), binary(210, 530),
                binary(225, 530));
        List<Effect> effects = List.of(overall, hispanic, notHispanic, unknown);

        Set<CellKey.StratumKey> withheld = new EvaluationSuppression(10).suppressed(effects);

        assertTrue(withheld.contains(unknown.key()), "7 people is a small cell");
        assertEquals(2, withheld.size(), "one complementary stratum protects the 7 from overall minus the rest");
        assertFalse(withheld.contains(overall.key()));
        List<EvaluationRow> rows = EvaluationRows.build(effects, withheld, Map.of("ethnicity", "not_hispanic_or_latino"));
        EvaluationRow unknownRow = rows.stream().filter(r -> r.stratum().equals("unknown")
                && r.rowType().equals(EvaluationRow.EFFECT)).findFirst().orElseThrow();
        assertTrue(unknownRow.suppressed());
        assertNull(unknownRow.cells());
        assertNull(unknownRow.statistics());
    }

    @Test
    void aProportionWhoseComplementIsSmallIsWithheld() {
        // 495 of 500 reached the numerator: the 5 who did not would be revealed.
        Effect a = effect("sex", "female", binary(250, 500), binary(495, 500), binary(240, 480), binary(250, 480));
        Effect b = effect("sex", "male", binary(200, 400), binary(220, 400), binary(200, 410), binary(210, 410));
        Effect overall = effect("overall", "all", binary(450, 900), binary(715, 900), binary(440, 890),
                binary(460, 890));

        Set<CellKey.StratumKey> withheld = new EvaluationSuppression(10).suppressed(List.of(overall, a, b));

        assertTrue(withheld.contains(a.key()));
        assertTrue(withheld.contains(b.key()), "its complement is withheld too");
        assertFalse(withheld.contains(overall.key()));
    }

    @Test
    void largeCellsAndZeroCountsArePublished() {
        Effect a = effect("sex", "female", binary(0, 500), binary(20, 500), binary(0, 480), binary(25, 480));
        Effect b = effect("sex", "male", binary(0, 400), binary(30, 400), binary(0, 410), binary(35, 410));
        Effect overall = effect("overall", "all", binary(0, 900), binary(50, 900), binary(0, 890), binary(60, 890));

        assertEquals(Set.of(), new EvaluationSuppression(10).suppressed(List.of(overall, a, b)));
    }
}
