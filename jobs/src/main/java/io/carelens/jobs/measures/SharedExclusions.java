package io.carelens.jobs.measures;

import static io.carelens.jobs.measures.MeasureContext.anyOf;
import static io.carelens.jobs.measures.ValueSets.*;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;

import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The exclusions several measures share, written once: hospice (Hospice 6.18 and the 2024 variant 6.12), palliative
 * care (PalliativeCare 1.18), frailty, advanced illness, dementia medications and long-term nursing-home residence
 * (AdvancedIllnessandFrailty 1.27) — eCQM §S10–§S12. Each returns (person_id, evidence).
 */
final class SharedExclusions {
    private SharedExclusions() {
    }

    /** The value sets these exclusions read (2025 content). */
    static final Set<String> VALUE_SETS = Set.of(ENCOUNTER_INPATIENT, HOSPICE_ENCOUNTER, HOSPICE_ASSESSMENT.id(),
            HOSPICE_CARE_AMBULATORY, HOSPICE_DIAGNOSIS, FACIT_PAL.id(), PALLIATIVE_DIAGNOSIS, PALLIATIVE_ENCOUNTER,
            PALLIATIVE_INTERVENTION, FRAILTY_DEVICE, MEDICAL_EQUIPMENT_USED.id(), FRAILTY_DIAGNOSIS, FRAILTY_ENCOUNTER,
            FRAILTY_SYMPTOM, ADVANCED_ILLNESS, DEMENTIA_MEDICATIONS, HOUSING_STATUS.id());

    /** The value sets of the 2024 hospice variant (CMS138). */
    static final Set<String> HOSPICE_2024_VALUE_SETS = Set.of(ENCOUNTER_INPATIENT, v2024(HOSPICE_ENCOUNTER),
            HOSPICE_ASSESSMENT.id(), v2024(HOSPICE_CARE_AMBULATORY), HOSPICE_DIAGNOSIS);

    /** "what on day": the evidence text of an event. */
    static Column evidence(String what, Column day) {
        return concat(lit(what + " on "), coalesce(date_format(day, "yyyy-MM-dd"), lit("an unknown date")));
    }

    /** The usual eCQM exclusion block: hospice, nursing home, frailty with advanced illness (66+), palliative care. */
    static Dataset<Row> standard(MeasureContext c) {
        return anyOf(hospice(c), nursingHome(c), advancedIllnessAndFrailty(c), palliativeCare(c));
    }

    /** §S10.1 "Has Hospice Services". */
    static Dataset<Row> hospice(MeasureContext c) {
        return c.shared("hospice", () -> hospiceCriteria(c));
    }

    private static Dataset<Row> hospiceCriteria(MeasureContext c) {
        PeriodOfRow p = c.period();
        return hospice(c, p.startDate(), p.endDate(), false);
    }

    /** §S10.2: the 2024 hospice logic (CMS138). */
    static Dataset<Row> hospice2024(MeasureContext c) {
        return c.shared("hospice2024", () -> hospice2024Criteria(c));
    }

    private static Dataset<Row> hospice2024Criteria(MeasureContext c) {
        PeriodOfRow p = c.period();
        return hospice(c, p.startDate(), p.endDate(), true);
    }

