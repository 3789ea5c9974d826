package io.carelens.common.delta;

import static org.apache.spark.sql.functions.col;

import io.carelens.common.spark.Seqs;
import io.carelens.common.spark.Sessions;
import io.carelens.common.spark.StoredBytes;
import io.delta.exceptions.DeltaConcurrentModificationException;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.Snapshot;
import org.apache.spark.sql.delta.actions.AddFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.collection.Seq;

/**
 * The path-based Delta warehouse: tables are named by their path under the root ({@code silver/encounter},
 * {@code gold/measure_rates}, {@code ops/run_manifest}). Every write is tagged with the run id (Delta
 * {@code userMetadata}), so each table version can be traced to the run that made it.
 *
 * <p>Two processes may write one warehouse at once (two ingests, say). Every write here is idempotent when repeated
 * on the table as another writer left it (overwrite, replace-where, keyed merge, or an append of this run's own
 * rows), so a write that loses a Delta conflict is retried on the new table version, up to
 * {@value #MAX_ATTEMPTS} attempts; then it fails with one line naming the table. A table whose first write was
 * interrupted (a transaction log without a committed version) is not a table: {@link #tables()} leaves it out,
 * {@link #incompleteTables()} names it, and the next write creates it afresh.
 */
public final class Warehouse {
    private static final int MAX_ATTEMPTS = 10;
    private static final String CHANGE_DATA_FEED = "delta.enableChangeDataFeed";
    private static final Logger LOG = LoggerFactory.getLogger(Warehouse.class);

    private final SparkSession spark;
    private final String root;
    private final String runId;
    private final AtomicLong commits = new AtomicLong();
    private final Map<String, TableFiles> filesRead = new ConcurrentHashMap<>();

    /** The data files of one table version, as {@link #read} last listed them. */
    private record TableFiles(long version, long timestamp, Seq<AddFile> files) {
        boolean listed(Snapshot snapshot) {
            return version == snapshot.version() && timestamp == snapshot.timestamp();
        }
    }

    public Warehouse(SparkSession spark, String root, String runId) {
        this.spark = spark;
        this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
        this.runId = runId;
    }

    public SparkSession spark() {
        return spark;
    }

    public String root() {
        return root;
    }

    public String runId() {
        return runId;
    }

    /** Delta commits this warehouse object has made (one per overwrite, append, replaceWhere or merge). */
    public long commits() {
        return commits.get();
    }

    /** The filesystem path (or URI) of a table. */
    public String path(String table) {
        return root + "/" + table;
    }

    /** Whether the table has a committed version (a log whose first commit never landed does not count). */
    public boolean exists(String table) {
        return version(table) >= 0;
    }

    /**
     * The table's current version, pinned: the rows of the version committed when this is called, however often and
     * however late the result is used. Its data files are listed once per version and warehouse (from the version's
     * checksum, or by one small Spark job) and the result reads exactly those files, so a plan that uses it pays no
     * further listing: Delta's default reader lists a table's files with a Spark query of its own in every plan that
     * scans the table (data skipping), which made about a third of the driver's work in the stages on small data. A
     * table without a committed version fails as Delta's reader fails.
     */
    public Dataset<Row> read(String table) {
        DeltaLog log = DeltaLog.forTable(spark, path(table));
        Snapshot snapshot = log.update(false, scala.Option.empty(), scala.Option.empty());
        if (snapshot.version() < 0) {
            return spark.read().format("delta").load(path(table));
        }
        return log.createDataFrame(snapshot, filesOf(table, snapshot).files(), false, scala.Option.empty());
    }

    /**
     * The row count of the table's current version, from its transaction log: the sum of the record counts Delta keeps
     * per data file (net of deleted rows), so no data file is read. When some file has no count (statistics were off
     * when it was written) the rows are counted by a Spark job. A table without a committed version fails as
     * {@link #read} fails.
     */
    public long rowCount(String table) {
        Snapshot snapshot = DeltaLog.forTable(spark, path(table)).update(false, scala.Option.empty(),
                scala.Option.empty());
        if (snapshot.version() < 0) {
            return read(table).count();
        }
        long rows = 0;
        for (AddFile file : scala.collection.JavaConverters.seqAsJavaList(filesOf(table, snapshot).files())) {
            scala.Option<Object> records = file.numLogicalRecords();
            if (records.isEmpty()) {
                return read(table).count();
            }
            rows += (Long) records.get();
        }
        return rows;
    }

