package io.carelens.common.delta;

import static org.apache.spark.sql.functions.col;

import io.carelens.common.schema.GoldTable;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * The one way a gold table is written: the rows are checked against the table's {@link GoldTable} contract (its
 * columns and types, then that no two rows share its grain) before anything reaches the warehouse, and are written in
 * the contract's column order. The grain check is one Spark aggregation on the rows being written, persisted so
 * that the write reuses them; a failed check stops the stage with a message naming the table and its key columns
 * (never a key's values, which may be person ids).
 */
public final class GoldWriter {
    private final Warehouse warehouse;

    public GoldWriter(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    /** Replaces the whole table. */
    public void overwrite(GoldTable table, Dataset<Row> rows) {
        write(table, null, rows);
    }

    /**
     * Replaces the rows matching {@code predicate} (a SQL condition on the table's columns, such as a period) and
     * keeps the others; the grain is checked on the rows written.
     */
    public void replaceWhere(GoldTable table, String predicate, Dataset<Row> rows) {
        write(table, predicate, rows);
    }

    private void write(GoldTable table, String predicate, Dataset<Row> rows) {
        List<String> problems = table.schemaProblems(rows.schema());
        if (!problems.isEmpty()) {
            throw new IllegalStateException(table.path() + " does not match its contract (GoldTable."
                    + table.name() + "): " + String.join("; ", problems));
        }
        Dataset<Row> ordered = rows.select(table.columns().stream().map(c -> col(c.name())).toArray(Column[]::new))
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            requireUniqueGrain(table, ordered);
            if (predicate == null) {
                warehouse.overwrite(table.path(), ordered);
            } else {
                warehouse.replaceWhere(table.path(), predicate, ordered);
            }
        } finally {
            ordered.unpersist();
        }
    }

    /** One aggregation: the first key held by more than one row, if any. */
    static void requireUniqueGrain(GoldTable table, Dataset<Row> rows) {
        Column[] grain = table.grain().stream().map(c -> col(c)).toArray(Column[]::new);
        List<Row> duplicate = rows.groupBy(grain).count().where(col("count").gt(1)).limit(1).select("count")
                .collectAsList();
        if (!duplicate.isEmpty()) {
            throw new IllegalStateException(table.path() + " is not unique on its grain ("
                    + String.join(", ", table.grain()) + "): " + duplicate.get(0).getLong(0)
                    + " rows share one key; nothing was written");
        }
    }
}
