package io.carelens.common.stats;

import static io.carelens.common.stats.Vectors.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.carelens.common.stats.PairwiseDisparity.Comparison;
import io.carelens.common.stats.PairwiseDisparity.ReferenceGroup;
import java.util.List;
import org.junit.jupiter.api.Test;

class PairwiseDisparityTest {

    private static final GroupEstimate WHITE = new GroupEstimate("White", 50.0, 2.0, 6000);
    private static final GroupEstimate BLACK = new GroupEstimate("Black", 80.0, 5.0, 2000);
    private static final GroupEstimate ASIAN = new GroupEstimate("Asian", 40.0, 4.0, 2000);
    private static final List<GroupEstimate> GROUPS = List.of(WHITE, BLACK, ASIAN);
    private static final double Z95 = 1.959963984540054;

    @Test
    void differenceUsesTheSumOfVariances() {
        Interval difference = PairwiseDisparity.difference(BLACK, WHITE, 0.95);
        double se = Math.sqrt(25 + 4);
        assertEquals(30.0, difference.estimate(), 1e-12);
        assertClose(30 - Z95 * se, difference.lower(), 1e-12, "lower");
        assertClose(30 + Z95 * se, difference.upper(), 1e-12, "upper");
    }

    @Test
    void ratioIntervalIsSymmetricOnTheLogScale() {
        Interval ratio = PairwiseDisparity.ratio(BLACK, WHITE, 95);
        double logSe = Math.sqrt(Math.pow(5.0 / 80, 2) + Math.pow(2.0 / 50, 2));
        assertEquals(1.6, ratio.estimate(), 1e-12);
        assertClose(1.6 * Math.exp(-Z95 * logSe), ratio.lower(), 1e-12, "lower");
        assertClose(1.6 * Math.exp(Z95 * logSe), ratio.upper(), 1e-12, "upper");
        double rr = ratio.estimate();
        double healthequalForm = Math.sqrt((25 + rr * rr * 4) / (50.0 * 50.0)) / rr;
        assertClose(healthequalForm, logSe, 1e-12, "healthequal delta-method form");
    }

    @Test
    void poissonRateRatioUsesReciprocalCounts() {
        Interval ratio = PairwiseDisparity.poissonRateRatio(40, 1000, 100, 5000, 0.95);
        double logSe = Math.sqrt(1.0 / 40 + 1.0 / 100);
        assertEquals(2.0, ratio.estimate(), 1e-12);
        assertClose(2.0 * Math.exp(-Z95 * logSe), ratio.lower(), 1e-12, "lower");
        assertClose(2.0 * Math.exp(Z95 * logSe), ratio.upper(), 1e-12, "upper");
        Interval poissonSe = PairwiseDisparity.ratio(new GroupEstimate("a", 0.04, Math.sqrt(40) / 1000, 1000),
                new GroupEstimate("b", 0.02, Math.sqrt(100) / 5000, 5000), 0.95);
        assertClose(ratio.lower(), poissonSe.lower(), 1e-12, "same as s/y = 1/sqrt(O)");
    }

    @Test
    void referenceGroupChoices() {
        assertEquals(ASIAN, PairwiseDisparity.reference(GROUPS, ReferenceGroup.NAMED_GROUP, "Asian", null));
        assertEquals(ASIAN, PairwiseDisparity.reference(GROUPS, ReferenceGroup.MOST_FAVOURABLE, null,
                Polarity.LOWER_IS_BETTER));
        assertEquals(BLACK, PairwiseDisparity.reference(GROUPS, ReferenceGroup.MOST_FAVOURABLE, null,
                Polarity.HIGHER_IS_BETTER));
        assertEquals(WHITE, PairwiseDisparity.reference(GROUPS, ReferenceGroup.LARGEST_GROUP, null, null));
        GroupEstimate overall = PairwiseDisparity.reference(GROUPS, ReferenceGroup.OVERALL, null, null);
        assertEquals(PairwiseDisparity.OVERALL_GROUP, overall.group());
        assertEquals(0.6 * 50 + 0.2 * 80 + 0.2 * 40, overall.estimate(), 1e-12);
        assertEquals(Math.sqrt(0.36 * 4 + 0.04 * 25 + 0.04 * 16), overall.standardError(), 1e-12);
        assertEquals(10000, overall.population(), 0);
        assertThrows(IllegalArgumentException.class,
                () -> PairwiseDisparity.reference(GROUPS, ReferenceGroup.NAMED_GROUP, "Other", null));
    }

    @Test
    void compareCoversEveryGroupAndTheReferenceIsNeutral() {
        List<Comparison> comparisons = PairwiseDisparity.compare(GROUPS, WHITE, 0.95);
        assertEquals(3, comparisons.size());
        Comparison self = comparisons.get(0);
        assertEquals("White", self.reference());
        assertEquals(0.0, self.difference().estimate(), 0);
        assertEquals(1.0, self.ratio().estimate(), 0);
        assertEquals(-10.0, comparisons.get(2).difference().estimate(), 1e-12);
        assertEquals(0.8, comparisons.get(2).ratio().estimate(), 1e-12);
    }
}
