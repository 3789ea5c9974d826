package io.carelens.jobs.ingest.synthea;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carelens.common.delta.Warehouse;
import io.carelens.common.schema.CanonicalTable;
import io.carelens.jobs.ingest.IngestStage;
import io.carelens.jobs.ingest.Quarantine;
import io.carelens.jobs.run.Reconciliation;
import io.carelens.jobs.run.StageContext;
import io.carelens.jobs.testing.SharedSpark;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import io.carelens.jobs.run.StageRunner;

/**
 * The Synthea sample (a 14-patient subset of /work/shared/data/synthea-csv, CRLF, no SYSTEM columns; see
 * src/test/resources/synthea/PROVENANCE.md) through the full ingest. Expected counts are computed here from the
 * CSV files with plain Java, independently of the adapter.
 */
class SyntheaIngestTest {
    private static final Path SAMPLE = Path.of("src/test/resources/synthea/sample");

    private static Warehouse warehouse;
    private static Map<String, Reconciliation> reconciliations;

    @BeforeAll
    static void ingest() {
        StageContext ctx = SharedSpark.context(Map.of());
        IngestStage stage = new IngestStage(new SyntheaSource(), SAMPLE.toString());
        StageRunner.runAlone(stage, ctx);
        warehouse = ctx.warehouse();
        reconciliations = stage.reconciliations().stream().collect(Collectors.toMap(Reconciliation::table, r -> r));
    }

    /** The data rows of a sample file as column name to value maps (the sample has no quoted fields). */
    private static List<Map<String, String>> csv(String file) {
        try {
            List<String> lines = Files.readAllLines(SAMPLE.resolve(file), StandardCharsets.UTF_8);
            String[] header = lines.get(0).split(",", -1);
            List<Map<String, String>> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] v = line.split(",", -1);
                Map<String, String> row = new HashMap<>();
                for (int i = 0; i < header.length; i++) {
                    row.put(header[i], v[i]);
                }
                rows.add(row);
            }
            return rows;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean loinc(Map<String, String> obs) {
        return obs.get("CODE").matches("[0-9]{1,7}-[0-9]");
    }

    /** A canonical row the sample should produce: its person and the day of its event (null = none checked). */
    private record Expected(String person, String day) {
        /** The contract quarantines events dated after the person's death (EVENT_AFTER_DEATH). */
        boolean afterDeath() {
            String death = DEATHS.get(person);
            return day != null && death != null && !death.isEmpty() && day.compareTo(death) > 0;
        }
    }

    private static final Map<String, String> DEATHS = csv("patients.csv").stream()
            .collect(Collectors.toMap(r -> r.get("Id"), r -> r.get("DEATHDATE")));

    /** Condition rows expected: every conditions.csv row plus each encounter reason no condition row records. */
    private static List<Expected> expectedConditions() {
        Set<String> recorded = new HashSet<>();
        List<Expected> rows = new ArrayList<>();
        for (Map<String, String> c : csv("conditions.csv")) {
            recorded.add(c.get("ENCOUNTER") + "|" + c.get("CODE"));
            rows.add(new Expected(c.get("PATIENT"), c.get("START").substring(0, 10)));
        }
        for (Map<String, String> e : csv("encounters.csv")) {
            if (!e.get("REASONCODE").isEmpty() && !recorded.contains(e.get("Id") + "|" + e.get("REASONCODE"))) {
                rows.add(new Expected(e.get("PATIENT"), null));
            }
        }
        return rows;
    }

    private static Map<CanonicalTable, List<Expected>> expectedPerTable() {
        Map<CanonicalTable, List<Expected>> m = new TreeMap<>();
        m.put(CanonicalTable.PATIENT, expected("patients.csv", "Id", null, r -> true));
        m.put(CanonicalTable.ENCOUNTER, expected("encounters.csv", "PATIENT", "START", r -> true));
        m.put(CanonicalTable.CONDITION, expectedConditions());
        m.put(CanonicalTable.PROCEDURE, expected("procedures.csv", "PATIENT", "START", r -> true));
        m.put(CanonicalTable.OBSERVATION, expected("observations.csv", "PATIENT", "DATE", SyntheaIngestTest::loinc));
        m.put(CanonicalTable.MEDICATION, expected("medications.csv", "PATIENT", "START", r -> true));
        m.put(CanonicalTable.COVERAGE, expected("payer_transitions.csv", "PATIENT", "START_DATE", r -> true));
        return m;
    }

    private static List<Expected> expected(String file, String person, String date, Predicate<Map<String, String>> maps) {
        return csv(file).stream().filter(maps)
                .map(r -> new Expected(r.get(person), date == null ? null : r.get(date).substring(0, 10))).toList();
    }

    @Test
    void everyTableReconcilesWithItsSourceRows() {
        expectedPerTable().forEach((table, rows) -> {
            Reconciliation r = reconciliations.get(table.tableName());
            long afterDeath = rows.stream().filter(Expected::afterDeath).count();
            assertTrue(r.balances(), r.toString());
            assertEquals(rows.size(), r.read(), table + " rows handed to ingest");
            assertEquals(rows.size() - afterDeath, r.accepted(), table + " rows accepted: " + r);
            assertEquals(afterDeath, r.quarantined(), table + " rows quarantined: " + r);
            assertEquals(0, r.duplicates());
            assertEquals(rows.size() - afterDeath, warehouse.read(table.silverPath()).count(), table.silverPath());
        });
    }

