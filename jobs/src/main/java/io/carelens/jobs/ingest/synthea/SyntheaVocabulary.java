package io.carelens.jobs.ingest.synthea;

import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;

/**
 * Synthea's own value sets and the canonical values they map to (docs/synthea-mapping.md lists them). A source
 * value missing from a map is not guessed: the row is rejected as UNMAPPED.
 */
final class SyntheaVocabulary {
    private SyntheaVocabulary() {
    }

    /** ENCOUNTERCLASS to the FHIR v3 ActCode class. */
    static final Map<String, String> ENCOUNTER_CLASS = Map.ofEntries(
            Map.entry("ambulatory", "AMB"), Map.entry("wellness", "AMB"), Map.entry("outpatient", "AMB"),
            Map.entry("urgentcare", "AMB"), Map.entry("emergency", "EMER"), Map.entry("inpatient", "IMP"),
            Map.entry("home", "HH"), Map.entry("virtual", "VR"), Map.entry("telemedicine", "VR"),
            Map.entry("telehealth", "VR"), Map.entry("snf", "NONAC"), Map.entry("hospice", "NONAC"));

    /** GENDER to administrative gender and to recorded sex (Synthea writes one value for both). */
    static final Map<String, String> GENDER = Map.of("m", "male", "f", "female");

    /** RACE to the OMB race category. */
    static final Map<String, String> RACE = Map.of(
            "white", "white", "black", "black_or_african_american", "asian", "asian",
            "native", "american_indian_or_alaska_native", "hawaiian", "native_hawaiian_or_other_pacific_islander",
            "other", "other");

    /** RACE to the CDC race code (CDCREC) Synthea's FHIR exporter writes for the same value. */
    static final Map<String, String> RACE_CODE = Map.of(
            "white", "2106-3", "black", "2054-5", "asian", "2028-9", "native", "1002-5", "hawaiian", "2076-8",
            "other", "2131-1");

    /** ETHNICITY to the OMB ethnicity category. */
    static final Map<String, String> ETHNICITY = Map.of(
            "hispanic", "hispanic_or_latino", "nonhispanic", "not_hispanic_or_latino");

    /**
     * Text observation values that are displays of SNOMED CT concepts, to their codes: tobacco smoking status
     * answers, in the wording of Synthea 2.x ("Never smoker") and 3.x ("Never smoked tobacco (finding)").
     */
    static final Map<String, String> SNOMED_ANSWERS = Map.of(
            "never smoker", "266919005", "never smoked tobacco (finding)", "266919005",
            "former smoker", "8517006", "ex-smoker (finding)", "8517006",
            "smokes tobacco daily (finding)", "449868002");

    /** Looks the (case-insensitive) value up in {@code map}; null when absent. */
    static Column lookup(Map<String, String> map, Column value) {
        List<Column> entries = new ArrayList<>();
        map.forEach((k, v) -> {
            entries.add(lit(k));
            entries.add(lit(v));
        });
        return element_at(org.apache.spark.sql.functions.map(entries.toArray(Column[]::new)), lower(value));
    }
}
