package io.carelens.common.stats;

import org.apache.commons.statistics.distribution.GammaDistribution;

/**
 * Confidence limits for a Poisson count O and for the rate O/n × multiplier (statistics.md §2): exact Garwood limits,
 * Byar's approximation in PHE's form, and PHE's switching rule (exact below {@value #EXACT_BELOW} events, Byar from
 * there on). Rate limits are the count limits divided by n and multiplied by the multiplier.
 *
 * <p>A missing count or denominator (NaN), n ≤ 0 or O &lt; 0 gives an unavailable estimate; O &gt; n is allowed
 * (repeat events).
 */
public final class PoissonRates {

    /** PHE uses exact limits for counts below this and Byar's approximation from it upwards. */
    public static final int EXACT_BELOW = 10;
    /** Method name of exact (Garwood) limits, as PHE reports it. */
    public static final String EXACT = "Exact";
    /** Method name of Byar's limits, as PHE reports it. */
    public static final String BYARS = "Byars";

    private PoissonRates() {
    }

    /**
     * Exact (Garwood) limits of a count: GammaInv(α/2; O) and GammaInv(1 − α/2; O + 1), lower 0 at O = 0.
     *
     * @param count observed events, ≥ 0
     * @param confidence level as 0.95 or 95
     * @return the count with its limits
     */
    public static Interval exactCount(double count, double confidence) {
        ConfidenceLevel level = ConfidenceLevel.of(confidence);
        double halfAlpha = level.alpha() / 2.0;
        double lower = count == 0 ? 0.0 : GammaDistribution.of(count, 1.0).inverseCumulativeProbability(halfAlpha);
        double upper = GammaDistribution.of(count + 1.0, 1.0).inverseCumulativeProbability(1.0 - halfAlpha);
        return new Interval(count, lower, upper);
    }

    /**
     * Byar's limits of a count, O·(1 − 1/(9O) − z/(3√O))³ and (O + 1)·(1 − 1/(9(O + 1)) + z/(3√(O + 1)))³; the lower
     * limit is NaN when O = 0 or when the formula goes negative.
     *
     * @param count observed events, ≥ 0
     * @param confidence level as 0.95 or 95
     * @return the count with its limits
     */
    public static Interval byarCount(double count, double confidence) {
        double z = ConfidenceLevel.of(confidence).z();
        double lower = Double.NaN;
        if (count > 0) {
            double candidate = count * Math.pow(1.0 - 1.0 / (9.0 * count) - z / (3.0 * Math.sqrt(count)), 3);
            lower = candidate < 0 ? Double.NaN : candidate;
        }
        double next = count + 1.0;
        double upper = next * Math.pow(1.0 - 1.0 / (9.0 * next) + z / (3.0 * Math.sqrt(next)), 3);
        return new Interval(count, lower, upper);
    }

    /**
     * Count limits by PHE's rule: exact below {@value #EXACT_BELOW} events, Byar otherwise.
     *
     * @param count observed events, ≥ 0
     * @param confidence level as 0.95 or 95
     * @return the count with its limits
     */
    public static Interval pheCount(double count, double confidence) {
        return count < EXACT_BELOW ? exactCount(count, confidence) : byarCount(count, confidence);
    }

    /**
     * The method name PHE reports for a count under its switching rule.
     *
     * @param count observed events
     * @return {@value #EXACT} or {@value #BYARS}
     */
    public static String pheMethod(double count) {
        return count < EXACT_BELOW ? EXACT : BYARS;
    }

    /**
     * A rate with PHE's limits (exact below {@value #EXACT_BELOW} events, Byar otherwise), as {@code phe_rate}.
     *
     * @param count observed events
     * @param denominator population or person-time
     * @param multiplier e.g. 1,000 or 100,000
     * @param confidence level as 0.95 or 95
     * @return the rate per multiplier with its limits and the method used
     */
    public static Estimate rate(double count, double denominator, double multiplier, double confidence) {
        return rate(count, denominator, multiplier, confidence, pheMethod(count));
    }

    /**
     * A rate with exact (Garwood) limits at every count.
     *
     * @param count observed events
     * @param denominator population or person-time
     * @param multiplier e.g. 1,000 or 100,000
     * @param confidence level as 0.95 or 95
     * @return the rate per multiplier with its limits
     */
    public static Estimate exactRate(double count, double denominator, double multiplier, double confidence) {
        return rate(count, denominator, multiplier, confidence, EXACT);
    }

    /**
     * A rate with Byar's limits at every count (lower limit NaN at a count of zero).
     *
     * @param count observed events
     * @param denominator population or person-time
     * @param multiplier e.g. 1,000 or 100,000
     * @param confidence level as 0.95 or 95
     * @return the rate per multiplier with its limits
     */
    public static Estimate byarRate(double count, double denominator, double multiplier, double confidence) {
        return rate(count, denominator, multiplier, confidence, BYARS);
    }

    private static Estimate rate(double count, double denominator, double multiplier, double confidence,
                                 String method) {
        ConfidenceLevel level = ConfidenceLevel.of(confidence);
        if (Double.isNaN(count) || Double.isNaN(denominator)) {
            return Estimate.unavailable(DataQuality.MISSING_INPUT, level, method);
        }
        if (denominator <= 0) {
            return Estimate.unavailable(DataQuality.NON_POSITIVE_DENOMINATOR, level, method);
        }
        if (count < 0) {
            return Estimate.unavailable(DataQuality.INVALID_NUMERATOR, level, method);
        }
        Interval limits = EXACT.equals(method) ? exactCount(count, confidence) : byarCount(count, confidence);
        double scale = multiplier / denominator;
        return Estimate.valid(count * scale, limits.lower() * scale, limits.upper() * scale, level, method);
    }
}
