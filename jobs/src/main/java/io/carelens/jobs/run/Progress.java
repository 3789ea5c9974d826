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

    public Progress(PrintStream out, boolean quiet) {
        this.out = out;
        this.quiet = quiet;
    }

    public static Progress silent() {
        return new Progress(System.err, true);
    }

    public void step(String stage, String message) {
        if (!quiet) {
            long s = Duration.between(started, Instant.now()).toSeconds();
            out.printf("[%4ds] %-11s %s%n", s, stage, message);
        }
    }
}
