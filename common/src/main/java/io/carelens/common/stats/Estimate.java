package io.carelens.common.stats;

/**
 * A point estimate with two-sided confidence limits and the provenance PHE records with every output: the method
 * ("Wilson", "Exact", "Byars", "Dobson"...), the confidence level and a data-quality flag.
 *
 * <p>Unavailable values are NaN; a missing lower limit alone (Byar at a count of zero) is also NaN.
 *
 * @param value the point estimate
 * @param lower the lower confidence limit
 * @param upper the upper confidence limit
 * @param confidence the confidence level as a fraction
 * @param method the method name
 * @param quality whether the estimate is available, and why not
 */
public record Estimate(double value, double lower, double upper, double confidence, String method,
                       DataQuality quality) {

    static Estimate valid(double value, double lower, double upper, ConfidenceLevel level, String method) {
        return new Estimate(value, lower, upper, level.fraction(), method, DataQuality.VALID);
    }

    static Estimate unavailable(DataQuality quality, ConfidenceLevel level, String method) {
        return new Estimate(Double.NaN, Double.NaN, Double.NaN, level.fraction(), method, quality);
    }

    /** @return true when the point estimate is available */
    public boolean isAvailable() {
        return quality == DataQuality.VALID;
    }

    /**
     * Multiplies the value and both limits, e.g. by 100 for a percentage or 100,000 for a rate.
     *
     * @param multiplier the factor
     * @return the scaled estimate
     */
    public Estimate scaled(double multiplier) {
        return new Estimate(value * multiplier, lower * multiplier, upper * multiplier, confidence, method, quality);
    }
}
