package io.carelens.jobs.utilization;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trunc;
import static org.apache.spark.sql.functions.when;

import io.carelens.common.schema.GoldTable;
import io.carelens.common.spark.Aggregations;
import io.carelens.common.spark.ExactSum;
import io.carelens.common.stats.Estimate;
import io.carelens.common.stats.PoissonRates;
import io.carelens.common.stats.Proportions;
import io.carelens.common.stats.SmallCellSuppression;
import io.carelens.jobs.utilization.UtilizationMeasure.Kind;
import io.carelens.common.spark.Seqs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.StructType;

/**
 * {@code gold/utilization_rates}: for every measure, period, program / arm / practice cell and dimension / stratum,
 * the events in eligible member months, the person-years (member months / 12), the rate per 1,000 person-years (PQI per
 * 100,000) or, for follow-up measures, the proportion of eligible visits, and its confidence interval.
 *
 * <p>Cells: {@code program_id = arm = practice_id = 'all'} is the whole covered population (each person-month once);
 * then each program, each program and arm ({@code unassigned} when the attribution has no arm) and each practice
 * within them. Spark counts member months and events per cell; the few aggregated rows are collected and the
 * intervals computed in Java: exact Poisson / Byar under PHE's switching rule (or either alone, configurable) for
 * rates, Wilson for proportions. NYU categories also carry their {@code share} of the ED visits the algorithm
 * classified. A cell with 1 to {@code suppression-threshold} events (or eligible visits) is flagged suppressed and its
 * counts, rate, share and limits are null. The {@code dimension}/{@code stratum} columns come from the member months,
 * so the equity stage can call {@link #rates} with stratified member months.
 */
public final class UtilizationRates {
    public static final String ALL = "all";
    public static final String UNASSIGNED = "unassigned";

    /** The columns of gold/utilization_rates, from its contract. */
    private static final StructType COLUMNS = GoldTable.UTILIZATION_RATES.schema();
    private static final List<String> CELL = List.of("period_start", "period_end", "program_id", "arm", "practice_id",
            "dimension", "stratum");
    /** What decides the cells a member month counts in. */
    private static final List<String> ROW_CELL = List.of("period_start", "period_end", "program_id", "arm",
            "practice_id", "dimension", "stratum", "_first");

    private final UtilizationSettings settings;

    public UtilizationRates(UtilizationSettings settings) {
        this.settings = settings;
    }

    /** Member months as the overall population: adds {@code dimension = 'overall'}, {@code stratum = 'all'}. */
    public static Dataset<Row> overall(Dataset<Row> memberMonths) {
        return memberMonths.withColumn("dimension", lit("overall")).withColumn("stratum", lit(ALL));
    }

    /**
     * @param memberMonths gold member months with {@code dimension} and {@code stratum} columns
     * @param events {@link GoldTable#UTILIZATION_EVENTS} rows
     * @return {@link GoldTable#UTILIZATION_RATES} rows, one per cell and measure
     */
    public Dataset<Row> rates(SparkSession spark, Dataset<Row> memberMonths, Dataset<Row> events) {
        Dataset<Row> marked = firstOfPersonMonth(memberMonths).cache();
        Map<String, UtilizationMeasure> bandExamples = new LinkedHashMap<>();
        for (UtilizationMeasure m : UtilizationMeasure.values()) {
            bandExamples.putIfAbsent(m.ageBand(), m);
        }
        List<Column> bandSums = bandExamples.values().stream()
                .map(m -> sum(when(m.atAge(col("age")), 1L).otherwise(0L)).as(bandColumn(m)))
                .toList();
        List<Column> cellSums = bandExamples.values().stream().map(m -> sum(bandColumn(m)).as(bandColumn(m)))
                .toList();
        List<Row> denominators = aggregate(inCells(aggregate(marked, ROW_CELL, bandSums)), CELL, cellSums)
                .collectAsList();

        List<String> rowKeys = new ArrayList<>(ROW_CELL);
        rowKeys.add("measure_id");
        List<String> eventKeys = new ArrayList<>(CELL);
        eventKeys.add("measure_id");
        Dataset<Row> eventsPerRowCell = aggregate(events.withColumn("month_start", trunc(col("event_date"), "MM"))
                        .join(marked, Seqs.of(List.of("person_id", "month_start")))
                        .where(UtilizationMeasure.atAgeOfMeasure(col("measure_id"), col("age"))),
                rowKeys, List.of(ExactSum.partial(col("events")).as("events"), sum("eligible").as("eligible")));
        List<Row> counts = aggregate(inCells(eventsPerRowCell), eventKeys,
                List.of(ExactSum.of("events").as("events"), sum("eligible").as("eligible")))
                .collectAsList();
        marked.unpersist();
        return spark.createDataFrame(combine(denominators, counts), COLUMNS);
    }

