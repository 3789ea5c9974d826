package io.carelens.jobs.generate;

import static io.carelens.jobs.generate.Canonical.ts;

import io.carelens.common.schema.CanonicalTable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Routine care: blood pressure at outpatient visits, HbA1c for people with diabetes (planted effect (d): more
 * readings above 9 % in rural ZIP codes), PHQ-9 at yearly depression visits, mammography and colonoscopy,
 * chronic-condition prescriptions, and hospice/palliative-care orders.
 */
final class CareEvents {
    private final GeneratorSettings settings;
    private final Draw draw;

    CareEvents(GeneratorSettings settings) {
        this.settings = settings;
        this.draw = new Draw(settings.seed());
    }

    /** Blood-pressure panels (a parent row and two component rows) at 80 % of finished outpatient visits. */
    Dataset<Row> bloodPressure(Dataset<Row> visits) {
        String key = "encounter_id";
        String controlled = draw.chance("bp_controlled", "0.6", key);
        Dataset<Row> panels = visits.where("status = 'finished' AND kind IN ('OV', 'PV', 'DV') AND "
                        + draw.chance("bp", "0.8", key))
                .selectExpr("*", "encounter_id || '-BP' AS panel_id", "start + INTERVAL 5 MINUTES AS taken",
                        "CASE WHEN NOT hypertension THEN " + draw.between("sys_n", 100, 134, key)
                                + " WHEN " + controlled + " THEN " + draw.between("sys_c", 112, 139, key)
                                + " ELSE " + draw.between("sys_u", 140, 172, key) + " END AS systolic",
                        "CASE WHEN NOT hypertension THEN " + draw.between("dia_n", 58, 84, key)
                                + " WHEN " + controlled + " THEN " + draw.between("dia_c", 62, 89, key)
                                + " ELSE " + draw.between("dia_u", 80, 99, key) + " END AS diastolic")
                .selectExpr("*", "explode(array("
                        + "named_struct('code', '" + Codes.BP_PANEL + "', 'value', CAST(NULL AS INT)),"
                        + "named_struct('code', '" + Codes.SYSTOLIC + "', 'value', systolic),"
                        + "named_struct('code', '" + Codes.DIASTOLIC + "', 'value', diastolic))) AS part")
                .selectExpr("*", "IF(part.code = '" + Codes.BP_PANEL + "', panel_id, panel_id || '#' || part.code) AS id");
        return Canonical.project(CanonicalTable.OBSERVATION, panels, "idx", "id",
                "observation_id", "id",
                "person_id", "person_id",
                "encounter_id", "encounter_id",
                "parent_observation_id", "IF(part.code = '" + Codes.BP_PANEL + "', NULL, panel_id)",
                "code_system", "'LOINC'",
                "code", "part.code",
                "status", "'final'",
                "category", "'vital-signs'",
                "effective_start_ts", ts("taken"),
                "value_num", "part.value",
                "value_unit", "IF(part.value IS NULL, NULL, 'mm[Hg]')");
    }

    /** HbA1c at half of the finished office visits of people with diabetes. */
    Dataset<Row> hba1c(Dataset<Row> visits) {
        String key = "encounter_id";
        Dataset<Row> tests = visits.where("status = 'finished' AND kind = 'OV' AND diabetes AND "
                        + draw.chance("a1c", "0.5", key))
                .selectExpr("*", "IF(" + draw.chance("a1c_high", "IF(rural, " + PlantedEffects.HBA1C_ABOVE_9_RURAL + ", "
                        + PlantedEffects.HBA1C_ABOVE_9_URBAN + ")", key) + ", 9.1 + "
                        + draw.between("a1c_high_value", 0, 34, key) + " / 10.0, 5.6 + "
                        + draw.between("a1c_value", 0, 33, key) + " / 10.0) AS a1c");
        return Canonical.project(CanonicalTable.OBSERVATION, tests, "idx", "encounter_id || '-A1C'",
                "observation_id", "encounter_id || '-A1C'",
                "person_id", "person_id",
                "encounter_id", "encounter_id",
                "code_system", "'LOINC'",
                "code", "'" + Codes.HBA1C + "'",
                "status", "'final'",
                "category", "'laboratory'",
                "effective_start_ts", ts("start + INTERVAL 30 MINUTES"),
                "value_num", "CAST(round(a1c, 1) AS DECIMAL(4, 1))",
                "value_unit", "'%'");
    }

