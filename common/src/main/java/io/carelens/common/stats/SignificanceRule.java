package io.carelens.common.stats;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * AHRQ's "better / worse / same" rule (National Healthcare Disparities Report, statistics.md §8): a group differs
 * meaningfully from the reference only if the difference is significant at p ≤ 0.05 (two-tailed z test) and the
 * relative difference (y − y_ref)/y_ref is at least 10% in magnitude. The measure's {@link Polarity} then labels the
 * difference better or worse.
 *
 * <p>The relative difference depends on how the measure is framed: 70% vs 80% receiving care is −12.5%, but 30% vs
 * 20% not receiving care is +50%. {@link #classifyAdverseFraming} applies the rule to the complement of a proportion.
 */
public final class SignificanceRule {

    /** Minimum relative difference for a meaningful difference. */
    public static final double MINIMUM_RELATIVE_DIFFERENCE = 0.10;
    /** Largest two-tailed p-value for a significant difference (inclusive). */
    public static final double SIGNIFICANCE = 0.05;

    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    private SignificanceRule() {
    }

    /** The AHRQ verdict for a group against the reference. */
    public enum Verdict {
        /** Meaningfully more favourable than the reference. */
        BETTER,
        /** Meaningfully less favourable than the reference. */
        WORSE,
        /** No meaningful difference. */
        SAME
    }

    /**
     * The rule's inputs and outcome for one comparison.
     *
     * @param relativeDifference (y − y_ref)/y_ref in the framing used
     * @param z the z statistic (y − y_ref)/√(s² + s_ref²)
     * @param pValue the two-tailed p-value
     * @param verdict better, worse or same
     */
    public record Result(double relativeDifference, double z, double pValue, Verdict verdict) {
    }

    /**
     * Applies the rule to a group estimate and the reference, both framed as given.
     *
     * @param estimate the group's estimate
     * @param standardError its standard error
     * @param reference the reference group's estimate
     * @param referenceStandardError its standard error
     * @param polarity the favourable direction of the measure as framed
     * @return the verdict with the relative difference, z and p
     */
    public static Result classify(double estimate, double standardError, double reference,
                                  double referenceStandardError, Polarity polarity) {
        double relative = (estimate - reference) / reference;
        double z = (estimate - reference) / Math.hypot(standardError, referenceStandardError);
        double p = 2.0 * STANDARD_NORMAL.survivalProbability(Math.abs(z));
        Verdict verdict = Verdict.SAME;
        if (p <= SIGNIFICANCE && Math.abs(relative) >= MINIMUM_RELATIVE_DIFFERENCE) {
            verdict = polarity.isBetter(estimate, reference) ? Verdict.BETTER : Verdict.WORSE;
        }
        return new Result(relative, z, p, verdict);
    }

    /**
     * Applies the rule to proportions reframed as their complements (e.g. "not receiving care" for "receiving
     * care"): the values become 1 − p, the standard errors are unchanged and the polarity is inverted.
     *
     * @param proportion the group's proportion (fraction of 1)
     * @param standardError its standard error
     * @param referenceProportion the reference group's proportion
     * @param referenceStandardError its standard error
     * @param polarity the favourable direction of the proportion as measured
     * @return the verdict under the adverse framing
     */
    public static Result classifyAdverseFraming(double proportion, double standardError, double referenceProportion,
                                                double referenceStandardError, Polarity polarity) {
        return classify(1.0 - proportion, standardError, 1.0 - referenceProportion, referenceStandardError,
                polarity.inverse());
    }
}
