package io.carelens.jobs.generate;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Writes a generated table in the canonical CSV layout: {@code <table>.csv} when there is one part, otherwise a
 * folder {@code <table>/} of {@code part-00000.csv, part-00001.csv, ...}, each with a header. Rows go to parts by a
 * hash of the person index and are sorted within a part, and part files get fixed names, so the bytes written
 * depend only on the data, not on how Spark scheduled the work. Local checksum files are not kept.
 */
final class CsvWriter {
    private final SparkSession spark;
    private final Path out;
    private final int parts;

    CsvWriter(SparkSession spark, String out, int parts) {
        this.spark = spark;
        this.out = new Path(out);
        this.parts = parts;
    }

    /** Writes {@code rows} (string columns plus the sort keys {@code _k1}, {@code _k2}) as table {@code name}. */
    void write(String name, Dataset<Row> rows, boolean singleFile) {
        int n = singleFile ? 1 : parts;
        Path staging = new Path(out, "_staging_" + name);
        rows.repartition(n, col("_k1"))
                .sortWithinPartitions("_k1", "_k2")
                .drop("_k1", "_k2")
                .write().mode(SaveMode.Overwrite)
                .option("header", "true")
                .csv(staging.toString());
        try {
            FileSystem fs = out.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (fs instanceof ChecksumFileSystem checksummed) {
                fs = checksummed.getRawFileSystem();
            }
            fs.delete(new Path(out, name + ".csv"), false);
            fs.delete(new Path(out, name), true);
            FileStatus[] files = fs.listStatus(staging, p -> p.getName().startsWith("part-") && p.getName().endsWith(".csv"));
            Arrays.sort(files, Comparator.comparing(f -> f.getPath().getName()));
            if (n == 1) {
                fs.rename(files[0].getPath(), new Path(out, name + ".csv"));
            } else {
                Path folder = new Path(out, name);
                fs.mkdirs(folder);
                for (int i = 0; i < files.length; i++) {
                    fs.rename(files[i].getPath(), new Path(folder, String.format("part-%05d.csv", i)));
                }
            }
            fs.delete(staging, true);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + name + " under " + out + ": " + e.getMessage(), e);
        }
    }
}
