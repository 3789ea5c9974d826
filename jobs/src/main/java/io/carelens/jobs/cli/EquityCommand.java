package io.carelens.jobs.cli;

import io.carelens.jobs.equity.EquityStage;
import io.carelens.jobs.run.StageContext;
import io.carelens.jobs.run.StageRunner;
import picocli.CommandLine.Command;

/** {@code carelens equity}: stratified rates, disparity metrics and their trend, under small-cell suppression. */
@Command(name = "equity", mixinStandardHelpOptions = true,
        description = "Stratify measures and utilization by the configured equity dimensions; write rates by group "
                + "and disparity metrics (gold/measure_rates, gold/utilization_group_rates, gold/disparities).")
public final class EquityCommand extends StageCommand {
    @Override
    protected void run(StageContext context) {
        StageRunner.runAlone(new EquityStage(), context);
    }
}
