package io.carelens.jobs.equity;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.carelens.common.config.ConfigurationException;
import io.carelens.common.delta.GoldWriter;
import io.carelens.common.delta.Warehouse;
import io.carelens.common.privacy.PersonIds;
import io.carelens.common.schema.CanonicalTable;
import io.carelens.common.schema.GoldTable;
import io.carelens.jobs.run.Input;
import io.carelens.jobs.run.Stage;
import io.carelens.jobs.run.StageContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The equity stage: stratifies every quality measure ({@code gold/measure_patient}) and utilization measure
 * ({@code gold/utilization_person}: person-level events and person-years) by every configured dimension, and
 * publishes {@code gold/measure_rates} (each measure's overall row, its own strata and every equity group, under one
 * joint suppression), {@code gold/utilization_group_rates} (utilization rates by group) and {@code gold/disparities}
 * (the disparity metrics and their change over time), all under the CMS small-cell suppression policy. It owns these
 * three tables and rewrites each whole: it never reads back what it or another stage published.
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

    /**
     * Always generates code: its rows multiply (each person once per dimension and measure or utilization rate), and on
     * the sample it ran slower with expressions interpreted.
     */
    @Override
    public boolean interpretsSmallInputs() {
        return false;
    }

    @Override
    public String name() {
        return "equity";
    }

    @Override
    public List<Input> reads() {
        return List.of(Input.required(CanonicalTable.PATIENT.silverPath()),
                Input.whenPresent(CanonicalTable.COVERAGE.silverPath()),
                Input.whenPresent(CanonicalTable.AREA.silverPath()),
                Input.whenPresent(GoldTable.MEASURE_PATIENT.path()),
                Input.whenPresent(GoldTable.UTILIZATION_PERSON.path()));
    }

    @Override
    public List<String> writes() {
        return List.of(GoldTable.MEASURE_RATES.path(), GoldTable.UTILIZATION_GROUP_RATES.path(),
                GoldTable.DISPARITIES.path());
    }

    @Override
    public void run(StageContext ctx) {
        EquitySettings settings = EquitySettings.from(ctx.config());
        PersonIds ids = PersonIds.from(ctx.config());
        Warehouse wh = ctx.warehouse();
        GoldWriter gold = new GoldWriter(wh);
        boolean measures = wh.exists(GoldTable.MEASURE_PATIENT.path());
        boolean utilization = wh.exists(GoldTable.UTILIZATION_PERSON.path());
        if (!measures && !utilization) {
            throw new ConfigurationException("equity needs " + GoldTable.MEASURE_PATIENT.path() + " or "
                    + GoldTable.UTILIZATION_PERSON.path() + " in the warehouse; run carelens measures or carelens "
                    + "utilization first");
        }
        Standardisation standardisation = settings.standardPopulation().isBlank() ? null
                : new Standardisation(StandardPopulation.load(settings.standardPopulation()), settings.confidence());
        Column band = standardisation == null ? lit(-1)
                : StandardPopulation.load(settings.standardPopulation()).bandIndex(col(PersonStrata.AGE));
        List<String> dimensions = settings.dimensionNames();

        Dataset<Row> measurePatient = measures ? wh.read(GoldTable.MEASURE_PATIENT.path()) : null;
        Dataset<Row> utilizationPerson = utilization ? wh.read(GoldTable.UTILIZATION_PERSON.path()) : null;
        Dataset<Row> periods = periods(measurePatient, utilizationPerson);
        ctx.progress().step(name(), "computing person strata for " + dimensions.size() + " dimensions");
        Dataset<Row> strata = ids.apply(new PersonStrata(settings).build(wh, periods)).persist();

        SparkSession spark = ctx.spark();
        Disparities disparities = new Disparities(settings);
        List<DisparityRow> metrics = new ArrayList<>();
        try {
            if (measures) {
                ctx.progress().step(name(), "counting measure populations by stratum");
                List<Row> counts = StratumCounts.measures(measurePatient, strata, dimensions, band).collectAsList();
                Map<RateKey, MeasureRates.Result> rates = MeasureRates.compute(counts, settings, standardisation);
                rates.forEach((key, r) -> metrics.addAll(disparities.compute(key, r.equityRates(),
                        settings.polarity(key.measureId()), true)));
                List<Row> rows = new ArrayList<>();
                rates.values().forEach(r -> rows.addAll(r.rows()));
                gold.overwrite(GoldTable.MEASURE_RATES, spark.createDataFrame(rows, GoldTable.MEASURE_RATES.schema()));
                ctx.progress().step(name(), "stratified " + rates.size() + " measure-periods");
            }
            if (utilization) {
                ctx.progress().step(name(), "counting utilization by stratum");
                List<Row> counts = StratumCounts.utilization(utilizationPerson, strata, dimensions, band)
                        .collectAsList();
                Map<RateKey, UtilizationGroupRates.Result> rates = UtilizationGroupRates.compute(counts, settings,
                        standardisation);
                rates.forEach((key, r) -> metrics.addAll(disparities.compute(key, r.rates(),
                        settings.utilizationPolarity(), false)));
                List<Row> rows = new ArrayList<>();
                rates.values().forEach(r -> rows.addAll(r.rows()));
                gold.overwrite(GoldTable.UTILIZATION_GROUP_RATES,
                        spark.createDataFrame(rows, GoldTable.UTILIZATION_GROUP_RATES.schema()));
                ctx.progress().step(name(), "stratified " + rates.size() + " utilization measure-periods");
            }
        } finally {
            strata.unpersist();
        }
        metrics.addAll(new GapTrend(settings.confidence()).changes(metrics));
        gold.overwrite(GoldTable.DISPARITIES, spark.createDataFrame(metrics.stream().map(DisparityRow::toRow).toList(),
                GoldTable.DISPARITIES.schema()));
        ctx.progress().step(name(), "wrote " + metrics.size() + " disparity metrics");
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
}