    private static Dataset<Row> hospice(MeasureContext c, Column lo, Column hi, boolean v2024) {
        Column encounterDone = v2024 ? Status.encounterPerformed2024() : Status.encounterFinished();
        Dataset<Row> dischargedToHospice = c.events(ENCOUNTER_INPATIENT)
                .where(encounterDone.and(col("discharge_code").isin(DISCHARGE_HOME_HOSPICE, DISCHARGE_FACILITY_HOSPICE))
                        .and(col("end_ts").isNotNull()).and(to_date(col("end_ts")).between(lo, hi)))
                .select(col("person_id"), evidence("discharge to hospice", col("end_ts")).as("evidence"));
        Dataset<Row> hospiceEncounter = c.events(v2024 ? v2024(HOSPICE_ENCOUNTER) : HOSPICE_ENCOUNTER)
                .where(encounterDone.and(Timing.encounterOverlaps(lo, hi)))
                .select(col("person_id"), evidence("hospice encounter", col("start_ts")).as("evidence"));
        Column assessment = Status.observationDone().and(col("value_code").equalTo(YES));
        if (v2024) {
            assessment = assessment.and(col("category").equalTo("survey"));
        }
        Dataset<Row> hospiceAssessment = c.events(HOSPICE_ASSESSMENT)
                .where(assessment.and(Timing.overlaps(lo, hi)))
                .select(col("person_id"), evidence("hospice assessment", col("start_ts")).as("evidence"));
        String ambulatory = v2024 ? v2024(HOSPICE_CARE_AMBULATORY) : HOSPICE_CARE_AMBULATORY;
        Column order = v2024
                ? Status.from("request").and(col("status").isin("active", "completed"))
                        .and(col("intent").equalTo("order")).and(Status.notDoNotPerform())
                : Status.ordered("service");
        Dataset<Row> hospiceOrder = c.events(ambulatory)
                .where(order.and(to_date(col("authored_ts")).between(lo, hi)))
                .select(col("person_id"), evidence("hospice care order", col("authored_ts")).as("evidence"));
        Dataset<Row> hospiceProcedure = c.events(ambulatory)
                .where(Status.procedureDone().and(Timing.overlaps(lo, hi)))
                .select(col("person_id"), evidence("hospice care", col("start_ts")).as("evidence"));
        Column diagnosis = v2024 ? Status.from("condition") : Status.condition();
        Dataset<Row> hospiceDiagnosis = c.events(HOSPICE_DIAGNOSIS)
                .where(diagnosis.and(Timing.prevalenceOverlaps(lo, hi, true)))
                .select(col("person_id"), evidence("hospice diagnosis", col("start_ts")).as("evidence"));
        return anyOf(dischargedToHospice, hospiceEncounter, hospiceAssessment, hospiceOrder, hospiceProcedure,
                hospiceDiagnosis);
    }

    /** §S11 "Has Palliative Care in the Measurement Period". */
    static Dataset<Row> palliativeCare(MeasureContext c) {
        return c.shared("palliativeCare", () -> palliativeCareCriteria(c));
    }

    private static Dataset<Row> palliativeCareCriteria(MeasureContext c) {
        Column lo = c.period().startDate();
        Column hi = c.period().endDate();
        return anyOf(
                c.events(FACIT_PAL).where(Status.observationDone().and(Timing.overlaps(lo, hi)))
                        .select(col("person_id"), evidence("palliative care assessment", col("start_ts")).as("evidence")),
                c.events(PALLIATIVE_DIAGNOSIS).where(Status.condition().and(Timing.prevalenceOverlaps(lo, hi, true)))
                        .select(col("person_id"), evidence("palliative care diagnosis", col("start_ts")).as("evidence")),
                c.events(PALLIATIVE_ENCOUNTER).where(Status.encounterFinished().and(Timing.encounterOverlaps(lo, hi)))
                        .select(col("person_id"), evidence("palliative care encounter", col("start_ts")).as("evidence")),
                c.events(PALLIATIVE_INTERVENTION).where(Status.procedureDone().and(Timing.overlaps(lo, hi)))
                        .select(col("person_id"), evidence("palliative care intervention", col("start_ts")).as("evidence")));
    }

    /** §S12.1 "Has Criteria Indicating Frailty". */
    static Dataset<Row> frailty(MeasureContext c) {
        return c.shared("frailty", () -> frailtyCriteria(c));
    }

