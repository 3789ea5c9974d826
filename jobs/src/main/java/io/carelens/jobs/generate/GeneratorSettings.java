package io.carelens.jobs.generate;

import java.time.LocalDate;

/**
 * What to generate: how many people, the seed, the calendar years covered and the last day with data.
 *
 * @param people    number of people
 * @param seed      the seed; the same settings give byte-identical output
 * @param startYear first calendar year
 * @param years     number of calendar years; the first half (rounded down) is the baseline, the rest the
 *                  performance period
 * @param through   the last day that may carry data (events after it are not generated)
 */
public record GeneratorSettings(long people, long seed, int startYear, int years, LocalDate through) {
    /** People per CSV part file; at or below this many people each table is one file {@code <table>.csv}. */
    public static final long PEOPLE_PER_PART = 20_000;

    public GeneratorSettings {
        if (people < 1) {
            throw new IllegalArgumentException("people must be at least 1");
        }
        if (years < 1) {
            throw new IllegalArgumentException("years must be at least 1");
        }
        if (through.isBefore(LocalDate.of(startYear, 1, 1))) {
            throw new IllegalArgumentException("through (" + through + ") precedes the first year " + startYear);
        }
    }

    public int endYear() {
        return Math.min(startYear + years - 1, through.getYear());
    }

    /** The first performance year: years before it are the baseline. */
    public int firstPerformanceYear() {
        return startYear + years / 2;
    }

    /** Number of CSV part files per table; 1 means a single {@code <table>.csv}. */
    public int parts() {
        return (int) Math.max(1, (people + PEOPLE_PER_PART - 1) / PEOPLE_PER_PART);
    }
}
