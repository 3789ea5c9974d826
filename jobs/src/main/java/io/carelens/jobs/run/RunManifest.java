package io.carelens.jobs.run;

import io.carelens.common.config.CareLensConfig;
import io.carelens.common.delta.Warehouse;
import io.carelens.common.spark.SparkWork;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The run manifest ({@code ops/run_manifest}): for every stage run, each input table and version it read, each
 * output table and the version it wrote, the reconciliation of every ingested table, how the stage refreshed its
 * tables (role {@code refresh}: {@code full} or {@code incremental}, the persons recomputed and the stage's
 * fingerprint of what else decides its results), the hash of the effective configuration and the code version. The
 * effective configuration itself goes to {@code ops/run_config}.
 */
public final class RunManifest {
    public static final String TABLE = "ops/run_manifest";
    public static final String CONFIG_TABLE = "ops/run_config";

    static final StructType SCHEMA = new StructType()
            .add("run_id", DataTypes.StringType, false)
            .add("stage", DataTypes.StringType, false)
            .add("role", DataTypes.StringType, false)
            .add("table_name", DataTypes.StringType, false)
            .add("delta_version", DataTypes.LongType, true)
            .add("rows_read", DataTypes.LongType, true)
            .add("rows_accepted", DataTypes.LongType, true)
            .add("rows_quarantined", DataTypes.LongType, true)
            .add("duplicates_removed", DataTypes.LongType, true)
            .add("rows_flagged", DataTypes.LongType, true)
            .add("rows_deleted", DataTypes.LongType, true)
            .add("refresh", DataTypes.StringType, true)
            .add("persons_recomputed", DataTypes.LongType, true)
            .add("fingerprint", DataTypes.StringType, true)
            .add("config_hash", DataTypes.StringType, false)
            .add("code_version", DataTypes.StringType, false)
            .add("recorded_at", DataTypes.TimestampType, false);

    static final StructType CONFIG_SCHEMA = new StructType()
            .add("run_id", DataTypes.StringType, false)
            .add("stage", DataTypes.StringType, false)
            .add("config_hash", DataTypes.StringType, false)
            .add("code_version", DataTypes.StringType, false)
            .add("config", DataTypes.StringType, false)
            .add("recorded_at", DataTypes.TimestampType, false);

    private final Warehouse warehouse;
    private final CareLensConfig config;
    private final Progress progress;
    private final List<Row> pending = new ArrayList<>();
    private final Set<String> refreshed = new HashSet<>();

    RunManifest(Warehouse warehouse, CareLensConfig config, Progress progress) {
        this.warehouse = warehouse;
        this.config = config;
        this.progress = progress;
    }

    /** Records that {@code stage} read {@code table} at {@code version} (the runner does, from the declarations). */
    void input(String stage, String table, long version) {
        add(stage, "input", table, version, null);
    }

    /** Records that {@code stage} wrote {@code version} of {@code table} (the runner does, from the declarations). */
    void output(String stage, String table, long version) {
        add(stage, "output", table, version, null);
    }

    /**
     * Records an ingest reconciliation: rows read = accepted + quarantined + duplicates removed + deletion
     * requests, and the accepted rows that carry a data-quality flag.
     */
    public void reconciliation(String stage, Reconciliation r) {
        add(stage, "reconciliation", r.table(), null, r);
    }

    /** Records source records that have no canonical table by design (role {@code not_mapped}, rows_read). */
    public void notMapped(String stage, String entity, long count) {
        add(stage, "not_mapped", entity, null, new Reconciliation(entity, count, 0, 0, 0));
    }

    /**
     * Records how {@code stage} refreshed its tables. A stage that records nothing is recorded as {@code full} when
     * the runner commits it.
     */
    public void refresh(String stage, Refresh refresh, String fingerprint) {
        refreshed.add(stage);
        pending.add(row(stage, "refresh", refresh.mode(), null, new Long[6], refresh.mode(), refresh.recomputed(),
                fingerprint));
    }

    /**
     * Records the rows of {@code table} removed because their person was deleted (role {@code cascade},
     * rows_deleted).
     */
    public void cascade(String stage, String table, long deleted) {
        pending.add(row(stage, "cascade", table, null, new Long[] {null, null, null, null, null, deleted}, null, null,
                null));
    }

    private void add(String stage, String role, String table, Long version, Reconciliation r) {
        Long[] counts = r == null ? new Long[6]
                : new Long[] {r.read(), r.accepted(), r.quarantined(), r.duplicates(), r.flagged(), r.deleted()};
        pending.add(row(stage, role, table, version, counts, null, null, null));
    }

    /** A manifest row; {@code counts} are rows read, accepted, quarantined, duplicates, flagged and deleted. */
    private Row row(String stage, String role, String table, Long version, Long[] counts, String refresh,
            Long persons, String fingerprint) {
        return RowFactory.create(warehouse.runId(), stage, role, table, version, counts[0], counts[1], counts[2],
                counts[3], counts[4], counts[5], refresh, persons, fingerprint, config.hash(), codeVersion(),
                Timestamp.from(Instant.now()));
    }

    /**
     * Appends what was recorded for {@code stage} and the effective configuration, and closes the stage's progress
     * with its cost. The runner commits after each stage; a stage never needs to.
     */
    public void commit(String stage) {
        Timestamp now = Timestamp.from(Instant.now());
        Dataset<Row> cfg = warehouse.spark().createDataFrame(List.of(RowFactory.create(warehouse.runId(), stage,
                config.hash(), codeVersion(), config.render(), now)), CONFIG_SCHEMA);
        warehouse.append(CONFIG_TABLE, cfg);
        if (!refreshed.remove(stage)) {
            pending.add(row(stage, "refresh", Refresh.FULL, null, new Long[6], Refresh.FULL, null, null));
        }
        if (!pending.isEmpty()) {
            warehouse.append(TABLE, warehouse.spark().createDataFrame(new ArrayList<>(pending), SCHEMA));
            pending.clear();
        }
        progress.stageDone(stage, SparkWork.of(warehouse.spark()).jobs(), warehouse.commits());
    }

    /** The CareLens version and, when built from git, the commit. */
    public static String codeVersion() {
        Properties p = new Properties();
        try (InputStream in = RunManifest.class.getResourceAsStream("/carelens-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        String version = p.getProperty("version", "unknown");
        String commit = System.getProperty("carelens.git.commit", "");
        return commit.isBlank() ? version : version + "+" + commit;
    }
}
