package io.carelens.common.delta;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.xxhash64;

import io.carelens.common.schema.CanonicalTable;
import java.util.Arrays;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;

/**
 * The content of a table as a short text: its row count and an order-independent hash of its rows, leaving out the
 * columns that differ between any two runs ({@code run_id} of gold and ops tables, {@code _run_id} of bronze and
 * silver rows). Two tables with the same digest hold the same rows, so
 * comparing digests before and after a change (or a rerun) shows that results are identical. One Spark job.
 */
public final class TableDigest {
    /** Columns that identify the run, not the result. */
    public static final Set<String> RUN_COLUMNS = Set.of("run_id", CanonicalTable.RUN_ID);

    private TableDigest() {
    }

    /** {@code rows=N hash=H}. */
    public static String of(Dataset<Row> table) {
        Column[] columns = Arrays.stream(table.schema().fields())
                .filter(f -> !RUN_COLUMNS.contains(f.name()))
                .map(TableDigest::hashable)
                .toArray(Column[]::new);
        Column rowHash = columns.length == 0 ? lit(0L) : xxhash64(columns);
        Row r = table.agg(count(lit(1)), sum(rowHash.cast("decimal(38,0)"))).first();
        return "rows=" + r.getLong(0) + " hash=" + (r.isNullAt(1) ? "0" : r.getDecimal(1).toBigInteger().toString(16));
    }

    private static Column hashable(StructField f) {
        Column c = col("`" + f.name() + "`");
        return f.dataType() instanceof MapType ? to_json(c) : c;
    }
}
