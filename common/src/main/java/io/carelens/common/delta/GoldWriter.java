package io.carelens.common.delta;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.carelens.common.schema.GoldTable;
import io.carelens.common.spark.Seqs;
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
    private static final String PERSON_ID = "person_id";
    private static final String DELETE = "_delete";

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

    /**
     * Replaces, among the rows matching {@code predicate}, those of the given persons ({@code persons}: one column
     * {@code person_id}) with {@code rows}, which must hold only those persons' rows: a person's row that {@code rows}
     * no longer has is deleted, the others are updated or inserted (null grain columns match as equal). One Delta
     * merge, so a reader sees the persons' old rows or their new ones, never a mix; the grain is checked on the rows
     * written. The table must exist.
     */
    public void replacePersons(GoldTable table, String predicate, Dataset<Row> persons, Dataset<Row> rows) {
        Dataset<Row> ordered = checked(table, rows);
        try {
            requireUniqueGrain(table, ordered);
            Column sameGrain = table.grain().stream().map(c -> col("old." + c).eqNullSafe(col("new." + c)))
                    .reduce(Column::and).orElseThrow();
            Dataset<Row> gone = warehouse.read(table.path()).where(predicate)
                    .join(persons.select(PERSON_ID), Seqs.of(List.of(PERSON_ID)), "left_semi")
                    .select(table.grain().stream().map(c -> col(c)).toArray(Column[]::new)).as("old")
                    .join(ordered.as("new"), sameGrain, "left_anti")
                    .withColumn(DELETE, lit(true));
            Dataset<Row> changes = ordered.withColumn(DELETE, lit(false)).unionByName(gone, true);
            warehouse.replaceKeys(table.path(), changes, table.grain(), DELETE);
        } finally {
            ordered.unpersist();
        }
    }

    private void write(GoldTable table, String predicate, Dataset<Row> rows) {
        Dataset<Row> ordered = checked(table, rows);
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

    /** The rows in the contract's column order, persisted; fails when they do not match the contract. */
    private static Dataset<Row> checked(GoldTable table, Dataset<Row> rows) {
        List<String> problems = table.schemaProblems(rows.schema());
        if (!problems.isEmpty()) {
            throw new IllegalStateException(table.path() + " does not match its contract (GoldTable."
                    + table.name() + "): " + String.join("; ", problems));
        }
        return rows.select(table.columns().stream().map(c -> col(c.name())).toArray(Column[]::new))
                .persist(StorageLevel.MEMORY_AND_DISK());
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
