package io.carelens.jobs.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.spark_partition_id;

import io.carelens.common.schema.CanonicalTable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The lines of a text file with their physical line numbers (1 = the first line), read in parallel splits and
 * numbered without leaving Spark's generated code: each line's position within its split comes from
 * {@code monotonically_increasing_id} (split index in the upper bits), and the splits' offsets from the number of
 * lines in each split, counted in one extra Spark job per file (no shuffle), against a row-by-row
 * {@code zipWithIndex}.
 */
final class NumberedLines {
    private static final String PART = "_part";
    private static final String ID = "_id";

    private NumberedLines() {
    }

    /** Columns {@code line} (the text, without its line break) and {@code _source_row} (the line number). */
    static Dataset<Row> read(SparkSession spark, String file) {
        Dataset<Row> text = spark.read().text(file)
                .select(col("value").as("line"), spark_partition_id().as(PART), monotonically_increasing_id().as(ID));
        List<long[]> sizes = new ArrayList<>(text.select(PART).javaRDD().mapPartitions(NumberedLines::splitSize)
                .collect());
        sizes.sort((a, b) -> Long.compare(a[0], b[0]));
        List<Column> offsets = new ArrayList<>();
        long before = 0;
        for (long[] split : sizes) {
            offsets.add(lit((int) split[0]));
            offsets.add(lit(before));
            before += split[1];
        }
        Column offset = offsets.isEmpty() ? lit(0L) : element_at(map(offsets.toArray(Column[]::new)), col(PART));
        Column withinSplit = col(ID).minus(col(PART).cast("long").multiply(lit(1L << 33)));
        return text.select(col("line"), offset.plus(withinSplit).plus(1).as(CanonicalTable.SOURCE_ROW));
    }

    /** One split's index and line count ({@code [index, count]}); nothing for an empty split. */
    private static Iterator<long[]> splitSize(Iterator<Row> split) {
        if (!split.hasNext()) {
            return List.<long[]>of().iterator();
        }
        long index = split.next().getInt(0);
        long count = 1;
        while (split.hasNext()) {
            split.next();
            count++;
        }
        return List.of(new long[] {index, count}).iterator();
    }
}
