package io.carelens.jobs.evaluation;

import io.carelens.common.stats.SmallCellSuppression;
import io.carelens.common.stats.SmallCellSuppression.Cell;
import io.carelens.common.stats.SmallCellSuppression.Margin;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which effect rows must not be published under the CMS cell-size policy (statistics.md §9). Each row shows four
 * cells, each with a count of people and a mean from which its count of events follows; both counts of every cell
 * enter {@link SmallCellSuppression} as one table per measure, with each dimension's strata adding up to the overall
 * cell of the same arm and period. Primary: people or events from 1 to the threshold, and for a proportion a
 * complement (denominator − numerator) in that range. Complementary suppression then protects them from subtraction.
 * A row is withheld whole when any of its cells is. Expected events (NYU probability sums) are not counts and do not
 * add up after rounding: for such a measure only people form the table, and a cell whose rounded expected events lie
 * from 1 to the threshold is withheld as primary.
 */
final class EvaluationSuppression {
    private static final String[] ARM_PERIODS = {"t0", "t1", "c0", "c1"};

    private final int threshold;

    EvaluationSuppression(int threshold) {
        this.threshold = threshold;
    }

    /** @return the strata of {@code effects} whose rows are withheld */
    Set<CellKey.StratumKey> suppressed(List<Effect> effects) {
        Map<String, List<Effect>> byMeasure = new LinkedHashMap<>();
        effects.forEach(e -> byMeasure.computeIfAbsent(e.key().measureId(), m -> new ArrayList<>()).add(e));
        Set<CellKey.StratumKey> withheld = new HashSet<>();
        byMeasure.values().forEach(measure -> withheld.addAll(suppressMeasure(measure)));
        return withheld;
    }

    private Set<CellKey.StratumKey> suppressMeasure(List<Effect> effects) {
        boolean countedEvents = effects.stream().flatMap(e -> Arrays.stream(e.cells())).filter(Objects::nonNull)
                .allMatch(c -> c.events() == Math.rint(c.events()));
        List<Cell> cells = new ArrayList<>();
        Set<String> alsoPrimary = new HashSet<>();
        Map<String, List<String>> members = new LinkedHashMap<>();
        for (Effect e : effects) {
            RatioSums[] sums = e.cells();
            for (int i = 0; i < sums.length; i++) {
                long people = sums[i] == null ? 0 : sums[i].people();
                long events = sums[i] == null ? 0 : Math.round(sums[i].events());
                String n = id("n", e.key(), ARM_PERIODS[i]);
                String x = id("e", e.key(), ARM_PERIODS[i]);
                cells.add(new Cell(n, people));
                if (countedEvents) {
                    cells.add(new Cell(x, events));
                } else if (events >= 1 && events <= threshold) {
                    alsoPrimary.add(n);
                }
                if (e.isProportion() && sums[i] != null
                        && SmallCellSuppression.revealsSmallCount(events, Math.round(sums[i].weight()), threshold)) {
                    alsoPrimary.add(countedEvents ? x : n);
                }
                if (!EvaluationStrata.OVERALL.equals(e.key().dimension())) {
                    String line = e.key().dimension() + "|" + ARM_PERIODS[i];
                    members.computeIfAbsent("n|" + line, k -> new ArrayList<>()).add(n);
                    if (countedEvents) {
                        members.computeIfAbsent("e|" + line, k -> new ArrayList<>()).add(x);
                    }
                }
            }
        }
        CellKey.StratumKey overall = effects.stream().map(Effect::key)
                .filter(k -> EvaluationStrata.OVERALL.equals(k.dimension())).findFirst().orElse(null);
        List<Margin> margins = new ArrayList<>();
        if (overall != null) {
            members.forEach((line, ids) -> {
                String count = line.substring(0, 1);
                String armPeriod = line.substring(line.lastIndexOf('|') + 1);
                margins.add(new Margin(id(count, overall, armPeriod), ids));
            });
        }
        SmallCellSuppression.Result result = SmallCellSuppression.suppress(cells, margins, threshold, alsoPrimary);
        Set<CellKey.StratumKey> withheld = new HashSet<>();
        for (Effect e : effects) {
            for (String armPeriod : ARM_PERIODS) {
                if (result.isSuppressed(id("n", e.key(), armPeriod))
                        || countedEvents && result.isSuppressed(id("e", e.key(), armPeriod))) {
                    withheld.add(e.key());
                }
            }
        }
        return withheld;
    }

    private static String id(String count, CellKey.StratumKey key, String armPeriod) {
        return count + "|" + key.dimension() + "=" + key.stratum() + "|" + armPeriod;
    }
}
