package io.carelens.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * CMS122 for one period and the ED visit rate per 1,000 person-years in DuckDB SQL over the Parquet files of
 * {@link DuckDbIngest}, written rule by rule after CareLens's {@code Cms122}, {@code SharedExclusions},
 * {@code Status}, {@code Timing}, {@code Pick} and {@code EventIndex} (measures) and {@code MemberMonths},
 * {@code EdVisits} and {@code UtilizationRates} (utilization, default settings).
 */
final class DuckDbMeasures {
    private static final String OFFICE_VISIT = "2.16.840.1.113883.3.464.1003.101.12.1001";
    private static final String ANNUAL_WELLNESS_VISIT = "2.16.840.1.113883.3.526.3.1240";
    private static final String PREVENTIVE_ESTABLISHED_18_UP = "2.16.840.1.113883.3.464.1003.101.12.1025";
    private static final String PREVENTIVE_INITIAL_18_UP = "2.16.840.1.113883.3.464.1003.101.12.1023";
    private static final String HOME_HEALTHCARE = "2.16.840.1.113883.3.464.1003.101.12.1016";
    private static final String NUTRITION_SERVICES = "2.16.840.1.113883.3.464.1003.1006";
    private static final String TELEPHONE_VISITS = "2.16.840.1.113883.3.464.1003.101.12.1080";
    private static final String MEDICAL_NUTRITION_THERAPY = "carelens:medical-nutrition-therapy";
    private static final String DIABETES = "2.16.840.1.113883.3.464.1003.103.12.1001";
    private static final String HBA1C = "2.16.840.1.113883.3.464.1003.198.12.1013";
    private static final String GMI = "LOINC:97506-0";
    private static final String ENCOUNTER_INPATIENT = "2.16.840.1.113883.3.666.5.307";
    private static final String HOSPICE_ENCOUNTER = "2.16.840.1.113883.3.464.1003.1003";
    private static final String HOSPICE_CARE_AMBULATORY = "2.16.840.1.113883.3.526.3.1584";
    private static final String HOSPICE_DIAGNOSIS = "2.16.840.1.113883.3.464.1003.1165";
    private static final String HOSPICE_ASSESSMENT = "LOINC:45755-6";
    private static final String PALLIATIVE_DIAGNOSIS = "2.16.840.1.113883.3.464.1003.1167";
    private static final String PALLIATIVE_ENCOUNTER = "2.16.840.1.113883.3.464.1003.101.12.1090";
    private static final String PALLIATIVE_INTERVENTION = "2.16.840.1.113883.3.464.1003.198.12.1135";
    private static final String FACIT_PAL = "LOINC:71007-9";
    private static final String FRAILTY_DEVICE = "2.16.840.1.113883.3.464.1003.118.12.1300";
    private static final String MEDICAL_EQUIPMENT_USED = "LOINC:98181-1";
    private static final String FRAILTY_DIAGNOSIS = "2.16.840.1.113883.3.464.1003.113.12.1074";
    private static final String FRAILTY_ENCOUNTER = "2.16.840.1.113883.3.464.1003.101.12.1088";
    private static final String FRAILTY_SYMPTOM = "2.16.840.1.113883.3.464.1003.113.12.1075";
    private static final String ADVANCED_ILLNESS = "2.16.840.1.113883.3.464.1003.110.12.1082";
    private static final String DEMENTIA_MEDICATIONS = "2.16.840.1.113883.3.464.1003.196.12.1510";
    private static final String HOUSING_STATUS = "LOINC:71802-3";

    /** The value sets read from the bundled FHIR ValueSet expansions. */
    private static final List<String> EXPANSIONS = List.of(OFFICE_VISIT, ANNUAL_WELLNESS_VISIT,
            PREVENTIVE_ESTABLISHED_18_UP, PREVENTIVE_INITIAL_18_UP, HOME_HEALTHCARE, NUTRITION_SERVICES,
            TELEPHONE_VISITS, DIABETES, HBA1C, ENCOUNTER_INPATIENT, HOSPICE_ENCOUNTER, HOSPICE_CARE_AMBULATORY,
            HOSPICE_DIAGNOSIS, PALLIATIVE_DIAGNOSIS, PALLIATIVE_ENCOUNTER, PALLIATIVE_INTERVENTION, FRAILTY_DEVICE,
            FRAILTY_DIAGNOSIS, FRAILTY_ENCOUNTER, FRAILTY_SYMPTOM, ADVANCED_ILLNESS, DEMENTIA_MEDICATIONS);

