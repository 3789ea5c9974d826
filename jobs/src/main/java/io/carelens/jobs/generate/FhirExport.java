package io.carelens.jobs.generate;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import io.carelens.common.schema.CanonicalTable;
import io.carelens.common.schema.CodeSystem;
import io.carelens.jobs.ingest.CanonicalSource;
import io.carelens.jobs.ingest.IngestException;
import io.carelens.jobs.ingest.SourceBatch;
import io.carelens.jobs.ingest.fhir.FhirUris;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Canonical tables to a FHIR R4 Bulk Data folder: one folder per resource type holding {@code <Type>.<n>.ndjson}
 * files, written by Spark ({@code to_json} over struct expressions). The FHIR source reads it back to the same
 * canonical rows (closure outcomes other than need_met / need_not_met come back as 'other'; code columns that hold
 * a URI CareLens does not know are written as given).
 */
public final class FhirExport {
    private static final Map<String, String> RACE_CODE = Map.of(
            "american_indian_or_alaska_native", "1002-5", "asian", "2028-9", "black_or_african_american", "2054-5",
            "native_hawaiian_or_other_pacific_islander", "2076-8", "white", "2106-3", "other", "2131-1");
    private static final Map<String, String> ETHNICITY_CODE = Map.of(
            "hispanic_or_latino", "2135-2", "not_hispanic_or_latino", "2186-5");
    private static final Map<String, String> SEX_CODE = Map.of("female", "248152002", "male", "248153007",
            "unknown", "unknown");
    private static final Map<String, String> DEFAULT_SOP = Map.of("medicare", "1", "medicare_advantage", "11",
            "medicaid", "2", "commercial", "5", "uninsured", "81", "other", "9");
    private static final Map<String, String> SDOH_CATEGORY = Map.of("food", "food-insecurity",
            "housing", "housing-instability", "transportation", "transportation-insecurity",
            "utilities", "utility-insecurity", "interpersonal_safety", "intimate-partner-violence",
            "other", "sdoh-category-unspecified");
    private static final Map<String, String> TASK_STATUS = Map.of("need_met", "completed", "need_not_met", "failed",
            "declined", "cancelled", "unable_to_contact", "failed", "other", "cancelled");
    private static final List<String> SERVICE_REQUEST_STATUS = List.of("draft", "active", "on-hold", "revoked",
            "completed", "entered-in-error", "unknown");

    private static final DataType CODING = new StructType().add("system", DataTypes.StringType)
            .add("code", DataTypes.StringType);
    private static final Column NO_CODING = lit(null).cast(CODING);
    private static final Column NO_TEXT = lit(null).cast(DataTypes.StringType);
    private static final Column NO_CODE = NO_TEXT;
    private static final Column NO_LEAVES = lit(null).cast(DataTypes.createArrayType(new StructType()
            .add("url", DataTypes.StringType).add("valueCoding", CODING).add("valueString", DataTypes.StringType)));

    private FhirExport() {
    }

