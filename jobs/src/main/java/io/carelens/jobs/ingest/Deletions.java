package io.carelens.jobs.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.carelens.common.schema.CanonicalTable;
import io.carelens.common.schema.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Deletion requests in a canonical source: a row whose {@code _op} column says {@code delete} needs only its key
 * columns and removes the row with that key from silver (after the other rows of the same ingest are merged, so a
 * deletion wins). Other {@code _op} values a row may carry are {@code upsert} or nothing; anything else is
 * quarantined as {@link ReasonCode#INVALID_VALUE}. A deletion whose key is missing or does not parse is
 * quarantined; one whose key matches no row removes nothing.
 */
public final class Deletions {
    /** The operation column: {@code delete}, {@code upsert} or empty (upsert). */
    public static final String OP = "_op";

    /** Set on deletion rows: whether every key column is given and parses. */
    static final String VALID = "_valid_deletion";

    private Deletions() {
    }

    /** Whether the rows carry an operation column at all. */
    static boolean requested(Dataset<Row> raw) {
        return Arrays.asList(raw.columns()).contains(OP);
    }

    /** True for a deletion request (any case, surrounding spaces ignored). */
    static Column isDeletion() {
        return coalesce(lower(trim(col(OP))).equalTo("delete"), lit(false));
    }

    /** A broken rule when {@code _op} holds something other than empty, {@code upsert} or {@code delete}. */
    static Column invalidOp() {
        Column op = lower(trim(col(OP)));
        return when(op.isNotNull().and(op.isin("", "upsert", "delete").unary_$bang()),
                struct(lit(ReasonCode.INVALID_VALUE.name()).as("code"),
                        lit("field '" + OP + "' is not one of delete, upsert").as("message")));
    }

    /**
     * The deletion rows of {@code raw}: the key columns typed as the contract says, the lineage columns, and
     * {@link #VALID}.
     */
    static Dataset<Row> of(CanonicalTable table, Dataset<Row> raw) {
        List<Column> columns = new ArrayList<>();
        Column valid = lit(true);
        for (String k : table.keys()) {
            Field f = table.field(k).orElseThrow();
            Column given = Arrays.asList(raw.columns()).contains(k) ? trim(col(k).cast(DataTypes.StringType))
                    : lit(null).cast(DataTypes.StringType);
            Column typed = given.cast(f.type());
            columns.add(typed.as(k));
            columns.add(given.as("_given_" + k));
            valid = valid.and(typed.isNotNull()).and(given.notEqual(""));
        }
        columns.add(coalesce(valid, lit(false)).as(VALID));
        columns.add(col(CanonicalTable.SOURCE_FILE));
        columns.add(col(CanonicalTable.SOURCE_ROW).cast(DataTypes.LongType).as(CanonicalTable.SOURCE_ROW));
        return raw.where(isDeletion()).select(columns.toArray(Column[]::new));
    }

    /** The invalid deletion rows of {@link #of} in {@link Quarantine#SOURCE_REJECT_COLUMNS} form. */
    static Dataset<Row> rejected(CanonicalTable table, Dataset<Row> deletions) {
        Column[] given = table.keys().stream().map(k -> col("_given_" + k).as(k)).toArray(Column[]::new);
        Column[] messages = table.keys().stream().map(k -> when(col("_given_" + k).isNull()
                .or(col("_given_" + k).equalTo("")), lit("field '" + k + "' is required to delete a row"))
                .when(col(k).isNull(), lit("field '" + k + "' is not a valid " + table.field(k).orElseThrow()
                        .type().simpleString()))).toArray(Column[]::new);
        Column missing = lit(false);
        for (String k : table.keys()) {
            missing = missing.or(col("_given_" + k).isNull()).or(col("_given_" + k).equalTo(""));
        }
        return deletions.where(col(VALID).unary_$bang()).select(
                lit(table.tableName()).as("entity"),
                col(CanonicalTable.SOURCE_FILE), col(CanonicalTable.SOURCE_ROW),
                when(missing, lit(ReasonCode.MISSING_REQUIRED.name())).otherwise(lit(ReasonCode.INVALID_TYPE.name()))
                        .as("reason_code"),
                concat_ws("; ", messages).as("message"),
                to_json(struct(given)).as("record"));
    }

    /** The distinct keys of the valid deletion rows of {@link #of}. */
    static Dataset<Row> keys(CanonicalTable table, Dataset<Row> deletions) {
        return deletions.where(col(VALID)).select(table.keys().stream().map(k -> col(k)).toArray(Column[]::new))
                .distinct();
    }
}
