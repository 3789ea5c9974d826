package io.carelens.jobs.measures;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import io.carelens.common.stats.Estimate;
import io.carelens.common.stats.Proportions;
import io.carelens.common.stats.SmallCellSuppression;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code gold/measure_rates} from {@code gold/measure_patient} rows: per measure and period the overall counts
 * (dimension {@code overall}, stratum {@code all}) and, for measures with their own strata, one row per stratum
 * (dimension {@code measure_stratum}); rate = numerator / (denominator − exclusions − exceptions) with a 95% Wilson
 * interval. Counts are summed in Spark; only one small row per measure, period and stratum reaches the driver.
 */
final class MeasureRates {
    static final StructType SCHEMA = new StructType()
            .add("measure_id", DataTypes.StringType).add("period_start", DataTypes.DateType)
            .add("period_end", DataTypes.DateType).add("dimension", DataTypes.StringType)
            .add("stratum", DataTypes.StringType).add("initial_population", DataTypes.LongType)
            .add("denominator", DataTypes.LongType).add("denominator_exclusion", DataTypes.LongType)
            .add("denominator_exception", DataTypes.LongType).add("numerator", DataTypes.LongType)
            .add("performance_denominator", DataTypes.LongType).add("rate", DataTypes.DoubleType)
            .add("ci_lower", DataTypes.DoubleType).add("ci_upper", DataTypes.DoubleType)
            .add("suppressed", DataTypes.BooleanType);

    private MeasureRates() {
    }

    /**
     * @param smallCellThreshold counts from 1 to this are suppressed (CMS cell-size policy); 0 publishes all
     */
    static Dataset<Row> rates(SparkSession spark, Dataset<Row> patients, int smallCellThreshold) {
        List<Row> rows = new ArrayList<>();
        for (Row g : counts(patients.withColumn("dimension", lit("overall")).withColumn("group", lit("all")))) {
            rows.add(rate(g, smallCellThreshold));
        }
        Dataset<Row> stratified = patients.where(col("stratum").isNotNull())
                .withColumn("dimension", lit("measure_stratum")).withColumn("group", col("stratum"));
        for (Row g : counts(stratified)) {
            rows.add(rate(g, smallCellThreshold));
        }
        return spark.createDataFrame(rows, SCHEMA);
    }

    private static List<Row> counts(Dataset<Row> rows) {
        return rows.groupBy("measure_id", "period_start", "period_end", "dimension", "group")
                .agg(sum("initial_population").cast("long"), sum("denominator").cast("long"),
                        sum("denominator_exclusion").cast("long"), sum("denominator_exception").cast("long"),
                        sum("numerator").cast("long"))
                .collectAsList();
    }

    private static Row rate(Row g, int threshold) {
        long ip = g.getLong(5);
        long den = g.getLong(6);
        long denex = g.getLong(7);
        long exc = g.getLong(8);
        long num = g.getLong(9);
        long perf = den - denex - exc;
        boolean suppressed = threshold > 0 && (SmallCellSuppression.revealsSmallCount(num, perf, threshold)
                || small(ip, threshold) || small(den, threshold) || small(denex, threshold) || small(exc, threshold));
        Estimate e = Proportions.wilson(num, perf, 0.95);
        Double rate = e.isAvailable() && !suppressed ? e.value() : null;
        Double lower = e.isAvailable() && !suppressed ? e.lower() : null;
        Double upper = e.isAvailable() && !suppressed ? e.upper() : null;
        return RowFactory.create(g.getString(0), g.getDate(1), g.getDate(2), g.getString(3), g.getString(4),
                hide(ip, suppressed), hide(den, suppressed), hide(denex, suppressed), hide(exc, suppressed),
                hide(num, suppressed), hide(perf, suppressed), rate, lower, upper, suppressed);
    }

    private static boolean small(long count, int threshold) {
        return count >= 1 && count <= threshold;
    }

    private static Long hide(long count, boolean suppressed) {
        return suppressed ? null : count;
    }
}
