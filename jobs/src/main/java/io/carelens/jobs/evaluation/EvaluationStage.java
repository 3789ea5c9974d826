package io.carelens.jobs.evaluation;

import static org.apache.spark.sql.functions.col;

import io.carelens.common.delta.GoldWriter;
import io.carelens.common.delta.Warehouse;
import io.carelens.common.privacy.PersonIds;
import io.carelens.common.schema.CanonicalTable;
import io.carelens.common.schema.GoldTable;
import io.carelens.jobs.equity.EquitySettings;
import io.carelens.jobs.run.Input;
import io.carelens.jobs.run.Stage;
import io.carelens.jobs.run.StageContext;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The evaluation stage: for every quality measure and utilization outcome, the difference-in-differences of the
 * program's intervention vs comparison arm, baseline vs performance period, overall, per equity stratum and for each
 * stratum's gap to its reference group (gold/evaluation); and a Primary Care First style performance-based
 * adjustment per intervention practice (gold/pba). Both tables are replaced for the program evaluated, leaving other
 * programs' rows. docs/evaluation.md describes the method. Outcomes come only from gold tables
 * (gold/measure_patient, gold/utilization_events), as the measures and utilization stages defined them.
 *
 * <p>Attribution spans and strata taken from silver go through the same {@link PersonIds} as the gold
 * person tables before they are joined to them, so with {@code carelens.privacy.pseudonymize} on every join is on
 * the pseudonym and the published estimates are the same as with it off.
 */
public final class EvaluationStage implements Stage {
    public static final String NAME = "evaluation";

    /**
     * Always generates code: on the sample it ran slower with expressions interpreted, in each of three whole runs.
     */
    @Override
    public boolean interpretsSmallInputs() {
        return false;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Without a program's attribution there is nothing to evaluate: {@code carelens run} skips the stage. */
    @Override
    public List<Input> reads() {
        return List.of(Input.skipWithout(CanonicalTable.ATTRIBUTION.silverPath()),
                Input.required(CanonicalTable.PATIENT.silverPath()),
                Input.whenPresent(CanonicalTable.COVERAGE.silverPath()),
                Input.whenPresent(CanonicalTable.AREA.silverPath()),
                Input.whenPresent(GoldTable.MEASURE_PATIENT.path()),
                Input.required(GoldTable.UTILIZATION_EVENTS.path()));
    }

    @Override
    public List<String> writes() {
        return List.of(GoldTable.EVALUATION.path(), GoldTable.PBA.path());
    }

    @Override
    public void run(StageContext ctx) {
        EvaluationSettings settings = EvaluationSettings.from(ctx.config());
        Warehouse warehouse = ctx.warehouse();
        GoldWriter gold = new GoldWriter(warehouse);

        PersonIds ids = PersonIds.from(ctx.config());
        Dataset<Row> periods = Periods.table(ctx.spark(), settings);
        Dataset<Row> spans = ids.apply(AttributedTime.spans(warehouse, settings)).cache();
        Dataset<Row> attributed = AttributedTime.build(spans, periods).cache();
        Dataset<Row> outcomes = PersonOutcomes.build(warehouse, settings, periods, spans, attributed).cache();
        EquitySettings equity = EquitySettings.from(ctx.config());
        Dataset<Row> strata = EvaluationStrata.build(warehouse, equity, settings, ids);
        try {
            ctx.progress().step(NAME, "aggregating arms x periods x strata for program " + settings.programId());
            SufficientStatistics stats = SufficientStatistics.compute(outcomes, strata);
            List<Effect> effects = new EffectEstimator(settings.pairedMinimumShare()).estimate(stats);
            Set<CellKey.StratumKey> suppressed = new EvaluationSuppression(settings.threshold()).suppressed(effects);
            Map<String, String> references = ReferenceGroups.of(settings.dimensions(), equity, stats.cells());
            List<Row> rows = EvaluationRows.build(effects, suppressed, references).stream()
                    .map(r -> r.toRow(settings.programId(), settings)).toList();
            gold.replaceWhere(GoldTable.EVALUATION, programPredicate(settings),
                    ctx.spark().createDataFrame(rows, GoldTable.EVALUATION.schema()));
            ctx.progress().step(NAME, rows.size() + " evaluation rows, " + suppressed.size() + " strata suppressed");

            PerformanceBasedAdjustment pba = new PerformanceBasedAdjustment(settings.pba(), settings.threshold());
            List<Row> pbaRows = pba.adjust(PerformanceBasedAdjustment.practices(ahu(warehouse, settings, periods,
                            spans, attributed, outcomes))).stream()
                    .map(a -> pba.toRow(settings.programId(), settings, a)).toList();
            gold.replaceWhere(GoldTable.PBA, programPredicate(settings),
                    ctx.spark().createDataFrame(pbaRows, GoldTable.PBA.schema()));
            ctx.progress().step(NAME, pbaRows.size() + " practices adjusted");
        } finally {
            outcomes.unpersist();
            attributed.unpersist();
            spans.unpersist();
        }
    }

    /** The acute-stay (AHU) person outcomes: among those evaluated when they are, else computed here. */
    private static Dataset<Row> ahu(Warehouse warehouse, EvaluationSettings settings, Dataset<Row> periods,
                                    Dataset<Row> spans, Dataset<Row> attributed, Dataset<Row> outcomes) {
        String id = UtilizationEventSource.ACUTE_STAYS;
        if (settings.utilization().contains(id) || settings.utilization().contains(UtilizationEventSource.ALL)) {
            return outcomes.where(col("measure_id").equalTo(id));
        }
        return PersonOutcomes.utilization(UtilizationEventSource.events(warehouse, List.of(id)),
                UtilizationEventSource.rateIds(warehouse, List.of(id)), periods, spans, attributed);
    }

    private static String programPredicate(EvaluationSettings settings) {
        return "program_id = '" + settings.programId().replace("'", "''") + "'";
    }
}
