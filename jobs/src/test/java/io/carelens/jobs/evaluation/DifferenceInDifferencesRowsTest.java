package io.carelens.jobs.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The estimators behind gold/evaluation rows, checked against hand computation on tiny inputs. */
class DifferenceInDifferencesRowsTest {
    private static final double TOL = 1e-9;

    /** A binary cell: events people with the outcome among n, one denominator membership each. */
    static RatioSums binary(long events, long n) {
        return new RatioSums(n, events, n, events, events, n);
    }

    private static CellKey.StratumKey key(String dimension, String stratum) {
        return new CellKey.StratumKey("CMS2", dimension, stratum);
    }

    @Test
    void independentCellsReproduceTheWorkedExampleOfStatisticsSection11() {
        Effect e = Effect.independent(key("overall", "all"), PersonOutcomes.QUALITY, binary(120, 1000),
                binary(100, 1000), binary(110, 1000), binary(108, 1000));
        EvaluationRow row = EvaluationRows.effectRow(e);

        assertEquals(-0.018, row.statistics().estimate(), TOL);
        assertEquals(0.0197442650, row.statistics().standardError(), 1e-10);
        assertEquals(-0.0566980, row.statistics().ci95Lower(), 1e-7);
        assertEquals(0.0206980, row.statistics().ci95Upper(), 1e-7);
        assertEquals(-0.0504764, row.statistics().ci90Lower(), 1e-7);
        assertEquals(0.0144764, row.statistics().ci90Upper(), 1e-7);
        assertEquals(0.3619, row.statistics().pValue(), 1e-4);
        assertEquals(0.12, row.cells().t0Mean(), TOL);
        assertEquals(0.108, row.cells().c1Mean(), TOL);
        assertEquals(1000, row.cells().c0People());
        assertEquals(Effect.INDEPENDENT, row.method());
    }

    @Test
    void intervalHalfWidthsAreTheNormalQuantilesTimesTheStandardError() {
        Effect e = Effect.independent(key("overall", "all"), PersonOutcomes.QUALITY, binary(30, 200),
                binary(60, 200), binary(40, 250), binary(45, 250));
        EvaluationRow.Statistics s = EvaluationRows.effectRow(e).statistics();
        double se = Math.sqrt(0.15 * 0.85 / 200 + 0.3 * 0.7 / 200 + 0.16 * 0.84 / 250 + 0.18 * 0.82 / 250);

        assertEquals(se, s.standardError(), 1e-12);
        assertEquals(2 * 1.6448536269514722 * se, s.ci90Upper() - s.ci90Lower(), 1e-12);
        assertEquals(2 * 1.959963984540054 * se, s.ci95Upper() - s.ci95Lower(), 1e-12);
        assertEquals(s.estimate(), (s.ci90Upper() + s.ci90Lower()) / 2, 1e-12);
    }

    @Test
    void pairedBinaryChangesUseTheWithinPersonVariance() {
        // Intervention: 60 people, 20 go 0 -> 1, 15 stay 1, 25 stay 0: d has 20 ones, 40 zeros.
        PanelSums t = panel(new int[][] {{0, 1, 20}, {1, 1, 15}, {0, 0, 25}});
        // Comparison: 60 people, 6 go 0 -> 1, 3 go 1 -> 0, 14 stay 1, 37 stay 0.
        PanelSums c = panel(new int[][] {{0, 1, 6}, {1, 0, 3}, {1, 1, 14}, {0, 0, 37}});
        Effect e = Effect.paired(key("overall", "all"), PersonOutcomes.QUALITY, t, c);

        double meanT = 20.0 / 60;
        double varT = 20.0 / 60 - meanT * meanT;
        double meanC = 3.0 / 60;
        double varC = 9.0 / 60 - meanC * meanC;
        assertEquals(meanT - meanC, e.result().estimate(), TOL);
        assertEquals(Math.sqrt(varT / 60 + varC / 60), e.result().standardError(), TOL);
        // Far below the four-cell SE, which ignores the correlation of a person's two periods.
        Effect independent = Effect.independent(e.key(), e.kind(), t.baseline(), t.performance(), c.baseline(),
                c.performance());
        assertTrue(e.result().standardError() < independent.result().standardError());
        assertEquals(independent.result().estimate(), e.result().estimate(), TOL);
    }

    @Test
    void pairedRatesWithUnequalExposureUseLinearisedChanges() {
        // Two intervention people: (e0, w0, e1, w1) = (2, 1, 1, 1) and (0, 0.5, 0, 1).
        // R0 = 2/1.5, R1 = 1/2. a_i = (e1 - R1 w1)/W1, b_i = (e0 - R0 w0)/W0.
        double r0 = 2 / 1.5;
        double r1 = 0.5;
        double a1 = (1 - r1) / 2;
        double a2 = (0 - r1) / 2;
        double b1 = (2 - r0) / 1.5;
        double b2 = (0 - r0 * 0.5) / 1.5;
        double expectedVariance = Math.pow(a1 - b1, 2) + Math.pow(a2 - b2, 2);
        PanelSums p = new PanelSums(new RatioSums(2, 2, 1.5, 4, 2, 1.25), new RatioSums(2, 1, 2, 1, 1, 2),
                1 * 2 + 0, 1 * 1 + 0, 1 * 2 + 0, 1 * 1 + 0.5);

        assertEquals(r1 - r0, p.meanChange(), TOL);
        assertEquals(expectedVariance, p.changeVariance(), TOL);
        assertEquals(expectedVariance, Math.pow(p.changes().standardDeviation(), 2) / p.changes().n(), TOL);
    }

