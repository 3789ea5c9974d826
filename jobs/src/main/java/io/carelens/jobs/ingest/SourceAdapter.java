package io.carelens.jobs.ingest;

import io.carelens.common.config.CareLensConfig;
import org.apache.spark.sql.SparkSession;

/** Reads one kind of source (canonical CSV/Parquet, FHIR R4, Synthea CSV) into canonical rows with lineage. */
public interface SourceAdapter {
    /** The name used by {@code carelens ingest --source NAME}. */
    String name();

    SourceBatch read(SparkSession spark, String path);

    /** Reads with the effective configuration; adapters that have settings (e.g. a code map) override this. */
    default SourceBatch read(SparkSession spark, CareLensConfig config, String path) {
        return read(spark, path);
    }
}
