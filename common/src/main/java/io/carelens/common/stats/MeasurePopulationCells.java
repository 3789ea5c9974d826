package io.carelens.common.stats;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The counts of a quality measure's populations as suppression cells: the six published counts, the two complements
 * a reader can derive from them (initial population − denominator, performance denominator − numerator) and the
 * additive relations among them. Withheld first as complements are the counts whose absence leaves the rate
 * (numerator over performance denominator) published, so that a small exclusion count does not take the rate with it.
 */
public final class MeasurePopulationCells {
    /** The published counts, in output order. */
    public static final List<String> PUBLISHED = List.of("initial_population", "denominator", "denominator_exclusion",
            "denominator_exception", "numerator", "performance_denominator");
    /** Every cell of a group: the published counts and the two derivable complements. */
    public static final List<String> FIELDS = List.of("initial_population", "denominator", "not_in_denominator",
            "denominator_exclusion", "denominator_exception", "performance_denominator", "numerator", "not_met");
    /** Initial population = denominator + the rest; denominator = exclusions + exceptions + performance denominator. */
    public static final List<GroupedSuppression.Relation> RELATIONS = List.of(
            new GroupedSuppression.Relation("initial_population", List.of("denominator", "not_in_denominator")),
            new GroupedSuppression.Relation("denominator", List.of("denominator_exclusion", "denominator_exception",
                    "performance_denominator")),
            new GroupedSuppression.Relation("performance_denominator", List.of("numerator", "not_met")));
    /** Counts to withhold first as complements: the rate needs none of them. */
    public static final Set<String> PREFERRED_COMPLEMENTS = Set.of("denominator", "not_in_denominator",
            "denominator_exclusion", "denominator_exception");

    private MeasurePopulationCells() {
    }

    /** A suppression table for measure population counts. */
    public static GroupedSuppression table() {
        return new GroupedSuppression(FIELDS, RELATIONS, PREFERRED_COMPLEMENTS);
    }

    /** The cells of one group from its published counts (the performance denominator is derived). */
    public static Map<String, Long> cells(long initialPopulation, long denominator, long exclusions, long exceptions,
                                          long numerator) {
        long performance = denominator - exclusions - exceptions;
        Map<String, Long> cells = new LinkedHashMap<>();
        cells.put("initial_population", initialPopulation);
        cells.put("denominator", denominator);
        cells.put("not_in_denominator", initialPopulation - denominator);
        cells.put("denominator_exclusion", exclusions);
        cells.put("denominator_exception", exceptions);
        cells.put("performance_denominator", performance);
        cells.put("numerator", numerator);
        cells.put("not_met", performance - numerator);
        return cells;
    }

    /** Whether the rate of a group must be withheld: its numerator or performance denominator is. */
    public static boolean rateWithheld(Set<String> hidden, String dimension, String stratum) {
        return hidden.contains(GroupedSuppression.cellId(dimension, stratum, "numerator"))
                || hidden.contains(GroupedSuppression.cellId(dimension, stratum, "performance_denominator"));
    }
}