    /** CareLens's direct-reference codes (ValueSets.java) as (set, system, code). */
    private static final List<List<String>> DIRECT = List.of(
            List.of(MEDICAL_NUTRITION_THERAPY, "CPT", "97802"), List.of(MEDICAL_NUTRITION_THERAPY, "CPT", "97803"),
            List.of(MEDICAL_NUTRITION_THERAPY, "CPT", "97804"), List.of(MEDICAL_NUTRITION_THERAPY, "HCPCS", "G0270"),
            List.of(MEDICAL_NUTRITION_THERAPY, "HCPCS", "G0271"), List.of(GMI, "LOINC", "97506-0"),
            List.of(HOSPICE_ASSESSMENT, "LOINC", "45755-6"), List.of(FACIT_PAL, "LOINC", "71007-9"),
            List.of(MEDICAL_EQUIPMENT_USED, "LOINC", "98181-1"), List.of(HOUSING_STATUS, "LOINC", "71802-3"));

    private static final String YES = "373066001";
    private static final String LIVES_IN_NURSING_HOME = "160734000";
    private static final String ORDER_INTENTS = "('order', 'original-order', 'reflex-order', 'filler-order',"
            + " 'instance-order')";

    // Status (eCQM §S5/§S6) and timing (§S2) over event rows, as CareLens's Status and Timing write them.
    private static final String FINISHED = "source = 'encounter' AND status = 'finished'";
    private static final String OBSERVATION_DONE = "source = 'observation' AND status IN ('final', 'amended',"
            + " 'corrected')";
    private static final String SYMPTOM = "source = 'observation' AND status IN ('preliminary', 'final', 'amended',"
            + " 'corrected')";
    private static final String PROCEDURE_DONE = "source = 'procedure' AND status = 'completed'";
    private static final String NOT_DO_NOT_PERFORM = "(do_not_perform IS NULL OR do_not_perform = false)";
    private static final String ACTIVE = "clinical_status IN ('active', 'recurrence', 'relapse')";
    private static final String CONDITION = "source = 'condition' AND category IN ('encounter-diagnosis',"
            + " 'problem-list-item', 'health-concern') AND (verification_status IS NULL OR verification_status IN"
            + " ('confirmed', 'unconfirmed', 'provisional', 'differential'))";
    private static final String MEDICATION_ACTIVE = "source = 'medication' AND record_type = 'request' AND "
            + NOT_DO_NOT_PERFORM + " AND status = 'active' AND intent IN " + ORDER_INTENTS;

    private final Connection db;
    private final Map<String, Path> parquet;

    /** @param parquet the Parquet file of each ingested table */
    DuckDbMeasures(Connection db, Map<String, Path> parquet) {
        this.db = db;
        this.parquet = parquet;
    }

