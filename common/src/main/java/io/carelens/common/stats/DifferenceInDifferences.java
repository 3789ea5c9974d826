package io.carelens.common.stats;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * The two-by-two difference-in-differences estimator for programme evaluation (statistics.md §11):
 * DiD = (ȳ_T1 − ȳ_T0) − (ȳ_C1 − ȳ_C0), with the standard error for four independent cross-sections or for a panel
 * of within-person changes.
 */
public final class DifferenceInDifferences {

    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    private DifferenceInDifferences() {
    }

    /**
     * The mean of one group in one period and its standard error.
     *
     * @param mean the cell mean (a proportion for a binary outcome)
     * @param standardError the standard error of the mean
     */
    public record CellMean(double mean, double standardError) {
        /**
         * A binary outcome's cell: p = events/n, SE = √(p(1 − p)/n).
         *
         * @param events people with the outcome
         * @param n people in the cell
         * @return the cell mean
         */
        public static CellMean proportion(double events, double n) {
            double p = events / n;
            return new CellMean(p, Math.sqrt(p * (1 - p) / n));
        }

        /**
         * A continuous outcome's cell: SE = sd/√n.
         *
         * @param mean the cell mean
         * @param standardDeviation the outcome's standard deviation in the cell
         * @param n people in the cell
         * @return the cell mean
         */
        public static CellMean of(double mean, double standardDeviation, double n) {
            return new CellMean(mean, standardDeviation / Math.sqrt(n));
        }
    }

    /**
     * Within-unit changes d_i = y_i1 − y_i0 of one group of a panel.
     *
     * @param meanChange the mean change
     * @param standardDeviation the standard deviation of the changes
     * @param n units in the group
     */
    public record ChangeSummary(double meanChange, double standardDeviation, double n) {
    }

    /**
     * A DiD estimate with its standard error.
     *
     * @param estimate the difference in differences
     * @param standardError its standard error
     */
    public record Result(double estimate, double standardError) {
        /** @return the z statistic estimate/SE */
        public double z() {
            return estimate / standardError;
        }

        /** @return the two-sided normal p-value */
        public double pValue() {
            return 2.0 * STANDARD_NORMAL.survivalProbability(Math.abs(z()));
        }

        /**
         * @param confidence level as 0.90/90 (common in CMS evaluations) or 0.95/95
         * @return the normal interval estimate ± z·SE
         */
        public Interval interval(double confidence) {
            return Interval.normal(estimate, standardError, ConfidenceLevel.of(confidence));
        }

        /**
         * Applies the HC1 small-sample factor √(N/(N − K)) to the standard error, to match a regression that reports
         * HC1 rather than HC0 robust errors.
         *
         * @param observations N, the number of person-period observations
         * @param parameters K, the number of regression coefficients (4 for the two-by-two model)
         * @return the estimate with the corrected standard error
         */
        public Result withHc1Correction(double observations, int parameters) {
            return new Result(estimate, standardError * Math.sqrt(observations / (observations - parameters)));
        }
    }

    /**
     * DiD for four independent cross-sections: SE = √(Σ_cells SE_c²), which equals the HC0 robust SE of the
     * interaction in a fully interacted linear model.
     *
     * @param treatedBefore treated group, baseline period
     * @param treatedAfter treated group, performance period
     * @param comparisonBefore comparison group, baseline period
     * @param comparisonAfter comparison group, performance period
     * @return the estimate and its SE
     */
    public static Result independentGroups(CellMean treatedBefore, CellMean treatedAfter, CellMean comparisonBefore,
                                           CellMean comparisonAfter) {
        double estimate = (treatedAfter.mean() - treatedBefore.mean())
                - (comparisonAfter.mean() - comparisonBefore.mean());
        double variance = square(treatedBefore.standardError()) + square(treatedAfter.standardError())
                + square(comparisonBefore.standardError()) + square(comparisonAfter.standardError());
        return new Result(estimate, Math.sqrt(variance));
    }

    /**
     * DiD for a panel (the same units in both periods) from within-unit changes: SE = √(s²_dT/n_T + s²_dC/n_C).
     *
     * @param treated the treated group's changes
     * @param comparison the comparison group's changes
     * @return the estimate and its SE
     */
    public static Result pairedChanges(ChangeSummary treated, ChangeSummary comparison) {
        double variance = square(treated.standardDeviation()) / treated.n()
                + square(comparison.standardDeviation()) / comparison.n();
        return new Result(treated.meanChange() - comparison.meanChange(), Math.sqrt(variance));
    }

    private static double square(double value) {
        return value * value;
    }
}
