package io.carelens.jobs.generate;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carelens.jobs.ingest.CanonicalSource;
import io.carelens.jobs.ingest.IngestStage;
import io.carelens.jobs.run.Progress;
import io.carelens.jobs.run.Reconciliation;
import io.carelens.jobs.run.StageContext;
import io.carelens.jobs.run.StageRunner;
import io.carelens.jobs.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * {@code generate --increment-of}: the same settings give the same bytes, and ingesting the increment after its
 * population quarantines nothing and leaves silver exactly as the increment's rows say: new visits and results
 * inserted, corrected results updated, deleted results gone, deaths and ended coverage recorded.
 */
class DailyIncrementTest {
    private static final LocalDate DAY = LocalDate.of(2026, 11, 1);
    private static final List<String> TABLES = List.of("patient", "coverage", "encounter", "observation");

    @Test
    void anIncrementIngestsCleanlyAndChangesExactlyItsRows() throws IOException {
        Path base = Files.createTempDirectory("carelens-inc-base-");
        new Generator(SharedSpark.spark(), new GeneratorSettings(60, 11, 2023, 4, DAY.minusDays(1)), Progress.silent())
                .generate(base.toString());
        Path increment = Files.createTempDirectory("carelens-inc-");
        Path again = Files.createTempDirectory("carelens-inc-again-");
        new DailyIncrement(SharedSpark.spark(), base.toString(), DAY, 1.0, 11, Progress.silent())
                .write(increment.toString());
        new DailyIncrement(SharedSpark.spark(), base.toString(), DAY, 1.0, 11, Progress.silent())
                .write(again.toString());
        for (String t : TABLES) {
            assertArrayEquals(Files.readAllBytes(increment.resolve(t + ".csv")),
                    Files.readAllBytes(again.resolve(t + ".csv")), t);
        }

        StageContext ctx = SharedSpark.context(Map.of());
        StageRunner.runAlone(new IngestStage(new CanonicalSource(), base.toString()), ctx);
        Dataset<Row> before = ctx.warehouse().read("silver/observation")
                .select("observation_id", "parent_observation_id", "value_num").localCheckpoint();
        long version = ctx.warehouse().version("silver/observation");

        StageContext later = SharedSpark.context(Path.of(ctx.warehouse().root()), Map.of());
        IngestStage ingest = new IngestStage(new CanonicalSource(), increment.toString());
        StageRunner.runAlone(ingest, later);

        Map<String, Reconciliation> counts = ingest.reconciliations().stream()
                .collect(Collectors.toMap(Reconciliation::table, r -> r));
        assertEquals(TABLES.stream().sorted().toList(), counts.keySet().stream().sorted().toList());
        counts.values().forEach(r -> assertEquals(0, r.quarantined(), r.toString()));

        Dataset<Row> file = SharedSpark.spark().read().option("header", "true")
                .csv(increment.resolve("observation.csv").toString());
        Dataset<Row> deletions = file.where("_op = 'delete'");
        Dataset<Row> upserts = file.where("_op = 'upsert'");
        long corrections = upserts.join(before, "observation_id").count();
        long added = upserts.count() - corrections;
        long components = before.join(deletions.select(col("observation_id").as("parent_observation_id")),
                "parent_observation_id").join(deletions, "observation_id", "left_anti").count();
        assertTrue(deletions.count() > 0 && corrections > 0 && added > 0 && components > 0,
                "every kind of change occurs, a deleted panel's components included");
        assertEquals(new Reconciliation("observation", file.count(), upserts.count(), 0, 0, 0, deletions.count()),
                counts.get("observation"));
        Dataset<Row> after = ctx.warehouse().read("silver/observation");
        assertEquals(before.count() + added - deletions.count() - components, after.count());
        assertEquals(0, after.join(deletions.select("observation_id"), "observation_id").count());

        String feed = "table_changes_by_path('" + ctx.warehouse().path("silver/observation") + "', " + (version + 1)
                + ")";
        Map<String, Long> changes = SharedSpark.spark().sql("SELECT _change_type, count(*) FROM " + feed
                + " GROUP BY _change_type").collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getString(0), r -> r.getLong(1)));
        assertEquals(Map.of("insert", added, "update_preimage", corrections, "update_postimage", corrections,
                "delete", deletions.count() + components), changes);

        Dataset<Row> deaths = SharedSpark.spark().read().option("header", "true")
                .csv(increment.resolve("patient.csv").toString());
        assertTrue(deaths.count() > 0, "some people die");
        assertEquals(deaths.count(), ctx.warehouse().read("silver/patient")
                .where("deceased_date = DATE'" + DAY + "'").count());
        Dataset<Row> ended = SharedSpark.spark().read().option("header", "true")
                .csv(increment.resolve("coverage.csv").toString());
        assertTrue(ended.count() > 0, "some coverage ends");
        assertEquals(ended.count(), ctx.warehouse().read("silver/coverage").join(ended.select("coverage_id"),
                "coverage_id").where("end_date = greatest(start_date, DATE'" + DAY.minusDays(15) + "')").count());
    }
}
