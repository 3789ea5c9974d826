package io.carelens.jobs.generate;

/**
 * The effects the generator plants, as the population parameters they set. Tests and later stages check that an
 * estimate computed from generated data recovers each value (its interval should contain it). The prose version,
 * with what each parameter means for a measure, is sample-data/PLANTED-EFFECTS.md.
 */
public final class PlantedEffects {
    private PlantedEffects() {
    }

    /**
     * (a) Screening gap. Probability that a person aged 12+ (depression) or 18+ (social needs) is screened at the
     * first finished outpatient visit of a year: Hispanic or Latino persons vs everyone else (including unknown
     * ethnicity). Depression and social-needs screening are drawn independently with the same probability.
     */
    public static final double SCREENING_PROBABILITY_HISPANIC = 0.45;
    public static final double SCREENING_PROBABILITY_OTHERS = 0.70;

    /** Probability that a depression screening is positive, for everyone. */
    public static final double DEPRESSION_SCREEN_POSITIVE = 0.12;
    /** Probability that a positive depression screening gets a follow-up procedure at the same encounter. */
    public static final double DEPRESSION_FOLLOW_UP = 0.85;

    /**
     * (b) ED use. Expected ED visits per person-year for a person who is not full-benefit dual-eligible, in the
     * comparison arm or unattributed, in any year (the baseline rate).
     */
    public static final double ED_VISITS_PER_PERSON_YEAR = 0.35;
    /** Rate ratio of ED visits for full-benefit dual-eligible persons (every year, both arms). */
    public static final double ED_RATE_RATIO_DUAL_FULL = 1.8;
    /**
     * Probability that an ED visit's principal diagnosis comes from the primary-care-treatable pool (codes whose
     * NYU non-emergent + emergent-primary-care-treatable share is high), for full duals vs everyone else.
     */
    public static final double ED_PRIMARY_CARE_POOL_SHARE_DUAL_FULL = 0.55;
    public static final double ED_PRIMARY_CARE_POOL_SHARE_OTHERS = 0.30;

    /**
     * (c) Intervention effect. ED visit rate ratio for persons attributed to the intervention arm in the performance
     * years (the later half of the generated years) relative to their own baseline years; the comparison arm is
     * unchanged, so the difference-in-differences rate ratio is this value.
     */
    public static final double ED_RATE_RATIO_INTERVENTION_PERFORMANCE = 0.85;

    /**
     * (d) Glycemic control. Probability that an HbA1c reading of a person living in a rural ZIP code is above 9 %,
     * vs urban. Readings are independent, so the most recent reading of a year has the same probability.
     */
    public static final double HBA1C_ABOVE_9_RURAL = 0.30;
    public static final double HBA1C_ABOVE_9_URBAN = 0.15;

    /** The expected CMS2 performance rate: screened, and negative or positive with a follow-up. */
    public static double expectedDepressionScreeningMeasureRate(double screeningProbability) {
        return screeningProbability * (1 - DEPRESSION_SCREEN_POSITIVE * (1 - DEPRESSION_FOLLOW_UP));
    }
}
