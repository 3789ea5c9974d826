package io.carelens.jobs.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import io.carelens.common.delta.Warehouse;
import io.carelens.common.schema.CanonicalTable;
import io.carelens.common.schema.Field;
import io.carelens.common.spark.Seqs;
import io.carelens.common.spark.StoredBytes;
import io.carelens.jobs.run.Reconciliation;
import io.carelens.jobs.run.Input;
import io.carelens.jobs.run.Stage;
import io.carelens.jobs.run.StageContext;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Ingest: source rows to {@code bronze/<source>_<table>} (as read, with lineage), then validated, deduplicated
 * and merged on their keys into {@code silver/<table>}; rejected rows go to {@code silver/quarantine}, and the
 * non-essential fields of accepted rows that were replaced to {@code silver/data_quality_flags}. Per table it
 * prints and records the reconciliation rows read = accepted + quarantined + duplicates removed + deletion
 * requests (flagged rows counted inside accepted). Deletion requests ({@link Deletions}) remove their keys' rows
 * from silver after the table's other rows are merged, with their data-quality flags; a deleted patient also
 * removes the person's rows from every other silver table, and a deleted observation its components (each
 * recorded in the run manifest with role {@code cascade}).
 *
 * <p>Exact repeats of a row are duplicates and are removed; rows that share a key but differ are quarantined
 * (which one is right cannot be known). Across runs a key that exists is updated only if its content changed, so
 * ingesting the same files again changes no table content and a corrected file updates just its rows.
 */
public final class IngestStage implements Stage {
    private static final String PERSON_ID = "person_id";
    private static final String PARENT_OBSERVATION_ID = "parent_observation_id";
    private final SourceAdapter adapter;
    private final String path;
    private final List<Reconciliation> reconciliations = new ArrayList<>();
    /** Silver patient's person_id, birth and death dates, read once per run after the patient table is ingested. */
    private Dataset<Row> persons;

    public IngestStage(SourceAdapter adapter, String path) {
        this.adapter = adapter;
        this.path = path;
    }

    @Override
    public String name() {
        return "ingest";
    }

    /** Ingest reads source files, not tables. */
    @Override
    public List<Input> reads() {
        return List.of();
    }

    /** Per canonical table its bronze and silver table, the quarantine and the data-quality flags. */
    @Override
    public List<String> writes() {
        List<String> tables = new ArrayList<>();
        for (CanonicalTable t : CanonicalTable.values()) {
            tables.add(bronzePath(adapter.name(), t));
            tables.add(t.silverPath());
        }
        tables.add(Quarantine.TABLE);
        tables.add(DataQualityFlags.TABLE);
        return tables;
    }

    private static String bronzePath(String source, CanonicalTable table) {
        return "bronze/" + source + "_" + table.tableName();
    }

    /** The reconciliations of the last run, one per table read. */
    public List<Reconciliation> reconciliations() {
        return List.copyOf(reconciliations);
    }

