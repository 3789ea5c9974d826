package io.carelens.jobs.ingest.fhir;

import static io.carelens.jobs.ingest.fhir.Fhir.extension;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * ServiceRequest (other than social-needs referrals, see {@link ReferralMapping}) and DeviceRequest to
 * {@code request}. DeviceRequest has no doNotPerform element in R4: it is read from the FHIR R5 cross-version
 * modifier extension {@value #DEVICE_DO_NOT_PERFORM_URL}, as QI-Core does. authored_ts is authoredOn, else the
 * occurrence.
 */
final class RequestMapping {
    static final String DEVICE_DO_NOT_PERFORM_URL = FhirUris.DEVICE_DO_NOT_PERFORM;

    static final StructType SERVICE_REQUEST = FhirTypes.resource()
            .add("status", DataTypes.StringType)
            .add("intent", DataTypes.StringType)
            .add("doNotPerform", DataTypes.BooleanType)
            .add("category", FhirTypes.array(FhirTypes.CODEABLE_CONCEPT))
            .add("code", FhirTypes.CODEABLE_CONCEPT)
            .add("subject", FhirTypes.REFERENCE)
            .add("encounter", FhirTypes.REFERENCE)
            .add("authoredOn", DataTypes.StringType)
            .add("occurrenceDateTime", DataTypes.StringType)
            .add("occurrencePeriod", FhirTypes.PERIOD)
            .add("supportingInfo", FhirTypes.array(FhirTypes.REFERENCE))
            .add("reasonReference", FhirTypes.array(FhirTypes.REFERENCE));
    private static final StructType DEVICE_REQUEST = FhirTypes.resource()
            .add("status", DataTypes.StringType)
            .add("intent", DataTypes.StringType)
            .add("codeCodeableConcept", FhirTypes.CODEABLE_CONCEPT)
            .add("subject", FhirTypes.REFERENCE)
            .add("encounter", FhirTypes.REFERENCE)
            .add("authoredOn", DataTypes.StringType)
            .add("occurrenceDateTime", DataTypes.StringType)
            .add("occurrencePeriod", FhirTypes.PERIOD);

    private RequestMapping() {
    }

    /** @param services the ServiceRequests that are not social-needs referrals (parsed with {@link #SERVICE_REQUEST}) */
    static Mapped map(FhirResources res, Dataset<Row> services) {
        Dataset<Row> s = res.resolve(Mapped.withPerson(res, services, "subject"), col("r.encounter.reference"),
                "Encounter", "encounter_id");
        Mapped serviceRows = Mapped.split(s, "ServiceRequest", List.of("person_id"), List.of("subject"),
                columns("service", col("r.code"), col("r.doNotPerform")));
        Dataset<Row> d = Mapped.withPerson(res, res.ofType("DeviceRequest", DEVICE_REQUEST), "subject");
        d = res.resolve(d, col("r.encounter.reference"), "Encounter", "encounter_id");
        Column doNotPerform = extension(col("r.modifierExtension"), DEVICE_DO_NOT_PERFORM_URL).getField("valueBoolean");
        Mapped deviceRows = Mapped.split(d, "DeviceRequest", List.of("person_id"), List.of("subject"),
                columns("device", col("r.codeCodeableConcept"), doNotPerform));
        return serviceRows.union(deviceRows);
    }

    private static List<Column> columns(String type, Column concept, Column doNotPerform) {
        Column code = Fhir.coding(concept);
        return List.of(
                col("id").as("request_id"),
                col("person_id"),
                col("encounter_id"),
                lit(type).as("request_type"),
                code.getField("system").as("code_system"),
                code.getField("code").as("code"),
                col("r.status").as("status"),
                col("r.intent").as("intent"),
                doNotPerform.as("do_not_perform"),
                Fhir.instant(coalesce(col("r.authoredOn"), col("r.occurrenceDateTime"), col("r.occurrencePeriod.start")))
                        .as("authored_ts"));
    }
}
