package io.carelens.jobs.ingest.fhir;

import static io.carelens.jobs.ingest.fhir.Fhir.first;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Encounter to {@code encounter}: status, class, type (the first coding in a code system CareLens recognises),
 * period, service provider (facility), performing practitioner, admit source and discharge disposition. Its
 * {@code diagnosis} list is handed to {@link ConditionMapping}, which sets the encounter and rank of those
 * conditions.
 */
final class EncounterMapping {
    private static final StructType SCHEMA = FhirTypes.resource()
            .add("status", DataTypes.StringType)
            .add("class", FhirTypes.CODING)
            .add("type", FhirTypes.array(FhirTypes.CODEABLE_CONCEPT))
            .add("subject", FhirTypes.REFERENCE)
            .add("period", FhirTypes.PERIOD)
            .add("participant", FhirTypes.array(new StructType()
                    .add("type", FhirTypes.array(FhirTypes.CODEABLE_CONCEPT)).add("individual", FhirTypes.REFERENCE)))
            .add("serviceProvider", FhirTypes.REFERENCE)
            .add("hospitalization", new StructType()
                    .add("admitSource", FhirTypes.CODEABLE_CONCEPT)
                    .add("dischargeDisposition", FhirTypes.CODEABLE_CONCEPT))
            .add("diagnosis", FhirTypes.array(new StructType()
                    .add("condition", FhirTypes.REFERENCE).add("rank", DataTypes.IntegerType)));

    private EncounterMapping() {
    }

    static Mapped map(FhirResources res) {
        Dataset<Row> e = Mapped.withPerson(res, res.ofType("Encounter", SCHEMA), "subject");
        Column performer = coalesce(
                first(filter(col("r.participant"), p -> p.getField("individual").getField("reference").contains("Practitioner")
                        .and(p.getField("type").isNull().or(Fhir.codeAmong(p.getField("type"), List.of("PPRF", "ATND")).isNotNull())))),
                first(filter(col("r.participant"), p -> p.getField("individual").getField("reference").contains("Practitioner"))));
        e = res.resolve(e, col("r.serviceProvider.reference"), "Organization", "facility");
        e = res.resolve(e, performer.getField("individual").getField("reference"), "Practitioner", "provider");
        Column type = Fhir.codingOfAny(col("r.type"));
        Column disposition = Fhir.coding(col("r.hospitalization.dischargeDisposition"));
        return Mapped.split(e, "Encounter", List.of("person_id"), List.of("subject"), List.of(
                col("id").as("encounter_id"),
                col("person_id"),
                col("r.status").as("status"),
                col("r.class.code").as("encounter_class"),
                type.getField("system").as("type_system"),
                type.getField("code").as("type_code"),
                Fhir.instant(col("r.period.start")).as("start_ts"),
                Fhir.instant(col("r.period.end")).as("end_ts"),
                orIdentifier("facility").as("facility_id"),
                orIdentifier("provider").as("provider_id"),
                Fhir.coding(col("r.hospitalization.admitSource")).getField("code").as("admit_source_code"),
                disposition.getField("system").as("discharge_disposition_system"),
                disposition.getField("code").as("discharge_disposition_code")));
    }

    /**
     * Per condition listed in an Encounter's {@code diagnosis}: {@code condition_id}, {@code diagnosis_encounter_id}
     * and {@code diagnosis_rank} (the rank, else the position in the list). A condition listed by several
     * encounters keeps the lowest rank, then the smallest encounter id.
     */
    static Dataset<Row> diagnoses(FhirResources res) {
        Dataset<Row> listed = res.ofType("Encounter", SCHEMA)
                .select(col("id"), col("bundle"), posexplode(col("r.diagnosis")).as(new String[] {"pos", "d"}));
        listed = res.resolve(listed, col("d.condition.reference"), "Condition", "condition_id");
        return listed.where(col("condition_id").isNotNull())
                .groupBy("condition_id")
                .agg(min(struct(coalesce(col("d.rank"), col("pos").plus(1)).as("rank"), col("id").as("encounter"))).as("m"))
                .select(col("condition_id"), col("m.encounter").as("diagnosis_encounter_id"),
                        col("m.rank").as("diagnosis_rank"));
    }

    /** A resolved facility or practitioner id, else the identifier value of an unresolved conditional reference. */
    private static Column orIdentifier(String as) {
        Column value = regexp_extract(col(as + "_ref"), "\\?identifier=(?:[^|]*\\|)?(.+)$", 1);
        return coalesce(col(as), when(value.notEqual(lit("")), value));
    }
}
