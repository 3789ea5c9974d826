package io.carelens.jobs.evaluation;

import io.carelens.common.stats.DifferenceInDifferences;
import io.carelens.common.stats.DifferenceInDifferences.Result;
import io.carelens.jobs.utilization.UtilizationMeasure;

/**
 * The difference-in-differences of one measure in one stratum before scaling and suppression: the estimator used,
 * the four cells it used (the panel's own baseline and performance sums for the paired estimator), and the result
 * (null when a cell is empty).
 *
 * @param key measure, dimension, stratum
 * @param kind quality or utilization
 * @param method {@link #PAIRED} or {@link #INDEPENDENT}
 * @param t0 intervention, baseline
 * @param t1 intervention, performance
 * @param c0 comparison, baseline
 * @param c1 comparison, performance
 * @param result the estimate and its SE, or null
 */
record Effect(CellKey.StratumKey key, String kind, String method, RatioSums t0, RatioSums t1, RatioSums c0,
              RatioSums c1, Result result) {

    static final String PAIRED = "paired";
    static final String INDEPENDENT = "independent";

    /** Utilization rates are reported per 1,000 (PQI: 100,000) person-years, proportions as fractions. */
    double scale() {
        return PersonOutcomes.UTILIZATION.equals(kind) ? UtilizationEventSource.kind(key.measureId()).multiplier() : 1.0;
    }

    String unit() {
        return PersonOutcomes.UTILIZATION.equals(kind) ? UtilizationEventSource.kind(key.measureId()).unit()
                : "proportion";
    }

    /** Whether the outcome is a proportion (a quality measure or a follow-up measure), whose complement is a count. */
    boolean isProportion() {
        return !PersonOutcomes.UTILIZATION.equals(kind)
                || UtilizationEventSource.kind(key.measureId()) == UtilizationMeasure.Kind.PROPORTION;
    }

    /** The four cells in the order t0, t1, c0, c1. */
    RatioSums[] cells() {
        return new RatioSums[] {t0, t1, c0, c1};
    }

    /** Four independent cross-sections. */
    static Effect independent(CellKey.StratumKey key, String kind, RatioSums t0, RatioSums t1, RatioSums c0,
                              RatioSums c1) {
        Result result = allEstimable(t0, t1, c0, c1)
                ? DifferenceInDifferences.independentGroups(t0.cell(), t1.cell(), c0.cell(), c1.cell()) : null;
        return new Effect(key, kind, INDEPENDENT, t0, t1, c0, c1, result);
    }

    /** Within-person changes of the people observed in both periods. */
    static Effect paired(CellKey.StratumKey key, String kind, PanelSums treated, PanelSums comparison) {
        Result result = treated != null && comparison != null && treated.isEstimable() && comparison.isEstimable()
                ? DifferenceInDifferences.pairedChanges(treated.changes(), comparison.changes()) : null;
        return new Effect(key, kind, PAIRED, treated == null ? null : treated.baseline(),
                treated == null ? null : treated.performance(), comparison == null ? null : comparison.baseline(),
                comparison == null ? null : comparison.performance(), result);
    }

    private static boolean allEstimable(RatioSums... cells) {
        for (RatioSums c : cells) {
            if (c == null || !c.isEstimable()) {
                return false;
            }
        }
        return true;
    }
}
