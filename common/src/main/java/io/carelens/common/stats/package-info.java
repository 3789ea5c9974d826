/**
 * Pure-Java statistics for CareLens population-health reporting: confidence intervals for proportions and Poisson
 * rates, directly and indirectly standardised rates, disparity measures (pairwise, unordered summary and ordered
 * groups), the AHRQ better/worse/same rule, small-cell suppression and difference-in-differences.
 *
 * <p>The formulas, conventions and test vectors are documented in {@code shared/methods/statistics.md}. Every quantile
 * comes from Apache Commons Statistics. Functions that Spark calls row by row never throw on data problems: missing
 * inputs are passed as {@link Double#NaN} and produce a {@link io.carelens.common.stats.Estimate} whose values are NaN
 * and whose {@link io.carelens.common.stats.DataQuality} says why. Configuration errors (for example a confidence level
 * below 90%) throw {@link IllegalArgumentException}.
 */
package io.carelens.common.stats;
