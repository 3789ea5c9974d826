package io.carelens.common.schema;

import static io.carelens.common.schema.Field.date;
import static io.carelens.common.schema.Field.flag;
import static io.carelens.common.schema.Field.id;
import static io.carelens.common.schema.Field.integer;
import static io.carelens.common.schema.Field.number;
import static io.carelens.common.schema.Field.oneOf;
import static io.carelens.common.schema.Field.requiredText;
import static io.carelens.common.schema.Field.system;
import static io.carelens.common.schema.Field.text;
import static io.carelens.common.schema.Field.timestamp;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The canonical input tables: the contract every source (canonical CSV/Parquet, FHIR, Synthea) is mapped to
 * and that every later stage reads from {@code silver/<name>}. docs/data-contract.md is the prose version.
 *
 * <p>Each table names its key, the columns that must hold a value, the values an enumerated column allows, the
 * start/end pairs that must be ordered, and the event-time column checked against birth, death and the future.
 */
public enum CanonicalTable {

    PATIENT("patient", "one row per person", List.of("person_id"), List.of(
            id("person_id", "the source's own patient identifier"),
            date("birth_date", true, "date of birth"),
            date("deceased_date", false, "date of death, if known"),
            oneOf("gender", false, Vocabulary.ADMINISTRATIVE_GENDER, "administrative gender (FHIR Patient.gender)").flagged("unknown"),
            oneOf("sex", false, Vocabulary.SEX, "sex as recorded (US Core sex extension); the eCQMs read this").flagged("unknown"),
            oneOf("race", false, Vocabulary.RACE, "OMB race category; more than one is 'multiple'").flagged("unknown"),
            text("race_code", "CDC race code (CDCREC), e.g. 2106-3"),
            oneOf("ethnicity", false, Vocabulary.ETHNICITY, "OMB ethnicity category").flagged("unknown"),
            text("preferred_language", "preferred language, BCP-47 (en, es, zh, ...) or unknown")
                    .matching(Vocabulary.LANGUAGE_TAG).flagged("unknown"),
            text("postal_code", "5-digit ZIP code of residence"),
            text("county_fips", "5-digit county FIPS code of residence")),
            null, null, true),

    COVERAGE("coverage", "one row per eligibility span", List.of("coverage_id"), List.of(
            id("coverage_id", "identifier of the span"),
            id("person_id", "the covered person"),
            date("start_date", true, "first covered day"),
            date("end_date", false, "last covered day; empty = open"),
            oneOf("payer_type", true, Vocabulary.PAYER_TYPE, "payer type"),
            text("payer_code", "Source of Payment Typology (SOP) code, if known"),
            oneOf("dual_status", false, Vocabulary.DUAL_STATUS, "Medicare-Medicaid dual eligibility in the span").flagged("unknown"),
            text("plan_id", "plan or payer identifier")),
            "start_date", "end_date", false),

    ENCOUNTER("encounter", "one row per encounter (visit, stay)", List.of("encounter_id"), List.of(
            id("encounter_id", "identifier of the encounter"),
            id("person_id", "the patient"),
            oneOf("status", true, Vocabulary.ENCOUNTER_STATUS, "FHIR Encounter.status; eCQMs count 'finished' only"),
            oneOf("encounter_class", false, Vocabulary.ENCOUNTER_CLASS,
                    "FHIR v3 ActCode class (AMB, EMER, IMP, OBSENC, ...); a visit without a known class is kept").flagged(null),
            system("type_system", false, "code system of the encounter type (CPT, SNOMEDCT, HCPCS)"),
            text("type_code", "encounter type code"),
            timestamp("start_ts", true, "start of the encounter (UTC)"),
            timestamp("end_ts", false, "end of the encounter (UTC)"),
            text("facility_id", "facility (hospital, clinic) identifier"),
            text("practice_id", "practice (TIN or clinic group) identifier"),
            text("provider_id", "rendering provider identifier"),
            text("admit_source_code", "UB-04 point of origin (4, 5, 6 = transfer in)"),
            system("discharge_disposition_system", false, "code system of the discharge disposition"),
            text("discharge_disposition_code", "discharge disposition code")),
            "start_ts", "end_ts", false),

