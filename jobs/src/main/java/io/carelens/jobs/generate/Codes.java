package io.carelens.jobs.generate;

import io.carelens.jobs.generate.Draw.Weighted;
import java.util.List;

/**
 * The codes the generator writes, chosen so that they hit the value sets the measures read (eCQM value sets of the
 * 2025 content, the NYU/Johnston ED table and the AHRQ PQI lists). Diagnosis codes are ICD-10-CM with the dot.
 */
final class Codes {
    private Codes() {
    }

    /** Office visits (eCQM Office Visit value set, CPT). */
    static final List<Weighted> OFFICE_VISIT = List.of(Weighted.of("99213", 50), Weighted.of("99214", 30),
            Weighted.of("99212", 10), Weighted.of("99215", 5), Weighted.of("99203", 5));

    /** ED evaluation and management (ED E&amp;M Visit value set, CPT). */
    static final List<Weighted> ED_VISIT = List.of(Weighted.of("99281", 5), Weighted.of("99282", 15),
            Weighted.of("99283", 35), Weighted.of("99284", 30), Weighted.of("99285", 15));

    /** Telephone visit (Telephone Visits value set, CPT). */
    static final String TELEPHONE_VISIT = "99442";
    /** Depression follow-up visit (Contact or Office Visit value set, CPT). */
    static final String DEPRESSION_VISIT = "99214";
    /** Annual wellness visit, subsequent (Annual Wellness Visit value set, HCPCS). */
    static final String ANNUAL_WELLNESS_VISIT = "G0439";
    /** Hospital observation service (HCPCS). */
    static final String OBSERVATION_STAY = "G0378";
    /** Hospital admission (Encounter Inpatient value set, SNOMED CT): emergency and elective. */
    static final String EMERGENCY_ADMISSION = "183452005";
    static final String ELECTIVE_ADMISSION = "32485007";

    /**
     * ED principal diagnoses that are mostly primary-care treatable: every code has a non-emergent +
     * emergent-primary-care-treatable share of at least 0.6 in the Johnston ICD-10 table.
     */
    static final List<Weighted> ED_PRIMARY_CARE_TREATABLE = List.of(Weighted.of("J06.9", 14), Weighted.of("J02.9", 10),
            Weighted.of("H66.90", 6), Weighted.of("N39.0", 10), Weighted.of("M54.5", 10), Weighted.of("R51", 8),
            Weighted.of("A09", 6), Weighted.of("R05", 6), Weighted.of("J20.9", 8), Weighted.of("L03.115", 4),
            Weighted.of("R11.2", 8), Weighted.of("R42", 4), Weighted.of("G43.909", 4), Weighted.of("M79.604", 2));

    /** Every other ED principal diagnosis: emergent, injury, mental health and substance use, and unclassified. */
    static final List<Weighted> ED_OTHER = List.of(
            Weighted.of("R07.9", 9), Weighted.of("R06.02", 5), Weighted.of("I21.4", 2), Weighted.of("R10.13", 5),
            Weighted.of("R10.9", 6), Weighted.of("J44.1", 4), Weighted.of("J45.901", 3), Weighted.of("E11.65", 2),
            Weighted.of("I50.23", 3), Weighted.of("J18.9", 3), Weighted.of("E86.0", 2), Weighted.of("K59.00", 1),
            Weighted.of("S93.401A", 6), Weighted.of("S09.90XA", 5), Weighted.of("S52.501A", 3),
            Weighted.of("S01.111A", 4), Weighted.of("S89.90XA", 3), Weighted.of("S16.1XXA", 4),
            Weighted.of("S06.0X0A", 2), Weighted.of("S30.0XXA", 3),
            Weighted.of("F32.9", 3), Weighted.of("F41.9", 4), Weighted.of("F20.9", 1), Weighted.of("F10.10", 2),
            Weighted.of("F10.129", 2), Weighted.of("F11.20", 2), Weighted.of("F19.920", 1),
            Weighted.of("R51.9", 5), Weighted.of("K08.89", 5));

