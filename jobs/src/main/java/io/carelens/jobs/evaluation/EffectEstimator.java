package io.carelens.jobs.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Chooses each measure's estimator and computes the difference-in-differences of every stratum. The paired
 * estimator (within-person changes, statistics.md §11.2) is used for a measure when, in both arms, at least
 * {@code paired-minimum-share} of the people seen in either period are seen in both with the same arm; the measure's
 * every stratum then uses it, so that stratum cells add up to the overall cell. Otherwise all people of each period
 * form four independent cross-sections.
 */
final class EffectEstimator {
    private final double pairedMinimumShare;

    EffectEstimator(double pairedMinimumShare) {
        this.pairedMinimumShare = pairedMinimumShare;
    }

    List<Effect> estimate(SufficientStatistics stats) {
        List<Effect> effects = new ArrayList<>();
        for (String measure : new TreeSet<>(stats.kinds().keySet())) {
            String kind = stats.kinds().get(measure);
            boolean paired = usesPairs(stats, measure);
            for (CellKey.StratumKey key : strata(stats, measure)) {
                effects.add(paired
                        ? Effect.paired(key, kind, stats.panels().get(key.cell(CellKey.INTERVENTION, CellKey.PANEL)),
                                stats.panels().get(key.cell(CellKey.COMPARISON, CellKey.PANEL)))
                        : Effect.independent(key, kind, cell(stats, key, CellKey.INTERVENTION, Periods.BASELINE),
                                cell(stats, key, CellKey.INTERVENTION, Periods.PERFORMANCE),
                                cell(stats, key, CellKey.COMPARISON, Periods.BASELINE),
                                cell(stats, key, CellKey.COMPARISON, Periods.PERFORMANCE)));
            }
        }
        return effects;
    }

    /** Whether the overall panel covers enough of both arms for within-person changes. */
    boolean usesPairs(SufficientStatistics stats, String measure) {
        CellKey.StratumKey overall = new CellKey.StratumKey(measure, EvaluationStrata.OVERALL, EvaluationStrata.ALL);
        for (String arm : List.of(CellKey.INTERVENTION, CellKey.COMPARISON)) {
            PanelSums panel = stats.panels().get(overall.cell(arm, CellKey.PANEL));
            RatioSums before = stats.cells().get(overall.cell(arm, Periods.BASELINE));
            RatioSums after = stats.cells().get(overall.cell(arm, Periods.PERFORMANCE));
            if (panel == null || before == null || after == null || panel.people() < 2) {
                return false;
            }
            double seen = before.people() + after.people() - panel.people();
            if (panel.people() / seen < pairedMinimumShare) {
                return false;
            }
        }
        return true;
    }

    /** Every stratum of the measure seen in any cell, overall first, then by dimension and group. */
    private static Set<CellKey.StratumKey> strata(SufficientStatistics stats, String measure) {
        Set<CellKey.StratumKey> keys = new TreeSet<>((a, b) -> {
            int byOverall = Boolean.compare(!EvaluationStrata.OVERALL.equals(a.dimension()),
                    !EvaluationStrata.OVERALL.equals(b.dimension()));
            if (byOverall != 0) {
                return byOverall;
            }
            int byDimension = a.dimension().compareTo(b.dimension());
            return byDimension != 0 ? byDimension : a.stratum().compareTo(b.stratum());
        });
        stats.cells().keySet().stream().filter(k -> k.measureId().equals(measure)).map(CellKey::stratumKey)
                .forEach(keys::add);
        return new LinkedHashSet<>(keys);
    }

    private static RatioSums cell(SufficientStatistics stats, CellKey.StratumKey key, String arm, String period) {
        return stats.cells().get(key.cell(arm, period));
    }
}
