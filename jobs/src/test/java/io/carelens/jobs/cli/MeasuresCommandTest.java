package io.carelens.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.carelens.jobs.testing.SharedSpark;
import org.junit.jupiter.api.Test;

/** {@code carelens measures} argument errors are user errors (exit 2) and stop before any Spark work. */
class MeasuresCommandTest {

    @Test
    void aPeriodNeedsBothEnds() {
        SharedSpark.spark();
        String wh = SharedSpark.newWarehouse().toString();
        assertEquals(2, CareLens.execute("measures", "--warehouse", wh, "--quiet", "--period-start", "2026-01-01"));
    }

    @Test
    void anUnknownMeasureIsRejected() {
        SharedSpark.spark();
        String wh = SharedSpark.newWarehouse().toString();
        assertEquals(2, CareLens.execute("measures", "--warehouse", wh, "--quiet", "--period-start", "2026-01-01",
                "--period-end", "2026-12-31", "--measures", "CMS999"));
    }
}
