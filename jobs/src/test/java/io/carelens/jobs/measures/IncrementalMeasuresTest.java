package io.carelens.jobs.measures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carelens.common.delta.TableDigest;
import io.carelens.common.period.ReportingPeriod;
import io.carelens.common.schema.GoldTable;
import io.carelens.jobs.generate.DailyIncrement;
import io.carelens.jobs.generate.Generator;
import io.carelens.jobs.generate.GeneratorSettings;
import io.carelens.jobs.ingest.CanonicalSource;
import io.carelens.jobs.ingest.IngestStage;
import io.carelens.jobs.run.Progress;
import io.carelens.jobs.run.StageContext;
import io.carelens.jobs.run.StageRunner;
import io.carelens.jobs.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * {@code measures --incremental}: after daily increments (new visits and results, corrections, deletions, deaths,
 * ended coverage) and the deletion of a patient, the incrementally refreshed {@code gold/measure_patient} holds
 * exactly the rows a full recompute on the same final silver tables gives, and only the changed persons were
 * recomputed. The first run, with no earlier one to compare with, falls back to a full recompute; a run with no
 * changed input writes nothing.
 */
class IncrementalMeasuresTest {
    private static final LocalDate DAY = LocalDate.of(2026, 11, 1);
    private static final Map<String, Object> PSEUDONYMIZED = Map.of("privacy.pseudonymize", true,
            "privacy.key", "incremental-test-key");

    @Test
    void incrementalRefreshEqualsAFullRecomputeAfterIncrementsAndDeletions() throws IOException {
        Path base = Files.createTempDirectory("carelens-incr-base-");
        new Generator(SharedSpark.spark(), new GeneratorSettings(80, 23, 2025, 2, DAY.minusDays(1)), Progress.silent())
                .generate(base.toString());
        StageContext first = SharedSpark.context(PSEUDONYMIZED).incremental(true);
        Path warehouse = Path.of(first.warehouse().root());
        StageRunner.runAlone(new IngestStage(new CanonicalSource(), base.toString()), first);
        StageRunner.runAlone(measures(), first);
        assertEquals(List.of("full", "null"), lastRefresh(first));
        String before = digest(first);

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
            StageContext next = SharedSpark.context(warehouse, PSEUDONYMIZED).incremental(true);
            StageRunner.runAlone(new IngestStage(new CanonicalSource(), increment.toString()), next);
            StageRunner.runAlone(measures(), next);
            List<String> refresh = lastRefresh(next);
            assertEquals("incremental", refresh.get(0));
            long persons = Long.parseLong(refresh.get(1));
            assertTrue(persons > 0 && persons < 80, "only the changed persons are recomputed: " + persons);
        }
        String incremental = digest(first);
        assertNotEquals(before, incremental, "the increments change some person's results");

        StageContext unchanged = SharedSpark.context(warehouse, PSEUDONYMIZED).incremental(true);
        long version = unchanged.warehouse().version(GoldTable.MEASURE_PATIENT.path());
        StageRunner.runAlone(measures(), unchanged);
        assertEquals(List.of("incremental", "0"), lastRefresh(unchanged));
        assertEquals(version, unchanged.warehouse().version(GoldTable.MEASURE_PATIENT.path()));

        StageContext full = SharedSpark.context(warehouse, PSEUDONYMIZED);
        StageRunner.runAlone(measures(), full);
        assertEquals(List.of("full", "null"), lastRefresh(full));
        assertEquals(digest(full), incremental);
    }

    private static MeasuresStage measures() {
        return new MeasuresStage(List.of(ReportingPeriod.calendarYear(2025), ReportingPeriod.calendarYear(2026)),
                List.of("CMS122", "CMS165", "CMS2", "SDOH-1"));
    }

    private static String digest(StageContext ctx) {
        return TableDigest.of(ctx.warehouse().read(GoldTable.MEASURE_PATIENT.path()));
    }

    /** The refresh mode and persons recomputed that the context's run recorded for the measures stage. */
    private static List<String> lastRefresh(StageContext ctx) {
        Row r = ctx.warehouse().read("ops/run_manifest")
                .where("run_id = '" + ctx.runId() + "' AND stage = 'measures' AND role = 'refresh'")
                .select("refresh", "persons_recomputed").first();
        return List.of(r.getString(0), String.valueOf(r.isNullAt(1) ? null : r.getLong(1)));
    }
}
