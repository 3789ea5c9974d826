package io.carelens.jobs.ingest.fhir;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.exists;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.posexplode_outer;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.carelens.common.schema.CanonicalTable;
import io.carelens.jobs.ingest.IngestException;
import io.carelens.jobs.ingest.ReasonCode;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Reads a folder (recursively) of FHIR R4 JSON into one row per resource: Bulk Data NDJSON files
 * ({@code *.ndjson}, {@code *.ndjson.gz}; one resource per line, {@code _source_row} = line number) and JSON files
 * ({@code *.json}, {@code *.json.gz}) holding one Bundle ({@code _source_row} = entry index, from 1) or one
 * resource. Lines and files that are not valid JSON or not FHIR resources become rejects with their file and row.
 * A JSON Bundle with DELETE entries (a transaction) is also read whole, as a Bundle resource of row 1, whose entries
 * {@link DeletedResources} turns into deletion requests as it does for the Bundles of a Bulk Data export.
 *
 * <p>Each resource row carries {@code resource_type}, {@code id} (for a bundle entry without an id, the id in its
 * fullUrl), {@code identifier}, {@code full_url}, {@code bundle} (the file of a Bundle or single-resource file,
 * empty for NDJSON: the scope of {@code urn:uuid:} references) and the resource text {@code json}.
 */
final class ResourceReader {
    static final String JSON = "json";
    private static final int RECORD_CHARS = 4000;
    /** Input bytes per partition of the resource table (small inputs get the default parallelism). */
    private static final long PARTITION_BYTES = 64L << 20;
    private static final Map<String, String> PERMISSIVE = Map.of("mode", "PERMISSIVE",
            "columnNameOfCorruptRecord", "_corrupt");
    private static final StructType ENVELOPE = new StructType()
            .add("resourceType", DataTypes.StringType).add("id", DataTypes.StringType)
            .add("identifier", FhirTypes.array(FhirTypes.IDENTIFIER)).add("_corrupt", DataTypes.StringType);
    private static final StructType BUNDLE = new StructType()
            .add("resourceType", DataTypes.StringType)
            .add("entry", FhirTypes.array(new StructType().add("fullUrl", DataTypes.StringType)
                    .add("resource", DataTypes.StringType)
                    .add("request", new StructType().add("method", DataTypes.StringType))))
            .add("_corrupt", DataTypes.StringType);

    /**
     * The resources read, the lines or entries rejected before mapping, and a warning for each file under the
     * folder that is not FHIR JSON by its name (so not read).
     */
    record Read(Dataset<Row> resources, Dataset<Row> rejected, List<String> warnings) {
    }

    private ResourceReader() {
    }

    static Read read(SparkSession spark, String path) {
        List<String> ndjson = new ArrayList<>();
        List<String> json = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        long bytes = listFiles(spark, path, ndjson, json, warnings);
        if (ndjson.isEmpty() && json.isEmpty()) {
            throw new IngestException("no FHIR files found in " + path
                    + " (expected Bulk Data *.ndjson files or *.json Bundles, in any subfolder)");
        }
        Dataset<Row> texts = null;
        Dataset<Row> rejected = null;
        if (!ndjson.isEmpty()) {
            texts = ndjsonLines(spark, ndjson);
        }
        if (!json.isEmpty()) {
            Read files = jsonFiles(spark, json);
            texts = texts == null ? files.resources() : texts.unionByName(files.resources());
            rejected = files.rejected();
        }
        Dataset<Row> parsed = texts.withColumn("_e", from_json(col(JSON), ENVELOPE, PERMISSIVE));
        Column malformed = col("_e").isNull().or(col("_e._corrupt").isNotNull());
        Column untyped = malformed.unary_$bang().and(col("_e.resourceType").isNull());
        Dataset<Row> badLines = parsed.where(malformed.or(untyped)).select(
                when(malformed, lit("fhir:unparsed")).otherwise(lit("fhir:unknown")).as("entity"),
                col(CanonicalTable.SOURCE_FILE), col(CanonicalTable.SOURCE_ROW),
                lit(ReasonCode.MALFORMED_ROW.name()).as("reason_code"),
                when(malformed.and(trim(col(JSON)).startsWith("[")),
                        lit("the line holds a JSON array, not one resource (NDJSON has one resource object per line)"))
                        .when(malformed, lit("the resource is not valid JSON"))
                        .otherwise(lit("field 'resourceType' is missing: not a FHIR resource")).as("message"),
                substring(col(JSON), 1, RECORD_CHARS).as("record"));
        rejected = rejected == null ? badLines : rejected.unionByName(badLines);

        Column idFromFullUrl = regexp_extract(col("full_url"), "([^/:]+)$", 1);
        int partitions = (int) Math.max(spark.sparkContext().defaultParallelism(), bytes / PARTITION_BYTES + 1);
        Dataset<Row> resources = parsed.coalesce(partitions).where(malformed.unary_$bang().and(untyped.unary_$bang())).select(
                col(CanonicalTable.SOURCE_FILE), col(CanonicalTable.SOURCE_ROW), col("bundle"), col("full_url"),
                col("_e.resourceType").as("resource_type"),
                coalesce(col("_e.id"), when(idFromFullUrl.notEqual(lit("")), idFromFullUrl)).as("id"),
                col("_e.identifier").as("identifier"), col(JSON));
        return new Read(resources, rejected, List.copyOf(warnings));
    }

