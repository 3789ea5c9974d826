package io.carelens.common.schema;

import java.util.Set;

/** The allowed values of the enumerated canonical columns (FHIR value sets, OMB categories, CareLens enums). */
public final class Vocabulary {
    private Vocabulary() {
    }

    public static final Set<String> ADMINISTRATIVE_GENDER = Set.of("female", "male", "other", "unknown");
    public static final Set<String> SEX = Set.of("female", "male", "unknown");
    public static final Set<String> RACE = Set.of("american_indian_or_alaska_native", "asian",
            "black_or_african_american", "native_hawaiian_or_other_pacific_islander", "white", "other", "multiple",
            "unknown");
    public static final Set<String> ETHNICITY = Set.of("hispanic_or_latino", "not_hispanic_or_latino", "unknown");
    public static final Set<String> PAYER_TYPE = Set.of("medicare", "medicare_advantage", "medicaid", "commercial",
            "uninsured", "other");
    public static final Set<String> DUAL_STATUS = Set.of("full", "partial", "none", "unknown");
    public static final Set<String> ENCOUNTER_STATUS = Set.of("planned", "arrived", "triaged", "in-progress",
            "onleave", "finished", "cancelled", "entered-in-error", "unknown");
    public static final Set<String> ENCOUNTER_CLASS = Set.of("AMB", "EMER", "IMP", "ACUTE", "NONAC", "OBSENC",
            "PRENC", "SS", "VR", "HH", "FLD");
    public static final Set<String> CONDITION_CATEGORY = Set.of("encounter-diagnosis", "problem-list-item",
            "health-concern");
    public static final Set<String> CLINICAL_STATUS = Set.of("active", "recurrence", "relapse", "inactive",
            "remission", "resolved");
    public static final Set<String> VERIFICATION_STATUS = Set.of("unconfirmed", "provisional", "differential",
            "confirmed", "refuted", "entered-in-error");
    public static final Set<String> EVENT_STATUS = Set.of("preparation", "in-progress", "not-done", "on-hold",
            "stopped", "completed", "entered-in-error", "unknown");
    public static final Set<String> OBSERVATION_STATUS = Set.of("registered", "preliminary", "final", "amended",
            "corrected", "cancelled", "entered-in-error", "unknown");
    public static final Set<String> OBSERVATION_CATEGORY = Set.of("social-history", "vital-signs", "imaging",
            "laboratory", "procedure", "survey", "exam", "therapy", "activity", "sdoh", "functional-status");
    public static final Set<String> MEDICATION_RECORD_TYPE = Set.of("request", "dispense", "administration",
            "statement");
    public static final Set<String> MEDICATION_STATUS = Set.of("active", "on-hold", "cancelled", "completed",
            "entered-in-error", "stopped", "draft", "unknown", "preparation", "in-progress", "not-done", "declined",
            "intended", "not-taken");
    public static final Set<String> REQUEST_INTENT = Set.of("proposal", "plan", "directive", "order",
            "original-order", "reflex-order", "filler-order", "instance-order", "option");
    public static final Set<String> REQUEST_TYPE = Set.of("service", "device");
    public static final Set<String> REQUEST_STATUS = Set.of("draft", "active", "on-hold", "revoked", "completed",
            "entered-in-error", "unknown");
    public static final Set<String> SOCIAL_NEED_DOMAIN = Set.of("food", "housing", "transportation", "utilities",
            "interpersonal_safety", "other");
    public static final Set<String> REFERRAL_STATUS = Set.of("draft", "requested", "active", "in-progress",
            "on-hold", "completed", "cancelled", "rejected", "failed", "revoked", "entered-in-error");
    public static final Set<String> CLOSURE_OUTCOME = Set.of("need_met", "need_not_met", "declined",
            "unable_to_contact", "other");
    public static final Set<String> ARM = Set.of("intervention", "comparison");
    public static final Set<String> AREA_TYPE = Set.of("postal_code", "county");
    public static final Set<String> RURALITY = Set.of("urban", "rural");

    /** A BCP-47 language tag (language, then subtags such as region), or {@code unknown}. */
    public static final String LANGUAGE_TAG = "(?i)unknown|[a-z]{2,3}([-_][a-z0-9]{1,8})*";
}
