package io.carelens.jobs.evaluation;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.carelens.common.delta.Warehouse;
import io.carelens.common.privacy.PersonIds;
import io.carelens.common.schema.CanonicalTable;
import io.carelens.common.spark.Seqs;
import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Each person's stratum in every evaluated dimension, in long form ({@code person_id}, {@code dimension},
 * {@code stratum}), with the row {@code overall / all} for everyone. A person keeps one stratum in both periods, so
 * within-person changes stay within a stratum: sex, race and ethnicity as recorded; dual status is the most
 * integrated status (full, then partial, then none) of any coverage span overlapping the performance period. A
 * missing value is the group {@value #UNKNOWN}, never dropped.
 */
final class PersonStrata {
    static final String OVERALL = "overall";
    static final String ALL = "all";
    static final String UNKNOWN = "unknown";

    private PersonStrata() {
    }

    /**
     * @param ids the person ids of the gold tables the strata are joined to
     * @return person_id (as {@code ids} gives it), dimension, stratum
     */
    static Dataset<Row> build(Warehouse warehouse, EvaluationSettings settings, PersonIds ids) {
        Dataset<Row> patient = warehouse.read(CanonicalTable.PATIENT.silverPath())
                .select(col("person_id"), col("sex"), col("race"), col("ethnicity"));
        Dataset<Row> persons = ids.apply(patient.join(dualStatus(warehouse, settings), Seqs.of(List.of("person_id")),
                "left"));
        List<Column> pairs = new ArrayList<>();
        pairs.add(struct(lit(OVERALL).alias("dimension"), lit(ALL).alias("stratum")));
        for (String d : settings.dimensions()) {
            pairs.add(struct(lit(d).alias("dimension"), known(lower(trim(col(d)))).alias("stratum")));
        }
        return persons.select(col("person_id"), explode(array(pairs.toArray(Column[]::new))).alias("s"))
                .select(col("person_id"), col("s.dimension").alias("dimension"), col("s.stratum").alias("stratum"));
    }

    /** person_id, dual_status: the most integrated status of the spans overlapping the performance period. */
    private static Dataset<Row> dualStatus(Warehouse warehouse, EvaluationSettings settings) {
        String coverage = CanonicalTable.COVERAGE.silverPath();
        Dataset<Row> people = warehouse.read(CanonicalTable.PATIENT.silverPath()).select("person_id");
        if (!warehouse.exists(coverage)) {
            return people.withColumn("dual_status", lit(null).cast("string"));
        }
        Date start = Date.valueOf(settings.performance().start());
        Date end = Date.valueOf(settings.performance().end());
        Column rank = when(col("dual_status").equalTo("full"), 3).when(col("dual_status").equalTo("partial"), 2)
                .when(col("dual_status").equalTo("none"), 1);
        return warehouse.read(coverage)
                .where(col("start_date").leq(lit(end)).and(coalesce(col("end_date"), lit(end)).geq(lit(start))))
                .groupBy("person_id").agg(max(rank).alias("rank"))
                .select(col("person_id"), when(col("rank").equalTo(3), "full").when(col("rank").equalTo(2), "partial")
                        .when(col("rank").equalTo(1), "none").alias("dual_status"));
    }

    private static Column known(Column value) {
        return when(value.isNull().or(value.equalTo("")), lit(UNKNOWN)).otherwise(value);
    }
}
