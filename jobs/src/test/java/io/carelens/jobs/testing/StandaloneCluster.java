package io.carelens.jobs.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A Spark standalone cluster on the loopback interface, built only from Maven-resolved jars: a master and workers,
 * each its own JVM running {@code org.apache.spark.deploy.master.Master} or {@code ...worker.Worker} on the jars
 * of {@code sparkHome/jars}, which is also where a worker's executor launcher looks for Spark's classes. Jobs are
 * submitted through {@code org.apache.spark.deploy.SparkSubmit}, the class behind the {@code spark-submit} script.
 * Every process writes its output to a file under {@code logs}.
 */
public final class StandaloneCluster implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    private final Path sparkHome;
    private final Path logs;
    private final String masterUrl;
    private final Process master;
    private final List<Process> workers = new ArrayList<>();

    private StandaloneCluster(Path sparkHome, Path logs, int port, Process master) {
        this.sparkHome = sparkHome;
        this.logs = logs;
        this.masterUrl = "spark://127.0.0.1:" + port;
        this.master = master;
    }

    /**
     * Starts a master and {@code workers} workers of one core and {@code workerMemory} each, and returns once
     * every worker has registered with the master.
     */
    public static StandaloneCluster start(Path sparkHome, Path logs, int workers, String workerMemory)
            throws IOException, InterruptedException {
        Files.createDirectories(logs);
        int port = freePort();
        Path masterLog = logs.resolve("master.log");
        Process master = launch(sparkHome, masterLog, List.of("-Xmx512m"), "org.apache.spark.deploy.master.Master",
                "--host", "127.0.0.1", "--port", Integer.toString(port), "--webui-port", "0");
        StandaloneCluster cluster = new StandaloneCluster(sparkHome, logs, port, master);
        try {
            awaitLine(master, masterLog, "I have been elected leader");
            for (int i = 1; i <= workers; i++) {
                cluster.startWorker(i, workerMemory);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    private void startWorker(int n, String memory) throws IOException, InterruptedException {
        Path log = logs.resolve("worker-" + n + ".log");
        Path workDir = Files.createDirectories(logs.resolve("worker-" + n));
        Process worker = launch(sparkHome, log, List.of("-Xmx512m"), "org.apache.spark.deploy.worker.Worker",
                "--host", "127.0.0.1", "--cores", "1", "--memory", memory, "--webui-port", "0",
                "--work-dir", workDir.toString(), masterUrl);
        workers.add(worker);
        awaitLine(worker, log, "Successfully registered with master");
    }

    /** {@code spark://127.0.0.1:PORT}. */
    public String masterUrl() {
        return masterUrl;
    }

    /**
     * Runs {@code SparkSubmit args...} in a JVM of {@code driverHeap} on the cluster's Spark jars (so the driver
     * runs in client mode, in that JVM) and returns the process; its output goes to {@code log}.
     */
    public Process submit(Path log, String driverHeap, List<String> args) throws IOException {
        return launch(sparkHome, log, List.of("-Xmx" + driverHeap), "org.apache.spark.deploy.SparkSubmit",
                args.toArray(String[]::new));
    }

    /**
     * Kills worker {@code n} (1-based) and the executors it launched with {@code kill -9}, as if its machine went
     * down, waits until they are gone, and returns how many executor processes were killed with it.
     */
    public int killWorker(int n) {
        Process worker = workers.get(n - 1);
        List<ProcessHandle> executors = worker.descendants().collect(Collectors.toList());
        List<ProcessHandle> tree = Stream.concat(executors.stream(), Stream.of(worker.toHandle())).toList();
        tree.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : tree) {
            p.onExit().join();
        }
        return executors.size();
    }

    /** The master's log, where it records lost workers and the executors it tells applications they lost. */
    public Path masterLog() {
        return logs.resolve("master.log");
    }

    /** The folder worker {@code n} runs its executors in (one sub-folder per application). */
    public Path workDir(int n) {
        return logs.resolve("worker-" + n);
    }

    @Override
    public void close() {
        List<Process> all = new ArrayList<>(workers);
        all.add(master);
        for (Process p : all) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        for (Process p : all) {
            p.toHandle().onExit().join();
        }
    }

    private static Process launch(Path sparkHome, Path log, List<String> heap, String mainClass, String... args)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(heap);
        command.addAll(CareLensProcess.sparkJvmFlags());
        command.add("-cp");
        command.add(sparkHome.resolve("jars").toAbsolutePath() + "/*");
        command.add(mainClass);
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.put("SPARK_HOME", sparkHome.toAbsolutePath().toString());
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.put("SPARK_SCALA_VERSION", "2.12");
        return pb.start();
    }

    private static void awaitLine(Process p, Path log, String line) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!Files.readString(log).contains(line)) {
            if (!p.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("no '" + line + "' in " + log + " (process "
                        + (p.isAlive() ? "still running" : "ended") + "):\n" + Files.readString(log));
            }
            Thread.sleep(200);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
