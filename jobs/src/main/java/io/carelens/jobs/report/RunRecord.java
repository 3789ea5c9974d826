package io.carelens.jobs.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;

import io.carelens.common.delta.Warehouse;
import io.carelens.common.spark.Seqs;
import io.carelens.jobs.run.RunManifest;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What the published numbers were computed from: for the latest run of each stage, the tables it read and wrote
 * with their Delta versions ({@code ops/run_manifest}), and the effective configuration of the latest run
 * ({@code ops/run_config}).
 */
record RunRecord(TableSnapshot tables, String configuration, String configHash, String codeVersion) {

    static RunRecord read(Warehouse wh) {
        Row config = latestConfiguration(wh);
        return config == null ? new RunRecord(tables(wh), null, null, null)
                : new RunRecord(tables(wh), config.getString(0), config.getString(1), config.getString(2));
    }

    private static TableSnapshot tables(Warehouse wh) {
        if (!wh.exists(RunManifest.TABLE)) {
            return TableSnapshot.absent(RunManifest.TABLE);
        }
        Dataset<Row> io = wh.read(RunManifest.TABLE).where(col("role").isin("input", "output"));
        Dataset<Row> latest = io.groupBy("stage").agg(max("recorded_at").as("last_at"));
        Dataset<Row> lastRun = io.join(latest, "stage").where(col("recorded_at").equalTo(col("last_at")))
                .select("stage", "run_id").distinct();
        Dataset<Row> rows = io.join(lastRun, Seqs.of(List.of("stage", "run_id")))
                .select("stage", "role", "table_name", "delta_version", "run_id", "recorded_at")
                .orderBy(col("recorded_at"), col("stage"), col("role"), col("table_name"));
        return TableSnapshot.collect(RunManifest.TABLE, wh.version(RunManifest.TABLE), rows);
    }

    /** The configuration, its hash and the code version of the latest recorded stage run, or null. */
    private static Row latestConfiguration(Warehouse wh) {
        if (!wh.exists(RunManifest.CONFIG_TABLE)) {
            return null;
        }
        List<Row> last = wh.read(RunManifest.CONFIG_TABLE).orderBy(col("recorded_at").desc())
                .select("config", "config_hash", "code_version").limit(1).collectAsList();
        return last.isEmpty() ? null : last.get(0);
    }
}
