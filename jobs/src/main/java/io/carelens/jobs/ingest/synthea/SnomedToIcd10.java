package io.carelens.jobs.ingest.synthea;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.trim;

import io.carelens.common.schema.CanonicalTable;
import io.carelens.common.schema.CodeSystem;
import io.carelens.jobs.ingest.IngestException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The optional user-supplied SNOMED CT to ICD-10-CM map ({@code carelens.ingest.synthea.snomed-to-icd10}, a CSV
 * with columns snomed_code,icd10cm_code). Synthea codes diagnoses in SNOMED CT only; ICD-10-based logic (ED visit
 * classification, PQIs) needs ICD-10-CM. For every SNOMED CT condition row whose code the map lists, one more
 * row with the same content but code system ICD10CM is added per ICD-10-CM code: id and {@code _source_file}
 * get the suffix {@code #icd10cm:<code>}, so the translation is visible and each row keeps a unique lineage.
 */
final class SnomedToIcd10 {
    static final String CONFIG_KEY = "ingest.synthea.snomed-to-icd10";

    private final Dataset<Row> pairs;

    private SnomedToIcd10(Dataset<Row> pairs) {
        this.pairs = pairs;
    }

    /** Reads the map at {@code path}, which the caller has checked exists. */
    static SnomedToIcd10 load(SparkSession spark, String path) {
        Dataset<Row> csv = spark.read().option("header", "true").csv(path);
        List<String> header = Arrays.asList(csv.columns());
        if (!header.contains("snomed_code") || !header.contains("icd10cm_code")) {
            throw new IngestException(path + ": the SNOMED CT to ICD-10-CM map needs the columns snomed_code,icd10cm_code");
        }
        Dataset<Row> pairs = csv.select(trim(col("snomed_code")).as("_map_snomed"), trim(col("icd10cm_code")).as("_map_icd10"))
                .where(col("_map_snomed").notEqual("").and(col("_map_icd10").notEqual("")))
                .distinct();
        return new SnomedToIcd10(pairs);
    }

    /** The condition rows plus their ICD-10-CM translations. */
    Dataset<Row> expand(Dataset<Row> conditions) {
        Dataset<Row> snomed = conditions.where(col("code_system").equalTo(CodeSystem.SNOMEDCT.name()));
        Dataset<Row> joined = snomed.join(pairs, snomed.col("code").equalTo(pairs.col("_map_snomed")));
        Column suffix = concat(lit("#icd10cm:"), col("_map_icd10"));
        List<Column> cols = new ArrayList<>();
        for (String c : conditions.columns()) {
            Column out = switch (c) {
                case "condition_id" -> concat(col(c), suffix);
                case "code_system" -> lit(CodeSystem.ICD10CM.name());
                case "code" -> col("_map_icd10");
                case CanonicalTable.SOURCE_FILE -> concat(col(c), suffix);
                default -> col(c);
            };
            cols.add(out.as(c));
        }
        return conditions.unionByName(joined.select(cols.toArray(Column[]::new)));
    }
}
