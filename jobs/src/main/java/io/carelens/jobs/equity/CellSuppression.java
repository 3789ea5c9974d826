package io.carelens.jobs.equity;

import io.carelens.common.stats.SmallCellSuppression;
import io.carelens.common.stats.SmallCellSuppression.Cell;
import io.carelens.common.stats.SmallCellSuppression.Margin;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The suppression table of one measure and period: every group of every dimension (and the overall population)
 * with its counts, the relations inside a group (e.g. denominator = exclusions + exceptions + performance
 * denominator) and the relations across groups (each dimension's groups add up to the overall count). The CMS
 * procedure of {@link SmallCellSuppression} then decides which counts are withheld, jointly for all dimensions,
 * because they share the overall total.
 *
 * <p>Counts that are never published but follow from published ones (initial population − denominator, the
 * performance denominator's not-met part) are cells too, so that a small complement is protected like any count.
 */
final class CellSuppression {
    /**
     * An additive relation among the counts of one group.
     *
     * @param total the field that is the sum
     * @param members the fields that add up to it
     */
    record Relation(String total, List<String> members) {
    }

    private final List<String> fields;
    private final List<Relation> relations;
    private final Set<String> preferredComplements;
    private final Map<String, Map<String, Long>> groups = new LinkedHashMap<>();

    /**
     * @param fields the count fields of each group
     * @param relations the additive relations among them
     * @param preferredComplements the fields to withhold first when a complementary suppression is needed: those
     *     whose absence does not take a published rate with it
     */
    CellSuppression(List<String> fields, List<Relation> relations, Set<String> preferredComplements) {
        this.fields = List.copyOf(fields);
        this.relations = List.copyOf(relations);
        this.preferredComplements = Set.copyOf(preferredComplements);
    }

    /** Adds a group's counts (dimension {@code overall}, group {@code all} for the whole population). */
    void add(String dimension, String stratum, Map<String, Long> counts) {
        groups.put(key(dimension, stratum), counts);
    }

    /**
     * Runs the suppression.
     *
     * @param threshold the largest suppressed count
     * @return the ids ({@link #cellId}) of withheld counts
     */
    Set<String> suppress(int threshold) {
        List<Cell> cells = new ArrayList<>();
        List<Margin> margins = new ArrayList<>();
        Set<String> preferred = new LinkedHashSet<>();
        Map<String, List<String>> byDimension = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, Long>> g : groups.entrySet()) {
            for (String f : fields) {
                cells.add(new Cell(g.getKey() + "|" + f, g.getValue().get(f)));
                if (preferredComplements.contains(f)) {
                    preferred.add(g.getKey() + "|" + f);
                }
            }
            for (Relation r : relations) {
                margins.add(new Margin(g.getKey() + "|" + r.total(),
                        r.members().stream().map(m -> g.getKey() + "|" + m).toList()));
            }
            String dimension = g.getKey().substring(0, g.getKey().indexOf('='));
            if (!dimension.equals(StratumCounts.OVERALL)) {
                byDimension.computeIfAbsent(dimension, d -> new ArrayList<>()).add(g.getKey());
            }
        }
        String overall = key(StratumCounts.OVERALL, StratumCounts.ALL);
        if (groups.containsKey(overall)) {
            for (List<String> members : byDimension.values()) {
                for (String f : fields) {
                    margins.add(new Margin(overall + "|" + f, members.stream().map(m -> m + "|" + f).toList()));
                }
            }
        }
        return new LinkedHashSet<>(SmallCellSuppression.suppress(cells, margins, threshold, Set.of(), preferred)
                .suppressedIds());
    }

    /** The id of one count of one group. */
    static String cellId(String dimension, String stratum, String field) {
        return key(dimension, stratum) + "|" + field;
    }

    private static String key(String dimension, String stratum) {
        return dimension + "=" + stratum;
    }
}
