package io.carelens.jobs.ingest.fhir;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import io.carelens.jobs.ingest.ReasonCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * MedicationRequest, MedicationDispense, MedicationAdministration and MedicationStatement to {@code medication}.
 * The code is medicationCodeableConcept, or the code of the Medication that medicationReference points to
 * ({@code Medication/id}, an absolute URL, a {@code urn:uuid:} fullUrl in the same Bundle, or a conditional
 * reference by identifier); a reference that resolves to no Medication is quarantined as UNRESOLVED_REFERENCE.
 *
 * <p>Requests: authored_ts = authoredOn; the supply period starts at the dosage bounds start, else authoredOn, else
 * the dispense validity start, and lasts expectedSupplyDuration x (1 + refills) days (ending on its last day),
 * else until the bounds or validity end (the CumulativeMedicationDuration request period for the common cases).
 * Dispenses: whenHandedOver (else whenPrepared) plus daysSupply. Administrations and statements: effective[x].
 */
final class MedicationMapping {
    private static final StructType MEDICATION = FhirTypes.resource().add("code", FhirTypes.CODEABLE_CONCEPT);
    private static final StructType COMMON = FhirTypes.resource()
            .add("status", DataTypes.StringType)
            .add("medicationCodeableConcept", FhirTypes.CODEABLE_CONCEPT)
            .add("medicationReference", FhirTypes.REFERENCE)
            .add("subject", FhirTypes.REFERENCE);
    private static final StructType REQUEST = COMMON
            .add("intent", DataTypes.StringType)
            .add("doNotPerform", DataTypes.BooleanType)
            .add("encounter", FhirTypes.REFERENCE)
            .add("authoredOn", DataTypes.StringType)
            .add("dosageInstruction", FhirTypes.array(new StructType().add("timing", new StructType()
                    .add("repeat", new StructType().add("boundsPeriod", FhirTypes.PERIOD)))))
            .add("dispenseRequest", new StructType()
                    .add("validityPeriod", FhirTypes.PERIOD)
                    .add("numberOfRepeatsAllowed", DataTypes.IntegerType)
                    .add("expectedSupplyDuration", FhirTypes.QUANTITY));
    private static final StructType DISPENSE = COMMON
            .add("context", FhirTypes.REFERENCE)
            .add("whenPrepared", DataTypes.StringType)
            .add("whenHandedOver", DataTypes.StringType)
            .add("daysSupply", FhirTypes.QUANTITY);
    private static final StructType EVENT = COMMON
            .add("context", FhirTypes.REFERENCE)
            .add("effectiveDateTime", DataTypes.StringType)
            .add("effectivePeriod", FhirTypes.PERIOD)
            .add("dateAsserted", DataTypes.StringType);
    /** Days per unit of a supply duration (UCUM and calendar units). */
    private static final Map<String, String> DAYS_PER_UNIT = Map.of("d", "1", "day", "1", "days", "1",
            "wk", "7", "week", "7", "weeks", "7", "h", "0.041666666666666664", "hour", "0.041666666666666664",
            "hours", "0.041666666666666664");

    private MedicationMapping() {
    }

    static Mapped map(FhirResources res) {
        Mapped requests = map(res, "MedicationRequest", REQUEST, "request", "encounter");
        Mapped dispenses = map(res, "MedicationDispense", DISPENSE, "dispense", "context");
        Mapped administrations = map(res, "MedicationAdministration", EVENT, "administration", "context");
        Mapped statements = map(res, "MedicationStatement", EVENT, "statement", "context");
        return requests.union(dispenses).union(administrations).union(statements);
    }

    private static Mapped map(FhirResources res, String type, StructType schema, String recordType,
                              String encounterElement) {
        Dataset<Row> m = Mapped.withPerson(res, res.ofType(type, schema), "subject");
        m = res.resolve(m, col(encounterElement.equals("encounter") ? "r.encounter.reference" : "r.context.reference"),
                "Encounter", "encounter_id");
        m = res.resolve(m, col("r.medicationReference.reference"), "Medication", "medication_ref_id");
        Dataset<Row> codes = medicationCodes(res);
        m = m.join(codes, m.col("medication_ref_id").equalTo(codes.col("_medication_id")), "left");
        Column referenceUnresolved = col("r.medicationReference.reference").isNotNull()
                .and(col("r.medicationCodeableConcept").isNull()).and(col("_medication_code").isNull());
        Dataset<Row> unresolvedMedication = m.where(referenceUnresolved);
        Mapped mapped = Mapped.split(m.where(referenceUnresolved.unary_$bang()), type, List.of("person_id"),
                List.of("subject"), columns(recordType));
        Dataset<Row> rejects = FhirResources.rejects(unresolvedMedication, type, ReasonCode.UNRESOLVED_REFERENCE,
                lit("field 'medicationReference' does not resolve to a Medication with a code in this source"));
        return new Mapped(mapped.rows(), mapped.rejects().unionByName(rejects));
    }

