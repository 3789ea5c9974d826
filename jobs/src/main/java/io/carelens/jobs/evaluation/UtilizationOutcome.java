package io.carelens.jobs.evaluation;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.to_date;

import io.carelens.common.config.ConfigurationException;
import io.carelens.common.delta.Warehouse;
import io.carelens.common.schema.CanonicalTable;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A utilization outcome evaluated per 1,000 person-years of attributed time: where its events come from. Each
 * yields one row per event ({@code person_id}, {@code event_date}).
 */
enum UtilizationOutcome {
    /**
     * Emergency department visits: gold/ed_visits (one per person, facility and day) when the utilization stage has
     * written it, else finished EMER encounters of silver/encounter, one per person, facility and day.
     */
    ED_VISITS {
        @Override
        Dataset<Row> events(Warehouse warehouse) {
            if (warehouse.exists(ED_VISITS_TABLE)) {
                return warehouse.read(ED_VISITS_TABLE).select(col("person_id"), col("visit_date").alias("event_date"));
            }
            return finishedEncounters(warehouse, List.of("EMER"))
                    .select(col("person_id"), col("facility_id"), to_date(col("start_ts")).alias("event_date"))
                    .distinct().select("person_id", "event_date");
        }
    },
    /**
     * Acute hospital utilization: finished inpatient (IMP, ACUTE) and observation (OBSENC) stays, counted on the day
     * they start. Planned stays are not excluded (HEDIS AHU excludes them; see docs/evaluation.md).
     */
    AHU {
        @Override
        Dataset<Row> events(Warehouse warehouse) {
            return finishedEncounters(warehouse, List.of("IMP", "ACUTE", "OBSENC"))
                    .select(col("person_id"), to_date(col("start_ts")).alias("event_date"));
        }
    };

    static final String ED_VISITS_TABLE = "gold/ed_visits";

    /** Rates are reported per this many person-years. */
    static final double PER_PERSON_YEARS = 1000.0;

    abstract Dataset<Row> events(Warehouse warehouse);

    static UtilizationOutcome byId(String id) {
        return Arrays.stream(values()).filter(o -> o.name().equals(id)).findFirst()
                .orElseThrow(() -> new ConfigurationException("carelens.evaluation.utilization: unknown outcome '" + id
                        + "' (known: " + Arrays.toString(values()) + ")"));
    }

    private static Dataset<Row> finishedEncounters(Warehouse warehouse, List<String> classes) {
        return warehouse.read(CanonicalTable.ENCOUNTER.silverPath())
                .where(col("status").equalTo("finished").and(col("encounter_class").isin(classes.toArray())));
    }
}
