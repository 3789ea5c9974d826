package io.carelens.jobs.testing;

import io.carelens.jobs.ingest.IngestStage;
import io.carelens.jobs.ingest.fhir.FhirSource;
import io.carelens.jobs.run.Reconciliation;
import io.carelens.jobs.run.StageContext;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import io.carelens.jobs.run.StageRunner;

/**
 * The published eCQM test bundles (test resources ecqm/) ingested through the FHIR source once per test JVM: the
 * FHIR conformance test checks the ingest, the eCQM conformance test runs the measures on it, and the FHIR ingest of
 * the 226 bundles is the slowest part of both. The bundles describe 2026, whose last weeks may lie after the day the
 * tests run, so future dates are tolerated; measures count every cell (no small-cell threshold). Tests may add gold
 * tables but must not change silver/ or silver/quarantine, which the ingest test reads.
 *
 * @param context the warehouse holding the ingested bundles
 * @param reconciliations the ingest's per-table reconciliation
 */
public record EcqmBundles(StageContext context, List<Reconciliation> reconciliations) {
    private static EcqmBundles ingested;

    /** The bundle folder. */
    public static Path folder() {
        try {
            return Path.of(EcqmBundles.class.getResource("/ecqm").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The bundles ingested, on the first call in this JVM. */
    public static synchronized EcqmBundles ingested() {
        if (ingested == null) {
            StageContext ctx = SharedSpark.context(Map.of("ingest.future-tolerance-days", 3650));
            IngestStage stage = new IngestStage(new FhirSource(), folder().toString());
            StageRunner.runAlone(stage, ctx);
            ingested = new EcqmBundles(ctx, List.copyOf(stage.reconciliations()));
        }
        return ingested;
    }
}