    @Test
    void everySourceRowIsAccountedFor() {
        long observations = csv("observations.csv").size();
        long nonLoinc = csv("observations.csv").stream().filter(r -> !loinc(r)).count();
        Reconciliation rejected = reconciliations.get("synthea:observations.csv");
        assertEquals(nonLoinc, rejected.quarantined());
        assertEquals(observations, reconciliations.get("observation").read() + rejected.read());
        Map<String, Long> expected = new TreeMap<>();
        expected.put("synthea:observations.csv UNMAPPED", nonLoinc);
        expectedPerTable().forEach((table, rows) -> rows.stream().filter(Expected::afterDeath)
                .forEach(e -> expected.merge(table.tableName() + " EVENT_AFTER_DEATH", 1L, Long::sum)));
        Map<String, Long> actual = new TreeMap<>();
        for (Row r : warehouse.read(Quarantine.TABLE).groupBy("entity", "reason_code").count().collectAsList()) {
            actual.put(r.getString(0) + " " + r.getString(1), r.getLong(2));
        }
        assertEquals(expected, actual, "Synthea's QALY/DALY/QOLS summaries, and the death certification after death");
    }

    @Test
    void everyPatientReconciles() {
        expectedPerTable().forEach((table, rows) -> {
            Map<String, Long> expected = rows.stream().filter(e -> !e.afterDeath())
                    .collect(Collectors.groupingBy(Expected::person, TreeMap::new, Collectors.counting()));
            Map<String, Long> actual = new TreeMap<>();
            for (Row r : warehouse.read(table.silverPath()).groupBy("person_id").count().collectAsList()) {
                actual.put(r.getString(0), r.getLong(1));
            }
            assertEquals(expected, actual, table.tableName() + " rows per patient");
        });
    }

    @Test
    void encounterClassesFollowTheMapping() {
        Map<String, String> classes = Map.of("wellness", "AMB", "ambulatory", "AMB", "outpatient", "AMB",
                "urgentcare", "AMB", "emergency", "EMER", "inpatient", "IMP", "virtual", "VR", "hospice", "NONAC",
                "snf", "NONAC");
        Map<String, Long> expected = csv("encounters.csv").stream()
                .filter(r -> !new Expected(r.get("PATIENT"), r.get("START").substring(0, 10)).afterDeath())
                .collect(Collectors.groupingBy(r -> classes.get(r.get("ENCOUNTERCLASS")), TreeMap::new, Collectors.counting()));
        Map<String, Long> actual = new TreeMap<>();
        for (Row r : warehouse.read("silver/encounter").groupBy("encounter_class").count().collectAsList()) {
            actual.put(r.getString(0), r.getLong(1));
        }
        assertEquals(expected, actual);
        assertTrue(actual.get("EMER") > 0 && actual.get("NONAC") > 0);
    }

    @Test
    void payerTypesAndDualStatusFollowThePayers() {
        Map<String, String> payerName = csv("payers.csv").stream().collect(Collectors.toMap(r -> r.get("Id"), r -> r.get("NAME")));
        Map<String, String> types = Map.of("Medicare", "medicare/none", "Medicaid", "medicaid/none",
                "Dual Eligible", "medicare/full", "NO_INSURANCE", "uninsured/null");
        Map<String, Long> expected = csv("payer_transitions.csv").stream().collect(Collectors.groupingBy(
                r -> types.getOrDefault(payerName.get(r.get("PAYER")), "commercial/null"), TreeMap::new, Collectors.counting()));
        Map<String, Long> actual = new TreeMap<>();
        for (Row r : warehouse.read("silver/coverage").groupBy("payer_type", "dual_status").count().collectAsList()) {
            actual.put(r.getString(0) + "/" + r.getString(1), r.getLong(2));
        }
        assertEquals(expected, actual);
        assertEquals(1L, actual.get("medicare/full"), "the sample's one Dual Eligible span");
    }

    @Test
    void raceAndEthnicityFollowTheOmbMapping() {
        Map<String, String> race = Map.of("white", "white", "black", "black_or_african_american", "asian", "asian",
                "other", "other");
        Map<String, String> expected = new TreeMap<>();
        for (Map<String, String> p : csv("patients.csv")) {
            expected.put(p.get("Id"), race.get(p.get("RACE")) + "/" + ("hispanic".equals(p.get("ETHNICITY"))
                    ? "hispanic_or_latino" : "not_hispanic_or_latino") + "/" + ("M".equals(p.get("GENDER")) ? "male" : "female"));
        }
        Map<String, String> actual = new TreeMap<>();
        for (Row r : warehouse.read("silver/patient").select("person_id", "race", "ethnicity", "sex").collectAsList()) {
            actual.put(r.getString(0), r.getString(1) + "/" + r.getString(2) + "/" + r.getString(3));
        }
        assertEquals(expected, actual);
    }

    @Test
    void codeSystemsAreInferredPerFile() {
        Map<String, Long> systems = new TreeMap<>();
        for (String t : List.of("condition", "procedure", "observation", "medication")) {
            for (Row r : warehouse.read("silver/" + t).groupBy("code_system").count().collectAsList()) {
                systems.put(t + ":" + r.getString(0), r.getLong(1));
            }
        }
        assertEquals(Set.of("condition:SNOMEDCT", "procedure:SNOMEDCT", "observation:LOINC", "medication:RXNORM"),
                systems.keySet());
        long numericWithValue = warehouse.read("silver/observation").where(col("value_num").isNotNull()).count();
        long numeric = csv("observations.csv").stream().filter(r -> loinc(r) && r.get("TYPE").equals("numeric")
                && !new Expected(r.get("PATIENT"), r.get("DATE").substring(0, 10)).afterDeath()).count();
        assertEquals(numeric, numericWithValue, "TYPE is the last column: CRLF must not break its value");
    }
}
