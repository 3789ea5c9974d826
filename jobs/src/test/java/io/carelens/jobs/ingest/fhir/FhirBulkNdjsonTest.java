package io.carelens.jobs.ingest.fhir;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carelens.common.schema.CanonicalTable;
import io.carelens.jobs.ingest.IngestStage;
import io.carelens.jobs.ingest.Quarantine;
import io.carelens.jobs.run.Reconciliation;
import io.carelens.jobs.run.RunManifest;
import io.carelens.jobs.run.StageContext;
import io.carelens.jobs.testing.SharedSpark;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import io.carelens.jobs.run.StageRunner;

/**
 * The two Synthea Bulk Data samples (9 patients from pathling, 13 from SMART on FHIR; different populations)
 * ingested together: counts per table against the files, every patient reconciled, conditional references.
 */
class FhirBulkNdjsonTest {
    private static StageContext ctx;
    private static IngestStage stage;
    private static FhirCounts source;

    @BeforeAll
    static void ingest() throws URISyntaxException {
        Path folder = Path.of(FhirBulkNdjsonTest.class.getResource("/fhir-ndjson").toURI());
        source = new FhirCounts(folder);
        ctx = SharedSpark.context(Map.of());
        stage = new IngestStage(new FhirSource(), folder.toString());
        long t0 = System.nanoTime();
        StageRunner.runAlone(stage, ctx);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long rows = stage.reconciliations().stream().mapToLong(Reconciliation::read).sum();
        ctx.warehouse().read(Quarantine.TABLE).groupBy("entity", "reason_code", "message").count().show(false);
        System.out.printf("Bulk NDJSON samples: %d canonical rows in %.1f s (%.0f rows/s)%n", rows, seconds, rows / seconds);
    }

    private static Reconciliation reconciliation(String table) {
        return stage.reconciliations().stream().filter(r -> r.table().equals(table)).findFirst().orElseThrow();
    }

    @Test
    void everyTableReadsOneRowPerResourceAndBalances() {
        assertEquals(source.count("Patient"), reconciliation("patient").read());
        assertEquals(source.count("Encounter"), reconciliation("encounter").read());
        assertEquals(source.count("Condition"), reconciliation("condition").read());
        assertEquals(source.count("Procedure"), reconciliation("procedure").read());
        assertEquals(source.observationRows(), reconciliation("observation").read());
        assertEquals(source.count("MedicationRequest"), reconciliation("medication").read());
        stage.reconciliations().forEach(r -> assertTrue(r.balances(), r.toString()));
    }

    @Test
    void everyPatientReconciles() {
        Set<String> ids = source.ofType("Patient").stream().map(p -> p.path("id").asText()).collect(Collectors.toSet());
        Set<String> silver = ctx.warehouse().read(CanonicalTable.PATIENT.silverPath()).select("person_id").collectAsList()
                .stream().map(r -> r.getString(0)).collect(Collectors.toSet());
        assertEquals(ids, silver);
        Dataset<Row> patients = ctx.warehouse().read(CanonicalTable.PATIENT.silverPath());
        assertEquals(ids.size(), patients.where(col("sex").isNotNull().and(col("postal_code").isNotNull())).count(),
                "Synthea gives every patient a birth sex and a ZIP code");
        long withOmbRace = source.count("Patient", p -> p.path("extension").findValues("valueCoding").stream()
                .anyMatch(c -> PatientMapping.RACE.containsKey(c.path("code").asText())));
        assertEquals(withOmbRace, patients.where(col("race").notEqual("unknown")).count(),
                "one Synthea patient carries an ethnicity code as race: unknown");
    }

    @Test
    void conditionalReferencesResolveToTheOrganizationAndPractitionerIds() {
        Set<String> organizations = source.ofType("Organization").stream().map(o -> o.path("id").asText())
                .collect(Collectors.toSet());
        List<Row> smart = ctx.warehouse().read(CanonicalTable.ENCOUNTER.silverPath())
                .where(col("_source_file").contains("smart-on-fhir")).select("facility_id", "provider_id").collectAsList();
        long quarantined = ctx.warehouse().read(Quarantine.TABLE).where(col("entity").equalTo("encounter")).count();
        assertEquals(source.count("Encounter"), smart.size() + quarantined);
        assertTrue(smart.stream().allMatch(r -> organizations.contains(r.getString(0))));
        Set<String> practitioners = source.ofType("Practitioner").stream().map(o -> o.path("id").asText())
                .collect(Collectors.toSet());
        assertTrue(smart.stream().allMatch(r -> practitioners.contains(r.getString(1))));
    }

    @Test
    void typesWithoutATableAreCountedAndTheExportLogIsQuarantined() {
        Map<String, Long> notMapped = ctx.warehouse().read(RunManifest.TABLE).where(col("role").equalTo("not_mapped"))
                .collectAsList().stream().collect(Collectors.toMap(r -> r.<String>getAs("table_name"), r -> r.<Long>getAs("rows_read")));
        for (String type : List.of("AllergyIntolerance", "Device", "Immunization", "Location", "Organization",
                "Practitioner", "PractitionerRole")) {
            assertEquals(source.count(type), notMapped.get("fhir:" + type), type);
        }
        List<Row> log = ctx.warehouse().read(Quarantine.TABLE).where(col("source_file").endsWith("log.ndjson")).collectAsList();
        assertEquals(4, log.size(), "the four bulk-export log lines are not FHIR resources");
        assertTrue(log.stream().allMatch(r -> "MALFORMED_ROW".equals(r.getAs("reason_code"))));
    }
}