    /** The bytes of the source files; when they cannot be sized (unreadable), as if large. */
    @Override
    public long inputBytes(StageContext ctx) {
        try {
            return StoredBytes.under(ctx.spark(), path);
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }

    @Override
    public void run(StageContext ctx) {
        reconciliations.clear();
        Warehouse wh = ctx.warehouse();
        ctx.progress().step(name(), "reading " + adapter.name() + " source " + path);
        SourceBatch batch = adapter.read(ctx.spark(), ctx.config(), path);
        int tolerance = ctx.config().raw().getInt("ingest.future-tolerance-days");
        LocalDate latest = LocalDate.now(ZoneOffset.UTC).plusDays(tolerance);

        batch.warnings().forEach(w -> ctx.progress().step(name(), "warning: " + w));
        if (batch.rejected() != null) {
            recordSourceRejects(ctx, batch);
        }
        batch.notMapped().forEach((entity, count) -> {
            ctx.manifest().notMapped(name(), entity, count);
            ctx.progress().step(name(), String.format("%-22s read %,10d   not mapped (no canonical table)", entity, count));
        });
        try {
            for (Map.Entry<CanonicalTable, Dataset<Row>> e : batch.tables().entrySet()) {
                CanonicalTable table = e.getKey();
                ctx.progress().step(name(), "validating " + table.tableName());
                Dataset<Row> raw = e.getValue().persist(StorageLevel.MEMORY_AND_DISK());
                Reconciliation r = ingestTable(ctx, batch.source(), table, raw, latest);
                raw.unpersist();
                reconciliations.add(r);
                ctx.manifest().reconciliation(name(), r);
                ctx.progress().step(name(), r.toString());
                if (table == CanonicalTable.PATIENT) {
                    forgetPersons();
                }
            }
        } finally {
            forgetPersons();
        }
    }

    /**
     * The persons the other tables are checked against: silver patient as it stands, cached, so that the tables
     * after it share one read instead of a Delta snapshot, a file listing and a scan each.
     */
    private Dataset<Row> persons(StageContext ctx) {
        if (persons == null) {
            Warehouse wh = ctx.warehouse();
            Dataset<Row> current = wh.exists(CanonicalTable.PATIENT.silverPath())
                    ? wh.read(CanonicalTable.PATIENT.silverPath()).select("person_id", "birth_date", "deceased_date")
                    : ctx.spark().createDataFrame(List.of(), new StructType().add("person_id", DataTypes.StringType)
                            .add("birth_date", DataTypes.DateType).add("deceased_date", DataTypes.DateType));
            persons = current.persist(StorageLevel.MEMORY_AND_DISK());
        }
        return persons;
    }

    private void forgetPersons() {
        if (persons != null) {
            persons.unpersist();
            persons = null;
        }
    }

    private void recordSourceRejects(StageContext ctx, SourceBatch batch) {
        Dataset<Row> rejected = batch.rejected().persist(StorageLevel.MEMORY_AND_DISK());
        Quarantine.write(ctx.warehouse(), rejected);
        for (Row row : rejected.groupBy("entity").count().collectAsList()) {
            Reconciliation r = new Reconciliation(row.getString(0), row.getLong(1), 0,
                    row.getLong(1), 0);
            reconciliations.add(r);
            ctx.manifest().reconciliation(name(), r);
            ctx.progress().step(name(), r.toString());
        }
        rejected.unpersist();
    }

    private Reconciliation ingestTable(StageContext ctx, String source, CanonicalTable table, Dataset<Row> raw,
                                       LocalDate latest) {
        Warehouse wh = ctx.warehouse();
        String bronze = bronzePath(source, table);
        Dataset<Row> bronzeRows = raw.withColumn(CanonicalTable.RUN_ID, lit(wh.runId()));
        List<String> lineage = List.of(CanonicalTable.SOURCE_FILE, CanonicalTable.SOURCE_ROW);
        wh.merge(bronze, bronzeRows, lineage, changed(wh, bronze, bronzeRows.schema(), List.of(CanonicalTable.RUN_ID)));

        boolean operations = Deletions.requested(raw);
        Dataset<Row> deletions = operations ? Deletions.of(table, raw).persist(StorageLevel.MEMORY_AND_DISK()) : null;
        Row deletionCounts = operations ? deletions.agg(count(lit(1)),
                sum(when(col(Deletions.VALID), 1).otherwise(0))).head() : null;
        Dataset<Row> upserts = operations ? raw.where(Deletions.isDeletion().unary_$bang()) : raw;

        Validator validator = new Validator(table, latest);
        Dataset<Row> checked = validator.validate(upserts, persons(ctx));

        String[] content = contentColumns(table, checked);
        // One pass partitioned by key (one shuffle): among valid rows with the same key, ordered by content hash and
        // then source position, a row whose predecessor has the same hash is a duplicate (the first occurrence is
        // kept); more than one distinct content under a key is a conflict.
        Column[] keys = table.keys().stream().map(k -> col(k)).toArray(Column[]::new);
        Column valid = size(col(Validator.REASONS)).equalTo(0);
        Column contentHash = when(valid, xxhash64(Arrays.stream(content).map(c -> col(c)).toArray(Column[]::new)));
        WindowSpec byKey = Window.partitionBy(keys);
        WindowSpec byKeyInContentOrder = byKey.orderBy(col("_hash"), col(CanonicalTable.SOURCE_FILE),
                col(CanonicalTable.SOURCE_ROW));
        Column seenBefore = coalesce(lag(col("_hash"), 1).over(byKeyInContentOrder).equalTo(col("_hash")), lit(false));
        Column contentsDiffer = min(col("_hash")).over(byKey).notEqual(max(col("_hash")).over(byKey));
        Dataset<Row> resolved = checked
                .withColumn("_valid", valid)
                .withColumn("_hash", contentHash)
                .withColumn("_dup", col("_valid").and(seenBefore))
                .withColumn("_conflict", col("_valid").and(col("_dup").unary_$bang()).and(contentsDiffer))
                .drop("_hash")
                .persist(StorageLevel.MEMORY_AND_DISK());

        Column isAccepted = col("_valid").and(col("_dup").unary_$bang()).and(col("_conflict").unary_$bang());
        Row counts = resolved.agg(count(lit(1)),
                sum(when(isAccepted, 1).otherwise(0)),
                sum(when(col("_valid").unary_$bang().or(col("_conflict")), 1).otherwise(0)),
                sum(when(col("_dup"), 1).otherwise(0)),
                sum(when(isAccepted.and(size(col(Validator.FLAGS)).gt(0)), 1).otherwise(0))).head();
        Dataset<Row> accepted = resolved.where(isAccepted);
        List<String> silverColumns = new ArrayList<>(Arrays.asList(content));
        silverColumns.add(CanonicalTable.SOURCE_FILE);
        silverColumns.add(CanonicalTable.SOURCE_ROW);
        Dataset<Row> silverRows = accepted.select(silverColumns.stream().map(c -> col(c)).toArray(Column[]::new))
                .withColumn(CanonicalTable.RUN_ID, lit(wh.runId()));
        wh.merge(table.silverPath(), silverRows, table.keys(), changed(wh, table.silverPath(), silverRows.schema(),
                List.of(CanonicalTable.SOURCE_FILE, CanonicalTable.SOURCE_ROW, CanonicalTable.RUN_ID)));

        Column firstReason = element_at(col(Validator.REASONS), 1);
        Column rawRecord = to_json(struct(validator.rawColumns().stream()
                .map(c -> col(c).as(c.substring("_raw_".length()))).toArray(Column[]::new)));
        Dataset<Row> rejected = resolved.where(col("_valid").unary_$bang().or(col("_conflict"))).select(
                lit(table.tableName()).as("entity"),
                col(CanonicalTable.SOURCE_FILE), col(CanonicalTable.SOURCE_ROW),
                when(col("_conflict"), lit(ReasonCode.DUPLICATE_KEY.name())).otherwise(firstReason.getField("code")).as("reason_code"),
                when(col("_conflict"), lit("key (" + String.join(", ", table.keys()) + ") repeats with different content"))
                        .otherwise(concat_ws("; ",
                                transform(col(Validator.REASONS), r -> r.getField("message"))))
                        .as("message"),
                rawRecord.as("record"));
        long deletionRows = operations ? nz(deletionCounts, 0) : 0;
        long deleted = operations ? nz(deletionCounts, 1) : 0;
        if (deletionRows > deleted) {
            rejected = rejected.unionByName(Deletions.rejected(table, deletions));
        }
        if (nz(counts, 2) > 0 || deletionRows > deleted) {
            Quarantine.write(wh, rejected);
        }
        if (deleted > 0) {
            wh.delete(table.silverPath(), Deletions.keys(table, deletions), table.keys());
            DataQualityFlags.forget(wh, table, Deletions.keys(table, deletions));
            if (table == CanonicalTable.PATIENT) {
                removeRowsOfDeletedPersons(ctx, Deletions.keys(table, deletions));
            } else if (table == CanonicalTable.OBSERVATION) {
                Dataset<Row> parents = Deletions.keys(table, deletions).select(col("observation_id")
                        .as(PARENT_OBSERVATION_ID));
                removeRows(ctx, table, parents, PARENT_OBSERVATION_ID, "component(s) of deleted observations");
            }
        }

        if (nz(counts, 4) > 0) {
            DataQualityFlags.write(wh, table, accepted.where(size(col(Validator.FLAGS)).gt(0)));
        }

        resolved.unpersist();
        if (operations) {
            deletions.unpersist();
        }
        return new Reconciliation(table.tableName(), counts.getLong(0) + deletionRows, nz(counts, 1),
                nz(counts, 2) + deletionRows - deleted, nz(counts, 3), nz(counts, 4), deleted);
    }

    /**
     * A deleted patient takes every row of theirs in the other silver tables, and those rows' data-quality flags,
     * with them; rows of theirs later in the same source are then rejected as rows of an unknown person.
     */
    private void removeRowsOfDeletedPersons(StageContext ctx, Dataset<Row> deletedPersons) {
        Dataset<Row> ids = deletedPersons.select(PERSON_ID).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            for (CanonicalTable t : CanonicalTable.values()) {
                if (t != CanonicalTable.PATIENT && t.field(PERSON_ID).isPresent()) {
                    removeRows(ctx, t, ids, PERSON_ID, "row(s) of deleted persons");
                }
            }
        } finally {
            ids.unpersist();
        }
    }

