package io.carelens.jobs.equity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.carelens.common.config.CareLensConfig;
import io.carelens.common.schema.GoldTable;
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
            assertNull(r.get(GoldTable.MEASURE_RATES.schema().fieldIndex("denominator_exclusion")), group + ": exclusions withheld");
            assertNull(r.get(GoldTable.MEASURE_RATES.schema().fieldIndex("denominator")), group + ": the complement is the denominator");
            assertNotNull(r.get(GoldTable.MEASURE_RATES.schema().fieldIndex("rate")), group + ": the rate stays published");
            assertEquals(Boolean.FALSE, r.get(GoldTable.MEASURE_RATES.schema().fieldIndex("suppressed")), group);
        }
        Row overall = rows.get(StratumCounts.ALL);
        assertEquals(371.0 / 616, overall.getDouble(GoldTable.MEASURE_RATES.schema().fieldIndex("rate")), 1e-12);
    }

    @Test
    void aSmallOwnStratumCannotBeDerivedFromTheOverallRowAndTheOtherStratum() {
        List<Row> counts = List.of(
                group(StratumCounts.OVERALL, StratumCounts.ALL, 45, 45, 0, 22),
                group(MeasureRates.MEASURE_STRATUM, "a", 40, 40, 0, 20),
                group(MeasureRates.MEASURE_STRATUM, "b", 5, 5, 0, 2),
                group("race", "white", 25, 25, 0, 12),
                group("race", "black_or_african_american", 20, 20, 0, 10));
        EquitySettings settings = EquitySettings.from(CareLensConfig.defaults());
        MeasureRates.Result result = MeasureRates.compute(counts, settings, null).values().iterator().next();
        Map<String, Row> rows = result.rows().stream()
                .collect(Collectors.toMap(r -> r.getString(3) + "/" + r.getString(4), r -> r));
        Row small = rows.get(MeasureRates.MEASURE_STRATUM + "/b");
        assertEquals(Boolean.TRUE, small.get(GoldTable.MEASURE_RATES.schema().fieldIndex("suppressed")));
        assertNull(small.get(GoldTable.MEASURE_RATES.schema().fieldIndex("initial_population")));
        Row other = rows.get(MeasureRates.MEASURE_STRATUM + "/a");
        Row overall = rows.get(StratumCounts.OVERALL + "/" + StratumCounts.ALL);
        for (String count : List.of("initial_population", "performance_denominator", "numerator")) {
            int i = GoldTable.MEASURE_RATES.schema().fieldIndex(count);
            assertEquals(true, other.get(i) == null || overall.get(i) == null,
                    count + ": overall minus stratum a would reveal stratum b");
        }
        assertEquals(List.of(StratumCounts.OVERALL, "race", "race"),
                result.equityRates().stream().map(StratumRate::dimension).toList(),
                "a measure's own strata are not compared as an equity dimension");
    }
}