    /**
     * CMS122 for [{@code lo}, {@code hi}] into table {@code cms122} (person_id, initial_population, denominator,
     * denominator_exclusion, numerator), one row per initial-population member; value sets from {@code valueSets}.
     */
    void cms122(Path valueSets, LocalDate lo, LocalDate hi) throws SQLException {
        loadValueSets(valueSets);
        buildEventIndex();
        String l = "DATE '" + lo + "'";
        String h = "DATE '" + hi + "'";
        String yearBefore = "DATE '" + lo.minusMonths(12) + "'";
        String sql = "CREATE OR REPLACE TABLE cms122 AS WITH "
                + "e AS (SELECT * FROM events WHERE role = 'code'), "
                + "aged AS (SELECT person_id, year(" + h + ") - year(birth_date) - CASE WHEN month(" + h + ") * 100"
                + " + day(" + h + ") < month(birth_date) * 100 + day(birth_date) THEN 1 ELSE 0 END AS age"
                + " FROM " + table("patient") + " WHERE birth_date IS NOT NULL), "
                + "ip AS (SELECT person_id FROM aged WHERE age BETWEEN 18 AND 75"
                + " INTERSECT SELECT person_id FROM e WHERE " + in(OFFICE_VISIT, ANNUAL_WELLNESS_VISIT,
                        PREVENTIVE_ESTABLISHED_18_UP, PREVENTIVE_INITIAL_18_UP, HOME_HEALTHCARE, NUTRITION_SERVICES,
                        TELEPHONE_VISITS, MEDICAL_NUTRITION_THERAPY) + " AND " + FINISHED
                + " AND start_ts IS NOT NULL AND end_ts IS NOT NULL AND sd >= " + l + " AND ed <= " + h
                + " INTERSECT SELECT person_id FROM e WHERE " + in(DIABETES) + " AND " + CONDITION
                + " AND category = 'encounter-diagnosis' AND " + prevalenceOverlaps(l, h) + "), "
                + "hospice AS (" + hospice(l, h) + "), "
                + "nursing_home AS (SELECT person_id FROM (SELECT person_id, value_code, row_number() OVER"
                + " (PARTITION BY person_id ORDER BY coalesce(end_ts, start_ts) DESC NULLS LAST, record_id DESC) AS n"
                + " FROM e WHERE " + in(HOUSING_STATUS) + " AND " + OBSERVATION_DONE + " AND ld <= " + h + ")"
                + " WHERE n = 1 AND value_code = '" + LIVES_IN_NURSING_HOME + "'"
                + " INTERSECT SELECT person_id FROM aged WHERE age >= 66), "
                + "frailty AS (" + frailty(l, h) + "), "
                + "illness_or_dementia AS (SELECT person_id FROM e WHERE " + in(ADVANCED_ILLNESS) + " AND " + CONDITION
                + " AND start_ts IS NOT NULL AND sd BETWEEN " + yearBefore + " AND " + h
                + " UNION SELECT person_id FROM e WHERE " + in(DEMENTIA_MEDICATIONS) + " AND " + MEDICATION_ACTIVE
                + " AND end_ts IS NOT NULL AND CAST(coalesce(start_ts, authored_ts) AS DATE) <= " + h
                + " AND ed >= " + yearBefore + "), "
                + "palliative AS (SELECT person_id FROM e WHERE " + in(FACIT_PAL) + " AND " + OBSERVATION_DONE + " AND "
                + overlaps(l, h) + " UNION SELECT person_id FROM e WHERE " + in(PALLIATIVE_DIAGNOSIS) + " AND "
                + CONDITION + " AND " + prevalenceOverlaps(l, h) + " UNION SELECT person_id FROM e WHERE "
                + in(PALLIATIVE_ENCOUNTER) + " AND " + FINISHED + " AND " + encounterOverlaps(l, h)
                + " UNION SELECT person_id FROM e WHERE " + in(PALLIATIVE_INTERVENTION) + " AND " + PROCEDURE_DONE
                + " AND " + overlaps(l, h) + "), "
                + "exclusion AS (SELECT person_id FROM hospice UNION SELECT person_id FROM nursing_home"
                + " UNION (SELECT person_id FROM frailty INTERSECT SELECT person_id FROM illness_or_dementia"
                + " INTERSECT SELECT person_id FROM aged WHERE age >= 66) UNION SELECT person_id FROM palliative), "
                + "lowest AS (SELECT person_id, value_num, value_unit, value_code FROM (SELECT *, row_number() OVER"
                + " (PARTITION BY person_id ORDER BY ld DESC, value_num ASC NULLS FIRST, record_id ASC) AS n FROM e"
                + " WHERE " + in(HBA1C, GMI) + " AND " + OBSERVATION_DONE + " AND category = 'laboratory' AND ld"
                + " BETWEEN " + l + " AND " + h + ") WHERE n = 1), "
                + "poor AS (SELECT person_id FROM " + table("patient") + " WHERE person_id NOT IN (SELECT person_id"
                + " FROM lowest) UNION SELECT person_id FROM lowest WHERE (value_num IS NULL AND value_code IS NULL)"
                + " OR (value_num > 9 AND (value_unit IS NULL OR value_unit = '%'))) "
                + "SELECT ip.person_id, 1 AS initial_population, 1 AS denominator,"
                + " CASE WHEN x.person_id IS NULL THEN 0 ELSE 1 END AS denominator_exclusion,"
                + " CASE WHEN x.person_id IS NULL AND p.person_id IS NOT NULL THEN 1 ELSE 0 END AS numerator"
                + " FROM ip LEFT JOIN exclusion x ON ip.person_id = x.person_id"
                + " LEFT JOIN poor p ON ip.person_id = p.person_id";
        exec(sql);
    }

