package io.carelens.bench;

import io.carelens.common.schema.CanonicalTable;
import io.carelens.common.schema.CodeSystem;
import io.carelens.common.schema.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * The canonical data contract as DuckDB sees it, read from carelens-common's {@link CanonicalTable},
 * {@link Field} and {@link CodeSystem} (the same definitions CareLens's validator uses): per table its key, columns
 * with their DuckDB types, required fields, allowed values, code-system columns, patterns, flagged fields with their
 * fallback, and the start/end columns the date rules read.
 */
final class CanonicalContract {
    private CanonicalContract() {
    }

    /** One column: DuckDB type, whether required, allowed values, code system, pattern and flag fallback. */
    record Column(String name, String type, boolean required, List<String> allowed, boolean codeSystem,
                  String pattern, boolean flag, String fallback) {
        static Column of(Field f) {
            return new Column(f.name(), duckDbType(f.type()), f.required(), f.allowed().stream().sorted().toList(),
                    f.codeSystem(), f.pattern(), f.flag(), f.fallback());
        }
    }

    /** One table: key, columns, the event-time column and the column that must not precede it. */
    record Table(String name, List<String> keys, List<Column> columns, String start, String end, boolean extensible,
                 boolean referencesPatient) {
        static Table of(CanonicalTable t) {
            return new Table(t.tableName(), t.keys(), t.fields().stream().map(Column::of).toList(),
                    t.startColumn().orElse(null), t.endColumn().orElse(null), t.extensible(), t.referencesPatient());
        }

        Optional<Column> column(String n) {
            return columns.stream().filter(c -> c.name().equals(n)).findFirst();
        }
    }

    /** The tables in contract order (patient first: the others are checked against it). */
    static final List<Table> TABLES = Arrays.stream(CanonicalTable.values()).map(Table::of).toList();

    private static String duckDbType(DataType type) {
        if (type.equals(DataTypes.StringType)) {
            return "VARCHAR";
        } else if (type.equals(DataTypes.DateType)) {
            return "DATE";
        } else if (type.equals(DataTypes.TimestampType)) {
            return "TIMESTAMP";
        } else if (type.equals(DataTypes.DoubleType)) {
            return "DOUBLE";
        } else if (type.equals(DataTypes.IntegerType)) {
            return "INTEGER";
        } else if (type.equals(DataTypes.LongType)) {
            return "BIGINT";
        } else if (type.equals(DataTypes.BooleanType)) {
            return "BOOLEAN";
        }
        throw new IllegalArgumentException("no DuckDB type for the contract type " + type.simpleString());
    }

    /**
     * SQL: the short code-system name of {@code raw} (trimmed, lower case), or NULL when it is not recognised; a value
     * matches by its short name, its short name without underscores or one of its URIs, as CareLens's Validator does.
     */
    static String normaliseSystem(String raw) {
        StringBuilder sql = new StringBuilder("CASE lower(trim(" + raw + "))");
        Map<String, String> aliases = new LinkedHashMap<>();
        for (CodeSystem cs : CodeSystem.values()) {
            aliases.put(cs.name().toLowerCase(Locale.ROOT), cs.name());
            aliases.put(cs.name().replace("_", "").toLowerCase(Locale.ROOT), cs.name());
            cs.uris().forEach(u -> aliases.put(u.toLowerCase(Locale.ROOT), cs.name()));
        }
        aliases.forEach((alias, name) -> sql.append(" WHEN ").append(quote(alias)).append(" THEN ")
                .append(quote(name)));
        return sql.append(" END").toString();
    }

    /** SQL: the short name of a value-set system URI as ValueSetLoader stores it (unknown URIs stay as given). */
    static String systemOfUri(String uri) {
        StringBuilder sql = new StringBuilder("CASE");
        for (CodeSystem cs : CodeSystem.values()) {
            List<String> all = new ArrayList<>(cs.uris());
            all.add(cs.name());
            sql.append(" WHEN ").append(uri).append(" IN (")
                    .append(String.join(", ", all.stream().map(CanonicalContract::quote).toList()))
                    .append(") THEN ").append(quote(cs.name()));
        }
        return sql.append(" ELSE ").append(uri).append(" END").toString();
    }

    static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
