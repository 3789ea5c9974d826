package io.carelens.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import io.carelens.common.delta.TableDigest;
import io.carelens.common.delta.Warehouse;
import io.carelens.common.schema.GoldTable;
import io.carelens.jobs.generate.Generator;
import io.carelens.jobs.generate.GeneratorSettings;
import io.carelens.jobs.ingest.CanonicalSource;
import io.carelens.jobs.ingest.IngestStage;
import io.carelens.jobs.run.Progress;
import io.carelens.jobs.run.Stage;
import io.carelens.jobs.run.StageContext;
import io.carelens.jobs.run.StageRunner;
import io.carelens.jobs.testing.CareLensProcess;
import io.carelens.jobs.testing.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every stage is idempotent: after a full {@code carelens run} on generated data, running any single stage again
 * leaves every gold table with the same content ({@link TableDigest}: same rows, run ids aside), and so does running
 * it again after a {@code carelens} process running it was killed with {@code kill -9} at a random point. The
 * generated source has an attribution table, so {@code gold/attribution} (written only without one) is absent.
 */
class StageRerunTest {
    private static final Map<String, Object> SETTINGS = Map.of(
            "measures.measures", List.of("CMS2", "CMS122"),
            "measures.periods", List.of("2024", "2025"),
            "privacy.small-cell-threshold", 1,
            "evaluation.baseline", "2024-01-01..2024-12-31",
            "evaluation.performance", "2025-01-01..2025-12-31");

    private static final long KILL_SEED = 20261205L;

    private static Path root;
    private static StageContext ctx;
    private static List<Stage> stages;
    private static Map<String, String> afterRun;

    @BeforeAll
    static void fullRun() throws Exception {
        root = Files.createTempDirectory("carelens-rerun-");
        Path input = root.resolve("input");
        new Generator(SharedSpark.spark(), new GeneratorSettings(80, 4, 2024, 2, LocalDate.of(2025, 12, 31)),
                Progress.silent()).generate(input.toString());
        ctx = SharedSpark.context(SETTINGS);
        stages = Pipeline.all(new IngestStage(new CanonicalSource(), input.toString()));
        stages.forEach(s -> StageRunner.runInPipeline(s, ctx));
        afterRun = goldDigests(ctx.warehouse());
    }

    /** Each gold table present, by path, with its content digest. */
    static Map<String, String> goldDigests(Warehouse wh) {
        Map<String, String> digests = new TreeMap<>();
        for (GoldTable t : GoldTable.values()) {
            if (wh.exists(t.path())) {
                digests.put(t.path(), TableDigest.of(wh.read(t.path())));
            }
        }
        return digests;
    }

    @Test
    void everyGoldTableIsWrittenByTheFullRun() {
        for (GoldTable t : GoldTable.values()) {
            if (t != GoldTable.ATTRIBUTION) {
                assertTrue(afterRun.containsKey(t.path()), t.path() + " was not written: the rerun check would miss it");
            }
        }
    }

    /**
     * Stages that write no gold table (ingest, report) cannot change one and are not rerun. The full run's inputs are
     * small, so every stage that may interpret expressions did ({@code carelens.spark.interpret-below}; equity and
     * evaluation always generate code); the reruns generate code, so the two ways must give the same rows.
     */
    @Test
    void rerunningAnySingleStageWithGeneratedCodeLeavesEveryGoldTableIdentical() {
        Map<String, Object> generatingCode = new HashMap<>(SETTINGS);
        generatingCode.put("spark.interpret-below", 0);
        StageContext rerun = SharedSpark.context(Path.of(ctx.warehouse().root()), generatingCode);
        long interpretBelow = ctx.config().raw().getBytes("spark.interpret-below");
        for (Stage stage : stages) {
            if (stage.writes().stream().noneMatch(t -> GoldTable.byPath(t).isPresent())) {
                continue;
            }
            assertTrue(!stage.interpretsSmallInputs() || stage.inputBytes(ctx) < interpretBelow,
                    stage.name() + " generated code in the full run");
            StageRunner.runAlone(stage, rerun);
            assertEquals(afterRun, goldDigests(ctx.warehouse()), "gold tables changed when " + stage.name()
                    + " ran again");
        }
    }

    /**
     * A {@code carelens} process running measures, utilization or equity is killed 8 to 24 s after it started (its
     * JVM start included; the point is drawn from a fixed seed): every table is still readable, none is left
     * without a committed version, and running the stage again restores every gold table.
     */
    @Test
    void aStageKilledAtARandomPointLeavesReadableTablesAndItsRerunRestoresTheGold() throws Exception {
        Path config = root.resolve("settings.conf");
        Files.writeString(config, ConfigFactory.parseMap(SETTINGS).atPath("carelens").root()
                .render(ConfigRenderOptions.concise()));
        Random random = new Random(KILL_SEED);
        Warehouse wh = ctx.warehouse();
        for (Stage stage : stages) {
            if (!List.of("measures", "utilization", "equity").contains(stage.name())) {
                continue;
            }
            long pause = 8_000 + random.nextInt(16_000);
            CareLensProcess process = CareLensProcess.start(root.resolve(stage.name() + ".log"), stage.name(),
                    "--quiet", "--config", config.toString(), "--warehouse", wh.root());
            Thread.sleep(pause);
            process.kill();
            String when = stage.name() + " killed at " + pause + " ms";
            assertEquals(List.of(), wh.incompleteTables(), when);
            for (String t : wh.tables()) {
                assertDoesNotThrow(() -> wh.read(t).count(), t + " unreadable after " + when);
            }
            StageRunner.runAlone(stage, ctx);
            assertEquals(afterRun, goldDigests(wh), "gold tables differ after " + when + " ran again");
        }
    }
}
