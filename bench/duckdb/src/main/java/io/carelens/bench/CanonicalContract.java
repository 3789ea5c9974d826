package io.carelens.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The canonical data contract as DuckDB sees it: per table its key, typed columns, required fields, allowed values,
 * code-system columns, patterns, flagged fields with their fallback, and the start/end columns the date rules read.
 * A copy of {@code CanonicalTable}, {@code Field}, {@code Vocabulary} and {@code CodeSystem} of carelens-common, kept
 * here so that the benchmark needs no Spark on its classpath; the comparison of accepted row counts with CareLens's
 * silver tables catches a copy that has drifted.
 */
final class CanonicalContract {
    private CanonicalContract() {
    }

    /** One column: DuckDB type, whether required, allowed values, code system, pattern and flag fallback. */
    record Column(String name, String type, boolean required, List<String> allowed, boolean codeSystem,
                  String pattern, boolean flag, String fallback) {
        Column flagged(String replacement) {
            return new Column(name, type, required, allowed, codeSystem, pattern, true, replacement);
        }

        Column matching(String regex) {
            return new Column(name, type, required, allowed, codeSystem, regex, flag, fallback);
        }
    }

    /** One table: key, columns, the event-time column and the column that must not precede it. */
    record Table(String name, List<String> keys, List<Column> columns, String start, String end, boolean extensible) {
        Optional<Column> column(String n) {
            return columns.stream().filter(c -> c.name().equals(n)).findFirst();
        }

        boolean referencesPatient() {
            return !name.equals("patient") && !name.equals("area") && column("person_id").isPresent();
        }
    }

    private static final List<String> GENDER = List.of("female", "male", "other", "unknown");
    private static final List<String> SEX = List.of("female", "male", "unknown");
    private static final List<String> RACE = List.of("american_indian_or_alaska_native", "asian",
            "black_or_african_american", "native_hawaiian_or_other_pacific_islander", "white", "other", "multiple",
            "unknown");
    private static final List<String> ETHNICITY = List.of("hispanic_or_latino", "not_hispanic_or_latino", "unknown");
    private static final List<String> PAYER_TYPE = List.of("medicare", "medicare_advantage", "medicaid", "commercial",
            "uninsured", "other");
    private static final List<String> DUAL_STATUS = List.of("full", "partial", "none", "unknown");
    private static final List<String> ENCOUNTER_STATUS = List.of("planned", "arrived", "triaged", "in-progress",
            "onleave", "finished", "cancelled", "entered-in-error", "unknown");
    private static final List<String> ENCOUNTER_CLASS = List.of("AMB", "EMER", "IMP", "ACUTE", "NONAC", "OBSENC",
            "PRENC", "SS", "VR", "HH", "FLD");
    private static final List<String> CONDITION_CATEGORY = List.of("encounter-diagnosis", "problem-list-item",
            "health-concern");
    private static final List<String> CLINICAL_STATUS = List.of("active", "recurrence", "relapse", "inactive",
            "remission", "resolved");
    private static final List<String> VERIFICATION_STATUS = List.of("unconfirmed", "provisional", "differential",
            "confirmed", "refuted", "entered-in-error");
    private static final List<String> EVENT_STATUS = List.of("preparation", "in-progress", "not-done", "on-hold",
            "stopped", "completed", "entered-in-error", "unknown");
    private static final List<String> OBSERVATION_STATUS = List.of("registered", "preliminary", "final", "amended",
            "corrected", "cancelled", "entered-in-error", "unknown");
    private static final List<String> OBSERVATION_CATEGORY = List.of("social-history", "vital-signs", "imaging",
            "laboratory", "procedure", "survey", "exam", "therapy", "activity", "sdoh", "functional-status");
    private static final List<String> MEDICATION_RECORD_TYPE = List.of("request", "dispense", "administration",
            "statement");
    private static final List<String> MEDICATION_STATUS = List.of("active", "on-hold", "cancelled", "completed",
            "entered-in-error", "stopped", "draft", "unknown", "preparation", "in-progress", "not-done", "declined",
            "intended", "not-taken");
    private static final List<String> REQUEST_INTENT = List.of("proposal", "plan", "directive", "order",
            "original-order", "reflex-order", "filler-order", "instance-order", "option");
    private static final List<String> REQUEST_TYPE = List.of("service", "device");
    private static final List<String> REQUEST_STATUS = List.of("draft", "active", "on-hold", "revoked", "completed",
            "entered-in-error", "unknown");
    private static final List<String> SOCIAL_NEED_DOMAIN = List.of("food", "housing", "transportation", "utilities",
            "interpersonal_safety", "other");
    private static final List<String> REFERRAL_STATUS = List.of("draft", "requested", "active", "in-progress",
            "on-hold", "completed", "cancelled", "rejected", "failed", "revoked", "entered-in-error");
    private static final List<String> CLOSURE_OUTCOME = List.of("need_met", "need_not_met", "declined",
            "unable_to_contact", "other");
    private static final List<String> ARM = List.of("intervention", "comparison");
    private static final List<String> AREA_TYPE = List.of("postal_code", "county");
    private static final List<String> RURALITY = List.of("urban", "rural");
    private static final String LANGUAGE_TAG = "(?i)unknown|[a-z]{2,3}([-_][a-z0-9]{1,8})*";