    /** Reads the canonical folder {@code canonicalDir} and writes the Bulk Data folder {@code outDir}. */
    public static void export(SparkSession spark, String canonicalDir, String outDir) {
        SourceBatch batch = new CanonicalSource().read(spark, canonicalDir);
        Map<String, Dataset<Row>> resources = new LinkedHashMap<>();
        Map<CanonicalTable, Dataset<Row>> t = batch.tables();
        if (t.containsKey(CanonicalTable.PATIENT)) {
            resources.put("Patient", patients(t.get(CanonicalTable.PATIENT)));
        }
        if (t.containsKey(CanonicalTable.COVERAGE)) {
            resources.put("Coverage", coverages(t.get(CanonicalTable.COVERAGE)));
        }
        if (t.containsKey(CanonicalTable.ENCOUNTER)) {
            resources.put("Encounter", encounters(t.get(CanonicalTable.ENCOUNTER), t.get(CanonicalTable.CONDITION)));
        }
        if (t.containsKey(CanonicalTable.CONDITION)) {
            resources.put("Condition", conditions(t.get(CanonicalTable.CONDITION)));
        }
        if (t.containsKey(CanonicalTable.PROCEDURE)) {
            resources.put("Procedure", procedures(t.get(CanonicalTable.PROCEDURE)));
        }
        if (t.containsKey(CanonicalTable.OBSERVATION)) {
            resources.put("Observation", observations(t.get(CanonicalTable.OBSERVATION)));
        }
        if (t.containsKey(CanonicalTable.MEDICATION)) {
            Dataset<Row> m = t.get(CanonicalTable.MEDICATION);
            resources.put("MedicationRequest", medications(m, "request"));
            resources.put("MedicationDispense", medications(m, "dispense"));
            resources.put("MedicationAdministration", medications(m, "administration"));
            resources.put("MedicationStatement", medications(m, "statement"));
        }
        if (t.containsKey(CanonicalTable.REQUEST)) {
            Dataset<Row> r = t.get(CanonicalTable.REQUEST);
            resources.put("ServiceRequest", requests(r, "service"));
            resources.put("DeviceRequest", requests(r, "device"));
        }
        if (t.containsKey(CanonicalTable.REFERRAL)) {
            Dataset<Row> r = t.get(CanonicalTable.REFERRAL);
            resources.put("ServiceRequest", resources.containsKey("ServiceRequest")
                    ? resources.get("ServiceRequest").unionByName(referrals(r)) : referrals(r));
            resources.put("Task", tasks(r));
        }
        resources.forEach((type, json) -> write(spark, json, outDir, type));
    }

    private static Dataset<Row> patients(Dataset<Row> p) {
        Column raceCodes = coalesce(split(col("race_code"), ","), array(lookup(RACE_CODE, col("race"))));
        Column raceOmb = transform(filter(raceCodes, c -> c.isNotNull()),
                c -> leaf("ombCategory", coding(lit(FhirUris.CDC_RACE), c), NO_TEXT));
        Column race = when(col("race").isNotNull(), top(FhirUris.RACE, NO_CODE, concat(raceOmb,
                array(leaf("text", NO_CODING, col("race"))))));
        Column ethnicityCode = lookup(ETHNICITY_CODE, col("ethnicity"));
        Column ethnicityOmb = when(ethnicityCode.isNotNull(), coding(lit(FhirUris.CDC_RACE), ethnicityCode))
                .otherwise(coding(lit(FhirUris.NULL_FLAVOR), lit("UNK")));
        Column ethnicity = when(col("ethnicity").isNotNull(), top(FhirUris.ETHNICITY, NO_CODE, array(
                leaf("ombCategory", ethnicityOmb, NO_TEXT), leaf("text", NO_CODING, col("ethnicity")))));
        Column sex = when(col("sex").isNotNull(), top(FhirUris.SEX, lookup(SEX_CODE, col("sex")), NO_LEAVES));
        Column address = when(col("postal_code").isNotNull().or(col("county_fips").isNotNull()), array(struct(
                lit("home").as("use"), col("postal_code").as("postalCode"),
                when(col("county_fips").isNotNull(), array(struct(lit(FhirUris.COUNTY_FIPS).as("url"),
                        col("county_fips").as("valueCode")))).as("extension"))));
        return json(p, struct(
                lit("Patient").as("resourceType"),
                col("person_id").as("id"),
                nonNull(race, ethnicity, sex).as("extension"),
                col("gender"),
                col("birth_date").as("birthDate"),
                col("deceased_date").as("deceasedDateTime"),
                address.as("address"),
                when(col("preferred_language").isNotNull(), array(struct(
                        codeable(lit(FhirUris.BCP47), col("preferred_language")).as("language"),
                        lit(true).as("preferred")))).as("communication")));
    }

