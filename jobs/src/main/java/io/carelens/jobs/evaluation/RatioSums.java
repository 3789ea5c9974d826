package io.carelens.jobs.evaluation;

import io.carelens.common.stats.DifferenceInDifferences.CellMean;

/**
 * Sufficient statistics of one arm x period x stratum cell for the ratio estimator R = Σe / Σw over people (e: a
 * person's events, w: their weight). For a quality measure w is 1 per denominator membership and R is the
 * proportion; for utilization w is attributed person-years and R the events per person-year. The standard error is
 * the linearised (HC0, person-clustered) one, √Σ(e_i − R·w_i)² / Σw, which for a binary outcome with w = 1 is
 * √(p(1 − p)/n) exactly.
 *
 * @param people people in the cell
 * @param events Σe
 * @param weight Σw
 * @param eventsSquared Σe²
 * @param eventsWeight Σe·w
 * @param weightSquared Σw²
 */
record RatioSums(long people, double events, double weight, double eventsSquared, double eventsWeight,
                 double weightSquared) {

    /** @return R = Σe / Σw, NaN for an empty cell */
    double mean() {
        return weight > 0 ? events / weight : Double.NaN;
    }

    /** @return Σ(e_i − R·w_i)², the numerator of the variance */
    double squaredResiduals() {
        double r = mean();
        return Math.max(0.0, eventsSquared - 2 * r * eventsWeight + r * r * weightSquared);
    }

    /** @return the linearised standard error of R */
    double standardError() {
        return Math.sqrt(squaredResiduals()) / weight;
    }

    /** @return the cell as the DiD estimator takes it */
    CellMean cell() {
        return new CellMean(mean(), standardError());
    }

    boolean isEstimable() {
        return people > 0 && weight > 0;
    }
}
