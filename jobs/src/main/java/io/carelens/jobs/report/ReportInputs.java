package io.carelens.jobs.report;

import static org.apache.spark.sql.functions.col;

import io.carelens.common.delta.Warehouse;
import io.carelens.common.schema.GoldTable;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Everything the dashboard shows, read once from the warehouse: the gold aggregates (never person-level tables),
 * the data-quality summary and the run record. A gold table that is missing is kept as an absent snapshot.
 */
record ReportInputs(TableSnapshot measureRates, TableSnapshot utilizationRates, TableSnapshot disparities,
                    TableSnapshot evaluation, DataQualitySummary dataQuality, RunRecord run) {

    static final String MEASURE_RATES = GoldTable.MEASURE_RATES.path();
    static final String UTILIZATION_RATES = GoldTable.UTILIZATION_RATES.path();
    static final String DISPARITIES = GoldTable.DISPARITIES.path();
    static final String EVALUATION = GoldTable.EVALUATION.path();

    /** The gold tables the dashboard reads, as the run manifest names them. */
    static final List<String> GOLD = List.of(MEASURE_RATES, UTILIZATION_RATES, DISPARITIES, EVALUATION);

    static ReportInputs read(Warehouse wh) {
        return new ReportInputs(
                gold(wh, MEASURE_RATES, null),
                gold(wh, UTILIZATION_RATES, "dimension"),
                gold(wh, DISPARITIES, null),
                gold(wh, EVALUATION, null),
                DataQualitySummary.read(wh),
                RunRecord.read(wh));
    }

    /**
     * A gold table in a stable order; when {@code overallOnly} names a dimension column, only its overall rows
     * (utilization rates are also published per stratum, which the dashboard does not show).
     */
    private static TableSnapshot gold(Warehouse wh, String table, String overallOnly) {
        if (!wh.exists(table)) {
            return TableSnapshot.absent(table);
        }
        long version = wh.version(table);
        Dataset<Row> data = wh.read(table);
        List<String> columns = Arrays.asList(data.columns());
        if (overallOnly != null && columns.contains(overallOnly)) {
            data = data.where(col(overallOnly).isNull().or(col(overallOnly).equalTo("overall")));
        }
        Column[] order = List.of("measure_id", "period_start", "program", "program_id", "arm", "practice",
                        "practice_id", "dimension", "stratum", "group").stream()
                .filter(columns::contains).map(c -> col(c).asc_nulls_first()).toArray(Column[]::new);
        return TableSnapshot.collect(table, version, order.length == 0 ? data : data.orderBy(order));
    }
}
