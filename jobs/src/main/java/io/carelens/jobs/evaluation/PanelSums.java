package io.carelens.jobs.evaluation;

import io.carelens.common.stats.DifferenceInDifferences.ChangeSummary;

/**
 * Sufficient statistics of the people of one arm x stratum observed in both periods (with the same arm): their
 * baseline and performance sums and the cross-period products. The within-person change of the ratio estimator is
 * R₁ − R₀ over these people, with variance Σ(a_i − b_i)², where a_i = (e_i1 − R₁w_i1)/W₁ and
 * b_i = (e_i0 − R₀w_i0)/W₀ are each person's linearised contributions; the covariance term is what makes the paired
 * standard error smaller than the four-cell one. With w = 1 this is the ordinary paired difference d_i = y_i1 − y_i0.
 *
 * @param baseline the panel's baseline sums
 * @param performance the panel's performance sums
 * @param crossEvents Σe₁e₀
 * @param performanceEventsBaselineWeight Σe₁w₀
 * @param performanceWeightBaselineEvents Σw₁e₀
 * @param crossWeight Σw₁w₀
 */
record PanelSums(RatioSums baseline, RatioSums performance, double crossEvents,
                 double performanceEventsBaselineWeight, double performanceWeightBaselineEvents, double crossWeight) {

    long people() {
        return performance.people();
    }

    double meanChange() {
        return performance.mean() - baseline.mean();
    }

    /** @return the variance of the mean change, Σa² + Σb² − 2Σab */
    double changeVariance() {
        double r1 = performance.mean();
        double r0 = baseline.mean();
        double crossResiduals = crossEvents - r0 * performanceEventsBaselineWeight - r1 * performanceWeightBaselineEvents
                + r1 * r0 * crossWeight;
        double variance = performance.squaredResiduals() / (performance.weight() * performance.weight())
                + baseline.squaredResiduals() / (baseline.weight() * baseline.weight())
                - 2 * crossResiduals / (performance.weight() * baseline.weight());
        return Math.max(0.0, variance);
    }

    /**
     * The changes as the DiD estimator takes them: the standard deviation is the one of the people's linearised
     * changes n·(a_i − b_i), so that SD²/n is {@link #changeVariance()}.
     */
    ChangeSummary changes() {
        double n = people();
        return new ChangeSummary(meanChange(), Math.sqrt(changeVariance() * n), n);
    }

    boolean isEstimable() {
        return baseline.isEstimable() && performance.isEstimable();
    }
}
