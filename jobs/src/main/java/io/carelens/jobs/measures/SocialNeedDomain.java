package io.carelens.jobs.measures;

import io.carelens.common.schema.CodeSystem;
import io.carelens.common.valueset.ValueSet;
import java.util.ArrayList;
import java.util.List;

/**
 * The five health-related social need domains of CMS's "Screening for Social Drivers of Health" and "Screen Positive
 * Rate for SDOH": the LOINC questions that screen for each (AHC HRSN tool, Hunger Vital Sign, PRAPARE items) and the
 * LOINC answers that make a screen positive. Interpersonal safety is also positive when the HITS total score
 * (LOINC 95614-4) is 11 or more. These lists are CareLens definitions (CMS does not name codes); docs/measures.md
 * gives them.
 */
enum SocialNeedDomain {
    FOOD("food", List.of("88122-7", "88123-5", "88124-3"),
            List.of("LA28397-0", "LA6729-3", "LA19952-3")),
    HOUSING("housing", List.of("71802-3", "96778-6"),
            List.of("LA31994-9", "LA31995-6", "LA31996-4", "LA28580-1", "LA31997-2", "LA31998-0", "LA31999-8",
                    "LA32000-4", "LA32001-2")),
    TRANSPORTATION("transportation", List.of("93030-5"), List.of("LA33-6", "LA30133-5", "LA30134-3")),
    UTILITIES("utilities", List.of("96779-4"), List.of("LA33-6", "LA32002-0")),
    SAFETY("interpersonal_safety", List.of("95618-5", "95617-7", "95616-9", "95615-1", "95614-4"),
            List.of("LA16644-9", "LA6482-9"));

    /** The HITS total score (0-20) at or above which interpersonal safety screens positive. */
    static final double HITS_POSITIVE_SCORE = 11;
    static final String HITS_TOTAL = "95614-4";

    private final String referralDomain;
    private final List<String> questions;
    private final List<String> positiveAnswers;

    SocialNeedDomain(String referralDomain, List<String> questions, List<String> positiveAnswers) {
        this.referralDomain = referralDomain;
        this.questions = questions;
        this.positiveAnswers = positiveAnswers;
    }

    /** The {@code domain} value of the referral table for this domain. */
    String referralDomain() {
        return referralDomain;
    }

    /** The measure-id suffix: SDOH-2-FOOD, ... */
    String suffix() {
        return name();
    }

    String screeningSet() {
        return "carelens:sdoh-" + name().toLowerCase() + "-screening";
    }

    String positiveSet() {
        return "carelens:sdoh-" + name().toLowerCase() + "-positive";
    }

    static List<ValueSet> valueSets() {
        List<ValueSet> sets = new ArrayList<>();
        for (SocialNeedDomain d : values()) {
            sets.add(new ValueSet(d.screeningSet(), "SDOH " + d.referralDomain + " screening questions",
                    "CareLens SDOH measures", loinc(d.questions)));
            sets.add(new ValueSet(d.positiveSet(), "SDOH " + d.referralDomain + " positive answers",
                    "CareLens SDOH measures", loinc(d.positiveAnswers)));
        }
        return sets;
    }

    private static List<ValueSet.Code> loinc(List<String> codes) {
        return codes.stream().map(c -> new ValueSet.Code(CodeSystem.LOINC.name(), c)).toList();
    }
}
