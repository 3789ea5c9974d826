package io.carelens.jobs.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.holdenkarau.spark.testing.JavaDatasetSuiteBase;
import io.carelens.common.schema.CanonicalTable;
import io.carelens.jobs.run.Reconciliation;
import io.carelens.jobs.run.RunManifest;
import io.carelens.jobs.run.StageContext;
import io.carelens.jobs.testing.SharedSpark;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import io.carelens.jobs.run.StageRunner;

class IngestStageTest {
    private static StageContext clean;
    private static List<Reconciliation> cleanCounts;

    static String fixture(String name) {
        try {
            return Paths.get(IngestStageTest.class.getResource("/ingest/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeAll
    static void ingestClean() {
        clean = SharedSpark.context(Map.of());
        IngestStage stage = new IngestStage(new CanonicalSource(), fixture("clean"));
        StageRunner.runAlone(stage, clean);
        cleanCounts = stage.reconciliations();
    }

    @Test
    void everyTableOfTheCleanSetIsAcceptedWhole() {
        Map<String, Reconciliation> byTable = cleanCounts.stream()
                .collect(Collectors.toMap(Reconciliation::table, r -> r));
        assertEquals(CanonicalTable.values().length, byTable.size(), "one reconciliation per canonical table");
        Map<String, Long> expectedRows = Map.ofEntries(Map.entry("patient", 4L), Map.entry("area", 3L),
                Map.entry("coverage", 3L), Map.entry("attribution", 2L), Map.entry("encounter", 3L),
                Map.entry("condition", 3L), Map.entry("procedure", 1L), Map.entry("observation", 4L),
                Map.entry("medication", 1L), Map.entry("request", 1L), Map.entry("referral", 1L));
        expectedRows.forEach((table, rows) -> {
            Reconciliation r = byTable.get(table);
            assertEquals(rows, r.read(), table);
            assertEquals(rows, r.accepted(), table + " accepted");
            assertEquals(rows, clean.warehouse().read("silver/" + table).count(), table + " silver rows");
        });
        assertTrue(!clean.warehouse().exists(Quarantine.TABLE)
                || clean.warehouse().read(Quarantine.TABLE).count() == 0);
    }

    @Test
    void valuesAreTypedAndCodeSystemsNormalised() {
        Row e2 = clean.warehouse().read("silver/encounter").where("encounter_id = 'e2'").head();
        assertEquals("2025-03-10 22:15:00.0", e2.getAs("start_ts").toString());
        Row d3 = clean.warehouse().read("silver/condition").where("condition_id = 'd3'").head();
        assertEquals("ICD10CM", d3.getAs("code_system"), "a FHIR URI maps to the short name");
        Row p4 = clean.warehouse().read("silver/patient").where("person_id = 'p4'").head();
        assertEquals("x", p4.getAs("tribal_affiliation"), "a user-added patient column is kept");
        Row o1 = clean.warehouse().read("silver/observation").where("observation_id = 'o1'").head();
        assertEquals(9.4, (Double) o1.getAs("value_num"), 1e-12);
        assertEquals(Path.of(fixture("clean"), "observation.csv").toString(), o1.getAs(CanonicalTable.SOURCE_FILE));
        assertEquals(2L, (Long) o1.getAs(CanonicalTable.SOURCE_ROW), "row number = physical line");
    }

    @Test
    void runManifestRecordsReconciliationVersionsAndConfiguration() {
        Dataset<Row> m = clean.warehouse().read(RunManifest.TABLE).where("run_id = '" + clean.runId() + "'");
        assertEquals(CanonicalTable.values().length, m.where("role = 'reconciliation'").count());
        Row enc = m.where("role = 'output' and table_name = 'silver/encounter'").head();
        assertEquals(clean.warehouse().version("silver/encounter"), (Long) enc.getAs("delta_version"));
        assertEquals(clean.config().hash(), enc.getAs("config_hash"));
        assertEquals(1, clean.warehouse().read(RunManifest.CONFIG_TABLE).where("run_id = '" + clean.runId() + "'").count());
    }

    @Test
    void eachValidationRuleQuarantinesItsRowWithItsReason() {
        StageContext ctx = SharedSpark.context(Map.of());
        IngestStage stage = new IngestStage(new CanonicalSource(), fixture("broken"));
        StageRunner.runAlone(stage, ctx);
        Map<String, String> reasonByRow = new HashMap<>();
        for (Row r : ctx.warehouse().read(Quarantine.TABLE).collectAsList()) {
            reasonByRow.merge(r.getAs("entity") + ":" + r.getAs("source_row"), r.getAs("reason_code"), (a, b) -> a + "," + b);
        }
        Map<String, String> expected = Map.ofEntries(
                Map.entry("patient:3", "MISSING_REQUIRED"), Map.entry("patient:4", "INVALID_TYPE"),
                Map.entry("patient:5", "BIRTH_AFTER_DEATH"), Map.entry("patient:6", "FUTURE_DATE"),
                Map.entry("patient:9", "DUPLICATE_KEY"),
                Map.entry("patient:10", "DUPLICATE_KEY"), Map.entry("patient:12", "MALFORMED_ROW"),
                Map.entry("patient:13", "MALFORMED_ROW"),
                Map.entry("encounter:3", "ORPHAN_PERSON"), Map.entry("encounter:4", "UNKNOWN_CODE_SYSTEM"),
                Map.entry("encounter:5", "END_BEFORE_START"), Map.entry("encounter:6", "EVENT_AFTER_DEATH"),
                Map.entry("encounter:7", "EVENT_BEFORE_BIRTH"), Map.entry("encounter:8", "FUTURE_DATE"),
                Map.entry("encounter:9", "INVALID_VALUE"));
        assertEquals(expected, reasonByRow);
        Row missing = ctx.warehouse().read(Quarantine.TABLE).where("entity = 'patient' and source_row = 3").head();
        assertEquals("field 'birth_date' is required but empty", missing.getAs("message"));
        assertTrue(((String) missing.getAs("source_file")).endsWith("broken/patient.csv"));

        Map<String, Reconciliation> counts = stage.reconciliations().stream()
                .collect(Collectors.toMap(Reconciliation::table, r -> r));
        assertEquals(new Reconciliation("patient", 12, 3, 8, 1, 1), counts.get("patient"));
        assertEquals(new Reconciliation("encounter", 8, 1, 7, 0), counts.get("encounter"));
        stage.reconciliations().forEach(r -> assertTrue(r.balances(), r.toString()));

        Row flag = ctx.warehouse().read(DataQualityFlags.TABLE).head();
        assertEquals(List.of("patient", "b6", "race", "INVALID_VALUE", 7L), List.of(flag.getAs("entity"),
                flag.getAs("key"), flag.getAs("field"), flag.getAs("reason_code"), flag.getAs("source_row")));
        assertEquals(1, ctx.warehouse().read(DataQualityFlags.TABLE).count());
        assertEquals("unknown", ctx.warehouse().read("silver/patient").where("person_id = 'b6'").head().getAs("race"),
                "an invalid race is kept as unknown, the person accepted");
        Row manifest = ctx.warehouse().read(RunManifest.TABLE)
                .where("role = 'reconciliation' and table_name = 'patient'").head();
        assertEquals(1L, (Long) manifest.getAs("rows_flagged"));
    }

    @Test
    void ingestingTheSameFilesAgainChangesNoContentAndACorrectedFileUpdatesItsRows() {
        StageContext ctx = SharedSpark.context(Map.of());
        StageRunner.runAlone(new IngestStage(new CanonicalSource(), fixture("clean")), ctx);
        Dataset<Row> before = content(ctx, "silver/encounter").localCheckpoint();
        Dataset<Row> patientsBefore = content(ctx, "silver/patient").localCheckpoint();
        long firstIngest = ctx.warehouse().version("silver/encounter");

        StageRunner.runAlone(new IngestStage(new CanonicalSource(), fixture("clean")), ctx);
        JavaDatasetSuiteBase cmp = new JavaDatasetSuiteBase();
        cmp.assertDataFrameNoOrderEquals(before, content(ctx, "silver/encounter"));
        cmp.assertDataFrameNoOrderEquals(patientsBefore, content(ctx, "silver/patient"));
        assertEquals(0, ctx.warehouse().read("silver/encounter").where("_run_id <> '" + ctx.runId() + "'").count(),
                "the same context reuses its run id, so no row changed hands");

        StageContext later = SharedSpark.context(Path.of(ctx.warehouse().root()), Map.of());
        StageRunner.runAlone(new IngestStage(new CanonicalSource(), fixture("corrected")), later);
        Dataset<Row> after = ctx.warehouse().read("silver/encounter");
        assertEquals(3, after.count());
        Row e1 = after.where("encounter_id = 'e1'").head();
        assertEquals("99214", e1.getAs("type_code"));
        assertEquals(later.runId(), e1.getAs(CanonicalTable.RUN_ID), "the corrected row carries the new run");
        assertEquals(2, after.where("_run_id = '" + ctx.runId() + "'").count(), "unchanged rows are untouched");

        String feed = "table_changes_by_path('" + ctx.warehouse().path("silver/encounter") + "', "
                + (firstIngest + 1) + ")";
        List<String> changes = ctx.spark().sql("SELECT encounter_id, type_code, _change_type FROM " + feed)
                .collectAsList().stream().map(r -> r.mkString(" ")).sorted().toList();
        assertEquals(List.of("e1 99213 update_preimage", "e1 99214 update_postimage"), changes,
                "after the first ingest: nothing from the identical re-ingest, the corrected row before and after");
    }

    @Test
    void deletionRequestsRemoveTheirKeysFromSilverAndAreCountedAndQuarantinedWhenInvalid() {
        StageContext ctx = SharedSpark.context(Map.of());
        StageRunner.runAlone(new IngestStage(new CanonicalSource(), fixture("clean")), ctx);
        long firstIngest = ctx.warehouse().version("silver/encounter");
        assertEquals(List.of(), new CanonicalSource().read(ctx.spark(), fixture("deletions")).warnings(),
                "a file with _op needs only its key columns");

        StageContext later = SharedSpark.context(Path.of(ctx.warehouse().root()), Map.of());
        IngestStage stage = new IngestStage(new CanonicalSource(), fixture("deletions"));
        StageRunner.runAlone(stage, later);

        assertEquals(List.of("e1", "e3", "e4"), ids(ctx, "silver/encounter", "encounter_id"),
                "e2 deleted, e4 inserted, e9 matched nothing, e5's unknown operation quarantined");
        assertEquals(List.of("p1", "p2", "p3"), ids(ctx, "silver/patient", "person_id"));
        assertEquals(List.of("d1", "d3"), ids(ctx, "silver/condition", "condition_id"), "a key-only file deletes");
        assertEquals("stable", ctx.warehouse().read("silver/patient").where("person_id = 'p1'").head()
                .getAs("housing_status"), "a user column new in this extract is added to the table");
        assertEquals(2, ctx.warehouse().read("silver/patient").where("housing_status is null").count());
        Map<String, Reconciliation> counts = stage.reconciliations().stream()
                .collect(Collectors.toMap(Reconciliation::table, r -> r));
        assertEquals(new Reconciliation("encounter", 5, 1, 2, 0, 0, 2), counts.get("encounter"));
        assertEquals(new Reconciliation("patient", 2, 1, 0, 0, 0, 1), counts.get("patient"));
        assertEquals(new Reconciliation("condition", 1, 0, 0, 0, 0, 1), counts.get("condition"));
        stage.reconciliations().forEach(r -> assertTrue(r.balances(), r.toString()));

        Map<Long, String> quarantined = new HashMap<>();
        for (Row r : ctx.warehouse().read(Quarantine.TABLE).where("entity = 'encounter'").collectAsList()) {
            quarantined.put(r.getAs("source_row"), r.getAs("reason_code") + ": " + r.getAs("message"));
        }
        assertEquals(Map.of(3L, "MISSING_REQUIRED: field 'encounter_id' is required to delete a row",
                6L, "INVALID_VALUE: field '_op' is not one of delete, upsert"), quarantined);
        assertEquals(5, ctx.warehouse().read("bronze/canonical_encounter").where("_op is not null").count(),
                "bronze keeps the rows as read, operation included");

        String feed = "table_changes_by_path('" + ctx.warehouse().path("silver/encounter") + "', "
                + (firstIngest + 1) + ")";
        List<String> changes = ctx.spark().sql("SELECT encounter_id, _change_type FROM " + feed)
                .collectAsList().stream().map(r -> r.mkString(" ")).sorted().toList();
        assertEquals(List.of("e2 delete", "e4 insert"), changes);
        Row manifest = ctx.warehouse().read(RunManifest.TABLE)
                .where("role = 'reconciliation' and table_name = 'encounter' and run_id = '" + later.runId() + "'")
                .head();
        assertEquals(2L, (Long) manifest.getAs("rows_deleted"));
    }

    @Test
    void aDeletedPatientTakesTheirRowsAndFlagsFromEverySilverTable() {
        StageContext ctx = SharedSpark.context(Map.of());
        StageRunner.runAlone(new IngestStage(new CanonicalSource(), fixture("clean")), ctx);
        StageRunner.runAlone(new IngestStage(new CanonicalSource(), fixture("patient-deletion/before")), ctx);
        assertEquals(List.of("e6"), ctx.warehouse().read(DataQualityFlags.TABLE).where("entity = 'encounter'")
                .select("key").as(Encoders.STRING()).collectAsList(), "an unknown class is flagged, the visit kept");

        StageContext later = SharedSpark.context(Path.of(ctx.warehouse().root()), Map.of());
        IngestStage stage = new IngestStage(new CanonicalSource(), fixture("patient-deletion/after"));
        StageRunner.runAlone(stage, later);

        for (String table : List.of("patient", "encounter", "condition", "coverage", "request")) {
            assertEquals(0, ctx.warehouse().read("silver/" + table).where("person_id = 'p2'").count(), table);
        }
        assertEquals(List.of("e1", "e3"), ids(ctx, "silver/encounter", "encounter_id"));
        assertEquals(0, ctx.warehouse().read(DataQualityFlags.TABLE).where("entity = 'encounter'").count(),
                "the deleted visit's flag goes with it");
        Map<String, Long> cascaded = new HashMap<>();
        ctx.warehouse().read(RunManifest.TABLE).where("role = 'cascade' and run_id = '" + later.runId() + "'")
                .collectAsList().forEach(r -> cascaded.put(r.getAs("table_name"), r.getAs("rows_deleted")));
        assertEquals(Map.of("silver/encounter", 2L, "silver/condition", 1L, "silver/coverage", 1L,
                "silver/request", 1L), cascaded);
        Row orphan = ctx.warehouse().read(Quarantine.TABLE).where("entity = 'encounter'").head();
        assertEquals("ORPHAN_PERSON", orphan.getAs("reason_code"), "a visit of the deleted person arriving with the "
                + "deletion is rejected");
        Map<String, Reconciliation> counts = stage.reconciliations().stream()
                .collect(Collectors.toMap(Reconciliation::table, r -> r));
        assertEquals(new Reconciliation("patient", 1, 0, 0, 0, 0, 1), counts.get("patient"));
        assertEquals(new Reconciliation("encounter", 1, 0, 1, 0, 0, 0), counts.get("encounter"));
    }

    private static List<String> ids(StageContext ctx, String table, String key) {
        return ctx.warehouse().read(table).select(key).collectAsList().stream().map(r -> r.getString(0)).sorted()
                .toList();
    }

    @Test
    void parquetFoldersAreReadWithRowNumbers() {
        StageContext ctx = SharedSpark.context(Map.of());
        Path dir = SharedSpark.newWarehouse();
        Dataset<Row> patients = SharedSpark.spark().read().option("header", "true").csv(fixture("clean/patient.csv"));
        patients.coalesce(1).write().parquet(dir.resolve("patient").toString());
        IngestStage stage = new IngestStage(new CanonicalSource(), dir.toString());
        StageRunner.runAlone(stage, ctx);
        assertEquals(new Reconciliation("patient", 4, 4, 0, 0), stage.reconciliations().get(0));
        Row p3 = ctx.warehouse().read("silver/patient").where("person_id = 'p3'").head();
        assertEquals(3L, (Long) p3.getAs(CanonicalTable.SOURCE_ROW));
    }

    private static Dataset<Row> content(StageContext ctx, String table) {
        Dataset<Row> d = ctx.warehouse().read(table);
        return d.drop(CanonicalTable.RUN_ID);
    }
}
