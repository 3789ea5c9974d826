package io.carelens.jobs.evaluation;

import static org.apache.spark.sql.functions.col;

import io.carelens.common.config.ConfigurationException;
import io.carelens.common.delta.Warehouse;
import io.carelens.common.privacy.PersonIds;
import io.carelens.jobs.equity.EquitySettings;
import io.carelens.common.schema.CanonicalTable;
import io.carelens.jobs.run.Stage;
import io.carelens.jobs.run.StageContext;
import io.carelens.jobs.utilization.UtilizationStage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The evaluation stage: for every quality measure and utilization outcome, the difference-in-differences of the
 * program's intervention vs comparison arm, baseline vs performance period, overall, per equity stratum and for each
 * stratum's gap to its reference group (gold/evaluation); and a Primary Care First style performance-based
 * adjustment per intervention practice (gold/pba). Both tables are replaced for the program evaluated, leaving other
 * programs' rows. docs/evaluation.md describes the method.
 *
 * <p>Attribution spans, strata and events taken from silver go through the same {@link PersonIds} as the gold
 * person tables before they are joined to them, so with {@code carelens.privacy.pseudonymize} on every join is on
 * the pseudonym and the published estimates are the same as with it off.
 */
public final class EvaluationStage implements Stage {
    public static final String NAME = "evaluation";
    public static final String TABLE = "gold/evaluation";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void run(StageContext ctx) {
        EvaluationSettings settings = EvaluationSettings.from(ctx.config());
        Warehouse warehouse = ctx.warehouse();
        List<String> inputs = inputs(warehouse, settings);
        inputs.forEach(t -> ctx.manifest().input(NAME, t));

        PersonIds ids = PersonIds.from(ctx.config());
        Dataset<Row> periods = Periods.table(ctx.spark(), settings);
        Dataset<Row> spans = ids.apply(AttributedTime.spans(warehouse, settings)).cache();
        Dataset<Row> attributed = AttributedTime.build(spans, periods).cache();
        Dataset<Row> outcomes = PersonOutcomes.build(warehouse, settings, ids, periods, spans, attributed).cache();
        Dataset<Row> strata = PersonStrata.build(warehouse, EquitySettings.from(ctx.config()), settings, ids);
        try {
            ctx.progress().step(NAME, "aggregating arms x periods x strata for program " + settings.programId());
            SufficientStatistics stats = SufficientStatistics.compute(outcomes, strata);
            List<Effect> effects = new EffectEstimator(settings.pairedMinimumShare()).estimate(stats);
            Set<CellKey.StratumKey> suppressed = new EvaluationSuppression(settings.threshold()).suppressed(effects);
            List<Row> rows = EvaluationRows.build(effects, suppressed, settings.references()).stream()
                    .map(r -> r.toRow(settings.programId(), settings)).toList();
            warehouse.replaceWhere(TABLE, programPredicate(settings),
                    ctx.spark().createDataFrame(rows, EvaluationRow.SCHEMA));
            ctx.manifest().output(NAME, TABLE);
            ctx.progress().step(NAME, rows.size() + " evaluation rows, " + suppressed.size() + " strata suppressed");

            PerformanceBasedAdjustment pba = new PerformanceBasedAdjustment(settings.pba(), settings.threshold());
            List<Row> pbaRows = pba.adjust(PerformanceBasedAdjustment.practices(ahu(warehouse, settings, ids, periods,
                            spans, attributed, outcomes))).stream()
                    .map(a -> pba.toRow(settings.programId(), settings, a)).toList();
            warehouse.replaceWhere(PerformanceBasedAdjustment.TABLE, programPredicate(settings),
                    ctx.spark().createDataFrame(pbaRows, PerformanceBasedAdjustment.SCHEMA));
            ctx.manifest().output(NAME, PerformanceBasedAdjustment.TABLE);
            ctx.progress().step(NAME, pbaRows.size() + " practices adjusted");
        } finally {
            outcomes.unpersist();
            attributed.unpersist();
            spans.unpersist();
        }
        ctx.manifest().commit(NAME);
    }

    /** The acute-stay (AHU) person outcomes: among those evaluated when they are, else computed here. */
    private static Dataset<Row> ahu(Warehouse warehouse, EvaluationSettings settings, PersonIds ids,
                                    Dataset<Row> periods, Dataset<Row> spans, Dataset<Row> attributed,
                                    Dataset<Row> outcomes) {
        String id = UtilizationEventSource.ACUTE_STAYS;
        if (settings.utilization().contains(id) || settings.utilization().contains(UtilizationEventSource.ALL)) {
            return outcomes.where(col("measure_id").equalTo(id));
        }
        return PersonOutcomes.utilization(UtilizationEventSource.events(warehouse, ids, List.of(id)),
                UtilizationEventSource.rateIds(warehouse, List.of(id)), periods, spans, attributed);
    }

    /** The tables read; fails with a clear message when a required one is missing. */
    private static List<String> inputs(Warehouse warehouse, EvaluationSettings settings) {
        List<String> inputs = new ArrayList<>();
        for (CanonicalTable t : List.of(CanonicalTable.ATTRIBUTION, CanonicalTable.PATIENT, CanonicalTable.ENCOUNTER)) {
            if (!warehouse.exists(t.silverPath())) {
                throw new ConfigurationException("the evaluation needs " + t.silverPath() + " in the warehouse "
                        + warehouse.root() + "; run carelens ingest (or carelens run) first");
            }
            inputs.add(t.silverPath());
        }
        for (String optional : List.of(CanonicalTable.COVERAGE.silverPath(), PersonOutcomes.MEASURE_PATIENT,
                UtilizationStage.EVENTS)) {
            if (warehouse.exists(optional)) {
                inputs.add(optional);
            }
        }
        return inputs;
    }

    private static String programPredicate(EvaluationSettings settings) {
        return "program_id = '" + settings.programId().replace("'", "''") + "'";
    }
}
