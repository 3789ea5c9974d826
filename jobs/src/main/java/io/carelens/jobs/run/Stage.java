package io.carelens.jobs.run;

import java.util.List;

/**
 * One step of the pipeline: reads Delta tables (or source files) and writes Delta tables. Each stage declares the
 * tables it reads and writes; from these the runner ({@link StageRunner}) orders the stages, checks inputs before a
 * stage starts and records inputs and outputs with their Delta versions in the run manifest. Exactly one stage
 * writes each table.
 */
public interface Stage {
    /** The stage name, as the CLI and the run manifest spell it (ingest, measures, utilization, ...). */
    String name();

    /** The tables this stage reads. */
    List<Input> reads();

    /** The tables this stage writes (it may leave one unwritten when it has nothing to put in it). */
    List<String> writes();

    void run(StageContext context);

    /**
     * Whether the runner may interpret this stage's expressions when its inputs are small
     * ({@code carelens.spark.interpret-below}): true for stages whose rows grow with their inputs' bytes.
     */
    default boolean interpretsSmallInputs() {
        return true;
    }

    /**
     * The bytes this stage reads, an upper bound from storage without a Spark job: by default what its input tables
     * occupy (older versions included).
     */
    default long inputBytes(StageContext context) {
        return reads().stream().mapToLong(in -> context.warehouse().bytesOnStorage(in.table())).sum();
    }
}
