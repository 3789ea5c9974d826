package io.carelens.jobs.generate;

import io.carelens.common.schema.CanonicalTable;
import io.carelens.common.schema.Field;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Projects generated rows onto a canonical table's columns, in contract order, as strings ready for CSV. Columns
 * not given are empty. Two sort keys travel along ({@code _k1} the person index, {@code _k2} the row id) so that
 * the writer can lay rows out in the same order on every run.
 */
final class Canonical {
    static final String TIMESTAMP_FORMAT = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    private Canonical() {
    }

    /**
     * @param columnsAndExpressions pairs of canonical column name and SQL expression
     */
    static Dataset<Row> project(CanonicalTable table, Dataset<Row> source, String personIndex, String rowKey,
                                String... columnsAndExpressions) {
        Map<String, String> given = new HashMap<>();
        for (int i = 0; i < columnsAndExpressions.length; i += 2) {
            if (table.field(columnsAndExpressions[i]).isEmpty()) {
                throw new IllegalArgumentException(table.tableName() + " has no column " + columnsAndExpressions[i]);
            }
            given.put(columnsAndExpressions[i], columnsAndExpressions[i + 1]);
        }
        List<String> select = new ArrayList<>();
        for (Field f : table.fields()) {
            select.add("CAST(" + given.getOrDefault(f.name(), "NULL") + " AS STRING) AS " + f.name());
        }
        select.add(personIndex + " AS _k1");
        select.add(rowKey + " AS _k2");
        return source.selectExpr(select.toArray(String[]::new));
    }

    /** A timestamp expression formatted as ISO-8601 UTC. */
    static String ts(String timestampExpression) {
        return "date_format(" + timestampExpression + ", \"" + TIMESTAMP_FORMAT + "\")";
    }
}