    CONDITION("condition", "one row per diagnosis or problem", List.of("condition_id"), List.of(
            id("condition_id", "identifier"),
            id("person_id", "the patient"),
            text("encounter_id", "the encounter it was recorded in, for encounter diagnoses"),
            system("code_system", true, "ICD10CM or SNOMEDCT"),
            requiredText("code", "diagnosis code (ICD-10-CM with or without the dot)"),
            oneOf("category", false, Vocabulary.CONDITION_CATEGORY, "encounter-diagnosis, problem-list-item or health-concern").flagged(null),
            integer("diagnosis_rank", "1 = principal (first-listed) diagnosis of its encounter"),
            oneOf("clinical_status", false, Vocabulary.CLINICAL_STATUS, "FHIR Condition.clinicalStatus"),
            oneOf("verification_status", false, Vocabulary.VERIFICATION_STATUS, "FHIR Condition.verificationStatus"),
            system("body_site_system", false, "code system of the body site (usually SNOMEDCT)"),
            text("body_site_code", "body site, e.g. SNOMED CT 24028007 right, 7771000 left (eCQM CMS125 laterality)"),
            timestamp("onset_ts", false, "onset"),
            timestamp("abatement_ts", false, "abatement"),
            timestamp("recorded_ts", false, "when recorded")),
            "onset_ts", "abatement_ts", false),

    PROCEDURE("procedure", "one row per procedure performed (or not done)", List.of("procedure_id"), List.of(
            id("procedure_id", "identifier"),
            id("person_id", "the patient"),
            text("encounter_id", "encounter"),
            system("code_system", true, "CPT, HCPCS, SNOMEDCT, ICD10PCS, LOINC"),
            requiredText("code", "procedure code"),
            oneOf("status", true, Vocabulary.EVENT_STATUS, "FHIR Procedure.status; measures count 'completed'"),
            text("category", "procedure category, if any"),
            timestamp("performed_start_ts", true, "performed (start)"),
            timestamp("performed_end_ts", false, "performed (end)")),
            "performed_start_ts", "performed_end_ts", false),

    OBSERVATION("observation", "one row per observation or observation component (screenings, labs, vitals, PROs)",
            List.of("observation_id"), List.of(
            id("observation_id", "identifier; a component row is '<parent id>#<component code>'"),
            id("person_id", "the patient"),
            text("encounter_id", "encounter"),
            text("parent_observation_id", "for a component row: the panel observation it belongs to"),
            system("code_system", true, "usually LOINC"),
            requiredText("code", "what was observed"),
            oneOf("status", true, Vocabulary.OBSERVATION_STATUS, "FHIR Observation.status"),
            oneOf("category", false, Vocabulary.OBSERVATION_CATEGORY, "FHIR observation category").flagged(null),
            timestamp("effective_start_ts", true, "effective time, or start of the effective period"),
            timestamp("effective_end_ts", false, "end of the effective period"),
            number("value_num", "numeric value"),
            text("value_unit", "UCUM unit of value_num"),
            system("value_code_system", false, "code system of a coded value"),
            text("value_code", "coded value (LOINC answer, SNOMED CT)"),
            system("reason_code_system", false, "code system of reason_code"),
            text("reason_code", "for a cancelled (not done) observation: why (QI-Core notDoneReason), e.g. SNOMED CT")),
            "effective_start_ts", "effective_end_ts", false),

    MEDICATION("medication", "one row per medication request, dispense, administration or statement",
            List.of("medication_id"), List.of(
            id("medication_id", "identifier"),
            id("person_id", "the patient"),
            text("encounter_id", "encounter"),
            oneOf("record_type", true, Vocabulary.MEDICATION_RECORD_TYPE, "request, dispense, administration or statement"),
            system("code_system", true, "RXNORM or NDC (a FHIR Medication reference is resolved to its code)"),
            requiredText("code", "medication code"),
            oneOf("status", true, Vocabulary.MEDICATION_STATUS, "FHIR status of the record"),
            oneOf("intent", false, Vocabulary.REQUEST_INTENT, "for requests: FHIR intent"),
            flag("do_not_perform", "for requests: true when the request is NOT to give the medication"),
            timestamp("authored_ts", true, "authored (requests) or when given/dispensed"),
            timestamp("start_ts", false, "start of the supply or validity period"),
            timestamp("end_ts", false, "end of the supply or validity period")),
            "start_ts", "end_ts", false),

    REQUEST("request", "one row per service or device request (orders) other than social-needs referrals",
            List.of("request_id"), List.of(
            id("request_id", "identifier"),
            id("person_id", "the patient"),
            text("encounter_id", "encounter"),
            oneOf("request_type", true, Vocabulary.REQUEST_TYPE, "service or device"),
            system("code_system", true, "code system"),
            requiredText("code", "what was requested"),
            oneOf("status", true, Vocabulary.REQUEST_STATUS, "FHIR request status"),
            oneOf("intent", true, Vocabulary.REQUEST_INTENT, "FHIR request intent"),
            flag("do_not_perform", "true when the request is NOT to do it (FHIR doNotPerform)"),
            timestamp("authored_ts", true, "authored on")),
            null, null, false),

