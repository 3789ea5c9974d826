package io.carelens.jobs.cli;

import io.carelens.jobs.evaluation.EvaluationStage;
import io.carelens.jobs.run.StageContext;
import io.carelens.jobs.run.StageRunner;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code carelens evaluate}: difference-in-differences of every measure and the performance-based adjustment. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate a program: difference-in-differences (intervention vs comparison, baseline vs "
                + "performance) of every measure and utilization rate, overall, per stratum and per gap, into "
                + "gold/evaluation; performance-based adjustment per practice into gold/pba.")
public final class EvaluateCommand extends StageCommand {
    @Option(names = "--program", paramLabel = "ID", description = "program_id in silver/attribution "
            + "(default: carelens.evaluation.program-id)")
    String program;

    @Option(names = "--baseline", arity = "2", paramLabel = "DATE",
            description = "baseline period: first and last day, yyyy-MM-dd")
    String[] baseline;

    @Option(names = "--performance", arity = "2", paramLabel = "DATE",
            description = "performance period: first and last day, yyyy-MM-dd")
    String[] performance;

    @Override
    protected Map<String, Object> overrides() {
        Map<String, Object> o = new HashMap<>();
        if (program != null) {
            o.put("evaluation.program-id", program);
        }
        if (baseline != null) {
            o.put("evaluation.baseline", baseline[0] + ".." + baseline[1]);
        }
        if (performance != null) {
            o.put("evaluation.performance", performance[0] + ".." + performance[1]);
        }
        return o;
    }

    @Override
    protected void run(StageContext context) {
        StageRunner.runAlone(new EvaluationStage(), context);
    }
}
