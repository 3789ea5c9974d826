package io.carelens.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carelens.common.schema.GoldTable;
import io.carelens.jobs.generate.DailyIncrement;
import io.carelens.jobs.generate.Generator;
import io.carelens.jobs.generate.GeneratorSettings;
import io.carelens.jobs.ingest.CanonicalSource;
import io.carelens.jobs.ingest.IngestStage;
import io.carelens.jobs.measures.MeasuresStage;
import io.carelens.jobs.run.Progress;
import io.carelens.jobs.run.Stage;
import io.carelens.jobs.run.StageContext;
import io.carelens.jobs.run.StageRunner;
import io.carelens.jobs.testing.SharedSpark;
import io.carelens.jobs.utilization.UtilizationStage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * {@code carelens run --incremental} after daily increments (new visits and results, corrections, deletions, deaths,
 * ended coverage) and the deletion of a patient leaves every gold table with exactly the content a full run of the
 * stages on the same final silver tables gives, with pseudonymized ids (the dashboard, which writes no table, is left
 * out). The measures and utilization stages recompute only the changed persons; their first run, with no earlier
 * one to compare with, falls back to a full recompute, and a run with no changed input writes nothing.
 */
class IncrementalRunTest {
    private static final LocalDate DAY = LocalDate.of(2026, 11, 1);
    private static final Map<String, Object> SETTINGS = Map.of(
            "privacy.pseudonymize", true,
            "privacy.key", "incremental-test-key",
            "privacy.small-cell-threshold", 1,
            "measures.measures", List.of("CMS122", "CMS165", "CMS2", "SDOH-1"),
            "measures.periods", List.of("2025", "2026"),
            "utilization.as-of-date", "2026-12-31",
            "evaluation.baseline", "2025-01-01..2025-12-31",
            "evaluation.performance", "2026-01-01..2026-12-31");
    private static final List<String> PERSON_STAGES = List.of("measures", "utilization");

    @Test
    void incrementalRunsEqualAFullRunAfterIncrementsAndDeletions() throws IOException {
        Path base = Files.createTempDirectory("carelens-incr-base-");
        new Generator(SharedSpark.spark(), new GeneratorSettings(80, 23, 2025, 2, DAY.minusDays(1)), Progress.silent())
                .generate(base.toString());
        StageContext first = SharedSpark.context(SETTINGS).incremental(true);
        Path warehouse = Path.of(first.warehouse().root());
        run(first, base, false);
        for (String stage : PERSON_STAGES) {
            assertEquals(List.of("full", "null"), lastRefresh(first, stage), stage);
        }
        Map<String, String> before = StageRerunTest.goldDigests(first.warehouse());

        for (int day = 0; day < 2; day++) {
            Path increment = Files.createTempDirectory("carelens-incr-");
            new DailyIncrement(SharedSpark.spark(), base.toString(), DAY.plusDays(day), 0.1, 31 + day,
                    Progress.silent()).write(increment.toString());
            if (day == 1) {
                String someone = first.warehouse().read("silver/patient").orderBy("person_id").first().getString(0);
                Path patients = Files.createDirectory(increment.resolve("patient"));
                Files.move(increment.resolve("patient.csv"), patients.resolve("deaths.csv"));
                Files.writeString(patients.resolve("deletion.csv"), "person_id,_op\n" + someone + ",delete\n");
            }
            StageContext next = SharedSpark.context(warehouse, SETTINGS).incremental(true);
            run(next, increment, day == 1);
            for (String stage : PERSON_STAGES) {
                List<String> refresh = lastRefresh(next, stage);
                assertEquals("incremental", refresh.get(0), stage);
                long persons = Long.parseLong(refresh.get(1));
                assertTrue(persons > 0 && persons < 80, stage + " recomputes only the changed persons: " + persons);
            }
        }
        Map<String, String> incremental = StageRerunTest.goldDigests(first.warehouse());
        for (GoldTable t : List.of(GoldTable.MEASURE_PATIENT, GoldTable.MEMBER_MONTHS)) {
            assertNotEquals(before.get(t.path()), incremental.get(t.path()), "the increments change " + t.path());
        }

        StageContext unchanged = SharedSpark.context(warehouse, SETTINGS).incremental(true);
        Map<String, Long> versions = Map.of(
                GoldTable.MEASURE_PATIENT.path(), unchanged.warehouse().version(GoldTable.MEASURE_PATIENT.path()),
                GoldTable.MEMBER_MONTHS.path(), unchanged.warehouse().version(GoldTable.MEMBER_MONTHS.path()));
        StageRunner.runAlone(new MeasuresStage(), unchanged);
        StageRunner.runAlone(new UtilizationStage(), unchanged);
        for (String stage : PERSON_STAGES) {
            assertEquals(List.of("incremental", "0"), lastRefresh(unchanged, stage), stage);
        }
        versions.forEach((table, version) -> assertEquals(version, unchanged.warehouse().version(table), table));

        StageContext full = SharedSpark.context(warehouse, SETTINGS);
        writingGold(Pipeline.afterIngest()).forEach(s -> StageRunner.runInPipeline(s, full));
        for (String stage : PERSON_STAGES) {
            assertEquals(List.of("full", "null"), lastRefresh(full, stage), stage);
        }
        assertEquals(StageRerunTest.goldDigests(full.warehouse()), incremental);
    }

