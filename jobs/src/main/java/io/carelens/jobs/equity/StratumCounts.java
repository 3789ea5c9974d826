package io.carelens.jobs.equity;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.carelens.common.spark.ExactSum;
import io.carelens.common.stats.GroupedSuppression;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The one Spark aggregation of the equity stage: person-level rows joined to their strata, exploded into one
 * (dimension, stratum) pair per dimension plus the {@code overall / all} pair, and summed per measure x period x
 * dimension x stratum x standard age band. The result is small (measures x periods x groups x bands) and is what the
 * driver collects, in a fixed order (overall group first, then by dimension, group and band): the suppression
 * breaks ties in the order it is given groups, so the published pattern must not depend on how Spark partitioned
 * the person rows (which changes with the person ids, e.g. under pseudonymization).
 */
public final class StratumCounts {
    /** Dimension and group of the whole population. */
    public static final String OVERALL = GroupedSuppression.OVERALL;
    public static final String ALL = GroupedSuppression.ALL;

    private StratumCounts() {
    }

    /**
     * Explodes person rows into (dimension, stratum) pairs.
     *
     * @param persons person-level rows with {@code person_id, period_start, period_end}
     * @param strata {@link PersonStrata#build} output
     * @param dimensions the dimension columns of {@code strata}
     * @param band the standard age band index (an expression over {@code age}), or a literal 0
     * @return the person rows with {@code dimension}, {@code stratum} and {@code band}
     */
    static Dataset<Row> explodeStrata(Dataset<Row> persons, Dataset<Row> strata, List<String> dimensions, Column band) {
        return explodeStrata(persons, strata, dimensions, band, List.of());
    }

    /** As above, with further (dimension, stratum) pairs taken from the person rows; a null stratum adds no row. */
    private static Dataset<Row> explodeStrata(Dataset<Row> persons, Dataset<Row> strata, List<String> dimensions,
                                              Column band, List<Column> ownPairs) {
        Dataset<Row> joined = persons.join(strata.withColumnRenamed("person_id", "s_person")
                        .withColumnRenamed("period_start", "s_start").withColumnRenamed("period_end", "s_end"),
                col("person_id").equalTo(col("s_person")).and(col("period_start").equalTo(col("s_start")))
                        .and(col("period_end").equalTo(col("s_end"))), "left");
        List<Column> pairs = new ArrayList<>();
        pairs.add(struct(lit(OVERALL).alias("dimension"), lit(ALL).alias("stratum")));
        for (String d : dimensions) {
            pairs.add(struct(lit(d).alias("dimension"), coalesce(col(d), lit(PersonStrata.UNKNOWN)).alias("stratum")));
        }
        pairs.addAll(ownPairs);
        return joined.withColumn("band", coalesce(band, lit(-1)))
                .withColumn("pair", explode(array(pairs.toArray(Column[]::new))))
                .withColumn("dimension", col("pair.dimension"))
                .withColumn("stratum", col("pair.stratum"))
                .where(col("stratum").isNotNull());
    }

    /**
     * Counts of an eCQM's populations per group and band (the equity groups and the measure's own strata, dimension
     * {@code measure_stratum}), as mutually exclusive person categories so that the
     * published counts add up exactly: denominator = exclusions + exceptions + performance denominator, and
     * performance denominator = numerator + not met. Exclusions win over exceptions and the numerator; an exception
     * applies only to a person not in the numerator.
     *
     * @param measurePatient gold/measure_patient
     * @param strata person strata
     * @param dimensions the dimension columns
     * @param band the standard age band expression
     * @return measure_id, period_start, period_end, dimension, stratum, band and the counts
     */
    public static Dataset<Row> measures(Dataset<Row> measurePatient, Dataset<Row> strata, List<String> dimensions,
                                        Column band) {
        Column ip = flag("initial_population");
        Column den = ip.and(flag("denominator"));
        Column excluded = den.and(flag("denominator_exclusion"));
        Column excepted = den.and(not(excluded)).and(flag("denominator_exception")).and(not(flag("numerator")));
        Column performance = den.and(not(excluded)).and(not(excepted));
        Column met = performance.and(flag("numerator"));
        Dataset<Row> persons = measurePatient.select(col("person_id"), col("measure_id"), col("period_start"),
                col("period_end"), indicator(ip), indicator(den), indicator(excluded), indicator(excepted),
                indicator(performance), indicator(met), col("stratum")).toDF("person_id", "measure_id", "period_start",
                "period_end", "ip", "den", "excl", "exc", "perf", "num", "measure_stratum");
        Column ownStratum = struct(lit(MeasureRates.MEASURE_STRATUM).alias("dimension"),
                col("measure_stratum").alias("stratum"));
        return explodeStrata(persons, strata, dimensions, band, List.of(ownStratum))
                .groupBy("measure_id", "period_start", "period_end", "dimension", "stratum", "band")
                .agg(sum("ip").alias("initial_population"), sum("den").alias("denominator"),
                        sum("excl").alias("denominator_exclusion"), sum("exc").alias("denominator_exception"),
                        sum("perf").alias("performance_denominator"), sum("num").alias("numerator"))
                .orderBy(order("measure_id", "period_start", "period_end"));
    }

    /**
     * Events and person-years of utilization measures per group and band, with the number of persons.
     *
     * @param utilizationPerson person x measure x period rows with {@code events} and {@code person_years}, and
     *                          optionally {@code program_id} and {@code arm}
     * @param strata person strata
     * @param dimensions the dimension columns
     * @param band the standard age band expression
     * @return measure_id, program_id, arm, period_start, period_end, dimension, stratum, band, persons,
     *         persons_with_events, events,
     *         person_years
     */
    public static Dataset<Row> utilization(Dataset<Row> utilizationPerson, Dataset<Row> strata, List<String> dimensions,
                                           Column band) {
        List<String> columns = List.of(utilizationPerson.columns());
        Dataset<Row> persons = utilizationPerson.select(col("person_id"), col("measure_id"),
                columns.contains("program_id") ? col("program_id") : lit(ALL).alias("program_id"),
                columns.contains("arm") ? col("arm") : lit(ALL).alias("arm"),
                col("period_start"), col("period_end"),
                coalesce(col("events").cast("double"), lit(0.0)).alias("events"),
                coalesce(col("person_years").cast("double"), lit(0.0)).alias("person_years"));
        return explodeStrata(persons, strata, dimensions, band)
                .groupBy("measure_id", "program_id", "arm", "period_start", "period_end", "dimension", "stratum", "band")
                .agg(count(lit(1)).alias("persons"),
                        sum(when(col("events").gt(0), 1L).otherwise(0L)).alias("persons_with_events"),
                        ExactSum.of("events").alias("events"),
                        ExactSum.of("person_years").alias("person_years"))
                .orderBy(order("measure_id", "program_id", "arm", "period_start", "period_end"));
    }

    /** The collection order: by {@code keys}, then the overall group first, then dimension, group and band. */
    private static Column[] order(String... keys) {
        List<Column> order = new ArrayList<>();
        for (String k : keys) {
            order.add(col(k));
        }
        order.add(col("dimension").notEqual(OVERALL));
        order.add(col("dimension"));
        order.add(col("stratum"));
        order.add(col("band"));
        return order.toArray(Column[]::new);
    }

    private static Column flag(String column) {
        return coalesce(col(column).cast("int"), lit(0)).equalTo(1);
    }

    private static Column indicator(Column condition) {
        return when(condition, 1L).otherwise(0L);
    }
}
