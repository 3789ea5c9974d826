package io.carelens.jobs.report;

import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A small aggregate table as the dashboard shows it: its Delta version and its rows as column-to-value maps (dates
 * and timestamps as ISO text). A table that does not exist yet is {@link #absent}: its section says "not computed
 * yet" instead of failing the report.
 */
public record TableSnapshot(String table, long version, List<String> columns, List<Map<String, Object>> rows,
                            boolean truncated) {

    /** The most rows the dashboard takes from one table; gold tables are aggregates far below this. */
    static final int MAX_ROWS = 50_000;

    public static TableSnapshot absent(String table) {
        return new TableSnapshot(table, -1, List.of(), List.of(), false);
    }

    /** Collects {@code data} (an aggregate) into a snapshot, at most {@link #MAX_ROWS} rows. */
    public static TableSnapshot collect(String table, long version, Dataset<Row> data) {
        List<String> columns = List.of(data.columns());
        List<Row> collected = data.limit(MAX_ROWS + 1).collectAsList();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Row r : collected.subList(0, Math.min(MAX_ROWS, collected.size()))) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                m.put(columns.get(i), plain(r.isNullAt(i) ? null : r.get(i)));
            }
            rows.add(m);
        }
        return new TableSnapshot(table, version, columns, rows, collected.size() > MAX_ROWS);
    }

    private static Object plain(Object v) {
        if (v instanceof Date d) {
            return d.toLocalDate().toString();
        }
        if (v instanceof Timestamp t) {
            return t.toInstant().toString();
        }
        if (v instanceof Number || v instanceof Boolean || v == null) {
            return v;
        }
        return v.toString();
    }

    public boolean present() {
        return version >= 0;
    }

    public boolean has(String column) {
        return columns.contains(column);
    }

    /** The first of {@code candidates} that is a column of this table, or null. */
    public String firstColumn(String... candidates) {
        for (String c : candidates) {
            if (has(c)) {
                return c;
            }
        }
        return null;
    }

    public List<Map<String, Object>> where(Predicate<Map<String, Object>> filter) {
        return rows.stream().filter(filter).toList();
    }

    /** The distinct values of a column, in first-seen order. */
    public List<String> distinct(List<Map<String, Object>> of, String column) {
        return of.stream().map(r -> r.get(column)).filter(Objects::nonNull).map(Object::toString).distinct().toList();
    }

    /** Whether a row is a suppressed cell (its numbers must never be shown). */
    public static boolean suppressed(Map<String, Object> row) {
        return Boolean.TRUE.equals(row.get("suppressed"));
    }
}
