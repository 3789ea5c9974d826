package io.carelens.common.stats;

/**
 * One population group's estimate (a rate or proportion, on the reporting scale), its standard error and its
 * population: the input of the pairwise, summary and ordered disparity measures (statistics.md §5–§7).
 *
 * @param group the group label (e.g. a race/ethnicity category or a deprivation decile)
 * @param estimate the group's rate or proportion
 * @param standardError the standard error of the estimate
 * @param population the group's population, used for population shares
 */
public record GroupEstimate(String group, double estimate, double standardError, double population) {
}