    /** PHQ-9 totals at the yearly depression visits: 55 % above 9, 20 % 5-9, 25 % below 5 (remission). */
    Dataset<Row> phq9(Dataset<Row> visits) {
        String key = "encounter_id";
        String u = draw.u("phq9_band", key);
        Dataset<Row> scored = visits.where("status = 'finished' AND kind = 'DV'")
                .selectExpr("*", "CASE WHEN " + u + " < 0.55 THEN " + draw.between("phq9_high", 10, 24, key)
                        + " WHEN " + u + " < 0.75 THEN " + draw.between("phq9_mid", 5, 9, key)
                        + " ELSE " + draw.between("phq9_low", 0, 4, key) + " END AS score");
        return Canonical.project(CanonicalTable.OBSERVATION, scored, "idx", "encounter_id || '-PHQ9'",
                "observation_id", "encounter_id || '-PHQ9'",
                "person_id", "person_id",
                "encounter_id", "encounter_id",
                "code_system", "'LOINC'",
                "code", "'" + Codes.PHQ9 + "'",
                "status", "'final'",
                "category", "'survey'",
                "effective_start_ts", ts("start + INTERVAL 10 MINUTES"),
                "value_num", "score",
                "value_unit", "'{score}'");
    }

    /** Screening mammograms of women 42-74 (35 % a year), as imaging observations. */
    Dataset<Row> mammography(Dataset<Row> personYears) {
        return Canonical.project(CanonicalTable.OBSERVATION, mammograms(personYears), "idx", "id",
                "observation_id", "id",
                "person_id", "person_id",
                "code_system", "'LOINC'",
                "code", "'" + Codes.MAMMOGRAPHY + "'",
                "status", "'final'",
                "category", "'imaging'",
                "effective_start_ts", ts("at"),
                "effective_end_ts", ts("at + INTERVAL 30 MINUTES"));
    }

    private Dataset<Row> mammograms(Dataset<Row> personYears) {
        return personYears.where("female AND age_in_year BETWEEN 42 AND 74 AND "
                        + draw.chance("mammogram", "0.35", "idx", "year"))
                .selectExpr("*", eventTime("mammogram_day") + " AS at", "format_string('M%08d-%d', idx, year) AS id")
                .where("CAST(at AS DATE) <= year_end");
    }

    /** Colonoscopies (ages 46-75, 6 % a year) and the same mammograms as imaging procedures. */
    Dataset<Row> procedures(Dataset<Row> personYears) {
        Dataset<Row> scopes = personYears.where("age_in_year BETWEEN 46 AND 75 AND "
                        + draw.chance("colonoscopy", "0.06", "idx", "year"))
                .selectExpr("*", eventTime("colonoscopy_day") + " AS at", "format_string('X%08d-%d', idx, year) AS id")
                .where("CAST(at AS DATE) <= year_end");
        Dataset<Row> colonoscopy = Canonical.project(CanonicalTable.PROCEDURE, scopes, "idx", "id",
                "procedure_id", "id",
                "person_id", "person_id",
                "code_system", "'CPT'",
                "code", "'" + Codes.COLONOSCOPY + "'",
                "status", "'completed'",
                "performed_start_ts", ts("at"),
                "performed_end_ts", ts("at + INTERVAL 45 MINUTES"));
        Dataset<Row> mammography = Canonical.project(CanonicalTable.PROCEDURE, mammograms(personYears), "idx", "id",
                "procedure_id", "id",
                "person_id", "person_id",
                "code_system", "'LOINC'",
                "code", "'" + Codes.MAMMOGRAPHY + "'",
                "status", "'completed'",
                "category", "'imaging'",
                "performed_start_ts", ts("at"),
                "performed_end_ts", ts("at + INTERVAL 30 MINUTES"));
        return colonoscopy.unionByName(mammography);
    }

