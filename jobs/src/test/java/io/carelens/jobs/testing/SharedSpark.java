package io.carelens.jobs.testing;

import io.carelens.common.config.CareLensConfig;
import io.carelens.common.spark.Sessions;
import io.carelens.jobs.run.Progress;
import io.carelens.jobs.run.StageContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The one local SparkSession all tests share (local[2], 2 shuffle partitions, UI off, UTC, Delta enabled), and
 * fresh warehouses for tests to write into. Cached blocks protect only a tenth of Spark's memory from eviction, so
 * data a test class left cached cannot starve a later class's joins and aggregates. Memory pages are 4 MB (Spark
 * sizes them to 64 MB for this heap), so that a task of a long plan, which holds a page per sort and aggregation,
 * takes less of the execution memory on the suite's small data: a full suite run once failed a late test class
 * with {@code UNABLE_TO_ACQUIRE_MEMORY} on 80 people.
 */
public final class SharedSpark {
    private static SparkSession spark;

    private SharedSpark() {
    }

    public static synchronized SparkSession spark() {
        if (spark == null) {
            System.setProperty("user.timezone", "UTC");
            java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("UTC"));
            spark = Sessions.getOrCreate("local[2]", "carelens-tests", 2,
                    Map.of("spark.sql.adaptive.enabled", "false", "spark.default.parallelism", "2",
                            "spark.memory.storageFraction", "0.1", "spark.buffer.pageSize", "4m"));
            spark.sparkContext().setLogLevel("ERROR");
        }
        return spark;
    }

    /** A new empty warehouse directory. */
    public static Path newWarehouse() {
        try {
            return Files.createTempDirectory("carelens-wh-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A stage context on a fresh warehouse with the default configuration plus {@code overrides}. */
    public static StageContext context(Map<String, ?> overrides) {
        return context(newWarehouse(), overrides);
    }

    public static StageContext context(Path warehouse, Map<String, ?> overrides) {
        CareLensConfig config = CareLensConfig.load(null, overrides);
        return new StageContext(config, spark(), warehouse.toString(), Progress.silent());
    }
}
