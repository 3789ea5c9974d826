package io.carelens.jobs.ingest.synthea;

import static io.carelens.jobs.ingest.synthea.SyntheaVocabulary.lookup;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.when;

import io.carelens.common.schema.CanonicalTable;
import io.carelens.common.schema.CodeSystem;
import io.carelens.jobs.ingest.ReasonCode;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * {@code observations.csv} to {@code observation}, status final, effective at DATE. TYPE numeric: VALUE to
 * value_num with UNITS (a non-number is quarantined by ingest as INVALID_TYPE). TYPE text: a value that is the
 * display of a known SNOMED CT answer becomes value_code; the text itself is kept in the extra column
 * {@code value_text} (bronze only: the contract has no text value). Without a SYSTEM column codes are LOINC, and a
 * code that is not LOINC-shaped (Synthea's QALY, DALY, QOLS summaries) is rejected as UNMAPPED.
 */
final class ObservationMapping {
    static final String VALUE_TEXT = "value_text";
    private static final String LOINC_SHAPE = "^[0-9]{1,7}-[0-9]$";
    private static final List<String> COLUMNS = List.of("observation_id", "person_id", "encounter_id",
            "parent_observation_id", "code_system", "code", "status", "category", "effective_start_ts",
            "effective_end_ts", "value_num", "value_unit", "value_code_system", "value_code", VALUE_TEXT);

    private ObservationMapping() {
    }

    static Mapped map(SyntheaFile f, Optional<Dataset<Row>> encounterIds) {
        Column value = f.value("VALUE");
        Column numeric = f.has("TYPE") ? lower(f.value("TYPE")).equalTo("numeric")
                : value.rlike("^-?[0-9]+(\\.[0-9]+)?$");
        Column text = numeric.isNull().or(numeric.unary_$bang());
        Column answer = when(text, lookup(SyntheaVocabulary.SNOMED_ANSWERS, value));
        Column notLoinc = f.has(SyntheaFile.SYSTEM) ? lit(false)
                : f.value("CODE").isNotNull().and(f.value("CODE").rlike(LOINC_SHAPE).unary_$bang());
        Column none = lit(null).cast(DataTypes.StringType);
        return Mapped.split(f, EncounterReference.flag(f, encounterIds).select(
                f.hashId("PATIENT", "ENCOUNTER", SyntheaFile.SYSTEM, "CODE", "DATE", "VALUE", "UNITS").as("observation_id"),
                f.value("PATIENT").as("person_id"),
                f.value("ENCOUNTER").as("encounter_id"),
                none.as("parent_observation_id"),
                f.system(CodeSystem.LOINC).as("code_system"),
                f.value("CODE").as("code"),
                lit("final").as("status"),
                lower(f.value("CATEGORY")).as("category"),
                f.value("DATE").as("effective_start_ts"),
                none.as("effective_end_ts"),
                when(numeric, value).as("value_num"),
                when(numeric, f.value("UNITS")).as("value_unit"),
                when(answer.isNotNull(), lit(CodeSystem.SNOMEDCT.name())).as("value_code_system"),
                answer.as("value_code"),
                when(text, value).as(VALUE_TEXT),
                f.firstRejection(
                        when(notLoinc, f.reject(ReasonCode.UNMAPPED, "CODE",
                                "is not a LOINC code and the file names no code system")),
                        EncounterReference.unresolved(f)).as(SyntheaFile.REJECT),
                f.record("DATE", "PATIENT", "ENCOUNTER", "CATEGORY", SyntheaFile.SYSTEM, "CODE", "VALUE", "UNITS", "TYPE")
                        .as(SyntheaFile.RECORD),
                col(CanonicalTable.SOURCE_FILE),
                col(CanonicalTable.SOURCE_ROW)), COLUMNS);
    }
}
