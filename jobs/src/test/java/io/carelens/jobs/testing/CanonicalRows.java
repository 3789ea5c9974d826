package io.carelens.jobs.testing;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.carelens.common.schema.CanonicalTable;
import io.carelens.common.schema.Field;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Test rows in a canonical table's exact schema: the given columns cast to their types, the others null. */
public final class CanonicalRows {
    private CanonicalRows() {
    }

    /** {@code given} with every column of {@code table}, in order. */
    public static Dataset<Row> of(CanonicalTable table, Dataset<Row> given) {
        List<String> present = List.of(given.columns());
        List<Column> out = new ArrayList<>();
        for (Field f : table.fields()) {
            out.add((present.contains(f.name()) ? col(f.name()) : lit(null)).cast(f.type()).alias(f.name()));
        }
        return given.select(out.toArray(Column[]::new));
    }
}
