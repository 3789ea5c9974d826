package io.carelens.jobs.utilization;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trunc;

import io.carelens.common.spark.ExactSum;
import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code gold/utilization_person}: person x rate measure x period, with the person-years the person contributes to
 * the measure's denominator (member months at the measure's ages, / 12) and the events counted in those months.
 * It is what the equity stage stratifies; summed over people it gives the overall rates exactly.
 */
public final class PersonUtilization {

    private PersonUtilization() {
    }

    /** From {@code gold/member_months} and {@code gold/utilization_events}; proportion measures are left out. */
    public static Dataset<Row> of(SparkSession spark, Dataset<Row> memberMonths, Dataset<Row> events) {
        Dataset<Row> months = memberMonths.select("person_id", "month_start", "period_start", "period_end", "age")
                .distinct();
        Dataset<Row> measures = spark.createDataset(Arrays.stream(UtilizationMeasure.values())
                        .filter(m -> m.kind() != UtilizationMeasure.Kind.PROPORTION).map(UtilizationMeasure::id).toList(),
                        Encoders.STRING()).toDF("measure_id")
                .join(ageLimits(spark), "measure_id");
        Column eligibleAge = col("age").geq(col("minimum_age"))
                .and(col("maximum_age").isNull().or(col("age").leq(col("maximum_age"))));
        // Person-time: months per person, period and age (a person has at most two ages in a year), then per measure.
        Dataset<Row> personYears = months.groupBy("person_id", "period_start", "period_end", "age")
                .agg(count(lit(1)).as("months"))
                .crossJoin(broadcast(measures)).where(eligibleAge)
                .groupBy("person_id", "measure_id", "period_start", "period_end")
                .agg(sum("months").divide(12.0).as("person_years"));
        // Events: only those in a covered month at the measure's ages.
        Dataset<Row> counted = events.select(col("person_id"), col("measure_id"),
                        trunc(col("event_date"), "month").as("month_start"), col("events"))
                .join(broadcast(measures), "measure_id")
                .join(months, new String[] {"person_id", "month_start"})
                .where(eligibleAge)
                .groupBy("person_id", "measure_id", "period_start", "period_end")
                .agg(ExactSum.of("events").as("events"));
        return personYears.join(counted, new String[] {"person_id", "measure_id", "period_start", "period_end"}, "left")
                .select(col("person_id"), col("measure_id"), col("period_start"), col("period_end"),
                        coalesce(col("events"), lit(0.0)).as("events"), col("person_years"));
    }

    private static Dataset<Row> ageLimits(SparkSession spark) {
        return spark.createDataFrame(Arrays.stream(UtilizationMeasure.values())
                .map(m -> org.apache.spark.sql.RowFactory.create(m.id(), m.minimumAge(), m.maximumAge()))
                .toList(), new org.apache.spark.sql.types.StructType()
                .add("measure_id", "string").add("minimum_age", "int").add("maximum_age", "int"));
    }
}
