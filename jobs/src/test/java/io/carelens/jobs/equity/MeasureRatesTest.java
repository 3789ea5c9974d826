package io.carelens.jobs.equity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carelens.common.config.CareLensConfig;
import java.sql.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * Which counts the suppression withholds to protect a small exclusion count: the denominator (a subtotal), so that
 * the rate, which needs only the numerator and the performance denominator, stays published.
 */
class MeasureRatesTest {
    private static final StructType COUNTS = new StructType()
            .add("measure_id", DataTypes.StringType).add("period_start", DataTypes.DateType)
            .add("period_end", DataTypes.DateType).add("dimension", DataTypes.StringType)
            .add("stratum", DataTypes.StringType).add("band", DataTypes.IntegerType)
            .add("initial_population", DataTypes.LongType).add("denominator", DataTypes.LongType)
            .add("denominator_exclusion", DataTypes.LongType).add("denominator_exception", DataTypes.LongType)
            .add("performance_denominator", DataTypes.LongType).add("numerator", DataTypes.LongType);

    private static Row group(String dimension, String stratum, long ip, long denominator, long exclusions, long met) {
        return new GenericRowWithSchema(new Object[] {"CMS165", Date.valueOf("2025-01-01"), Date.valueOf("2025-12-31"),
                dimension, stratum, 0, ip, denominator, exclusions, 0L, denominator - exclusions, met}, COUNTS);
    }

    @Test
    void smallExclusionCountsAreProtectedByTheDenominatorNotTheRate() {
        List<Row> counts = List.of(
                group(StratumCounts.OVERALL, StratumCounts.ALL, 700, 618, 2, 371),
                group("race", "white", 400, 350, 1, 200),
                group("race", "black_or_african_american", 300, 268, 1, 171));
        EquitySettings settings = EquitySettings.from(CareLensConfig.defaults());
        MeasureRates.Result result = MeasureRates.compute(counts, settings, null).values().iterator().next();
        Map<String, Row> rows = result.rows().stream().collect(Collectors.toMap(r -> r.getString(4), r -> r));
        assertEquals(3, rows.size());
        for (Row r : rows.values()) {
            String group = r.getString(4);
            assertNull(r.get(MeasureRates.SCHEMA.fieldIndex("denominator_exclusion")), group + ": exclusions withheld");
            assertNull(r.get(MeasureRates.SCHEMA.fieldIndex("denominator")), group + ": the complement is the denominator");
            assertNotNull(r.get(MeasureRates.SCHEMA.fieldIndex("rate")), group + ": the rate stays published");
            assertEquals(Boolean.FALSE, r.get(MeasureRates.SCHEMA.fieldIndex("suppressed")), group);
        }
        Row overall = rows.get(StratumCounts.ALL);
        assertEquals(371.0 / 616, overall.getDouble(MeasureRates.SCHEMA.fieldIndex("rate")), 1e-12);
        assertTrue(result.hiddenOverall().contains("denominator"));
    }
}