    private static Dataset<Row> coverages(Dataset<Row> c) {
        Column sop = coalesce(col("payer_code"), lookup(DEFAULT_SOP, col("payer_type")));
        return json(c, struct(
                lit("Coverage").as("resourceType"),
                col("coverage_id").as("id"),
                when(col("dual_status").isNotNull(), array(struct(lit(FhirUris.DUAL_STATUS).as("url"),
                        col("dual_status").as("valueCode")))).as("extension"),
                lit("active").as("status"),
                codeable(lit(CodeSystem.SOP.uri()), sop).as("type"),
                patientRef().as("beneficiary"),
                struct(col("start_date").as("start"), col("end_date").as("end")).as("period"),
                when(col("plan_id").isNotNull(), array(struct(
                        codeable(lit("http://terminology.hl7.org/CodeSystem/coverage-class"), lit("plan")).as("type"),
                        col("plan_id").as("value")))).as("class")));
    }

    private static Dataset<Row> encounters(Dataset<Row> e, Dataset<Row> conditions) {
        Dataset<Row> rows = e;
        Column diagnoses = lit(null);
        if (conditions != null) {
            Dataset<Row> listed = conditions.where(col("encounter_id").isNotNull().and(col("diagnosis_rank").isNotNull()))
                    .groupBy(col("encounter_id").as("_enc"))
                    .agg(collect_list(struct(
                            struct(concat(lit("Condition/"), col("condition_id")).as("reference")).as("condition"),
                            col("diagnosis_rank").cast(DataTypes.IntegerType).as("rank"))).as("_diagnoses"));
            rows = e.join(listed, e.col("encounter_id").equalTo(listed.col("_enc")), "left");
            diagnoses = col("_diagnoses");
        }
        return json(rows, struct(
                lit("Encounter").as("resourceType"),
                col("encounter_id").as("id"),
                col("status"),
                coding(lit(CodeSystem.ACT_CODE.uri()), col("encounter_class")).as("class"),
                when(col("type_code").isNotNull(), array(codeable(uri(col("type_system")), col("type_code")))).as("type"),
                patientRef().as("subject"),
                struct(instant(col("start_ts")).as("start"), instant(col("end_ts")).as("end")).as("period"),
                when(col("provider_id").isNotNull(), array(struct(
                        struct(concat(lit("Practitioner/"), col("provider_id")).as("reference")).as("individual"))))
                        .as("participant"),
                when(col("facility_id").isNotNull(), struct(concat(lit("Organization/"), col("facility_id")).as("reference")))
                        .as("serviceProvider"),
                struct(when(col("admit_source_code").isNotNull(), codeable(lit(CodeSystem.UB04_POINT_OF_ORIGIN.uri()),
                                col("admit_source_code"))).as("admitSource"),
                        when(col("discharge_disposition_code").isNotNull(), codeable(uri(col("discharge_disposition_system")),
                                col("discharge_disposition_code"))).as("dischargeDisposition")).as("hospitalization"),
                diagnoses.as("diagnosis")));
    }

    private static Dataset<Row> conditions(Dataset<Row> c) {
        return json(c, struct(
                lit("Condition").as("resourceType"),
                col("condition_id").as("id"),
                when(col("clinical_status").isNotNull(), codeable(lit(FhirUris.CONDITION_CLINICAL), col("clinical_status")))
                        .as("clinicalStatus"),
                when(col("verification_status").isNotNull(),
                        codeable(lit(FhirUris.CONDITION_VERIFICATION), col("verification_status"))).as("verificationStatus"),
                when(col("category").isNotNull(), array(codeable(when(col("category").equalTo("health-concern"),
                        lit(FhirUris.US_CORE_CATEGORY)).otherwise(lit(FhirUris.CONDITION_CATEGORY)), col("category"))))
                        .as("category"),
                codeable(uri(col("code_system")), col("code")).as("code"),
                patientRef().as("subject"),
                encounterRef().as("encounter"),
                instant(col("onset_ts")).as("onsetDateTime"),
                instant(col("abatement_ts")).as("abatementDateTime"),
                instant(col("recorded_ts")).as("recordedDate")));
    }

