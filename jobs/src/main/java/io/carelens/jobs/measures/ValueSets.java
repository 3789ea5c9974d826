package io.carelens.jobs.measures;

import static io.carelens.common.schema.CodeSystem.CPT;
import static io.carelens.common.schema.CodeSystem.HCPCS;
import static io.carelens.common.schema.CodeSystem.ICD10CM;
import static io.carelens.common.schema.CodeSystem.LOINC;
import static io.carelens.common.schema.CodeSystem.SNOMEDCT;

import io.carelens.common.valueset.ValueSet;
import io.carelens.common.valueset.ValueSetLoader;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/** The value-set OIDs and direct codes the measures use, named as the specifications name them. */
final class ValueSets {
    private ValueSets() {
    }

    // Encounters
    static final String OFFICE_VISIT = "2.16.840.1.113883.3.464.1003.101.12.1001";
    static final String ANNUAL_WELLNESS_VISIT = "2.16.840.1.113883.3.526.3.1240";
    static final String PREVENTIVE_ESTABLISHED_18_UP = "2.16.840.1.113883.3.464.1003.101.12.1025";
    static final String PREVENTIVE_INITIAL_18_UP = "2.16.840.1.113883.3.464.1003.101.12.1023";
    static final String PREVENTIVE_ESTABLISHED_0_17 = "2.16.840.1.113883.3.464.1003.101.12.1024";
    static final String PREVENTIVE_INITIAL_0_17 = "2.16.840.1.113883.3.464.1003.101.12.1022";
    static final String PREVENTIVE_GROUP_COUNSELING = "2.16.840.1.113883.3.464.1003.101.12.1027";
    static final String PREVENTIVE_INDIVIDUAL_COUNSELING = "2.16.840.1.113883.3.464.1003.101.12.1026";
    static final String HOME_HEALTHCARE = "2.16.840.1.113883.3.464.1003.101.12.1016";
    static final String VIRTUAL_ENCOUNTER = "2.16.840.1.113883.3.464.1003.101.12.1089";
    static final String TELEPHONE_VISITS = "2.16.840.1.113883.3.464.1003.101.12.1080";
    static final String NUTRITION_SERVICES = "2.16.840.1.113883.3.464.1003.1006";
    static final String ENCOUNTER_INPATIENT = "2.16.840.1.113883.3.666.5.307";
    static final String ED_VISIT = "2.16.840.1.113883.3.464.1003.101.12.1010";
    static final String ESRD_MONTHLY = "2.16.840.1.113883.3.464.1003.109.12.1014";
    static final String DEPRESSION_SCREEN_ENCOUNTER = "2.16.840.1.113883.3.600.1916";
    static final String PHYSICAL_THERAPY_EVALUATION = "2.16.840.1.113883.3.526.3.1022";
    static final String OCCUPATIONAL_THERAPY_EVALUATION = "2.16.840.1.113883.3.526.3.1011";
    static final String OPHTHALMOLOGICAL_SERVICES = "2.16.840.1.113883.3.526.3.1285";
    static final String PSYCH_DIAGNOSTIC_EVALUATION = "2.16.840.1.113883.3.526.3.1492";
    static final String PSYCH_PSYCHOTHERAPY = "2.16.840.1.113883.3.526.3.1496";
    static final String PSYCHOANALYSIS = "2.16.840.1.113883.3.526.3.1141";
    static final String SPEECH_HEARING_EVALUATION = "2.16.840.1.113883.3.526.3.1530";
    static final String CONTACT_OR_OFFICE_VISIT = "2.16.840.1.113762.1.4.1080.5";

    // Shared exclusions
    static final String HOSPICE_ENCOUNTER = "2.16.840.1.113883.3.464.1003.1003";
    static final String HOSPICE_CARE_AMBULATORY = "2.16.840.1.113883.3.526.3.1584";
    static final String HOSPICE_DIAGNOSIS = "2.16.840.1.113883.3.464.1003.1165";
    static final String PALLIATIVE_DIAGNOSIS = "2.16.840.1.113883.3.464.1003.1167";
    static final String PALLIATIVE_ENCOUNTER = "2.16.840.1.113883.3.464.1003.101.12.1090";
    static final String PALLIATIVE_INTERVENTION = "2.16.840.1.113883.3.464.1003.198.12.1135";
    static final String FRAILTY_DEVICE = "2.16.840.1.113883.3.464.1003.118.12.1300";
    static final String FRAILTY_DIAGNOSIS = "2.16.840.1.113883.3.464.1003.113.12.1074";
    static final String FRAILTY_ENCOUNTER = "2.16.840.1.113883.3.464.1003.101.12.1088";
    static final String FRAILTY_SYMPTOM = "2.16.840.1.113883.3.464.1003.113.12.1075";
    static final String ADVANCED_ILLNESS = "2.16.840.1.113883.3.464.1003.110.12.1082";
    static final String DEMENTIA_MEDICATIONS = "2.16.840.1.113883.3.464.1003.196.12.1510";

