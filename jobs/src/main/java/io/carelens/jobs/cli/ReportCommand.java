package io.carelens.jobs.cli;

import io.carelens.jobs.report.ReportStage;
import io.carelens.jobs.run.StageContext;
import io.carelens.jobs.run.StageRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code carelens report}: the evaluators' dashboard from the gold tables, one HTML file; prints its path. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write the evaluators' dashboard (one self-contained HTML file) from the gold tables "
                + "and print its path.")
public final class ReportCommand extends StageCommand {
    @Option(names = "--out", paramLabel = "FILE",
            description = "the dashboard file (default: carelens.report.out, else <warehouse>/../report/"
                    + "carelens-dashboard.html)")
    String out;

    @Override
    protected void run(StageContext context) {
        ReportStage stage = new ReportStage(out);
        StageRunner.runAlone(stage, context);
        System.out.println(stage.written());
    }
}
