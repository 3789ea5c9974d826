package io.carelens.jobs.utilization;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.carelens.jobs.testing.SharedSpark;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * A measure's denominator ages (AHRQ PQI: adults, PQI 05 from 40, PQI 15 from 18 to 39; ED measures every age), as
 * Spark evaluates them, for one measure and for the measure named in a column.
 */
class UtilizationMeasureTest {
    private static final StructType SCHEMA = new StructType().add("measure_id", DataTypes.StringType)
            .add("age", DataTypes.IntegerType);

    @Test
    void eachMeasureCountsMonthsAtItsAgesOnly() {
        List<Row> rows = new ArrayList<>();
        for (String id : List.of("ED_VISITS", "PQI01", "PQI05", "PQI15", "NOT_A_MEASURE")) {
            for (Integer age : Arrays.asList(0, 17, 18, 39, 40, 90, null)) {
                rows.add(RowFactory.create(id, age));
            }
        }
        Dataset<Row> months = SharedSpark.spark().createDataFrame(rows, SCHEMA);
        List<Row> tested = months.select(col("measure_id"), col("age"),
                UtilizationMeasure.atAgeOfMeasure(col("measure_id"), col("age")).as("by_id"),
                UtilizationMeasure.PQI15.atAge(col("age")).as("pqi15")).collectAsList();

        assertEquals(35, tested.size());
        for (Row r : tested) {
            String id = r.getString(0);
            Integer age = (Integer) r.get(1);
            Boolean expected = age == null || id.equals("NOT_A_MEASURE") ? null : switch (id) {
                case "ED_VISITS" -> true;
                case "PQI05" -> age >= 40;
                case "PQI15" -> age >= 18 && age <= 39;
                default -> age >= 18;
            };
            assertEquals(expected, r.get(2), id + " at " + age);
            assertEquals(age == null ? null : age >= 18 && age <= 39, r.get(3), "PQI15 at " + age);
        }
    }
}
