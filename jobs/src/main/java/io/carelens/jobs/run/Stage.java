package io.carelens.jobs.run;

/** One step of the pipeline: reads Delta tables (or source files) and writes Delta tables. */
public interface Stage {
    /** The stage name, as the CLI and the run manifest spell it (ingest, measures, utilization, ...). */
    String name();

    void run(StageContext context);
}
