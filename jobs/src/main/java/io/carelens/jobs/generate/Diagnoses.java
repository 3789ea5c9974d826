package io.carelens.jobs.generate;

import static io.carelens.jobs.generate.Canonical.ts;

import io.carelens.common.schema.CanonicalTable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Diagnoses: for every finished encounter a principal diagnosis (rank 1) chosen by the kind of encounter, followed
 * by the person's chronic conditions; and one problem-list entry per chronic condition, with onset before the
 * generated years. ED principal diagnoses carry planted effect (b): full duals draw more often from the
 * primary-care-treatable pool.
 */
final class Diagnoses {
    private final GeneratorSettings settings;
    private final Draw draw;

    Diagnoses(GeneratorSettings settings) {
        this.settings = settings;
        this.draw = new Draw(settings.seed());
    }

    /** The person's chronic condition codes, as a SQL array of strings (empty entries removed). */
    static String chronicCodes() {
        return "filter(array(IF(diabetes, diabetes_code, NULL), IF(hypertension, '" + Codes.HYPERTENSION + "', NULL),"
                + " IF(depression, depression_code, NULL), IF(copd, '" + Codes.COPD + "', NULL),"
                + " IF(heart_failure, '" + Codes.HEART_FAILURE + "', NULL)), c -> c IS NOT NULL)";
    }

    Dataset<Row> conditionTable(Dataset<Row> visits, Dataset<Row> people) {
        Dataset<Row> coded = visits.where("status = 'finished'")
                .selectExpr("*", principal() + " AS principal")
                .selectExpr("*", "posexplode(concat(array(principal), filter(" + chronicCodes()
                        + ", c -> c <> principal))) AS (position, code)")
                .selectExpr("*", "array_contains(" + chronicCodes() + ", code) AS chronic");
        Dataset<Row> encounterDiagnoses = Canonical.project(CanonicalTable.CONDITION, coded, "idx",
                "encounter_id || '-D' || (position + 1)",
                "condition_id", "encounter_id || '-D' || (position + 1)",
                "person_id", "person_id",
                "encounter_id", "encounter_id",
                "code_system", "'ICD10CM'",
                "code", "code",
                "category", "'encounter-diagnosis'",
                "diagnosis_rank", "position + 1",
                "clinical_status", "IF(chronic, 'active', 'resolved')",
                "verification_status", "'confirmed'",
                "onset_ts", ts("start"),
                "abatement_ts", "IF(chronic, NULL, " + ts("start + INTERVAL 14 DAYS") + ")",
                "recorded_ts", ts("start"));

        String window = "make_date(" + settings.startYear() + ", 1, 1)";
        Dataset<Row> listed = people.selectExpr("*", "posexplode(" + chronicCodes() + ") AS (position, code)")
                .selectExpr("*", "greatest(date_add(birth_date, 1), date_sub(" + window + ", "
                        + draw.between("onset", 30, 1800, "idx", "code") + ")) AS onset");
        Dataset<Row> problemList = Canonical.project(CanonicalTable.CONDITION, listed, "idx",
                "format_string('PL%08d-%d', idx, position)",
                "condition_id", "format_string('PL%08d-%d', idx, position)",
                "person_id", "person_id",
                "code_system", "'ICD10CM'",
                "code", "code",
                "category", "'problem-list-item'",
                "clinical_status", "'active'",
                "verification_status", "'confirmed'",
                "onset_ts", ts("CAST(onset AS TIMESTAMP)"),
                "recorded_ts", ts("CAST(onset AS TIMESTAMP)"));
        return encounterDiagnoses.unionByName(problemList);
    }

    private String principal() {
        String key = "encounter_id";
        String edPool = "IF(" + draw.u("ed_pool", key) + " < IF(dual_full, "
                + PlantedEffects.ED_PRIMARY_CARE_POOL_SHARE_DUAL_FULL + ", " + PlantedEffects.ED_PRIMARY_CARE_POOL_SHARE_OTHERS
                + "), " + draw.pick("ed_dx_pc", Codes.ED_PRIMARY_CARE_TREATABLE, key) + ", "
                + draw.pick("ed_dx_other", Codes.ED_OTHER, key) + ")";
        String office = "CASE WHEN diabetes AND " + draw.chance("ov_dm", "0.45", key) + " THEN diabetes_code"
                + " WHEN hypertension AND " + draw.chance("ov_htn", "0.5", key) + " THEN '" + Codes.HYPERTENSION + "'"
                + " WHEN depression AND " + draw.chance("ov_dep", "0.4", key) + " THEN depression_code"
                + " ELSE " + draw.pick("ov_acute", Codes.OFFICE_ACUTE, key) + " END";
        return "CASE kind"
                + " WHEN 'OV' THEN " + office
                + " WHEN 'PV' THEN IF(age_in_year < 18, 'Z00.129', 'Z00.00')"
                + " WHEN 'TV' THEN " + draw.pick("tv_acute", Codes.OFFICE_ACUTE, key)
                + " WHEN 'DV' THEN depression_code"
                + " WHEN 'ED' THEN " + edPool
                + " WHEN 'IP' THEN " + draw.pick("ip_dx", Codes.INPATIENT_PRINCIPAL, key)
                + " ELSE " + draw.pick("ob_dx", Codes.OBSERVATION_PRINCIPAL, key) + " END";
    }
}
