package io.carelens.jobs.ingest.fhir;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carelens.common.schema.CanonicalTable;
import io.carelens.jobs.ingest.IngestStage;
import io.carelens.jobs.ingest.Quarantine;
import io.carelens.jobs.run.RunManifest;
import io.carelens.jobs.run.StageContext;
import io.carelens.jobs.testing.SharedSpark;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import io.carelens.jobs.run.StageRunner;

/** One rule per test, on the hand-written fixtures in resources/fhir-rules (ingested once). */
class FhirMappingRulesTest {
    private static StageContext ctx;

    @BeforeAll
    static void ingest() throws URISyntaxException {
        Path folder = Path.of(FhirMappingRulesTest.class.getResource("/fhir-rules").toURI());
        ctx = SharedSpark.context(Map.of());
        StageRunner.runAlone(new IngestStage(new FhirSource(), folder.toString()), ctx);
    }

    private static Row row(CanonicalTable table, String keyColumn, String key) {
        List<Row> rows = ctx.warehouse().read(table.silverPath()).where(col(keyColumn).equalTo(key)).collectAsList();
        assertEquals(1, rows.size(), table.tableName() + " " + key);
        return rows.get(0);
    }

    private static List<Row> quarantined(String entity) {
        return ctx.warehouse().read(Quarantine.TABLE).where(col("entity").equalTo(entity))
                .orderBy("source_row").collectAsList();
    }

    @Test
    void raceEthnicitySexLanguageAndAddressComeFromTheUsCoreExtensions() {
        Row p1 = row(CanonicalTable.PATIENT, "person_id", "p1");
        assertEquals("multiple", p1.getAs("race"));
        assertEquals("2054-5,2106-3", p1.getAs("race_code"));
        assertEquals("hispanic_or_latino", p1.getAs("ethnicity"));
        assertEquals("female", p1.getAs("sex"));
        assertEquals("es", p1.getAs("preferred_language"));
        assertEquals("02139", p1.getAs("postal_code"));
        assertEquals("25017", p1.getAs("county_fips"));

        Row p2 = row(CanonicalTable.PATIENT, "person_id", "p2");
        assertEquals("unknown", p2.getAs("race"), "UNK race is unknown");
        assertNull(p2.getAs("race_code"));
        assertEquals("unknown", p2.getAs("ethnicity"), "absent ethnicity is unknown");
        assertEquals("male", p2.getAs("sex"), "older birth-sex extension");
        assertEquals("1950-01-01", p2.getAs("birth_date").toString(), "a year-only birthDate is its first day");
        assertEquals("2024-07-01", p2.getAs("deceased_date").toString(), "23:30-04:00 is July 1 in UTC, like event times");
    }

    @Test
    void medicationReferenceResolvesByUrnUuidLiteralAndConditionalReference() {
        assertEquals("997221", row(CanonicalTable.MEDICATION, "medication_id", "r1").getAs("code"));
        assertEquals("RXNORM", row(CanonicalTable.MEDICATION, "medication_id", "r1").getAs("code_system"));
        assertEquals("310798", row(CanonicalTable.MEDICATION, "medication_id", "r2").getAs("code"));
        assertEquals("310798", row(CanonicalTable.MEDICATION, "medication_id", "r3").getAs("code"));
    }

    @Test
    void unresolvableMedicationReferenceIsQuarantinedWithItsEntry() {
        List<Row> rejects = quarantined("fhir:MedicationRequest");
        assertEquals(1, rejects.size());
        assertEquals("UNRESOLVED_REFERENCE", rejects.get(0).getAs("reason_code"));
        assertEquals(8L, (long) rejects.get(0).getAs("source_row"), "r4 is entry 8 of the bundle");
        assertTrue(rejects.get(0).<String>getAs("message").contains("medicationReference"));
        assertEquals(0, ctx.warehouse().read(CanonicalTable.MEDICATION.silverPath())
                .where(col("medication_id").equalTo("r4")).count());
    }

    @Test
    void unresolvableSubjectIsQuarantined() {
        List<Row> rejects = quarantined("fhir:Observation").stream()
                .filter(r -> "UNRESOLVED_REFERENCE".equals(r.getAs("reason_code"))).toList();
        assertEquals(1, rejects.size());
        assertTrue(rejects.get(0).<String>getAs("message").contains("'subject'"));
        assertTrue(rejects.get(0).<String>getAs("source_file").endsWith("bundle.json"));
    }

    @Test
    void supplyDurationGivesTheRequestPeriodAndDoNotPerformIsKept() {
        Row r5 = row(CanonicalTable.MEDICATION, "medication_id", "r5");
        assertEquals(Timestamp.valueOf("2024-01-10 08:00:00"), r5.getAs("start_ts"));
        assertEquals(Timestamp.valueOf("2024-02-08 00:00:00"), r5.getAs("end_ts"), "30 days from Jan 10 end on Feb 8");
        assertEquals(true, r5.getAs("do_not_perform"));
    }

    @Test
    void deviceRequestDoNotPerformComesFromTheModifierExtension() {
        assertEquals(true, row(CanonicalTable.REQUEST, "request_id", "d1").getAs("do_not_perform"));
        assertNull(row(CanonicalTable.REQUEST, "request_id", "d2").getAs("do_not_perform"));
        assertEquals("device", row(CanonicalTable.REQUEST, "request_id", "d2").getAs("request_type"));
        assertEquals("service", row(CanonicalTable.REQUEST, "request_id", "sr2").getAs("request_type"));
    }

