package io.carelens.jobs.ingest.synthea;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.carelens.common.schema.CanonicalTable;
import io.carelens.common.schema.CodeSystem;
import io.carelens.jobs.ingest.ReasonCode;
import io.carelens.jobs.ingest.Validator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * One Synthea CSV file as read: its name, its header (which tells the Synthea release apart, e.g. whether a
 * {@code SYSTEM} column exists) and its rows as strings with {@code _malformed} and lineage. The helpers build the
 * column expressions every mapping needs: blank-as-null values, the code system, stable row ids and rejections.
 */
record SyntheaFile(String name, List<String> header, Dataset<Row> rows) {
    /** Column holding the first reason the adapter rejects a row for, as (code, message); null = mapped. */
    static final String REJECT = "_reject";
    /** Column holding the source row as JSON, for the quarantine record. */
    static final String RECORD = "_record";

    static final String SYSTEM = "SYSTEM";

    boolean has(String column) {
        return header.contains(column);
    }

    /** The quarantine entity of rows this file's adapter rejects, e.g. {@code synthea:encounters.csv}. */
    String entity() {
        return "synthea:" + name;
    }

    /** The column's value with blanks as null; null when the header lacks the column (older releases). */
    Column value(String column) {
        if (!has(column)) {
            return lit(null).cast(DataTypes.StringType);
        }
        Column t = trim(col("`" + column + "`"));
        return when(t.equalTo(""), lit(null)).otherwise(t);
    }

    /**
     * The code system of the file's codes: where the header has {@code SYSTEM} (newer releases), its values mapped
     * by {@link CodeSystem#fromAny} (an unrecognised value is passed on for ingest to quarantine as
     * UNKNOWN_CODE_SYSTEM); otherwise, and for blank values, the system Synthea uses for this file.
     */
    Column system(CodeSystem inferred) {
        if (!has(SYSTEM)) {
            return lit(inferred.name());
        }
        List<Column> entries = new ArrayList<>();
        for (Row r : rows.select(value(SYSTEM)).distinct().collectAsList()) {
            if (!r.isNullAt(0)) {
                CodeSystem.fromAny(r.getString(0)).ifPresent(cs -> {
                    entries.add(lit(r.getString(0)));
                    entries.add(lit(cs.name()));
                });
            }
        }
        Column given = value(SYSTEM);
        Column resolved = entries.isEmpty() ? given
                : coalesce(element_at(org.apache.spark.sql.functions.map(entries.toArray(Column[]::new)), given), given);
        return when(given.isNull(), lit(inferred.name())).otherwise(resolved);
    }

    /**
     * A stable identifier for rows Synthea exports without one: a 128-bit hash of the given source columns, so the
     * same source row maps to the same canonical key on every run.
     */
    Column hashId(String... columns) {
        Column[] parts = Arrays.stream(columns).map(c -> coalesce(value(c), lit(""))).toArray(Column[]::new);
        return substring(sha2(concat_ws("\u001f", parts), 256), 1, 32);
    }

    /** A rejection of the row: the reason code and a message naming file, line and field (never the value). */
    Column reject(ReasonCode code, String field, String what) {
        return struct(lit(code.name()).as("code"),
                concat(lit(name + " line "), col(CanonicalTable.SOURCE_ROW).cast(DataTypes.StringType),
                        lit(": field '" + field + "' " + what)).as("message"));
    }

    /** Rejects the row as UNMAPPED when source {@code column} holds a value that {@code mapped} has no value for. */
    Column unmapped(String column, Column mapped) {
        return when(value(column).isNotNull().and(mapped.isNull()),
                reject(ReasonCode.UNMAPPED, column, "holds a value with no canonical mapping"));
    }

    /** Rejects the row as UNRESOLVED_REFERENCE when boolean column {@code flag} (see flagUnresolved) is true. */
    Column unresolved(String flag, String column, String target) {
        return when(col(flag), reject(ReasonCode.UNRESOLVED_REFERENCE, column, "does not match any Id in " + target));
    }

    /** The first of {@code rejections} that applies, after the malformed-line check; null when the row maps. */
    Column firstRejection(Column... rejections) {
        List<Column> all = new ArrayList<>();
        all.add(when(col(Validator.MALFORMED), struct(lit(ReasonCode.MALFORMED_ROW.name()).as("code"),
                concat(lit(name + " line "), col(CanonicalTable.SOURCE_ROW).cast(DataTypes.StringType),
                        lit(": the line does not have the header's number of fields or is badly quoted")).as("message"))));
        all.addAll(Arrays.asList(rejections));
        return coalesce(all.toArray(Column[]::new));
    }

    /**
     * The source row as JSON, kept with rejected rows: only the {@code used} columns the mapping reads (and the file
     * has), so that identifying columns the adapter never maps (names, SSN, address) do not reach the quarantine.
     */
    Column record(String... used) {
        return to_json(struct(Arrays.stream(used).filter(this::has).map(h -> col("`" + h + "`")).toArray(Column[]::new)));
    }

    /**
     * Adds boolean column {@code flag}: true when the row's {@code column} holds a value that is not among
     * {@code ids} (a one-column dataset of identifiers), i.e. a reference that does not resolve. {@code small}
     * marks reference files (payers, organizations, providers) that are broadcast to every task.
     */
    Dataset<Row> flagUnresolved(Dataset<Row> data, String column, Dataset<Row> ids, String flag, boolean small) {
        Dataset<Row> distinct = ids.toDF("_ref_key").where(col("_ref_key").isNotNull()).distinct();
        Dataset<Row> keys = small ? broadcast(distinct) : distinct;
        return data.join(keys, value(column).equalTo(col("_ref_key")), "left")
                .withColumn(flag, value(column).isNotNull().and(col("_ref_key").isNull()))
                .drop("_ref_key");
    }
}
