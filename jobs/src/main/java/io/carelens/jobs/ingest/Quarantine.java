package io.carelens.jobs.ingest;

import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lit;

import io.carelens.common.delta.Warehouse;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code silver/quarantine}: every rejected row with its entity, source file, row number, reason code and a
 * message naming the field. Re-ingesting the same bad input adds nothing (merge on entity, file, row, reason).
 */
public final class Quarantine {
    public static final String TABLE = "silver/quarantine";

    /** The columns an adapter supplies for the rows it rejects. */
    public static final StructType SOURCE_REJECT_COLUMNS = new StructType()
            .add("entity", DataTypes.StringType, false)
            .add("_source_file", DataTypes.StringType, true)
            .add("_source_row", DataTypes.LongType, true)
            .add("reason_code", DataTypes.StringType, false)
            .add("message", DataTypes.StringType, false)
            .add("record", DataTypes.StringType, true);

    private static final List<String> KEYS = List.of("entity", "source_file", "source_row", "reason_code");

    private Quarantine() {
    }

    /** Writes rejected rows given in {@link #SOURCE_REJECT_COLUMNS} form. */
    public static void write(Warehouse warehouse, Dataset<Row> rejected) {
        Dataset<Row> rows = rejected.select(
                lit(warehouse.runId()).as("run_id"),
                rejected.col("entity"),
                rejected.col("_source_file").as("source_file"),
                rejected.col("_source_row").as("source_row"),
                rejected.col("reason_code"),
                rejected.col("message"),
                rejected.col("record"),
                current_timestamp().as("quarantined_at"));
        warehouse.merge(TABLE, rows.dropDuplicates(KEYS.toArray(String[]::new)), KEYS, lit(false));
    }
}
