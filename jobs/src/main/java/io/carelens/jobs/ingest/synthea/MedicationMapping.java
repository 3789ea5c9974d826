package io.carelens.jobs.ingest.synthea;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.carelens.common.schema.CodeSystem;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * {@code medications.csv} to {@code medication}. A row is a prescription (Synthea's FHIR exporter writes it as a
 * MedicationRequest): record type request, intent order, authored and started at START, ending at STOP; status
 * active while STOP is empty, else completed.
 */
final class MedicationMapping {
    private static final List<String> COLUMNS = List.of("medication_id", "person_id", "encounter_id", "record_type",
            "code_system", "code", "status", "intent", "do_not_perform", "authored_ts", "start_ts", "end_ts");

    private MedicationMapping() {
    }

    static Mapped map(SyntheaFile f, Optional<Dataset<Row>> encounterIds) {
        return EncounterReference.mapEvents(f, EncounterReference.flag(f, encounterIds), COLUMNS,
                f.hashId("PATIENT", "ENCOUNTER", SyntheaFile.SYSTEM, "CODE", "START", "STOP").as("medication_id"),
                f.value("PATIENT").as("person_id"),
                f.value("ENCOUNTER").as("encounter_id"),
                lit("request").as("record_type"),
                f.system(CodeSystem.RXNORM).as("code_system"),
                f.value("CODE").as("code"),
                when(f.value("STOP").isNull(), lit("active")).otherwise(lit("completed")).as("status"),
                lit("order").as("intent"),
                lit(null).cast(DataTypes.StringType).as("do_not_perform"),
                f.value("START").as("authored_ts"),
                f.value("START").as("start_ts"),
                f.value("STOP").as("end_ts"));
    }
}
