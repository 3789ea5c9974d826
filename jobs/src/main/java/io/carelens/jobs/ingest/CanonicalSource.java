package io.carelens.jobs.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.carelens.common.schema.CanonicalTable;
import io.carelens.common.schema.Field;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The canonical format: a folder holding, per table, {@code <table>.csv} (also gzip- or bzip2-compressed,
 * {@code .csv.gz}, {@code .csv.bz2}) or a folder {@code <table>/} of such CSV files or Parquet files. CSV has a
 * header row and one record per line; row numbers are the physical line numbers, so a quarantine message points
 * at the line a person would open. Tables that are absent are skipped.
 *
 * <p>Nothing in the folder is skipped silently: a file or folder that matches no table, a file of another kind in a
 * table folder, a missing optional column and a column the contract does not know are each named in a warning;
 * a table given twice (as a file and a folder) and a missing required column are user errors. Header names are
 * matched without regard to case or surrounding spaces. A file with an {@code _op} column may carry deletion
 * requests ({@link Deletions}) and then needs only the key columns. Names starting with
 * {@code .} or {@code _} ({@code _SUCCESS}, checksums) are bookkeeping of the tools that wrote the files.
 */
public final class CanonicalSource implements SourceAdapter {
    private static final List<String> CSV_SUFFIXES = List.of(".csv", ".csv.gz", ".csv.bz2");

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
            List<String> warnings = new ArrayList<>();
            Map<CanonicalTable, List<FileStatus>> given = tableEntries(fs, new Path(path), warnings);
            Map<CanonicalTable, Dataset<Row>> tables = new LinkedHashMap<>();
            for (Map.Entry<CanonicalTable, List<FileStatus>> e : given.entrySet()) {
                CanonicalTable t = e.getKey();
                if (e.getValue().size() > 1) {
                    throw new IngestException("table " + t.tableName() + " is given more than once ("
                            + String.join(" and ", e.getValue().stream().map(s -> s.getPath().getName()
                                    + (s.isDirectory() ? "/" : "")).toList()) + " in " + path + "): keep one");
                }
                FileStatus entry = e.getValue().get(0);
                Dataset<Row> rows = entry.isDirectory() ? readFolder(spark, fs, entry.getPath(), t, warnings)
                        : readCsv(spark, fs, new Path(new Path(path), entry.getPath().getName()), t, warnings);
                if (rows != null) {
                    tables.put(t, rows);
                }
            }
            if (tables.isEmpty()) {
                throw new IngestException("no canonical tables found in " + path
                        + " (expected files such as patient.csv or folders such as patient/)");
            }
            return new SourceBatch(name(), tables, null, Map.of(), List.copyOf(warnings));
        } catch (IOException e) {
            throw new IngestException("cannot read " + path + ": " + e.getMessage());
        }
    }

    /** The files and folders of {@code root} per table, in contract order; every other entry gets a warning. */
    private static Map<CanonicalTable, List<FileStatus>> tableEntries(FileSystem fs, Path root, List<String> warnings)
            throws IOException {
        Map<CanonicalTable, List<FileStatus>> given = new LinkedHashMap<>();
        Arrays.stream(CanonicalTable.values()).forEach(t -> given.put(t, new ArrayList<>()));
        FileStatus[] entries = fs.listStatus(root);
        Arrays.sort(entries, Comparator.comparing(s -> s.getPath().getName()));
        for (FileStatus st : entries) {
            String n = st.getPath().getName();
            if (bookkeeping(n)) {
                continue;
            }
            Optional<CanonicalTable> table = st.isDirectory() ? tableNamed(n) : csvSuffix(n).flatMap(
                    suffix -> tableNamed(n.substring(0, n.length() - suffix.length())));
            if (table.isPresent()) {
                given.get(table.get()).add(st);
            } else {
                warnings.add(new Path(root, st.getPath().getName()) + (st.isDirectory() ? "/" : "") + " matches no canonical table: not read"
                        + " (expected <table>.csv, <table>.csv.gz, <table>.csv.bz2 or a folder <table>/)");
            }
        }
        given.values().removeIf(List::isEmpty);
        return given;
    }

    private static Dataset<Row> readFolder(SparkSession spark, FileSystem fs, Path folder, CanonicalTable t,
                                           List<String> warnings) throws IOException {
        Dataset<Row> rows = null;
        boolean parquet = false;
        FileStatus[] files = fs.listStatus(folder);
        Arrays.sort(files, Comparator.comparing(s -> s.getPath().getName()));
        for (FileStatus st : files) {
            String n = st.getPath().getName();
            if (bookkeeping(n)) {
                continue;
            }
            if (st.isFile() && csvSuffix(n).isPresent()) {
                rows = union(rows, readCsv(spark, fs, st.getPath(), t, warnings));
            } else if (st.isFile() && n.endsWith(".parquet")) {
                parquet = true;
            } else {
                warnings.add(st.getPath() + " is not a CSV (.csv, .csv.gz, .csv.bz2) or Parquet file: not read");
            }
        }
        return parquet ? union(rows, readParquet(spark, folder)) : rows;
    }

    private static boolean bookkeeping(String name) {
        return name.startsWith(".") || name.startsWith("_");
    }

    private static Optional<String> csvSuffix(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return CSV_SUFFIXES.stream().filter(lower::endsWith).max(Comparator.comparingInt(String::length));
    }

    private static Optional<CanonicalTable> tableNamed(String name) {
        return Arrays.stream(CanonicalTable.values()).filter(t -> t.tableName().equals(name)).findFirst();
    }

    private static Dataset<Row> union(Dataset<Row> a, Dataset<Row> b) {
        return a == null ? b : a.unionByName(b, true);
    }

    private static Dataset<Row> readCsv(SparkSession spark, FileSystem fs, Path file, CanonicalTable table,
                                        List<String> warnings) throws IOException {
        CsvLines csv = CsvLines.read(spark, fs, file);
        Dataset<Row> rows = csv.rows();
        List<String> header = new ArrayList<>();
        for (String h : csv.header()) {
            String name = h.toLowerCase(Locale.ROOT);
            rows = rows.withColumnRenamed(h, name);
            header.add(name);
        }
        boolean operations = header.contains(Deletions.OP);
        for (Field f : table.fields()) {
            if (!header.contains(f.name()) && (!operations || table.keys().contains(f.name()))) {
                if (f.required()) {
                    throw new IngestException(file + ": required column '" + f.name() + "' is missing from the header");
                }
                warnings.add(file + ": optional column '" + f.name() + "' is missing from the header; read as empty");
            }
        }
        if (!table.extensible()) {
            for (String h : header) {
                if (table.field(h).isEmpty() && !h.equals(Deletions.OP)) {
                    warnings.add(file + ": column '" + h + "' is not in the contract of table " + table.tableName()
                            + ": not read");
                }
            }
        }
        return rows;
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
