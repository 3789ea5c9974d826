package io.carelens.jobs.ingest.synthea;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.carelens.common.schema.CanonicalTable;
import io.carelens.common.schema.CodeSystem;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * {@code conditions.csv} and the encounters' REASONCODE to {@code condition}.
 *
 * <p>A conditions.csv row is a problem-list item (onset START, abatement STOP, active while STOP is empty), unless
 * it is the reason of the encounter it was recorded in: then it is that encounter's diagnosis (category
 * encounter-diagnosis, rank 1). An encounter whose REASONCODE matches no such row gets its own
 * encounter-diagnosis row {@code <encounter id>#reason}, recorded at the encounter's start, with lineage pointing
 * at the encounter's line.
 */
final class ConditionMapping {
    static final List<String> COLUMNS = List.of("condition_id", "person_id", "encounter_id", "code_system", "code",
            "category", "diagnosis_rank", "clinical_status", "verification_status", "onset_ts", "abatement_ts",
            "recorded_ts");
    private static final String ENCOUNTER_DIAGNOSIS = "encounter-diagnosis";

    private ConditionMapping() {
    }

    /**
     * @param conditions  conditions.csv, if present
     * @param encounters  the mapped encounter rows (with {@link EncounterMapping#REASON_CODE}), if any
     * @param encounterIds every encounter Id of encounters.csv, to check references against; absent = unchecked
     */
    static Mapped map(Optional<SyntheaFile> conditions, Optional<Dataset<Row>> encounters,
                      Optional<Dataset<Row>> encounterIds) {
        Mapped fromFile = conditions.map(f -> mapFile(f, encounters, encounterIds)).orElse(null);
        if (encounters.isEmpty()) {
            return fromFile;
        }
        Dataset<Row> reasons = encounters.get().where(col(EncounterMapping.REASON_CODE).isNotNull());
        if (fromFile != null) {
            Dataset<Row> represented = fromFile.rows().where(col("category").equalTo(ENCOUNTER_DIAGNOSIS))
                    .select(col("encounter_id").as("_rep_encounter"), col("code").as("_rep_code"));
            reasons = reasons.join(represented, reasons.col("encounter_id").equalTo(represented.col("_rep_encounter"))
                    .and(reasons.col(EncounterMapping.REASON_CODE).equalTo(represented.col("_rep_code"))), "left_anti");
        }
        Column none = lit(null).cast(DataTypes.StringType);
        Dataset<Row> reasonRows = reasons.select(
                concat(col("encounter_id"), lit("#reason")).as("condition_id"),
                col("person_id"),
                col("encounter_id"),
                lit(CodeSystem.SNOMEDCT.name()).as("code_system"),
                col(EncounterMapping.REASON_CODE).as("code"),
                lit(ENCOUNTER_DIAGNOSIS).as("category"),
                lit("1").as("diagnosis_rank"),
                none.as("clinical_status"),
                none.as("verification_status"),
                none.as("onset_ts"),
                none.as("abatement_ts"),
                col("start_ts").as("recorded_ts"),
                col(CanonicalTable.SOURCE_FILE),
                col(CanonicalTable.SOURCE_ROW));
        return fromFile == null ? new Mapped(reasonRows, null)
                : new Mapped(fromFile.rows().unionByName(reasonRows), fromFile.rejected());
    }

    private static Mapped mapFile(SyntheaFile f, Optional<Dataset<Row>> encounters, Optional<Dataset<Row>> encounterIds) {
        Dataset<Row> data = EncounterReference.flag(f, encounterIds);
        Column system = f.system(CodeSystem.SNOMEDCT);
        if (encounters.isPresent()) {
            Dataset<Row> reasonOf = encounters.get().where(col(EncounterMapping.REASON_CODE).isNotNull())
                    .select(col("encounter_id").as("_reason_encounter"), col(EncounterMapping.REASON_CODE).as("_reason_code"))
                    .distinct();
            data = data.join(reasonOf, f.value("ENCOUNTER").equalTo(col("_reason_encounter"))
                    .and(f.value("CODE").equalTo(col("_reason_code")))
                    .and(system.equalTo(lit(CodeSystem.SNOMEDCT.name()))), "left")
                    .withColumn("_is_reason", col("_reason_encounter").isNotNull());
        } else {
            data = data.withColumn("_is_reason", lit(false));
        }
        Column isReason = col("_is_reason");
        return EncounterReference.mapEvents(f, data, COLUMNS,
                f.hashId("PATIENT", "ENCOUNTER", SyntheaFile.SYSTEM, "CODE", "START").as("condition_id"),
                f.value("PATIENT").as("person_id"),
                f.value("ENCOUNTER").as("encounter_id"),
                system.as("code_system"),
                f.value("CODE").as("code"),
                when(isReason, lit(ENCOUNTER_DIAGNOSIS)).otherwise(lit("problem-list-item")).as("category"),
                when(isReason, lit("1")).as("diagnosis_rank"),
                when(f.value("STOP").isNull(), lit("active")).otherwise(lit("resolved")).as("clinical_status"),
                lit(null).cast(DataTypes.StringType).as("verification_status"),
                f.value("START").as("onset_ts"),
                f.value("STOP").as("abatement_ts"),
                f.value("START").as("recorded_ts"));
    }
}
