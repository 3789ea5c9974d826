package io.carelens.jobs.run;

import io.carelens.common.config.CareLensConfig;
import io.carelens.common.delta.Warehouse;
import io.carelens.common.spark.SparkWork;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import org.apache.spark.sql.SparkSession;

/**
 * What a stage runs with: the effective configuration, the Spark session, the warehouse, this run's id, the
 * progress reporter and the run manifest that records inputs, outputs and reconciliations.
 */
public final class StageContext {
    private final CareLensConfig config;
    private final Warehouse warehouse;
    private final Progress progress;
    private final RunManifest manifest;
    private boolean incremental;

    public StageContext(CareLensConfig config, SparkSession spark, String warehouseRoot, Progress progress) {
        this.config = config;
        String runId = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(Instant.now())
                + "-" + UUID.randomUUID().toString().substring(0, 8);
        this.warehouse = new Warehouse(spark, warehouseRoot, runId);
        this.progress = progress;
        SparkWork.of(spark);
        this.manifest = new RunManifest(warehouse, config, progress);
    }

    public CareLensConfig config() {
        return config;
    }

    public SparkSession spark() {
        return warehouse.spark();
    }

    public Warehouse warehouse() {
        return warehouse;
    }

    public String runId() {
        return warehouse.runId();
    }

    public Progress progress() {
        return progress;
    }

    public RunManifest manifest() {
        return manifest;
    }

    /** Whether the stages that can should refresh only the persons whose input rows changed ({@link ChangeFeed}). */
    public boolean incremental() {
        return incremental;
    }

    /** Asks the stages that can to refresh incrementally ({@code --incremental}). */
    public StageContext incremental(boolean on) {
        this.incremental = on;
        return this;
    }

    /**
     * How {@code stage} should refresh: in full unless an incremental run was asked for and the change data feed can
     * answer; a fallback is announced on the progress line with its reason.
     */
    public Refresh refresh(Stage stage, String fingerprint) {
        if (!incremental) {
            return Refresh.full();
        }
        Refresh r = ChangeFeed.since(this, stage, fingerprint);
        r.fallbackReason().ifPresent(why -> progress.step(stage.name(), "full recompute: " + why));
        return r;
    }
}
