package io.carelens.jobs.equity;

import io.carelens.common.stats.GroupEstimate;

/**
 * One group's published rate, as the disparity calculations see it: what was counted, the estimate on the reporting
 * scale with its standard error and interval, and whether suppression withholds it. Built by {@link MeasureRates}
 * (proportions) and {@link UtilizationGroupRates} (events per person-years).
 *
 * @param dimension the dimension
 * @param stratum the group
 * @param count numerator or events
 * @param population performance denominator or person-years: the group's weight in summary measures
 * @param estimate the rate (proportion, or events per multiplier person-years)
 * @param standardError its standard error on the same scale
 * @param lower lower confidence limit
 * @param upper upper confidence limit
 * @param suppressed true when the rate is withheld; metrics that use it are withheld too
 */
public record StratumRate(String dimension, String stratum, double count, double population, double estimate,
                          double standardError, double lower, double upper, boolean suppressed) {

    /** Whether the rate can enter a disparity metric: published and with a positive denominator. */
    public boolean usable() {
        return !suppressed && population > 0 && !Double.isNaN(estimate);
    }

    /** The estimate in the statistics library's form. */
    public GroupEstimate group() {
        return new GroupEstimate(stratum, estimate, standardError, population);
    }
}
