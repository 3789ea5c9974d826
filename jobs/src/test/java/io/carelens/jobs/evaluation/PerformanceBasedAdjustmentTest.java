package io.carelens.jobs.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carelens.common.config.CareLensConfig;
import io.carelens.common.config.ConfigurationException;
import io.carelens.jobs.evaluation.PerformanceBasedAdjustment.Adjustment;
import io.carelens.jobs.evaluation.PerformanceBasedAdjustment.PracticeUtilization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The PCF-style adjustment: cut-points, bounds, benchmark and volume rule. */
class PerformanceBasedAdjustmentTest {

    private static PbaRules defaults() {
        return EvaluationSettings.from(CareLensConfig.load(null, Map.of())).pba();
    }

    @Test
    void cutPointsMapRatiosToTiersWithTheUpperBoundExclusive() {
        PbaRules rules = defaults();
        assertEquals(0.50, rules.adjustment(0.0));
        assertEquals(0.50, rules.adjustment(0.7999));
        assertEquals(0.30, rules.adjustment(0.80));
        assertEquals(0.10, rules.adjustment(0.95));
        assertEquals(0.00, rules.adjustment(1.00));
        assertEquals(-0.10, rules.adjustment(1.10));
        assertEquals(-0.10, rules.adjustment(7.0));
        assertEquals(1, rules.tier(0.5));
        assertEquals(5, rules.tier(1.5));
    }

    @Test
    void everyConfiguredAdjustmentLiesWithinPcfBounds() {
        PbaRules rules = defaults();
        for (double ratio = 0; ratio < 3; ratio += 0.01) {
            double a = rules.adjustment(ratio);
            assertTrue(a >= -0.10 && a <= 0.50, "ratio " + ratio + " gave " + a);
        }
    }

    @Test
    void adjustmentsOutsideTheBoundsOrUnorderedCutPointsAreRejected() {
        assertThrows(ConfigurationException.class, () -> new PbaRules(PbaRules.Benchmark.COMPARISON_ARM, 0, 0,
                List.of(new PbaRules.CutPoint(0.9, 0.6)), -0.1));
        assertThrows(ConfigurationException.class, () -> new PbaRules(PbaRules.Benchmark.COMPARISON_ARM, 0, 0,
                List.of(new PbaRules.CutPoint(0.9, 0.2)), -0.2));
        assertThrows(ConfigurationException.class, () -> new PbaRules(PbaRules.Benchmark.COMPARISON_ARM, 0, 0,
                List.of(new PbaRules.CutPoint(0.9, 0.2), new PbaRules.CutPoint(0.9, 0.1)), -0.1));
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> EvaluationSettings.from(
                CareLensConfig.load(null, Map.of("evaluation.pba.otherwise", -0.5))));
        assertTrue(e.getMessage().contains("[-0.10, +0.50]"), e.getMessage());
    }

    @Test
    void practicesAreComparedWithTheComparisonArmsPooledRate() {
        PerformanceBasedAdjustment pba = new PerformanceBasedAdjustment(defaults(), 10);
        List<PracticeUtilization> practices = List.of(
                new PracticeUtilization("P1", "intervention", 30, 200),   // 150 per 1,000: ratio 0.75
                new PracticeUtilization("P2", "intervention", 44, 200),   // 220: ratio 1.10
                new PracticeUtilization("P3", "intervention", 2, 10),     // too little time
                new PracticeUtilization("P4", "comparison", 60, 300),
                new PracticeUtilization("P5", "comparison", 20, 100));    // pooled 80 / 400 = 200 per 1,000

        assertEquals(200.0, pba.benchmarkRate(practices), 1e-9);
        List<Adjustment> adjusted = pba.adjust(practices);
        assertEquals(3, adjusted.size(), "comparison practices get no adjustment");
        assertEquals(0.75, adjusted.get(0).ratio(), 1e-12);
        assertEquals(0.50, adjusted.get(0).adjustment());
        assertEquals(1.10, adjusted.get(1).ratio(), 1e-12);
        assertEquals(-0.10, adjusted.get(1).adjustment());
        assertEquals(PerformanceBasedAdjustment.INSUFFICIENT_VOLUME, adjusted.get(2).status());
        assertTrue(Double.isNaN(adjusted.get(2).adjustment()));
    }

    @Test
    void aFixedBenchmarkIgnoresTheComparisonArm() {
        PbaRules rules = EvaluationSettings.from(CareLensConfig.load(null, Map.of("evaluation.pba.benchmark", "fixed",
                "evaluation.pba.fixed-benchmark-rate", 100.0))).pba();
        PerformanceBasedAdjustment pba = new PerformanceBasedAdjustment(rules, 10);
        List<Adjustment> adjusted = pba.adjust(List.of(new PracticeUtilization("P1", "intervention", 19, 200),
                new PracticeUtilization("P4", "comparison", 60, 300)));

        assertEquals(100.0, adjusted.get(0).benchmarkRate());
        assertEquals(0.95, adjusted.get(0).ratio(), 1e-12);
        assertEquals(0.10, adjusted.get(0).adjustment());
    }
}