    private static Dataset<Row> aggregate(Dataset<Row> rows, List<String> keys, List<Column> aggregates) {
        return Aggregations.of(rows.groupBy(keys.stream().map(c -> col(c)).toArray(Column[]::new)), aggregates);
    }

    /**
     * Member months with {@code _first}: true on one row of each person, month, period, dimension and stratum (a
     * person attributed twice in a month has two rows), the row that counts in the population cell.
     */
    private static Dataset<Row> firstOfPersonMonth(Dataset<Row> memberMonths) {
        Column first = row_number().over(Window.partitionBy("person_id", "month_start", "period_start", "period_end",
                "dimension", "stratum").orderBy(col("program_id").asc_nulls_first(), col("practice_id"))).equalTo(1);
        return memberMonths.select(col("person_id"), col("month_start"), col("age"), col("period_start"),
                col("period_end"), col("dimension"), col("stratum"), col("program_id"), col("arm"),
                col("practice_id"), first.as("_first"));
    }

    /**
     * Rows keyed by {@link #ROW_CELL} (a member month's own program, arm, practice and {@code _first}), each repeated
     * in the cells it counts in: the population cell when first, and the program, arm and practice cells when
     * attributed. Sums added up per {@link #ROW_CELL} first and per cell after are the sums per cell, and the rows
     * repeated are then few.
     */
    private static Dataset<Row> inCells(Dataset<Row> rows) {
        Column attributed = col("program_id").isNotNull();
        Column arm = coalesce(col("arm"), lit(UNASSIGNED));
        Column levels = filter(array(
                when(col("_first"), cell(lit(ALL), lit(ALL), lit(ALL))),
                when(attributed, cell(col("program_id"), lit(ALL), lit(ALL))),
                when(attributed, cell(col("program_id"), arm, lit(ALL))),
                when(attributed, cell(col("program_id"), arm, coalesce(col("practice_id"), lit(UNASSIGNED))))),
                c -> c.isNotNull());
        return rows.withColumn("_cell", explode(levels)).drop("program_id", "arm", "practice_id", "_first")
                .withColumn("program_id", col("_cell.program_id")).withColumn("arm", col("_cell.arm"))
                .withColumn("practice_id", col("_cell.practice_id")).drop("_cell");
    }

    private static String bandColumn(UtilizationMeasure m) {
        return "mm_" + m.ageBand().replace('-', '_');
    }

    private static Column cell(Column program, Column arm, Column practice) {
        return struct(program.as("program_id"), arm.as("arm"), practice.as("practice_id"));
    }

