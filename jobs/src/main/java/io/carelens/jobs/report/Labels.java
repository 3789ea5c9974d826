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
            Map.entry("ED_VISITS", "Emergency department visits"),
            Map.entry("ED_ADMITTED", "ED visits ending in admission"),
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

    /** NYU ED-algorithm categories, in the algorithm's order, by the suffix of their utilization measure id. */
    static final Map<String, String> NYU_CATEGORIES = orderedNyu();

    private static Map<String, String> orderedNyu() {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put("NE", "Non-emergent");
        m.put("EPCT", "Emergent, primary-care treatable");
        m.put("EDCNPA", "Emergent, ED care needed, preventable or avoidable");
        m.put("EDCNNPA", "Emergent, ED care needed, not preventable");
        m.put("INJURY", "Injury");
        m.put("MENTAL", "Mental health");
        m.put("ALCOHOL", "Alcohol");
        m.put("DRUG", "Drug");
        m.put("UNCLASSIFIED", "Unclassified");
        return java.util.Collections.unmodifiableMap(m);
    }

    static String measure(String id) {
        if (id == null) {
            return "";
        }
        String nyu = nyuCategory(id);
        if (nyu != null) {
            return "ED visits: " + NYU_CATEGORIES.get(nyu);
        }
        return MEASURES.getOrDefault(id, id);
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

    /** The NYU category key (NE, EPCT, ...) of a utilization measure id such as ED_NYU_NE or ED_EPCT, or null. */
    static String nyuCategory(String measureId) {
        String id = measureId.toUpperCase(Locale.ROOT);
        if (!id.startsWith("ED_")) {
            return null;
        }
        for (String key : NYU_CATEGORIES.keySet()) {
            if (id.endsWith("_" + key)) {
                return key;
            }
        }
        return null;
    }

    private static String humanise(String s) {
        String words = s.replace('_', ' ');
        return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
