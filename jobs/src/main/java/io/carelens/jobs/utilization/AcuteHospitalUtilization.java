package io.carelens.jobs.utilization;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import io.carelens.common.schema.GoldTable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Acute hospital utilization: acute inpatient stays (classes {@code IMP}, {@code ACUTE}) and observation stays
 * ({@code OBSENC}), one stay per finished encounter, dated by their start (admission) date. Their events feed
 * {@code IP_STAYS}, {@code OBS_STAYS} and {@code ACUTE_STAYS} (both) per 1,000 person-years; the inpatient stays are
 * also the PQI discharges and the admissions that follow ED visits.
 */
public final class AcuteHospitalUtilization {
    static final String INPATIENT = "inpatient";
    static final String OBSERVATION = "observation";

    private final UtilizationSettings settings;

    public AcuteHospitalUtilization(UtilizationSettings settings) {
        this.settings = settings;
    }

    /** {@code stay_id, person_id, stay_type, admit_ts, admit_date, admit_source_code} for both kinds of stay. */
    public Dataset<Row> stays(UtilizationInputs inputs) {
        return inputs.encounter()
                .where(col("status").isin(settings.inpatientStatuses().toArray())
                        .and(col("encounter_class").isin(settings.inpatientClasses().toArray())
                                .or(col("encounter_class").isin(settings.observationClasses().toArray()))))
                .select(col("encounter_id").as("stay_id"), col("person_id"),
                        when(col("encounter_class").isin(settings.inpatientClasses().toArray()), lit(INPATIENT))
                                .otherwise(lit(OBSERVATION)).as("stay_type"),
                        col("start_ts").as("admit_ts"), to_date(col("start_ts")).as("admit_date"),
                        col("admit_source_code"));
    }

    /** The acute inpatient stays among {@link #stays}. */
    public static Dataset<Row> inpatient(Dataset<Row> stays) {
        return stays.where(col("stay_type").equalTo(INPATIENT));
    }

    /** Events ({@link GoldTable#UTILIZATION_EVENTS}) of the three stay measures. */
    public static Dataset<Row> events(Dataset<Row> stays) {
        Dataset<Row> byType = stays.select(col("person_id"), col("stay_id").as("source_id"), col("admit_date").as("event_date"),
                when(col("stay_type").equalTo(INPATIENT), lit(UtilizationMeasure.IP_STAYS.id()))
                        .otherwise(lit(UtilizationMeasure.OBS_STAYS.id())).as("measure_id"));
        Dataset<Row> all = stays.select(col("person_id"), col("stay_id").as("source_id"),
                col("admit_date").as("event_date"), lit(UtilizationMeasure.ACUTE_STAYS.id()).as("measure_id"));
        return UtilizationEvents.counted(byType.unionByName(all));
    }
}
