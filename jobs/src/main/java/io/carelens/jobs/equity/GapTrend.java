package io.carelens.jobs.equity;

import io.carelens.common.stats.ConfidenceLevel;
import java.time.Period;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * How each gap changed between two periods: for every pairwise or summary metric with a standard error, the change
 * from the latest earlier period of the same length that ends before the period starts (last year for yearly
 * periods, last quarter for quarterly ones, the window twelve months back for rolling twelve months). Differences
 * change additively; ratios change as a ratio of ratios on the log scale. The periods are treated as independent
 * samples. A significant change that brings the gap closer to none is {@code narrowing}, one that moves it away is
 * {@code widening}.
 */
final class GapTrend {
    static final List<String> ADDITIVE = List.of("rate_difference", "between_group_variance", "theil_index",
            "mean_log_deviation");
    static final String RATIO = "rate_ratio";
    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    private final double confidence;
    private final double z;

    GapTrend(double confidence) {
        this.confidence = confidence;
        this.z = ConfidenceLevel.of(confidence).z();
    }

    /**
     * @param metrics the metric rows of all periods
     * @return one change row per metric, group and period that has an earlier period to compare with
     */
    List<DisparityRow> changes(List<DisparityRow> metrics) {
        Map<String, List<DisparityRow>> series = new LinkedHashMap<>();
        for (DisparityRow m : metrics) {
            if (m.metric().equals(RATIO) || ADDITIVE.contains(m.metric())) {
                String id = String.join("\u0000", m.key().measureId(), m.key().programId(), m.key().arm(),
                        m.dimension(), m.metric(), Objects.toString(m.stratum()));
                series.computeIfAbsent(id, k -> new ArrayList<>()).add(m);
            }
        }
        List<DisparityRow> changes = new ArrayList<>();
        for (List<DisparityRow> rows : series.values()) {
            for (DisparityRow current : rows) {
                rows.stream().filter(b -> comparable(b, current))
                        .max(Comparator.comparing(b -> b.key().periodEnd()))
                        .ifPresent(baseline -> changes.add(change(baseline, current)));
            }
        }
        return changes;
    }

    /** An earlier period of the same length in months, ending before {@code current} starts. */
    private static boolean comparable(DisparityRow baseline, DisparityRow current) {
        RateKey b = baseline.key();
        RateKey c = current.key();
        return b.periodEnd().isBefore(c.periodStart()) && months(b) == months(c);
    }

    private static long months(RateKey key) {
        return Period.between(key.periodStart(), key.periodEnd().plusDays(1)).toTotalMonths();
    }

    private DisparityRow change(DisparityRow baseline, DisparityRow current) {
        String metric = "change_in_" + current.metric();
        boolean usable = !baseline.suppressed() && !current.suppressed() && current.estimate() != null
                && baseline.estimate() != null && current.standardError() != null && baseline.standardError() != null
                && Objects.equals(baseline.reference(), current.reference());
        if (!usable) {
            return new DisparityRow(current.key(), current.dimension(), metric, current.stratum(), current.reference(),
                    current.referenceRule(), null, null, null, null, null, null, null, 0, true, current.direction(),
                    baseline.key().periodStart(), baseline.key().periodEnd(), null);
        }
        boolean ratio = current.metric().equals(RATIO);
        double before = ratio ? Math.log(baseline.estimate()) : baseline.estimate();
        double after = ratio ? Math.log(current.estimate()) : current.estimate();
        double delta = after - before;
        double se = Math.hypot(baseline.standardError(), current.standardError());
        double p = 2.0 * STANDARD_NORMAL.survivalProbability(Math.abs(delta / se));
        double lower = delta - z * se;
        double upper = delta + z * se;
        String trend = "no_significant_change";
        if (p <= 1.0 - confidence) {
            trend = Math.abs(after) < Math.abs(before) ? "narrowing" : "widening";
        }
        int groups = Math.min(baseline.groupsUsed(), current.groupsUsed());
        if (ratio) {
            return new DisparityRow(current.key(), current.dimension(), metric, current.stratum(), current.reference(),
                    current.referenceRule(), Math.exp(delta), Math.exp(lower), Math.exp(upper), se, p, null, null,
                    groups, false, current.direction(), baseline.key().periodStart(), baseline.key().periodEnd(), trend);
        }
        return new DisparityRow(current.key(), current.dimension(), metric, current.stratum(), current.reference(),
                current.referenceRule(), delta, lower, upper, se, p, null, null, groups, false, current.direction(),
                baseline.key().periodStart(), baseline.key().periodEnd(), trend);
    }
}
