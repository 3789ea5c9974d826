package io.carelens.jobs.privacy;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carelens.common.config.CareLensConfig;
import io.carelens.common.delta.Warehouse;
import io.carelens.common.period.ReportingPeriod;
import io.carelens.jobs.equity.EquityStage;
import io.carelens.jobs.evaluation.EvaluationStage;
import io.carelens.jobs.generate.Generator;
import io.carelens.jobs.generate.GeneratorSettings;
import io.carelens.jobs.ingest.CanonicalSource;
import io.carelens.jobs.ingest.IngestStage;
import io.carelens.jobs.measures.MeasuresStage;
import io.carelens.jobs.report.ReportStage;
import io.carelens.jobs.run.Progress;
import io.carelens.jobs.run.Stage;
import io.carelens.jobs.run.StageContext;
import io.carelens.jobs.testing.SharedSpark;
import io.carelens.jobs.utilization.UtilizationStage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Privacy end to end: a small generated population whose every person-level identifier (person, encounter,
 * condition, procedure, observation, medication, request, referral and coverage ids, the rendering provider) and a
 * free-text patient column carry a marker string runs through the whole pipeline with pseudonymization on. The
 * marker must appear in no log line (log4j at INFO, captured), no progress line, not in the dashboard and in no
 * gold table. The input also holds faulty encounters carrying the marker: one with an unparseable start, one with an
 * unknown class, and one repeating a key with other content, so that quarantine and data-quality flags see it and
 * their messages are shown not to leak. Silver (quarantine and flags included) may keep it: that is the input.
 */
class PrivacyMarkerTest {
    private static final String MARKER = "QZMARKERZQ";
    /** Identifier columns that name a person or one of their records (organisations and programs are published). */
    private static final List<String> MARKED = List.of("person_id", "encounter_id", "condition_id", "procedure_id",
            "observation_id", "parent_observation_id", "medication_id", "request_id", "referral_id",
            "source_observation_id", "coverage_id", "provider_id");
    private static final String FREE_TEXT = "clinical_note";

    private static Warehouse warehouse;
    private static String logs;
    private static String progress;
    private static String dashboard;

    @BeforeAll
    static void runThePipelineOnMarkedData() throws IOException {
        Path generated = Files.createTempDirectory("carelens-marker-gen-");
        new Generator(SharedSpark.spark(), new GeneratorSettings(80, 7, 2024, 2, LocalDate.of(2025, 12, 31)),
                Progress.silent()).generate(generated.toString());
        Path input = Files.createTempDirectory("carelens-marker-in-");
        mark(generated, input);

        Path root = SharedSpark.newWarehouse();
        Map<String, Object> settings = new HashMap<>(Map.of("privacy.pseudonymize", true,
                "privacy.key", "privacy-marker-test-key", "report.out", root.resolve("dashboard.html").toString()));
        ByteArrayOutputStream progressBytes = new ByteArrayOutputStream();
        StageContext ctx = new StageContext(CareLensConfig.load(null, settings), SharedSpark.spark(), root.toString(),
                new Progress(new PrintStream(progressBytes, true, StandardCharsets.UTF_8), false));
        ReportStage report = new ReportStage(null);
        List<Stage> stages = List.of(new IngestStage(new CanonicalSource(), input.toString()),
                new MeasuresStage(List.of(ReportingPeriod.calendarYear(2025)), List.of("CMS2", "CMS122")),
                new UtilizationStage(), new EquityStage(), new EvaluationStage(), report);
        logs = captureLogs(() -> stages.forEach(s -> s.run(ctx)));
        progress = progressBytes.toString(StandardCharsets.UTF_8);
        dashboard = Files.readString(report.written());
        warehouse = ctx.warehouse();
    }

    @Test
    void theMarkerReachedSilver() {
        assertTrue(warehouse.read("silver/patient").where(col("person_id").startsWith(MARKER)).count() > 0);
        assertTrue(warehouse.read("silver/encounter").where(col("encounter_id").startsWith(MARKER)).count() > 0);
        assertTrue(warehouse.read("silver/patient").where(col(FREE_TEXT).contains(MARKER)).count() > 0);
    }

    @Test
    void theFaultyRowsWereQuarantinedAndFlaggedWithTheirContent() {
        assertEquals(3, warehouse.read("silver/quarantine")
                .where(col("entity").equalTo("encounter").and(col("record").contains(MARKER))).count());
        assertEquals(1, warehouse.read("silver/data_quality_flags")
                .where(col("entity").equalTo("encounter").and(col("field").equalTo("encounter_class"))).count());
    }

