package io.carelens.jobs.ingest.fhir;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carelens.common.schema.CanonicalTable;
import io.carelens.jobs.ingest.IngestStage;
import io.carelens.jobs.run.Reconciliation;
import io.carelens.jobs.run.RunManifest;
import io.carelens.jobs.run.StageContext;
import io.carelens.jobs.run.StageRunner;
import io.carelens.jobs.testing.SharedSpark;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * The deleted resources of a FHIR Bulk Data export ({@code deleted} Bundles of DELETE entries) remove their rows
 * from silver: an observation with its components, a medication request named by an absolute, versioned URL, a
 * referral, and a patient with every row of theirs (the last from a JSON transaction Bundle, the others from an NDJSON
 * Bundle); a deleted Organization (no canonical table) is counted as not
 * mapped, and the Bundles themselves are read, not unmapped.
 */
class FhirDeletedResourcesTest {
    @Test
    void deletedResourcesLeaveSilverAndAreCounted() throws URISyntaxException {
        StageContext ctx = SharedSpark.context(Map.of());
        StageRunner.runAlone(new IngestStage(new FhirSource(), fixture("/fhir-rules")), ctx);
        assertEquals(List.of("o1", "o1#8462-4", "o1#8480-6", "o2", "o4"), ids(ctx, CanonicalTable.OBSERVATION));

        StageContext later = SharedSpark.context(Path.of(ctx.warehouse().root()), Map.of());
        IngestStage stage = new IngestStage(new FhirSource(), fixture("/fhir-deleted"));
        StageRunner.runAlone(stage, later);

        assertEquals(List.of("o2"), ids(ctx, CanonicalTable.OBSERVATION), "o1 with its components, o4 with p2");
        assertEquals(List.of("p1"), ids(ctx, CanonicalTable.PATIENT));
        assertEquals(List.of("cov1"), ids(ctx, CanonicalTable.COVERAGE));
        List<String> medications = ids(ctx, CanonicalTable.MEDICATION);
        assertTrue(medications.contains("r1") && !medications.contains("r2"), medications.toString());
        assertEquals(0, ctx.warehouse().read(CanonicalTable.REFERRAL.silverPath())
                .where(col("referral_id").equalTo("sr1")).count());

        Map<String, Reconciliation> counts = stage.reconciliations().stream()
                .collect(Collectors.toMap(Reconciliation::table, r -> r));
        assertEquals(new Reconciliation("patient", 1, 0, 0, 0, 0, 1), counts.get("patient"));
        assertEquals(new Reconciliation("observation", 1, 0, 0, 0, 0, 1), counts.get("observation"));
        assertEquals(new Reconciliation("medication", 1, 0, 0, 0, 0, 1), counts.get("medication"));
        assertEquals(new Reconciliation("referral", 1, 0, 0, 0, 0, 1), counts.get("referral"));
        Map<String, Long> notMapped = manifest(later, "not_mapped", "rows_read");
        assertEquals(Map.of("fhir:deleted Organization", 1L), notMapped);
        Map<String, Long> cascaded = manifest(later, "cascade", "rows_deleted");
        assertEquals(3L, cascaded.get(CanonicalTable.OBSERVATION.silverPath()), "o4 of p2, and o1's two components");
        assertEquals(1L, cascaded.get(CanonicalTable.COVERAGE.silverPath()));
    }

    private static String fixture(String name) throws URISyntaxException {
        return Path.of(FhirDeletedResourcesTest.class.getResource(name).toURI()).toString();
    }

    private static List<String> ids(StageContext ctx, CanonicalTable table) {
        return ctx.warehouse().read(table.silverPath()).select(table.keys().get(0)).as(Encoders.STRING())
                .collectAsList().stream().sorted().toList();
    }

    /** The manifest's rows of one role in the context's run, summed per table. */
    private static Map<String, Long> manifest(StageContext ctx, String role, String count) {
        Map<String, Long> sums = new TreeMap<>();
        for (Row r : ctx.warehouse().read(RunManifest.TABLE)
                .where(col("run_id").equalTo(ctx.runId()).and(col("role").equalTo(role))).collectAsList()) {
            sums.merge(r.getAs("table_name"), r.<Long>getAs(count), Long::sum);
        }
        return sums;
    }
}
