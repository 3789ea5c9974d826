package io.carelens.jobs.cli;

import io.carelens.jobs.run.StageContext;
import picocli.CommandLine.Option;

/** {@code --incremental}, shared by the commands whose stages can refresh only the changed persons. */
final class IncrementalOption {
    @Option(names = "--incremental", description = "recompute only the persons whose input rows changed since the "
            + "last run (Delta change data feed); falls back to a full recompute, saying why, when it cannot")
    boolean incremental;

    /** Passes the choice to the stages run in {@code context}. */
    void applyTo(StageContext context) {
        context.incremental(incremental);
    }
}
