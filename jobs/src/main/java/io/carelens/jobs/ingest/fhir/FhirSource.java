package io.carelens.jobs.ingest.fhir;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.carelens.common.schema.CanonicalTable;
import io.carelens.common.spark.Seqs;
import io.carelens.jobs.ingest.SourceAdapter;
import io.carelens.jobs.ingest.SourceBatch;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * FHIR R4 source ({@code carelens ingest --source fhir}): Bulk Data NDJSON and Bundle files mapped to the canonical
 * tables, then validated, quarantined and reconciled like any other source. docs/fhir-mapping.md describes the
 * mapping element by element. Lines that are not FHIR JSON and resources whose references cannot be resolved are
 * rejected with their file and row; resource types without a canonical table (Organization, Practitioner,
 * MeasureReport, Claim, ...) are ignored by design and counted as not mapped. The deleted resources of a Bulk export
 * ({@link DeletedResources}) become deletion requests.
 */
public final class FhirSource implements SourceAdapter {
    /** Resource types that feed a canonical table (Medication and Task through the resources that use them). */
    static final List<String> MAPPED_TYPES = List.of("Patient", "Encounter", "Condition", "Procedure", "Observation",
            "MedicationRequest", "MedicationDispense", "MedicationAdministration", "MedicationStatement", "Medication",
            "Coverage", "ServiceRequest", "DeviceRequest", "Task");

    @Override
    public String name() {
        return "fhir";
    }

    @Override
    public SourceBatch read(SparkSession spark, String path) {
        ResourceReader.Read read = ResourceReader.read(spark, path);
        FhirResources res = new FhirResources(read.resources());

        Mapped patients = PatientMapping.map(res);
        Dataset<Row> serviceRequests = res.ofType("ServiceRequest", RequestMapping.SERVICE_REQUEST);
        Map<CanonicalTable, Mapped> mapped = new LinkedHashMap<>();
        mapped.put(CanonicalTable.PATIENT, patients);
        mapped.put(CanonicalTable.COVERAGE, CoverageMapping.map(res, patients.rows()));
        mapped.put(CanonicalTable.ENCOUNTER, EncounterMapping.map(res));
        mapped.put(CanonicalTable.CONDITION, ConditionMapping.map(res, EncounterMapping.diagnoses(res)));
        mapped.put(CanonicalTable.PROCEDURE, ProcedureMapping.map(res));
        mapped.put(CanonicalTable.OBSERVATION, ObservationMapping.map(res));
        mapped.put(CanonicalTable.MEDICATION, MedicationMapping.map(res));
        mapped.put(CanonicalTable.REQUEST, RequestMapping.map(res, serviceRequests.where(ReferralMapping.isReferral().unary_$bang())));
        mapped.put(CanonicalTable.REFERRAL, ReferralMapping.map(res, serviceRequests.where(ReferralMapping.isReferral())));

        DeletedResources deleted = res.hasBundles() ? new DeletedResources(res) : null;
        Map<CanonicalTable, Dataset<Row>> tables = new LinkedHashMap<>();
        Dataset<Row> rejected = read.rejected();
        for (Map.Entry<CanonicalTable, Mapped> e : mapped.entrySet()) {
            Dataset<Row> rows = e.getValue().rows();
            tables.put(e.getKey(), deleted == null ? rows : deleted.withDeletions(e.getKey(), rows));
            rejected = rejected.unionByName(e.getValue().rejects());
        }
        return new SourceBatch(name(), tables, rejected, notMapped(res, deleted), read.warnings());
    }

    /**
     * Resources read whose type has no canonical table, counted per type (a small aggregate), and the DELETE entries
     * of deleted resources without one; a Bundle of deletions is not among them.
     */
    private static Map<String, Long> notMapped(FhirResources res, DeletedResources deleted) {
        Dataset<Row> unmapped = res.all().where(col("resource_type").isin(MAPPED_TYPES.toArray()).unary_$bang());
        if (deleted != null) {
            unmapped = unmapped.join(deleted.bundles(), Seqs.of(List.of(CanonicalTable.SOURCE_FILE,
                    CanonicalTable.SOURCE_ROW)), "left_anti");
        }
        Map<String, Long> counts = new TreeMap<>();
        for (Row r : unmapped.groupBy("resource_type").count().collectAsList()) {
            counts.put("fhir:" + r.getString(0), r.getLong(1));
        }
        if (deleted != null) {
            counts.putAll(deleted.notMapped());
        }
        return counts;
    }
}