    /** §S10.1 Has Hospice Services (2025 content). */
    private static String hospice(String l, String h) {
        return "SELECT person_id FROM e WHERE " + in(ENCOUNTER_INPATIENT) + " AND " + FINISHED
                + " AND discharge_code IN ('428361000124107', '428371000124100') AND end_ts IS NOT NULL AND ed BETWEEN "
                + l + " AND " + h
                + " UNION SELECT person_id FROM e WHERE " + in(HOSPICE_ENCOUNTER) + " AND " + FINISHED + " AND "
                + encounterOverlaps(l, h)
                + " UNION SELECT person_id FROM e WHERE " + in(HOSPICE_ASSESSMENT) + " AND " + OBSERVATION_DONE
                + " AND value_code = '" + YES + "' AND " + overlaps(l, h)
                + " UNION SELECT person_id FROM e WHERE " + in(HOSPICE_CARE_AMBULATORY) + " AND " + ordered("service")
                + " AND CAST(authored_ts AS DATE) BETWEEN " + l + " AND " + h
                + " UNION SELECT person_id FROM e WHERE " + in(HOSPICE_CARE_AMBULATORY) + " AND " + PROCEDURE_DONE
                + " AND " + overlaps(l, h)
                + " UNION SELECT person_id FROM e WHERE " + in(HOSPICE_DIAGNOSIS) + " AND " + CONDITION + " AND "
                + prevalenceOverlaps(l, h);
    }

    /** §S12.1 Has Criteria Indicating Frailty. */
    private static String frailty(String l, String h) {
        return "SELECT person_id FROM e WHERE " + in(FRAILTY_DEVICE) + " AND " + ordered("device")
                + " AND CAST(authored_ts AS DATE) BETWEEN " + l + " AND " + h
                + " UNION SELECT v.person_id FROM events v JOIN (SELECT record_id FROM e WHERE "
                + in(MEDICAL_EQUIPMENT_USED) + " AND " + OBSERVATION_DONE + ") a ON v.record_id = a.record_id"
                + " WHERE v.role = 'value' AND v.value_set_oid = '" + FRAILTY_DEVICE + "' AND v.ld BETWEEN " + l
                + " AND " + h
                + " UNION SELECT person_id FROM e WHERE " + in(FRAILTY_DIAGNOSIS) + " AND " + CONDITION + " AND "
                + prevalenceOverlaps(l, h)
                + " UNION SELECT person_id FROM e WHERE " + in(FRAILTY_ENCOUNTER) + " AND " + FINISHED + " AND "
                + encounterOverlaps(l, h)
                + " UNION SELECT person_id FROM e WHERE " + in(FRAILTY_SYMPTOM) + " AND " + SYMPTOM + " AND "
                + overlaps(l, h);
    }

    private static String ordered(String requestType) {
        return "source = 'request' AND record_type = '" + requestType + "' AND status IN ('active', 'completed')"
                + " AND intent IN " + ORDER_INTENTS + " AND " + NOT_DO_NOT_PERFORM;
    }

    /** Timing.overlaps: a point or closed interval overlapping [lo, hi] by day. */
    private static String overlaps(String l, String h) {
        return "sd <= " + h + " AND ld >= " + l;
    }