    private static Dataset<Row> procedures(Dataset<Row> p) {
        Column end = col("performed_end_ts");
        return json(p, struct(
                lit("Procedure").as("resourceType"),
                col("procedure_id").as("id"),
                col("status"),
                when(col("category").isNotNull(), struct(array(struct(col("category").as("code"))).as("coding")))
                        .as("category"),
                codeable(uri(col("code_system")), col("code")).as("code"),
                patientRef().as("subject"),
                encounterRef().as("encounter"),
                when(end.isNull(), instant(col("performed_start_ts"))).as("performedDateTime"),
                when(end.isNotNull(), struct(instant(col("performed_start_ts")).as("start"), instant(end).as("end")))
                        .as("performedPeriod")));
    }

    /** Observations with their component rows nested as {@code component}. */
    private static Dataset<Row> observations(Dataset<Row> o) {
        Dataset<Row> components = o.where(col("parent_observation_id").isNotNull())
                .groupBy(col("parent_observation_id").as("_parent"))
                .agg(collect_list(struct(codeable(uri(col("code_system")), col("code")).as("code"),
                        quantity().as("valueQuantity"), conceptValue().as("valueCodeableConcept"),
                        booleanValue().as("valueBoolean"))).as("_components"));
        Dataset<Row> parents = o.where(col("parent_observation_id").isNull());
        Dataset<Row> rows = parents.join(components, parents.col("observation_id").equalTo(components.col("_parent")), "left");
        Column end = col("effective_end_ts");
        return json(rows, struct(
                lit("Observation").as("resourceType"),
                col("observation_id").as("id"),
                col("status"),
                when(col("category").isNotNull(), array(codeable(when(col("category").equalTo("sdoh"),
                        lit(FhirUris.US_CORE_CATEGORY)).otherwise(lit(FhirUris.OBSERVATION_CATEGORY)), col("category"))))
                        .as("category"),
                codeable(uri(col("code_system")), col("code")).as("code"),
                patientRef().as("subject"),
                encounterRef().as("encounter"),
                when(end.isNull(), instant(col("effective_start_ts"))).as("effectiveDateTime"),
                when(end.isNotNull(), struct(instant(col("effective_start_ts")).as("start"), instant(end).as("end")))
                        .as("effectivePeriod"),
                quantity().as("valueQuantity"),
                conceptValue().as("valueCodeableConcept"),
                booleanValue().as("valueBoolean"),
                col("_components").as("component")));
    }

    private static Dataset<Row> medications(Dataset<Row> m, String recordType) {
        Dataset<Row> rows = m.where(col("record_type").equalTo(recordType));
        Column period = struct(instant(col("start_ts")).as("start"), instant(col("end_ts")).as("end"));
        Column common = struct(
                col("medication_id").as("id"),
                col("status"),
                codeable(uri(col("code_system")), col("code")).as("medicationCodeableConcept"),
                patientRef().as("subject"));
        return switch (recordType) {
            case "request" -> json(rows, struct(lit("MedicationRequest").as("resourceType"), common.getField("id").as("id"),
                    col("status"), col("intent"), col("do_not_perform").cast(DataTypes.BooleanType).as("doNotPerform"),
                    common.getField("medicationCodeableConcept").as("medicationCodeableConcept"),
                    patientRef().as("subject"), encounterRef().as("encounter"),
                    instant(col("authored_ts")).as("authoredOn"),
                    when(col("start_ts").isNotNull(), array(struct(struct(struct(period.as("boundsPeriod")).as("repeat"))
                            .as("timing")))).as("dosageInstruction")));
            case "dispense" -> json(rows, struct(lit("MedicationDispense").as("resourceType"), col("medication_id").as("id"),
                    col("status"), common.getField("medicationCodeableConcept").as("medicationCodeableConcept"),
                    patientRef().as("subject"), encounterRef().as("context"),
                    instant(col("authored_ts")).as("whenHandedOver"),
                    when(col("end_ts").isNotNull(), struct(
                            datediff(col("end_ts").cast(DataTypes.DateType), coalesce(col("start_ts"), col("authored_ts"))
                                    .cast(DataTypes.DateType)).plus(1).cast(DataTypes.DoubleType).as("value"),
                            lit("d").as("code"), lit(FhirUris.UCUM).as("system"))).as("daysSupply")));
            default -> json(rows, struct(lit(recordType.equals("statement") ? "MedicationStatement" : "MedicationAdministration")
                            .as("resourceType"), col("medication_id").as("id"), col("status"),
                    common.getField("medicationCodeableConcept").as("medicationCodeableConcept"),
                    patientRef().as("subject"), encounterRef().as("context"),
                    instant(col("authored_ts")).as("dateAsserted"),
                    when(col("end_ts").isNull(), instant(coalesce(col("start_ts"), col("authored_ts")))).as("effectiveDateTime"),
                    when(col("end_ts").isNotNull(), period).as("effectivePeriod")));
        };
    }

