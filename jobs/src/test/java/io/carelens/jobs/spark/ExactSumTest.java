package io.carelens.jobs.spark;

import static org.apache.spark.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.carelens.common.spark.ExactSum;
import io.carelens.jobs.testing.SharedSpark;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * {@link ExactSum} gives one result whatever order the rows arrive in, where Spark's double {@code sum} does not:
 * 10^16 + 1 rounds back to 10^16 in a double, so a plain sum of 10^16, 1 and -10^16 depends on which two it adds
 * first. Also exact for the fractional weights CareLens sums (0.1 + 0.2 is 0.3, not 0.30000000000000004).
 */
class ExactSumTest {
    private static double total(List<Double> values, Column aggregate) {
        Dataset<Row> rows = SharedSpark.spark().createDataset(values, Encoders.DOUBLE()).toDF("v").coalesce(1);
        return rows.agg(aggregate).first().getDouble(0);
    }

    @Test
    void theSumDoesNotDependOnTheOrderOfTheRows() {
        List<Double> bigFirst = List.of(1e16, 1.0, -1e16);
        List<Double> bigApart = List.of(1e16, -1e16, 1.0);
        assertNotEquals(total(bigFirst, sum("v")), total(bigApart, sum("v")), "the double sum is order-dependent");
        assertEquals(1.0, total(bigFirst, ExactSum.of("v")));
        assertEquals(1.0, total(bigApart, ExactSum.of("v")));
    }

    @Test
    void fractionalWeightsAddUpExactly() {
        assertEquals(0.3, total(List.of(0.1, 0.2), ExactSum.of("v")));
        assertEquals(0.30000000000000004, total(List.of(0.1, 0.2), sum("v")));
    }
}
