package io.carelens.jobs.measures;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import io.carelens.common.delta.Warehouse;
import io.carelens.common.schema.CanonicalTable;
import io.carelens.common.valueset.ValueSetLibrary;
import io.carelens.jobs.run.Refresh;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * The event index: every coded silver row matched to every value set containing its code, built by ONE join of the
 * coded rows to the code-to-value-set table and cached for all measures and periods.
 *
 * <p>One row per (record, role, value set). {@code role} says which code matched: {@code code} (what the record is:
 * encounter type, diagnosis, procedure, observation, medication, request), {@code value} (an observation's coded
 * answer) or {@code reason} (why a cancelled observation was not done). Every row carries the record's timing
 * ({@code start_ts}, {@code end_ts}: encounter period, condition onset/abatement, procedure performed, observation
 * effective, medication supply period; {@code authored_ts} for requests), status, category and values, so measures
 * filter the index and never go back to silver for coded data.
 */
public final class EventIndex {
    public static final String CODE = "code";
    public static final String VALUE = "value";
    public static final String REASON = "reason";

    /** The columns of an event row, in order. */
    static final List<String> COLUMNS = List.of("person_id", "source", "record_id", "role", "value_set_oid",
            "code_system", "code", "encounter_id", "start_ts", "end_ts", "authored_ts", "status", "category",
            "clinical_status", "verification_status", "body_site_code", "intent", "do_not_perform", "record_type",
            "value_num", "value_unit", "value_code", "encounter_class", "discharge_code", "parent_id");

    private static final long BYTES_PER_PARTITION = 64L << 20;

    private final Dataset<Row> events;

    private EventIndex(Dataset<Row> events) {
        this.events = events;
    }

    /** All rows of the index. */
    public Dataset<Row> rows() {
        return events;
    }

    public void release() {
        events.unpersist();
    }

    /** Builds and caches the index from the silver tables present, for the persons {@code refresh} recomputes. */
    public static EventIndex build(Warehouse wh, ValueSetLibrary library, Refresh refresh) {
        List<Dataset<Row>> coded = new ArrayList<>();
        long bytes = 0;
        for (CanonicalTable t : List.of(CanonicalTable.ENCOUNTER, CanonicalTable.CONDITION, CanonicalTable.PROCEDURE,
                CanonicalTable.OBSERVATION, CanonicalTable.MEDICATION, CanonicalTable.REQUEST)) {
            if (wh.exists(t.silverPath())) {
                coded.addAll(codedRows(t, refresh.restrict(wh.read(t.silverPath()))));
                bytes += wh.bytesOnStorage(t.silverPath());
            }
        }
        SparkSession spark = wh.spark();
        Dataset<Row> all = coded.isEmpty() ? spark.createDataFrame(List.of(), schemaOfEmpty()) : coded.stream()
                .reduce(Dataset::unionByName).orElseThrow();
        Dataset<Row> matched = all.join(broadcast(codeTable(spark, library)),
                        all.col("code_system").equalTo(col("vs_system")).and(all.col("match_code").equalTo(col("vs_code"))))
                .select(COLUMNS.stream().map(c -> col(c)).toArray(Column[]::new))
                .repartition(partitions(spark, bytes), col("person_id"))
                .persist(StorageLevel.MEMORY_AND_DISK());
        return new EventIndex(matched);
    }

    /**
     * One partition per {@value #BYTES_PER_PARTITION} bytes of silver input, and at least one per core: every measure
     * scans the index many times, and a scan costs a task per partition, so small data must stay in few partitions.
     */
    private static int partitions(SparkSession spark, long silverBytes) {
        return (int) Math.max(spark.sparkContext().defaultParallelism(), silverBytes / BYTES_PER_PARTITION);
    }

    /** The code-to-value-set table: (value_set_oid, vs_system, vs_code). */
    static Dataset<Row> codeTable(SparkSession spark, ValueSetLibrary library) {
        List<Row> rows = new ArrayList<>();
        library.rows().forEach(r -> rows.add(RowFactory.create(r.valueSetOid(), r.codeSystem(), r.code())));
        return spark.createDataFrame(rows, new StructType()
                .add("value_set_oid", DataTypes.StringType).add("vs_system", DataTypes.StringType)
                .add("vs_code", DataTypes.StringType));
    }

