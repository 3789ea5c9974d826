package io.carelens.jobs.measures;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * "Most recent" and "first" per person (eCQM §S13): order by a key, a missing key sorting before every other, and
 * break ties by record id (the last has the greatest id, the first the smallest).
 */
final class Pick {
    private Pick() {
    }

    /** Per person, the row with the greatest key (ties: greatest record_id). */
    static Dataset<Row> last(Dataset<Row> rows, Column key) {
        return one(rows, key.desc_nulls_last(), col("record_id").desc());
    }

    /** Per person, the row with the smallest key (ties: smallest record_id). */
    static Dataset<Row> first(Dataset<Row> rows, Column key) {
        return one(rows, key.asc_nulls_first(), col("record_id").asc());
    }

    /** Per person, the first row in the given order. */
    static Dataset<Row> one(Dataset<Row> rows, Column... order) {
        return rows.withColumn("_pick", row_number().over(Window.partitionBy("person_id").orderBy(order)))
                .where(col("_pick").equalTo(1)).drop("_pick");
    }
}
