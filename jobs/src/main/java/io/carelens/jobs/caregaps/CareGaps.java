package io.carelens.jobs.caregaps;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The care gaps of a set of {@code gold/measure_patient} rows: the persons in a measure's denominator who are
 * neither excluded nor excepted and miss its numerator (for an inverse measure: who are in it), with the evidence
 * that decided their outcome, what would close the gap, and the practice they are attributed to in the measurement
 * period. A person attributed in several spans of one program during the period counts for the latest-starting one;
 * a person attributed to no practice has no care-gap row (there is no one to hand the list to).
 */
public final class CareGaps {
    /** The columns of {@code gold/care_gaps}, in order. */
    public static final List<String> COLUMNS = List.of("measure_id", "period_start", "period_end", "program_id",
            "practice_id", "person_id", "stratum", "gap", "evidence", "close_gap");

    static final String MISSED = "not in the numerator";
    static final String INVERSE = "in the numerator (lower is better)";

    private CareGaps() {
    }

    /**
     * @param measurePatient {@code gold/measure_patient}
     * @param spans attribution spans: {@code person_id, program_id, practice_id, start_date, end_date} (open end null)
     * @return {@link #COLUMNS}
     */
    public static Dataset<Row> of(SparkSession spark, Dataset<Row> measurePatient, Dataset<Row> spans) {
        Column inGap = col("denominator").equalTo(1)
                .and(col("denominator_exclusion").equalTo(0))
                .and(col("denominator_exception").equalTo(0))
                .and(col("numerator").equalTo(when(col("inverse"), 1).otherwise(0)));
        Dataset<Row> gaps = measurePatient.join(broadcast(actions(spark)), "measure_id").where(inGap)
                .withColumn("gap", when(col("inverse"), lit(INVERSE)).otherwise(lit(MISSED)));
        Column spanEnd = coalesce(col("end_date"), col("period_end"));
        Dataset<Row> practice = gaps.select("person_id", "measure_id", "period_start", "period_end")
                .join(spans.withColumnRenamed("person_id", "_a_person"), col("person_id").equalTo(col("_a_person"))
                        .and(col("start_date").leq(col("period_end"))).and(spanEnd.geq(col("period_start"))))
                .groupBy("person_id", "measure_id", "period_start", "period_end", "program_id")
                .agg(max_by(col("practice_id"), col("start_date")).as("practice_id"));
        return gaps.join(practice, List.of("person_id", "measure_id", "period_start", "period_end").toArray(new String[0]))
                .where(col("practice_id").isNotNull())
                .selectExpr(COLUMNS.toArray(new String[0]));
    }

    /** {@code measure_id, inverse, close_gap} for every measure with care gaps. */
    private static Dataset<Row> actions(SparkSession spark) {
        StructType schema = new StructType()
                .add("measure_id", DataTypes.StringType, false)
                .add("inverse", DataTypes.BooleanType, false)
                .add("close_gap", DataTypes.StringType, false);
        List<Row> rows = ClosingActions.all().entrySet().stream()
                .map(e -> RowFactory.create(e.getKey(), ClosingActions.inverse(e.getKey()), e.getValue()))
                .toList();
        return spark.createDataFrame(rows, schema);
    }
}