    private static Dataset<Row> requests(Dataset<Row> r, String requestType) {
        Dataset<Row> rows = r.where(col("request_type").equalTo(requestType));
        Column code = codeable(uri(col("code_system")), col("code"));
        Column doNotPerform = col("do_not_perform").cast(DataTypes.BooleanType);
        if (requestType.equals("device")) {
            return json(rows, struct(lit("DeviceRequest").as("resourceType"), col("request_id").as("id"),
                    when(doNotPerform.isNotNull(), array(struct(lit(FhirUris.DEVICE_DO_NOT_PERFORM).as("url"),
                            doNotPerform.as("valueBoolean")))).as("modifierExtension"),
                    col("status"), col("intent"), code.as("codeCodeableConcept"), patientRef().as("subject"),
                    encounterRef().as("encounter"), instant(col("authored_ts")).as("authoredOn")));
        }
        return json(rows, struct(lit("ServiceRequest").as("resourceType"), col("request_id").as("id"),
                col("status"), col("intent"), doNotPerform.as("doNotPerform"), code.as("code"),
                patientRef().as("subject"), encounterRef().as("encounter"), instant(col("authored_ts")).as("authoredOn")));
    }

    /** Social-needs referrals: ServiceRequests with the SDOH Clinical Care category of their domain. */
    private static Dataset<Row> referrals(Dataset<Row> r) {
        return json(r, struct(lit("ServiceRequest").as("resourceType"), col("referral_id").as("id"),
                when(col("status").isin(SERVICE_REQUEST_STATUS.toArray()), col("status")).otherwise(lit("active")).as("status"),
                lit("order").as("intent"),
                array(codeable(lit(FhirUris.SDOHCC_CATEGORY), lookup(SDOH_CATEGORY, col("domain")))).as("category"),
                when(col("code").isNotNull(), codeable(uri(col("code_system")), col("code"))).as("code"),
                patientRef().as("subject"),
                col("referred_date").as("authoredOn"),
                when(col("source_observation_id").isNotNull(), array(struct(concat(lit("Observation/"),
                        col("source_observation_id")).as("reference")))).as("supportingInfo")));
    }

    /** One Task per referral that is closed or whose status is not a ServiceRequest status. */
    private static Dataset<Row> tasks(Dataset<Row> r) {
        Dataset<Row> rows = r.where(col("closed_date").isNotNull().or(col("status").isin(SERVICE_REQUEST_STATUS.toArray())
                .unary_$bang()));
        Column status = when(col("closed_date").isNotNull(),
                coalesce(lookup(TASK_STATUS, col("closure_outcome")), lit("completed"))).otherwise(col("status"));
        return json(rows, struct(lit("Task").as("resourceType"), concat(col("referral_id"), lit("-task")).as("id"),
                status.as("status"), lit("order").as("intent"),
                struct(concat(lit("ServiceRequest/"), col("referral_id")).as("reference")).as("focus"),
                patientRef().as("for"),
                when(col("closed_date").isNotNull(), struct(col("closed_date").as("end"))).as("executionPeriod"),
                col("closed_date").as("lastModified")));
    }

