package io.carelens.jobs.ingest.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carelens.common.schema.CanonicalTable;
import io.carelens.jobs.ingest.Quarantine;
import io.carelens.jobs.run.Reconciliation;
import io.carelens.jobs.run.StageContext;
import io.carelens.jobs.testing.EcqmBundles;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * All eCQM test bundles (CMS122, CMS125, CMS165, CMS2) ingested in one go ({@link EcqmBundles}, the ingest the
 * eCQM conformance test measures).
 */
class FhirConformanceBundlesTest {
    private static StageContext ctx;
    private static List<Reconciliation> reconciliations;
    private static FhirCounts source;

    @BeforeAll
    static void ingest() {
        source = new FhirCounts(EcqmBundles.folder());
        EcqmBundles bundles = EcqmBundles.ingested();
        ctx = bundles.context();
        reconciliations = bundles.reconciliations();
        reconciliations.forEach(System.out::println);
    }

    @Test
    void noWellFormedResourceIsQuarantined() {
        long quarantined = ctx.warehouse().exists(Quarantine.TABLE) ? ctx.warehouse().read(Quarantine.TABLE).count() : 0;
        if (quarantined > 0) {
            ctx.warehouse().read(Quarantine.TABLE).select("entity", "source_row", "reason_code", "message").show(50, false);
        }
        assertEquals(0, quarantined);
        reconciliations.forEach(r -> assertTrue(r.balances(), r.toString()));
    }

    @Test
    void everyTableHoldsOneRowPerSourceResource() {
        assertEquals(226, source.count("Patient"));
        assertRows(CanonicalTable.PATIENT, source.count("Patient"));
        assertRows(CanonicalTable.ENCOUNTER, source.count("Encounter"));
        assertRows(CanonicalTable.CONDITION, source.count("Condition"));
        assertRows(CanonicalTable.PROCEDURE, source.count("Procedure"));
        assertRows(CanonicalTable.OBSERVATION, source.observationRows());
        assertRows(CanonicalTable.MEDICATION, source.count("MedicationRequest"));
        assertRows(CanonicalTable.COVERAGE, source.count("Coverage"));
        assertRows(CanonicalTable.REQUEST, source.count("DeviceRequest") + source.count("ServiceRequest"));
    }

    private static void assertRows(CanonicalTable table, long expected) {
        Reconciliation r = reconciliations.stream().filter(x -> x.table().equals(table.tableName())).findFirst()
                .orElseThrow();
        assertEquals(expected, r.read(), table.tableName() + " rows read");
        assertEquals(expected, r.accepted(), table.tableName() + " rows accepted");
        assertEquals(expected, ctx.warehouse().read(table.silverPath()).count(), table.tableName() + " rows in silver");
    }
}
