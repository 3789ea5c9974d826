package io.carelens.jobs.equity;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Withholds, in the measures stage's overall rows of gold/measure_rates, the counts that the joint suppression over
 * all dimensions withholds (an overall count can be what reveals a small group). Other columns are kept as they are.
 */
final class OverallCorrection {
    /** measure, period and the names of the withheld count columns. */
    static final StructType SCHEMA = new StructType()
            .add("c_measure_id", DataTypes.StringType, false)
            .add("c_period_start", DataTypes.DateType, false)
            .add("c_period_end", DataTypes.DateType, false)
            .add("c_withheld", DataTypes.createArrayType(DataTypes.StringType), false);

    private static final List<String> COUNTS = List.of("initial_population", "denominator", "denominator_exclusion",
            "denominator_exception", "numerator", "performance_denominator");
    private static final List<String> RATE = List.of("rate", "ci_lower", "ci_upper");

    private OverallCorrection() {
    }

    static Dataset<Row> apply(Dataset<Row> rows, Dataset<Row> withheld) {
        List<String> columns = Arrays.asList(rows.columns());
        Dataset<Row> joined = rows.join(withheld, col("dimension").equalTo(StratumCounts.OVERALL)
                .and(col("measure_id").equalTo(col("c_measure_id")))
                .and(col("period_start").equalTo(col("c_period_start")))
                .and(col("period_end").equalTo(col("c_period_end"))), "left");
        Column list = coalesce(col("c_withheld"), array().cast("array<string>"));
        Column rateWithheld = array_contains(list, "numerator").or(array_contains(list, "performance_denominator"));
        if (columns.contains("suppressed")) {
            joined = joined.withColumn("suppressed", col("suppressed").or(rateWithheld));
        }
        for (String c : COUNTS) {
            if (columns.contains(c)) {
                joined = joined.withColumn(c, when(array_contains(list, c).or(rateWithheld), lit(null))
                        .otherwise(col(c)));
            }
        }
        for (String c : RATE) {
            if (columns.contains(c)) {
                joined = joined.withColumn(c, when(rateWithheld, lit(null)).otherwise(col(c)));
            }
        }
        return joined.select(columns.stream().map(c -> col(c)).toArray(Column[]::new));
    }
}