    /** The code of every Medication resource, by id (one per id). */
    private static Dataset<Row> medicationCodes(FhirResources res) {
        return res.ofType("Medication", MEDICATION)
                .select(col("id"), Fhir.coding(col("r.code")).as("c"))
                .where(col("c.code").isNotNull())
                .groupBy("id").agg(min(struct(col("c.system"), col("c.code"))).as("c"))
                .select(col("id").as("_medication_id"), col("c.system").as("_medication_system"),
                        col("c.code").as("_medication_code"));
    }

    private static List<Column> columns(String recordType) {
        Column given = Fhir.coding(col("r.medicationCodeableConcept"));
        List<Column> c = new ArrayList<>();
        c.add(col("id").as("medication_id"));
        c.add(col("person_id"));
        c.add(col("encounter_id"));
        c.add(lit(recordType).as("record_type"));
        c.add(coalesce(given.getField("system"), col("_medication_system")).as("code_system"));
        c.add(coalesce(given.getField("code"), col("_medication_code")).as("code"));
        c.add(col("r.status").as("status"));
        switch (recordType) {
            case "request" -> {
                Column bounds = Fhir.first(col("r.dosageInstruction")).getField("timing").getField("repeat")
                        .getField("boundsPeriod");
                Column validity = col("r.dispenseRequest.validityPeriod");
                Column start = coalesce(bounds.getField("start"), col("r.authoredOn"), validity.getField("start"));
                Column supply = col("r.dispenseRequest.expectedSupplyDuration");
                Column days = supply.getField("value").multiply(coalesce(
                        Fhir.lookup(DAYS_PER_UNIT, coalesce(supply.getField("code"), supply.getField("unit"))).cast(DataTypes.DoubleType)))
                        .multiply(coalesce(col("r.dispenseRequest.numberOfRepeatsAllowed"), lit(0)).plus(1));
                c.add(col("r.intent").as("intent"));
                c.add(col("r.doNotPerform").as("do_not_perform"));
                c.add(Fhir.instant(col("r.authoredOn")).as("authored_ts"));
                c.add(Fhir.instant(start).as("start_ts"));
                c.add(coalesce(lastDay(start, days), Fhir.instant(coalesce(bounds.getField("end"), validity.getField("end"))))
                        .as("end_ts"));
            }
            case "dispense" -> {
                Column handed = coalesce(col("r.whenHandedOver"), col("r.whenPrepared"));
                Column days = col("r.daysSupply.value").multiply(coalesce(Fhir.lookup(DAYS_PER_UNIT,
                        coalesce(col("r.daysSupply.code"), col("r.daysSupply.unit"))).cast(DataTypes.DoubleType), lit(1.0)));
                c.add(lit(null).cast(DataTypes.StringType).as("intent"));
                c.add(lit(null).cast(DataTypes.BooleanType).as("do_not_perform"));
                c.add(Fhir.instant(handed).as("authored_ts"));
                c.add(Fhir.instant(handed).as("start_ts"));
                c.add(lastDay(handed, days).as("end_ts"));
            }
            default -> {
                Column start = coalesce(col("r.effectiveDateTime"), col("r.effectivePeriod.start"));
                c.add(lit(null).cast(DataTypes.StringType).as("intent"));
                c.add(lit(null).cast(DataTypes.BooleanType).as("do_not_perform"));
                c.add(Fhir.instant(coalesce(start, col("r.dateAsserted"), col("r.effectivePeriod.end"))).as("authored_ts"));
                c.add(Fhir.instant(start).as("start_ts"));
                c.add(Fhir.instant(col("r.effectivePeriod.end")).as("end_ts"));
            }
        }
        return c;
    }

    /** The start of the last day of a supply of {@code days} days beginning on the date of {@code start}. */
    private static Column lastDay(Column start, Column days) {
        Column last = date_add(to_date(Fhir.date(start)), floor(days).cast(DataTypes.IntegerType).minus(1));
        return when(days.isNotNull().and(days.geq(1)), last.cast(DataTypes.TimestampType).cast(DataTypes.StringType));
    }
}
