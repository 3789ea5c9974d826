package io.carelens.jobs.testing;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code carelens} as a separate JVM, started from the test's own classpath and JVM flags (Spark's
 * {@code --add-opens}, the time zone), so that a test can run two processes against one warehouse or kill one
 * with {@code kill -9}. Standard output and error go to files next to the warehouse under test.
 */
public final class CareLensProcess {
    private final Process process;
    private final Path log;

    private CareLensProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code carelens args...} with a 1 GB heap; its output goes to {@code log}. */
    public static CareLensProcess start(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx1g");
        command.addAll(sparkJvmFlags());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.carelens.jobs.cli.CareLens");
        command.addAll(List.of(args));
        Files.createDirectories(log.toAbsolutePath().getParent());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new CareLensProcess(p, log);
    }

    /** The flags of this JVM that a Spark JVM needs as well: Spark's {@code --add-opens} and the time zone. */
    static List<String> sparkJvmFlags() {
        List<String> flags = new ArrayList<>();
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--add-opens") || a.startsWith("--add-exports") || a.startsWith("-XX:+Ignore")
                    || a.startsWith("-Duser.timezone") || a.startsWith("-Djdk.reflect") || a.startsWith("-Dio.netty")) {
                flags.add(a);
            }
        }
        return flags;
    }

    /** Waits for the process to end and returns its exit status. */
    public int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    /** Kills the process at once ({@code kill -9}) and waits until it is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Everything the process printed so far. */
    public String output() throws IOException {
        return Files.readString(log);
    }
}
