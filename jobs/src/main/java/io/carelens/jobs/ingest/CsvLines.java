package io.carelens.jobs.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_csv;
import static org.apache.spark.sql.functions.lit;

import io.carelens.common.schema.CanonicalTable;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A CSV file with a header row and one record per line (LF, CRLF or CR; plain, gzip or bzip2), read line by line
 * so that every row keeps its physical line number in {@code _source_row}: a quarantine message then points at the
 * line a person would open. All columns are strings named as in the header; {@link Validator#MALFORMED}
 * marks lines that do not parse (wrong number of fields, bad quoting, so also a quoted field that spans lines);
 * blank lines are not records. Bytes that are not UTF-8 decode to U+FFFD, which the validator reports.
 *
 * @param header the header's column names, in file order
 * @param rows   header columns, {@code _malformed}, {@code _source_file} and {@code _source_row}
 */
public record CsvLines(List<String> header, Dataset<Row> rows) {

    /**
     * Reads {@code file} (gzip or bzip2 when its name says so). Header names lose surrounding spaces and quotes.
     * An empty file (no header) or one separated by semicolons or tabs is an
     * {@link IngestException} naming the file.
     */
    public static CsvLines read(SparkSession spark, FileSystem fs, Path file) throws IOException {
        String headerLine;
        CompressionCodec codec = new CompressionCodecFactory(fs.getConf()).getCodec(file);
        try (InputStream raw = fs.open(file);
             BufferedReader in = new BufferedReader(new InputStreamReader(
                     codec == null ? raw : codec.createInputStream(raw), StandardCharsets.UTF_8))) {
            headerLine = in.readLine();
        }
        if (headerLine == null || headerLine.isBlank()) {
            throw new IngestException(file + ": empty file, expected a header row");
        }
        headerLine = headerLine.replace("\uFEFF", "");
        for (String delimiter : List.of(";", "\t")) {
            if (!headerLine.contains(",") && headerLine.contains(delimiter)) {
                throw new IngestException(file + ": the header is separated by "
                        + (delimiter.equals(";") ? "semicolons" : "tabs") + "; CareLens reads comma-separated files");
            }
        }
        List<String> header = new ArrayList<>();
        for (String h : headerLine.split(",", -1)) {
            header.add(h.replace("\"", "").trim());
        }
        StructType lineSchema = new StructType();
        for (String h : header) {
            lineSchema = lineSchema.add(h, DataTypes.StringType, true);
        }

        Dataset<Row> text = NumberedLines.read(spark, file.toString())
                .where(col(CanonicalTable.SOURCE_ROW).gt(1).and(col("line").rlike("\\S")));
        Map<String, String> options = Map.of("mode", "PERMISSIVE", "columnNameOfCorruptRecord", "_corrupt");
        Dataset<Row> parsed = text.select(
                from_csv(col("line"), lit(lineSchema.add("_corrupt", DataTypes.StringType).toDDL()), options).as("r"),
                col(CanonicalTable.SOURCE_ROW));
        List<Column> cols = new ArrayList<>();
        for (String h : header) {
            cols.add(col("r.`" + h + "`").as(h));
        }
        cols.add(col("r._corrupt").isNotNull().as(Validator.MALFORMED));
        cols.add(lit(file.toString()).as(CanonicalTable.SOURCE_FILE));
        cols.add(col(CanonicalTable.SOURCE_ROW));
        return new CsvLines(List.copyOf(header), parsed.select(cols.toArray(Column[]::new)));
    }
}
