package io.carelens.jobs.evaluation;

import io.carelens.jobs.equity.EquitySettings;
import io.carelens.jobs.equity.PersonStrata;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The reference group of each evaluated dimension, configured once for equity and evaluation in
 * {@code carelens.equity.reference}. A named group is used as it is (a dimension without that group gets no gap
 * rows). A rule ({@code largest}, {@code best} or {@code overall}, which pick per measure and period in the equity
 * stage) becomes, for the evaluation, the group with the most people in the dimension, summed over the collected
 * cells of every outcome, both arms and both periods, so that every gap of a dimension is against one group;
 * {@value PersonStrata#UNKNOWN} is never the reference, and of equally large groups the first by name is.
 */
final class ReferenceGroups {
    private static final Set<String> RULES = Set.of(EquitySettings.LARGEST, EquitySettings.BEST,
            EquitySettings.OVERALL);

    private ReferenceGroups() {
    }

    /**
     * @param dimensions the evaluated dimensions
     * @param equity the equity settings holding the references
     * @param cells the cross-sectional cells ({@link SufficientStatistics#cells})
     * @return each dimension's reference group; a dimension whose rule finds no group is absent
     */
    static Map<String, String> of(List<String> dimensions, EquitySettings equity, Map<CellKey, RatioSums> cells) {
        Map<String, String> references = new LinkedHashMap<>();
        for (String d : dimensions) {
            String reference = equity.reference(d);
            if (!RULES.contains(reference)) {
                references.put(d, reference);
                continue;
            }
            Map<String, Long> people = new TreeMap<>();
            cells.forEach((key, sums) -> {
                if (key.dimension().equals(d) && !key.stratum().equals(PersonStrata.UNKNOWN)) {
                    people.merge(key.stratum(), sums.people(), Long::sum);
                }
            });
            people.entrySet().stream()
                    .max(Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue)
                            .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                    .ifPresent(largest -> references.put(d, largest.getKey()));
        }
        return references;
    }
}
