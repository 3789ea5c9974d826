package io.carelens.jobs.utilization;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * ED visits from encounters: encounters of the ED classes (default {@code EMER}) and statuses (default
 * {@code finished}) collapse to one visit per person, facility and UTC start date (encounters without a facility
 * form one facility). The visit id is the smallest encounter id of the visit. A visit ends in an admission when an
 * acute inpatient stay starts at or after the visit's first start and no later than {@code admission-window-days}
 * after the visit's last day; such visits are counted apart from treat-and-release visits.
 */
public final class EdVisits {
    private final UtilizationSettings settings;

    public EdVisits(UtilizationSettings settings) {
        this.settings = settings;
    }

    /** ED encounters with their visit: {@code encounter_id, visit_id, person_id, visit_date, facility_id, start_ts, end_date}. */
    public Dataset<Row> visitEncounters(UtilizationInputs inputs) {
        Dataset<Row> ed = inputs.encounters(settings.edClasses(), settings.edStatuses())
                .withColumn("visit_date", to_date(col("start_ts")))
                .withColumn("_facility", coalesce(col("facility_id"), lit("")));
        return ed.withColumn("visit_id", min("encounter_id").over(
                        Window.partitionBy("person_id", "_facility", "visit_date")))
                .select(col("encounter_id"), col("visit_id"), col("person_id"), col("visit_date"), col("facility_id"),
                        col("start_ts"), to_date(coalesce(col("end_ts"), col("start_ts"))).as("end_date"));
    }

    /**
     * One row per visit: {@code visit_id, person_id, visit_date, facility_id, visit_start_ts, last_date,
     * encounter_count, admitted, principal_dx_system, principal_dx_code}.
     *
     * @param visitEncounters from {@link #visitEncounters}
     * @param inpatientStays acute inpatient stays ({@code person_id, admit_ts, admit_date})
     * @param diagnoses encounter diagnoses ({@link Diagnoses#ofEncounters})
     */
    public Dataset<Row> visits(Dataset<Row> visitEncounters, Dataset<Row> inpatientStays, Dataset<Row> diagnoses) {
        Dataset<Row> visits = visitEncounters.groupBy("visit_id")
                .agg(first("person_id").as("person_id"), first("visit_date").as("visit_date"),
                        first("facility_id", true).as("facility_id"), min("start_ts").as("visit_start_ts"),
                        max("end_date").as("last_date"), count(lit(1)).as("encounter_count"));
        Dataset<Row> stays = inpatientStays.select(col("person_id").as("_s_person"), col("admit_ts"), col("admit_date"));
        Dataset<Row> admittedVisits = visits.join(stays, col("person_id").equalTo(col("_s_person"))
                        .and(col("admit_ts").geq(col("visit_start_ts")))
                        .and(col("admit_date").leq(date_add(col("last_date"), settings.admissionWindowDays()))))
                .select("visit_id").distinct().withColumn("admitted", lit(true));
        Dataset<Row> principal = Diagnoses.principal(
                diagnoses.join(visitEncounters.select("encounter_id", "visit_id"), "encounter_id"), "visit_id");
        return visits.join(admittedVisits, "visit_id", "left")
                .withColumn("admitted", coalesce(col("admitted"), lit(false)))
                .join(principal, "visit_id", "left");
    }

    /** Visit-count events: {@code ED_VISITS} for every visit, then treat-and-release or admitted. */
    public static Dataset<Row> events(Dataset<Row> visits) {
        Map<UtilizationMeasure, Column> m = new LinkedHashMap<>();
        m.put(UtilizationMeasure.ED_VISITS, lit(1.0));
        m.put(UtilizationMeasure.ED_VISITS_TREAT_RELEASE, when(col("admitted"), lit(0.0)).otherwise(lit(1.0)));
        m.put(UtilizationMeasure.ED_VISITS_ADMITTED, when(col("admitted"), lit(1.0)).otherwise(lit(0.0)));
        return UtilizationEvents.weighted(visits.select(col("person_id"), col("visit_id").as("source_id"),
                col("visit_date").as("event_date"), col("admitted")), m);
    }
}
