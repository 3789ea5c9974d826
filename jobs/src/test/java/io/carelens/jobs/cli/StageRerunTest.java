package io.carelens.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import io.carelens.jobs.testing.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every stage is idempotent: after a full {@code carelens run} on generated data, running any single stage again
 * leaves every gold table with the same content ({@link TableDigest}: same rows, run ids aside). The generated source
 * has an attribution table, so {@code gold/attribution} (written only without one) is absent.
 */
class StageRerunTest {
    private static final Map<String, Object> SETTINGS = Map.of(
            "measures.measures", List.of("CMS2", "CMS122"),
            "measures.periods", List.of("2024", "2025"),
            "privacy.small-cell-threshold", 1,
            "evaluation.baseline", "2024-01-01..2024-12-31",
            "evaluation.performance", "2025-01-01..2025-12-31");

    private static StageContext ctx;
    private static List<Stage> stages;
    private static Map<String, String> afterRun;

    @BeforeAll
    static void fullRun() throws Exception {
        Path input = Files.createTempDirectory("carelens-rerun-");
        new Generator(SharedSpark.spark(), new GeneratorSettings(80, 4, 2024, 2, LocalDate.of(2025, 12, 31)),
                Progress.silent()).generate(input.toString());
        ctx = SharedSpark.context(SETTINGS);
        stages = Pipeline.all(new IngestStage(new CanonicalSource(), input.toString()));
        stages.forEach(s -> StageRunner.runInPipeline(s, ctx));
        afterRun = goldDigests(ctx.warehouse());
    }

    private static Map<String, String> goldDigests(Warehouse wh) {
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

    /** Stages that write no gold table (ingest, report) cannot change one and are not rerun. */
    @Test
    void rerunningAnySingleStageLeavesEveryGoldTableIdentical() {
        for (Stage stage : stages) {
            if (stage.writes().stream().noneMatch(t -> GoldTable.byPath(t).isPresent())) {
                continue;
            }
            StageRunner.runAlone(stage, ctx);
            assertEquals(afterRun, goldDigests(ctx.warehouse()), "gold tables changed when " + stage.name()
                    + " ran again");
        }
    }
}