    /**
     * Without {@code silver/attribution} the utilization stage attributes persons itself (plurality of primary-care
     * visits) and writes {@code gold/attribution}; incrementally it re-attributes only the changed persons, and after
     * an increment (new visits, deaths, ended coverage) every table it writes equals a full run's.
     */
    @Test
    void computedAttributionRefreshesIncrementallyAsAFullRunComputesIt() throws IOException {
        Path base = Files.createTempDirectory("carelens-incr-attr-");
        new Generator(SharedSpark.spark(), new GeneratorSettings(80, 29, 2025, 2, DAY.minusDays(1)), Progress.silent())
                .generate(base.toString());
        Files.delete(base.resolve("attribution.csv"));
        Map<String, Object> settings = Map.of("utilization.as-of-date", "2026-12-31");
        StageContext first = SharedSpark.context(settings).incremental(true);
        Path warehouse = Path.of(first.warehouse().root());
        StageRunner.runInPipeline(new IngestStage(new CanonicalSource(), base.toString()), first);
        StageRunner.runInPipeline(new UtilizationStage(), first);
        assertEquals(List.of("full", "null"), lastRefresh(first, "utilization"));
        assertTrue(first.warehouse().read(GoldTable.ATTRIBUTION.path()).count() > 0, "attribution was computed");
        Map<String, String> before = StageRerunTest.goldDigests(first.warehouse());

        Path increment = Files.createTempDirectory("carelens-incr-attr-");
        new DailyIncrement(SharedSpark.spark(), base.toString(), DAY, 0.1, 41, Progress.silent())
                .write(increment.toString());
        StageContext next = SharedSpark.context(warehouse, settings).incremental(true);
        StageRunner.runInPipeline(new IngestStage(new CanonicalSource(), increment.toString()), next);
        StageRunner.runInPipeline(new UtilizationStage(), next);
        List<String> refresh = lastRefresh(next, "utilization");
        assertEquals("incremental", refresh.get(0));
        long persons = Long.parseLong(refresh.get(1));
        assertTrue(persons > 0 && persons < 80, "recomputes only the changed persons: " + persons);
        Map<String, String> incremental = StageRerunTest.goldDigests(first.warehouse());
        assertNotEquals(before.get(GoldTable.ATTRIBUTION.path()), incremental.get(GoldTable.ATTRIBUTION.path()),
                "the increment's visits change someone's attribution");

        StageContext full = SharedSpark.context(warehouse, settings);
        StageRunner.runInPipeline(new UtilizationStage(), full);
        assertEquals(List.of("full", "null"), lastRefresh(full, "utilization"));
        assertEquals(StageRerunTest.goldDigests(full.warehouse()), incremental);
    }

    /**
     * Ingest of {@code source}, then the stages that recompute persons, and with {@code everyStage} every later
     * stage as {@code carelens run} runs them (without the dashboard). The stages after measures and utilization
     * read only gold tables and run in full, so the earlier runs leave them out to save time.
     */
    private static void run(StageContext ctx, Path source, boolean everyStage) {
        StageRunner.runInPipeline(new IngestStage(new CanonicalSource(), source.toString()), ctx);
        writingGold(Pipeline.afterIngest()).stream().filter(s -> everyStage || PERSON_STAGES.contains(s.name()))
                .forEach(s -> StageRunner.runInPipeline(s, ctx));
    }

    /** The stages that write a gold table (the report writes none). */
    private static List<Stage> writingGold(List<Stage> stages) {
        return stages.stream().filter(s -> s.writes().stream().anyMatch(t -> GoldTable.byPath(t).isPresent()))
                .toList();
    }

    /** The refresh mode and persons recomputed that the context's run recorded for a stage. */
    private static List<String> lastRefresh(StageContext ctx, String stage) {
        Row r = ctx.warehouse().read("ops/run_manifest")
                .where("run_id = '" + ctx.runId() + "' AND stage = '" + stage + "' AND role = 'refresh'")
                .select("refresh", "persons_recomputed").first();
        return List.of(r.getString(0), String.valueOf(r.isNullAt(1) ? null : r.getLong(1)));
    }
}
