package io.carelens.jobs.evaluation;

/**
 * One cell of the evaluation: a measure's stratum in one arm and one period ({@link Periods#BASELINE},
 * {@link Periods#PERFORMANCE}, or {@link #PANEL} for the people observed in both).
 *
 * @param measureId the measure or utilization outcome
 * @param dimension overall or an equity dimension
 * @param stratum the group within the dimension
 * @param arm intervention or comparison
 * @param period the period, or {@link #PANEL}
 */
record CellKey(String measureId, String dimension, String stratum, String arm, String period) {
    static final String PANEL = "panel";
    static final String INTERVENTION = "intervention";
    static final String COMPARISON = "comparison";

    StratumKey stratumKey() {
        return new StratumKey(measureId, dimension, stratum);
    }

    /**
     * A measure's stratum, the grain of a gold/evaluation effect row.
     *
     * @param measureId the measure
     * @param dimension the dimension
     * @param stratum the group
     */
    record StratumKey(String measureId, String dimension, String stratum) {
        CellKey cell(String arm, String period) {
            return new CellKey(measureId, dimension, stratum, arm, period);
        }
    }
}
