package io.carelens.jobs.report;

import java.util.Locale;
import java.util.Map;

/** Plain-language names of measures, dimensions, groups and NYU ED categories; unknown ids show as they are. */
final class Labels {
    private Labels() {
    }

    private static final Map<String, String> MEASURES = Map.ofEntries(
            Map.entry("CMS122", "Diabetes: HbA1c poor control (> 9%)"),
            Map.entry("CMS165", "Controlling high blood pressure"),
            Map.entry("CMS125", "Breast cancer screening"),
            Map.entry("CMS130", "Colorectal cancer screening"),
            Map.entry("CMS2", "Screening for depression and follow-up plan"),
            Map.entry("CMS159", "Depression remission at twelve months"),
            Map.entry("CMS138-1", "Tobacco use: screened"),
            Map.entry("CMS138-2", "Tobacco use: cessation intervention for users"),
            Map.entry("CMS138-3", "Tobacco use: screened and, if a user, intervention"),
            Map.entry("SDOH-1", "Screening for social drivers of health"),
            Map.entry("SDOH-2-FOOD", "Screened positive: food insecurity"),
            Map.entry("SDOH-2-HOUSING", "Screened positive: housing instability"),
            Map.entry("SDOH-2-SAFETY", "Screened positive: interpersonal safety"),
            Map.entry("SDOH-2-TRANSPORTATION", "Screened positive: transportation needs"),
            Map.entry("SDOH-2-UTILITIES", "Screened positive: utility difficulties"),
            Map.entry("SDOH-REFERRAL-30D", "Social needs referred within 30 days of a positive screen"),
            Map.entry("SDOH-REFERRAL-CLOSED", "Social-need referrals closed"),
            Map.entry("ED_VISITS", "Emergency department visits"),
            Map.entry("ED_AVOIDABLE", "Potentially avoidable ED visits"),
            Map.entry("ACUTE_STAYS", "Acute hospital stays (inpatient and observation)"),
            Map.entry("PQI90", "Preventable admissions: overall (PQI 90)"),
            Map.entry("PQI91", "Preventable admissions: acute (PQI 91)"),
            Map.entry("PQI92", "Preventable admissions: chronic (PQI 92)"),
            Map.entry("PQI93", "Preventable admissions: diabetes (PQI 93)"));

    /** Measures where a lower rate is the better result. */
    private static final java.util.Set<String> LOWER_IS_BETTER = java.util.Set.of("CMS122");

    private static final Map<String, String> DIMENSIONS = Map.ofEntries(
            Map.entry("overall", "All patients"),
            Map.entry("age_band", "Age band"),
            Map.entry("sex", "Sex"),
            Map.entry("race", "Race"),
            Map.entry("ethnicity", "Ethnicity"),
            Map.entry("race_ethnicity", "Race and ethnicity"),
            Map.entry("payer", "Payer"),
            Map.entry("dual_status", "Medicare-Medicaid dual status"),
            Map.entry("rurality", "Rurality"),
            Map.entry("adi_quintile", "Area deprivation (ADI quintile)"),
            Map.entry("preferred_language", "Preferred language"),
            Map.entry("arm", "Program arm"));

    /**
     * NYU ED-algorithm categories in the algorithm's order, by their utilization measure id. Unmapped visits are part
     * of "unclassified", so ED_NYU_UNMAPPED is not a category of its own here.
     */
    private static final Map<String, String> NYU_CATEGORIES = orderedNyu();

    private static Map<String, String> orderedNyu() {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put("ED_NYU_NONEMERGENT", "Non-emergent");
        m.put("ED_NYU_EMERGENT_PC_TREATABLE", "Emergent, primary-care treatable");
        m.put("ED_NYU_EMERGENT_PREVENTABLE", "Emergent, ED care needed, preventable or avoidable");
        m.put("ED_NYU_EMERGENT_NOT_PREVENTABLE", "Emergent, ED care needed, not preventable");
        m.put("ED_NYU_INJURY", "Injury");
        m.put("ED_NYU_MENTAL_HEALTH", "Mental health");
        m.put("ED_NYU_ALCOHOL", "Alcohol");
        m.put("ED_NYU_DRUG", "Drug");
        m.put("ED_NYU_UNCLASSIFIED", "Unclassified");
        return java.util.Collections.unmodifiableMap(m);
    }

    static String measure(String id) {
        if (id == null) {
            return "";
        }
        String nyu = NYU_CATEGORIES.get(id);
        return nyu != null ? "ED visits: " + nyu : MEASURES.getOrDefault(id, id);
    }

    static boolean lowerIsBetter(String measureId) {
        return LOWER_IS_BETTER.contains(measureId) || measureId.startsWith("ED_") || measureId.startsWith("PQI");
    }

    static String dimension(String id) {
        return id == null ? "" : DIMENSIONS.getOrDefault(id, humanise(id));
    }

    /** A group label: snake_case values become words ("hispanic_or_latino" is "Hispanic or latino"). */
    static String group(String value) {
        if (value == null) {
            return "";
        }
        if (value.equals("all")) {
            return "All";
        }
        return humanise(value);
    }

    private static String humanise(String s) {
        String words = s.replace('_', ' ');
        return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
