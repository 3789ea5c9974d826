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
                    TableSnapshot evaluation, TableSnapshot pba, DataQualitySummary dataQuality, RunRecord run) {

    static final String MEASURE_RATES = GoldTable.MEASURE_RATES.path();
    static final String UTILIZATION_RATES = GoldTable.UTILIZATION_RATES.path();
    static final String UTILIZATION_GROUP_RATES = GoldTable.UTILIZATION_GROUP_RATES.path();
    static final String DISPARITIES = GoldTable.DISPARITIES.path();
    static final String EVALUATION = GoldTable.EVALUATION.path();
    static final String PBA = GoldTable.PBA.path();

    /** The gold tables the dashboard reads, as the run manifest names them. */
    static final List<String> GOLD = List.of(MEASURE_RATES, UTILIZATION_RATES, DISPARITIES, EVALUATION, PBA);

    /** The disparity metrics the page shows: each group's gap to the reference, and its change since the last period. */
    static final List<String> DISPARITY_METRICS = List.of("rate_difference", "change_in_rate_difference");

    /**
     * The utilization measures whose rates by group (and their disparities) the page carries; of the others it
     * carries the overall rates only, which keeps the page small (every rate by group stays in the gold tables).
     */
    static final List<String> HEADLINE_UTILIZATION = List.of("ED_VISITS", "ED_AVOIDABLE", "ACUTE_STAYS", "PQI90");

    static ReportInputs read(Warehouse wh) {
        TableSnapshot rates = gold(wh, MEASURE_RATES, null, null);
        List<Object> byGroup = new java.util.ArrayList<>(rates.distinct(rates.rows(), "measure_id"));
        byGroup.addAll(HEADLINE_UTILIZATION);
        return new ReportInputs(
                rates,
                gold(wh, UTILIZATION_RATES, UTILIZATION_GROUP_RATES, "practice_id", programLevel()
                        .and(col("dimension").equalTo("overall").or(col("measure_id").isin(byGroup.toArray())))),
                gold(wh, DISPARITIES, "metric", col("metric").isin(DISPARITY_METRICS.toArray())
                        .and(col("measure_id").isin(byGroup.toArray()))),
                gold(wh, EVALUATION, null, null),
                gold(wh, PBA, null, null),
                DataQualitySummary.read(wh),
                RunRecord.read(wh));
    }

    /** Utilization rates summed over practices (the page shows programs and arms, not practices). */
    private static Column programLevel() {
        return col("practice_id").isNull().or(col("practice_id").equalTo(Sections.ALL_PRACTICES));
    }

    /** A gold table in a stable order, restricted to {@code rows} when the table has the column {@code on}. */
    private static TableSnapshot gold(Warehouse wh, String table, String on, Column rows) {
        return gold(wh, table, null, on, rows);
    }

    /**
     * As {@link #gold(Warehouse, String, String, Column)}, with the rows of {@code companion} (when given and present)
     * appended by column name: utilization rates by equity group live beside the overall utilization rates.
     */
    private static TableSnapshot gold(Warehouse wh, String table, String companion, String on, Column rows) {
        if (!wh.exists(table)) {
            return TableSnapshot.absent(table);
        }
        long version = wh.version(table);
        Dataset<Row> data = wh.read(table);
        if (companion != null && wh.exists(companion)) {
            data = data.unionByName(wh.read(companion), true);
        }
        List<String> columns = Arrays.asList(data.columns());
        if (on != null && columns.contains(on)) {
            data = data.where(rows);
        }
        Column[] order = List.of("measure_id", "period_start", "program", "program_id", "arm", "practice",
                        "practice_id", "dimension", "stratum", "group").stream()
                .filter(columns::contains).map(c -> col(c).asc_nulls_first()).toArray(Column[]::new);
        return TableSnapshot.collect(table, version, order.length == 0 ? data : data.orderBy(order));
    }
}
