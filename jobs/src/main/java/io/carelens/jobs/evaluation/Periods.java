package io.carelens.jobs.evaluation;

import io.carelens.common.period.ReportingPeriod;
import java.sql.Date;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The two evaluation periods as a two-row table ({@code period}, {@code period_start}, {@code period_end}) to join. */
final class Periods {
    static final String BASELINE = "baseline";
    static final String PERFORMANCE = "performance";

    private static final StructType SCHEMA = new StructType()
            .add("period", DataTypes.StringType, false)
            .add("period_start", DataTypes.DateType, false)
            .add("period_end", DataTypes.DateType, false)
            .add("period_months", DataTypes.IntegerType, false);

    private Periods() {
    }

    static Dataset<Row> table(SparkSession spark, EvaluationSettings settings) {
        return spark.createDataFrame(List.of(row(BASELINE, settings.baseline()),
                row(PERFORMANCE, settings.performance())), SCHEMA);
    }

    private static Row row(String name, ReportingPeriod p) {
        return RowFactory.create(name, Date.valueOf(p.start()), Date.valueOf(p.end()), p.months());
    }
}