    /** A yearly prescription per chronic condition: metformin, lisinopril, and sertraline for 60 % of depression. */
    Dataset<Row> prescriptions(Dataset<Row> personYears) {
        Dataset<Row> orders = personYears.selectExpr("*", "explode(filter(array("
                        + "IF(diabetes, named_struct('n', 1, 'code', '" + Codes.METFORMIN + "'), NULL),"
                        + "IF(hypertension, named_struct('n', 2, 'code', '" + Codes.LISINOPRIL + "'), NULL),"
                        + "IF(depression AND " + draw.chance("ssri", "0.6", "idx") + ", named_struct('n', 3, 'code', '"
                        + Codes.SERTRALINE + "'), NULL)), o -> o IS NOT NULL)) AS rx")
                .selectExpr("*", "CAST(date_add(year_start, " + draw.between("rx_day", 0, 60, "idx", "year", "rx.n")
                        + ") AS TIMESTAMP) + INTERVAL 10 HOURS AS at", "format_string('RX%08d-%d-%d', idx, year, rx.n) AS id")
                .where("CAST(at AS DATE) <= year_end");
        return Canonical.project(CanonicalTable.MEDICATION, orders, "idx", "id",
                "medication_id", "id",
                "person_id", "person_id",
                "record_type", "'request'",
                "code_system", "'RXNORM'",
                "code", "rx.code",
                "status", "IF(year = " + settings.endYear() + ", 'active', 'completed')",
                "intent", "'order'",
                "do_not_perform", "'false'",
                "authored_ts", ts("at"),
                "start_ts", ts("at"),
                "end_ts", ts("at + INTERVAL 365 DAYS"));
    }

    /**
     * Hospice orders for 40 % of people 65+ who die (5-60 days before death) and palliative-care orders for 4 % a
     * year of people 75+ with heart failure.
     */
    Dataset<Row> requests(Dataset<Row> people, Dataset<Row> personYears) {
        String window = "make_date(" + settings.startYear() + ", 1, 1)";
        Dataset<Row> hospice = people.where("deceased_date IS NOT NULL AND age >= 65 AND "
                        + draw.chance("hospice", "0.4", "idx"))
                .selectExpr("*", "CAST(greatest(" + window + ", date_sub(deceased_date, " + draw.between("hospice_days", 5, 60, "idx")
                        + ")) AS TIMESTAMP) + INTERVAL 11 HOURS AS at", "format_string('RQ%08d-H', idx) AS id",
                        "'" + Codes.HOSPICE_CARE + "' AS code");
        Dataset<Row> palliative = personYears.where("heart_failure AND age_in_year >= 75 AND "
                        + draw.chance("palliative", "0.04", "idx", "year"))
                .selectExpr("*", eventTime("palliative_day") + " AS at", "format_string('RQ%08d-P%d', idx, year) AS id",
                        "'" + Codes.PALLIATIVE_CARE + "' AS code")
                .where("CAST(at AS DATE) <= year_end");
        String[] columns = {"idx", "person_id", "at", "id", "code"};
        Dataset<Row> orders = hospice.selectExpr(columns).unionByName(palliative.selectExpr(columns));
        return Canonical.project(CanonicalTable.REQUEST, orders, "idx", "id",
                "request_id", "id",
                "person_id", "person_id",
                "request_type", "'service'",
                "code_system", "'SNOMEDCT'",
                "code", "code",
                "status", "'active'",
                "intent", "'order'",
                "do_not_perform", "'false'",
                "authored_ts", ts("at"));
    }

    /** A time on a day drawn uniformly in the person-year. */
    private String eventTime(String purpose) {
        return "CAST(date_add(year_start, CAST(floor(" + draw.u(purpose, "idx", "year") + " * year_days) AS INT)) AS TIMESTAMP)"
                + " + make_interval(0, 0, 0, 0, " + draw.between(purpose + "_hour", 8, 16, "idx", "year") + ", 0, 0)";
    }
}
