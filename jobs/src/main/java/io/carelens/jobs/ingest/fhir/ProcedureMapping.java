package io.carelens.jobs.ingest.fhir;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Procedure to {@code procedure}: code, status, category and performed[x] (dateTime or Period). */
final class ProcedureMapping {
    private static final StructType SCHEMA = FhirTypes.resource()
            .add("status", DataTypes.StringType)
            .add("category", FhirTypes.CODEABLE_CONCEPT)
            .add("code", FhirTypes.CODEABLE_CONCEPT)
            .add("subject", FhirTypes.REFERENCE)
            .add("encounter", FhirTypes.REFERENCE)
            .add("performedDateTime", DataTypes.StringType)
            .add("performedPeriod", FhirTypes.PERIOD);

    private ProcedureMapping() {
    }

    static Mapped map(FhirResources res) {
        Dataset<Row> p = Mapped.withPerson(res, res.ofType("Procedure", SCHEMA), "subject");
        p = res.resolve(p, col("r.encounter.reference"), "Encounter", "encounter_id");
        Column code = Fhir.coding(col("r.code"));
        return Mapped.split(p, "Procedure", List.of("person_id"), List.of("subject"), List.of(
                col("id").as("procedure_id"),
                col("person_id"),
                col("encounter_id"),
                code.getField("system").as("code_system"),
                code.getField("code").as("code"),
                col("r.status").as("status"),
                Fhir.coding(col("r.category")).getField("code").as("category"),
                Fhir.instant(coalesce(col("r.performedDateTime"), col("r.performedPeriod.start"),
                        col("r.performedPeriod.end"))).as("performed_start_ts"),
                Fhir.instant(col("r.performedPeriod.end")).as("performed_end_ts")));
    }
}