    REFERRAL("referral", "one row per social-needs referral, with its closure", List.of("referral_id"), List.of(
            id("referral_id", "identifier"),
            id("person_id", "the patient"),
            oneOf("domain", true, Vocabulary.SOCIAL_NEED_DOMAIN, "the social need addressed"),
            system("code_system", false, "code system of the referral code"),
            text("code", "referral code (e.g. SNOMED CT)"),
            oneOf("status", true, Vocabulary.REFERRAL_STATUS, "FHIR ServiceRequest/Task status"),
            date("referred_date", true, "date of the referral"),
            date("closed_date", false, "date the loop was closed"),
            oneOf("closure_outcome", false, Vocabulary.CLOSURE_OUTCOME, "how the loop closed"),
            text("source_observation_id", "the screening observation that prompted it")),
            "referred_date", "closed_date", false),

    ATTRIBUTION("attribution", "one row per person, program and attribution span",
            List.of("person_id", "program_id", "start_date"), List.of(
            id("person_id", "the person"),
            id("program_id", "the care model or program"),
            id("practice_id", "the practice the person is attributed to"),
            oneOf("arm", true, Vocabulary.ARM, "intervention or comparison"),
            date("start_date", true, "first day of the attribution span"),
            date("end_date", false, "last day of the span; empty = open")),
            "start_date", "end_date", false),

    AREA("area", "one row per postal code or county: rurality and area deprivation", List.of("area_type", "area_code"),
            List.of(
            oneOf("area_type", true, Vocabulary.AREA_TYPE, "postal_code or county"),
            id("area_code", "5-digit ZIP code or county FIPS"),
            oneOf("rurality", false, Vocabulary.RURALITY, "urban or rural (RUCA-based)").flagged(null),
            integer("adi_national_percentile", "Area Deprivation Index national percentile, 1 (least) to 100 (most deprived)").flagged(null)),
            null, null, true);

    /** Lineage columns carried from bronze into silver. */
    public static final String SOURCE_FILE = "_source_file";
    public static final String SOURCE_ROW = "_source_row";
    public static final String RUN_ID = "_run_id";

    private final String tableName;
    private final String grain;
    private final List<String> keys;
    private final List<Field> fields;
    private final String startColumn;
    private final String endColumn;
    private final boolean extensible;

    CanonicalTable(String tableName, String grain, List<String> keys, List<Field> fields, String startColumn,
                   String endColumn, boolean extensible) {
        this.tableName = tableName;
        this.grain = grain;
        this.keys = keys;
        this.fields = fields;
        this.startColumn = startColumn;
        this.endColumn = endColumn;
        this.extensible = extensible;
    }

    public String tableName() {
        return tableName;
    }

    public String grain() {
        return grain;
    }

    /** The columns that identify a row; a repeated key in one input is a duplicate, across runs an update. */
    public List<String> keys() {
        return keys;
    }

    public List<Field> fields() {
        return fields;
    }

    public Optional<Field> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** The event-time column (checked against birth, death and the future), if the table has one. */
    public Optional<String> startColumn() {
        return Optional.ofNullable(startColumn);
    }

    /** The column that must not precede {@link #startColumn()}, if any. */
    public Optional<String> endColumn() {
        return Optional.ofNullable(endColumn);
    }

    /** Whether users may add their own columns (kept as strings, usable as equity dimensions). */
    public boolean extensible() {
        return extensible;
    }

    /** Whether rows reference a person who must exist in {@code patient}. */
    public boolean referencesPatient() {
        return this != PATIENT && this != AREA && field("person_id").isPresent();
    }

    /** The typed schema of the canonical columns (without lineage). */
    public StructType schema() {
        StructType s = new StructType();
        for (Field f : fields) {
            s = s.add(f.name(), f.type(), !f.required());
        }
        return s;
    }

    /** The silver schema: canonical columns plus lineage. */
    public StructType silverSchema() {
        return schema().add(SOURCE_FILE, DataTypes.StringType, true)
                .add(SOURCE_ROW, DataTypes.LongType, true)
                .add(RUN_ID, DataTypes.StringType, true);
    }

    /** The warehouse path of the silver table, e.g. {@code silver/encounter}. */
    public String silverPath() {
        return "silver/" + tableName;
    }

    public static CanonicalTable byName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.tableName.equals(n)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown canonical table '" + name + "'"));
    }

    public static Set<String> names() {
        return Set.copyOf(Arrays.stream(values()).map(CanonicalTable::tableName).toList());
    }
}
