package io.carelens.common.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.carelens.common.stats.SignificanceRule.Result;
import io.carelens.common.stats.SignificanceRule.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SignificanceRuleTest {

    @ParameterizedTest(name = "{0} (se {1}) vs {2} (se {3}), {4} -> {5}")
    @CsvSource({
        // significant and >= 10% relative difference
        "0.70, 0.01, 0.80, 0.01, HIGHER_IS_BETTER, WORSE",
        "0.90, 0.01, 0.80, 0.01, HIGHER_IS_BETTER, BETTER",
        "120, 5, 100, 5, LOWER_IS_BETTER, WORSE",
        "80, 5, 100, 5, LOWER_IS_BETTER, BETTER",
        // significant but below 10%
        "0.85, 0.001, 0.80, 0.001, HIGHER_IS_BETTER, SAME",
        // 10% or more but not significant
        "0.70, 0.10, 0.80, 0.10, HIGHER_IS_BETTER, SAME",
        // exactly 10% is enough
        "110, 1, 100, 1, HIGHER_IS_BETTER, BETTER",
    })
    void appliesBothConditions(double estimate, double se, double reference, double referenceSe, Polarity polarity,
                               Verdict expected) {
        assertEquals(expected, SignificanceRule.classify(estimate, se, reference, referenceSe, polarity).verdict());
    }

    @Test
    void pValueAtTheBoundaryCountsAsSignificant() {
        double z = 1.959963984540054;
        Result result = SignificanceRule.classify(100 + z * Math.sqrt(2), 1, 100, 1, Polarity.HIGHER_IS_BETTER);
        assertEquals(0.05, result.pValue(), 1e-12);
        Result large = SignificanceRule.classify(120, 10 / z / Math.sqrt(2) * 2, 100, 10 / z / Math.sqrt(2) * 2,
                Polarity.HIGHER_IS_BETTER);
        assertEquals(0.05, large.pValue(), 1e-12);
        assertEquals(Verdict.BETTER, large.verdict());
    }

    @Test
    void framingChangesTheRelativeDifference() {
        Result favourable = SignificanceRule.classify(0.70, 0.01, 0.80, 0.01, Polarity.HIGHER_IS_BETTER);
        Result adverse = SignificanceRule.classifyAdverseFraming(0.70, 0.01, 0.80, 0.01, Polarity.HIGHER_IS_BETTER);
        assertEquals(-0.125, favourable.relativeDifference(), 1e-12);
        assertEquals(0.5, adverse.relativeDifference(), 1e-12);
        assertEquals(Verdict.WORSE, adverse.verdict());
        Result smallGain = SignificanceRule.classify(0.92, 0.005, 0.90, 0.005, Polarity.HIGHER_IS_BETTER);
        Result smallGainAdverse = SignificanceRule.classifyAdverseFraming(0.92, 0.005, 0.90, 0.005,
                Polarity.HIGHER_IS_BETTER);
        assertEquals(Verdict.SAME, smallGain.verdict());
        assertEquals(-0.2, smallGainAdverse.relativeDifference(), 1e-12);
        assertEquals(Verdict.BETTER, smallGainAdverse.verdict());
    }

    @Test
    void inverseMeasureFlipsPolarity() {
        assertEquals(Polarity.LOWER_IS_BETTER, Polarity.HIGHER_IS_BETTER.inverse());
        assertEquals(Polarity.HIGHER_IS_BETTER, Polarity.LOWER_IS_BETTER.inverse());
        assertEquals(Verdict.BETTER, SignificanceRule.classify(0.30, 0.01, 0.20, 0.01,
                Polarity.LOWER_IS_BETTER.inverse()).verdict());
    }
}