    /**
     * The recognised code systems: short name, then every URI; a value matches by its short name, its short name
     * without underscores or one of its URIs, compared in lower case after trimming (as CareLens's Validator does).
     */
    static final Map<String, List<String>> CODE_SYSTEMS = codeSystems();

    private static Map<String, List<String>> codeSystems() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("LOINC", List.of("http://loinc.org"));
        m.put("SNOMEDCT", List.of("http://snomed.info/sct"));
        m.put("ICD10CM", List.of("http://hl7.org/fhir/sid/icd-10-cm"));
        m.put("ICD10PCS", List.of("http://www.cms.gov/Medicare/Coding/ICD10", "http://www.icd10data.com/icd10pcs"));
        m.put("CPT", List.of("http://www.ama-assn.org/go/cpt"));
        m.put("HCPCS", List.of("https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets",
                "http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets",
                "http://www.nlm.nih.gov/research/umls/hcpcs"));
        m.put("RXNORM", List.of("http://www.nlm.nih.gov/research/umls/rxnorm"));
        m.put("NDC", List.of("http://hl7.org/fhir/sid/ndc"));
        m.put("CVX", List.of("http://hl7.org/fhir/sid/cvx"));
        m.put("CDCREC", List.of("urn:oid:2.16.840.1.113883.6.238"));
        m.put("SOP", List.of("https://nahdo.org/sopt", "urn:oid:2.16.840.1.113883.3.221.5"));
        m.put("ADMINISTRATIVE_GENDER", List.of("http://terminology.hl7.org/CodeSystem/v3-AdministrativeGender"));
        m.put("ACT_CODE", List.of("http://terminology.hl7.org/CodeSystem/v3-ActCode"));
        m.put("DISCHARGE_DISPOSITION", List.of("http://terminology.hl7.org/CodeSystem/discharge-disposition"));
        m.put("UB04_POINT_OF_ORIGIN", List.of("https://www.nubc.org/CodeSystem/PointOfOrigin"));
        m.put("UB04_PATIENT_STATUS", List.of("https://www.nubc.org/CodeSystem/PatDischargeStatus",
                "http://www.nubc.org/patient-discharge"));
        return m;
    }

    /** The tables in contract order (patient first: the others are checked against it). */
    static final List<Table> TABLES = List.of(
            new Table("patient", List.of("person_id"), List.of(
                    id("person_id"), date("birth_date", true), date("deceased_date", false),
                    oneOf("gender", false, GENDER).flagged("unknown"), oneOf("sex", false, SEX).flagged("unknown"),
                    oneOf("race", false, RACE).flagged("unknown"), text("race_code"),
                    oneOf("ethnicity", false, ETHNICITY).flagged("unknown"),
                    text("preferred_language").matching(LANGUAGE_TAG).flagged("unknown"), text("postal_code"),
                    text("county_fips")), null, null, true),
            new Table("coverage", List.of("coverage_id"), List.of(
                    id("coverage_id"), id("person_id"), date("start_date", true), date("end_date", false),
                    oneOf("payer_type", true, PAYER_TYPE), text("payer_code"),
                    oneOf("dual_status", false, DUAL_STATUS).flagged("unknown"), text("plan_id")),
                    "start_date", "end_date", false),
            new Table("encounter", List.of("encounter_id"), List.of(
                    id("encounter_id"), id("person_id"), oneOf("status", true, ENCOUNTER_STATUS),
                    oneOf("encounter_class", false, ENCOUNTER_CLASS).flagged(null), system("type_system", false),
                    text("type_code"), timestamp("start_ts", true), timestamp("end_ts", false), text("facility_id"),
                    text("practice_id"), text("provider_id"), text("admit_source_code"),
                    system("discharge_disposition_system", false), text("discharge_disposition_code")),
                    "start_ts", "end_ts", false),
            new Table("condition", List.of("condition_id"), List.of(
                    id("condition_id"), id("person_id"), text("encounter_id"), system("code_system", true),
                    requiredText("code"), oneOf("category", false, CONDITION_CATEGORY).flagged(null),
                    integer("diagnosis_rank"), oneOf("clinical_status", false, CLINICAL_STATUS),
                    oneOf("verification_status", false, VERIFICATION_STATUS), system("body_site_system", false),
                    text("body_site_code"), timestamp("onset_ts", false), timestamp("abatement_ts", false),
                    timestamp("recorded_ts", false)), "onset_ts", "abatement_ts", false),
            new Table("procedure", List.of("procedure_id"), List.of(
                    id("procedure_id"), id("person_id"), text("encounter_id"), system("code_system", true),
                    requiredText("code"), oneOf("status", true, EVENT_STATUS), text("category"),
                    timestamp("performed_start_ts", true), timestamp("performed_end_ts", false)),
                    "performed_start_ts", "performed_end_ts", false),
            new Table("observation", List.of("observation_id"), List.of(
                    id("observation_id"), id("person_id"), text("encounter_id"), text("parent_observation_id"),
                    system("code_system", true), requiredText("code"), oneOf("status", true, OBSERVATION_STATUS),
                    oneOf("category", false, OBSERVATION_CATEGORY).flagged(null), timestamp("effective_start_ts", true),
                    timestamp("effective_end_ts", false), number("value_num"), text("value_unit"),
                    system("value_code_system", false), text("value_code"), system("reason_code_system", false),
                    text("reason_code")), "effective_start_ts", "effective_end_ts", false),
            new Table("medication", List.of("medication_id"), List.of(
                    id("medication_id"), id("person_id"), text("encounter_id"),
                    oneOf("record_type", true, MEDICATION_RECORD_TYPE), system("code_system", true),
                    requiredText("code"),
                    oneOf("status", true, MEDICATION_STATUS), oneOf("intent", false, REQUEST_INTENT),
                    flag("do_not_perform"), timestamp("authored_ts", true), timestamp("start_ts", false),
                    timestamp("end_ts", false)), "start_ts", "end_ts", false),
            new Table("request", List.of("request_id"), List.of(
                    id("request_id"), id("person_id"), text("encounter_id"), oneOf("request_type", true, REQUEST_TYPE),
                    system("code_system", true), requiredText("code"), oneOf("status", true, REQUEST_STATUS),
                    oneOf("intent", true, REQUEST_INTENT), flag("do_not_perform"), timestamp("authored_ts", true)),
                    null, null, false),
            new Table("referral", List.of("referral_id"), List.of(
                    id("referral_id"), id("person_id"), oneOf("domain", true, SOCIAL_NEED_DOMAIN),
                    system("code_system", false), text("code"), oneOf("status", true, REFERRAL_STATUS),
                    date("referred_date", true), date("closed_date", false),
                    oneOf("closure_outcome", false, CLOSURE_OUTCOME), text("source_observation_id")),
                    "referred_date", "closed_date", false),
            new Table("attribution", List.of("person_id", "program_id", "start_date"), List.of(
                    id("person_id"), id("program_id"), id("practice_id"), oneOf("arm", true, ARM),
                    date("start_date", true), date("end_date", false)), "start_date", "end_date", false),
            new Table("area", List.of("area_type", "area_code"), List.of(
                    oneOf("area_type", true, AREA_TYPE), id("area_code"),
                    oneOf("rurality", false, RURALITY).flagged(null), integer("adi_national_percentile").flagged(null)),
                    null, null, true));

    private static Column of(String name, String type, boolean required) {
        return new Column(name, type, required, List.of(), false, null, false, null);
    }

    private static Column id(String name) {
        return of(name, "VARCHAR", true);
    }

    private static Column text(String name) {
        return of(name, "VARCHAR", false).flagged(null);
    }

    private static Column requiredText(String name) {
        return of(name, "VARCHAR", true);
    }

    private static Column date(String name, boolean required) {
        return of(name, "DATE", required);
    }

    private static Column timestamp(String name, boolean required) {
        return of(name, "TIMESTAMP", required);
    }

    private static Column number(String name) {
        return of(name, "DOUBLE", false);
    }

    private static Column integer(String name) {
        return of(name, "INTEGER", false);
    }

    private static Column flag(String name) {
        return of(name, "BOOLEAN", false);
    }

    private static Column oneOf(String name, boolean required, List<String> allowed) {
        return new Column(name, "VARCHAR", required, allowed, false, null, false, null);
    }

    private static Column system(String name, boolean required) {
        return new Column(name, "VARCHAR", required, List.of(), true, null, false, null);
    }

    /** SQL: the short code-system name of {@code raw} (trimmed, lower case), or NULL when it is not recognised. */
    static String normaliseSystem(String raw) {
        StringBuilder sql = new StringBuilder("CASE lower(trim(" + raw + "))");
        Map<String, String> aliases = new LinkedHashMap<>();
        CODE_SYSTEMS.forEach((name, uris) -> {
            aliases.put(name.toLowerCase(), name);
            aliases.put(name.replace("_", "").toLowerCase(), name);
            uris.forEach(u -> aliases.put(u.toLowerCase(), name));
        });
        aliases.forEach((alias, name) -> sql.append(" WHEN ").append(quote(alias)).append(" THEN ")
                .append(quote(name)));
        return sql.append(" END").toString();
    }

    /** SQL: the short name of a value-set system URI as ValueSetLoader stores it (unknown URIs stay as given). */
    static String systemOfUri(String uri) {
        StringBuilder sql = new StringBuilder("CASE");
        CODE_SYSTEMS.forEach((name, uris) -> {
            List<String> all = new ArrayList<>(uris);
            all.add(name);
            sql.append(" WHEN ").append(uri).append(" IN (")
                    .append(String.join(", ", all.stream().map(CanonicalContract::quote).toList()))
                    .append(") THEN ").append(quote(name));
        });
        return sql.append(" ELSE ").append(uri).append(" END").toString();
    }

    static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
