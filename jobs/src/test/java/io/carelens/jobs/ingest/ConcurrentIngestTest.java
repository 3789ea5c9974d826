package io.carelens.jobs.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carelens.common.delta.TableDigest;
import io.carelens.common.delta.Warehouse;
import io.carelens.jobs.cli.CareLens;
import io.carelens.jobs.generate.Generator;
import io.carelens.jobs.generate.GeneratorSettings;
import io.carelens.jobs.run.Progress;
import io.carelens.jobs.testing.CareLensProcess;
import io.carelens.jobs.testing.SharedSpark;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Two ingests writing the same files into one warehouse at the same time, one in a {@code carelens ingest} process
 * and one in this JVM: no table is corrupted, a writer that loses a Delta commit race retries (or fails with one line
 * naming the table), and afterwards every bronze and silver table holds exactly what a single ingest writes.
 */
class ConcurrentIngestTest {

    @Test
    void twoIngestsAtOnceLeaveWhatOneIngestLeaves() throws Exception {
        Path root = Files.createTempDirectory("carelens-concurrent-");
        Path input = root.resolve("input");
        new Generator(SharedSpark.spark(), new GeneratorSettings(20, 3, 2024, 2, LocalDate.of(2025, 12, 31)),
                Progress.silent()).generate(input.toString());
        Path single = root.resolve("single-warehouse");
        assertEquals(0, CareLens.execute("ingest", "--quiet", "--path", input.toString(),
                "--warehouse", single.toString()));

        Path shared = root.resolve("shared-warehouse");
        String[] ingestShared = {"ingest", "--quiet", "--path", input.toString(), "--warehouse", shared.toString()};
        CareLensProcess other = CareLensProcess.start(root.resolve("other.log"), ingestShared);
        awaitFirstTable(shared);
        Outcome here = execute(ingestShared);
        int otherCode = other.waitFor();
        assertOkOrOneLineConflict(here.code(), here.err());
        assertOkOrOneLineConflict(otherCode, other.output());
        assertTrue(here.code() == 0 || otherCode == 0, "neither ingest completed");

        Warehouse concurrent = new Warehouse(SharedSpark.spark(), shared.toString(), "check");
        assertEquals(List.of(), concurrent.incompleteTables());
        assertEquals(contentOf(new Warehouse(SharedSpark.spark(), single.toString(), "check")),
                contentOf(concurrent));
    }

    /** Waits (at most two minutes) until the other process has begun its first table, so that the writes overlap. */
    private static void awaitFirstTable(Path warehouse) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline && !Files.exists(warehouse.resolve("bronze"))) {
            Thread.sleep(200);
        }
    }

    private record Outcome(int code, String err) {
    }

    /** Runs the command line in this JVM, keeping what it prints on standard error. */
    private static Outcome execute(String... args) {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            int code = CareLens.execute(args);
            return new Outcome(code, captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(err);
        }
    }

    private static void assertOkOrOneLineConflict(int code, String output) {
        if (code != 0) {
            assertTrue(output.contains("carelens: failed: WriteConflictException") && output.contains("another writer"),
                    "an ingest failed for another reason than a lost commit race (exit " + code + "):\n" + output);
        }
    }

    /** Digest of every bronze and silver table (the run manifest differs by design: two runs against one). */
    private static Map<String, String> contentOf(Warehouse wh) {
        Map<String, String> digests = new TreeMap<>();
        for (String t : wh.tables()) {
            if (!t.startsWith("ops/")) {
                digests.put(t, TableDigest.of(wh.read(t)));
            }
        }
        return digests;
    }
}
