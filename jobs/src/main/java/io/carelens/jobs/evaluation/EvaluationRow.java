package io.carelens.jobs.evaluation;

import io.carelens.common.schema.GoldTable;
import java.sql.Date;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * One row of gold/evaluation: a difference-in-differences of a measure in one stratum ({@code row_type = effect}), or
 * of the gap between a stratum and its dimension's reference group ({@code row_type = gap}), with its standard error,
 * 90% and 95% intervals, two-sided p-value and the four cells it came from. Statistics are null when the row is
 * suppressed or a cell is empty.
 *
 * @param measureId measure or utilization outcome
 * @param kind quality or utilization
 * @param unit proportion, or per 1,000 person-years
 * @param dimension overall or an equity dimension
 * @param stratum the group
 * @param rowType effect or gap
 * @param referenceStratum for a gap row, the reference group
 * @param method paired (within-person changes) or independent (four cross-sections)
 * @param statistics the estimate, its SE, intervals and p-value; null when not estimable or suppressed
 * @param cells the four cell means and people counts; for a gap row the means are group minus reference and the
 *              counts are the group's
 * @param suppressed whether a cell reveals (or lets one derive) a count from 1 to the threshold
 */
record EvaluationRow(String measureId, String kind, String unit, String dimension, String stratum, String rowType,
                     String referenceStratum, String method, Statistics statistics, Cells cells, boolean suppressed) {

    static final String EFFECT = "effect";
    static final String GAP = "gap";

    /**
     * @param estimate the difference in differences
     * @param standardError its standard error
     * @param ci90Lower 90% lower limit
     * @param ci90Upper 90% upper limit
     * @param ci95Lower 95% lower limit
     * @param ci95Upper 95% upper limit
     * @param pValue two-sided normal p-value
     */
    record Statistics(double estimate, double standardError, double ci90Lower, double ci90Upper, double ci95Lower,
                      double ci95Upper, double pValue) {
    }

    /**
     * The four cells: intervention (T) and comparison (C), baseline (0) and performance (1).
     */
    record Cells(double t0Mean, double t1Mean, double c0Mean, double c1Mean, long t0People, long t1People,
                 long c0People, long c1People) {
    }

    EvaluationRow suppress() {
        return new EvaluationRow(measureId, kind, unit, dimension, stratum, rowType, referenceStratum, method, null,
                null, true);
    }

    /** The row in the column order of {@link GoldTable#EVALUATION}. */
    Row toRow(String programId, EvaluationSettings settings) {
        Statistics s = statistics;
        Cells c = cells;
        return RowFactory.create(programId, measureId, kind, unit, dimension, stratum, rowType, referenceStratum,
                method, Date.valueOf(settings.baseline().start()), Date.valueOf(settings.baseline().end()),
                Date.valueOf(settings.performance().start()), Date.valueOf(settings.performance().end()),
                s == null ? null : finite(s.estimate()), s == null ? null : finite(s.standardError()),
                s == null ? null : finite(s.ci90Lower()), s == null ? null : finite(s.ci90Upper()),
                s == null ? null : finite(s.ci95Lower()), s == null ? null : finite(s.ci95Upper()),
                s == null ? null : finite(s.pValue()),
                c == null ? null : finite(c.t0Mean()), c == null ? null : finite(c.t1Mean()),
                c == null ? null : finite(c.c0Mean()), c == null ? null : finite(c.c1Mean()),
                c == null ? null : c.t0People(), c == null ? null : c.t1People(),
                c == null ? null : c.c0People(), c == null ? null : c.c1People(), suppressed);
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
