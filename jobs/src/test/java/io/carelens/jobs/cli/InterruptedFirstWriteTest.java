package io.carelens.jobs.cli;

import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carelens.common.delta.Warehouse;
import io.carelens.jobs.testing.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * A table whose first write was killed half-way (its data files and an empty transaction log on disk, no commit)
 * does not take the healthy tables down: {@code tables} and {@code sql} name it in one warning and go on, and the
 * next write of the table creates it.
 */
class InterruptedFirstWriteTest {

    @Test
    void anInterruptedTableIsSkippedWithAWarningAndRepairedByTheNextWrite() throws Exception {
        Path root = SharedSpark.newWarehouse();
        Warehouse wh = new Warehouse(SharedSpark.spark(), root.toString(), "test");
        Dataset<Row> patients = SharedSpark.spark().range(3).selectExpr("cast(id as string) as person_id");
        wh.overwrite("silver/patient", patients);
        Path killed = root.resolve("silver/encounter");
        Files.createDirectories(killed.resolve("_delta_log"));
        Files.write(killed.resolve("part-00000-interrupted.snappy.parquet"), new byte[] {'P', 'A', 'R'});

        assertEquals(List.of("silver/patient"), wh.tables());
        assertEquals(List.of("silver/encounter"), wh.incompleteTables());

        CliTest.Outcome sql = CliTest.carelens("sql", "--quiet", "--warehouse", root.toString(),
                "SELECT count(*) AS n FROM silver_patient");
        assertEquals(0, sql.exit(), sql.err());
        assertEquals("n\n3\n", sql.out());
        assertEquals(List.of("carelens: warning: silver/encounter skipped: its first write was interrupted and it has "
                + "no committed version; the next run of ingest writes it"), sql.errLines());

        CliTest.Outcome tables = CliTest.carelens("tables", "--quiet", "--warehouse", root.toString());
        assertEquals(0, tables.exit(), tables.err());
        assertTrue(tables.out().startsWith("silver/patient") && !tables.out().contains("silver/encounter"),
                tables.out());

        Dataset<Row> encounters = patients.withColumn("encounter_id", lit("e1"));
        wh.merge("silver/encounter", encounters, List.of("person_id"), lit(true));
        assertEquals(List.of("silver/encounter", "silver/patient"), wh.tables());
        assertEquals(3, wh.read("silver/encounter").count());
    }
}
