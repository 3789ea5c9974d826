package io.carelens.common.stats;

import static io.carelens.common.stats.Vectors.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.carelens.common.stats.DifferenceInDifferences.CellMean;
import io.carelens.common.stats.DifferenceInDifferences.ChangeSummary;
import io.carelens.common.stats.DifferenceInDifferences.Result;
import org.junit.jupiter.api.Test;

/**
 * The §11.4 worked example ({@code statistics.md}), values published rounded: tolerances are half a unit in the last
 * published place.
 *
 * <p>T 120/1000 → 100/1000, C 110/1000 → 108/1000, four independent cross-sections.
 */
class DifferenceInDifferencesTest {

    private static final Result WORKED = DifferenceInDifferences.independentGroups(CellMean.proportion(120, 1000),
            CellMean.proportion(100, 1000), CellMean.proportion(110, 1000), CellMean.proportion(108, 1000));

    @Test
    void workedExampleEstimateAndStandardError() {
        assertClose(-0.018, WORKED.estimate(), 1e-12, "DiD");
        assertEquals(0.0197442650, WORKED.standardError(), 5e-11, "SE");
        assertEquals(-0.9117, WORKED.z(), 5e-5, "z");
        assertEquals(0.3619, WORKED.pValue(), 5e-5, "p");
    }

    @Test
    void workedExampleIntervals() {
        Interval ci95 = WORKED.interval(0.95);
        Interval ci90 = WORKED.interval(90);
        assertEquals(-0.0566980, ci95.lower(), 5e-8, "95% lower");
        assertEquals(0.0206980, ci95.upper(), 5e-8, "95% upper");
        assertEquals(-0.0504764, ci90.lower(), 5e-8, "90% lower");
        assertEquals(0.0144764, ci90.upper(), 5e-8, "90% upper");
    }

    @Test
    void workedExampleHc1StandardError() {
        assertEquals(0.0197541445, WORKED.withHc1Correction(4000, 4).standardError(), 5e-11, "HC1 SE");
        assertEquals(WORKED.estimate(), WORKED.withHc1Correction(4000, 4).estimate());
    }

    @Test
    void pairedChangesUseTheVarianceOfWithinUnitChanges() {
        Result paired = DifferenceInDifferences.pairedChanges(new ChangeSummary(-0.02, 0.3, 1000),
                new ChangeSummary(-0.002, 0.25, 1000));
        assertClose(-0.018, paired.estimate(), 1e-12, "DiD");
        assertClose(Math.sqrt(0.09 / 1000 + 0.0625 / 1000), paired.standardError(), 1e-12, "SE");
    }

    @Test
    void continuousCellsUseStandardDeviationOverRootN() {
        CellMean cell = CellMean.of(250.0, 40.0, 400);
        assertEquals(2.0, cell.standardError(), 1e-12);
        Result result = DifferenceInDifferences.independentGroups(cell, CellMean.of(240, 40, 400),
                CellMean.of(255, 30, 900), CellMean.of(250, 30, 900));
        assertEquals(-5.0, result.estimate(), 1e-12);
        assertEquals(Math.sqrt(4 + 4 + 1 + 1), result.standardError(), 1e-12);
    }
}
