package io.carelens.jobs.generate;

import static io.carelens.jobs.generate.Canonical.ts;

import io.carelens.common.schema.CanonicalTable;
import io.carelens.jobs.generate.Draw.Weighted;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;

/**
 * Screenings at the first finished outpatient visit of each year: depression (PHQ-2 and the adult/adolescent
 * screening result, PHQ-9 and a follow-up when positive), AHC health-related social needs (planted effect (a): the
 * same lower probability for Hispanic or Latino persons), and tobacco use with cessation treatment; and the
 * social-needs referrals that follow positive screens.
 */
final class Screenings {
    /** Chance that the screening occasion of a person-year aged 12+ records a tobacco smoking status. */
    static final double TOBACCO_SCREENING = 0.9;
    /** Chances that a screened tobacco user gets cessation counselling, and (independently) pharmacotherapy. */
    static final double TOBACCO_COUNSELLING = 0.35;
    static final double TOBACCO_PHARMACOTHERAPY = 0.4;

    private final GeneratorSettings settings;
    private final Draw draw;

    Screenings(GeneratorSettings settings) {
        this.settings = settings;
        this.draw = new Draw(settings.seed());
    }

    /** The first finished outpatient visit of each person-year, with the screening draws. */
    Dataset<Row> occasions(Dataset<Row> visits) {
        String p = "IF(hispanic, " + PlantedEffects.SCREENING_PROBABILITY_HISPANIC + ", "
                + PlantedEffects.SCREENING_PROBABILITY_OTHERS + ")";
        return visits.where("status = 'finished' AND kind IN " + Encounters.OUTPATIENT_KINDS)
                .withColumn("_n", functions.row_number().over(Window.partitionBy("idx", "year")
                        .orderBy("start", "encounter_id")))
                .where("_n = 1").drop("_n")
                .selectExpr("*",
                        "age_in_year >= 12 AND " + draw.chance("depression_screen", p, "idx", "year") + " AS depression_screened",
                        draw.chance("depression_positive", String.valueOf(PlantedEffects.DEPRESSION_SCREEN_POSITIVE),
                                "idx", "year") + " AS depression_positive",
                        "age_in_year >= 18 AND " + draw.chance("sdoh_screen", p, "idx", "year") + " AS sdoh_screened",
                        "age_in_year >= 12 AND " + draw.chance("tobacco_screen", String.valueOf(TOBACCO_SCREENING), "idx", "year") + " AS tobacco_screened",
                        "start + INTERVAL 10 MINUTES AS screened_at");
    }

    Dataset<Row> observations(Dataset<Row> occasions) {
        return depression(occasions).unionByName(socialNeeds(occasions)).unionByName(tobacco(occasions));
    }

    private Dataset<Row> depression(Dataset<Row> occasions) {
        String key = "encounter_id";
        Dataset<Row> rows = occasions.where("depression_screened").selectExpr("*", "explode(filter(array("
                + "named_struct('suffix', 'DEP', 'code', IF(age_in_year >= 18, '" + Codes.DEPRESSION_SCREEN_ADULT + "', '"
                + Codes.DEPRESSION_SCREEN_ADOLESCENT + "'), 'num', CAST(NULL AS INT), 'unit', CAST(NULL AS STRING),"
                + " 'vcode', IF(depression_positive, '" + Codes.SCREEN_POSITIVE + "', '" + Codes.SCREEN_NEGATIVE + "')),"
                + "named_struct('suffix', 'PHQ2', 'code', '" + Codes.PHQ2 + "', 'num', IF(depression_positive, "
                + draw.between("phq2_pos", 3, 6, key) + ", " + draw.between("phq2_neg", 0, 2, key) + "), 'unit', '{score}',"
                + " 'vcode', CAST(NULL AS STRING)),"
                + "IF(depression_positive, named_struct('suffix', 'PHQ9S', 'code', '" + Codes.PHQ9 + "', 'num', "
                + draw.between("phq9_screen", 10, 22, key) + ", 'unit', '{score}', 'vcode', CAST(NULL AS STRING)), NULL)"
                + "), o -> o IS NOT NULL)) AS o");
        return Canonical.project(CanonicalTable.OBSERVATION, rows, "idx", "encounter_id || '-' || o.suffix",
                "observation_id", "encounter_id || '-' || o.suffix",
                "person_id", "person_id",
                "encounter_id", "encounter_id",
                "code_system", "'LOINC'",
                "code", "o.code",
                "status", "'final'",
                "category", "'survey'",
                "effective_start_ts", ts("screened_at"),
                "value_num", "o.num",
                "value_unit", "o.unit",
                "value_code_system", "IF(o.vcode IS NULL, NULL, 'SNOMEDCT')",
                "value_code", "o.vcode");
    }

