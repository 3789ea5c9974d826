package io.carelens.jobs.equity;

import io.carelens.common.stats.DisparitySummary;
import io.carelens.common.stats.DisparitySummary.MeasureEstimate;
import io.carelens.common.stats.DisparitySummary.Weighting;
import io.carelens.common.stats.GroupEstimate;
import io.carelens.common.stats.Interval;
import io.carelens.common.stats.OrderedInequality;
import io.carelens.common.stats.PairwiseDisparity;
import io.carelens.common.stats.Polarity;
import io.carelens.common.stats.SignificanceRule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The disparity metrics of one measure and period, per dimension: each group against the reference group (rate
 * difference and ratio with intervals and AHRQ's better/worse/same call), summary measures over the published
 * groups (between-group variance, index of disparity, mean difference from the best group, Theil index, mean log
 * deviation) and, for ordered dimensions, the slope and relative indices of inequality and the concentration index.
 *
 * <p>A metric never uses a suppressed rate: a pairwise metric whose group or reference is withheld is withheld; the
 * summary measures use the published known groups only ({@code groups_used} says how many). The group
 * {@value PersonStrata#UNKNOWN} is compared with the reference but is never the reference and never enters a summary.
 */
final class Disparities {
    private final EquitySettings settings;

    Disparities(EquitySettings settings) {
        this.settings = settings;
    }

    /**
     * @param key the measure and period
     * @param rates every group's rate, the overall one included
     * @param polarity the measure's favourable direction
     * @param proportion true for eCQM proportions, false for Poisson rates
     * @return the metric rows
     */
    List<DisparityRow> compute(RateKey key, List<StratumRate> rates, Polarity polarity, boolean proportion) {
        Map<String, List<StratumRate>> byDimension = new LinkedHashMap<>();
        StratumRate overall = null;
        for (StratumRate r : rates) {
            if (r.dimension().equals(StratumCounts.OVERALL)) {
                overall = r;
            } else {
                byDimension.computeIfAbsent(r.dimension(), d -> new ArrayList<>()).add(r);
            }
        }
        List<DisparityRow> rows = new ArrayList<>();
        String direction = polarity == Polarity.HIGHER_IS_BETTER ? "higher_is_better" : "lower_is_better";
        for (Map.Entry<String, List<StratumRate>> e : byDimension.entrySet()) {
            Context c = new Context(key, e.getKey(), polarity, proportion, direction);
            List<StratumRate> candidates = e.getValue().stream()
                    .filter(r -> r.usable() && !r.stratum().equals(PersonStrata.UNKNOWN)).toList();
            pairwise(c, e.getValue(), candidates, overall, rows);
            summary(c, candidates, rows);
            List<String> order = settings.ordered().get(e.getKey());
            if (order != null) {
                ordered(c, e.getValue(), order, rows);
            }
        }
        return rows;
    }

    private record Context(RateKey key, String dimension, Polarity polarity, boolean proportion, String direction) {
    }

    private record Reference(StratumRate rate, String rule) {
    }

    private void pairwise(Context c, List<StratumRate> groups, List<StratumRate> candidates, StratumRate overall,
                          List<DisparityRow> rows) {
        Optional<Reference> found = reference(c, candidates, overall);
        for (StratumRate g : groups) {
            if (found.isPresent() && g.stratum().equals(found.get().rate().stratum())) {
                continue;
            }
            String refName = found.map(r -> r.rate().stratum()).orElse(null);
            String rule = found.map(Reference::rule).orElse(settings.reference(c.dimension()));
            if (found.isEmpty() || !g.usable()) {
                rows.add(DisparityRow.withheld(c.key(), c.dimension(), "rate_difference", g.stratum(), refName, rule,
                        0, c.direction()));
                rows.add(DisparityRow.withheld(c.key(), c.dimension(), "rate_ratio", g.stratum(), refName, rule, 0,
                        c.direction()));
                continue;
            }
            StratumRate ref = found.get().rate();
            Interval difference = PairwiseDisparity.difference(g.group(), ref.group(), settings.confidence());
            double differenceSe = Math.hypot(g.standardError(), ref.standardError());
            Interval ratio;
            double ratioSe;
            if (c.proportion()) {
                ratio = PairwiseDisparity.ratio(g.group(), ref.group(), settings.confidence());
                ratioSe = Math.hypot(g.standardError() / g.estimate(), ref.standardError() / ref.estimate());
            } else {
                ratio = PairwiseDisparity.poissonRateRatio(g.count(), g.population(), ref.count(), ref.population(),
                        settings.confidence());
                ratioSe = Math.sqrt(1.0 / g.count() + 1.0 / ref.count());
            }
            SignificanceRule.Result verdict = settings.adverseFraming() && c.proportion()
                    && c.polarity() == Polarity.HIGHER_IS_BETTER
                    ? SignificanceRule.classifyAdverseFraming(g.estimate(), g.standardError(), ref.estimate(),
                            ref.standardError(), c.polarity())
                    : SignificanceRule.classify(g.estimate(), g.standardError(), ref.estimate(), ref.standardError(),
                            c.polarity());
            String call = Double.isNaN(verdict.pValue()) ? null : verdict.verdict().name().toLowerCase();
            rows.add(new DisparityRow(c.key(), c.dimension(), "rate_difference", g.stratum(), ref.stratum(),
                    found.get().rule(), difference.estimate(), difference.lower(), difference.upper(), differenceSe,
                    verdict.pValue(), verdict.relativeDifference(), call, 2, false, c.direction(), null, null, null));
            rows.add(new DisparityRow(c.key(), c.dimension(), "rate_ratio", g.stratum(), ref.stratum(),
                    found.get().rule(), ratio.estimate(), ratio.lower(), ratio.upper(), ratioSe, verdict.pValue(),
                    verdict.relativeDifference(), call, 2, false, c.direction(), null, null, null));
        }
    }

    /** The configured reference group, falling back to the largest published group. */
    private Optional<Reference> reference(Context c, List<StratumRate> candidates, StratumRate overall) {
        String rule = settings.reference(c.dimension());
        Optional<StratumRate> largest = candidates.stream().max(Comparator.comparingDouble(StratumRate::population));
        switch (rule) {
            case EquitySettings.LARGEST:
                return largest.map(r -> new Reference(r, rule));
            case EquitySettings.BEST:
                if (candidates.isEmpty()) {
                    return Optional.empty();
                }
                GroupEstimate best = PairwiseDisparity.reference(candidates.stream().map(StratumRate::group).toList(),
                        PairwiseDisparity.ReferenceGroup.MOST_FAVOURABLE, null, c.polarity());
                return candidates.stream().filter(r -> r.stratum().equals(best.group())).findFirst()
                        .map(r -> new Reference(r, rule));
            case EquitySettings.OVERALL:
                if (overall != null && overall.usable()) {
                    return Optional.of(new Reference(overall, rule));
                }
                return largest.map(r -> new Reference(r, EquitySettings.LARGEST + " (overall withheld)"));
            default:
                Optional<StratumRate> named = candidates.stream().filter(r -> r.stratum().equals(rule)).findFirst();
                if (named.isPresent()) {
                    return named.map(r -> new Reference(r, rule));
                }
                return largest.map(r -> new Reference(r, EquitySettings.LARGEST + " (" + rule + " unavailable)"));
        }
    }

    private void summary(Context c, List<StratumRate> candidates, List<DisparityRow> rows) {
        List<String> metrics = List.of("between_group_variance", "index_of_disparity", "mean_difference_from_best",
                "theil_index", "mean_log_deviation");
        if (candidates.size() < 2) {
            metrics.forEach(m -> rows.add(DisparityRow.withheld(c.key(), c.dimension(), m, null, null, null,
                    candidates.size(), c.direction())));
            return;
        }
        List<GroupEstimate> groups = candidates.stream().map(StratumRate::group).toList();
        int n = groups.size();
        rows.add(withInterval(c, "between_group_variance", DisparitySummary.betweenGroupVariance(groups), n));
        rows.add(point(c, "index_of_disparity", DisparitySummary.indexOfDisparity(groups, Weighting.POPULATION), n));
        rows.add(point(c, "mean_difference_from_best",
                DisparitySummary.meanDifferenceFromBest(groups, c.polarity(), Weighting.POPULATION), n));
        rows.add(withInterval(c, "theil_index", DisparitySummary.theilIndex(groups), n));
        rows.add(withInterval(c, "mean_log_deviation", DisparitySummary.meanLogDeviation(groups), n));
    }

    /**
     * SII, RII and the relative concentration index over the configured order, from the groups present; withheld
     * when a present group is suppressed (its rate would be needed) or fewer than two groups are present.
     */
    private void ordered(Context c, List<StratumRate> groups, List<String> order, List<DisparityRow> rows) {
        List<StratumRate> inOrder = new ArrayList<>();
        boolean withheld = false;
        for (String name : order) {
            Optional<StratumRate> g = groups.stream().filter(r -> r.stratum().equals(name)).findFirst();
            if (g.isPresent() && g.get().usable()) {
                inOrder.add(g.get());
            }
            withheld |= g.isPresent() && !g.get().usable();
        }
        List<String> metrics = List.of("slope_index_of_inequality", "relative_index_of_inequality",
                "concentration_index");
        if (withheld || inOrder.size() < 2) {
            metrics.forEach(m -> rows.add(DisparityRow.withheld(c.key(), c.dimension(), m, null, null, null,
                    inOrder.size(), c.direction())));
            return;
        }
        List<GroupEstimate> estimates = inOrder.stream().map(StratumRate::group).toList();
        OrderedInequality.SlopeIndexLimits limits = OrderedInequality.simulatedLimits(estimates,
                OrderedInequality.ValueType.VALUE, false, 1.0, List.of(settings.confidence()), settings.simulations(),
                settings.seed()).get(0);
        int n = estimates.size();
        rows.add(new DisparityRow(c.key(), c.dimension(), metrics.get(0), null, null, null, limits.sii().estimate(),
                limits.sii().lower(), limits.sii().upper(), null, null, null, null, n, false, c.direction(), null, null,
                null));
        rows.add(new DisparityRow(c.key(), c.dimension(), metrics.get(1), null, null, null, limits.rii().estimate(),
                limits.rii().lower(), limits.rii().upper(), null, null, null, null, n, false, c.direction(), null, null,
                null));
        rows.add(point(c, metrics.get(2), OrderedInequality.relativeConcentrationIndex(estimates), n));
    }

    private DisparityRow withInterval(Context c, String metric, MeasureEstimate m, int groups) {
        Interval ci = m.interval(settings.confidence());
        return new DisparityRow(c.key(), c.dimension(), metric, null, null, null, m.estimate(), ci.lower(), ci.upper(),
                m.standardError(), null, null, null, groups, false, c.direction(), null, null, null);
    }

    private static DisparityRow point(Context c, String metric, double value, int groups) {
        return new DisparityRow(c.key(), c.dimension(), metric, null, null, null, value, null, null, null, null, null,
                null, groups, false, c.direction(), null, null, null);
    }
}
