package io.carelens.jobs.ingest.synthea;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carelens.common.config.CareLensConfig;
import io.carelens.common.schema.CanonicalTable;
import io.carelens.jobs.ingest.IngestException;
import io.carelens.jobs.ingest.SourceBatch;
import io.carelens.jobs.testing.SharedSpark;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The mapping rules, one test each, on two tiny hand-made exports: {@code v2-layout} (Synthea 2.x headers: no
 * FIPS, no observation CATEGORY, payer years, no SYSTEM; LF) and {@code system-layout} (Synthea master headers with
 * SYSTEM columns). Reads through the adapter only; {@link SyntheaIngestTest} runs the sample through ingest.
 */
class SyntheaMappingTest {
    private static final Path V2 = Path.of("src/test/resources/synthea/v2-layout");
    private static final Path SYSTEM = Path.of("src/test/resources/synthea/system-layout");
    private static final Path ICD_MAP = Path.of("src/test/resources/synthea/snomed-to-icd10-test.csv");

    private static SourceBatch v2;
    private static SourceBatch system;

    @BeforeAll
    static void read() {
        v2 = new SyntheaSource().read(SharedSpark.spark(), V2.toString());
        system = new SyntheaSource().read(SharedSpark.spark(), SYSTEM.toString());
    }

    private static Map<String, Row> byKey(SourceBatch batch, CanonicalTable table, String key) {
        return batch.tables().get(table).collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getAs(key), r -> r));
    }

    private static Map<Long, String> rejects(SourceBatch batch, String entity) {
        Map<Long, String> out = new HashMap<>();
        for (Row r : batch.rejected().where(col("entity").equalTo(entity)).collectAsList()) {
            out.put(r.getAs("_source_row"), r.getAs("reason_code"));
        }
        return out;
    }

    @Test
    void encounterClassMapsToActCodeAndUnknownClassIsUnmapped() {
        Map<String, Row> e = byKey(v2, CanonicalTable.ENCOUNTER, "encounter_id");
        assertEquals("HH", e.get("e1").getAs("encounter_class"));
        assertEquals("VR", e.get("e2").getAs("encounter_class"));
        assertEquals("NONAC", e.get("e3").getAs("encounter_class"));
        assertEquals("EMER", e.get("e5").getAs("encounter_class"));
        Map<String, Row> f = byKey(system, CanonicalTable.ENCOUNTER, "encounter_id");
        assertEquals("AMB", f.get("f1").getAs("encounter_class"));
        assertEquals("IMP", f.get("f3").getAs("encounter_class"));
        assertEquals(Map.of(5L, "UNMAPPED"), rejects(v2, "synthea:encounters.csv"), "e4 (spaceship) is line 5");
        assertEquals("finished", e.get("e1").getAs("status"));
        assertEquals("in-progress", e.get("e5").getAs("status"), "no STOP");
        assertEquals("SNOMEDCT", e.get("e1").getAs("type_system"));
        assertEquals("185349003", e.get("e1").getAs("type_code"));
        assertEquals("o1", e.get("e1").getAs("facility_id"));
        assertEquals("d1", e.get("e1").getAs("provider_id"));
    }

    @Test
    void encounterWithUnknownProviderIsAnUnresolvedReference() {
        assertEquals(Map.of(3L, "UNRESOLVED_REFERENCE"), rejects(system, "synthea:encounters.csv"));
    }

    @Test
    void raceEthnicityAndGenderMapToOmbCategories() {
        Map<String, Row> p = byKey(v2, CanonicalTable.PATIENT, "person_id");
        assertEquals("american_indian_or_alaska_native", p.get("p1").getAs("race"));
        assertEquals("1002-5", p.get("p1").getAs("race_code"));
        assertEquals("not_hispanic_or_latino", p.get("p1").getAs("ethnicity"));
        assertEquals("female", p.get("p1").getAs("gender"));
        assertEquals("female", p.get("p1").getAs("sex"));
        assertEquals("native_hawaiian_or_other_pacific_islander", p.get("p2").getAs("race"));
        assertEquals("hispanic_or_latino", p.get("p2").getAs("ethnicity"));
        assertEquals("male", p.get("p2").getAs("sex"));
        assertEquals("2020-01-02", p.get("p2").getAs("deceased_date"));
        assertNull(p.get("p1").getAs("preferred_language"));
        assertEquals(Map.of(4L, "UNMAPPED"), rejects(v2, "synthea:patients.csv"), "p3 (martian) is line 4");
        Map<String, Row> q = byKey(system, CanonicalTable.PATIENT, "person_id");
        assertEquals("black_or_african_american", q.get("q1").getAs("race"));
        assertEquals("asian", q.get("q2").getAs("race"));
    }

    @Test
    void zipAndFipsFollowTheHeader() {
        Map<String, Row> q = byKey(system, CanonicalTable.PATIENT, "person_id");
        assertEquals("25025", q.get("q1").getAs("county_fips"));
        assertNull(q.get("q1").getAs("postal_code"), "00000 means unknown");
        assertEquals("01601", q.get("q2").getAs("postal_code"));
        assertNull(q.get("q2").getAs("county_fips"));
        assertNull(byKey(v2, CanonicalTable.PATIENT, "person_id").get("p1").getAs("county_fips"), "2.x has no FIPS");
    }

    @Test
    void payerTypesIncludingDualEligibleAndBothDateLayouts() {
        Map<String, Row> c = byKey(system, CanonicalTable.COVERAGE, "plan_id");
        assertEquals("medicare", c.get("pay-dual").getAs("payer_type"));
        assertEquals("full", c.get("pay-dual").getAs("dual_status"));
        assertEquals("2021-06-01T00:00:00Z", c.get("pay-dual").getAs("start_date"));
        assertEquals("commercial", c.get("pay-bcbs").getAs("payer_type"));
        assertNull(c.get("pay-bcbs").getAs("dual_status"));
        assertEquals("other", c.get("pay-gov").getAs("payer_type"), "a government payer that is not Medicare/Medicaid");
        Map<String, Row> old = byKey(v2, CanonicalTable.COVERAGE, "plan_id");
        assertEquals("medicaid", old.get("pay-medicaid").getAs("payer_type"));
        assertEquals("none", old.get("pay-medicaid").getAs("dual_status"));
        assertEquals("2019-01-01", old.get("pay-medicaid").getAs("start_date"));
        assertEquals("2020-12-31", old.get("pay-medicaid").getAs("end_date"));
        assertEquals("uninsured", old.get("pay-none").getAs("payer_type"));
        assertEquals(Map.of(4L, "UNRESOLVED_REFERENCE"), rejects(v2, "synthea:payer_transitions.csv"));
    }

    @Test
    void conditionsAreProblemListUnlessTheirEncountersReason() {
        List<Row> rows = v2.tables().get(CanonicalTable.CONDITION).collectAsList();
        Map<String, Row> byCode = rows.stream().collect(Collectors.toMap(r -> r.getAs("code"), r -> r));
        assertEquals(3, rows.size(), "bronchitis (reason of e5), diabetes, and e2's reason hypertension");
        Row bronchitis = byCode.get("10509002");
        assertEquals("encounter-diagnosis", bronchitis.getAs("category"));
        assertEquals("1", bronchitis.getAs("diagnosis_rank"));
        assertEquals("resolved", bronchitis.getAs("clinical_status"));
        assertEquals("2018-07-20", bronchitis.getAs("abatement_ts"));
        Row diabetes = byCode.get("44054006");
        assertEquals("problem-list-item", diabetes.getAs("category"));
        assertNull(diabetes.getAs("diagnosis_rank"));
        assertEquals("active", diabetes.getAs("clinical_status"));
        Row reason = byCode.get("59621000");
        assertEquals("e2#reason", reason.getAs("condition_id"));
        assertEquals("encounter-diagnosis", reason.getAs("category"));
        assertEquals("SNOMEDCT", reason.getAs("code_system"));
        assertEquals("2019-03-01T10:00:00Z", reason.getAs("recorded_ts"));
        assertTrue(((String) reason.getAs("_source_file")).endsWith("encounters.csv"));
        assertEquals(3L, (long) reason.<Long>getAs("_source_row"));
        assertEquals(Map.of(4L, "UNRESOLVED_REFERENCE", 5L, "MALFORMED_ROW"), rejects(v2, "synthea:conditions.csv"));
    }

    @Test
    void systemColumnIsMappedWhenPresentAndInferredOtherwise() {
        Map<String, String> conditions = system.tables().get(CanonicalTable.CONDITION).collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getAs("code"), r -> r.getAs("code_system")));
        assertEquals(Map.of("59621000", "SNOMEDCT", "44054006", "SNOMEDCT", "I10", "ICD10CM", "X1", "FOO-CODES"),
                conditions, "an unknown SYSTEM is passed on for ingest to quarantine as UNKNOWN_CODE_SYSTEM");
        assertEquals(List.of("SNOMEDCT", "SNOMEDCT"), system.tables().get(CanonicalTable.PROCEDURE)
                .select("code_system").as(org.apache.spark.sql.Encoders.STRING()).collectAsList(), "blank SYSTEM: inferred");
        assertEquals(List.of("RXNORM", "RXNORM"), system.tables().get(CanonicalTable.MEDICATION)
                .select("code_system").as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
        assertEquals(List.of("LOINC", "LOINC"), v2.tables().get(CanonicalTable.OBSERVATION)
                .select("code_system").distinct().union(v2.tables().get(CanonicalTable.OBSERVATION).select("code_system").limit(1))
                .as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
    }

    @Test
    void observationsNumericTextAndNonLoincCodes() {
        Map<String, Row> o = byKey(v2, CanonicalTable.OBSERVATION, "code");
        assertEquals("5.5", o.get("4548-4").getAs("value_num"));
        assertEquals("%", o.get("4548-4").getAs("value_unit"));
        assertEquals("final", o.get("4548-4").getAs("status"));
        assertNull(o.get("4548-4").getAs("category"), "2.x has no CATEGORY");
        assertEquals("266919005", o.get("72166-2").getAs("value_code"));
        assertEquals("SNOMEDCT", o.get("72166-2").getAs("value_code_system"));
        assertNull(o.get("72166-2").getAs("value_num"));
        assertNull(o.get("93038-8").getAs("value_code"), "a text answer with no known code");
        assertEquals("Not at all", o.get("93038-8").getAs(ObservationMapping.VALUE_TEXT));
        assertEquals(Map.of(5L, "UNMAPPED"), rejects(v2, "synthea:observations.csv"), "QALY is not LOINC");
        Map<String, Row> s = byKey(system, CanonicalTable.OBSERVATION, "code");
        assertEquals("vital-signs", s.get("8480-6").getAs("category"));
        assertEquals("8517006", s.get("72166-2").getAs("value_code"));
    }

    @Test
    void medicationsAreRequestsActiveUntilStopped() {
        Map<String, Row> m = byKey(system, CanonicalTable.MEDICATION, "code");
        assertEquals("request", m.get("314076").getAs("record_type"));
        assertEquals("order", m.get("314076").getAs("intent"));
        assertEquals("active", m.get("314076").getAs("status"));
        assertEquals("completed", m.get("860975").getAs("status"));
        assertEquals("completed", byKey(system, CanonicalTable.PROCEDURE, "code").get("430193006").getAs("status"));
    }

    @Test
    void crlfFilesMapExactlyLikeLfFiles(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        for (Path f : Files.list(V2).toList()) {
            String lf = Files.readString(f, StandardCharsets.UTF_8);
            assertTrue(!lf.contains("\r"), "fixture is LF");
            Files.writeString(tmp.resolve(f.getFileName()), lf.replace("\n", "\r\n"), StandardCharsets.UTF_8);
        }
        SourceBatch crlf = new SyntheaSource().read(SharedSpark.spark(), tmp.toString());
        for (CanonicalTable t : v2.tables().keySet()) {
            assertEquals(rowsWithoutFile(v2.tables().get(t)), rowsWithoutFile(crlf.tables().get(t)), t.tableName());
        }
        assertEquals(v2.rejected().count(), crlf.rejected().count());
    }

    private static List<String> rowsWithoutFile(Dataset<Row> rows) {
        return rows.drop("_source_file").collectAsList().stream().map(Row::toString).sorted().toList();
    }

    @Test
    void snomedToIcd10MapAddsIcd10ConditionRowsWhenConfigured() {
        CareLensConfig config = CareLensConfig.load(null, Map.of(SnomedToIcd10.CONFIG_KEY, ICD_MAP.toString()));
        SourceBatch mapped = new SyntheaSource().read(SharedSpark.spark(), config, V2.toString());
        List<Row> icd = mapped.tables().get(CanonicalTable.CONDITION).where(col("code_system").equalTo("ICD10CM"))
                .collectAsList();
        Map<String, Row> byCode = icd.stream().collect(Collectors.toMap(r -> r.getAs("code"), r -> r));
        assertEquals(Map.of("J20.9", "encounter-diagnosis", "E11.9", "problem-list-item", "I10", "encounter-diagnosis"),
                byCode.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().getAs("category"))));
        assertEquals("e2#reason#icd10cm:I10", byCode.get("I10").getAs("condition_id"));
        assertEquals("1", byCode.get("J20.9").getAs("diagnosis_rank"));
        assertEquals(3 + 3, mapped.tables().get(CanonicalTable.CONDITION).count());
        assertEquals(3, v2.tables().get(CanonicalTable.CONDITION).count(), "without the map: SNOMED CT only");

        CareLensConfig missing = CareLensConfig.load(null, Map.of(SnomedToIcd10.CONFIG_KEY, "no/such/map.csv"));
        assertThrows(IngestException.class, () -> new SyntheaSource().read(SharedSpark.spark(), missing, V2.toString()));
    }

    @Test
    void folderWithoutPatientsIsAnError(@org.junit.jupiter.api.io.TempDir Path tmp) {
        assertThrows(IngestException.class, () -> new SyntheaSource().read(SharedSpark.spark(), tmp.toString()));
    }
}
