package io.carelens.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * Runs every statement of every notebook in notebooks/ against the report's warehouse of gold tables, registered as
 * views the way {@code carelens sql} does; every query must return rows. Checks the worked DiD against the gold
 * rates it is worked from.
 */
class NotebooksTest {
    static final String HEADER = "-- Databricks notebook source";
    static final String CELL = "-- COMMAND ----------";

    static Path notebooks() {
        Path here = Path.of("notebooks");
        return Files.isDirectory(here) ? here : Path.of("..", "notebooks");
    }

    /** The SQL statements of a notebook: code cells without comment lines, split at a ';' that ends a line. */
    static List<String> statements(String source) {
        List<String> out = new ArrayList<>();
        for (String cell : source.substring(HEADER.length()).split("\n" + CELL + "\n")) {
            StringBuilder sql = new StringBuilder();
            for (String line : cell.split("\n")) {
                if (!line.strip().startsWith("--")) {
                    sql.append(line).append('\n');
                }
            }
            for (String s : sql.toString().split(";\\s*\n")) {
                if (!s.isBlank()) {
                    out.add(s.strip().replaceAll(";$", ""));
                }
            }
        }
        return out;
    }

    @Test
    void everyStatementOfEveryNotebookRunsAndQueriesReturnRows() throws IOException {
        SparkSession spark = ReportFixture.context().spark();
        ReportFixture.context().warehouse().registerViews(ReportFixture.context().warehouse().tables());
        List<Path> files;
        try (Stream<Path> s = Files.list(notebooks())) {
            files = s.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
        }
        assertTrue(files.size() >= 3 && files.size() <= 5, files.toString());
        int executed = 0;
        for (Path f : files) {
            String source = Files.readString(f);
            assertTrue(source.startsWith(HEADER + "\n"), f + " is not in Databricks source format");
            assertTrue(source.contains("-- MAGIC %md"), f + " has no Markdown cell");
            List<String> statements = statements(source);
            assertFalse(statements.isEmpty(), f.toString());
            for (String sql : statements) {
                List<Row> rows = spark.sql(sql).collectAsList();
                if (sql.toUpperCase(Locale.ROOT).startsWith("SELECT") || sql.toUpperCase(Locale.ROOT).startsWith("WITH")) {
                    assertFalse(rows.isEmpty(), f.getFileName() + " returned no rows:\n" + sql);
                }
                executed++;
            }
        }
        assertTrue(executed >= 12, executed + " statements");
    }

    @Test
    void theWorkedDifferenceInDifferencesEqualsTheGoldRates() throws IOException {
        SparkSession spark = ReportFixture.context().spark();
        ReportFixture.context().warehouse().registerViews(ReportFixture.context().warehouse().tables());
        List<String> statements = statements(Files.readString(notebooks().resolve("04_worked_evaluation.sql")));
        spark.sql(statements.get(0));
        double did = spark.sql(statements.get(2)).head().getDouble(0);
        Row cells = spark.sql("SELECT "
                + "max(CASE WHEN arm = 'intervention' AND year(period_start) = 2025 THEN rate END) - "
                + "max(CASE WHEN arm = 'intervention' AND year(period_start) = 2024 THEN rate END) - "
                + "(max(CASE WHEN arm = 'comparison' AND year(period_start) = 2025 THEN rate END) - "
                + "max(CASE WHEN arm = 'comparison' AND year(period_start) = 2024 THEN rate END)) "
                + "FROM gold_utilization_rates WHERE measure_id = 'ED_VISITS' AND dimension = 'overall' "
                + "AND practice_id = 'all'").head();
        assertEquals(Math.round(cells.getDouble(0) * 10) / 10.0, did, 1e-9);
    }
}
