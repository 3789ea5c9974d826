package io.carelens.jobs.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;

import io.carelens.common.delta.Warehouse;
import io.carelens.common.schema.CanonicalTable;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code silver/data_quality_flags}: one row per accepted row and non-essential field whose invalid value was
 * replaced by null or {@code unknown} (entity, key, field, reason code, message naming the field, source file and
 * line). The row itself stays in silver, so a visit with an unknown class still counts in the measures; this
 * table tells how often that happened. Re-ingesting the same input adds nothing (merge on entity, file, line,
 * field); a row deleted from silver takes its flags with it.
 */
public final class DataQualityFlags {
    public static final String TABLE = "silver/data_quality_flags";

    private static final List<String> KEYS = List.of("entity", "source_file", "source_row", "field");

    private DataQualityFlags() {
    }

    /** Writes the flags of {@code accepted}, rows of {@code table} as checked by {@link Validator}. */
    public static void write(Warehouse warehouse, CanonicalTable table, Dataset<Row> accepted) {
        Dataset<Row> flags = accepted
                .select(key(table).as("key"), col(CanonicalTable.SOURCE_FILE), col(CanonicalTable.SOURCE_ROW),
                        explode(col(Validator.FLAGS)).as("f"))
                .select(lit(warehouse.runId()).as("run_id"),
                        lit(table.tableName()).as("entity"),
                        col("key"),
                        col("f.field").as("field"),
                        col("f.code").as("reason_code"),
                        col("f.message").as("message"),
                        col(CanonicalTable.SOURCE_FILE).as("source_file"),
                        col(CanonicalTable.SOURCE_ROW).as("source_row"),
                        current_timestamp().as("flagged_at"));
        warehouse.merge(TABLE, flags, KEYS, lit(false));
    }

    /** Removes the flags of the rows of {@code table} whose keys are {@code keys}' rows (rows deleted from silver). */
    public static void forget(Warehouse warehouse, CanonicalTable table, Dataset<Row> keys) {
        warehouse.delete(TABLE, keys.select(lit(table.tableName()).as("entity"), key(table).as("key")),
                List.of("entity", "key"));
    }

    /** A row's key as the flags record it: its key columns as text, joined by {@code |}. */
    private static Column key(CanonicalTable table) {
        return concat_ws("|", table.keys().stream().map(k -> col(k).cast("string")).toArray(Column[]::new));
    }
}
