package io.carelens.jobs.privacy;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carelens.common.period.ReportingPeriod;
import io.carelens.common.schema.GoldTable;
import io.carelens.common.delta.TableDigest;
import io.carelens.common.delta.Warehouse;
import io.carelens.common.privacy.Pseudonymizer;
import io.carelens.common.schema.CanonicalTable;
import io.carelens.jobs.equity.EquityStage;
import io.carelens.jobs.evaluation.EvaluationStage;
import io.carelens.jobs.generate.Generator;
import io.carelens.jobs.generate.GeneratorSettings;
import io.carelens.jobs.ingest.CanonicalSource;
import io.carelens.jobs.ingest.IngestStage;
import io.carelens.jobs.measures.MeasuresStage;
import io.carelens.jobs.run.Progress;
import io.carelens.jobs.run.Stage;
import io.carelens.jobs.run.StageContext;
import io.carelens.jobs.testing.SharedSpark;
import io.carelens.jobs.utilization.UtilizationStage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import io.carelens.jobs.run.StageRunner;

/**
 * {@code carelens.privacy.pseudonymize} end to end: 200 generated people over 2024 (baseline) and 2025 (performance)
 * ingested once, then measures (CMS2), utilization, equity and evaluation run on two copies of the same silver tables,
 * with pseudonymization off and on, small-cell thresholds at their minimum so that nearly every count is published.
 * The published aggregates, suppression pattern included, must not change; no source person id may reach a gold
 * table; and every gold person-level table must be the plain run's table with {@code person_id} replaced by its HMAC
 * under the key ({@link PseudonymizerTest} checks that expression against the JDK's HMAC-SHA256).
 */
class PseudonymizedPipelineTest {
    private static final String KEY = "pipeline-test-key-2026";
    private static final Map<String, Object> SETTINGS = Map.of(
            "privacy.small-cell-threshold", 1,
            "evaluation.baseline", "2024-01-01..2024-12-31",
            "evaluation.performance", "2025-01-01..2025-12-31");
    private static final double TOLERANCE = 1e-9;
    /** Tables holding aggregates only: identical with and without pseudonymization. */
    private static final List<String> AGGREGATES = List.of(GoldTable.MEASURE_RATES.path(),
            GoldTable.UTILIZATION_RATES.path(), GoldTable.UTILIZATION_GROUP_RATES.path(), GoldTable.DISPARITIES.path(),
            GoldTable.EVALUATION.path(), GoldTable.PBA.path());

    private static Warehouse plain;
    private static Warehouse pseudonymized;

    @BeforeAll
    static void runTwice() throws IOException {
        Path input = Files.createTempDirectory("carelens-privacy-");
        new Generator(SharedSpark.spark(), new GeneratorSettings(200, 5, 2024, 2, LocalDate.of(2025, 12, 31)),
                Progress.silent()).generate(input.toString());
        Path plainRoot = SharedSpark.newWarehouse();
        StageRunner.runAlone(new IngestStage(new CanonicalSource(), input.toString()), SharedSpark.context(plainRoot, Map.of()));
        Path pseudonymizedRoot = SharedSpark.newWarehouse();
        copySilver(plainRoot, pseudonymizedRoot);

        plain = pipeline(SharedSpark.context(plainRoot, with(Map.of("privacy.pseudonymize", false))));
        pseudonymized = pipeline(SharedSpark.context(pseudonymizedRoot,
                with(Map.of("privacy.pseudonymize", true, "privacy.key", KEY))));
    }

    private static Map<String, Object> with(Map<String, Object> privacy) {
        Map<String, Object> all = new HashMap<>(SETTINGS);
        all.putAll(privacy);
        return all;
    }

    private static Warehouse pipeline(StageContext ctx) {
        MeasuresStage measures = new MeasuresStage(
                List.of(ReportingPeriod.calendarYear(2024), ReportingPeriod.calendarYear(2025)), List.of("CMS2"));
        for (Stage stage : List.of(measures, new UtilizationStage(), new EquityStage(), new EvaluationStage())) {
            StageRunner.runAlone(stage, ctx);
        }
        return ctx.warehouse();
    }

