package io.carelens.jobs.cli;

import io.carelens.jobs.caregaps.CareGapsStage;
import io.carelens.jobs.equity.EquityStage;
import io.carelens.jobs.evaluation.EvaluationStage;
import io.carelens.jobs.measures.MeasuresStage;
import io.carelens.jobs.report.ReportStage;
import io.carelens.jobs.run.Stage;
import io.carelens.jobs.run.StageRunner;
import io.carelens.jobs.utilization.UtilizationStage;
import java.util.ArrayList;
import java.util.List;

/**
 * The stages of {@code carelens run}: ingest, then every later stage, ordered by {@link StageRunner#order} from the
 * tables each declares it reads and writes.
 */
final class Pipeline {
    private Pipeline() {
    }

    /** Every stage after ingest, with its default settings. */
    static List<Stage> afterIngest() {
        return List.of(new MeasuresStage(), new UtilizationStage(), new CareGapsStage(), new EquityStage(),
                new EvaluationStage(),
                new ReportStage(null));
    }

    /** {@code ingest} and every later stage, in the order they run. */
    static List<Stage> all(Stage ingest) {
        List<Stage> stages = new ArrayList<>(List.of(ingest));
        stages.addAll(afterIngest());
        return StageRunner.order(stages);
    }
}
