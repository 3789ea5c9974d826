package io.carelens.jobs.run;

import static org.apache.spark.sql.functions.col;

import io.carelens.common.delta.Warehouse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Finds the persons a stage must recompute in an incremental run: from the run manifest, the stage's last recorded
 * run (its input versions, configuration hash, code version and fingerprint); then, for each input, the
 * {@code person_id} of every row Delta's change data feed shows inserted, updated (before and after) or deleted since
 * the version that run read. Whatever the feed cannot answer falls back to a full refresh with its reason: no earlier
 * run, another configuration, CareLens version or fingerprint (value sets, measures, periods), an input without
 * {@code person_id}, or a feed that cannot be read (the change data feed off, or the versions vacuumed).
 */
public final class ChangeFeed {
    private static final String PERSON_ID = "person_id";

    private ChangeFeed() {
    }

    /**
     * @param fingerprint what besides the inputs and the configuration decides the stage's results, as the stage
     *                    records it with {@link RunManifest#refresh}
     */
    public static Refresh since(StageContext ctx, Stage stage, String fingerprint) {
        Warehouse wh = ctx.warehouse();
        if (!wh.exists(RunManifest.TABLE)) {
            return Refresh.fullBecause("no earlier run of " + stage.name() + " is recorded");
        }
        Dataset<Row> manifest = wh.read(RunManifest.TABLE).where(col("stage").equalTo(stage.name()));
        if (!Arrays.asList(manifest.columns()).contains("fingerprint")) {
            return Refresh.fullBecause("no earlier run of " + stage.name() + " is recorded");
        }
        List<Row> last = manifest.where(col("role").equalTo("refresh")).orderBy(col("recorded_at").desc()).limit(1)
                .select("run_id", "config_hash", "code_version", "fingerprint").collectAsList();
        if (last.isEmpty()) {
            return Refresh.fullBecause("no earlier run of " + stage.name() + " is recorded");
        }
        Row run = last.get(0);
        if (!ctx.config().hash().equals(run.getString(1))) {
            return Refresh.fullBecause("the configuration changed since the last run (" + run.getString(0) + ")");
        }
        if (!RunManifest.codeVersion().equals(run.getString(2))) {
            return Refresh.fullBecause("CareLens changed since the last run (" + run.getString(2) + ", now "
                    + RunManifest.codeVersion() + ")");
        }
        if (!Objects.equals(fingerprint, run.getString(3))) {
            return Refresh.fullBecause("what " + stage.name() + " computes (value sets, measures or periods) "
                    + "changed since the last run (" + run.getString(0) + ")");
        }
        Map<String, Long> read = new HashMap<>();
        manifest.where(col("run_id").equalTo(run.getString(0)).and(col("role").equalTo("input")))
                .select("table_name", "delta_version").collectAsList()
                .forEach(r -> read.put(r.getString(0), r.getLong(1)));
        return changedPersons(wh, stage, read);
    }

    private static Refresh changedPersons(Warehouse wh, Stage stage, Map<String, Long> read) {
        List<Dataset<Row>> changes = new ArrayList<>();
        Dataset<Row> persons = null;
        try {
            for (Input in : stage.reads()) {
                long now = wh.version(in.table());
                Long then = read.get(in.table());
                if (now < 0) {
                    if (then != null) {
                        return Refresh.fullBecause(in.table() + " is gone since the last run");
                    }
                    continue;
                }
                if (then != null && then > now) {
                    return Refresh.fullBecause(in.table() + " is at an older version than the last run read");
                }
                if (then == null || then < now) {
                    Dataset<Row> feed = wh.spark().read().format("delta").option("readChangeFeed", "true")
                            .option("startingVersion", then == null ? 0 : then + 1).option("endingVersion", now)
                            .load(wh.path(in.table()));
                    if (!Arrays.asList(feed.columns()).contains(PERSON_ID)) {
                        return Refresh.fullBecause(in.table() + " has no " + PERSON_ID + " to follow changes by");
                    }
                    changes.add(feed.select(PERSON_ID));
                }
            }
            if (changes.isEmpty()) {
                return Refresh.incremental(wh.spark().emptyDataFrame().selectExpr("CAST(NULL AS STRING) AS person_id")
                        .limit(0), 0);
            }
            persons = changes.stream().reduce(Dataset::union).orElseThrow().where(col(PERSON_ID).isNotNull())
                    .distinct().persist(StorageLevel.MEMORY_AND_DISK());
            return Refresh.incremental(persons, persons.count());
        } catch (Exception e) {
            if (persons != null) {
                persons.unpersist();
            }
            return Refresh.fullBecause("the change data feed since the last run cannot be read ("
                    + firstLine(e.getMessage()) + ")");
        }
    }

    private static String firstLine(String message) {
        String line = message == null ? "no message" : message.lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