    /**
     * Removes from silver the rows of {@code table} whose {@code column} is among {@code values}' rows, and their
     * data-quality flags; the rows removed are printed and recorded in the run manifest (role {@code cascade}).
     */
    private void removeRows(StageContext ctx, CanonicalTable table, Dataset<Row> values, String column, String what) {
        Warehouse wh = ctx.warehouse();
        if (!wh.exists(table.silverPath())) {
            return;
        }
        DataQualityFlags.forget(wh, table, wh.read(table.silverPath()).join(values, Seqs.of(List.of(column)),
                "left_semi"));
        long removed = wh.delete(table.silverPath(), values, List.of(column));
        if (removed > 0) {
            ctx.manifest().cascade(name(), table.silverPath(), removed);
            ctx.progress().step(name(), String.format("%-22s %,d %s removed", table.tableName(), removed, what));
        }
    }

    private static long nz(Row r, int i) {
        return r.isNullAt(i) ? 0 : r.getLong(i);
    }

    /** The columns that make up a row's content: canonical columns and, for extensible tables, user columns. */
    private static String[] contentColumns(CanonicalTable table, Dataset<Row> checked) {
        List<String> cols = new ArrayList<>(table.fields().stream().map(Field::name).toList());
        if (table.extensible()) {
            for (String c : checked.columns()) {
                if (!c.startsWith("_") && !cols.contains(c)) {
                    cols.add(c);
                }
            }
        }
        return cols.toArray(String[]::new);
    }

    /**
     * True when any column other than {@code ignored} differs between target t and source s; a column the target
     * does not have yet (the merge adds it) differs when the source has a value in it.
     */
    private static Column changed(Warehouse wh, String table, StructType schema, List<String> ignored) {
        List<String> existing = wh.exists(table) ? Arrays.asList(wh.read(table).columns()) : List.of();
        Column any = lit(false);
        for (String c : schema.fieldNames()) {
            if (!ignored.contains(c)) {
                Column source = col("s.`" + c + "`");
                any = any.or(existing.contains(c) ? col("t.`" + c + "`").eqNullSafe(source).unary_$bang()
                        : source.isNotNull());
            }
        }
        return any;
    }
}
