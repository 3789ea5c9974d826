package io.carelens.jobs.cli;

import io.carelens.common.config.ConfigurationException;
import io.carelens.common.period.ReportingPeriod;
import io.carelens.jobs.measures.MeasuresStage;
import io.carelens.jobs.run.StageContext;
import io.carelens.jobs.run.StageRunner;
import java.time.LocalDate;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code carelens measures}: the eCQMs and SDOH measures per person into gold/measure_patient. */
@Command(name = "measures", mixinStandardHelpOptions = true,
        description = "Compute quality measures (CMS122, CMS165, CMS125, CMS130, CMS2, CMS159, CMS138-1/-2/-3, SDOH-*) "
                + "for a measurement period into gold/measure_patient; carelens equity publishes their rates.")
public final class MeasuresCommand extends StageCommand {
    @Option(names = "--period-start", paramLabel = "DATE", description = "first day of the measurement period (YYYY-MM-DD)")
    LocalDate periodStart;

    @Option(names = "--period-end", paramLabel = "DATE", description = "last day of the measurement period (YYYY-MM-DD)")
    LocalDate periodEnd;

    @Option(names = "--measures", split = ",", paramLabel = "ID",
            description = "measures to compute, comma-separated (default: carelens.measures.measures, i.e. all)")
    List<String> measures = List.of();

    @Mixin
    IncrementalOption incremental;

    @Override
    protected void run(StageContext context) {
        incremental.applyTo(context);
        if ((periodStart == null) != (periodEnd == null)) {
            throw new ConfigurationException("give both --period-start and --period-end, or neither");
        }
        List<ReportingPeriod> periods = periodStart == null ? List.of() : List.of(new ReportingPeriod(periodStart, periodEnd));
        StageRunner.runAlone(new MeasuresStage(periods, measures), context);
    }
}
