package io.carelens.jobs.evaluation;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;

import io.carelens.common.delta.Warehouse;
import io.carelens.common.privacy.PersonIds;
import io.carelens.common.schema.CanonicalTable;
import io.carelens.jobs.utilization.UtilizationMeasure;
import io.carelens.jobs.utilization.UtilizationStage;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * The utilization events evaluated, one row per person, measure and event ({@code person_id}, {@code measure_id},
 * {@code event_date}, {@code events}, {@code eligible}): gold/utilization_events when the utilization stage has
 * written it (every rate per person-time, NYU probability sums, and the follow-up proportions with their eligible
 * visits), else, from silver/encounter alone, {@code ED_VISITS} (finished EMER encounters, one per person, facility
 * and day) and {@code ACUTE_STAYS} (finished IMP, ACUTE and OBSENC stays by admission date).
 */
final class UtilizationEventSource {
    static final String ED_VISITS = UtilizationMeasure.ED_VISITS.id();
    static final String ACUTE_STAYS = UtilizationMeasure.ACUTE_STAYS.id();
    /** All measures found in gold/utilization_events. */
    static final String ALL = "all";

    private UtilizationEventSource() {
    }

    /**
     * @param personIds the person ids of the gold tables: those of events taken from silver are converted to them
     * @param ids measure ids to keep, or [{@value #ALL}]
     */
    static Dataset<Row> events(Warehouse warehouse, PersonIds personIds, List<String> ids) {
        Dataset<Row> events = warehouse.exists(UtilizationStage.EVENTS)
                ? warehouse.read(UtilizationStage.EVENTS).select(col("person_id"), col("measure_id"),
                        col("event_date"), col("events").cast("double").alias("events"),
                        col("eligible").cast("int").alias("eligible"))
                : personIds.apply(fromEncounters(warehouse));
        return ids.contains(ALL) ? events : events.where(col("measure_id").isin(ids.toArray()));
    }

    /**
     * The rate measures (per person-time) evaluated, so that a rate with no event at all still gets its rows: the
     * configured ids that are not proportions, or with [{@value #ALL}] every rate measure of
     * gold/utilization_events (ED_VISITS and ACUTE_STAYS without it).
     *
     * @return one column, measure_id
     */
    static Dataset<Row> rateIds(Warehouse warehouse, List<String> ids) {
        List<String> rates;
        if (!ids.contains(ALL)) {
            rates = ids.stream().filter(id -> kind(id) != UtilizationMeasure.Kind.PROPORTION).toList();
        } else if (warehouse.exists(UtilizationStage.EVENTS)) {
            return warehouse.read(UtilizationStage.EVENTS).where(isRate()).select("measure_id").distinct();
        } else {
            rates = List.of(ED_VISITS, ACUTE_STAYS);
        }
        return warehouse.spark().createDataset(rates, Encoders.STRING()).toDF("measure_id");
    }

    private static Dataset<Row> fromEncounters(Warehouse warehouse) {
        Dataset<Row> finished = warehouse.read(CanonicalTable.ENCOUNTER.silverPath())
                .where(col("status").equalTo("finished"));
        Dataset<Row> ed = finished.where(col("encounter_class").equalTo("EMER"))
                .select(col("person_id"), col("facility_id"), to_date(col("start_ts")).alias("event_date")).distinct()
                .select(col("person_id"), lit(ED_VISITS).alias("measure_id"), col("event_date"));
        Dataset<Row> stays = finished.where(col("encounter_class").isin("IMP", "ACUTE", "OBSENC"))
                .select(col("person_id"), lit(ACUTE_STAYS).alias("measure_id"), to_date(col("start_ts")).alias("event_date"));
        return ed.unionByName(stays).select(col("person_id"), col("measure_id"), col("event_date"),
                lit(1.0).alias("events"), lit(null).cast(DataTypes.IntegerType).alias("eligible"));
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