    @Test
    void componentsBecomeRowsOfTheirOwnUnderTheirPanel() {
        Row panel = row(CanonicalTable.OBSERVATION, "observation_id", "o1");
        Row systolic = row(CanonicalTable.OBSERVATION, "observation_id", "o1#8480-6");
        Row diastolic = row(CanonicalTable.OBSERVATION, "observation_id", "o1#8462-4");
        assertNull(panel.getAs("value_num"));
        assertEquals("o1", systolic.getAs("parent_observation_id"));
        assertEquals(120.0, systolic.<Double>getAs("value_num"));
        assertEquals(80.0, diastolic.<Double>getAs("value_num"));
        assertEquals("mm[Hg]", diastolic.getAs("value_unit"));
        assertEquals("e1", diastolic.getAs("encounter_id"), "urn:uuid encounter reference");
        assertEquals(panel.<Timestamp>getAs("effective_start_ts"), systolic.getAs("effective_start_ts"));
    }

    @Test
    void effectiveDateTimeIsConvertedToUtcAndPeriodsKeepBothEnds() {
        Row o1 = row(CanonicalTable.OBSERVATION, "observation_id", "o1");
        assertEquals(Timestamp.valueOf("2024-03-01 15:00:00"), o1.getAs("effective_start_ts"), "10:00-05:00 is 15:00Z");
        assertNull(o1.getAs("effective_end_ts"));
        assertEquals("p1", o1.getAs("person_id"), "absolute subject URL");
        Row o2 = row(CanonicalTable.OBSERVATION, "observation_id", "o2");
        assertEquals(Timestamp.valueOf("2024-03-02 00:00:00"), o2.getAs("effective_start_ts"));
        assertEquals(Timestamp.valueOf("2024-03-03 12:00:00"), o2.getAs("effective_end_ts"));
        assertEquals("survey", o2.getAs("category"), "the category CareLens knows is preferred");
        assertEquals("LA28397-0", o2.getAs("value_code"));
        Row o4 = row(CanonicalTable.OBSERVATION, "observation_id", "o4");
        assertEquals(Timestamp.valueOf("2024-05-01 00:00:00"), o4.getAs("effective_start_ts"), "year-month dateTime");
    }

    @Test
    void encounterDiagnosesSetTheConditionsEncounterAndRank() {
        Row e1 = row(CanonicalTable.ENCOUNTER, "encounter_id", "e1");
        assertEquals("p1", e1.getAs("person_id"));
        assertEquals("CPT", e1.getAs("type_system"), "the coding in a known system is chosen");
        assertEquals("99213", e1.getAs("type_code"));
        assertEquals("org-1", e1.getAs("facility_id"), "conditional reference by identifier");
        Row c1 = row(CanonicalTable.CONDITION, "condition_id", "c1");
        assertEquals("e1", c1.getAs("encounter_id"));
        assertEquals(2, (int) c1.getAs("diagnosis_rank"));
        assertEquals("health-concern", c1.getAs("category"));
        assertEquals(Timestamp.valueOf("2019-05-01 00:00:00"), c1.getAs("onset_ts"));
        assertEquals(1, (int) row(CanonicalTable.CONDITION, "condition_id", "c0").getAs("diagnosis_rank"));
    }

    @Test
    void coverageTakesPayerTypeAndDualStatusFromTheSopCode() {
        Row cov1 = row(CanonicalTable.COVERAGE, "coverage_id", "cov1");
        assertEquals("medicare_advantage", cov1.getAs("payer_type"));
        assertEquals("141", cov1.getAs("payer_code"));
        assertEquals("full", cov1.getAs("dual_status"));
        Row cov2 = row(CanonicalTable.COVERAGE, "coverage_id", "cov2");
        assertEquals("medicaid", cov2.getAs("payer_type"));
        assertEquals("1950-01-01", cov2.getAs("start_date").toString(), "no period: covered from birth");
    }

    @Test
    void sdohServiceRequestIsAReferralClosedByItsTask() {
        Row sr1 = row(CanonicalTable.REFERRAL, "referral_id", "sr1");
        assertEquals("food", sr1.getAs("domain"));
        assertEquals("completed", sr1.getAs("status"));
        assertEquals("2024-04-01", sr1.getAs("closed_date").toString());
        assertEquals("need_met", sr1.getAs("closure_outcome"));
        assertEquals("o2", sr1.getAs("source_observation_id"));
        assertEquals(0, ctx.warehouse().read(CanonicalTable.REQUEST.silverPath()).where(col("request_id").equalTo("sr1")).count());
    }

    @Test
    void malformedAndUntypedLinesAreQuarantinedWithFileAndLine() {
        List<Row> malformed = quarantined("fhir:unparsed");
        assertEquals(1, malformed.size());
        assertEquals(3L, (long) malformed.get(0).getAs("source_row"), "line 3 (line 2 is blank)");
        assertTrue(malformed.get(0).<String>getAs("source_file").endsWith("bulk/Observation.ndjson"));
        assertEquals("MALFORMED_ROW", malformed.get(0).getAs("reason_code"));
        List<Row> untyped = quarantined("fhir:unknown");
        assertEquals(1, untyped.size());
        assertEquals(4L, (long) untyped.get(0).getAs("source_row"));
    }

    @Test
    void typesWithoutATableAreReportedAsNotMappedNotQuarantined() {
        List<Row> notMapped = ctx.warehouse().read(RunManifest.TABLE).where(col("role").equalTo("not_mapped")).collectAsList();
        assertEquals(1, notMapped.size());
        assertEquals("fhir:Organization", notMapped.get(0).getAs("table_name"));
        assertEquals(1L, (long) notMapped.get(0).getAs("rows_read"));
        assertEquals(0, quarantined("fhir:Organization").size());
    }
}
