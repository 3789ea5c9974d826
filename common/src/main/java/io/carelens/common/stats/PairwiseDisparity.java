package io.carelens.common.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Pairwise disparity of each group against a reference group (statistics.md §5): the difference y_j − y_ref with SE
 * √(s_j² + s_ref²), and the ratio y_j/y_ref with a log-scale interval, SE[ln RR] = √(s_j²/y_j² + s_ref²/y_ref²).
 */
public final class PairwiseDisparity {

    /** Label of the synthetic reference group built by {@link ReferenceGroup#OVERALL}. */
    public static final String OVERALL_GROUP = "overall";

    private PairwiseDisparity() {
    }

    /** How the reference group is chosen. */
    public enum ReferenceGroup {
        /** A designated group, e.g. non-Hispanic White or private insurance. */
        NAMED_GROUP,
        /** The group with the most favourable estimate for the measure's polarity. */
        MOST_FAVOURABLE,
        /** The group with the largest population. */
        LARGEST_GROUP,
        /**
         * The population-weighted mean μ = Σ p_j·y_j (the total-population rate for crude rates), with SE
         * √(Σ p_j²·s_j²). The groups are part of the total, so intervals against it are approximate.
         */
        OVERALL
    }

    /**
     * One group compared with the reference.
     *
     * @param group the compared group
     * @param reference the reference group
     * @param difference y_j − y_ref with its interval
     * @param ratio y_j/y_ref with its interval
     */
    public record Comparison(String group, String reference, Interval difference, Interval ratio) {
    }

    /**
     * Selects the reference group.
     *
     * @param groups the groups
     * @param choice how to choose
     * @param namedGroup the group label for {@link ReferenceGroup#NAMED_GROUP} (ignored otherwise)
     * @param polarity the measure's favourable direction, for {@link ReferenceGroup#MOST_FAVOURABLE}
     * @return the reference group's estimate
     */
    public static GroupEstimate reference(List<GroupEstimate> groups, ReferenceGroup choice, String namedGroup,
                                          Polarity polarity) {
        return switch (choice) {
            case NAMED_GROUP -> groups.stream().filter(g -> g.group().equals(namedGroup)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no reference group named " + namedGroup));
            case MOST_FAVOURABLE -> best(groups, polarity);
            case LARGEST_GROUP -> groups.stream().max(Comparator.comparingDouble(GroupEstimate::population))
                    .orElseThrow(() -> new IllegalArgumentException("no groups"));
            case OVERALL -> overall(groups);
        };
    }

    /**
     * Compares every group with the reference (the reference itself included, with difference 0 and ratio 1).
     *
     * @param groups the groups
     * @param reference the reference, see {@link #reference}
     * @param confidence level as 0.95 or 95
     * @return one comparison per group, in input order
     */
    public static List<Comparison> compare(List<GroupEstimate> groups, GroupEstimate reference, double confidence) {
        List<Comparison> comparisons = new ArrayList<>();
        for (GroupEstimate group : groups) {
            comparisons.add(new Comparison(group.group(), reference.group(), difference(group, reference, confidence),
                    ratio(group, reference, confidence)));
        }
        return comparisons;
    }

    /**
     * Difference y_j − y_ref with a normal interval, SE = √(s_j² + s_ref²).
     *
     * @param group the compared group
     * @param reference the reference group
     * @param confidence level as 0.95 or 95
     * @return the difference with its interval
     */
    public static Interval difference(GroupEstimate group, GroupEstimate reference, double confidence) {
        double se = Math.hypot(group.standardError(), reference.standardError());
        return Interval.normal(group.estimate() - reference.estimate(), se, ConfidenceLevel.of(confidence));
    }

    /**
     * Ratio y_j/y_ref with interval exp(ln RR ± z·SE), SE[ln RR] = √(s_j²/y_j² + s_ref²/y_ref²).
     *
     * @param group the compared group
     * @param reference the reference group
     * @param confidence level as 0.95 or 95
     * @return the ratio with its interval
     */
    public static Interval ratio(GroupEstimate group, GroupEstimate reference, double confidence) {
        double logSe = Math.hypot(group.standardError() / group.estimate(),
                reference.standardError() / reference.estimate());
        return logRatioInterval(group.estimate() / reference.estimate(), logSe, confidence);
    }

    /**
     * Ratio of two Poisson rates, with SE[ln RR] = √(1/O_j + 1/O_ref).
     *
     * @param count events in the compared group
     * @param denominator population or person-time of the compared group
     * @param referenceCount events in the reference group
     * @param referenceDenominator population or person-time of the reference group
     * @param confidence level as 0.95 or 95
     * @return the rate ratio with its interval
     */
    public static Interval poissonRateRatio(double count, double denominator, double referenceCount,
                                            double referenceDenominator, double confidence) {
        double ratio = (count / denominator) / (referenceCount / referenceDenominator);
        return logRatioInterval(ratio, Math.sqrt(1.0 / count + 1.0 / referenceCount), confidence);
    }

    static GroupEstimate best(List<GroupEstimate> groups, Polarity polarity) {
        GroupEstimate best = null;
        for (GroupEstimate group : groups) {
            if (best == null || polarity.isBetter(group.estimate(), best.estimate())) {
                best = group;
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("no groups");
        }
        return best;
    }

    static GroupEstimate overall(List<GroupEstimate> groups) {
        double total = groups.stream().mapToDouble(GroupEstimate::population).sum();
        double mean = 0;
        double variance = 0;
        for (GroupEstimate group : groups) {
            double share = group.population() / total;
            mean += share * group.estimate();
            variance += share * share * group.standardError() * group.standardError();
        }
        return new GroupEstimate(OVERALL_GROUP, mean, Math.sqrt(variance), total);
    }

    private static Interval logRatioInterval(double ratio, double logSe, double confidence) {
        double half = ConfidenceLevel.of(confidence).z() * logSe;
        return new Interval(ratio, ratio * Math.exp(-half), ratio * Math.exp(half));
    }
}
