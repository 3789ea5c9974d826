package io.carelens.jobs.cli;

import io.carelens.jobs.caregaps.CareGapsStage;
import io.carelens.jobs.equity.EquityStage;
import io.carelens.jobs.evaluation.EvaluationStage;
import io.carelens.jobs.measures.MeasuresStage;
import io.carelens.jobs.report.ReportStage;
import io.carelens.jobs.run.Stage;
import io.carelens.jobs.utilization.UtilizationStage;
import java.util.List;

/** The stages that follow ingest in {@code carelens run}, in order: each reads what the previous ones wrote. */
final class Pipeline {
    private Pipeline() {
    }

    static List<Stage> afterIngest() {
        return List.of(
                new MeasuresStage(),
                new UtilizationStage(),
                new CareGapsStage(),
                new EquityStage(),
                new EvaluationStage(),
                new ReportStage(null));
    }
}