    @Test
    void publishedAggregatesAreTheSameWithPseudonymizationOnOrOff() {
        for (String table : AGGREGATES) {
            assertTrue(plain.read(table).count() > 0, table + " is empty: the comparison would prove nothing");
            assertSameRows(table, plain.read(table), pseudonymized.read(table));
        }
    }

    @Test
    void noSourcePersonIdReachesAGoldTable() {
        Dataset<Row> sourceIds = pseudonymized.read(CanonicalTable.PATIENT.silverPath()).select("person_id");
        List<String> tables = personTables(pseudonymized);
        assertTrue(tables.containsAll(List.of(GoldTable.MEASURE_PATIENT.path(), GoldTable.MEMBER_MONTHS.path(),
                GoldTable.UTILIZATION_EVENTS.path(), GoldTable.UTILIZATION_PERSON.path())), "gold person tables: " + tables);
        for (String table : tables) {
            Dataset<Row> ids = pseudonymized.read(table).select("person_id");
            assertTrue(ids.count() > 0, table + " is empty");
            assertEquals(0, ids.join(sourceIds, "person_id").count(), table + " carries source person ids");
            assertTrue(plain.read(table).select("person_id").join(sourceIds, "person_id").count() > 0,
                    table + " without pseudonymization should carry the source ids");
        }
    }

    /** Person ids, and the visit and stay ids that are source encounter ids, carry the keyed pseudonym. */
    @Test
    void everyGoldPersonTableIsThePlainOneWithItsPersonIdsKeyedHashed() {
        Pseudonymizer pseudonymizer = new Pseudonymizer(KEY);
        for (String table : personTables(plain)) {
            Dataset<Row> expected = plain.read(table);
            for (String id : List.of("person_id", "visit_id", "source_id")) {
                if (Arrays.asList(expected.columns()).contains(id)) {
                    expected = expected.withColumn(id, pseudonymizer.pseudonym(col(id)));
                }
            }
            assertSameRows(table, expected, pseudonymized.read(table));
        }
    }

    /** Gold tables with a person_id column. */
    private static List<String> personTables(Warehouse warehouse) {
        return warehouse.tables().stream().filter(t -> t.startsWith("gold/"))
                .filter(t -> Arrays.asList(warehouse.read(t).columns()).contains("person_id")).sorted().toList();
    }

    /** Same rows in any order; doubles may differ by summation order only. */
    private static void assertSameRows(String table, Dataset<Row> expected, Dataset<Row> actual) {
        List<Row> e = sorted(expected);
        List<Row> a = sorted(actual);
        assertEquals(e.size(), a.size(), table + ": row count");
        for (int i = 0; i < e.size(); i++) {
            for (int j = 0; j < e.get(i).size(); j++) {
                Object x = e.get(i).get(j);
                Object y = a.get(i).get(j);
                String where = table + " row " + e.get(i) + " column " + e.get(i).schema().fields()[j].name();
                if (x instanceof Double dx && y instanceof Double dy) {
                    assertEquals(dx, dy, TOLERANCE * Math.max(1.0, Math.abs(dx)), where);
                } else {
                    assertEquals(x, y, where);
                }
            }
        }
    }

    /** The rows without run-specific columns, ordered by every column (doubles last). */
    private static List<Row> sorted(Dataset<Row> rows) {
        StructField[] fields = Arrays.stream(rows.schema().fields())
                .filter(f -> !TableDigest.RUN_COLUMNS.contains(f.name()))
                .sorted((x, y) -> Boolean.compare(isDouble(x), isDouble(y))).toArray(StructField[]::new);
        Column[] columns = Arrays.stream(fields).map(f -> col(f.name())).toArray(Column[]::new);
        return rows.select(columns).orderBy(columns).collectAsList();
    }

    private static boolean isDouble(StructField f) {
        return f.dataType().equals(DataTypes.DoubleType);
    }

    /** The silver tables (and nothing else) of one warehouse copied into another, so both runs read the same data. */
    private static void copySilver(Path from, Path to) throws IOException {
        Path silver = from.resolve("silver");
        try (Stream<Path> files = Files.walk(silver)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p));
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        assertFalse(Files.notExists(to.resolve("silver").resolve("patient")), "silver/patient copied");
    }
}
