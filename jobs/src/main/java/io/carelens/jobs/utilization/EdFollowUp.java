package io.carelens.jobs.utilization;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import io.carelens.common.spark.Ages;
import io.carelens.jobs.utilization.UtilizationSettings.DiagnosisSubset;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Follow-up after an ED visit within 7 and within 30 days, for all visits and for the mental-illness (FUM) and
 * substance-use (FUA) subsets. The unit is the visit. A visit is eligible unless it ended in an admission or an acute
 * inpatient stay starts within {@code admission-exclusion-days} (30) after it. A follow-up is a finished encounter of
 * the follow-up classes (outpatient, telehealth, home, observation) dated from the visit date to 30 days after it:
 * within 7 days means on day 0 to day 7 (8 days in all), within 30 days day 0 to day 30. FUM counts visits aged 6+ with
 * a mental-illness principal diagnosis (or any self-harm diagnosis), FUA visits aged 13+ with a substance-use
 * principal diagnosis (or any overdose diagnosis); their follow-up must carry a diagnosis of the same kind when
 * {@code require-matching-diagnosis} is on. Code prefixes come from the configuration.
 */
public final class EdFollowUp {
    private final UtilizationSettings settings;

    public EdFollowUp(UtilizationSettings settings) {
        this.settings = settings;
    }

    /**
     * Adds {@code followup_eligible, followup_days, mental_illness, mental_health_followup_days, substance_use,
     * substance_use_followup_days} to the visits (days to the first follow-up, null when none within 30 days).
     *
     * @param visits ED visits ({@link EdVisits#visits})
     * @param visitEncounters the visits' encounters ({@link EdVisits#visitEncounters})
     * @param diagnoses encounter diagnoses ({@link Diagnoses#ofEncounters})
     * @param inpatientStays acute inpatient stays
     * @param inputs the silver inputs (encounters, patients)
     */
    public Dataset<Row> withFollowUp(Dataset<Row> visits, Dataset<Row> visitEncounters, Dataset<Row> diagnoses,
                                     Dataset<Row> inpatientStays, UtilizationInputs inputs) {
        Dataset<Row> icd = diagnoses.where(Diagnoses.isIcd10cm(col("code_system")));
        Dataset<Row> anyDx = icd.join(visitEncounters.select("encounter_id", "visit_id"), "encounter_id")
                .groupBy("visit_id")
                .agg(max(Diagnoses.startsWithAny(col("dx"), settings.mentalIllness().anyPrefixes())).as("_self_harm"),
                        max(Diagnoses.startsWithAny(col("dx"), settings.substanceUse().anyPrefixes())).as("_overdose"));
        Column principalIcd = Diagnoses.isIcd10cm(col("principal_dx_system"));
        Dataset<Row> typed = visits.join(inputs.patient().select("person_id", "birth_date"), "person_id", "left")
                .withColumn("_age", Ages.wholeYears(col("birth_date"), col("visit_date")))
                .join(anyDx, "visit_id", "left")
                .withColumn("mental_illness", subset(settings.mentalIllness(), principalIcd, col("_self_harm")))
                .withColumn("substance_use", subset(settings.substanceUse(), principalIcd, col("_overdose")));

        Dataset<Row> laterStays = typed.select("visit_id", "person_id", "visit_start_ts", "visit_date")
                .join(inpatientStays.select(col("person_id"), col("admit_ts"), col("admit_date")), "person_id")
                .where(col("admit_ts").geq(col("visit_start_ts"))
                        .and(col("admit_date").leq(date_add(col("visit_date"), settings.followUpAdmissionExclusionDays()))))
                .select("visit_id").distinct().withColumn("_admitted_within", lit(true));

        Dataset<Row> followUps = followUpContacts(inputs, icd);
        Dataset<Row> firstFollowUp = typed.select("visit_id", "person_id", "visit_date")
                .join(followUps, "person_id")
                .withColumn("_days", datediff(col("fu_date"), col("visit_date")))
                .where(col("_days").between(0, 30))
                .groupBy("visit_id")
                .agg(min("_days").as("followup_days"),
                        min(when(col("fu_mental"), col("_days"))).as("_mh_days"),
                        min(when(col("fu_substance"), col("_days"))).as("_sud_days"));
        boolean matching = settings.followUpRequiresMatchingDiagnosis();
        return typed.join(laterStays, "visit_id", "left").join(firstFollowUp, "visit_id", "left")
                .withColumn("followup_eligible", col("admitted").unary_$bang().and(col("_admitted_within").isNull()))
                .withColumn("mental_health_followup_days", matching ? col("_mh_days") : col("followup_days"))
                .withColumn("substance_use_followup_days", matching ? col("_sud_days") : col("followup_days"))
                .drop("birth_date", "_age", "_self_harm", "_overdose", "_admitted_within", "_mh_days", "_sud_days");
    }

