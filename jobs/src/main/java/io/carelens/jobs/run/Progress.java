package io.carelens.jobs.run;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;

/**
 * Progress lines for long stages, on standard error so that standard output stays clean for data (CSV from
 * {@code carelens sql}). Lines never carry row contents or identifiers.
 */
public final class Progress {
    private final PrintStream out;
    private final boolean quiet;
    private final Instant started = Instant.now();
    private Instant stageStarted = started;
    private long jobsBefore;
    private long commitsBefore;

    public Progress(PrintStream out, boolean quiet) {
        this.out = out;
        this.quiet = quiet;
    }

    public static Progress silent() {
        return new Progress(System.err, true);
    }

    /**
     * Closes a stage with what it cost since the previous stage closed: wall time, Spark jobs and Delta commits
     * (the benchmark reads these lines).
     */
    public void stageDone(String stage, long jobs, long commits) {
        Instant now = Instant.now();
        step(stage, String.format("done in %.1f s: %d Spark jobs, %d Delta commits",
                Duration.between(stageStarted, now).toMillis() / 1000.0, jobs - jobsBefore, commits - commitsBefore));
        stageStarted = now;
        jobsBefore = jobs;
        commitsBefore = commits;
    }

    public void step(String stage, String message) {
        if (!quiet) {
            long s = Duration.between(started, Instant.now()).toSeconds();
            out.printf("[%4ds] %-11s %s%n", s, stage, message);
        }
    }
}
