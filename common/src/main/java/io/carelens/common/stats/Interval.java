package io.carelens.common.stats;

/**
 * A point estimate with two-sided limits, used where no method name or data-quality flag is needed (count limits,
 * disparity measures, simulated limits).
 *
 * @param estimate the point estimate
 * @param lower the lower limit
 * @param upper the upper limit
 */
public record Interval(double estimate, double lower, double upper) {

    /**
     * A symmetric normal-theory interval estimate ± z·SE.
     *
     * @param estimate the point estimate
     * @param standardError its standard error
     * @param level the confidence level
     * @return the interval
     */
    public static Interval normal(double estimate, double standardError, ConfidenceLevel level) {
        double half = level.z() * standardError;
        return new Interval(estimate, estimate - half, estimate + half);
    }
}
