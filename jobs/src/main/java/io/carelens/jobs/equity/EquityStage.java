package io.carelens.jobs.equity;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.carelens.common.config.ConfigurationException;
import io.carelens.common.delta.Warehouse;
import io.carelens.common.privacy.PersonIds;
import io.carelens.common.schema.CanonicalTable;
import io.carelens.jobs.run.Stage;
import io.carelens.jobs.run.StageContext;
import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * The equity stage: stratifies every quality measure ({@code gold/measure_patient}) and utilization measure
 * (person-level events and person-years) by every configured dimension, and publishes the groups' rates in
 * {@code gold/measure_rates} and {@code gold/utilization_rates} and the disparity metrics and their change over time
 * in {@code gold/disparities}, all under the CMS small-cell suppression policy.
 *
 * <p>Spark computes each person's strata once per period and the group counts in one aggregation per input (all
 * dimensions at once); the driver collects those small tables and the statistics library computes intervals,
 * standardised rates, suppression and disparity metrics.
 *
 * <p>The strata come from silver (source person ids) and the person-level inputs from gold: the strata's
 * {@code person_id} goes through the same {@link PersonIds} as the gold tables, so the join matches with
 * {@code carelens.privacy.pseudonymize} on or off and the published aggregates are the same either way.
 */
public final class EquityStage implements Stage {
    public static final String MEASURE_PATIENT = "gold/measure_patient";
    public static final String MEASURE_RATES = "gold/measure_rates";
    public static final String UTILIZATION_RATES = "gold/utilization_rates";
    public static final String DISPARITIES = "gold/disparities";

    @Override
    public String name() {
        return "equity";
    }

    @Override
    public void run(StageContext ctx) {
        EquitySettings settings = EquitySettings.from(ctx.config());
        PersonIds ids = PersonIds.from(ctx.config());
        Warehouse wh = ctx.warehouse();
        boolean measures = wh.exists(MEASURE_PATIENT);
        boolean utilization = wh.exists(settings.utilizationPersonTable());
        if (!measures && !utilization) {
            throw new ConfigurationException("equity needs " + MEASURE_PATIENT + " or "
                    + settings.utilizationPersonTable() + " in the warehouse; run the measures or utilization stage first");
        }
        recordInputs(ctx, settings, measures, utilization);
        Standardisation standardisation = settings.standardPopulation().isBlank() ? null
                : new Standardisation(StandardPopulation.load(settings.standardPopulation()), settings.confidence());
        Column band = standardisation == null ? lit(-1)
                : StandardPopulation.load(settings.standardPopulation()).bandIndex(col(PersonStrata.AGE));
        List<String> dimensions = settings.dimensionNames();

        Dataset<Row> measurePatient = measures ? wh.read(MEASURE_PATIENT) : null;
        Dataset<Row> utilizationPerson = utilization ? wh.read(settings.utilizationPersonTable()) : null;
        Dataset<Row> periods = periods(measurePatient, utilizationPerson);
        ctx.progress().step(name(), "computing person strata for " + dimensions.size() + " dimensions");
        Dataset<Row> strata = ids.apply(new PersonStrata(settings).build(wh, periods)).persist();

        Disparities disparities = new Disparities(settings);
        List<DisparityRow> metrics = new ArrayList<>();
        try {
            if (measures) {
                ctx.progress().step(name(), "counting measure populations by stratum");
                List<Row> counts = StratumCounts.measures(measurePatient, strata, dimensions, band).collectAsList();
                Map<RateKey, MeasureRates.Result> rates = MeasureRates.compute(counts, settings, standardisation);
                rates.forEach((key, r) -> metrics.addAll(disparities.compute(key, r.rates(),
                        settings.polarity(key.measureId()), true)));
                writeMeasureRates(wh, settings, rates);
                ctx.manifest().output(name(), MEASURE_RATES);
                ctx.progress().step(name(), "stratified " + rates.size() + " measure-periods");
            }
            if (utilization) {
                ctx.progress().step(name(), "counting utilization by stratum");
                List<Row> counts = StratumCounts.utilization(utilizationPerson, strata, dimensions, band)
                        .collectAsList();
                Map<RateKey, UtilizationRates.Result> rates = UtilizationRates.compute(counts, settings,
                        standardisation);
                rates.forEach((key, r) -> metrics.addAll(disparities.compute(key, r.rates(),
                        settings.utilizationPolarity(), false)));
                writeUtilizationRates(wh, settings, rates);
                ctx.manifest().output(name(), UTILIZATION_RATES);
                ctx.progress().step(name(), "stratified " + rates.size() + " utilization measure-periods");
            }
        } finally {
            strata.unpersist();
        }
        metrics.addAll(new GapTrend(settings.confidence()).changes(metrics));
        SparkSession spark = ctx.spark();
        wh.overwrite(DISPARITIES, spark.createDataFrame(metrics.stream().map(DisparityRow::toRow).toList(),
                DisparityRow.SCHEMA));
        ctx.manifest().output(name(), DISPARITIES);
        ctx.manifest().commit(name());
        ctx.progress().step(name(), "wrote " + metrics.size() + " disparity metrics");
    }