    private static List<Dataset<Row>> codedRows(CanonicalTable table, Dataset<Row> silver) {
        Map<String, Column> c = new LinkedHashMap<>();
        for (String name : COLUMNS) {
            c.put(name, lit(null));
        }
        c.put("person_id", col("person_id"));
        c.put("source", lit(table.tableName()));
        List<Dataset<Row>> out = new ArrayList<>();
        switch (table) {
            case ENCOUNTER -> {
                c.put("record_id", col("encounter_id"));
                c.put("encounter_id", col("encounter_id"));
                c.put("start_ts", col("start_ts"));
                c.put("end_ts", col("end_ts"));
                c.put("status", col("status"));
                c.put("encounter_class", col("encounter_class"));
                c.put("discharge_code", col("discharge_disposition_code"));
                out.add(role(silver, c, CODE, col("type_system"), col("type_code")));
            }
            case CONDITION -> {
                c.put("record_id", col("condition_id"));
                c.put("encounter_id", col("encounter_id"));
                c.put("start_ts", col("onset_ts"));
                c.put("end_ts", col("abatement_ts"));
                c.put("authored_ts", col("recorded_ts"));
                c.put("category", col("category"));
                c.put("clinical_status", col("clinical_status"));
                c.put("verification_status", col("verification_status"));
                c.put("body_site_code", col("body_site_code"));
                out.add(role(silver, c, CODE, col("code_system"), col("code")));
            }
            case PROCEDURE -> {
                c.put("record_id", col("procedure_id"));
                c.put("encounter_id", col("encounter_id"));
                c.put("start_ts", col("performed_start_ts"));
                c.put("end_ts", col("performed_end_ts"));
                c.put("status", col("status"));
                c.put("category", col("category"));
                out.add(role(silver, c, CODE, col("code_system"), col("code")));
            }
            case OBSERVATION -> {
                c.put("record_id", col("observation_id"));
                c.put("encounter_id", col("encounter_id"));
                c.put("start_ts", col("effective_start_ts"));
                c.put("end_ts", col("effective_end_ts"));
                c.put("status", col("status"));
                c.put("category", col("category"));
                c.put("value_num", col("value_num"));
                c.put("value_unit", col("value_unit"));
                c.put("value_code", col("value_code"));
                c.put("parent_id", col("parent_observation_id"));
                out.add(role(silver, c, CODE, col("code_system"), col("code")));
                out.add(role(silver, c, VALUE, col("value_code_system"), col("value_code")));
                out.add(role(silver, c, REASON, col("reason_code_system"), col("reason_code")));
            }
            case MEDICATION -> {
                c.put("record_id", col("medication_id"));
                c.put("encounter_id", col("encounter_id"));
                c.put("start_ts", col("start_ts"));
                c.put("end_ts", col("end_ts"));
                c.put("authored_ts", col("authored_ts"));
                c.put("status", col("status"));
                c.put("intent", col("intent"));
                c.put("do_not_perform", col("do_not_perform"));
                c.put("record_type", col("record_type"));
                out.add(role(silver, c, CODE, col("code_system"), col("code")));
            }
            case REQUEST -> {
                c.put("record_id", col("request_id"));
                c.put("encounter_id", col("encounter_id"));
                c.put("authored_ts", col("authored_ts"));
                c.put("status", col("status"));
                c.put("intent", col("intent"));
                c.put("do_not_perform", col("do_not_perform"));
                c.put("record_type", col("request_type"));
                out.add(role(silver, c, CODE, col("code_system"), col("code")));
            }
            default -> throw new IllegalArgumentException("no coded rows for " + table);
        }
        return out;
    }

    private static Dataset<Row> role(Dataset<Row> silver, Map<String, Column> columns, String role, Column system,
                                     Column code) {
        List<Column> select = new ArrayList<>();
        for (String name : COLUMNS) {
            Column value = switch (name) {
                case "role" -> lit(role);
                case "code_system" -> system;
                case "code" -> code;
                case "value_set_oid" -> lit(null).cast(DataTypes.StringType);
                default -> columns.get(name);
            };
            select.add(castTo(name, value).as(name));
        }
        Column normalised = when(system.isin("ICD10CM", "ICD10PCS"), upper(regexp_replace(trim(code), "\\.", "")))
                .otherwise(trim(code));
        select.add(normalised.as("match_code"));
        return silver.where(code.isNotNull()).select(select.toArray(Column[]::new)).drop("value_set_oid");
    }

    private static Column castTo(String name, Column value) {
        return value.cast(type(name));
    }

    private static DataType type(String name) {
        return switch (name) {
            case "start_ts", "end_ts", "authored_ts" -> DataTypes.TimestampType;
            case "value_num" -> DataTypes.DoubleType;
            case "do_not_perform" -> DataTypes.BooleanType;
            default -> DataTypes.StringType;
        };
    }

    private static StructType schemaOfEmpty() {
        StructType s = new StructType();
        for (String name : COLUMNS) {
            if (!name.equals("value_set_oid")) {
                s = s.add(name, type(name));
            }
        }
        return s.add("match_code", DataTypes.StringType);
    }
}
