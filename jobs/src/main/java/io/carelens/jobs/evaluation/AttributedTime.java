package io.carelens.jobs.evaluation;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.month;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.year;

import io.carelens.common.delta.Warehouse;
import io.carelens.common.schema.CanonicalTable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Who is attributed to the program in each evaluation period, to which arm and practice, and for how long: one row
 * per person and period with {@code arm}, {@code practice_id} and {@code person_years} (attributed member months / 12,
 * a partial month counting as a whole one, capped at the period's months). A person with several spans in a period
 * takes the arm and practice of the latest-starting span.
 */
final class AttributedTime {
    private AttributedTime() {
    }

    /**
     * @param spans {@link #spans}
     * @param periods {@link Periods#table}
     * @return person_id, period, period_start, period_end, arm, practice_id, person_years
     */
    static Dataset<Row> build(Dataset<Row> spans, Dataset<Row> periods) {
        Column spanEnd = coalesce(col("end_date"), col("period_end"));
        Dataset<Row> overlaps = spans.join(periods, col("start_date").leq(col("period_end"))
                .and(spanEnd.geq(col("period_start"))));
        Column from = greatest(col("start_date"), col("period_start"));
        Column to = least(spanEnd, col("period_end"));
        Column months = year(to).minus(year(from)).multiply(12).plus(month(to)).minus(month(from)).plus(1);
        return overlaps.withColumn("months", months)
                .groupBy("person_id", "period", "period_start", "period_end")
                .agg(least(sum("months"), first("period_months")).alias("months"),
                        max_by(col("arm"), col("start_date")).alias("arm"),
                        max_by(col("practice_id"), col("start_date")).alias("practice_id"))
                .select(col("person_id"), col("period"), col("period_start"), col("period_end"), col("arm"),
                        col("practice_id"), col("months").cast("double").divide(lit(12.0)).alias("person_years"));
    }

    /** The program's attribution spans. */
    static Dataset<Row> spans(Warehouse warehouse, EvaluationSettings settings) {
        return warehouse.read(CanonicalTable.ATTRIBUTION.silverPath())
                .where(col("program_id").equalTo(settings.programId()))
                .select("person_id", "practice_id", "arm", "start_date", "end_date");
    }
}
