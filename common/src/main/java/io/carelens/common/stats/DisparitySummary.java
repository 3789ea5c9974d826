package io.carelens.common.stats;

import java.util.List;

/**
 * Summary disparity measures over unordered groups (statistics.md §6, healthequal definitions): between-group
 * variance and standard deviation, index of disparity, mean differences from the mean, the best group or a reference,
 * the Theil index and the mean log deviation. The reference point μ is the population-weighted mean Σ p_j·y_j.
 *
 * <p>Theil and MLD are returned unscaled (healthequal reports the estimate × 1000 but the SE unscaled).
 */
public final class DisparitySummary {

    /** healthequal replaces a zero estimate by this before taking logs. */
    public static final double LOG_FLOOR = 1e-6;

    private DisparitySummary() {
    }

    /** Whether groups count equally (1/J) or by population share p_j. */
    public enum Weighting {
        /** Each group weighs 1/J. */
        UNWEIGHTED,
        /** Each group weighs its population share p_j. */
        POPULATION
    }

    /**
     * A summary measure with its analytic standard error.
     *
     * @param estimate the measure
     * @param standardError its standard error
     */
    public record MeasureEstimate(double estimate, double standardError) {
        /**
         * @param confidence level as 0.95 or 95
         * @return the normal interval estimate ± z·SE
         */
        public Interval interval(double confidence) {
            return Interval.normal(estimate, standardError, ConfidenceLevel.of(confidence));
        }
    }

    /**
     * @param groups the groups
     * @return the population-weighted mean μ = Σ p_j·y_j
     */
    public static double weightedMean(List<GroupEstimate> groups) {
        return PairwiseDisparity.overall(groups).estimate();
    }

    /**
     * Between-group variance Σ p_j(y_j − μ)² with healthequal's analytic SE.
     *
     * @param groups the groups
     * @return BGV and its SE
     */
    public static MeasureEstimate betweenGroupVariance(List<GroupEstimate> groups) {
        double mean = weightedMean(groups);
        double[] shares = shares(groups);
        double bgv = 0;
        double spread = 0;
        double sumP2S2 = 0;
        double sumP4S4 = 0;
        double sumComplement = 0;
        for (int j = 0; j < groups.size(); j++) {
            double p = shares[j];
            double deviation = groups.get(j).estimate() - mean;
            double s2 = groups.get(j).standardError() * groups.get(j).standardError();
            bgv += p * deviation * deviation;
            spread += p * p * s2 * deviation * deviation;
            sumP2S2 += p * p * s2;
            sumP4S4 += p * p * p * p * s2 * s2;
            sumComplement += p * p * (1 - p) * (1 - p) * s2 * s2;
        }
        double variance = 4 * spread + 2 * (sumP2S2 * sumP2S2 - sumP4S4 + sumComplement);
        return new MeasureEstimate(bgv, Math.sqrt(variance));
    }

    /**
     * @param groups the groups
     * @return the between-group standard deviation √BGV
     */
    public static double betweenGroupStandardDeviation(List<GroupEstimate> groups) {
        return Math.sqrt(betweenGroupVariance(groups).estimate());
    }

    /**
     * Index of disparity against the weighted mean (healthequal IDISU/IDISW): 100·Σ w_j|y_j − μ|/μ.
     *
     * @param groups the groups
     * @param weighting 1/J or p_j
     * @return the index, in percent
     */
    public static double indexOfDisparity(List<GroupEstimate> groups, Weighting weighting) {
        return indexOfDisparity(groups, weightedMean(groups), weighting);
    }

    /**
     * Index of disparity against a given reference value, 100·Σ w_j|y_j − y_ref|/y_ref. For the NCHS / Harper &amp;
     * Lynch variant pass the best group's rate and the groups without the reference, so that the divisor is the
     * number of groups compared.
     *
     * @param groups the groups compared
     * @param reference the reference value
     * @param weighting 1/J or p_j
     * @return the index, in percent
     */
    public static double indexOfDisparity(List<GroupEstimate> groups, double reference, Weighting weighting) {
        return 100.0 * meanAbsoluteDifference(groups, reference, weighting) / reference;
    }