    @Test
    void gapRowIsTheDifferenceOfTheTwoStrataEffectsWithIndependentErrors() {
        Effect black = Effect.independent(key("race", "black_or_african_american"), PersonOutcomes.QUALITY,
                binary(40, 100), binary(70, 100), binary(45, 120), binary(50, 120));
        Effect white = Effect.independent(key("race", "white"), PersonOutcomes.QUALITY,
                binary(80, 200), binary(100, 200), binary(90, 220), binary(99, 220));
        List<EvaluationRow> rows = EvaluationRows.build(List.of(black, white), Set.of(), Map.of("race", "white"));

        EvaluationRow gap = rows.stream().filter(r -> r.rowType().equals(EvaluationRow.GAP)).findFirst().orElseThrow();
        // Black: (0.70 - 0.40) - (50/120 - 45/120); white: (0.50 - 0.40) - (0.45 - 0.409090...).
        double didBlack = 0.30 - 5.0 / 120;
        double didWhite = 0.10 - (99.0 - 90.0) / 220;
        assertEquals(didBlack - didWhite, gap.statistics().estimate(), TOL);
        assertEquals(Math.hypot(black.result().standardError(), white.result().standardError()),
                gap.statistics().standardError(), TOL);
        assertEquals("white", gap.referenceStratum());
        assertEquals(0.40 - 0.40, gap.cells().t0Mean(), TOL);
        assertEquals(0.70 - 0.50, gap.cells().t1Mean(), TOL);
        assertEquals(3, rows.size(), "two effect rows and one gap row (none for the reference itself)");
    }

    @Test
    void aGapRowIsWithheldWhenItsReferenceStratumIsSuppressed() {
        Effect asian = Effect.independent(key("race", "asian"), PersonOutcomes.QUALITY, binary(40, 100),
                binary(70, 100), binary(45, 120), binary(50, 120));
        Effect white = Effect.independent(key("race", "white"), PersonOutcomes.QUALITY, binary(80, 200),
                binary(100, 200), binary(90, 220), binary(99, 220));
        List<EvaluationRow> rows = EvaluationRows.build(List.of(asian, white), Set.of(white.key()),
                Map.of("race", "white"));

        EvaluationRow gap = rows.stream().filter(r -> r.rowType().equals(EvaluationRow.GAP)).findFirst().orElseThrow();
        assertTrue(gap.suppressed());
        assertNull(gap.statistics());
        assertNull(gap.cells());
    }

    @Test
    void utilizationRowsAreScaledToPerThousandPersonYears() {
        // Each person a full year: cells of events per person-year.
        RatioSums t0 = new RatioSums(100, 40, 100, 60, 40, 100);
        RatioSums t1 = new RatioSums(100, 30, 100, 40, 30, 100);
        RatioSums c0 = new RatioSums(100, 35, 100, 45, 35, 100);
        RatioSums c1 = new RatioSums(100, 36, 100, 50, 36, 100);
        EvaluationRow row = EvaluationRows.effectRow(Effect.independent(new CellKey.StratumKey("ED_VISITS", "overall",
                "all"), PersonOutcomes.UTILIZATION, t0, t1, c0, c1));

        assertEquals(((0.30 - 0.40) - (0.36 - 0.35)) * 1000, row.statistics().estimate(), 1e-9);
        assertEquals(400, row.cells().t0Mean(), 1e-9);
        // Cell SE: sqrt(Σe² - 2RΣew + R²Σw²)/Σw = sqrt(60 - 2*0.4*40 + 0.16*100)/100 for t0.
        double se = Math.sqrt(60 - 32 + 16) / 100;
        assertEquals(se, t0.standardError(), 1e-12);
        assertEquals("per 1,000 person-years", row.unit());
    }

    /** A panel of binary people from rows {baseline value, performance value, how many people}. */
    static PanelSums panel(int[][] patterns) {
        long n = 0;
        double e0 = 0;
        double e1 = 0;
        double e1e0 = 0;
        for (int[] p : patterns) {
            n += p[2];
            e0 += p[0] * p[2];
            e1 += p[1] * p[2];
            e1e0 += p[0] * p[1] * p[2];
        }
        return new PanelSums(new RatioSums(n, e0, n, e0, e0, n), new RatioSums(n, e1, n, e1, e1, n), e1e0, e1, e0, n);
    }
}