    @Test
    void noLogOrProgressLineCarriesTheMarker() {
        assertTrue(logs.contains("INFO"), "log4j output was captured");
        assertTrue(progress.contains("ingest"), "progress lines were captured");
        assertEquals(List.of(), linesWithMarker(logs), "log4j output");
        assertEquals(List.of(), linesWithMarker(progress), "progress lines");
    }

    @Test
    void theDashboardDoesNotCarryTheMarker() {
        assertTrue(dashboard.length() > 1000, "dashboard written");
        assertFalse(dashboard.contains(MARKER));
    }

    @Test
    void noGoldTableCarriesTheMarker() {
        List<String> gold = warehouse.tables().stream().filter(t -> t.startsWith("gold/")).toList();
        assertTrue(gold.size() > 5, "gold tables: " + gold);
        for (String table : gold) {
            Dataset<Row> rows = warehouse.read(table);
            Column all = to_json(struct(Arrays.stream(rows.columns()).map(c -> col("`" + c + "`")).toArray(Column[]::new)));
            assertEquals(0, rows.where(all.contains(MARKER)).count(), table);
        }
    }

    /** Copies each generated table with the marker in front of its identifiers, plus a free-text patient column. */
    private static void mark(Path generated, Path input) throws IOException {
        try (Stream<Path> files = Files.list(generated)) {
            for (Path csv : files.filter(p -> p.getFileName().toString().endsWith(".csv")).toList()) {
                String table = csv.getFileName().toString().replace(".csv", "");
                Dataset<Row> rows = SharedSpark.spark().read().option("header", "true").csv(csv.toString());
                for (String c : rows.columns()) {
                    if (MARKED.contains(c)) {
                        rows = rows.withColumn(c, concat(lit(MARKER), col(c)));
                    }
                }
                if (table.equals("patient")) {
                    rows = rows.withColumn(FREE_TEXT, concat(lit("seen by Dr. "), lit(MARKER), col("person_id")));
                }
                if (table.equals("encounter")) {
                    rows = rows.unionByName(faulty(rows.limit(1)));
                }
                rows.coalesce(1).write().mode(SaveMode.Overwrite).option("header", "true")
                        .csv(input.resolve(table).toString());
            }
        }
    }

    /**
     * Three faulty copies of an encounter: an unparseable start (quarantined), an unknown class (flagged, kept) and
     * the same key with another provider (both rows of the key quarantined as a conflict).
     */
    private static Dataset<Row> faulty(Dataset<Row> encounter) {
        Dataset<Row> badStart = encounter.withColumn("encounter_id", lit(MARKER + "-bad-start"))
                .withColumn("start_ts", lit(MARKER + "-2025-02-30"));
        Dataset<Row> badClass = encounter.withColumn("encounter_id", lit(MARKER + "-bad-class"))
                .withColumn("encounter_class", lit(MARKER + "-CLASS"));
        Dataset<Row> conflict = encounter.withColumn("provider_id", lit(MARKER + "-other-provider"));
        return badStart.unionByName(badClass).unionByName(conflict);
    }

    private static List<String> linesWithMarker(String text) {
        return text.lines().filter(l -> l.contains(MARKER)).limit(5).toList();
    }

    /** Runs {@code work} with every log4j event at INFO and above written to a string (and not to the console). */
    private static String captureLogs(Runnable work) {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        StringWriter sink = new StringWriter();
        Appender capture = WriterAppender.newBuilder().setName("privacy-capture").setTarget(sink)
                .setLayout(PatternLayout.newBuilder().withPattern("%p %c %m%n").build()).build();
        capture.start();
        LoggerConfig root = config.getRootLogger();
        Level level = root.getLevel();
        Map<String, Appender> before = Map.copyOf(root.getAppenders());
        before.keySet().forEach(root::removeAppender);
        root.addAppender(capture, Level.INFO, null);
        root.setLevel(Level.INFO);
        context.updateLoggers();
        try {
            work.run();
        } finally {
            root.removeAppender(capture.getName());
            before.values().forEach(a -> root.addAppender(a, null, null));
            root.setLevel(level);
            context.updateLoggers();
            capture.stop();
        }
        return sink.toString();
    }
}