    /** Every cell x measure with its interval; cells and measures without events get zero events. */
    private List<Row> combine(List<Row> denominators, List<Row> counts) {
        Map<List<Object>, double[]> byCellMeasure = new HashMap<>();
        for (Row r : counts) {
            List<Object> key = new ArrayList<>(key(r));
            key.add(r.getAs("measure_id"));
            byCellMeasure.put(key, new double[] {r.getAs("events") == null ? 0 : (double) r.getAs("events"),
                    r.getAs("eligible") == null ? 0 : ((Number) r.getAs("eligible")).doubleValue()});
        }
        UtilizationMeasure nyuBasis = settings.nyuTreatAndReleaseOnly()
                ? UtilizationMeasure.ED_VISITS_TREAT_RELEASE : UtilizationMeasure.ED_VISITS;
        List<Row> out = new ArrayList<>();
        for (Row d : denominators) {
            List<Object> cell = key(d);
            for (UtilizationMeasure m : UtilizationMeasure.values()) {
                double[] ev = lookup(byCellMeasure, cell, m);
                long memberMonths = d.getAs(bandColumn(m));
                Double share = m.nyuCategory() ? shareOf(ev[0], lookup(byCellMeasure, cell, nyuBasis)[0]) : null;
                out.add(row(m, cell, ev[0], (long) ev[1], memberMonths, share));
            }
        }
        return out;
    }

    private static List<Object> key(Row r) {
        List<Object> k = new ArrayList<>();
        for (String c : CELL) {
            k.add(r.getAs(c));
        }
        return k;
    }

    private static double[] lookup(Map<List<Object>, double[]> map, List<Object> cell, UtilizationMeasure m) {
        List<Object> k = new ArrayList<>(cell);
        k.add(m.id());
        return map.getOrDefault(k, new double[] {0, 0});
    }

    private static Double shareOf(double events, double basis) {
        return basis > 0 ? events / basis : null;
    }

    private Row row(UtilizationMeasure m, List<Object> cell, double events, long eligible, long memberMonths,
                    Double share) {
        double personYears = memberMonths / 12.0;
        boolean proportion = m.kind() == Kind.PROPORTION;
        Estimate e = proportion
                ? Proportions.wilson(events, eligible, settings.confidence())
                : poisson(events, personYears, m.kind().multiplier());
        int threshold = settings.suppressionThreshold();
        boolean suppressed = threshold > 0 && (proportion
                ? SmallCellSuppression.revealsSmallCount(Math.round(events), eligible, threshold)
                : events > 0 && events <= threshold);
        Object[] v = new Object[COLUMNS.size()];
        v[COLUMNS.fieldIndex("measure_id")] = m.id();
        v[COLUMNS.fieldIndex("measure_name")] = m.title();
        v[COLUMNS.fieldIndex("unit")] = m.kind().unit();
        for (int i = 0; i < CELL.size(); i++) {
            v[COLUMNS.fieldIndex(CELL.get(i))] = cell.get(i);
        }
        v[COLUMNS.fieldIndex("events")] = suppressed ? null : events;
        v[COLUMNS.fieldIndex("person_years")] = personYears;
        v[COLUMNS.fieldIndex("eligible")] = proportion && !suppressed ? eligible : null;
        v[COLUMNS.fieldIndex("rate")] = suppressed ? null : finite(e.value());
        v[COLUMNS.fieldIndex("share")] = suppressed ? null : share;
        v[COLUMNS.fieldIndex("ci_lower")] = suppressed ? null : finite(e.lower());
        v[COLUMNS.fieldIndex("ci_upper")] = suppressed ? null : finite(e.upper());
        v[COLUMNS.fieldIndex("ci_method")] = e.method();
        v[COLUMNS.fieldIndex("confidence")] = e.confidence();
        v[COLUMNS.fieldIndex("suppressed")] = suppressed;
        return RowFactory.create(v);
    }

    private Estimate poisson(double events, double personYears, double multiplier) {
        return switch (settings.intervalMethod()) {
            case "exact" -> PoissonRates.exactRate(events, personYears, multiplier, settings.confidence());
            case "byar" -> PoissonRates.byarRate(events, personYears, multiplier, settings.confidence());
            default -> PoissonRates.rate(events, personYears, multiplier, settings.confidence());
        };
    }

    private static Double finite(double d) {
        return Double.isFinite(d) ? d : null;
    }
}
