package io.carelens.jobs.ingest.fhir;

import static io.carelens.jobs.ingest.fhir.Fhir.extension;
import static io.carelens.jobs.ingest.fhir.Fhir.first;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.carelens.common.schema.CodeSystem;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Coverage to {@code coverage}: period, payer type from the Source of Payment Typology (SOP) code in
 * {@code type} (its first digits: 11 Medicare Advantage, 14x dual-eligible plans, other 1x Medicare, 2x Medicaid, 5x
 * and 6x commercial, 8x no payment, others 'other'; no SOP code gives 'other'), the SOP code itself, dual
 * status (the CareLens dual-status extension, else 'full' for SOP 14x dual-eligible organisations), and the plan
 * ({@code class} of type plan, else the payor reference). A Coverage without a period start is taken to cover the
 * beneficiary from birth.
 */
final class CoverageMapping {
    static final String DUAL_STATUS_URL = FhirUris.DUAL_STATUS;

    private static final StructType SCHEMA = FhirTypes.resource()
            .add("status", DataTypes.StringType)
            .add("type", FhirTypes.CODEABLE_CONCEPT)
            .add("beneficiary", FhirTypes.REFERENCE)
            .add("period", FhirTypes.PERIOD)
            .add("payor", FhirTypes.array(FhirTypes.REFERENCE))
            .add("class", FhirTypes.array(new StructType()
                    .add("type", FhirTypes.CODEABLE_CONCEPT).add("value", DataTypes.StringType)));

    private CoverageMapping() {
    }

    /** @param patients the mapped patient rows (person_id, birth_date) */
    static Mapped map(FhirResources res, Dataset<Row> patients) {
        Dataset<Row> c = Mapped.withPerson(res, res.ofType("Coverage", SCHEMA), "beneficiary");
        Dataset<Row> births = patients.select(col("person_id").as("_pid"), col("birth_date").as("_birth"));
        c = c.join(births, c.col("person_id").equalTo(births.col("_pid")), "left");
        Column sop = first(filter(col("r.type.coding"),
                t -> t.getField("system").isin(CodeSystem.SOP.uris().toArray()))).getField("code");
        Column planClass = first(filter(col("r.class"), k -> Fhir.codeAmong(
                org.apache.spark.sql.functions.array(k.getField("type")), List.of("plan")).isNotNull()));
        Column payor = first(col("r.payor")).getField("reference");
        Column dualExtension = extension(col("r.extension"), DUAL_STATUS_URL).getField("valueCode");
        return Mapped.split(c, "Coverage", List.of("person_id"), List.of("beneficiary"), List.of(
                col("id").as("coverage_id"),
                col("person_id"),
                coalesce(Fhir.date(col("r.period.start")), col("_birth")).as("start_date"),
                Fhir.date(col("r.period.end")).as("end_date"),
                payerType(sop).as("payer_type"),
                sop.as("payer_code"),
                coalesce(dualExtension, when(sop.startsWith("14"), lit("full"))).as("dual_status"),
                coalesce(planClass.getField("value"), payor).as("plan_id")));
    }

    static Column payerType(Column sop) {
        return when(sop.startsWith("11"), lit("medicare_advantage"))
                .when(sop.startsWith("14"), lit("medicare_advantage"))
                .when(sop.startsWith("1"), lit("medicare"))
                .when(sop.startsWith("2"), lit("medicaid"))
                .when(sop.startsWith("5").or(sop.startsWith("6")), lit("commercial"))
                .when(sop.startsWith("8"), lit("uninsured"))
                .otherwise(lit("other"));
    }
}