    private static void recordInputs(StageContext ctx, EquitySettings settings, boolean measures, boolean utilization) {
        Warehouse wh = ctx.warehouse();
        for (CanonicalTable t : List.of(CanonicalTable.PATIENT, CanonicalTable.COVERAGE, CanonicalTable.AREA)) {
            if (wh.exists(t.silverPath())) {
                ctx.manifest().input("equity", t.silverPath());
            }
        }
        if (measures) {
            ctx.manifest().input("equity", MEASURE_PATIENT);
        }
        if (utilization) {
            ctx.manifest().input("equity", settings.utilizationPersonTable());
        }
    }

    private static Dataset<Row> periods(Dataset<Row> measurePatient, Dataset<Row> utilizationPerson) {
        Dataset<Row> periods = null;
        for (Dataset<Row> input : new Dataset[] {measurePatient, utilizationPerson}) {
            if (input != null) {
                Dataset<Row> p = input.select("period_start", "period_end").distinct();
                periods = periods == null ? p : periods.union(p).distinct();
            }
        }
        return periods;
    }

    /**
     * Replaces the equity rows of gold/measure_rates, keeps the measures stage's own rows, and withholds in its
     * overall rows any count the joint suppression withholds. Writes the overall row itself where none exists.
     */
    private static void writeMeasureRates(Warehouse wh, EquitySettings settings,
                                          Map<RateKey, MeasureRates.Result> rates) {
        SparkSession spark = wh.spark();
        List<Row> mine = new ArrayList<>();
        rates.values().forEach(r -> mine.addAll(r.rows()));
        Dataset<Row> equityRows = spark.createDataFrame(mine, MeasureRates.SCHEMA);
        if (!wh.exists(MEASURE_RATES)) {
            wh.overwrite(MEASURE_RATES, equityRows);
            return;
        }
        Dataset<Row> existing = wh.read(MEASURE_RATES);
        Dataset<Row> kept = existing.where(col("dimension").isin(settings.dimensionNames().toArray()).equalTo(false));
        kept = spark.createDataFrame(kept.collectAsList(), kept.schema());
        Dataset<Row> existingOverall = kept.where(col("dimension").equalTo(StratumCounts.OVERALL))
                .select("measure_id", "period_start", "period_end").distinct();
        Dataset<Row> withheld = withheldOverall(spark, rates);
        Dataset<Row> corrected = OverallCorrection.apply(kept, withheld);
        Dataset<Row> ownOverall = equityRows.where(col("dimension").equalTo(StratumCounts.OVERALL))
                .join(existingOverall, List.of("measure_id", "period_start", "period_end").stream()
                        .map(c -> equityRows.col(c).equalTo(existingOverall.col(c))).reduce(Column::and).orElseThrow(),
                        "left_anti");
        Dataset<Row> result = corrected
                .unionByName(equityRows.where(col("dimension").notEqual(StratumCounts.OVERALL)), true)
                .unionByName(ownOverall, true);
        wh.overwrite(MEASURE_RATES, result);
    }

    private static Dataset<Row> withheldOverall(SparkSession spark, Map<RateKey, MeasureRates.Result> rates) {
        List<Row> rows = new ArrayList<>();
        rates.forEach((key, r) -> {
            Set<String> hidden = r.hiddenOverall();
            if (!hidden.isEmpty()) {
                rows.add(RowFactory.create(key.measureId(), Date.valueOf(key.periodStart()),
                        Date.valueOf(key.periodEnd()), hidden.toArray(String[]::new)));
            }
        });
        return spark.createDataFrame(rows, OverallCorrection.SCHEMA);
    }

    /** Replaces the equity rows of gold/utilization_rates and keeps the utilization stage's own rows. */
    private static void writeUtilizationRates(Warehouse wh, EquitySettings settings,
                                              Map<RateKey, UtilizationRates.Result> rates) {
        SparkSession spark = wh.spark();
        List<Row> mine = new ArrayList<>();
        rates.values().forEach(r -> mine.addAll(r.rows()));
        Dataset<Row> equityRows = spark.createDataFrame(mine, UtilizationRates.SCHEMA);
        if (!wh.exists(UTILIZATION_RATES)) {
            wh.overwrite(UTILIZATION_RATES, equityRows);
            return;
        }
        Dataset<Row> existing = wh.read(UTILIZATION_RATES);
        Dataset<Row> kept = existing.where(col("dimension").isin(settings.dimensionNames().toArray()).equalTo(false));
        kept = spark.createDataFrame(kept.collectAsList(), kept.schema());
        wh.overwrite(UTILIZATION_RATES, kept.unionByName(equityRows, true));
    }
}
