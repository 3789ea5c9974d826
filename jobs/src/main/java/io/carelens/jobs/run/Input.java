package io.carelens.jobs.run;

/**
 * A table a stage reads, and what its absence means. The runner checks inputs before the stage starts and records
 * the version of each one present in the run manifest, so no stage has to do either by hand.
 *
 * @param table the table path under the warehouse root ({@code silver/patient}, {@code gold/measure_patient})
 * @param need what the stage does without it
 */
public record Input(String table, Need need) {

    /** What a stage does when an input is absent. */
    public enum Need {
        /** The stage cannot run without it: the runner refuses, naming the stage that writes it. */
        REQUIRED,
        /**
         * The stage has nothing to compute without it (a source may legitimately lack it): {@code carelens run} skips
         * the stage with one line; the stage's own command refuses, as for a required input.
         */
        SKIP_WITHOUT,
        /** Read when present, ignored otherwise. */
        WHEN_PRESENT
    }

    public static Input required(String table) {
        return new Input(table, Need.REQUIRED);
    }

    public static Input skipWithout(String table) {
        return new Input(table, Need.SKIP_WITHOUT);
    }

    public static Input whenPresent(String table) {
        return new Input(table, Need.WHEN_PRESENT);
    }
}
