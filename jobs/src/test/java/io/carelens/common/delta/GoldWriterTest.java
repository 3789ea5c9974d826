package io.carelens.common.delta;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carelens.common.schema.GoldTable;
import io.carelens.jobs.testing.SharedSpark;
import java.util.Arrays;
import java.util.Collections;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;

/**
 * The one writer of gold tables refuses rows that break the table's contract (a missing column, two rows with one
 * grain key) before anything is written, with a message naming the table and its key columns, and writes rows that
 * keep it in the contract's column order.
 */
class GoldWriterTest {
    private static final GoldTable TABLE = GoldTable.PBA;

    /** {@code n} rows of the table's schema; the grain's last column is the row number modulo {@code keys}. */
    private static Dataset<Row> rows(int n, int keys) {
        String last = TABLE.grain().get(TABLE.grain().size() - 1);
        Column[] columns = Arrays.stream(TABLE.schema().fields())
                .map(f -> valueOf(f, last, keys).as(f.name()))
                .toArray(Column[]::new);
        return SharedSpark.spark().range(n).select(columns);
    }

    private static Column valueOf(StructField f, String varying, int keys) {
        if (f.name().equals(varying)) {
            return col("id").mod(keys).cast(f.dataType());
        }
        return switch (f.dataType().typeName()) {
            case "string" -> lit("x");
            case "date" -> lit(java.sql.Date.valueOf("2025-01-01"));
            case "boolean" -> lit(false);
            default -> lit(1).cast(f.dataType());
        };
    }

    @Test
    void rowsSharingAGrainKeyAreRefusedAndNothingIsWritten() {
        Warehouse wh = new Warehouse(SharedSpark.spark(), SharedSpark.newWarehouse().toString(), "test");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new GoldWriter(wh).overwrite(TABLE, rows(3, 2)));
        assertEquals(TABLE.path() + " is not unique on its grain (" + String.join(", ", TABLE.grain())
                + "): 2 rows share one key; nothing was written", e.getMessage());
        assertFalse(wh.exists(TABLE.path()));
    }

    @Test
    void aMissingColumnIsRefusedNamingTheContract() {
        Warehouse wh = new Warehouse(SharedSpark.spark(), SharedSpark.newWarehouse().toString(), "test");
        String dropped = TABLE.columns().get(TABLE.columns().size() - 1).name();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new GoldWriter(wh).overwrite(TABLE, rows(2, 2).drop(dropped)));
        assertTrue(e.getMessage().startsWith(TABLE.path() + " does not match its contract (GoldTable."
                + TABLE.name() + ")") && e.getMessage().contains(dropped), e.getMessage());
        assertFalse(wh.exists(TABLE.path()));
    }

    @Test
    void rowsKeepingTheContractAreWrittenInItsColumnOrder() {
        Warehouse wh = new Warehouse(SharedSpark.spark(), SharedSpark.newWarehouse().toString(), "test");
        Dataset<Row> rows = rows(4, 4);
        String[] reversed = rows.columns().clone();
        Collections.reverse(Arrays.asList(reversed));
        new GoldWriter(wh).overwrite(TABLE, rows.selectExpr(reversed));
        Dataset<Row> written = wh.read(TABLE.path());
        assertEquals(4, written.count());
        assertEquals(Arrays.asList(TABLE.schema().fieldNames()), Arrays.asList(written.columns()));
    }
}
