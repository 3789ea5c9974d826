package io.carelens.jobs.evaluation;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import io.carelens.common.spark.ExactSum;
import io.carelens.common.spark.Seqs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The small aggregates the estimates need, computed by Spark per measure x dimension x stratum x arm x period (and
 * per arm for the people seen in both periods) and collected: a few rows per stratum, never person rows.
 *
 * @param cells each cell's sums, baseline and performance periods
 * @param panels each arm x stratum's sums over the people observed in both periods (period {@link CellKey#PANEL})
 * @param kinds each measure's kind (quality or utilization)
 */
record SufficientStatistics(Map<CellKey, RatioSums> cells, Map<CellKey, PanelSums> panels, Map<String, String> kinds) {

    private static final List<String> GROUP = List.of("measure_id", "kind", "dimension", "stratum", "arm");

    /**
     * @param outcomes {@link PersonOutcomes#build}
     * @param strata {@link EvaluationStrata#build}
     */
    static SufficientStatistics compute(Dataset<Row> outcomes, Dataset<Row> strata) {
        Map<String, String> kinds = new LinkedHashMap<>();
        Map<CellKey, RatioSums> cells = new HashMap<>();
        Dataset<Row> stratified = outcomes.join(strata, Seqs.of(List.of("person_id")));
        for (Row r : stratified.groupBy(cols("measure_id", "kind", "dimension", "stratum", "arm", "period"))
                .agg(count(lit(1)).alias("n"), sums("events", "weight", "")).collectAsList()) {
            kinds.put(r.getAs("measure_id"), r.getAs("kind"));
            cells.put(key(r, r.getAs("period")), ratioSums(r, r.getAs("n"), ""));
        }

        Dataset<Row> baseline = outcomes.where(col("period").equalTo(Periods.BASELINE))
                .select(col("person_id"), col("measure_id"), col("arm"), col("events").alias("e0"), col("weight").alias("w0"));
        Dataset<Row> performance = outcomes.where(col("period").equalTo(Periods.PERFORMANCE))
                .select(col("person_id"), col("measure_id"), col("kind"), col("arm"), col("events").alias("e1"),
                        col("weight").alias("w1"));
        Dataset<Row> panel = performance.join(baseline, Seqs.of(List.of("person_id", "measure_id", "arm")))
                .join(strata, Seqs.of(List.of("person_id")));
        Map<CellKey, PanelSums> panels = new HashMap<>();
        for (Row r : panel.groupBy(cols(GROUP.toArray(String[]::new)))
                .agg(count(lit(1)).alias("n"), panelSums()).collectAsList()) {
            long n = r.getAs("n");
            panels.put(key(r, CellKey.PANEL), new PanelSums(ratioSums(r, n, "0"), ratioSums(r, n, "1"),
                    r.getAs("e1e0"), r.getAs("e1w0"), r.getAs("w1e0"), r.getAs("w1w0")));
        }
        return new SufficientStatistics(cells, panels, kinds);
    }

    private static CellKey key(Row r, String period) {
        return new CellKey(r.getAs("measure_id"), r.getAs("dimension"), r.getAs("stratum"), r.getAs("arm"), period);
    }

    /** Σe, Σw, Σe², Σe·w, Σw² of the given columns, aliased with the suffix. */
    private static Column[] sums(String events, String weight, String suffix) {
        Column e = col(events);
        Column w = col(weight);
        return new Column[] {ExactSum.of(e).alias("e" + suffix), ExactSum.of(w).alias("w" + suffix),
                ExactSum.of(e.multiply(e)).alias("ee" + suffix), ExactSum.of(e.multiply(w)).alias("ew" + suffix),
                ExactSum.of(w.multiply(w)).alias("ww" + suffix)};
    }

    /** Both periods' sums and the cross-period products. */
    private static Column[] panelSums() {
        List<Column> all = new ArrayList<>(Arrays.asList(sums("e0", "w0", "0")));
        all.addAll(Arrays.asList(sums("e1", "w1", "1")));
        all.add(ExactSum.of(col("e1").multiply(col("e0"))).alias("e1e0"));
        all.add(ExactSum.of(col("e1").multiply(col("w0"))).alias("e1w0"));
        all.add(ExactSum.of(col("w1").multiply(col("e0"))).alias("w1e0"));
        all.add(ExactSum.of(col("w1").multiply(col("w0"))).alias("w1w0"));
        return all.toArray(Column[]::new);
    }

    private static RatioSums ratioSums(Row r, long n, String suffix) {
        return new RatioSums(n, r.getAs("e" + suffix), r.getAs("w" + suffix), r.getAs("ee" + suffix),
                r.getAs("ew" + suffix), r.getAs("ww" + suffix));
    }

    private static Column[] cols(String... names) {
        return Arrays.stream(names).map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
    }
}