    private static Dataset<Row> frailtyCriteria(MeasureContext c) {
        Column lo = c.period().startDate();
        Column hi = c.period().endDate();
        Dataset<Row> equipmentAssessments = c.events(MEDICAL_EQUIPMENT_USED).where(Status.observationDone())
                .select("record_id");
        return anyOf(
                c.events(FRAILTY_DEVICE).where(Status.ordered("device").and(to_date(col("authored_ts")).between(lo, hi)))
                        .select(col("person_id"), evidence("frailty device order", col("authored_ts")).as("evidence")),
                c.valueEvents(FRAILTY_DEVICE).join(equipmentAssessments, "record_id")
                        .where(Timing.endsWithin(lo, hi))
                        .select(col("person_id"), evidence("frailty device in use", Timing.latest()).as("evidence")),
                c.events(FRAILTY_DIAGNOSIS).where(Status.condition().and(Timing.prevalenceOverlaps(lo, hi, true)))
                        .select(col("person_id"), evidence("frailty diagnosis", col("start_ts")).as("evidence")),
                c.events(FRAILTY_ENCOUNTER).where(Status.encounterFinished().and(Timing.encounterOverlaps(lo, hi)))
                        .select(col("person_id"), evidence("frailty encounter", col("start_ts")).as("evidence")),
                c.events(FRAILTY_SYMPTOM).where(Status.symptom().and(Timing.overlaps(lo, hi)))
                        .select(col("person_id"), evidence("frailty symptom", col("start_ts")).as("evidence")));
    }

    /** §S12.2 advanced illness or §S12.3 dementia medications, in the year before or during the period. */
    static Dataset<Row> advancedIllnessOrDementia(MeasureContext c) {
        return c.shared("advancedIllnessOrDementia", () -> advancedIllnessOrDementiaCriteria(c));
    }

    private static Dataset<Row> advancedIllnessOrDementiaCriteria(MeasureContext c) {
        Column lo = c.period().startPlusMonths(-12);
        Column hi = c.period().endDate();
        return anyOf(
                c.events(ADVANCED_ILLNESS).where(Status.condition().and(Timing.prevalenceStartsWithin(lo, hi)))
                        .select(col("person_id"), evidence("advanced illness", col("start_ts")).as("evidence")),
                c.events(DEMENTIA_MEDICATIONS).where(Status.medicationActive().and(Timing.medicationOverlaps(lo, hi)))
                        .select(col("person_id"), evidence("dementia medication", col("authored_ts")).as("evidence")));
    }

    /** §S12.4 first combination: age 66 or older with frailty and (advanced illness or dementia medications). */
    static Dataset<Row> advancedIllnessAndFrailty(MeasureContext c) {
        Dataset<Row> aged = c.agedBetween(c.period().endDate(), 66, null);
        return MeasureContext.both(MeasureContext.both(frailty(c), advancedIllnessOrDementia(c)), aged);
    }

    /** §S12.4 second combination (CMS165): 66–80 with frailty and advanced illness, or 81+ with frailty. */
    static Dataset<Row> advancedIllnessAndFrailtyByAgeBand(MeasureContext c) {
        Column end = c.period().endDate();
        return anyOf(
                MeasureContext.both(MeasureContext.both(frailty(c), advancedIllnessOrDementia(c)), c.agedBetween(end, 66, 80)),
                MeasureContext.both(frailty(c), c.agedBetween(end, 81, null)));
    }

    /** §S12.5: age 66 or older and the last housing-status assessment says "lives in nursing home". */
    static Dataset<Row> nursingHome(MeasureContext c) {
        return c.shared("nursingHome", () -> nursingHomeCriteria(c));
    }

    private static Dataset<Row> nursingHomeCriteria(MeasureContext c) {
        Dataset<Row> last = Pick.last(c.events(HOUSING_STATUS)
                .where(Status.observationDone().and(Timing.latestDay().leq(c.period().endDate()))), Timing.latest());
        return MeasureContext.both(last.where(col("value_code").equalTo(LIVES_IN_NURSING_HOME))
                        .select(col("person_id"), evidence("lives in a nursing home", Timing.latest()).as("evidence")),
                c.agedBetween(c.period().endDate(), 66, null));
    }
}