    /** Timing.encounterOverlaps: one without an end is ongoing. */
    private static String encounterOverlaps(String l, String h) {
        return "sd <= " + h + " AND (end_ts IS NULL OR ed >= " + l + ")";
    }

    /** Timing.prevalenceOverlaps by day (§S7.4). */
    private static String prevalenceOverlaps(String l, String h) {
        return "(start_ts IS NULL OR sd <= " + h + ") AND ((end_ts IS NOT NULL AND ed >= " + l + ")"
                + " OR (end_ts IS NULL AND " + ACTIVE + ") OR (end_ts IS NULL AND NOT (" + ACTIVE + ")"
                + " AND start_ts IS NOT NULL AND sd >= " + l + "))";
    }

    private static String in(String... valueSets) {
        return "value_set_oid IN (" + String.join(", ", List.of(valueSets).stream().map(CanonicalContract::quote)
                .toList()) + ")";
    }

    /** The code-to-value-set table {@code vs}: bundled expansions (ICD-10 without the dot) and direct codes. */
    private void loadValueSets(Path folder) throws SQLException {
        exec("CREATE OR REPLACE TABLE vs (value_set_oid VARCHAR, vs_system VARCHAR, vs_code VARCHAR)");
        for (String oid : EXPANSIONS) {
            Path file = folder.resolve("ValueSet-" + oid + ".json");
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException("value set file not found: " + file);
            }
            String system = CanonicalContract.systemOfUri("c.system");
            exec("INSERT INTO vs SELECT " + CanonicalContract.quote(oid) + ", s, CASE WHEN s IN ('ICD10CM',"
                    + " 'ICD10PCS') THEN upper(replace(trim(code), '.', '')) ELSE trim(code) END FROM (SELECT "
                    + system + " AS s, c.code AS code FROM (SELECT unnest(expansion.contains) AS c FROM read_json("
                    + CanonicalContract.quote(file.toString()) + ", maximum_object_size = 134217728))"
                    + " WHERE c.code IS NOT NULL AND c.system IS NOT NULL)");
        }
        for (List<String> d : DIRECT) {
            exec("INSERT INTO vs VALUES (" + String.join(", ", d.stream().map(CanonicalContract::quote).toList())
                    + ")");
        }
    }

    /**
     * The event index (EventIndex.java) restricted to the value sets above: coded rows of encounter, condition,
     * procedure, observation (code and value roles), medication and request, matched on system and code, with the
     * UTC days {@code sd} (start), {@code ed} (end) and {@code ld} (latest: end, else start).
     */
    private void buildEventIndex() throws SQLException {
        String none = "NULL::TIMESTAMP AS authored_ts";
        String coded = String.join(" UNION ALL BY NAME ", List.of(
                "SELECT person_id, 'encounter' AS source, encounter_id AS record_id, 'code' AS role, type_system AS"
                        + " code_system, type_code AS code, start_ts, end_ts, " + none + ", status,"
                        + " discharge_disposition_code AS discharge_code FROM " + table("encounter"),
                "SELECT person_id, 'condition' AS source, condition_id AS record_id, 'code' AS role, code_system, code,"
                        + " onset_ts AS start_ts, abatement_ts AS end_ts, recorded_ts AS authored_ts, category,"
                        + " clinical_status, verification_status FROM " + table("condition"),
                "SELECT person_id, 'procedure' AS source, procedure_id AS record_id, 'code' AS role, code_system, code,"
                        + " performed_start_ts AS start_ts, performed_end_ts AS end_ts, " + none + ", status, category"
                        + " FROM " + table("procedure"),
                observation("code", "code_system", "code"),
                observation("value", "value_code_system", "value_code"),
                "SELECT person_id, 'medication' AS source, medication_id AS record_id, 'code' AS role, code_system,"
                        + " code, start_ts, end_ts, authored_ts, status, intent, do_not_perform, record_type FROM "
                        + table("medication"),
                "SELECT person_id, 'request' AS source, request_id AS record_id, 'code' AS role, code_system, code,"
                        + " NULL::TIMESTAMP AS start_ts, NULL::TIMESTAMP AS end_ts, authored_ts, status, intent,"
                        + " do_not_perform, request_type AS record_type FROM " + table("request")));
        exec("CREATE OR REPLACE TABLE events AS SELECT c.*, vs.value_set_oid, CAST(c.start_ts AS DATE) AS sd,"
                + " CAST(c.end_ts AS DATE) AS ed, CAST(coalesce(c.end_ts, c.start_ts) AS DATE) AS ld FROM (" + coded
                + ") c JOIN vs ON c.code_system = vs.vs_system AND CASE WHEN c.code_system IN ('ICD10CM', 'ICD10PCS')"
                + " THEN upper(replace(trim(c.code), '.', '')) ELSE trim(c.code) END = vs.vs_code"
                + " WHERE c.code IS NOT NULL");
    }

    /** Observation rows in one role: the matched code is {@code code}; value_code stays the observation's answer. */
    private String observation(String role, String system, String code) {
        return "SELECT person_id, 'observation' AS source, observation_id AS record_id, '" + role + "' AS role, "
                + system + " AS code_system, " + code + " AS code, effective_start_ts AS start_ts, effective_end_ts"
                + " AS end_ts, NULL::TIMESTAMP AS authored_ts, status, category, value_num, value_unit, value_code"
                + " FROM " + table("observation");
    }

    /**
     * ED visits per 1,000 person-years over [{@code lo}, {@code hi}], whole population: returns events, person-years
     * and the rate. Member months: coverage spans from the later of start and birth to the earliest of end, death and
     * the as-of date (the latest encounter start day), any covered day counts, age at the month's first day at least 0.
     * Visits: finished EMER encounters, one per person, facility and UTC start day, counted in a covered month.
     */
    double[] edRate(LocalDate lo, LocalDate hi) throws SQLException {
        String l = "DATE '" + lo + "'";
        String h = "DATE '" + hi + "'";
        String sql = "WITH as_of AS (SELECT max(CAST(start_ts AS DATE)) AS d FROM " + table("encounter") + "), "
                + "spans AS (SELECT c.person_id, p.birth_date, greatest(c.start_date, p.birth_date) AS f,"
                + " least(c.end_date, p.deceased_date, (SELECT d FROM as_of)) AS t FROM " + table("coverage") + " c"
                + " JOIN " + table("patient") + " p ON c.person_id = p.person_id), "
                + "months AS (SELECT DISTINCT person_id, birth_date, CAST(m AS DATE) AS ms FROM (SELECT person_id,"
                + " birth_date, unnest(generate_series(CAST(date_trunc('month', f) AS TIMESTAMP),"
                + " CAST(date_trunc('month', t) AS TIMESTAMP), INTERVAL 1 MONTH)) AS m FROM spans WHERE f <= t)), "
                + "mm AS (SELECT person_id, ms FROM months WHERE ms BETWEEN " + l + " AND " + h
                + " AND year(ms) - year(birth_date) - CASE WHEN month(ms) * 100 + day(ms) < month(birth_date) * 100"
                + " + day(birth_date) THEN 1 ELSE 0 END >= 0), "
                + "visits AS (SELECT DISTINCT person_id, coalesce(facility_id, '') AS facility, CAST(start_ts AS DATE)"
                + " AS vd FROM " + table("encounter") + " WHERE encounter_class = 'EMER' AND status = 'finished') "
                + "SELECT (SELECT count(*) FROM visits v JOIN mm ON v.person_id = mm.person_id"
                + " AND CAST(date_trunc('month', v.vd) AS DATE) = mm.ms), (SELECT count(*) FROM mm)";
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            double events = rs.getLong(1);
            double personYears = rs.getLong(2) / 12.0;
            return new double[] {events, personYears, events / personYears * 1000};
        }
    }

    private String table(String name) {
        Path p = parquet.get(name);
        if (p == null) {
            throw new IllegalStateException("table " + name + " was not ingested");
        }
        return "read_parquet(" + CanonicalContract.quote(p.toString()) + ")";
    }

    private void exec(String sql) throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute(sql);
        }
    }
}
