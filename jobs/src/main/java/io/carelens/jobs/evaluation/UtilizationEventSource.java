package io.carelens.jobs.evaluation;

import static org.apache.spark.sql.functions.col;

import io.carelens.common.delta.Warehouse;
import io.carelens.common.schema.GoldTable;
import io.carelens.jobs.utilization.UtilizationMeasure;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * The utilization events evaluated, one row per person, measure and event ({@code person_id}, {@code measure_id},
 * {@code event_date}, {@code events}, {@code eligible}), as the utilization stage published them in
 * gold/utilization_events (every rate per person-time, NYU probability sums, and the follow-up proportions with their
 * eligible visits), so the evaluation counts exactly what {@code utilization.conf} defines.
 */
final class UtilizationEventSource {
    static final String ED_VISITS = UtilizationMeasure.ED_VISITS.id();
    static final String ACUTE_STAYS = UtilizationMeasure.ACUTE_STAYS.id();
    /** All measures found in gold/utilization_events. */
    static final String ALL = "all";

    private UtilizationEventSource() {
    }

    /** @param ids measure ids to keep, or [{@value #ALL}] */
    static Dataset<Row> events(Warehouse warehouse, List<String> ids) {
        Dataset<Row> events = warehouse.read(GoldTable.UTILIZATION_EVENTS.path()).select(col("person_id"),
                col("measure_id"), col("event_date"), col("events").cast("double").alias("events"),
                col("eligible").cast("int").alias("eligible"));
        return ids.contains(ALL) ? events : events.where(col("measure_id").isin(ids.toArray()));
    }

    /**
     * The rate measures (per person-time) evaluated, so that a rate with no event at all still gets its rows: the
     * configured ids that are not proportions, or with [{@value #ALL}] every rate measure of
     * gold/utilization_events.
     *
     * @return one column, measure_id
     */
    static Dataset<Row> rateIds(Warehouse warehouse, List<String> ids) {
        if (ids.contains(ALL)) {
            return warehouse.read(GoldTable.UTILIZATION_EVENTS.path()).where(isRate()).select("measure_id").distinct();
        }
        List<String> rates = ids.stream().filter(id -> kind(id) != UtilizationMeasure.Kind.PROPORTION).toList();
        return warehouse.spark().createDataset(rates, Encoders.STRING()).toDF("measure_id");
    }

    /** The unit and multiplier a utilization measure is reported in (per 1,000 person-years when not known). */
    static UtilizationMeasure.Kind kind(String measureId) {
        return Arrays.stream(UtilizationMeasure.values()).filter(m -> m.id().equals(measureId)).findFirst()
                .map(UtilizationMeasure::kind).orElse(UtilizationMeasure.Kind.PER_1000);
    }

    static Column isRate() {
        return col("eligible").isNull();
    }
}
