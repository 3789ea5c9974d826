package io.carelens.jobs.cli;

import io.carelens.jobs.ingest.IngestStage;
import io.carelens.jobs.ingest.Sources;
import io.carelens.jobs.run.StageContext;
import io.carelens.jobs.run.StageRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code carelens ingest}: a source folder into bronze and silver, with quarantine and reconciliation. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Ingest a source folder into bronze and silver Delta tables, quarantining bad rows.")
public final class IngestCommand extends StageCommand {
    @Option(names = "--source", defaultValue = "canonical",
            description = "source kind: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})",
            completionCandidates = Sources.Names.class)
    String source;

    @Option(names = "--path", required = true, paramLabel = "DIR", description = "folder holding the source files")
    String path;

    @Override
    protected void run(StageContext context) {
        StageRunner.runAlone(new IngestStage(Sources.byName(source), path), context);
    }
}
