package io.carelens.common.schema;

import java.util.Set;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * One column of a canonical table: its type, whether it is required, the values it allows (empty = any), an
 * optional pattern, what happens to an invalid value, and a short description for the data contract.
 *
 * <p>An invalid value (wrong type, not allowed, not matching the pattern, or holding bytes that were not valid
 * UTF-8) either rejects the whole row to quarantine or, for a field the row can do without ({@code flag}), is
 * replaced by {@code fallback} (null or {@code unknown}) and recorded as a data-quality flag, the row kept.
 *
 * @param pattern  a regular expression the whole value must match, or null for none
 * @param flag     true when an invalid value is flagged and replaced; false when it rejects the row
 * @param fallback the value that replaces a flagged invalid value (null or {@code unknown})
 */
public record Field(String name, DataType type, boolean required, Set<String> allowed, boolean codeSystem,
                    String description, String pattern, boolean flag, String fallback) {

    public Field {
        if (flag && required) {
            throw new IllegalArgumentException("required field '" + name + "' cannot be flagged: it rejects its row");
        }
    }

    public static Field id(String name, String description) {
        return of(name, DataTypes.StringType, true, Set.of(), false, description);
    }

    /** Optional free text: an invalid value (bytes that were not UTF-8) is flagged and becomes null. */
    public static Field text(String name, String description) {
        return of(name, DataTypes.StringType, false, Set.of(), false, description).flagged(null);
    }

    public static Field requiredText(String name, String description) {
        return of(name, DataTypes.StringType, true, Set.of(), false, description);
    }

    public static Field date(String name, boolean required, String description) {
        return of(name, DataTypes.DateType, required, Set.of(), false, description);
    }

    public static Field timestamp(String name, boolean required, String description) {
        return of(name, DataTypes.TimestampType, required, Set.of(), false, description);
    }

    public static Field number(String name, String description) {
        return of(name, DataTypes.DoubleType, false, Set.of(), false, description);
    }

    public static Field integer(String name, String description) {
        return of(name, DataTypes.IntegerType, false, Set.of(), false, description);
    }

    public static Field flag(String name, String description) {
        return of(name, DataTypes.BooleanType, false, Set.of(), false, description);
    }

    public static Field oneOf(String name, boolean required, Set<String> allowed, String description) {
        return of(name, DataTypes.StringType, required, allowed, false, description);
    }

    /** A code-system column: values are {@link CodeSystem} short names. */
    public static Field system(String name, boolean required, String description) {
        return of(name, DataTypes.StringType, required, Set.of(), true, description);
    }

    /** This field, flagging an invalid value and replacing it by {@code replacement} instead of rejecting the row. */
    public Field flagged(String replacement) {
        return new Field(name, type, required, allowed, codeSystem, description, pattern, true, replacement);
    }

    /** This field, whose values must match {@code regex} as a whole. */
    public Field matching(String regex) {
        return new Field(name, type, required, allowed, codeSystem, description, regex, flag, fallback);
    }

    private static Field of(String name, DataType type, boolean required, Set<String> allowed, boolean codeSystem,
                            String description) {
        return new Field(name, type, required, allowed, codeSystem, description, null, false, null);
    }
}
