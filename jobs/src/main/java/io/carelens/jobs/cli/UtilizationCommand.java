package io.carelens.jobs.cli;

import io.carelens.jobs.run.StageContext;
import io.carelens.jobs.run.StageRunner;
import io.carelens.jobs.utilization.UtilizationStage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code carelens utilization}: member months, ED visits (NYU), PQI, follow-up, stays and their rates. */
@Command(name = "utilization", mixinStandardHelpOptions = true,
        description = "Member months, ED visits with NYU classification, PQI, ED follow-up, inpatient/observation "
                + "stays and rates per person-year (gold/member_months, gold/ed_visits, gold/utilization_rates).")
public final class UtilizationCommand extends StageCommand {
    @Mixin
    IncrementalOption incremental;

    @Override
    protected void run(StageContext context) {
        incremental.applyTo(context);
        StageRunner.runAlone(new UtilizationStage(), context);
    }
}
