package io.carelens.jobs.evaluation;

import com.typesafe.config.Config;
import io.carelens.common.config.ConfigurationException;
import java.util.List;

/**
 * How a practice's acute hospital utilization (AHU) becomes a Primary Care First style performance-based
 * adjustment: the benchmark it is compared with, the minimum volume, and the tiers of AHU / benchmark, each with
 * its adjustment as a fraction of the primary care payment, bounded by PCF's range [-10%, +50%].
 *
 * @param benchmark where the benchmark rate comes from
 * @param fixedBenchmarkRate the benchmark rate per 1,000 person-years when {@code benchmark} is FIXED
 * @param minimumPersonYears practices with fewer attributed person-years get no adjustment
 * @param cutPoints tiers, best first, with strictly increasing cut-points
 * @param otherwise the adjustment of a ratio at or above every cut-point
 */
public record PbaRules(Benchmark benchmark, double fixedBenchmarkRate, double minimumPersonYears,
                       List<CutPoint> cutPoints, double otherwise) {

    /** PCF's lowest adjustment: a loss of 10% of the primary care payment. */
    public static final double MINIMUM_ADJUSTMENT = -0.10;
    /** PCF's highest adjustment: a gain of 50%. */
    public static final double MAXIMUM_ADJUSTMENT = 0.50;

    /** Where the benchmark rate comes from. */
    public enum Benchmark {
        /** The pooled AHU rate of the comparison arm in the performance period. */
        COMPARISON_ARM,
        /** A configured rate. */
        FIXED
    }

    /**
     * One tier: a ratio (practice AHU / benchmark) below {@code below} earns {@code adjustment}.
     *
     * @param below the upper bound (exclusive) of the ratio
     * @param adjustment the adjustment as a fraction
     */
    public record CutPoint(double below, double adjustment) {
    }

    /** Validates the bounds and the order of the cut-points. */
    public PbaRules {
        cutPoints = List.copyOf(cutPoints);
        checkBounds(otherwise, "otherwise");
        double previous = Double.NEGATIVE_INFINITY;
        for (CutPoint p : cutPoints) {
            checkBounds(p.adjustment(), "cut-points adjustment");
            if (!(p.below() > previous)) {
                throw new ConfigurationException("carelens.evaluation.pba.cut-points: 'below' must increase strictly, "
                        + "best tier first (" + p.below() + " after " + previous + ")");
            }
            previous = p.below();
        }
        if (benchmark == Benchmark.FIXED && !(fixedBenchmarkRate > 0)) {
            throw new ConfigurationException("carelens.evaluation.pba.fixed-benchmark-rate must be positive");
        }
    }

    static PbaRules from(Config c) {
        String name = c.getString("benchmark");
        Benchmark benchmark = switch (name) {
            case "comparison-arm" -> Benchmark.COMPARISON_ARM;
            case "fixed" -> Benchmark.FIXED;
            default -> throw new ConfigurationException("carelens.evaluation.pba.benchmark must be comparison-arm or "
                    + "fixed, not '" + name + "'");
        };
        List<CutPoint> points = c.getConfigList("cut-points").stream()
                .map(p -> new CutPoint(p.getDouble("below"), p.getDouble("adjustment"))).toList();
        return new PbaRules(benchmark, c.getDouble("fixed-benchmark-rate"), c.getDouble("minimum-person-years"),
                points, c.getDouble("otherwise"));
    }

    /**
     * The adjustment earned by a practice whose AHU is {@code ratio} times the benchmark.
     *
     * @param ratio practice AHU rate / benchmark rate, ≥ 0
     * @return the adjustment, within [-0.10, +0.50]
     */
    public double adjustment(double ratio) {
        for (CutPoint p : cutPoints) {
            if (ratio < p.below()) {
                return p.adjustment();
            }
        }
        return otherwise;
    }

    /**
     * The tier a ratio falls in: 1 for the best cut-point, {@code cutPoints().size() + 1} for "otherwise".
     *
     * @param ratio practice AHU rate / benchmark rate
     * @return the tier number
     */
    public int tier(double ratio) {
        for (int i = 0; i < cutPoints.size(); i++) {
            if (ratio < cutPoints.get(i).below()) {
                return i + 1;
            }
        }
        return cutPoints.size() + 1;
    }

    private static void checkBounds(double adjustment, String key) {
        if (!(adjustment >= MINIMUM_ADJUSTMENT && adjustment <= MAXIMUM_ADJUSTMENT)) {
            throw new ConfigurationException("carelens.evaluation.pba." + key + " " + adjustment
                    + " is outside PCF's range [-0.10, +0.50]");
        }
    }
}
