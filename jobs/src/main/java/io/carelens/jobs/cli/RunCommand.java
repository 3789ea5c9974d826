package io.carelens.jobs.cli;

import io.carelens.jobs.ingest.IngestStage;
import io.carelens.jobs.ingest.Sources;
import io.carelens.jobs.report.ReportStage;
import io.carelens.jobs.run.Stage;
import io.carelens.jobs.run.StageContext;
import io.carelens.jobs.run.StageRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code carelens run}: the whole pipeline; with no arguments, on the bundled sample data into ./warehouse. Its
 * last line on standard output is the path of the dashboard.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the whole pipeline: ingest, then every later stage. Default input: the bundled sample-data/.")
public final class RunCommand extends StageCommand {
    @Option(names = "--source", defaultValue = "canonical", description = "source kind (default: ${DEFAULT-VALUE})")
    String source;

    @Option(names = "--path", paramLabel = "DIR", description = "source folder (default: the bundled sample-data/)")
    String path;

    @Mixin
    IncrementalOption incremental;

    @Override
    protected void run(StageContext context) {
        incremental.applyTo(context);
        String input = path != null ? path : sampleData();
        Path dashboard = null;
        for (Stage s : Pipeline.all(new IngestStage(Sources.byName(source), input))) {
            if (StageRunner.runInPipeline(s, context) && s instanceof ReportStage report) {
                dashboard = report.written();
            }
        }
        context.progress().step("run", "done; warehouse " + context.warehouse().root());
        if (dashboard != null) {
            System.out.println(dashboard);
        }
    }

    /** sample-data/ of the working directory, else of the CareLens installation (bin/carelens sets CARELENS_HOME). */
    static String sampleData() {
        Path local = Path.of("sample-data");
        if (Files.isDirectory(local)) {
            return local.toAbsolutePath().toString();
        }
        String home = System.getenv("CARELENS_HOME");
        if (home != null && Files.isDirectory(Path.of(home, "sample-data"))) {
            return Path.of(home, "sample-data").toAbsolutePath().toString();
        }
        throw new io.carelens.common.config.ConfigurationException(
                "no sample-data/ folder here or in CARELENS_HOME; give --path DIR");
    }
}
