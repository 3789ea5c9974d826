package io.carelens.jobs.measures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carelens.jobs.testing.SharedSpark;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The measures stage's own rate rows under the CMS cell-size policy: the overall row and a measure's strata are one
 * suppression table, so a small stratum cannot be recovered as overall minus the other strata, and a small exclusion
 * count is protected by withholding the denominator rather than the rate.
 */
class MeasureRatesTest {
    private static Map<String, Row> rows;

    @BeforeAll
    static void compute() {
        SparkSession spark = SharedSpark.spark();
        // M1: 30 people, 2 excluded, 15 of the other 28 met. M2: stratum a of 40 people (20 met), stratum b of 5 (2 met).
        Dataset<Row> patients = spark.range(75).selectExpr("id",
                "IF(id < 30, 'M1', 'M2') AS measure_id", "DATE'2025-01-01' AS period_start",
                "DATE'2025-12-31' AS period_end", "1 AS initial_population", "1 AS denominator",
                "IF(id < 2, 1, 0) AS denominator_exclusion", "0 AS denominator_exception",
                "CASE WHEN id < 30 THEN IF(id >= 2 AND id < 17, 1, 0) WHEN id < 70 THEN IF(id < 50, 1, 0)"
                        + " ELSE IF(id < 72, 1, 0) END AS numerator",
                "CASE WHEN id < 30 THEN NULL WHEN id < 70 THEN 'a' ELSE 'b' END AS stratum");
        rows = MeasureRates.rates(spark, patients, 10).collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getString(0) + "/" + r.getString(4), r -> r));
    }

    private static Object field(String key, String column) {
        return rows.get(key).get(MeasureRates.SCHEMA.fieldIndex(column));
    }

    @Test
    void aSmallExclusionCountWithholdsTheDenominatorNotTheRate() {
        assertNull(field("M1/all", "denominator_exclusion"));
        assertNull(field("M1/all", "denominator"));
        assertEquals(28L, field("M1/all", "performance_denominator"));
        assertEquals(15L, field("M1/all", "numerator"));
        assertEquals(15.0 / 28, (double) field("M1/all", "rate"), 1e-12);
        assertFalse((boolean) field("M1/all", "suppressed"));
    }

    @Test
    void aSmallStratumCannotBeDerivedFromTheOverallRowAndTheOtherStratum() {
        assertEquals(List.of("M1/all", "M2/a", "M2/all", "M2/b"), rows.keySet().stream().sorted().toList());
        assertTrue((boolean) field("M2/b", "suppressed"));
        assertNull(field("M2/b", "initial_population"));
        for (String count : List.of("initial_population", "performance_denominator", "numerator")) {
            boolean derivable = field("M2/all", count) != null && field("M2/a", count) != null;
            assertFalse(derivable, count + " of stratum b = overall - stratum a");
        }
    }
}
