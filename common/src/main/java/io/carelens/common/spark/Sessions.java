package io.carelens.common.spark;

import io.carelens.common.localfs.NioLocalFileSystem;
import io.carelens.common.localfs.NioLocalFs;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the SparkSession CareLens runs in: Delta Lake enabled, UTC session time zone, each table version's data
 * files kept in its checksum file when there are fewer than 50 (Delta's {@code allFilesInCrc}: a reader lists them
 * without a Spark job that replays the log), and, for local runs, the
 * settings that keep a laptop fast (few snapshot partitions, no UI, memory pages sized to the heap, a private
 * metastore location, local files written without a process per file: {@link NioLocalFileSystem}). A session that
 * already runs in this JVM (a notebook's, a test's) is joined as it is, never reconfigured.
 */
public final class Sessions {
    /**
     * Delta's snapshot and log loggers print, at INFO, each new snapshot with its files' column statistics: the
     * minimum and maximum values of every column, that is row contents (person ids). CareLens keeps them at WARN, so
     * no identifier reaches a log even when Spark's own log is shown.
     */
    private static final Map<String, Level> ROW_VALUE_LOGGERS = Map.of(
            "org.apache.spark.sql.delta.Snapshot", Level.WARN, "org.apache.spark.sql.delta.DeltaLog", Level.WARN);
    private Sessions() {
    }

    /** Returns the session already running in this JVM, otherwise builds one on {@code master}. */
    public static SparkSession getOrCreate(String master, String appName, int shufflePartitions,
                                           Map<String, String> extraConf) {
        scala.Option<SparkSession> running = SparkSession.getDefaultSession();
        if (running.isDefined()) {
            return running.get();
        }
        SparkSession.Builder b = SparkSession.builder().appName(appName)
                .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.shuffle.partitions", Integer.toString(shufflePartitions))
                .config("spark.sql.legacy.timeParserPolicy", "CORRECTED")
                .config("spark.databricks.delta.schema.autoMerge.enabled", "true")
                .config("spark.databricks.delta.allFilesInCrc.enabled", "true");
        boolean submitted = System.getProperty("spark.master") != null;
        if (!submitted) {
            b = b.master(master);
        }
        boolean local = submitted ? System.getProperty("spark.master").startsWith("local") : master.startsWith("local");
        if (local) {
            b = b.config("spark.ui.enabled", "false")
                    .config("spark.ui.showConsoleProgress", "false")
                    .config("spark.databricks.delta.snapshotPartitions", "2")
                    .config("spark.hadoop.fs.file.impl", NioLocalFileSystem.class.getName())
                    .config("spark.hadoop.fs.AbstractFileSystem.file.impl", NioLocalFs.class.getName())
                    .config("spark.buffer.pageSize", Long.toString(pageSizeBytes(Runtime.getRuntime().maxMemory())))
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.sql.warehouse.dir", System.getProperty("java.io.tmpdir") + "/carelens-spark-warehouse");
        }
        for (Map.Entry<String, String> e : extraConf.entrySet()) {
            b = b.config(e.getKey(), e.getValue());
        }
        Configurator.setLevel(ROW_VALUE_LOGGERS);
        return b.getOrCreate();
    }

    /**
     * The memory page of a local run: the largest power of two up to 1/8192 of the heap (512 KB for 4 GB). Spark's
     * own choice on a 2-core machine is 64 MB, and that is the least every hash map, sorter and broadcast hash relation
     * holds; the relations hold theirs outside Spark's memory accounting. At 100,000 people the utilization stage then
     * failed with {@code UNABLE_TO_ACQUIRE_MEMORY} or filled the heap with pages. A page below half a G1 region is an
     * ordinary object, and 8192 pages, the most a task may hold, still cover the heap.
     */
    static long pageSizeBytes(long maxHeapBytes) {
        return Math.max(64L * 1024, Long.highestOneBit(maxHeapBytes / 8192));
    }
}
