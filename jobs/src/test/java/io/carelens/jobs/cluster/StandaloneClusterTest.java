package io.carelens.jobs.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carelens.common.schema.GoldTable;
import io.carelens.jobs.testing.CareLensProcess;
import io.carelens.jobs.testing.StandaloneCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The spark-submit jar on a real Spark cluster: a standalone master and two one-core workers on the loopback
 * interface ({@link StandaloneCluster}, from the Maven-resolved Spark jars), the jar submitted through
 * {@code SparkSubmit} as the README's cluster section tells users, with Delta's jars given by {@code --jars} in
 * place of {@code --packages} (the build has no network). {@code carelens run} on the bundled sample-data/ on the
 * cluster and in local mode (the same submit command with {@code --master local[2]}) yields identical gold tables;
 * a stage that loses a worker, and the executor on it, half-way still completes with identical gold tables.
 *
 * <p>Runs in the {@code cluster} profile ({@code mvn -B -ntp verify -Pcluster}), after {@code package} has built
 * the jar and laid out the Spark jars; the paths come as system properties from the profile.
 */
@Tag("cluster")
class StandaloneClusterTest {
    private static final Path SAMPLE = Path.of("..", "sample-data").toAbsolutePath().normalize();

    private static Path root;
    private static StandaloneCluster cluster;
    private static Path clusterWarehouse;
    private static Map<String, String> local;
    private static Map<String, String> onCluster;

    @BeforeAll
    static void runLocallyAndOnTheCluster() throws Exception {
        root = Path.of("target", "cluster-test").toAbsolutePath();
        deleteRecursively(root);
        cluster = StandaloneCluster.start(Path.of(System.getProperty("carelens.cluster.spark-home")),
                root.resolve("cluster"), 2, "1536m");
        Path localWarehouse = root.resolve("local-warehouse");
        assertEquals(0, submit("local[2]", root.resolve("local.log"), "run", "--path", SAMPLE.toString(),
                "--warehouse", localWarehouse.toString()), "local-mode run failed; see " + root.resolve("local.log"));
        local = goldDigests(localWarehouse);
        clusterWarehouse = root.resolve("cluster-warehouse");
        assertEquals(0, submit(cluster.masterUrl(), root.resolve("cluster.log"), "run", "--path", SAMPLE.toString(),
                "--warehouse", clusterWarehouse.toString()), "cluster run failed; see " + root.resolve("cluster.log"));
        onCluster = goldDigests(clusterWarehouse);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void theRunOnTheClusterWritesTheSameGoldTablesAsALocalRun() {
        for (GoldTable t : GoldTable.values()) {
            assertTrue(local.containsKey(t.path()) || t == GoldTable.ATTRIBUTION, t.path() + " not written locally");
        }
        assertEquals(local, onCluster);
    }

    /** Both workers ran executors of the cluster run: its tasks did not all stay in one JVM. */
    @Test
    void theClusterRunUsedAnExecutorOnEachWorker() throws IOException {
        for (int worker = 1; worker <= 2; worker++) {
            try (Stream<Path> apps = Files.list(cluster.workDir(worker))) {
                assertTrue(apps.anyMatch(app -> app.getFileName().toString().startsWith("app-")),
                        "worker " + worker + " ran no executor");
            }
        }
    }

    /**
     * The utilization stage runs again on the cluster warehouse, and one worker and its executor are killed once the
     * stage is computing member months (its first step of Spark jobs): the master tells the application it lost the
     * executor, Spark reruns the lost tasks (and the shuffle output lost with them) on the other worker, the stage
     * completes, and every gold table is still identical to the local run's.
     */
    @Test
    void aStageThatLosesAWorkerHalfWayCompletesWithTheSameGoldTables() throws Exception {
        Path log = root.resolve("worker-kill.log");
        long lostBefore = lostExecutorsToldByTheMaster();
        Process stage = cluster.submit(log, "2g", submitArgs(cluster.masterUrl(), "utilization",
                "--warehouse", clusterWarehouse.toString()));
        while (stage.isAlive() && !Files.readString(log).contains("] utilization member months")) {
            Thread.sleep(200);
        }
        assertTrue(stage.isAlive(), "the stage ended before a worker could be killed; see " + log);
        assertTrue(cluster.killWorker(1) > 0, "worker 1 ran no executor of the stage when it was killed");
        assertEquals(0, stage.waitFor(), "the stage failed after losing a worker; see " + log);
        assertEquals(lostBefore + 1, lostExecutorsToldByTheMaster(),
                "the master did not tell the stage it lost one executor; see " + cluster.masterLog());
        assertEquals(local, goldDigests(clusterWarehouse));
    }

    private static long lostExecutorsToldByTheMaster() throws IOException {
        try (Stream<String> lines = Files.lines(cluster.masterLog())) {
            return lines.filter(l -> l.contains("Telling app of lost executor")).count();
        }
    }

    private static int submit(String master, Path log, String... carelensArgs) throws Exception {
        return cluster.submit(log, "2g", submitArgs(master, carelensArgs)).waitFor();
    }

    /** The README's spark-submit command, with Delta's jars from the build in place of {@code --packages}. */
    private static List<String> submitArgs(String master, String... carelensArgs) throws IOException {
        List<String> deltaJars;
        try (Stream<Path> jars = Files.list(Path.of(System.getProperty("carelens.cluster.delta-jars")))) {
            deltaJars = jars.map(Path::toString).sorted().toList();
        }
        List<String> args = new ArrayList<>(List.of(
                "--master", master,
                "--class", "io.carelens.jobs.cli.CareLens",
                "--jars", String.join(",", deltaJars),
                "--conf", "spark.sql.extensions=io.delta.sql.DeltaSparkSessionExtension",
                "--conf", "spark.sql.catalog.spark_catalog=org.apache.spark.sql.delta.catalog.DeltaCatalog",
                "--conf", "spark.executor.memory=1g",
                System.getProperty("carelens.cluster.app-jar")));
        args.addAll(List.of(carelensArgs));
        return args;
    }

    /**
     * The content digest of every gold table, from {@code carelens tables --digest} in a JVM of its own (this JVM holds
     * no Spark session, so no cached snapshot of a table another process has changed since can be read).
     */
    private static Map<String, String> goldDigests(Path warehouse) throws Exception {
        Path log = root.resolve("digest-" + warehouse.getFileName() + ".log");
        CareLensProcess tables = CareLensProcess.start(log, "tables", "--digest", "--warehouse", warehouse.toString());
        assertEquals(0, tables.waitFor(), "tables --digest failed; see " + log);
        Map<String, String> digests = new TreeMap<>();
        for (String line : tables.output().split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 5 && f[0].startsWith("gold/")) {
                digests.put(f[0], f[3] + " " + f[4]);
            }
        }
        return digests;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