    /**
     * Inpatient principal diagnoses: about half are PQI numerators (diabetes short/long-term complications and
     * uncontrolled diabetes, COPD/asthma, hypertension, heart failure, pneumonia, UTI) plus dehydration and others.
     */
    static final List<Weighted> INPATIENT_PRINCIPAL = List.of(
            Weighted.of("E11.10", 2), Weighted.of("E11.22", 3), Weighted.of("E11.65", 3), Weighted.of("J44.1", 7),
            Weighted.of("J45.901", 2), Weighted.of("I10", 2), Weighted.of("I50.23", 6), Weighted.of("I50.9", 3),
            Weighted.of("I11.0", 2), Weighted.of("J18.9", 8), Weighted.of("N39.0", 5), Weighted.of("E86.0", 4),
            Weighted.of("A41.9", 9), Weighted.of("I21.4", 6), Weighted.of("I63.9", 5), Weighted.of("S72.001A", 5),
            Weighted.of("N17.9", 5), Weighted.of("K35.80", 4), Weighted.of("K80.20", 3), Weighted.of("M17.11", 6),
            Weighted.of("I48.91", 5), Weighted.of("K92.2", 5));

    /** Observation-stay principal diagnoses. */
    static final List<Weighted> OBSERVATION_PRINCIPAL = List.of(Weighted.of("R07.9", 40), Weighted.of("R55", 20),
            Weighted.of("R42", 15), Weighted.of("R10.9", 15), Weighted.of("I48.91", 10));

    /** Principal diagnoses of sick office visits of people without a chronic condition being managed. */
    static final List<Weighted> OFFICE_ACUTE = List.of(Weighted.of("J06.9", 20), Weighted.of("N39.0", 10),
            Weighted.of("M54.50", 15), Weighted.of("K21.9", 10), Weighted.of("R05.9", 10), Weighted.of("L30.9", 10),
            Weighted.of("M25.561", 10), Weighted.of("J30.9", 15));

    /** Chronic conditions (eCQM Diabetes, Essential Hypertension, Major Depression value sets). */
    static final List<Weighted> DIABETES = List.of(Weighted.of("E11.9", 60), Weighted.of("E11.65", 25),
            Weighted.of("E11.22", 15));
    static final String HYPERTENSION = "I10";
    static final List<Weighted> DEPRESSION = List.of(Weighted.of("F33.1", 35), Weighted.of("F32.1", 30),
            Weighted.of("F33.0", 20), Weighted.of("F32.9", 15));
    static final String COPD = "J44.9";
    static final String HEART_FAILURE = "I50.9";

    /** Observations (LOINC). */
    static final String HBA1C = "4548-4";
    static final String BP_PANEL = "85354-9";
    static final String SYSTOLIC = "8480-6";
    static final String DIASTOLIC = "8462-4";
    static final String PHQ2 = "55758-7";
    static final String PHQ9 = "44261-6";
    static final String DEPRESSION_SCREEN_ADULT = "73832-8";
    static final String DEPRESSION_SCREEN_ADOLESCENT = "73831-0";
    static final String TOBACCO_STATUS = "72166-2";
    static final String MAMMOGRAPHY = "24606-6";

    /** Depression screening results (SNOMED CT), as CMS2 reads them. */
    static final String SCREEN_NEGATIVE = "428171000124102";
    static final String SCREEN_POSITIVE = "428181000124104";
    /** Tobacco smoking status values (Tobacco User / Tobacco Non User value sets, SNOMED CT). */
    static final String SMOKER = "77176002";
    static final String NON_SMOKER = "8392000";

    /** Procedures. */
    static final String COLONOSCOPY = "45378";
    static final String TOBACCO_COUNSELING = "99406";
    /** Individual psychotherapy (Follow Up for Adult Depression value set, SNOMED CT). */
    static final String DEPRESSION_FOLLOW_UP = "18512000";

    /** Medications (RxNorm). */
    static final String METFORMIN = "860975";
    static final String LISINOPRIL = "314076";
    static final String SERTRALINE = "312941";
    static final List<Weighted> TOBACCO_PHARMACOTHERAPY = List.of(Weighted.of("636676", 50), Weighted.of("198029", 50));

    /** Orders (SNOMED CT): hospice care (Hospice Care Ambulatory) and palliative care (Palliative Care Intervention). */
    static final String HOSPICE_CARE = "385763009";
    static final String PALLIATIVE_CARE = "103735009";
}