    // CMS122
    static final String DIABETES = "2.16.840.1.113883.3.464.1003.103.12.1001";
    static final String HBA1C = "2.16.840.1.113883.3.464.1003.198.12.1013";

    // CMS165
    static final String ESSENTIAL_HYPERTENSION = "2.16.840.1.113883.3.464.1003.104.12.1011";
    static final String PREGNANCY = "2.16.840.1.113883.3.526.3.378";
    static final String ESRD = "2.16.840.1.113883.3.526.3.353";
    static final String KIDNEY_TRANSPLANT_RECIPIENT = "2.16.840.1.113883.3.464.1003.109.12.1029";
    static final String CKD_STAGE_5 = "2.16.840.1.113883.3.526.3.1002";
    static final String KIDNEY_TRANSPLANT = "2.16.840.1.113883.3.464.1003.109.12.1012";
    static final String DIALYSIS_SERVICES = "2.16.840.1.113883.3.464.1003.109.12.1013";

    // CMS125
    static final String STATUS_POST_RIGHT_MASTECTOMY = "2.16.840.1.113883.3.464.1003.198.12.1070";
    static final String STATUS_POST_LEFT_MASTECTOMY = "2.16.840.1.113883.3.464.1003.198.12.1069";
    static final String UNILATERAL_MASTECTOMY_UNSPECIFIED = "2.16.840.1.113883.3.464.1003.198.12.1071";
    static final String UNILATERAL_MASTECTOMY_RIGHT = "2.16.840.1.113883.3.464.1003.198.12.1134";
    static final String UNILATERAL_MASTECTOMY_LEFT = "2.16.840.1.113883.3.464.1003.198.12.1133";
    static final String HISTORY_BILATERAL_MASTECTOMY = "2.16.840.1.113883.3.464.1003.198.12.1068";
    static final String BILATERAL_MASTECTOMY = "2.16.840.1.113883.3.464.1003.198.12.1005";
    static final String MAMMOGRAPHY = "2.16.840.1.113883.3.464.1003.108.12.1018";

    // CMS130
    static final String MALIGNANT_NEOPLASM_COLON = "2.16.840.1.113883.3.464.1003.108.12.1001";
    static final String TOTAL_COLECTOMY = "2.16.840.1.113883.3.464.1003.198.12.1019";
    static final String FOBT = "2.16.840.1.113883.3.464.1003.198.12.1011";
    static final String SDNA_FIT = "2.16.840.1.113883.3.464.1003.108.12.1039";
    static final String FLEXIBLE_SIGMOIDOSCOPY = "2.16.840.1.113883.3.464.1003.198.12.1010";
    static final String CT_COLONOGRAPHY = "2.16.840.1.113883.3.464.1003.108.12.1038";
    static final String COLONOSCOPY = "2.16.840.1.113883.3.464.1003.108.12.1020";

    // CMS2
    static final String BIPOLAR_DISORDER = "2.16.840.1.113883.3.67.1.101.1.128";
    static final String ADOLESCENT_DEPRESSION_MEDICATIONS = "2.16.840.1.113883.3.526.3.1567";
    static final String ADULT_DEPRESSION_MEDICATIONS = "2.16.840.1.113883.3.526.3.1566";
    static final String REFERRAL_ADOLESCENT_DEPRESSION = "2.16.840.1.113883.3.526.3.1570";
    static final String REFERRAL_ADULT_DEPRESSION = "2.16.840.1.113883.3.526.3.1571";
    static final String FOLLOW_UP_ADOLESCENT_DEPRESSION = "2.16.840.1.113883.3.526.3.1569";
    static final String FOLLOW_UP_ADULT_DEPRESSION = "2.16.840.1.113883.3.526.3.1568";
    static final String MEDICAL_REASON = "2.16.840.1.113883.3.526.3.1007";

    // CMS159
    static final String MAJOR_DEPRESSION = "2.16.840.113883.3.67.1.101.3.2444";
    static final String DYSTHYMIA = "2.16.840.1.113883.3.67.1.101.1.254";
    static final String PHQ9 = "2.16.840.1.113883.3.67.1.101.1.263";
    static final String PERSONALITY_DISORDER = "2.16.840.1.113883.3.67.1.101.1.246";
    static final String SCHIZOPHRENIA = "2.16.840.1.113883.3.464.1003.105.12.1104";
    static final String PERVASIVE_DEVELOPMENTAL_DISORDER = "2.16.840.1.113883.3.464.1003.105.12.1152";

