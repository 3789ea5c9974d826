package io.carelens.jobs.caregaps;

import io.carelens.jobs.measures.Measure;
import io.carelens.jobs.measures.Measures;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What closes a care gap, per measure: one short sentence a care team can act on, and whether the gap is being in the
 * numerator (an inverse measure such as CMS122, where the numerator is poor control) or missing from it. Measures
 * that count a condition rather than a care process (the SDOH-2 screen-positive rates) have no action, hence no care
 * gaps.
 */
public final class ClosingActions {
    private static final Map<String, String> ACTIONS = actions();

    private ClosingActions() {
    }

    private static Map<String, String> actions() {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("CMS122", "Bring the last HbA1c (or GMI) of the period to 9 % or lower: test if none was done, "
                + "intensify treatment and retest if it is above 9 %.");
        a.put("CMS165", "Record a blood pressure below 140/90 mmHg at an outpatient visit; the last reading of the "
                + "period counts.");
        a.put("CMS125", "Order a mammogram (one from October 1 two years before the period through its end counts).");
        a.put("CMS130", "Offer colorectal screening: FOBT this year, FIT-DNA within 3 years, CT colonography or "
                + "sigmoidoscopy within 5, or colonoscopy within 10.");
        a.put("CMS2", "Screen for depression with a standardized tool at a visit and, if positive, document a "
                + "follow-up plan the same day.");
        a.put("CMS159", "Reassess with a PHQ-9 twelve months (plus or minus 60 days) after the index event and adjust "
                + "treatment until the score is below 5.");
        a.put("CMS138-1", "Ask about tobacco use at a visit in the period.");
        a.put("CMS138-2", "Give the tobacco user cessation counseling or pharmacotherapy.");
        a.put("CMS138-3", "Ask about tobacco use and, for a user, give cessation counseling or pharmacotherapy.");
        a.put("SDOH-1", "Screen for all five social-needs domains: food, housing, transportation, utilities and "
                + "interpersonal safety.");
        a.put("SDOH-REFERRAL-30D", "Refer each positive social-needs screen to a community resource within 30 days.");
        a.put("SDOH-REFERRAL-CLOSED", "Follow the referral up until it is closed.");
        return Collections.unmodifiableMap(a);
    }

    /** The action that closes a gap of {@code measureId}; empty for a measure without care gaps. */
    public static Optional<String> of(String measureId) {
        return Optional.ofNullable(ACTIONS.get(measureId));
    }

    /** Every measure with care gaps, with its action. */
    static Map<String, String> all() {
        return ACTIONS;
    }

    /** The ids of the measures with care gaps, in report order. */
    public static List<String> measureIds() {
        return Measures.all().stream().map(Measure::id).filter(ACTIONS::containsKey).toList();
    }

    /** True when being in the measure's numerator is the gap (lower is better). */
    static boolean inverse(String measureId) {
        return Measures.all().stream().filter(m -> m.id().equals(measureId)).anyMatch(Measure::inverse);
    }
}