    /**
     * The data files of a snapshot of the table, listed once per version: from the version's checksum file when Delta
     * wrote them there (a table of fewer than 50 files, see {@link Sessions}), otherwise by one small Spark job that
     * replays the transaction log.
     */
    private TableFiles filesOf(String table, Snapshot snapshot) {
        TableFiles files = filesRead.get(table);
        if (files == null || !files.listed(snapshot)) {
            scala.Option<Seq<AddFile>> inChecksum = snapshot.checksumOpt().isDefined()
                    ? snapshot.checksumOpt().get().allFiles() : scala.Option.empty();
            files = new TableFiles(snapshot.version(), snapshot.timestamp(), inChecksum.isDefined()
                    ? inChecksum.get() : Seqs.of(snapshot.allFiles().collectAsList()));
            filesRead.put(table, files);
        }
        return files;
    }

    /**
     * The current Delta version of a table, or -1 if it does not exist. Read from the transaction log's listing,
     * without a Spark job, so a table another process created or changed since this one last looked is seen.
     */
    public long version(String table) {
        return DeltaLog.forTable(spark, path(table)).update(false, scala.Option.empty(), scala.Option.empty())
                .version();
    }

    /**
     * The bytes a table occupies on storage (every file under its directory, old versions included), or 0 if it does
     * not exist: a cheap upper bound of its size for sizing partitions, read from the file system without a Spark job.
     */
    public long bytesOnStorage(String table) {
        try {
            return StoredBytes.under(spark, path(table));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + path(table), e);
        }
    }

    /** Replaces the whole table (schema included). */
    public void overwrite(String table, Dataset<Row> data) {
        committing(table, () -> replaceAll(table, data));
    }

    /** Appends rows. */
    public void append(String table, Dataset<Row> data) {
        committing(table, () -> writer(data, SaveMode.Append).option("mergeSchema", "true").save(path(table)));
    }

    /** Replaces the rows matching {@code predicate} (a SQL condition such as a period), keeping the others. */
    public void replaceWhere(String table, String predicate, Dataset<Row> data) {
        committing(table, () -> {
            if (exists(table)) {
                writer(data, SaveMode.Overwrite).option("replaceWhere", predicate).save(path(table));
            } else {
                replaceAll(table, data);
            }
        });
    }

    /**
     * Upserts {@code data} on {@code keys}: a row whose key exists is updated only when {@code changed} says it
     * differs, a new key is inserted; columns the table lacks are added to it. Rows must already be unique on the
     * key. Creates the table when missing, with Delta's change data feed on: a keyed table keeps its rows' identity
     * across versions, so the rows each later version inserted, updated or deleted can be read back (Delta's
     * {@code table_changes_by_path}).
     */
    public void merge(String table, Dataset<Row> data, List<String> keys, Column changed) {
        committing(table, () -> {
            if (!exists(table)) {
                replacing(data).option(CHANGE_DATA_FEED, "true").save(path(table));
                return;
            }
            withRunId(() -> DeltaTable.forPath(spark, path(table)).as("t")
                    .merge(data.as("s"), sameKey(keys))
                    .whenMatched(changed).updateAll()
                    .whenNotMatched().insertAll()
                    .withSchemaEvolution()
                    .execute());
        });
    }

    /**
     * Brings the rows of some keys to a given state in one commit: each row of {@code data} whose boolean column
     * {@code deleteFlag} is true deletes the row with its key; any other row updates the row with its key (only when a
     * column differs) or is inserted. The table's columns are {@code data}'s without the flag.
     */
    public void replaceKeys(String table, Dataset<Row> data, List<String> keys, String deleteFlag) {
        Map<String, Column> values = new LinkedHashMap<>();
        Column same = null;
        for (String c : data.columns()) {
            if (!c.equals(deleteFlag)) {
                values.put(c, col("s." + c));
                Column eq = col("t." + c).eqNullSafe(col("s." + c));
                same = same == null ? eq : same.and(eq);
            }
        }
        Column delete = col("s." + deleteFlag);
        Column differs = same == null ? functions.lit(false) : functions.not(same);
        committing(table, () -> withRunId(() -> DeltaTable.forPath(spark, path(table)).as("t")
                .merge(data.as("s"), sameKey(keys))
                .whenMatched(delete).delete()
                .whenMatched(differs).update(values)
                .whenNotMatched(functions.not(delete)).insert(values)
                .execute()));
    }

    /**
     * Deletes the rows whose key is among {@code keys}' rows (columns named as the key columns, which need not be the
     * table's key: {@code person_id} deletes every row of those persons); keys that match no row are ignored. One
     * commit; nothing to do when the table does not exist.
     *
     * @return the rows deleted, from the commit's metrics
     */
    public long delete(String table, Dataset<Row> keys, List<String> keyColumns) {
        if (!exists(table)) {
            return 0;
        }
        committing(table, () -> withRunId(() -> DeltaTable.forPath(spark, path(table)).as("t")
                .merge(keys.as("s"), sameKey(keyColumns))
                .whenMatched().delete()
                .execute()));
        Row metrics = DeltaTable.forPath(spark, path(table)).history(1).select("operationMetrics").first();
        String deleted = metrics.isNullAt(0) ? null : metrics.<String, String>getJavaMap(0).get("numTargetRowsDeleted");
        return deleted == null ? 0 : Long.parseLong(deleted);
    }

    private static Column sameKey(List<String> keys) {
        Column on = null;
        for (String k : keys) {
            Column eq = col("t." + k).eqNullSafe(col("s." + k));
            on = on == null ? eq : on.and(eq);
        }
        return on;
    }

    /** Runs a Delta merge with this run's id as the commit's user metadata (a merge takes it from the session). */
    private void withRunId(Runnable merge) {
        spark.conf().set("spark.databricks.delta.commitInfo.userMetadata", runId);
        try {
            merge.run();
        } finally {
            spark.conf().unset("spark.databricks.delta.commitInfo.userMetadata");
        }
    }

    private DataFrameWriter<Row> writer(Dataset<Row> data, SaveMode mode) {
        return data.write().format("delta").mode(mode).option("userMetadata", runId);
    }

    /** The whole table replaced, schema included; creates it when missing. One commit, not retried here. */
    private void replaceAll(String table, Dataset<Row> data) {
        replacing(data).save(path(table));
    }

    /** A writer that replaces a whole table, schema included. */
    private DataFrameWriter<Row> replacing(Dataset<Row> data) {
        return writer(data, SaveMode.Overwrite).option("overwriteSchema", "true");
    }

    /**
     * Runs one write (one Delta commit), again on the table's new version while another writer wins the commit race,
     * with a short randomised pause between attempts.
     */
    private void committing(String table, Runnable write) {
        for (int attempt = 1; ; attempt++) {
            try {
                write.run();
                commits.incrementAndGet();
                return;
            } catch (RuntimeException e) {
                if (!isConflict(e)) {
                    throw e;
                }
                if (attempt == MAX_ATTEMPTS) {
                    throw new WriteConflictException(table, attempt);
                }
                LOG.warn("{} was changed by another writer during this write; attempt {} of {}", table, attempt + 1,
                        MAX_ATTEMPTS);
                pause(attempt);
            }
        }
    }

    private static boolean isConflict(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof DeltaConcurrentModificationException) {
                return true;
            }
        }
        return false;
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(100, 500) * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry a write", e);
        }
    }

    /** Every Delta table below the root with a committed version, as its relative name, sorted. */
    public List<String> tables() {
        return logDirectories().stream().filter(this::exists).toList();
    }

    /**
     * The folders below the root holding a Delta transaction log without a committed version: tables whose first
     * write was interrupted. They are not readable; the next run of the stage that writes them creates them.
     */
    public List<String> incompleteTables() {
        return logDirectories().stream().filter(t -> !exists(t)).toList();
    }

    private List<String> logDirectories() {
        List<String> names = new ArrayList<>();
        Path base = Paths.get(root);
        if (!Files.isDirectory(base)) {
            return names;
        }
        try (Stream<Path> walk = Files.walk(base, 4)) {
            walk.filter(p -> p.getFileName().toString().equals("_delta_log") && Files.isDirectory(p))
                    .map(p -> base.relativize(p.getParent()).toString().replace('\\', '/'))
                    .sorted()
                    .forEach(names::add);
        } catch (IOException e) {
            throw new IllegalStateException("cannot list the warehouse " + root + ": " + e.getMessage(), e);
        }
        return names;
    }

    /**
     * Registers the given tables as temporary views named by their paths with '_' for '/' (silver_encounter). Each costs
     * a snapshot of the table and a listing of its files (a small Spark job), so a caller that needs a few views
     * registers those.
     */
    public void registerViews(List<String> tables) {
        for (String t : tables) {
            read(t).createOrReplaceTempView(viewName(t));
        }
    }

    public static String viewName(String table) {
        return table.replace('/', '_');
    }
}
