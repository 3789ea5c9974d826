package io.carelens.jobs.equity;

import io.carelens.common.schema.GoldTable;
import java.sql.Date;
import java.time.LocalDate;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * One row of {@code gold/disparities}: a pairwise, summary, ordered or trend metric of one measure, period and
 * dimension. docs/equity.md describes the columns.
 *
 * @param key measure, program, arm and period
 * @param dimension the dimension
 * @param metric e.g. rate_difference, rate_ratio, between_group_variance, sii, change_in_rate_difference
 * @param stratum the compared group for pairwise metrics, null for summary metrics
 * @param reference the reference group (pairwise), null otherwise
 * @param referenceRule how it was chosen: the configured rule or group, or the fallback
 * @param estimate the metric, null when suppressed
 * @param lower lower confidence limit, or null
 * @param upper upper confidence limit, or null
 * @param standardError standard error on the metric's scale (log scale for ratios), or null
 * @param pValue two-tailed p-value, or null
 * @param relativeDifference (y − y_ref)/y_ref for pairwise metrics
 * @param verdict better / worse / same (AHRQ rule) for pairwise metrics
 * @param groupsUsed number of groups the metric rests on
 * @param suppressed true when the metric rests on a withheld rate
 * @param direction the measure's favourable direction
 * @param baselineStart start of the earlier period of a change metric
 * @param baselineEnd end of the earlier period of a change metric
 * @param trend narrowing / widening / no_significant_change for change metrics
 */
public record DisparityRow(RateKey key, String dimension, String metric, String stratum, String reference,
                           String referenceRule, Double estimate, Double lower, Double upper, Double standardError,
                           Double pValue, Double relativeDifference, String verdict, int groupsUsed,
                           boolean suppressed, String direction, LocalDate baselineStart, LocalDate baselineEnd,
                           String trend) {

    /** A metric withheld because it rests on a suppressed or missing rate. */
    static DisparityRow withheld(RateKey key, String dimension, String metric, String stratum, String reference,
                                 String rule, int groupsUsed, String direction) {
        return new DisparityRow(key, dimension, metric, stratum, reference, rule, null, null, null, null, null, null,
                null, groupsUsed, true, direction, null, null, null);
    }

    /** The row in the column order of {@link GoldTable#DISPARITIES}. */
    Row toRow() {
        return RowFactory.create(key.measureId(), key.programId(), key.arm(), Date.valueOf(key.periodStart()),
                Date.valueOf(key.periodEnd()), dimension, metric, stratum, reference, referenceRule, finite(estimate),
                finite(lower), finite(upper), finite(standardError), finite(pValue), finite(relativeDifference), verdict,
                groupsUsed, suppressed, direction, baselineStart == null ? null : Date.valueOf(baselineStart),
                baselineEnd == null ? null : Date.valueOf(baselineEnd), trend);
    }

    private static Double finite(Double value) {
        return value == null || value.isNaN() || value.isInfinite() ? null : value;
    }
}
