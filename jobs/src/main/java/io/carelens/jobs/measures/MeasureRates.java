package io.carelens.jobs.measures;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import io.carelens.common.stats.Estimate;
import io.carelens.common.stats.Proportions;
import io.carelens.common.stats.GroupedSuppression;
import io.carelens.common.stats.MeasurePopulationCells;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code gold/measure_rates} from {@code gold/measure_patient} rows: per measure and period the overall counts
 * (dimension {@code overall}, stratum {@code all}) and, for measures with their own strata, one row per stratum
 * (dimension {@code measure_stratum}); rate = numerator / (denominator − exclusions − exceptions) with a 95% Wilson
 * interval. Counts are summed in Spark; only one small row per measure, period and stratum reaches the driver. The
 * overall row and the strata of a measure and period form one suppression table ({@link MeasurePopulationCells}),
 * so no withheld count can be derived from the others.
 */
final class MeasureRates {
    static final String STRATUM_DIMENSION = "measure_stratum";
    static final StructType SCHEMA = new StructType()
            .add("measure_id", DataTypes.StringType).add("period_start", DataTypes.DateType)
            .add("period_end", DataTypes.DateType).add("dimension", DataTypes.StringType)
            .add("stratum", DataTypes.StringType).add("initial_population", DataTypes.LongType)
            .add("denominator", DataTypes.LongType).add("denominator_exclusion", DataTypes.LongType)
            .add("denominator_exception", DataTypes.LongType).add("numerator", DataTypes.LongType)
            .add("performance_denominator", DataTypes.LongType).add("rate", DataTypes.DoubleType)
            .add("ci_lower", DataTypes.DoubleType).add("ci_upper", DataTypes.DoubleType)
            .add("suppressed", DataTypes.BooleanType);

    private MeasureRates() {
    }

    /**
     * @param smallCellThreshold counts from 1 to this are suppressed (CMS cell-size policy); 0 publishes all
     */
    static Dataset<Row> rates(SparkSession spark, Dataset<Row> patients, int smallCellThreshold) {
        List<Row> groups = new ArrayList<>(counts(patients.withColumn("dimension", lit(GroupedSuppression.OVERALL))
                .withColumn("group", lit(GroupedSuppression.ALL))));
        groups.addAll(counts(patients.where(col("stratum").isNotNull())
                .withColumn("dimension", lit(STRATUM_DIMENSION)).withColumn("group", col("stratum"))));
        Map<List<Object>, List<Row>> byMeasurePeriod = new LinkedHashMap<>();
        groups.forEach(g -> byMeasurePeriod.computeIfAbsent(List.of(g.get(0), g.get(1), g.get(2)),
                k -> new ArrayList<>()).add(g));
        List<Row> rows = new ArrayList<>();
        byMeasurePeriod.values().forEach(table -> rows.addAll(rates(table, smallCellThreshold)));
        return spark.createDataFrame(rows, SCHEMA);
    }

    private static List<Row> counts(Dataset<Row> rows) {
        return rows.groupBy("measure_id", "period_start", "period_end", "dimension", "group")
                .agg(sum("initial_population").cast("long"), sum("denominator").cast("long"),
                        sum("denominator_exclusion").cast("long"), sum("denominator_exception").cast("long"),
                        sum("numerator").cast("long"))
                .orderBy("measure_id", "period_start", "dimension", "group")
                .collectAsList();
    }

    /** The rows of one measure and period, with what the joint suppression table withholds set to null. */
    private static List<Row> rates(List<Row> groups, int threshold) {
        GroupedSuppression table = MeasurePopulationCells.table();
        groups.forEach(g -> table.add(g.getString(3), g.getString(4), cells(g)));
        Set<String> hidden = threshold > 0 ? table.suppress(threshold) : Set.of();
        List<Row> rows = new ArrayList<>();
        for (Row g : groups) {
            String dimension = g.getString(3);
            String stratum = g.getString(4);
            Map<String, Long> cells = cells(g);
            boolean suppressed = MeasurePopulationCells.rateWithheld(hidden, dimension, stratum);
            List<Long> shown = MeasurePopulationCells.PUBLISHED.stream().map(f -> suppressed
                    || hidden.contains(GroupedSuppression.cellId(dimension, stratum, f)) ? null : cells.get(f)).toList();
            Estimate e = Proportions.wilson(cells.get("numerator"), cells.get("performance_denominator"), 0.95);
            boolean available = e.isAvailable() && !suppressed;
            rows.add(RowFactory.create(g.getString(0), g.getDate(1), g.getDate(2), dimension, stratum,
                    shown.get(0), shown.get(1), shown.get(2), shown.get(3), shown.get(4), shown.get(5),
                    available ? e.value() : null, available ? e.lower() : null, available ? e.upper() : null,
                    suppressed));
        }
        return rows;
    }

    private static Map<String, Long> cells(Row g) {
        return MeasurePopulationCells.cells(g.getLong(5), g.getLong(6), g.getLong(7), g.getLong(8), g.getLong(9));
    }
}
