package io.carelens.common.stats;

import static io.carelens.common.stats.Vectors.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.carelens.common.stats.DisparitySummary.MeasureEstimate;
import io.carelens.common.stats.DisparitySummary.Weighting;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DisparitySummaryTest {

    private static final List<GroupEstimate> GROUPS = Vectors.read("healthequal_inputs_nonordered25.csv").stream()
            .map(r -> new GroupEstimate(r.text("group"), r.number("est"), r.number("se"), r.number("pop")))
            .toList();
    private static final double REFERENCE = Vectors.read("healthequal_inputs_nonordered25.csv").stream()
            .filter(r -> r.text("reference_subgroup").equals("1")).findFirst().orElseThrow().number("est");

    static Stream<Vectors.Row> expected() {
        return Vectors.read("healthequal_expected.csv").stream();
    }

    @ParameterizedTest
    @MethodSource("expected")
    void matchesHealthequal(Vectors.Row row) {
        double tolerance = row.number("test_tolerance");
        String measure = row.text("measure");
        MeasureEstimate result = switch (measure) {
            case "bgv" -> DisparitySummary.betweenGroupVariance(GROUPS);
            case "bgsd" -> point(DisparitySummary.betweenGroupStandardDeviation(GROUPS));
            case "idisu" -> point(DisparitySummary.indexOfDisparity(GROUPS, Weighting.UNWEIGHTED));
            case "idisw" -> point(DisparitySummary.indexOfDisparity(GROUPS, Weighting.POPULATION));
            case "mdmu" -> point(DisparitySummary.meanDifferenceFromMean(GROUPS, Weighting.UNWEIGHTED));
            case "mdmw" -> point(DisparitySummary.meanDifferenceFromMean(GROUPS, Weighting.POPULATION));
            case "mdbu" -> point(DisparitySummary.meanDifferenceFromBest(GROUPS, Polarity.HIGHER_IS_BETTER,
                    Weighting.UNWEIGHTED));
            case "mdbw" -> point(DisparitySummary.meanDifferenceFromBest(GROUPS, Polarity.HIGHER_IS_BETTER,
                    Weighting.POPULATION));
            case "mdru" -> point(DisparitySummary.meanDifferenceFromReference(GROUPS, REFERENCE,
                    Weighting.UNWEIGHTED));
            case "mdrw" -> point(DisparitySummary.meanDifferenceFromReference(GROUPS, REFERENCE,
                    Weighting.POPULATION));
            case "mld" -> scaled(DisparitySummary.meanLogDeviation(GROUPS));
            case "ti" -> scaled(DisparitySummary.theilIndex(GROUPS));
            default -> throw new IllegalArgumentException(measure);
        };
        assertClose(row.number("estimate"), result.estimate(), tolerance, measure);
        if (!row.text("se").isEmpty()) {
            assertClose(row.number("se"), result.standardError(), tolerance, measure + " se");
        }
        if (!row.text("lowerci").isEmpty() && !row.text("lowerci").startsWith("est")) {
            Interval interval = result.interval(0.95);
            assertClose(row.number("lowerci"), interval.lower(), tolerance, measure + " lower");
            assertClose(row.number("upperci"), interval.upper(), tolerance, measure + " upper");
        }
    }

    @Test
    void weightedMeanIsTheSettingAverage() {
        assertClose(67.70684499757557, DisparitySummary.weightedMean(GROUPS), 1e-12, "mu");
    }

    @Test
    void harperLynchIndexOfDisparityUsesTheBestRateAndTheOtherGroups() {
        List<GroupEstimate> groups = List.of(new GroupEstimate("a", 10, 1, 100), new GroupEstimate("b", 20, 1, 100),
                new GroupEstimate("c", 40, 1, 200));
        List<GroupEstimate> compared = groups.subList(1, 3);
        assertClose(100 * ((10 + 30) / 2.0) / 10, DisparitySummary.indexOfDisparity(compared, 10,
                Weighting.UNWEIGHTED), 1e-12, "ID");
        assertClose(100 * (0.25 * 10 + 0.5 * 30) / 10, DisparitySummary.indexOfDisparity(groups, 10,
                Weighting.POPULATION), 1e-12, "weighted ID");
    }

    @Test
    void bestGroupFollowsPolarity() {
        List<GroupEstimate> groups = List.of(new GroupEstimate("a", 10, 1, 100), new GroupEstimate("b", 20, 1, 100));
        assertEquals(5.0, DisparitySummary.meanDifferenceFromBest(groups, Polarity.LOWER_IS_BETTER,
                Weighting.UNWEIGHTED), 1e-12);
        assertEquals(5.0, DisparitySummary.meanDifferenceFromBest(groups, Polarity.HIGHER_IS_BETTER,
                Weighting.POPULATION), 1e-12);
    }

    @Test
    void equalGroupsHaveNoDisparityAndZeroEstimatesAreFloored() {
        List<GroupEstimate> equal = List.of(new GroupEstimate("a", 5, 1, 10), new GroupEstimate("b", 5, 1, 30));
        assertEquals(0.0, DisparitySummary.betweenGroupVariance(equal).estimate(), 1e-15);
        assertEquals(0.0, DisparitySummary.theilIndex(equal).estimate(), 1e-15);
        assertEquals(0.0, DisparitySummary.meanLogDeviation(equal).estimate(), 1e-15);
        List<GroupEstimate> withZero = List.of(new GroupEstimate("a", 0, 1, 10), new GroupEstimate("b", 5, 1, 10));
        double mld = DisparitySummary.meanLogDeviation(withZero).estimate();
        assertClose(-0.5 * Math.log(DisparitySummary.LOG_FLOOR / 2.5) - 0.5 * Math.log(2), mld, 1e-12, "mld");
    }

    private static MeasureEstimate point(double estimate) {
        return new MeasureEstimate(estimate, Double.NaN);
    }

    /** healthequal reports Theil and MLD × 1000 but their SE unscaled. */
    private static MeasureEstimate scaled(MeasureEstimate measure) {
        return new MeasureEstimate(1000 * measure.estimate(), measure.standardError());
    }
}
