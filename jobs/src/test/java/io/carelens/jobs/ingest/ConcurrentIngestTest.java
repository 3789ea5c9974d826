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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Two {@code carelens ingest} processes writing the same files into one warehouse at the same time: no table is
 * corrupted, a process that loses a Delta commit race retries (or fails with one line naming the table), and
 * afterwards every bronze and silver table holds exactly what a single ingest writes.
 */
class ConcurrentIngestTest {

    @Test
    void twoIngestsAtOnceLeaveWhatOneIngestLeaves() throws Exception {
        Path root = Files.createTempDirectory("carelens-concurrent-");
        Path input = root.resolve("input");
        new Generator(SharedSpark.spark(), new GeneratorSettings(20, 3, 2024, 2, LocalDate.of(2025, 12, 31)),
                Progress.silent()).generate(input.toString());

        Path shared = root.resolve("shared-warehouse");
        CareLensProcess first = CareLensProcess.start(root.resolve("first.log"),
                "ingest", "--quiet", "--path", input.toString(), "--warehouse", shared.toString());
        CareLensProcess second = CareLensProcess.start(root.resolve("second.log"),
                "ingest", "--quiet", "--path", input.toString(), "--warehouse", shared.toString());
        int firstCode = first.waitFor();
        int secondCode = second.waitFor();
        assertOkOrOneLineConflict(firstCode, first.output());
        assertOkOrOneLineConflict(secondCode, second.output());
        assertTrue(firstCode == 0 || secondCode == 0, "neither ingest completed");

        Path single = root.resolve("single-warehouse");
        assertEquals(0, CareLens.execute("ingest", "--quiet", "--path", input.toString(),
                "--warehouse", single.toString()));

        Warehouse concurrent = new Warehouse(SharedSpark.spark(), shared.toString(), "check");
        assertEquals(List.of(), concurrent.incompleteTables());
        assertEquals(contentOf(new Warehouse(SharedSpark.spark(), single.toString(), "check")),
                contentOf(concurrent));
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
