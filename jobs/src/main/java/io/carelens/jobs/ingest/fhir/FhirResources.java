package io.carelens.jobs.ingest.fhir;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

import io.carelens.common.schema.CanonicalTable;
import io.carelens.jobs.ingest.ReasonCode;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * The resources of one FHIR source, read once and cached, and the resolution of references between them. When no
 * resource holds a {@code urn:} or conditional reference (one scan tells), references resolve without a join.
 *
 * <p>A reference resolves to the id of a resource of the expected type when it is a literal reference
 * ({@code Type/id} or an absolute URL ending in {@code Type/id}), a {@code urn:uuid:} (or other) fullUrl of an entry
 * of the same Bundle, or a conditional reference {@code Type?identifier=system|value} (or {@code identifier=value})
 * matching a resource's identifier anywhere in the source (the smallest id wins if several match).
 */
final class FhirResources {
    private final Dataset<Row> resources;
    private final boolean indirectReferences;
    private final boolean bundles;
    private Dataset<Row> index;

    FhirResources(Dataset<Row> resources) {
        this.resources = resources.persist(StorageLevel.MEMORY_AND_DISK());
        Row forms = this.resources.agg(max(col(ResourceReader.JSON).contains("\"reference\":\"urn:")
                .or(col(ResourceReader.JSON).contains("?identifier="))).as("indirect"),
                max(col("resource_type").equalTo(lit("Bundle"))).as("bundles")).head();
        this.indirectReferences = !forms.isNullAt(0) && forms.getBoolean(0);
        this.bundles = !forms.isNullAt(1) && forms.getBoolean(1);
    }

    /** Whether some resource is itself a Bundle (an NDJSON line, as the deleted files of a Bulk export hold). */
    boolean hasBundles() {
        return bundles;
    }

    /** All resources: lineage, resource_type, id, identifier, full_url, bundle, json. */
    Dataset<Row> all() {
        return resources;
    }

    /** The resources of one type, parsed with {@code schema} into the struct column {@code r}. */
    Dataset<Row> ofType(String type, StructType schema) {
        return resources.where(col("resource_type").equalTo(lit(type))).select(col("id"),
                col(CanonicalTable.SOURCE_FILE), col(CanonicalTable.SOURCE_ROW), col("bundle"),
                col(ResourceReader.JSON), from_json(col(ResourceReader.JSON), schema).as("r"));
    }

    /**
     * Adds column {@code as}: the id of the {@code type} resource that {@code reference} points to (null when it
     * cannot be resolved), and {@code as + "_ref"}: the reference as given.
     */
    Dataset<Row> resolve(Dataset<Row> rows, Column reference, String type, String as) {
        Column given = col(as + "_ref");
        if (!indirectReferences) {
            return rows.withColumn(as + "_ref", reference).withColumn(as, Fhir.literalId(given, type));
        }
        Dataset<Row> withRef = rows.withColumn(as + "_ref", reference)
                .withColumn("_lookup", when(given.startsWith("urn:"), concat(lit(type + "|"), col("bundle"), lit("|"), given))
                        .when(given.contains("?"), given));
        Dataset<Row> keys = index().where(col("_type").equalTo(lit(type))).select(col("_key"), col("_target"));
        return withRef.join(keys, withRef.col("_lookup").equalTo(keys.col("_key")), "left")
                .withColumn(as, coalesce(Fhir.literalId(given, type), col("_target")))
                .drop("_lookup", "_key", "_target");
    }

    /** True when {@code as + "_ref"} holds a reference that {@link #resolve} could not resolve. */
    static Column unresolved(String as) {
        return col(as + "_ref").isNotNull().and(col(as).isNull());
    }

    /** The rows of {@code rows} (with lineage and json) as rejects in Quarantine.SOURCE_REJECT_COLUMNS form. */
    static Dataset<Row> rejects(Dataset<Row> rows, String type, ReasonCode reason, Column message) {
        return rows.select(lit("fhir:" + type).as("entity"), col(CanonicalTable.SOURCE_FILE),
                col(CanonicalTable.SOURCE_ROW), lit(reason.name()).as("reason_code"), message.as("message"),
                col(ResourceReader.JSON).as("record"));
    }

    private Dataset<Row> index() {
        if (index == null) {
            Dataset<Row> byFullUrl = resources.where(col("full_url").isNotNull()).select(col("resource_type").as("_type"),
                    concat(col("resource_type"), lit("|"), col("bundle"), lit("|"), col("full_url")).as("_key"),
                    col("id").as("_target"));
            Dataset<Row> identifiers = resources.select(col("resource_type"), col("id"),
                    explode(col("identifier")).as("i")).where(col("i.value").isNotNull());
            Column prefix = concat(col("resource_type"), lit("?identifier="));
            Dataset<Row> bySystemValue = identifiers.where(col("i.system").isNotNull()).select(
                    col("resource_type").as("_type"), concat(prefix, col("i.system"), lit("|"), col("i.value")).as("_key"),
                    col("id").as("_target"));
            Dataset<Row> byValue = identifiers.select(col("resource_type").as("_type"),
                    concat(prefix, col("i.value")).as("_key"), col("id").as("_target"));
            index = byFullUrl.unionByName(bySystemValue).unionByName(byValue)
                    .groupBy("_type", "_key").agg(min("_target").as("_target"))
                    .persist(StorageLevel.MEMORY_AND_DISK());
        }
        return index;
    }
}