    /** AHC HRSN core items; each domain is positive with its own probability, answered with LOINC answer codes. */
    private Dataset<Row> socialNeeds(Dataset<Row> occasions) {
        return Canonical.project(CanonicalTable.OBSERVATION, socialNeedItems(occasions), "idx",
                "encounter_id || '-SDOH-' || item.code",
                "observation_id", "encounter_id || '-SDOH-' || item.code",
                "person_id", "person_id",
                "encounter_id", "encounter_id",
                "code_system", "'LOINC'",
                "code", "item.code",
                "status", "'final'",
                "category", "'sdoh'",
                "effective_start_ts", ts("screened_at"),
                "value_code_system", "'LOINC'",
                "value_code", "item.answer");
    }

    /** One row per answered item: domain, item code, answer code and whether it screens positive. */
    Dataset<Row> socialNeedItems(Dataset<Row> occasions) {
        String key = "encounter_id";
        String food = draw.chance("food", "0.15", key);
        String housing = draw.chance("housing", "0.08", key);
        String transport = draw.chance("transportation", "0.10", key);
        String utilities = draw.chance("utilities", "0.07", key);
        String safety = draw.chance("safety", "0.04", key);
        String often = draw.pick("food_answer", List.of(Weighted.of("LA28397-0", 40), Weighted.of("LA6729-3", 60)), key);
        String unsafe = draw.pick("safety_answer", List.of(Weighted.of("LA10082-8", 50), Weighted.of("LA16644-9", 30),
                Weighted.of("LA6482-9", 20)), key);
        return occasions.where("sdoh_screened").selectExpr("*", "explode(array("
                + item("food", "88122-7", food, often, "'LA28398-8'") + ","
                + item("food", "88123-5", food, often, "'LA28398-8'") + ","
                + item("housing", "71802-3", housing, draw.pick("housing_answer", List.of(Weighted.of("LA31994-9", 70),
                        Weighted.of("LA31995-6", 30)), key), "'LA31993-1'") + ","
                + item("transportation", "93030-5", transport, "'LA33-6'", "'LA32-8'") + ","
                + item("utilities", "96779-4", utilities, draw.pick("utilities_answer", List.of(Weighted.of("LA33-6", 80),
                        Weighted.of("LA32002-0", 20)), key), "'LA32-8'") + ","
                + item("interpersonal_safety", "95618-5", safety, unsafe, "'LA6270-8'") + ","
                + item("interpersonal_safety", "95617-7", safety, unsafe, "'LA6270-8'") + ")) AS item");
    }

    private static String item(String domain, String code, String positive, String positiveAnswer, String negativeAnswer) {
        return "named_struct('domain', '" + domain + "', 'code', '" + code + "', 'positive', " + positive
                + ", 'answer', IF(" + positive + ", " + positiveAnswer + ", " + negativeAnswer + "))";
    }

    /**
     * Tobacco smoking status, category {@code survey}: CMS138 (2024 content) reads only survey-category screenings,
     * so a {@code social-history} category (the US Core choice) would leave its numerators empty.
     */
    private Dataset<Row> tobacco(Dataset<Row> occasions) {
        Dataset<Row> rows = occasions.where("tobacco_screened");
        return Canonical.project(CanonicalTable.OBSERVATION, rows, "idx", "encounter_id || '-TOB'",
                "observation_id", "encounter_id || '-TOB'",
                "person_id", "person_id",
                "encounter_id", "encounter_id",
                "code_system", "'LOINC'",
                "code", "'" + Codes.TOBACCO_STATUS + "'",
                "status", "'final'",
                "category", "'survey'",
                "effective_start_ts", ts("screened_at"),
                "value_code_system", "'SNOMEDCT'",
                "value_code", "IF(tobacco, '" + Codes.SMOKER + "', '" + Codes.NON_SMOKER + "')");
    }

