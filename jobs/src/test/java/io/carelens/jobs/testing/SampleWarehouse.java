package io.carelens.jobs.testing;

import io.carelens.common.period.ReportingPeriod;
import io.carelens.jobs.equity.EquityStage;
import io.carelens.jobs.evaluation.EvaluationStage;
import io.carelens.jobs.ingest.CanonicalSource;
import io.carelens.jobs.ingest.IngestStage;
import io.carelens.jobs.measures.MeasuresStage;
import io.carelens.jobs.run.Stage;
import io.carelens.jobs.run.StageContext;
import io.carelens.jobs.utilization.UtilizationStage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import io.carelens.jobs.run.StageRunner;

/**
 * The bundled sample-data/ ingested once per test JVM into one warehouse, with the stages the planted-effect tests
 * check run on it at most once each, when a test first needs them. Ingesting the 3,000 sample people is the slowest
 * part of every test that recovers a planted effect (sample-data/PLANTED-EFFECTS.md); those tests share it instead
 * of each repeating it. Surefire runs every test class in one JVM (forkCount 1, reuseForks), so the whole suite
 * ingests the sample once.
 *
 * <p>The stages always run in one fixed order, each after all those before it, the order {@code carelens run} takes
 * from their declarations: {@link Step#MEASURES}, {@link Step#UTILIZATION}, {@link Step#EQUITY},
 * {@link Step#EVALUATION}; so every stage sees the same inputs whichever test class runs first. The configuration is
 * the default one, plus the evaluation restricted to ED visits by dual status; measures are CMS2 for 2025. Tests read
 * the warehouse and must not write to it.
 */
public final class SampleWarehouse {
    /** The stages run on the sample, in the order they run. */
    public enum Step {
        MEASURES, UTILIZATION, EQUITY, EVALUATION
    }

    private static final Path SAMPLE = Path.of("..", "sample-data").toAbsolutePath().normalize();
    /** The sample tables the stages read (medication, request and referral are left out to keep ingest short). */
    private static final List<String> TABLES = List.of("patient", "coverage", "area", "attribution", "encounter",
            "condition", "procedure", "observation");
    private static final Map<String, ?> CONFIG = Map.of("evaluation.dimensions", List.of("dual_status"),
            "evaluation.utilization", List.of("ED_VISITS"));

    private static StageContext context;
    private static int stepsRun;

    private SampleWarehouse() {
    }

    /** The sample warehouse after {@code last} and every step before it have run. */
    public static synchronized StageContext after(Step last) {
        if (context == null) {
            StageContext ingested = SharedSpark.context(CONFIG);
            StageRunner.runAlone(new IngestStage(new CanonicalSource(), sampleSubset().toString()), ingested);
            context = ingested;
        }
        while (stepsRun <= last.ordinal()) {
            StageRunner.runAlone(stage(Step.values()[stepsRun]), context);
            stepsRun++;
        }
        return context;
    }

    private static Stage stage(Step step) {
        return switch (step) {
            case EVALUATION -> new EvaluationStage();
            case MEASURES -> new MeasuresStage(List.of(ReportingPeriod.calendarYear(2025)), List.of("CMS2"));
            case EQUITY -> new EquityStage();
            case UTILIZATION -> new UtilizationStage();
        };
    }

    private static Path sampleSubset() {
        try {
            Path input = Files.createTempDirectory("carelens-sample-");
            for (String t : TABLES) {
                Files.copy(SAMPLE.resolve(t + ".csv"), input.resolve(t + ".csv"));
            }
            return input;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
