package io.carelens.jobs.utilization;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import java.util.Map;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * The numerator events of every utilization measure in one long table ({@code gold/utilization_events}): one row per
 * person, measure and source record (ED visit or stay). {@code events} is 1 for a counted visit or stay, a probability
 * for an NYU category, and 0 or 1 for a follow-up measure, whose rows also carry {@code eligible} = 1 (null for rates
 * per person-time). Equity and evaluation re-aggregate this table by any stratum against the same member months.
 */
public final class UtilizationEvents {
    private UtilizationEvents() {
    }

    /** Counted events (one each) from {@code person_id, source_id, event_date, measure_id}. */
    public static Dataset<Row> counted(Dataset<Row> rows) {
        return weighted(rows, lit(1.0));
    }

    /** Events weighted by {@code events} (NYU probabilities). */
    public static Dataset<Row> weighted(Dataset<Row> rows, Column events) {
        return rows.select(col("person_id"), col("measure_id"), col("source_id"), col("event_date"),
                events.cast(DataTypes.DoubleType).as("events"), lit(null).cast(DataTypes.IntegerType).as("eligible"));
    }

    /**
     * Weighted events of several measures from one row each: {@code measures} maps a measure to its weight column;
     * rows need {@code person_id, source_id, event_date}. Zero weights add nothing to a sum and are dropped.
     */
    public static Dataset<Row> weighted(Dataset<Row> rows, Map<UtilizationMeasure, Column> measures) {
        Column[] pairs = measures.entrySet().stream()
                .map(e -> struct(lit(e.getKey().id()).as("m"), e.getValue().cast(DataTypes.DoubleType).as("w")))
                .toArray(Column[]::new);
        Dataset<Row> exploded = rows.select(col("person_id"), col("source_id"), col("event_date"),
                explode(array(pairs)).as("_e"));
        return weighted(exploded.withColumn("measure_id", col("_e.m")), col("_e.w")).where(col("events").notEqual(0.0));
    }

    /** Proportion events: each row is an eligible visit; {@code passed} says whether it is in the numerator. */
    public static Dataset<Row> proportion(Dataset<Row> rows, Column passed) {
        return rows.select(col("person_id"), col("measure_id"), col("source_id"), col("event_date"),
                when(passed, lit(1.0)).otherwise(lit(0.0)).as("events"), lit(1).as("eligible"));
    }
}