    private static Column patientRef() {
        return struct(concat(lit("Patient/"), col("person_id")).as("reference"));
    }

    private static Column encounterRef() {
        return when(col("encounter_id").isNotNull(), struct(concat(lit("Encounter/"), col("encounter_id")).as("reference")));
    }

    private static Column quantity() {
        return when(col("value_num").isNotNull(), struct(col("value_num").cast(DataTypes.DoubleType).as("value"),
                col("value_unit").as("unit"), when(col("value_unit").isNotNull(), lit(FhirUris.UCUM)).as("system"),
                col("value_unit").as("code")));
    }

    private static Column conceptValue() {
        return when(col("value_code").isNotNull().and(col("value_code_system").isNotNull()),
                codeable(uri(col("value_code_system")), col("value_code")));
    }

    private static Column booleanValue() {
        return when(col("value_code_system").isNull().and(col("value_code").isin("true", "false")),
                col("value_code").cast(DataTypes.BooleanType));
    }

    private static Column coding(Column system, Column code) {
        return struct(system.as("system"), code.as("code"));
    }

    private static Column codeable(Column system, Column code) {
        return struct(array(coding(system, code)).as("coding"));
    }

    /** A nested extension (url, valueCoding, valueString), as US Core race and ethnicity hold. */
    private static Column leaf(String url, Column coding, Column text) {
        return struct(lit(url).as("url"), coding.as("valueCoding"), text.as("valueString"));
    }

    /** A patient extension (url, valueCode, nested extensions). */
    private static Column top(String url, Column code, Column leaves) {
        return struct(lit(url).as("url"), code.as("valueCode"), leaves.as("extension"));
    }

    private static Column nonNull(Column... elements) {
        Column all = filter(array(elements), e -> e.isNotNull());
        return when(org.apache.spark.sql.functions.size(all).gt(0), all);
    }

    /** A canonical timestamp as a FHIR instant in UTC. */
    private static Column instant(Column ts) {
        return date_format(ts.cast(DataTypes.TimestampType), "yyyy-MM-dd'T'HH:mm:ssXXX");
    }

    /** The FHIR URI of a code system short name; a value that is not a short name is written as given. */
    private static Column uri(Column system) {
        Map<String, String> uris = new LinkedHashMap<>();
        for (CodeSystem cs : CodeSystem.values()) {
            uris.put(cs.name(), cs.uri());
        }
        return coalesce(lookup(uris, upper(system)), system);
    }

    private static Column lookup(Map<String, String> map, Column key) {
        Column[] entries = map.entrySet().stream().flatMap(e -> Stream.of(lit(e.getKey()), lit(e.getValue())))
                .toArray(Column[]::new);
        return try_element_at(org.apache.spark.sql.functions.map(entries), key);
    }

    private static Dataset<Row> json(Dataset<Row> rows, Column resource) {
        return rows.select(to_json(resource).as("value"));
    }

    /** Writes one resource type as text and renames Spark's part files to {@code <Type>.<n>.ndjson}. */
    private static void write(SparkSession spark, Dataset<Row> json, String outDir, String type) {
        Path folder = new Path(outDir, type);
        json.write().mode("overwrite").text(folder.toString());
        try {
            FileSystem fs = folder.getFileSystem(spark.sparkContext().hadoopConfiguration());
            int n = 0;
            for (FileStatus st : fs.listStatus(folder)) {
                String name = st.getPath().getName();
                if (name.startsWith("part-")) {
                    fs.rename(st.getPath(), new Path(folder, String.format("%s.%03d.ndjson", type, n++)));
                } else {
                    fs.delete(st.getPath(), false);
                }
            }
        } catch (IOException e) {
            throw new IngestException("cannot write " + folder + ": " + e.getMessage());
        }
    }
}
