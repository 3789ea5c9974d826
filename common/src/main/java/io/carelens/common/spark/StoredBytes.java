package io.carelens.common.spark;

import java.io.IOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * The bytes of every file under a path, read from its file system (local, HDFS, object store) without a Spark job: a
 * cheap size of a source folder or a table, for choices that depend on how much data a stage reads.
 */
public final class StoredBytes {
    private StoredBytes() {
    }

    /** The bytes of the files under {@code path} (or of the file itself); 0 when nothing is there. */
    public static long under(SparkSession spark, String path) throws IOException {
        Path p = new Path(path);
        FileSystem fs = p.getFileSystem(spark.sessionState().newHadoopConf());
        return fs.exists(p) ? fs.getContentSummary(p).getLength() : 0;
    }
}
