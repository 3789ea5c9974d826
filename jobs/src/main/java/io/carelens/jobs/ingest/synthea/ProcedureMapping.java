package io.carelens.jobs.ingest.synthea;

import static org.apache.spark.sql.functions.lit;

import io.carelens.common.schema.CodeSystem;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/** {@code procedures.csv} to {@code procedure}: performed START to STOP, status completed (Synthea exports only those). */
final class ProcedureMapping {
    private static final List<String> COLUMNS = List.of("procedure_id", "person_id", "encounter_id", "code_system",
            "code", "status", "category", "performed_start_ts", "performed_end_ts");

    private ProcedureMapping() {
    }

    static Mapped map(SyntheaFile f, Optional<Dataset<Row>> encounterIds) {
        return EncounterReference.mapEvents(f, EncounterReference.flag(f, encounterIds), COLUMNS,
                f.hashId("PATIENT", "ENCOUNTER", SyntheaFile.SYSTEM, "CODE", "START", "STOP").as("procedure_id"),
                f.value("PATIENT").as("person_id"),
                f.value("ENCOUNTER").as("encounter_id"),
                f.system(CodeSystem.SNOMEDCT).as("code_system"),
                f.value("CODE").as("code"),
                lit("completed").as("status"),
                lit(null).cast(DataTypes.StringType).as("category"),
                f.value("START").as("performed_start_ts"),
                f.value("STOP").as("performed_end_ts"));
    }
}