    private Column subset(DiagnosisSubset s, Column principalIcd, Column anyFlag) {
        return coalesce(col("_age").geq(s.minimumAge()).and(
                principalIcd.and(Diagnoses.startsWithAny(col("principal_dx_code"), s.principalPrefixes()))
                        .or(coalesce(anyFlag, lit(false)))), lit(false));
    }

    /** Follow-up encounters: {@code person_id, fu_date, fu_mental, fu_substance}. */
    private Dataset<Row> followUpContacts(UtilizationInputs inputs, Dataset<Row> icd) {
        List<String> mental = new ArrayList<>(settings.mentalIllness().principalPrefixes());
        mental.addAll(settings.mentalIllness().anyPrefixes());
        List<String> substance = new ArrayList<>(settings.substanceUse().principalPrefixes());
        substance.addAll(settings.substanceUse().anyPrefixes());
        Dataset<Row> dxFlags = icd.groupBy("encounter_id")
                .agg(max(Diagnoses.startsWithAny(col("dx"), mental)).as("fu_mental"),
                        max(Diagnoses.startsWithAny(col("dx"), substance)).as("fu_substance"));
        return inputs.encounters(settings.followUpClasses(), settings.followUpStatuses())
                .select(col("encounter_id"), col("person_id"), to_date(col("start_ts")).as("fu_date"))
                .join(dxFlags, "encounter_id", "left")
                .select(col("person_id"), col("fu_date"), coalesce(col("fu_mental"), lit(false)).as("fu_mental"),
                        coalesce(col("fu_substance"), lit(false)).as("fu_substance"));
    }

    /**
     * Events of the six follow-up measures: one row per eligible visit and measure. A visit counts for the ED
     * follow-up measures always, for FUM with a mental illness and for FUA with a substance use diagnosis. The rows
     * come from one pass over the visits (an array of the six measures, exploded), not one union branch per measure,
     * so Spark analyses the visits' plan once.
     */
    public static Dataset<Row> events(Dataset<Row> visits) {
        Column[] measures = {
            measure(UtilizationMeasure.ED_FOLLOWUP_7, lit(true), col("followup_days"), 7),
            measure(UtilizationMeasure.ED_FOLLOWUP_30, lit(true), col("followup_days"), 30),
            measure(UtilizationMeasure.FUM_7, col("mental_illness"), col("mental_health_followup_days"), 7),
            measure(UtilizationMeasure.FUM_30, col("mental_illness"), col("mental_health_followup_days"), 30),
            measure(UtilizationMeasure.FUA_7, col("substance_use"), col("substance_use_followup_days"), 7),
            measure(UtilizationMeasure.FUA_30, col("substance_use"), col("substance_use_followup_days"), 30)};
        Dataset<Row> perMeasure = visits.where(col("followup_eligible"))
                .select(col("person_id"), col("visit_id").as("source_id"), col("visit_date").as("event_date"),
                        explode(array(measures)).as("_m"))
                .where(col("_m.applies"))
                .withColumn("measure_id", col("_m.id"));
        return UtilizationEvents.proportion(perMeasure, col("_m.passed"));
    }

    /** One measure of a visit: its id, whether the visit is in its denominator, and whether it was followed up. */
    private static Column measure(UtilizationMeasure m, Column applies, Column days, int within) {
        return struct(lit(m.id()).as("id"), applies.as("applies"), coalesce(days.leq(within), lit(false)).as("passed"));
    }
}
