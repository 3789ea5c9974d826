package io.carelens.common.schema;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/** One column of a gold table: its name, Spark type and the one line docs/gold-tables.md shows for it. */
public record GoldColumn(String name, DataType type, String description) {

    public static GoldColumn text(String name, String description) {
        return new GoldColumn(name, DataTypes.StringType, description);
    }

    public static GoldColumn date(String name, String description) {
        return new GoldColumn(name, DataTypes.DateType, description);
    }

    public static GoldColumn integer(String name, String description) {
        return new GoldColumn(name, DataTypes.IntegerType, description);
    }

    public static GoldColumn count(String name, String description) {
        return new GoldColumn(name, DataTypes.LongType, description);
    }

    public static GoldColumn number(String name, String description) {
        return new GoldColumn(name, DataTypes.DoubleType, description);
    }

    public static GoldColumn flag(String name, String description) {
        return new GoldColumn(name, DataTypes.BooleanType, description);
    }

    public static GoldColumn timestamp(String name, String description) {
        return new GoldColumn(name, DataTypes.TimestampType, description);
    }
}
