package io.carelens.jobs.evaluation;

import static org.apache.spark.sql.functions.col;

import io.carelens.common.schema.GoldTable;
import io.carelens.common.spark.ExactSum;
import io.carelens.common.stats.Estimate;
import io.carelens.common.stats.PoissonRates;
import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * A Primary Care First style performance-based adjustment (PBA) for each intervention practice: its crude acute
 * hospital utilization (AHU: inpatient + observation stays per 1,000 attributed person-years) in the performance
 * period, divided by a benchmark (the comparison arm's pooled rate or a fixed rate), mapped through the configured
 * tiers to an adjustment within [-10%, +50%]. Simplified against PCF: no risk adjustment (O/E), no quality gateway,
 * no regional ranking or continuous-improvement component, one annual figure rather than quarterly (docs/evaluation.md).
 */
final class PerformanceBasedAdjustment {
    /** AHU is reported per this many person-years. */
    static final double PER_PERSON_YEARS = 1000.0;
    static final String SCORED = "scored";
    static final String INSUFFICIENT_VOLUME = "insufficient_volume";
    static final String NO_BENCHMARK = "no_benchmark";

    /**
     * One practice's AHU in the performance period.
     *
     * @param practiceId the practice
     * @param arm intervention or comparison
     * @param stays inpatient + observation stays
     * @param personYears attributed person-years
     */
    record PracticeUtilization(String practiceId, String arm, long stays, double personYears) {
        double rate() {
            return stays / personYears * PER_PERSON_YEARS;
        }
    }

    /**
     * One practice's adjustment.
     *
     * @param practice its utilization
     * @param benchmarkRate the benchmark per 1,000 person-years, NaN if none
     * @param ratio AHU rate / benchmark, NaN if not scored
     * @param tier 1 = best tier, 0 if not scored
     * @param adjustment the fraction of the primary care payment, NaN if not scored
     * @param status scored, insufficient_volume or no_benchmark
     */
    record Adjustment(PracticeUtilization practice, double benchmarkRate, double ratio, int tier, double adjustment,
                      String status) {
    }

    private final PbaRules rules;
    private final int threshold;

    PerformanceBasedAdjustment(PbaRules rules, int threshold) {
        this.rules = rules;
        this.threshold = threshold;
    }

    /** Sums stays and person-years per arm and practice in the performance period (a row per practice). */
    static List<PracticeUtilization> practices(Dataset<Row> ahuOutcomes) {
        List<PracticeUtilization> out = new ArrayList<>();
        for (Row r : ahuOutcomes.where(col("period").equalTo(Periods.PERFORMANCE)).groupBy("practice_id", "arm")
                .agg(ExactSum.of("events").alias("stays"), ExactSum.of("weight").alias("person_years"))
                .orderBy("practice_id", "arm")
                .collectAsList()) {
            out.add(new PracticeUtilization(r.getAs("practice_id"), r.getAs("arm"),
                    Math.round(r.<Double>getAs("stays")), r.getAs("person_years")));
        }
        return out;
    }

    /** The adjustment of every intervention practice. */
    List<Adjustment> adjust(List<PracticeUtilization> practices) {
        double benchmark = benchmarkRate(practices);
        List<Adjustment> out = new ArrayList<>();
        for (PracticeUtilization p : practices) {
            if (!CellKey.INTERVENTION.equals(p.arm())) {
                continue;
            }
            if (p.personYears() < rules.minimumPersonYears()) {
                out.add(new Adjustment(p, benchmark, Double.NaN, 0, Double.NaN, INSUFFICIENT_VOLUME));
            } else if (!(benchmark > 0)) {
                out.add(new Adjustment(p, benchmark, Double.NaN, 0, Double.NaN, NO_BENCHMARK));
            } else {
                double ratio = p.rate() / benchmark;
                out.add(new Adjustment(p, benchmark, ratio, rules.tier(ratio), rules.adjustment(ratio), SCORED));
            }
        }
        return out;
    }

    /** The fixed rate, or the comparison arm's pooled stays per 1,000 person-years (NaN without comparison time). */
    double benchmarkRate(List<PracticeUtilization> practices) {
        if (rules.benchmark() == PbaRules.Benchmark.FIXED) {
            return rules.fixedBenchmarkRate();
        }
        long stays = 0;
        double personYears = 0;
        for (PracticeUtilization p : practices) {
            if (CellKey.COMPARISON.equals(p.arm())) {
                stays += p.stays();
                personYears += p.personYears();
            }
        }
        return personYears > 0 ? stays / personYears * PER_PERSON_YEARS : Double.NaN;
    }

    /**
     * The gold/pba row. A practice whose stays or person-years lie from 1 to the threshold has its stays, rate,
     * interval and ratio withheld (the ratio times the benchmark would give the rate back); its tier and adjustment
     * stay, as the payment needs them. Columns in the order of {@link GoldTable#PBA}.
     */
    Row toRow(String programId, EvaluationSettings settings, Adjustment a) {
        PracticeUtilization p = a.practice();
        boolean small = isSmall(p.stays()) || isSmall(Math.round(Math.ceil(p.personYears())));
        Estimate rate = PoissonRates.exactRate(p.stays(), p.personYears(), PER_PERSON_YEARS, 0.95);
        return RowFactory.create(programId, p.practiceId(), Date.valueOf(settings.performance().start()),
                Date.valueOf(settings.performance().end()), small ? null : p.stays(), small ? null : p.personYears(),
                small ? null : finite(rate.value()), small ? null : finite(rate.lower()),
                small ? null : finite(rate.upper()), rules.benchmark().name().toLowerCase().replace('_', '-'),
                finite(a.benchmarkRate()), small ? null : finite(a.ratio()), a.tier() == 0 ? null : a.tier(),
                finite(a.adjustment()), a.status(), small);
    }

    private boolean isSmall(long count) {
        return count >= 1 && count <= threshold;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
