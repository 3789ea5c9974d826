package io.carelens.common.schema;

import java.util.Set;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * One column of a canonical table: its type, whether it is required, the values it allows (empty = any) and a
 * short description for the data contract.
 */
public record Field(String name, DataType type, boolean required, Set<String> allowed, boolean codeSystem,
                    String description) {

    public static Field id(String name, String description) {
        return new Field(name, DataTypes.StringType, true, Set.of(), false, description);
    }

    public static Field text(String name, String description) {
        return new Field(name, DataTypes.StringType, false, Set.of(), false, description);
    }

    public static Field requiredText(String name, String description) {
        return new Field(name, DataTypes.StringType, true, Set.of(), false, description);
    }

    public static Field date(String name, boolean required, String description) {
        return new Field(name, DataTypes.DateType, required, Set.of(), false, description);
    }

    public static Field timestamp(String name, boolean required, String description) {
        return new Field(name, DataTypes.TimestampType, required, Set.of(), false, description);
    }

    public static Field number(String name, String description) {
        return new Field(name, DataTypes.DoubleType, false, Set.of(), false, description);
    }

    public static Field integer(String name, String description) {
        return new Field(name, DataTypes.IntegerType, false, Set.of(), false, description);
    }

    public static Field flag(String name, String description) {
        return new Field(name, DataTypes.BooleanType, false, Set.of(), false, description);
    }

    public static Field oneOf(String name, boolean required, Set<String> allowed, String description) {
        return new Field(name, DataTypes.StringType, required, allowed, false, description);
    }

    /** A code-system column: values are {@link CodeSystem} short names. */
    public static Field system(String name, boolean required, String description) {
        return new Field(name, DataTypes.StringType, required, Set.of(), true, description);
    }
}
