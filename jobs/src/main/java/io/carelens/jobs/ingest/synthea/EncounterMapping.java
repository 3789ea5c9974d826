package io.carelens.jobs.ingest.synthea;

import static io.carelens.jobs.ingest.synthea.SyntheaVocabulary.lookup;
import static org.apache.spark.sql.functions.col;
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
 * {@code encounters.csv} to {@code encounter}: ENCOUNTERCLASS to the ActCode class, CODE (SNOMED CT) as the
 * type, ORGANIZATION as facility and PROVIDER as rendering provider (both checked against organizations.csv and
 * providers.csv when present). The encounter's REASONCODE is carried as the extra column {@code reason_code}
 * (kept in bronze) for {@link ConditionMapping}, which turns it into the encounter's diagnosis.
 */
final class EncounterMapping {
    static final String REASON_CODE = "reason_code";
    private static final List<String> COLUMNS = List.of("encounter_id", "person_id", "status", "encounter_class",
            "type_system", "type_code", "start_ts", "end_ts", "facility_id", "practice_id", "provider_id",
            "admit_source_code", "discharge_disposition_system", "discharge_disposition_code", REASON_CODE);

    private EncounterMapping() {
    }

    static Mapped map(SyntheaFile f, Optional<SyntheaFile> organizations, Optional<SyntheaFile> providers) {
        Dataset<Row> data = f.rows();
        data = organizations.isPresent()
                ? f.flagUnresolved(data, "ORGANIZATION", organizations.get().rows().select(organizations.get().value("Id")), "_org_missing", true)
                : data.withColumn("_org_missing", lit(false));
        data = providers.isPresent()
                ? f.flagUnresolved(data, "PROVIDER", providers.get().rows().select(providers.get().value("Id")), "_provider_missing", true)
                : data.withColumn("_provider_missing", lit(false));
        Column encounterClass = lookup(SyntheaVocabulary.ENCOUNTER_CLASS, f.value("ENCOUNTERCLASS"));
        Column none = lit(null).cast(DataTypes.StringType);
        return Mapped.split(f, data.select(
                f.value("Id").as("encounter_id"),
                f.value("PATIENT").as("person_id"),
                when(f.value("STOP").isNull(), lit("in-progress")).otherwise(lit("finished")).as("status"),
                encounterClass.as("encounter_class"),
                f.system(CodeSystem.SNOMEDCT).as("type_system"),
                f.value("CODE").as("type_code"),
                f.value("START").as("start_ts"),
                f.value("STOP").as("end_ts"),
                f.value("ORGANIZATION").as("facility_id"),
                none.as("practice_id"),
                f.value("PROVIDER").as("provider_id"),
                none.as("admit_source_code"),
                none.as("discharge_disposition_system"),
                none.as("discharge_disposition_code"),
                f.value("REASONCODE").as(REASON_CODE),
                f.firstRejection(
                        f.unmapped("ENCOUNTERCLASS", encounterClass),
                        f.unresolved("_org_missing", "ORGANIZATION", "organizations.csv"),
                        f.unresolved("_provider_missing", "PROVIDER", "providers.csv")).as(SyntheaFile.REJECT),
                f.record("Id", "START", "STOP", "PATIENT", "ORGANIZATION", "PROVIDER", "ENCOUNTERCLASS", "CODE",
                        "REASONCODE").as(SyntheaFile.RECORD),
                col(CanonicalTable.SOURCE_FILE),
                col(CanonicalTable.SOURCE_ROW)), COLUMNS);
    }
}
