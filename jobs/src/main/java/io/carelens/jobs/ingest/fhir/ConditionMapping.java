package io.carelens.jobs.ingest.fhir;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;

import io.carelens.common.schema.Vocabulary;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Condition to {@code condition}: code, clinical and verification status, category (encounter-diagnosis,
 * problem-list-item or health-concern), body site, onset, abatement and recorded date. The encounter is the Condition's own
 * {@code encounter}, else the Encounter whose {@code diagnosis} lists it, which also gives the rank.
 */
final class ConditionMapping {
    private static final StructType SCHEMA = FhirTypes.resource()
            .add("clinicalStatus", FhirTypes.CODEABLE_CONCEPT)
            .add("verificationStatus", FhirTypes.CODEABLE_CONCEPT)
            .add("category", FhirTypes.array(FhirTypes.CODEABLE_CONCEPT))
            .add("code", FhirTypes.CODEABLE_CONCEPT)
            .add("bodySite", FhirTypes.array(FhirTypes.CODEABLE_CONCEPT))
            .add("subject", FhirTypes.REFERENCE)
            .add("encounter", FhirTypes.REFERENCE)
            .add("onsetDateTime", DataTypes.StringType)
            .add("onsetPeriod", FhirTypes.PERIOD)
            .add("abatementDateTime", DataTypes.StringType)
            .add("abatementPeriod", FhirTypes.PERIOD)
            .add("recordedDate", DataTypes.StringType);

    private ConditionMapping() {
    }

    static Mapped map(FhirResources res, Dataset<Row> diagnoses) {
        Dataset<Row> c = Mapped.withPerson(res, res.ofType("Condition", SCHEMA), "subject");
        c = res.resolve(c, col("r.encounter.reference"), "Encounter", "own_encounter_id");
        c = c.join(diagnoses, c.col("id").equalTo(diagnoses.col("condition_id")), "left").drop("condition_id");
        Column code = Fhir.coding(col("r.code"));
        return Mapped.split(c, "Condition", List.of("person_id"), List.of("subject"),
                List.of(
                col("id").as("condition_id"),
                col("person_id"),
                coalesce(col("own_encounter_id"), col("diagnosis_encounter_id")).as("encounter_id"),
                code.getField("system").as("code_system"),
                code.getField("code").as("code"),
                Fhir.codeAmong(col("r.category"), Vocabulary.CONDITION_CATEGORY).as("category"),
                col("diagnosis_rank"),
                Fhir.first(col("r.clinicalStatus.coding")).getField("code").as("clinical_status"),
                Fhir.first(col("r.verificationStatus.coding")).getField("code").as("verification_status"),
                Fhir.codingOfAny(col("r.bodySite")).getField("system").as("body_site_system"),
                Fhir.codingOfAny(col("r.bodySite")).getField("code").as("body_site_code"),
                Fhir.instant(coalesce(col("r.onsetDateTime"), col("r.onsetPeriod.start"))).as("onset_ts"),
                Fhir.instant(coalesce(col("r.abatementDateTime"), col("r.abatementPeriod.end"))).as("abatement_ts"),
                Fhir.instant(col("r.recordedDate")).as("recorded_ts")));
    }
}
