package io.carelens.common.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carelens.common.spark.SparkWork;
import io.carelens.jobs.testing.SharedSpark;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.delta.DeltaLog;
import org.junit.jupiter.api.Test;

/**
 * {@link Warehouse#read} pins the version current when it is called: a DataFrame made before a write keeps that
 * version's rows however late it is used, and a read made after the write sees the new version, whether the write came
 * through the same warehouse object (whose listing of the old version must not be reused) or another one, as a
 * concurrent ingest's would. A version's data files are listed from the checksum Delta writes with it, and by a
 * Spark job only when that checksum has no file list.
 */
class WarehouseReadTest {
    private static final String TABLE = "silver/numbers";

    private static Dataset<Row> numbers(long from, long to) {
        return SharedSpark.spark().range(from, to).toDF("n");
    }

    private static List<Long> values(Dataset<Row> rows) {
        return rows.orderBy("n").collectAsList().stream().map(r -> r.getLong(0)).toList();
    }

    @Test
    void aReadKeepsItsVersionAndALaterReadSeesTheWrite() {
        Warehouse wh = new Warehouse(SharedSpark.spark(), SharedSpark.newWarehouse().toString(), "test");
        wh.overwrite(TABLE, numbers(0, 3));
        Dataset<Row> before = wh.read(TABLE);
        assertEquals(List.of(0L, 1L, 2L), values(before));

        wh.append(TABLE, numbers(3, 5));
        assertEquals(List.of(0L, 1L, 2L), values(before), "a read made before the append keeps its version");
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L), values(wh.read(TABLE)), "a new read sees the append");

        wh.overwrite(TABLE, numbers(10, 12));
        assertEquals(List.of(10L, 11L), values(wh.read(TABLE)), "a new read sees only the replacing rows");
        assertEquals(List.of(0L, 1L, 2L), values(before));
    }

    @Test
    void aWriteByAnotherWarehouseObjectIsSeenByTheNextRead() {
        String root = SharedSpark.newWarehouse().toString();
        Warehouse reader = new Warehouse(SharedSpark.spark(), root, "reader");
        Warehouse writer = new Warehouse(SharedSpark.spark(), root, "writer");
        writer.overwrite(TABLE, numbers(0, 2));
        assertEquals(List.of(0L, 1L), values(reader.read(TABLE)));

        writer.replaceWhere(TABLE, "n >= 1", numbers(7, 8));
        assertEquals(List.of(0L, 7L), values(reader.read(TABLE)));
        assertEquals(writer.version(TABLE), reader.version(TABLE));
    }

    @Test
    void theRowCountFromTheLogEqualsTheRowsAfterEveryKindOfWrite() {
        Warehouse wh = new Warehouse(SharedSpark.spark(), SharedSpark.newWarehouse().toString(), "test");
        wh.overwrite(TABLE, numbers(0, 1000).repartition(3));
        assertEquals(1000, wh.rowCount(TABLE));
        wh.append(TABLE, numbers(1000, 1010));
        assertEquals(1010, wh.rowCount(TABLE));
        wh.replaceWhere(TABLE, "n < 500", numbers(0, 7));
        assertEquals(517, wh.rowCount(TABLE));
        wh.delete(TABLE, numbers(0, 3), List.of("n"));
        assertEquals(514, wh.rowCount(TABLE));
        assertEquals(wh.read(TABLE).count(), wh.rowCount(TABLE));
    }

    @Test
    void filesWithoutRecordCountsAreCounted() {
        Warehouse wh = new Warehouse(SharedSpark.spark(), SharedSpark.newWarehouse().toString(), "test");
        SharedSpark.spark().conf().set("spark.databricks.delta.stats.collect", "false");
        try {
            wh.overwrite(TABLE, numbers(0, 42));
        } finally {
            SharedSpark.spark().conf().unset("spark.databricks.delta.stats.collect");
        }
        assertEquals(42, wh.rowCount(TABLE));
    }

    @Test
    void aVersionsFilesAreListedFromItsChecksumWithoutASparkJob() throws TimeoutException {
        String root = SharedSpark.newWarehouse().toString();
        new Warehouse(SharedSpark.spark(), root, "writer").overwrite(TABLE, numbers(0, 100).repartition(3));
        DeltaLog.clearCache();
        Warehouse reader = new Warehouse(SharedSpark.spark(), root, "reader");
        long before = jobsSoFar();
        assertEquals(100, reader.rowCount(TABLE));
        assertEquals(0, jobsSoFar() - before, "the three files come from the checksum Delta wrote with the version, "
                + "read back from storage as another process reads it");
        assertEquals(100, reader.read(TABLE).count());
    }

    @Test
    void aVersionWhoseChecksumListsNoFilesIsListedByASparkJob() throws TimeoutException {
        String root = SharedSpark.newWarehouse().toString();
        String filesInChecksum = "spark.databricks.delta.allFilesInCrc.enabled";
        String setting = SharedSpark.spark().conf().get(filesInChecksum);
        SharedSpark.spark().conf().set(filesInChecksum, "false");
        try {
            new Warehouse(SharedSpark.spark(), root, "writer").overwrite(TABLE, numbers(0, 100).repartition(3));
        } finally {
            SharedSpark.spark().conf().set(filesInChecksum, setting);
        }
        DeltaLog.clearCache();
        Warehouse reader = new Warehouse(SharedSpark.spark(), root, "reader");
        long before = jobsSoFar();
        assertEquals(100, reader.rowCount(TABLE));
        assertTrue(jobsSoFar() > before, "without a file list in the checksum, the log is replayed by a Spark job");
        assertEquals(List.of(0L, 1L, 2L), values(reader.read(TABLE)).subList(0, 3));
    }

    /** Spark jobs started so far, once the listener bus has delivered every event. */
    private static long jobsSoFar() throws TimeoutException {
        SharedSpark.spark().sparkContext().listenerBus().waitUntilEmpty();
        return SparkWork.of(SharedSpark.spark()).jobs();
    }

    @Test
    void aTableWithoutAVersionFailsAsDeltaFails() {
        Warehouse wh = new Warehouse(SharedSpark.spark(), SharedSpark.newWarehouse().toString(), "test");
        assertThrows(AnalysisException.class, () -> wh.read(TABLE));
    }
}
