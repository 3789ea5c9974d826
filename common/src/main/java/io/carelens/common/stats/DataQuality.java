package io.carelens.common.stats;

/**
 * Why an {@link Estimate} is or is not available. Spark stages store it next to the estimate as a data-quality flag
 * instead of failing the job (statistics.md §0.2).
 */
public enum DataQuality {
    /** The estimate and its limits are valid. */
    VALID,
    /** The numerator or denominator is missing. */
    MISSING_INPUT,
    /** The denominator is zero or negative. */
    NON_POSITIVE_DENOMINATOR,
    /** The numerator is negative, or larger than the denominator of a proportion. */
    INVALID_NUMERATOR,
    /** The statistic is withheld because the total count is below the method's minimum (DSR: fewer than 10). */
    SMALL_COUNT
}
