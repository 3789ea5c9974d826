package io.carelens.common.stats;

import io.carelens.common.stats.SmallCellSuppression.Cell;
import io.carelens.common.stats.SmallCellSuppression.Margin;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The suppression table of one published rate table (e.g. a measure and period): every group of every dimension and
 * the overall population with its counts, the relations inside a group (e.g. denominator = exclusions + exceptions
 * + performance denominator) and the relations across groups (a dimension's groups add up to the overall count). The
 * CMS procedure of {@link SmallCellSuppression} then decides which counts are withheld, jointly for all dimensions,
 * because they share the overall total.
 *
 * <p>Counts that are never published but follow from published ones (initial population − denominator, the
 * performance denominator's not-met part) are cells too, so that a small complement is protected like any count. A
 * dimension whose groups do not add up to the overall counts (strata that overlap or leave people out) is not tied
 * to them: there is no sum to derive a withheld count from.
 */
public final class GroupedSuppression {
    /** The dimension of the whole population. */
    public static final String OVERALL = "overall";
    /** The one group of {@link #OVERALL}. */
    public static final String ALL = "all";

    /**
     * An additive relation among the counts of one group.
     *
     * @param total the field that is the sum
     * @param members the fields that add up to it
     */
    public record Relation(String total, List<String> members) {
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
    public GroupedSuppression(List<String> fields, List<Relation> relations, Set<String> preferredComplements) {
        this.fields = List.copyOf(fields);
        this.relations = List.copyOf(relations);
        this.preferredComplements = Set.copyOf(preferredComplements);
    }

    /** Adds a group's counts ({@link #OVERALL} / {@link #ALL} for the whole population). */
    public void add(String dimension, String stratum, Map<String, Long> counts) {
        groups.put(key(dimension, stratum), counts);
    }

    /**
     * Runs the suppression.
     *
     * @param threshold the largest suppressed count
     * @return the ids ({@link #cellId}) of withheld counts
     */
    public Set<String> suppress(int threshold) {
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
            if (!dimension.equals(OVERALL)) {
                byDimension.computeIfAbsent(dimension, d -> new ArrayList<>()).add(g.getKey());
            }
        }
        String overall = key(OVERALL, ALL);
        if (groups.containsKey(overall)) {
            for (List<String> members : byDimension.values()) {
                if (addsUp(members, overall)) {
                    for (String f : fields) {
                        margins.add(new Margin(overall + "|" + f, members.stream().map(m -> m + "|" + f).toList()));
                    }
                }
            }
        }
        return new LinkedHashSet<>(SmallCellSuppression.suppress(cells, margins, threshold, Set.of(), preferred)
                .suppressedIds());
    }

    private boolean addsUp(List<String> members, String overall) {
        return fields.stream().allMatch(f -> members.stream().mapToLong(m -> groups.get(m).get(f)).sum()
                == groups.get(overall).get(f));
    }

    /** The id of one count of one group. */
    public static String cellId(String dimension, String stratum, String field) {
        return key(dimension, stratum) + "|" + field;
    }

    private static String key(String dimension, String stratum) {
        return dimension + "=" + stratum;
    }
}