    // CMS138
    static final String TOBACCO_USE_SCREENING = "2.16.840.1.113883.3.526.3.1278";
    static final String TOBACCO_USER = "2.16.840.1.113883.3.526.3.1170";
    static final String TOBACCO_NON_USER = "2.16.840.1.113883.3.526.3.1189";
    static final String TOBACCO_CESSATION_COUNSELING = "2.16.840.1.113883.3.526.3.509";
    static final String TOBACCO_CESSATION_PHARMACOTHERAPY = "2.16.840.1.113883.3.526.3.1190";

    /** The 2024 (QI-Core 4.1.1) expansion of a shared set, as CMS138 uses it (§S4.2). */
    static String v2024(String oid) {
        return ValueSetLoader.VARIANT_2024 + oid;
    }

    // Direct-reference codes
    static final DirectCode GMI = DirectCode.of(LOINC, "97506-0", "Glucose management indicator");
    static final DirectCode MEDICAL_NUTRITION_THERAPY = new DirectCode("carelens:medical-nutrition-therapy",
            "Medical nutrition therapy (CPT 97802-97804, HCPCS G0270-G0271)", List.of(
            new ValueSet.Code(CPT.name(), "97802"), new ValueSet.Code(CPT.name(), "97803"),
            new ValueSet.Code(CPT.name(), "97804"), new ValueSet.Code(HCPCS.name(), "G0270"),
            new ValueSet.Code(HCPCS.name(), "G0271")));
    static final DirectCode BLOOD_PRESSURE_PANEL = DirectCode.of(LOINC, "85354-9", "Blood pressure panel");
    static final DirectCode SYSTOLIC_BP = DirectCode.of(LOINC, "8480-6", "Systolic blood pressure");
    static final DirectCode DIASTOLIC_BP = DirectCode.of(LOINC, "8462-4", "Diastolic blood pressure");
    static final DirectCode HOSPICE_ASSESSMENT = DirectCode.of(LOINC, "45755-6", "Hospice care [Minimum Data Set]");
    static final String YES = "373066001";
    static final String DISCHARGE_HOME_HOSPICE = "428361000124107";
    static final String DISCHARGE_FACILITY_HOSPICE = "428371000124100";
    static final DirectCode FACIT_PAL = DirectCode.of(LOINC, "71007-9", "FACIT-Pal");
    static final DirectCode MEDICAL_EQUIPMENT_USED = DirectCode.of(LOINC, "98181-1", "Medical equipment used");
    static final DirectCode HOUSING_STATUS = DirectCode.of(LOINC, "71802-3", "Housing status");
    static final String LIVES_IN_NURSING_HOME = "160734000";
    static final String RIGHT = "24028007";
    static final String LEFT = "7771000";
    static final DirectCode ADOLESCENT_DEPRESSION_SCREENING = DirectCode.of(LOINC, "73831-0",
            "Adolescent depression screening assessment");
    static final DirectCode ADULT_DEPRESSION_SCREENING = DirectCode.of(LOINC, "73832-8",
            "Adult depression screening assessment");
    static final String DEPRESSION_SCREENING_NEGATIVE = "428171000124102";
    static final String DEPRESSION_SCREENING_POSITIVE = "428181000124104";
    static final DirectCode DEPRESSION_SCREENING_DECLINED = DirectCode.of(SNOMEDCT, "720834000",
            "Depression screening declined (situation)");
    static final DirectCode HEALTH_BEHAVIOR_VISIT = DirectCode.list("health-behavior-visit",
            "Health behavior assessment / intervention (CPT 96156, 96158)", CPT, "96156", "96158");
    static final DirectCode PREVENTIVE_CPT = DirectCode.list("preventive-visit-cpt",
            "Unlisted preventive medicine service, postoperative follow-up (CPT 99429, 99024)", CPT, "99429", "99024");
    static final DirectCode TOBACCO_ABUSE_COUNSELING = DirectCode.of(ICD10CM, "Z71.6", "Tobacco abuse counseling");

    /** Every direct code above, as synthetic value sets for the library. */
    static List<ValueSet> directCodes() {
        List<ValueSet> sets = new ArrayList<>();
        for (var f : ValueSets.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == DirectCode.class) {
                try {
                    sets.add(((DirectCode) f.get(null)).valueSet());
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        sets.addAll(SocialNeedDomain.valueSets());
        return sets;
    }
}