    /** Lists the NDJSON and JSON files under {@code path}; returns their total size in bytes. */
    private static long listFiles(SparkSession spark, String path, List<String> ndjson, List<String> json,
                                  List<String> warnings) {
        try {
            Path root = new Path(path);
            FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(root)) {
                throw new IngestException("input folder not found: " + path);
            }
            long bytes = 0;
            for (FileStatus st : filesUnder(fs, root)) {
                Path p = st.getPath();
                String name = p.getName();
                if (name.startsWith(".") || name.startsWith("_")) {
                    continue;
                }
                if (name.endsWith(".ndjson") || name.endsWith(".ndjson.gz")) {
                    ndjson.add(p.toString());
                    bytes += st.getLen();
                } else if (name.endsWith(".json") || name.endsWith(".json.gz")) {
                    json.add(p.toString());
                    bytes += st.getLen();
                } else {
                    warnings.add(p + " is not FHIR JSON (*.ndjson, *.ndjson.gz, *.json, *.json.gz): not read");
                }
            }
            warnings.sort(String::compareTo);
            ndjson.sort(String::compareTo);
            json.sort(String::compareTo);
            return bytes;
        } catch (IOException e) {
            throw new IngestException("cannot read " + path + ": " + e.getMessage());
        }
    }

    /**
     * The files under {@code root} (or {@code root} itself, a file), from plain listings: a located listing
     * ({@code FileSystem.listFiles}) reads each local file's permissions, which without Hadoop's native library means
     * running an {@code ls} process per file, about 10 ms each.
     */
    private static List<FileStatus> filesUnder(FileSystem fs, Path root) throws IOException {
        List<FileStatus> files = new ArrayList<>();
        Deque<FileStatus> pending = new ArrayDeque<>(List.of(fs.getFileStatus(root)));
        while (!pending.isEmpty()) {
            FileStatus st = pending.pop();
            if (st.isDirectory()) {
                pending.addAll(Arrays.asList(fs.listStatus(st.getPath())));
            } else {
                files.add(st);
            }
        }
        return files;
    }

    /** Every non-blank line of every NDJSON file, numbered by its physical line in its file. */
    private static Dataset<Row> ndjsonLines(SparkSession spark, List<String> files) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<JavaRDD<Row>> numbered = new ArrayList<>();
        for (String file : files) {
            numbered.add(spark.read().text(file).javaRDD().zipWithIndex()
                    .filter(t -> !t._1().getString(0).isBlank())
                    .map(t -> RowFactory.create(file, t._2() + 1, t._1().getString(0))));
        }
        StructType schema = new StructType().add(CanonicalTable.SOURCE_FILE, DataTypes.StringType)
                .add(CanonicalTable.SOURCE_ROW, DataTypes.LongType).add(JSON, DataTypes.StringType);
        JavaRDD<Row> lines = numbered.size() == 1 ? numbered.get(0)
                : jsc.union(numbered.toArray(JavaRDD[]::new));
        return spark.createDataFrame(lines, schema)
                .withColumn("bundle", lit(""))
                .withColumn("full_url", lit(null).cast(DataTypes.StringType));
    }

    /**
     * The entries of the Bundles, each Bundle with DELETE entries whole, and the resources of single-resource files.
     */
    private static Read jsonFiles(SparkSession spark, List<String> files) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        JavaRDD<Row> texts = jsc.wholeTextFiles(String.join(",", files), jsc.defaultParallelism())
                .map(t -> RowFactory.create(t._1(), t._2()));
        StructType schema = new StructType().add(CanonicalTable.SOURCE_FILE, DataTypes.StringType)
                .add("value", DataTypes.StringType);
        Dataset<Row> whole = spark.createDataFrame(texts, schema)
                .withColumn("_b", from_json(col("value"), BUNDLE, PERMISSIVE));
        Column malformed = col("_b").isNull().or(col("_b._corrupt").isNotNull());
        Column isBundle = col("_b.resourceType").equalTo(lit("Bundle"));

        String file = CanonicalTable.SOURCE_FILE;
        Column noFullUrl = lit(null).cast(DataTypes.StringType).as("full_url");
        Dataset<Row> entries = whole.where(malformed.unary_$bang().and(isBundle))
                .select(col(file), posexplode_outer(col("_b.entry")).as(new String[] {"pos", "e"}))
                .where(col("e").isNotNull())
                .select(col(file), col("pos").plus(1).cast(DataTypes.LongType).as(CanonicalTable.SOURCE_ROW),
                        col("e.resource").as(JSON), col(file).as("bundle"), col("e.fullUrl").as("full_url"),
                        coalesce(DeletedResources.isDelete(col("e.request.method")), lit(false)).as("deletion"));
        Dataset<Row> singles = whole.where(malformed.or(isBundle.unary_$bang()).or(col("_b.resourceType").isNull()))
                .select(col(file), lit(1L).as(CanonicalTable.SOURCE_ROW), col("value").as(JSON), col(file).as("bundle"),
                        noFullUrl);
        Dataset<Row> deletionBundles = whole.where(malformed.unary_$bang().and(isBundle).and(exists(col("_b.entry"),
                        e -> e.getField("resource").isNull()
                                .and(DeletedResources.isDelete(e.getField("request").getField("method"))))))
                .select(col(file), lit(1L).as(CanonicalTable.SOURCE_ROW), col("value").as(JSON), col(file).as("bundle"),
                        noFullUrl);
        Dataset<Row> emptyEntries = entries.where(col(JSON).isNull().and(col("deletion").unary_$bang()))
                .select(lit("fhir:Bundle").as("entity"), col(file), col(CanonicalTable.SOURCE_ROW),
                        lit(ReasonCode.UNMAPPED.name()).as("reason_code"),
                        lit("field 'entry.resource' is missing: the bundle entry carries no resource").as("message"),
                        lit(null).cast(DataTypes.StringType).as("record"));
        return new Read(entries.where(col(JSON).isNotNull()).drop("deletion").unionByName(singles)
                .unionByName(deletionBundles), emptyEntries, List.of());
    }
}
