package io.carelens.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carelens.jobs.testing.SharedSpark;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CliTest {
    private static String warehouse;

    /** Exit code, standard output and standard error of one CLI call. */
    record Outcome(int exit, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    static Outcome carelens(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int code = CareLens.execute(args);
            return new Outcome(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @BeforeAll
    static void ingest() throws URISyntaxException {
        SharedSpark.spark();
        warehouse = SharedSpark.newWarehouse().toString();
        String clean = Paths.get(CliTest.class.getResource("/ingest/clean").toURI()).toString();
        Outcome r = carelens("ingest", "--path", clean, "--warehouse", warehouse);
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("encounter") && r.err().contains("accepted"), "prints the reconciliation");
    }

    @Test
    void aMissingInputFolderIsOneLineNamingIt() {
        Outcome r = carelens("ingest", "--path", "/no/such/folder", "--warehouse", warehouse, "--quiet");
        assertEquals(2, r.exit());
        assertEquals(List.of("carelens: error: input folder not found: /no/such/folder"), r.errLines());
    }

    @Test
    void aBadOptionIsOneLineNamingIt() {
        Outcome r = carelens("ingest", "--path", "x", "--pathh", "y");
        assertEquals(2, r.exit());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().contains("--pathh") && r.err().contains("carelens ingest --help"), r.err());
    }

    @Test
    void aMissingConfigFileIsAUserError() {
        Outcome r = carelens("tables", "--warehouse", warehouse, "--config", "/no/such.conf");
        assertEquals(2, r.exit());
        assertEquals(List.of("carelens: error: configuration file not found: /no/such.conf"), r.errLines());
    }

    @Test
    void tablesListsEveryTableWithVersionAndRows() {
        Outcome r = carelens("tables", "--warehouse", warehouse, "--quiet");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("silver/encounter\\s+version \\d+\\s+rows 3")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("ops/run_manifest\\s+version \\d+\\s+rows \\d+")), r.out());
    }

    @Test
    void sqlPrintsCsvWithAHeaderOverPathNamedViews() {
        Outcome r = carelens("sql", "--warehouse", warehouse, "--quiet",
                "SELECT encounter_id, encounter_class FROM silver_encounter ORDER BY encounter_id");
        assertEquals(0, r.exit(), r.err());
        assertEquals(List.of("encounter_id,encounter_class", "e1,AMB", "e2,EMER", "e3,IMP"), r.out().lines().toList());
    }

    @Test
    void sqlViewsAreMadeForTheTablesTheQueryNamesInAnyCase() {
        List<String> tables = List.of("silver/encounter", "silver/patient", "gold/measure_rates");
        assertEquals(List.of("silver/encounter", "silver/patient"), SqlCommand.tablesNamedIn(
                "SELECT * FROM Silver_Encounter e JOIN `silver_patient` p USING (person_id)", tables));
        assertEquals(List.of("gold/measure_rates"),
                SqlCommand.tablesNamedIn("select count(*) from gold_measure_rates -- not silver_encounters", tables));
        assertEquals(tables, SqlCommand.tablesNamedIn("SHOW TABLES", tables));
    }

    @Test
    void sqlFindsAViewWhoseNameTheQueryAssembles() {
        SharedSpark.spark().catalog().dropTempView("silver_encounter");
        Outcome r = carelens("sql", "--warehouse", warehouse, "--quiet", "SELECT count(*) AS n FROM "
                + "IDENTIFIER('silver_' || 'encounter') e JOIN silver_patient p USING (person_id)");
        assertEquals(0, r.exit(), r.err());
        assertEquals(List.of("n", "3"), r.out().lines().toList());
    }

    @Test
    void sqlShowTablesListsAViewForEveryTable() {
        Outcome r = carelens("sql", "--warehouse", warehouse, "--quiet", "SHOW TABLES");
        assertEquals(0, r.exit(), r.err());
        List<String> names = r.out().lines().skip(1).map(l -> l.split(",")[1]).toList();
        assertTrue(names.containsAll(List.of("silver_encounter", "silver_patient", "ops_run_manifest")), r.out());
    }

    @Test
    void helpIsAvailableOnEverySubcommand() {
        for (String sub : List.of("run", "ingest", "tables", "sql", "contract")) {
            Outcome r = carelens(sub, "--help");
            assertEquals(0, r.exit(), sub);
            assertTrue(r.out().contains("--warehouse") || sub.equals("contract"), sub + ": " + r.out());
        }
    }

    @Test
    void warehouseDefaultsToTheConfiguredRoot() {
        Path here = Path.of("warehouse");
        assertEquals(here.toString(), io.carelens.common.config.CareLensConfig.defaults().warehouse());
    }

    @Test
    void aStageWhoseInputIsMissingNamesTheStageToRunFirst() {
        Outcome r = carelens("evaluate", "--warehouse", warehouse, "--quiet");
        assertEquals(2, r.exit());
        assertEquals(1, r.errLines().size(), r.err());
        String line = r.errLines().get(0);
        assertTrue(line.startsWith("carelens: error: evaluation needs gold/utilization_events in ")
                && line.endsWith("; run carelens utilization first"), line);
    }
}
