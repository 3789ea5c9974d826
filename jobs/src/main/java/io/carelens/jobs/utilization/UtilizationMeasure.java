package io.carelens.jobs.utilization;

import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;

/**
 * The utilization measures of {@code gold/utilization_rates}: their stable ids, names, kind (a rate per person-time or
 * a proportion of eligible ED visits) and the ages whose member months form the denominator (PQI: adults, PQI 05 40+,
 * PQI 15 18-39). An event counts only in a member month that is in the measure's denominator.
 */
public enum UtilizationMeasure {
    ED_VISITS("ED visits", Kind.PER_1000),
    ED_VISITS_TREAT_RELEASE("ED visits not ending in an inpatient admission (treat-and-release)", Kind.PER_1000),
    ED_VISITS_ADMITTED("ED visits ending in an inpatient admission", Kind.PER_1000),
    ED_NYU_NONEMERGENT("NYU ED: non-emergent (expected visits)", Kind.PER_1000, true),
    ED_NYU_EMERGENT_PC_TREATABLE("NYU ED: emergent, primary care treatable (expected visits)", Kind.PER_1000, true),
    ED_NYU_EMERGENT_PREVENTABLE("NYU ED: emergent, ED care needed, preventable/avoidable (expected visits)", Kind.PER_1000, true),
    ED_NYU_EMERGENT_NOT_PREVENTABLE("NYU ED: emergent, ED care needed, not preventable/avoidable (expected visits)",
            Kind.PER_1000, true),
    ED_NYU_INJURY("NYU ED: injury", Kind.PER_1000, true),
    ED_NYU_MENTAL_HEALTH("NYU ED: mental health related", Kind.PER_1000, true),
    ED_NYU_ALCOHOL("NYU ED: alcohol related", Kind.PER_1000, true),
    ED_NYU_DRUG("NYU ED: drug related (excluding alcohol)", Kind.PER_1000, true),
    ED_NYU_UNCLASSIFIED("NYU ED: unclassified (principal diagnosis not in the Johnston table)", Kind.PER_1000, true),
    ED_NYU_UNMAPPED("NYU ED: unmapped (no ICD-10-CM principal diagnosis; part of unclassified)", Kind.PER_1000, true),
    ED_AVOIDABLE("Potentially avoidable ED visits (NYU non-emergent + primary care treatable + preventable)",
            Kind.PER_1000, true),
    ED_PC_TREATABLE("Primary-care treatable ED visits (NYU non-emergent + primary care treatable)", Kind.PER_1000, true),
    PQI01("PQI 01 Diabetes short-term complications admissions", Kind.PER_100000, 18, null),
    PQI03("PQI 03 Diabetes long-term complications admissions", Kind.PER_100000, 18, null),
    PQI05("PQI 05 COPD or asthma in older adults admissions", Kind.PER_100000, 40, null),
    PQI07("PQI 07 Hypertension admissions", Kind.PER_100000, 18, null),
    PQI08("PQI 08 Heart failure admissions", Kind.PER_100000, 18, null),
    PQI11("PQI 11 Community-acquired pneumonia admissions", Kind.PER_100000, 18, null),
    PQI12("PQI 12 Urinary tract infection admissions", Kind.PER_100000, 18, null),
    PQI14("PQI 14 Uncontrolled diabetes admissions", Kind.PER_100000, 18, null),
    PQI15("PQI 15 Asthma in younger adults admissions", Kind.PER_100000, 18, 39),
    PQI16("PQI 16 Lower-extremity amputation among patients with diabetes", Kind.PER_100000, 18, null),
    PQI90("PQI 90 Prevention quality overall composite", Kind.PER_100000, 18, null),
    PQI91("PQI 91 Prevention quality acute composite", Kind.PER_100000, 18, null),
    PQI92("PQI 92 Prevention quality chronic composite", Kind.PER_100000, 18, null),
    ED_FOLLOWUP_7("Follow-up within 7 days after an ED visit", Kind.PROPORTION),
    ED_FOLLOWUP_30("Follow-up within 30 days after an ED visit", Kind.PROPORTION),
    FUM_7("Follow-up within 7 days after an ED visit for mental illness (FUM-style)", Kind.PROPORTION),
    FUM_30("Follow-up within 30 days after an ED visit for mental illness (FUM-style)", Kind.PROPORTION),
    FUA_7("Follow-up within 7 days after an ED visit for substance use (FUA-style)", Kind.PROPORTION),
    FUA_30("Follow-up within 30 days after an ED visit for substance use (FUA-style)", Kind.PROPORTION),
    IP_STAYS("Acute inpatient stays", Kind.PER_1000),
    OBS_STAYS("Observation stays", Kind.PER_1000),
    ACUTE_STAYS("Acute hospital utilization: inpatient and observation stays", Kind.PER_1000);

    /** How a measure is expressed. */
    public enum Kind {
        PER_1000(1_000.0, "per 1,000 person-years"),
        PER_100000(100_000.0, "per 100,000 person-years"),
        PROPORTION(1.0, "proportion of eligible ED visits");

        private final double multiplier;
        private final String unit;

        Kind(double multiplier, String unit) {
            this.multiplier = multiplier;
            this.unit = unit;
        }

        public double multiplier() {
            return multiplier;
        }

        public String unit() {
            return unit;
        }
    }

    private final String title;
    private final Kind kind;
    private final int minimumAge;
    private final Integer maximumAge;
    private final boolean nyuCategory;

    UtilizationMeasure(String title, Kind kind) {
        this(title, kind, 0, null, false);
    }

    UtilizationMeasure(String title, Kind kind, boolean nyuCategory) {
        this(title, kind, 0, null, nyuCategory);
    }

    UtilizationMeasure(String title, Kind kind, int minimumAge, Integer maximumAge) {
        this(title, kind, minimumAge, maximumAge, false);
    }

    UtilizationMeasure(String title, Kind kind, int minimumAge, Integer maximumAge, boolean nyuCategory) {
        this.title = title;
        this.kind = kind;
        this.minimumAge = minimumAge;
        this.maximumAge = maximumAge;
        this.nyuCategory = nyuCategory;
    }

    /** The stable id scripts rely on (the enum name). */
    public String id() {
        return name();
    }

    public String title() {
        return title;
    }

    public Kind kind() {
        return kind;
    }

    /** Whether the measure is an NYU category, reported with its share of the classified ED visits. */
    public boolean nyuCategory() {
        return nyuCategory;
    }

    /** Whether a member month at {@code age} (on the month's first day) counts in this measure's denominator. */
    public Column atAge(Column age) {
        Column atLeast = age.geq(minimumAge);
        return maximumAge == null ? atLeast : atLeast.and(age.leq(maximumAge));
    }

    /**
     * Whether a member month at {@code age} counts in the denominator of the measure whose id {@code measureId}
     * holds; null for an id that names no measure.
     */
    public static Column atAgeOfMeasure(Column measureId, Column age) {
        Column test = null;
        for (UtilizationMeasure m : values()) {
            test = test == null ? when(measureId.equalTo(m.id()), m.atAge(age))
                    : test.when(measureId.equalTo(m.id()), m.atAge(age));
        }
        return test;
    }

    /** This measure's denominator age band, e.g. "18-" or "18-39". */
    public String ageBand() {
        return minimumAge + "-" + (maximumAge == null ? "" : maximumAge.toString());
    }
}