    /** Follow-up of positive depression screens (85 %) and tobacco-cessation counselling (35 % of users). */
    Dataset<Row> procedures(Dataset<Row> occasions) {
        Dataset<Row> followUp = occasions.where("depression_screened AND depression_positive AND "
                + draw.chance("depression_follow_up", String.valueOf(PlantedEffects.DEPRESSION_FOLLOW_UP), "encounter_id"));
        Dataset<Row> counselling = occasions.where("tobacco_screened AND tobacco AND "
                + draw.chance("tobacco_counselling", String.valueOf(TOBACCO_COUNSELLING), "encounter_id"));
        return Canonical.project(CanonicalTable.PROCEDURE, followUp, "idx", "encounter_id || '-DEPFU'",
                        "procedure_id", "encounter_id || '-DEPFU'",
                        "person_id", "person_id",
                        "encounter_id", "encounter_id",
                        "code_system", "'SNOMEDCT'",
                        "code", "'" + Codes.DEPRESSION_FOLLOW_UP + "'",
                        "status", "'completed'",
                        "performed_start_ts", ts("screened_at + INTERVAL 5 MINUTES"))
                .unionByName(Canonical.project(CanonicalTable.PROCEDURE, counselling, "idx", "encounter_id || '-TOBC'",
                        "procedure_id", "encounter_id || '-TOBC'",
                        "person_id", "person_id",
                        "encounter_id", "encounter_id",
                        "code_system", "'CPT'",
                        "code", "'" + Codes.TOBACCO_COUNSELING + "'",
                        "status", "'completed'",
                        "performed_start_ts", ts("screened_at + INTERVAL 5 MINUTES")));
    }

    /** Cessation pharmacotherapy ordered for 40 % of screened tobacco users. */
    Dataset<Row> medications(Dataset<Row> occasions) {
        Dataset<Row> users = occasions.where("tobacco_screened AND tobacco AND "
                + draw.chance("tobacco_rx", String.valueOf(TOBACCO_PHARMACOTHERAPY), "encounter_id"));
        return Canonical.project(CanonicalTable.MEDICATION, users, "idx", "encounter_id || '-TOBRX'",
                "medication_id", "encounter_id || '-TOBRX'",
                "person_id", "person_id",
                "encounter_id", "encounter_id",
                "record_type", "'request'",
                "code_system", "'RXNORM'",
                "code", draw.pick("tobacco_rx_code", Codes.TOBACCO_PHARMACOTHERAPY, "encounter_id"),
                "status", "'active'",
                "intent", "'order'",
                "do_not_perform", "'false'",
                "authored_ts", ts("screened_at"),
                "start_ts", ts("screened_at"),
                "end_ts", ts("screened_at + INTERVAL 84 DAYS"));
    }

    /**
     * One referral per positive domain: 60 % within 30 days of the screen, 15 % after 31-90 days, the rest none.
     * Half of the referrals are closed 3-60 days later with an outcome; closures after the last data day stay open.
     */
    Dataset<Row> referrals(Dataset<Row> occasions) {
        String through = "DATE'" + settings.through() + "'";
        String key = "encounter_id, item.domain";
        String u = draw.u("referral_delay", key);
        Dataset<Row> positives = socialNeedItems(occasions)
                .where("item.positive AND item.code IN ('88122-7', '71802-3', '93030-5', '96779-4', '95618-5')")
                .selectExpr("*", "CASE WHEN " + u + " < 0.60 THEN " + draw.between("referral_days", 0, 30, key)
                        + " WHEN " + u + " < 0.75 THEN " + draw.between("referral_days_late", 31, 90, key) + " END AS delay")
                .where("delay IS NOT NULL")
                .selectExpr("*", "date_add(CAST(screened_at AS DATE), delay) AS referred")
                .where("referred <= " + through + " AND (deceased_date IS NULL OR referred <= deceased_date)")
                .selectExpr("*", "IF(" + draw.chance("referral_closed", "0.5", key) + ", date_add(referred, "
                        + draw.between("referral_close_days", 3, 60, key) + "), NULL) AS closing")
                .selectExpr("*", "IF(closing <= " + through + ", closing, NULL) AS closed");
        return Canonical.project(CanonicalTable.REFERRAL, positives, "idx", "encounter_id || '-REF-' || item.domain",
                "referral_id", "encounter_id || '-REF-' || item.domain",
                "person_id", "person_id",
                "domain", "item.domain",
                "status", "IF(closed IS NULL, 'active', 'completed')",
                "referred_date", "referred",
                "closed_date", "closed",
                "closure_outcome", "IF(closed IS NULL, NULL, " + draw.pick("closure_outcome", List.of(
                        Weighted.of("need_met", 60), Weighted.of("need_not_met", 15), Weighted.of("declined", 10),
                        Weighted.of("unable_to_contact", 15)), key) + ")",
                "source_observation_id", "encounter_id || '-SDOH-' || item.code");
    }
}
