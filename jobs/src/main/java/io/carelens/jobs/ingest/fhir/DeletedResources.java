package io.carelens.jobs.ingest.fhir;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.upper;

import io.carelens.common.schema.CanonicalTable;
import io.carelens.jobs.ingest.Deletions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Deleted resources in a FHIR Bulk Data export with {@code _since}: the files its manifest lists under
 * {@code deleted} hold Bundles whose entries carry only a request, {@code method} {@code DELETE} and {@code url}
 * {@code Type/id}. Each entry becomes a deletion request ({@code _op = delete}) for the canonical table its type
 * maps to, keyed by the resource id as the mapping keys the row, so ingest removes the row as it does for a
 * canonical deletion file. Entries of types without a canonical table are counted as not mapped.
 */
final class DeletedResources {
    private static final StructType DELETION_BUNDLE = new StructType()
            .add("entry", FhirTypes.array(new StructType().add("request", new StructType()
                    .add("method", DataTypes.StringType).add("url", DataTypes.StringType))));
    /** {@code Type/id}, relative or at the end of an absolute URL, with an optional version suffix. */
    private static final String TYPE_AND_ID = "(?:^|/)([A-Za-z]+)/([^/?#]+)(?:/_history/[^/]*)?$";
    /** The tables a resource type's rows land in (a ServiceRequest is a request or a referral by its category). */
    private static final Map<String, List<CanonicalTable>> TABLES = Map.ofEntries(
            Map.entry("Patient", List.of(CanonicalTable.PATIENT)),
            Map.entry("Coverage", List.of(CanonicalTable.COVERAGE)),
            Map.entry("Encounter", List.of(CanonicalTable.ENCOUNTER)),
            Map.entry("Condition", List.of(CanonicalTable.CONDITION)),
            Map.entry("Procedure", List.of(CanonicalTable.PROCEDURE)),
            Map.entry("Observation", List.of(CanonicalTable.OBSERVATION)),
            Map.entry("MedicationRequest", List.of(CanonicalTable.MEDICATION)),
            Map.entry("MedicationDispense", List.of(CanonicalTable.MEDICATION)),
            Map.entry("MedicationAdministration", List.of(CanonicalTable.MEDICATION)),
            Map.entry("MedicationStatement", List.of(CanonicalTable.MEDICATION)),
            Map.entry("ServiceRequest", List.of(CanonicalTable.REQUEST, CanonicalTable.REFERRAL)),
            Map.entry("DeviceRequest", List.of(CanonicalTable.REQUEST)));

    private final Dataset<Row> entries;

    /**
     * The DELETE entries of the source's Bundle resources, cached: type, id, the Bundle's file and line, and as the
     * entry's own file {@code <file>#entry<n>} (so each entry has its own lineage, n counting from 1).
     */
    DeletedResources(FhirResources res) {
        Column url = col("q.url");
        this.entries = res.ofType("Bundle", DELETION_BUNDLE)
                .select(col(CanonicalTable.SOURCE_FILE), col(CanonicalTable.SOURCE_ROW),
                        posexplode(col("r.entry.request")).as(new String[] {"pos", "q"}))
                .where(isDelete(col("q.method")))
                .select(col(CanonicalTable.SOURCE_FILE).as("bundle_file"), col(CanonicalTable.SOURCE_ROW),
                        concat(col(CanonicalTable.SOURCE_FILE), lit("#entry"), col("pos").plus(1))
                                .as(CanonicalTable.SOURCE_FILE),
                        regexp_extract(url, TYPE_AND_ID, 1).as("type"), regexp_extract(url, TYPE_AND_ID, 2).as("id"))
                .persist(StorageLevel.MEMORY_AND_DISK());
    }

    /** Whether a Bundle entry's {@code request.method} asks for a deletion (case and blanks ignored). */
    static Column isDelete(Column method) {
        return upper(trim(method)).equalTo("DELETE");
    }

    /** {@code rows} of {@code table} with a deletion request for each deleted resource that maps to it. */
    Dataset<Row> withDeletions(CanonicalTable table, Dataset<Row> rows) {
        List<String> types = TABLES.entrySet().stream().filter(e -> e.getValue().contains(table))
                .map(Map.Entry::getKey).toList();
        if (types.isEmpty()) {
            return rows;
        }
        Dataset<Row> requests = entries.where(col("type").isin(types.toArray()))
                .select(col("id").as(table.keys().get(0)), lit("delete").as(Deletions.OP),
                        col(CanonicalTable.SOURCE_FILE), col(CanonicalTable.SOURCE_ROW));
        return rows.unionByName(requests, true);
    }

    /** The Bundles that hold at least one DELETE entry, by file and line: they are read, not unmapped. */
    Dataset<Row> bundles() {
        return entries.select(col("bundle_file").as(CanonicalTable.SOURCE_FILE), col(CanonicalTable.SOURCE_ROW))
                .distinct();
    }

    /** DELETE entries whose type has no canonical table (or whose url names none), per type (a small aggregate). */
    Map<String, Long> notMapped() {
        Map<String, Long> counts = new TreeMap<>();
        for (Row r : entries.where(col("type").isin(TABLES.keySet().toArray()).unary_$bang())
                .groupBy("type").count().collectAsList()) {
            counts.put("fhir:deleted " + (r.getString(0).isEmpty() ? "(no Type/id in url)" : r.getString(0)),
                    r.getLong(1));
        }
        return counts;
    }
}