    /**
     * Mean difference from the weighted mean (MDMU/MDMW), Σ w_j|y_j − μ|.
     *
     * @param groups the groups
     * @param weighting 1/J or p_j
     * @return the mean absolute difference
     */
    public static double meanDifferenceFromMean(List<GroupEstimate> groups, Weighting weighting) {
        return meanAbsoluteDifference(groups, weightedMean(groups), weighting);
    }

    /**
     * Mean difference from the best group (MDBU/MDBW), Σ w_j|y_j − y_best|.
     *
     * @param groups the groups
     * @param polarity decides which group is best (max if higher is better)
     * @param weighting 1/J or p_j
     * @return the mean absolute difference
     */
    public static double meanDifferenceFromBest(List<GroupEstimate> groups, Polarity polarity, Weighting weighting) {
        return meanAbsoluteDifference(groups, PairwiseDisparity.best(groups, polarity).estimate(), weighting);
    }

    /**
     * Mean difference from a reference value (MDRU/MDRW), Σ w_j|y_j − y_ref|.
     *
     * @param groups the groups
     * @param reference the reference group's estimate
     * @param weighting 1/J or p_j
     * @return the mean absolute difference
     */
    public static double meanDifferenceFromReference(List<GroupEstimate> groups, double reference,
                                                     Weighting weighting) {
        return meanAbsoluteDifference(groups, reference, weighting);
    }

    /**
     * Theil index T = Σ p_j r_j ln r_j, r_j = y_j/μ, with SE
     * √(Σ (1 + ln r_j − Σ_k p_k r_k(1 + ln r_k))² p_j² s_j²/μ²).
     *
     * @param groups the groups
     * @return T (unscaled) and its SE
     */
    public static MeasureEstimate theilIndex(List<GroupEstimate> groups) {
        double mean = weightedMean(groups);
        double[] shares = shares(groups);
        double theil = 0;
        double centre = 0;
        for (int j = 0; j < groups.size(); j++) {
            double r = ratioToMean(groups.get(j), mean);
            theil += shares[j] * r * Math.log(r);
            centre += shares[j] * r * (1 + Math.log(r));
        }
        double variance = 0;
        for (int j = 0; j < groups.size(); j++) {
            double r = ratioToMean(groups.get(j), mean);
            double gradient = 1 + Math.log(r) - centre;
            double s = shares[j] * groups.get(j).standardError() / mean;
            variance += gradient * gradient * s * s;
        }
        return new MeasureEstimate(theil, Math.sqrt(variance));
    }

    /**
     * Mean log deviation Σ p_j(−ln r_j), r_j = y_j/μ, with SE √(Σ p_j² s_j²/μ² · (1 − 1/r_j)²).
     *
     * @param groups the groups
     * @return MLD (unscaled) and its SE
     */
    public static MeasureEstimate meanLogDeviation(List<GroupEstimate> groups) {
        double mean = weightedMean(groups);
        double[] shares = shares(groups);
        double mld = 0;
        double variance = 0;
        for (int j = 0; j < groups.size(); j++) {
            double r = ratioToMean(groups.get(j), mean);
            mld -= shares[j] * Math.log(r);
            double term = shares[j] * groups.get(j).standardError() / mean * (1 - 1 / r);
            variance += term * term;
        }
        return new MeasureEstimate(mld, Math.sqrt(variance));
    }

    private static double meanAbsoluteDifference(List<GroupEstimate> groups, double reference, Weighting weighting) {
        double[] shares = shares(groups);
        double sum = 0;
        for (int j = 0; j < groups.size(); j++) {
            double weight = weighting == Weighting.POPULATION ? shares[j] : 1.0 / groups.size();
            sum += weight * Math.abs(groups.get(j).estimate() - reference);
        }
        return sum;
    }

    private static double ratioToMean(GroupEstimate group, double mean) {
        return (group.estimate() == 0 ? LOG_FLOOR : group.estimate()) / mean;
    }

    private static double[] shares(List<GroupEstimate> groups) {
        double total = groups.stream().mapToDouble(GroupEstimate::population).sum();
        return groups.stream().mapToDouble(g -> g.population() / total).toArray();
    }
}
