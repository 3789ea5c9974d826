package io.carelens.jobs.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.carelens.common.schema.CanonicalTable;
import io.carelens.common.schema.Field;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The canonical format: a folder holding, per table, {@code <table>.csv} or a folder {@code <table>/} of CSV or
 * Parquet files. CSV has a header row and one record per line; row numbers are the physical line numbers, so a
 * quarantine message points at the line a person would open. Tables that are absent are skipped.
 */
public final class CanonicalSource implements SourceAdapter {

    @Override
    public String name() {
        return "canonical";
    }

    @Override
    public SourceBatch read(SparkSession spark, String path) {
        FileSystem fs = fileSystem(spark, path);
        try {
            if (!fs.isDirectory(new Path(path))) {
                throw new IngestException("input folder not found: " + path);
            }
            Map<CanonicalTable, Dataset<Row>> tables = new LinkedHashMap<>();
            for (CanonicalTable t : CanonicalTable.values()) {
                List<Path> csv = new ArrayList<>();
                List<Path> parquet = new ArrayList<>();
                Path single = new Path(path, t.tableName() + ".csv");
                Path folder = new Path(path, t.tableName());
                if (fs.isFile(single)) {
                    csv.add(single);
                }
                if (fs.isDirectory(folder)) {
                    for (FileStatus st : fs.listStatus(folder)) {
                        String n = st.getPath().getName();
                        if (n.endsWith(".csv")) {
                            csv.add(st.getPath());
                        } else if (n.endsWith(".parquet")) {
                            parquet.add(st.getPath());
                        }
                    }
                }
                Dataset<Row> rows = null;
                for (Path p : csv) {
                    rows = union(rows, readCsv(spark, fs, p, t));
                }
                if (!parquet.isEmpty()) {
                    rows = union(rows, readParquet(spark, folder));
                }
                if (rows != null) {
                    tables.put(t, rows);
                }
            }
            if (tables.isEmpty()) {
                throw new IngestException("no canonical tables found in " + path
                        + " (expected files such as patient.csv or folders such as patient/)");
            }
            return new SourceBatch(name(), tables, null);
        } catch (IOException e) {
            throw new IngestException("cannot read " + path + ": " + e.getMessage());
        }
    }

    private static Dataset<Row> union(Dataset<Row> a, Dataset<Row> b) {
        return a == null ? b : a.unionByName(b, true);
    }

    private static Dataset<Row> readCsv(SparkSession spark, FileSystem fs, Path file, CanonicalTable table) throws IOException {
        CsvLines csv = CsvLines.read(spark, fs, file);
        for (Field f : table.fields()) {
            if (f.required() && !csv.header().contains(f.name())) {
                throw new IngestException(file + ": required column '" + f.name() + "' is missing from the header");
            }
        }
        return csv.rows();
    }

    private static Dataset<Row> readParquet(SparkSession spark, Path folder) {
        Dataset<Row> df = spark.read().parquet(folder.toString());
        return df.select(col("*"), col("_metadata.file_path").as(CanonicalTable.SOURCE_FILE),
                col("_metadata.row_index").plus(1).as(CanonicalTable.SOURCE_ROW), lit(false).as(Validator.MALFORMED));
    }

    private static FileSystem fileSystem(SparkSession spark, String path) {
        try {
            return new Path(path).getFileSystem(spark.sparkContext().hadoopConfiguration());
        } catch (IOException e) {
            throw new IngestException("cannot open " + path + ": " + e.getMessage());
        }
    }
}
