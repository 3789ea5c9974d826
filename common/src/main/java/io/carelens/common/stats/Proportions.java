package io.carelens.common.stats;

import org.apache.commons.statistics.distribution.BetaDistribution;

/**
 * Confidence intervals for a proportion x/n: Wilson score (PHE's method), Wilson with continuity correction
 * (Newcombe 1998, method 4) and Clopper–Pearson exact (statistics.md §1).
 *
 * <p>Every method returns a proportion of 1; use {@link Estimate#scaled(double)} for a percentage. Missing inputs
 * (NaN), n ≤ 0, x &lt; 0 and x &gt; n give an unavailable estimate with the matching {@link DataQuality}; nothing
 * throws on data. Non-integer x is accepted, as in PHE.
 */
public final class Proportions {

    /** Method name of {@link #wilson}. */
    public static final String WILSON = "Wilson";
    /** Method name of {@link #wilsonContinuityCorrected}. */
    public static final String WILSON_CC = "Wilson with continuity correction";
    /** Method name of {@link #clopperPearson}. */
    public static final String CLOPPER_PEARSON = "Clopper-Pearson";

    private Proportions() {
    }

    /**
     * Wilson score interval in PHE's form (2x + z² ∓ z·sqrt(z² + 4x(1 − x/n))) / (2(n + z²)).
     *
     * @param x events
     * @param n denominator
     * @param confidence level as 0.95 or 95
     * @return the proportion with its limits
     */
    public static Estimate wilson(double x, double n, double confidence) {
        ConfidenceLevel level = ConfidenceLevel.of(confidence);
        DataQuality quality = check(x, n);
        if (quality != DataQuality.VALID) {
            return Estimate.unavailable(quality, level, WILSON);
        }
        if (level.fraction() == 1.0) {
            return Estimate.valid(x / n, 0.0, 1.0, level, WILSON);
        }
        double z = level.z();
        double z2 = z * z;
        double root = z * Math.sqrt(z2 + 4.0 * x * (1.0 - x / n));
        double denominator = 2.0 * (n + z2);
        double lower = x == 0 ? 0.0 : (2.0 * x + z2 - root) / denominator;
        double upper = x == n ? 1.0 : (2.0 * x + z2 + root) / denominator;
        return Estimate.valid(x / n, lower, upper, level, WILSON);
    }

    /**
     * Wilson interval with continuity correction, Newcombe's closed form (not R's {@code prop.test}, which drops the
     * correction near x = n/2).
     *
     * @param x events
     * @param n denominator
     * @param confidence level as 0.95 or 95
     * @return the proportion with its limits
     */
    public static Estimate wilsonContinuityCorrected(double x, double n, double confidence) {
        ConfidenceLevel level = ConfidenceLevel.of(confidence);
        DataQuality quality = check(x, n);
        if (quality != DataQuality.VALID) {
            return Estimate.unavailable(quality, level, WILSON_CC);
        }
        if (level.fraction() == 1.0) {
            return Estimate.valid(x / n, 0.0, 1.0, level, WILSON_CC);
        }
        double z = level.z();
        double z2 = z * z;
        double p = x / n;
        double q = 1.0 - p;
        double denominator = 2.0 * (n + z2);
        double lower = x == 0 ? 0.0
                : Math.max(0.0, (2.0 * n * p + z2 - 1.0
                        - z * Math.sqrt(z2 - 2.0 - 1.0 / n + 4.0 * p * (n * q + 1.0))) / denominator);
        double upper = x == n ? 1.0
                : Math.min(1.0, (2.0 * n * p + z2 + 1.0
                        + z * Math.sqrt(z2 + 2.0 - 1.0 / n + 4.0 * p * (n * q - 1.0))) / denominator);
        return Estimate.valid(p, lower, upper, level, WILSON_CC);
    }

    /**
     * Clopper–Pearson exact interval from beta quantiles: L = BetaInv(α/2; x, n − x + 1),
     * U = BetaInv(1 − α/2; x + 1, n − x), with L = 0 at x = 0 and U = 1 at x = n.
     *
     * @param x events
     * @param n denominator
     * @param confidence level as 0.95 or 95
     * @return the proportion with its limits
     */
    public static Estimate clopperPearson(double x, double n, double confidence) {
        ConfidenceLevel level = ConfidenceLevel.of(confidence);
        DataQuality quality = check(x, n);
        if (quality != DataQuality.VALID) {
            return Estimate.unavailable(quality, level, CLOPPER_PEARSON);
        }
        double halfAlpha = level.alpha() / 2.0;
        double lower = x == 0 ? 0.0
                : BetaDistribution.of(x, n - x + 1.0).inverseCumulativeProbability(halfAlpha);
        double upper = x == n ? 1.0
                : BetaDistribution.of(x + 1.0, n - x).inverseCumulativeProbability(1.0 - halfAlpha);
        return Estimate.valid(x / n, lower, upper, level, CLOPPER_PEARSON);
    }

    private static DataQuality check(double x, double n) {
        if (Double.isNaN(x) || Double.isNaN(n)) {
            return DataQuality.MISSING_INPUT;
        }
        if (n <= 0) {
            return DataQuality.NON_POSITIVE_DENOMINATOR;
        }
        if (x < 0 || x > n) {
            return DataQuality.INVALID_NUMERATOR;
        }
        return DataQuality.VALID;
    }
}
