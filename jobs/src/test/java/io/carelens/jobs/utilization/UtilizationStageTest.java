package io.carelens.jobs.utilization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carelens.common.schema.GoldTable;
import io.carelens.common.delta.Warehouse;
import io.carelens.common.stats.Estimate;
import io.carelens.common.stats.PoissonRates;
import io.carelens.common.stats.Proportions;
import io.carelens.jobs.run.StageContext;
import io.carelens.jobs.testing.SharedSpark;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import io.carelens.jobs.run.StageRunner;

/**
 * The utilization stage on a hand-made population, every rule checked by hand: same-day ED visits collapsing, the
 * admission link, NYU probabilities (Johnston values quoted in methods/utilization.md), unclassified and unmapped
 * visits, follow-up at day 7 vs 8 and 30 vs 31, FUM/FUA, each PQI exclusion and the composites, stays, member-month
 * denominators, practice cells, and the rate limits.
 */
class UtilizationStageTest {
    private static final double J069_EDCNPA = 0.1774193548;
    private static final double J069_EPCT = 0.8225806452;
    private static final double R079_EDCNNPA = 0.676056338;
    private static final double R079_EPCT = 0.323943662;

    /** Persons covered all of 2025 (12 member months each); "lapsed" adds January and February. */
    private static final Set<String> FULL_YEAR = new java.util.TreeSet<>();
    private static Warehouse wh;
    private static StageContext ctx;

    @BeforeAll
    static void runStage() {
        SilverFixture f = new SilverFixture();
        for (String p : List.of("ed1", "adm", "fu7", "fu8", "fu30", "fu31", "mh", "sud", "obs")) {
            adult(f, p, "1980-01-01");
        }
        // ED: two encounters at F1 the same day are one visit; F2 the same day is another; R51.9 (post-2017 code,
        // written with a dot) is unclassified but mapped; a SNOMED CT diagnosis is unmapped.
        f.encounter("E1a", "ed1", "EMER", "2025-03-10", 8, "F1").diagnosis("E1a", "ed1", "ICD10CM", "J06.9", 1)
                .encounter("E1b", "ed1", "EMER", "2025-03-10", 14, "F1").diagnosis("E1b", "ed1", "ICD10CM", "R079", 2)
                .encounter("E1c", "ed1", "EMER", "2025-03-10", 10, "F2")
                .encounter("E1d", "ed1", "EMER", "2025-04-05", 9, "F1").diagnosis("E1d", "ed1", "ICD10CM", "R51.9", 1)
                .encounter("E1e", "ed1", "EMER", "2025-05-01", 9, "F1").diagnosis("E1e", "ed1", "SNOMEDCT", "21522001", 1);
        // Admission: the same evening (admitted); three days later (not admitted, but no follow-up eligibility).
        f.encounter("E2a", "adm", "EMER", "2025-06-01", 10, "F1").diagnosis("E2a", "adm", "ICD10CM", "I10", 1)
                .encounter("I2a", "adm", "IMP", "2025-06-01", 18, "F1")
                .encounter("E2b", "adm", "EMER", "2025-07-01", 10, "F1").diagnosis("E2b", "adm", "ICD10CM", "J069", 1)
                .encounter("I2b", "adm", "IMP", "2025-07-04", 10, "F1");
        // Follow-up on day 7, 8, 30 and 31 after an ED visit on 2025-08-01.
        edWithFollowUp(f, "fu7", "J069", "2025-08-08");
        edWithFollowUp(f, "fu8", "J069", "2025-08-09");
        edWithFollowUp(f, "fu30", "J069", "2025-08-31");
        edWithFollowUp(f, "fu31", "R079", "2025-09-01");
        // Mental illness: any follow-up on day 2, a mental-health follow-up on day 5.
        f.encounter("E3", "mh", "EMER", "2025-09-10", 10, "F1").diagnosis("E3", "mh", "ICD10CM", "F32.9", 1)
                .encounter("A3a", "mh", "AMB", "2025-09-12", 9, null)
                .encounter("A3b", "mh", "AMB", "2025-09-15", 9, null).diagnosis("A3b", "mh", "ICD10CM", "F329", 1);
        // Substance use: a follow-up on day 19 without a substance-use diagnosis.
        f.encounter("E4", "sud", "EMER", "2025-10-01", 10, "F1").diagnosis("E4", "sud", "ICD10CM", "F1010", 1)
                .encounter("A4", "sud", "AMB", "2025-10-20", 9, null);
        f.encounter("O1", "obs", "OBSENC", "2025-03-03", 10, "F1");
        // Covered in January and February only: a June ED visit is in gold/ed_visits but not in any rate.
        f.patient("lapsed", "1980-01-01", "male").coverage("lapsed", "2025-01-01", "2025-02-28")
                .encounter("E5", "lapsed", "EMER", "2025-06-15", 10, "F1").diagnosis("E5", "lapsed", "ICD10CM", "J069", 1);

        stay(f, "q01", "1970-01-01", "E1010");
        stay(f, "q05", "1970-01-01", "J441");
        stay(f, "q05young", "1995-01-01", "J441");
        stay(f, "q05cf", "1970-01-01", "J441").diagnosis("S_q05cf", "q05cf", "ICD10CM", "E840", 2);
        stay(f, "q07", "1970-01-01", "I10");
        stay(f, "q07card", "1970-01-01", "I10").procedure("S_q07card", "q07card", "0210083", "2025-05-15");
        stay(f, "q07ckd", "1970-01-01", "I10").diagnosis("S_q07ckd", "q07ckd", "ICD10CM", "I129", 2)
                .procedure("S_q07ckd", "q07ckd", "031509D", "2025-05-15");
        stay(f, "q07ckdonly", "1970-01-01", "I10").diagnosis("S_q07ckdonly", "q07ckdonly", "ICD10CM", "I129", 2);
        stay(f, "q08", "1970-01-01", "I50.21");
        stay(f, "q11", "1970-01-01", "J189");
        stay(f, "q11imm", "1970-01-01", "J189").diagnosis("S_q11imm", "q11imm", "ICD10CM", "B20", 2);
        stay(f, "q12", "1970-01-01", "N390");
        stay(f, "q12kid", "1970-01-01", "N390").diagnosis("S_q12kid", "q12kid", "ICD10CM", "N110", 2);
        stay(f, "q14", "1970-01-01", "E1165");
        stay(f, "q15", "2000-01-01", "J4541");
        stay(f, "q16", "1970-01-01", "E119").procedure("S_q16", "q16", "0Y620ZZ", "2025-05-15");
        stay(f, "q16trauma", "1970-01-01", "E119").procedure("S_q16trauma", "q16trauma", "0Y620ZZ", "2025-05-15")
                .diagnosis("S_q16trauma", "q16trauma", "ICD10CM", "S78011A", 2);
        stay(f, "q16preg", "1970-01-01", "O000").procedure("S_q16preg", "q16preg", "0Y620ZZ", "2025-05-15")
                .diagnosis("S_q16preg", "q16preg", "ICD10CM", "E119", 2);
        f.patient("qtransfer", "1970-01-01", "female").coverage("qtransfer", "2025-01-01", null)
                .encounter(Map.of("encounter_id", "S_qtransfer", "person_id", "qtransfer", "status", "finished",
                        "encounter_class", "IMP", "start_ts", SilverFixture.ts("2025-05-15", 10), "admit_source_code", "4"))
                .diagnosis("S_qtransfer", "qtransfer", "ICD10CM", "E1010", 1);
        FULL_YEAR.add("qtransfer");
        f.patient("qnosex", "1970-01-01", null).coverage("qnosex", "2025-01-01", null)
                .encounter("S_qnosex", "qnosex", "IMP", "2025-05-15", 10, "H1")
                .diagnosis("S_qnosex", "qnosex", "ICD10CM", "E1010", 1);
        FULL_YEAR.add("qnosex");
        stay(f, "qminor", "2008-01-01", "E1010");
        adult(f, "qnodx", "1970-01-01");
        f.encounter("S_qnodx", "qnodx", "IMP", "2025-05-15", 10, "H1");

        f.attribution("ed1", "P", "A", "intervention", "2025-01-01", null)
                .attribution("fu7", "P", "B", "comparison", "2025-01-01", null);

        ctx = SharedSpark.context(Map.of("utilization.as-of-date", "2025-12-31",
                "privacy.small-cell-threshold", 0));
        wh = ctx.warehouse();
        f.writeTo(wh);
        StageRunner.runAlone(new UtilizationStage(), ctx);
    }

    private static SilverFixture adult(SilverFixture f, String person, String birth) {
        FULL_YEAR.add(person);
        return f.patient(person, birth, "male").coverage(person, "2025-01-01", null);
    }

    private static void edWithFollowUp(SilverFixture f, String person, String dx, String followUpDate) {
        f.encounter("E_" + person, person, "EMER", "2025-08-01", 22, "F1").diagnosis("E_" + person, person, "ICD10CM", dx, 1)
                .encounter("A_" + person, person, "AMB", followUpDate, 9, null);
    }

    private static SilverFixture stay(SilverFixture f, String person, String birth, String principal) {
        adult(f, person, birth);
        return f.encounter("S_" + person, person, "IMP", "2025-05-15", 10, "H1")
                .diagnosis("S_" + person, person, "ICD10CM", principal, 1);
    }

    private static Map<String, Row> edVisits() {
        return wh.read(GoldTable.ED_VISITS.path()).collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getAs("visit_id"), r -> r));
    }

    /** The overall (population) rate rows of 2025, by measure. */
    private static Map<String, Row> overall() {
        return cell("all", "all", "all");
    }

    private static Map<String, Row> cell(String program, String arm, String practice) {
        return wh.read(GoldTable.UTILIZATION_RATES.path())
                .where(String.format("program_id = '%s' and arm = '%s' and practice_id = '%s' and dimension = 'overall'"
                        + " and stratum = 'all' and period_start = date'2025-01-01'", program, arm, practice))
                .collectAsList().stream().collect(Collectors.toMap(r -> r.getAs("measure_id"), r -> r));
    }

    private static double events(Map<String, Row> rates, String measure) {
        return rates.get(measure).getAs("events");
    }

    @Test
    void personUtilizationSumsToTheOverallRatesOfEveryRateMeasure() {
        Map<String, Row> overall = overall();
        Map<String, Row> summed = wh.read(GoldTable.UTILIZATION_PERSON.path()).where("period_start = date'2025-01-01'")
                .groupBy("measure_id").agg(org.apache.spark.sql.functions.sum("events").as("events"),
                        org.apache.spark.sql.functions.sum("person_years").as("person_years"))
                .collectAsList().stream().collect(Collectors.toMap(r -> r.getAs("measure_id"), r -> r));
        for (UtilizationMeasure m : UtilizationMeasure.values()) {
            if (m.kind() == UtilizationMeasure.Kind.PROPORTION) {
                assertFalse(summed.containsKey(m.id()), m.id() + " is a proportion, not a person-time rate");
                continue;
            }
            Row total = summed.get(m.id());
            assertEquals((double) overall.get(m.id()).getAs("events"), (double) total.getAs("events"), 1e-9, m.id());
            assertEquals((double) overall.get(m.id()).getAs("person_years"), (double) total.getAs("person_years"), 1e-9,
                    m.id());
        }
    }

    @Test
    void sameDaySameFacilityEncountersAreOneVisit() {
        Map<String, Row> v = edVisits();
        assertEquals(Set.of("E1a", "E1c", "E1d", "E1e", "E2a", "E2b", "E_fu7", "E_fu8", "E_fu30", "E_fu31", "E3", "E4",
                "E5"), v.keySet());
        assertEquals(2L, (long) v.get("E1a").getAs("encounter_count"));
        assertEquals("J069", v.get("E1a").getAs("principal_dx_code"));
        assertEquals(1L, (long) v.get("E1c").getAs("encounter_count"));
    }

    @Test
    void visitsEndingInAnAdmissionAreFlaggedAndCountedApart() {
        Map<String, Row> v = edVisits();
        assertTrue((boolean) v.get("E2a").getAs("admitted"));
        assertFalse((boolean) v.get("E2b").getAs("admitted"));
        Map<String, Row> r = overall();
        assertEquals(12.0, events(r, "ED_VISITS"));
        assertEquals(1.0, events(r, "ED_VISITS_ADMITTED"));
        assertEquals(11.0, events(r, "ED_VISITS_TREAT_RELEASE"));
        assertEquals(0.0, events(r, "ED_NYU_EMERGENT_PREVENTABLE") - 5 * J069_EDCNPA, 1e-9,
                "the admitted I10 visit is not in the NYU sums");
    }

    @Test
    void nyuProbabilitiesUnclassifiedAndUnmapped() {
        Map<String, Row> v = edVisits();
        Row j069 = v.get("E1a");
        assertEquals(J069_EDCNPA, (double) j069.getAs("edcnpa"), 1e-9);
        assertEquals(J069_EPCT, (double) j069.getAs("epct"), 1e-9);
        assertEquals(0.0, (double) j069.getAs("unclassified"));
        assertTrue((boolean) j069.getAs("mapped"));
        Row r519 = v.get("E1d");
        assertEquals("R519", r519.getAs("principal_dx_code"));
        assertEquals(1.0, (double) r519.getAs("unclassified"));
        assertTrue((boolean) r519.getAs("mapped"));
        for (String unmapped : List.of("E1c", "E1e")) {
            assertFalse((boolean) v.get(unmapped).getAs("mapped"));
            assertEquals(1.0, (double) v.get(unmapped).getAs("unclassified"));
        }
        assertEquals(1.0, (double) v.get("E3").getAs("mental"));
        assertEquals(1.0, (double) v.get("E4").getAs("alcohol"));
        for (Row visit : v.values()) {
            double sum = 0;
            for (String c : List.of("ne", "epct", "edcnpa", "edcnnpa", "injury", "mental", "alcohol", "drug", "unclassified")) {
                sum += (double) visit.getAs(c);
            }
            assertEquals(1.0, sum, 1e-9, "NYU values of a visit sum to 1");
        }
    }

    @Test
    void nyuPopulationSumsAndShares() {
        Map<String, Row> r = overall();
        // Treat-and-release visits in covered months: J069 x5 (E1a, E2b, fu7, fu8, fu30), R079, F329, F1010,
        // and three unclassified (R51.9, no diagnosis, SNOMED CT).
        assertEquals(5 * (J069_EDCNPA + J069_EPCT) + R079_EPCT, events(r, "ED_AVOIDABLE"), 1e-9);
        assertEquals(5 * J069_EPCT + R079_EPCT, events(r, "ED_PC_TREATABLE"), 1e-9);
        assertEquals(R079_EDCNNPA, events(r, "ED_NYU_EMERGENT_NOT_PREVENTABLE"), 1e-9);
        assertEquals(1.0, events(r, "ED_NYU_MENTAL_HEALTH"));
        assertEquals(1.0, events(r, "ED_NYU_ALCOHOL"));
        assertEquals(3.0, events(r, "ED_NYU_UNCLASSIFIED"));
        assertEquals(2.0, events(r, "ED_NYU_UNMAPPED"));
        assertEquals(3.0 / 11.0, (double) r.get("ED_NYU_UNCLASSIFIED").getAs("share"), 1e-12);
        assertNull(r.get("ED_VISITS").getAs("share"));
    }

    @Test
    void followUpWithinSevenAndThirtyDays() {
        Map<String, Row> v = edVisits();
        assertEquals(7, (int) v.get("E_fu7").getAs("followup_days"));
        assertEquals(8, (int) v.get("E_fu8").getAs("followup_days"));
        assertEquals(30, (int) v.get("E_fu30").getAs("followup_days"));
        assertNull(v.get("E_fu31").getAs("followup_days"), "day 31 is outside the window");
        assertFalse((boolean) v.get("E2b").getAs("followup_eligible"), "inpatient stay within 30 days");
        Map<String, Row> r = overall();
        // Eligible: ed1's four visits (no follow-up), fu7, fu8, fu30, fu31, mh, sud.
        assertEquals(10L, (long) r.get("ED_FOLLOWUP_7").getAs("eligible"));
        assertEquals(2.0, events(r, "ED_FOLLOWUP_7"), "fu7 (day 7) and mh (day 2)");
        assertEquals(5.0, events(r, "ED_FOLLOWUP_30"), "fu7, fu8, fu30, mh, sud");
        Estimate wilson = Proportions.wilson(5, 10, 0.95);
        assertEquals(0.5, (double) r.get("ED_FOLLOWUP_30").getAs("rate"), 1e-12);
        assertEquals(wilson.lower(), (double) r.get("ED_FOLLOWUP_30").getAs("ci_lower"), 1e-12);
        assertEquals("Wilson", r.get("ED_FOLLOWUP_30").getAs("ci_method"));
    }

    @Test
    void mentalIllnessAndSubstanceUseFollowUpNeedAMatchingDiagnosis() {
        Map<String, Row> v = edVisits();
        assertTrue((boolean) v.get("E3").getAs("mental_illness"));
        assertEquals(2, (int) v.get("E3").getAs("followup_days"));
        assertEquals(5, (int) v.get("E3").getAs("mental_health_followup_days"));
        assertTrue((boolean) v.get("E4").getAs("substance_use"));
        assertNull(v.get("E4").getAs("substance_use_followup_days"));
        Map<String, Row> r = overall();
        assertEquals(1L, (long) r.get("FUM_7").getAs("eligible"));
        assertEquals(1.0, events(r, "FUM_7"));
        assertEquals(1L, (long) r.get("FUA_30").getAs("eligible"));
        assertEquals(0.0, events(r, "FUA_30"));
    }

    @Test
    void pqiNumeratorsExclusionsAndComposites() {
        Map<String, Set<String>> byPerson = new TreeMap<>();
        for (Row e : wh.read(GoldTable.UTILIZATION_EVENTS.path()).where("measure_id like 'PQI%'").collectAsList()) {
            byPerson.computeIfAbsent(e.getAs("person_id"), k -> new java.util.TreeSet<>()).add(e.getAs("measure_id"));
        }
        Map<String, Set<String>> expected = new HashMap<>();
        expected.put("q01", Set.of("PQI01", "PQI90", "PQI92"));
        expected.put("q05", Set.of("PQI05", "PQI90", "PQI92"));
        expected.put("q07", Set.of("PQI07", "PQI90", "PQI92"));
        expected.put("q07ckdonly", Set.of("PQI07", "PQI90", "PQI92"));
        expected.put("q08", Set.of("PQI08", "PQI90", "PQI92"));
        expected.put("q11", Set.of("PQI11", "PQI90", "PQI91"));
        expected.put("q12", Set.of("PQI12", "PQI90", "PQI91"));
        expected.put("q14", Set.of("PQI14", "PQI90", "PQI92"));
        expected.put("q15", Set.of("PQI15", "PQI90", "PQI92"));
        expected.put("q16", Set.of("PQI16", "PQI90", "PQI92"));
        // Not counted: q05young (under 40), q05cf (cystic fibrosis), q07card (cardiac procedure), q07ckd (CKD with
        // dialysis access), q11imm (immunocompromised), q12kid (kidney disorder), q16trauma (traumatic amputation),
        // q16preg (MDC 14 principal diagnosis), qtransfer (transfer in), qnosex (missing sex), qminor (age 17),
        // qnodx (no principal diagnosis).
        assertEquals(expected, byPerson);
        Map<String, Row> r = overall();
        assertEquals(10.0, events(r, "PQI90"));
        assertEquals(2.0, events(r, "PQI91"));
        assertEquals(8.0, events(r, "PQI92"));
        assertEquals(0.0, events(r, "PQI03"));
    }

    @Test
    void pqiDenominatorsAreAdultPersonYearsAndRatesPer100000() {
        Map<String, Row> r = overall();
        double adultYears = (FULL_YEAR.size() - 1) + 2 / 12.0; // qminor is 17 all year; lapsed has 2 months
        assertEquals(adultYears, (double) r.get("PQI01").getAs("person_years"), 1e-12);
        assertEquals(1.0 / adultYears * 100_000, (double) r.get("PQI01").getAs("rate"), 1e-9);
        assertEquals("per 100,000 person-years", r.get("PQI01").getAs("unit"));
        // PQI 15 counts 18-39 year-olds only: q05young (30) and q15 (25)
        assertEquals(2.0, (double) r.get("PQI15").getAs("person_years"), 1e-12);
    }

    @Test
    void edRatesUseAllCoveredPersonYearsWithExactOrByarLimits() {
        Map<String, Row> r = overall();
        double personYears = FULL_YEAR.size() + 2 / 12.0;
        Row ed = r.get("ED_VISITS");
        assertEquals(personYears, (double) ed.getAs("person_years"), 1e-12);
        assertEquals(12.0 / personYears * 1000, (double) ed.getAs("rate"), 1e-9);
        Estimate byar = PoissonRates.byarRate(12, personYears, 1000, 0.95);
        assertEquals("Byars", ed.getAs("ci_method"), "12 events: Byar under PHE's rule");
        assertEquals(byar.lower(), (double) ed.getAs("ci_lower"), 1e-9);
        assertEquals(byar.upper(), (double) ed.getAs("ci_upper"), 1e-9);
        Row admitted = r.get("ED_VISITS_ADMITTED");
        assertEquals("Exact", admitted.getAs("ci_method"));
        assertEquals(PoissonRates.exactCount(1, 0.95).upper() / personYears * 1000,
                (double) admitted.getAs("ci_upper"), 1e-9);
    }

    @Test
    void stays() {
        Map<String, Row> r = overall();
        assertEquals(24.0, events(r, "IP_STAYS"), "two after ED visits and 22 PQI test stays");
        assertEquals(1.0, events(r, "OBS_STAYS"));
        assertEquals(25.0, events(r, "ACUTE_STAYS"));
    }

    @Test
    void programArmAndPracticeCells() {
        Map<String, Row> a = cell("P", "intervention", "A");
        assertEquals(1.0, (double) a.get("ED_VISITS").getAs("person_years"), 1e-12);
        assertEquals(4.0, events(a, "ED_VISITS"));
        assertEquals(4000.0, (double) a.get("ED_VISITS").getAs("rate"), 1e-9);
        Map<String, Row> program = cell("P", "all", "all");
        assertEquals(2.0, (double) program.get("ED_VISITS").getAs("person_years"), 1e-12);
        assertEquals(5.0, events(program, "ED_VISITS"));
        assertEquals(1.0, events(cell("P", "comparison", "all"), "ED_VISITS"));
    }

    @Test
    void memberMonthsAndManifest() {
        assertEquals(FULL_YEAR.size() * 12L + 2, wh.read(GoldTable.MEMBER_MONTHS.path()).count());
        Set<String> outputs = wh.read("ops/run_manifest").where("stage = 'utilization' and role = 'output'")
                .collectAsList().stream().map(x -> (String) x.getAs("table_name")).collect(Collectors.toSet());
        assertEquals(Set.of(GoldTable.MEMBER_MONTHS.path(), GoldTable.ED_VISITS.path(), GoldTable.UTILIZATION_EVENTS.path(),
                GoldTable.UTILIZATION_RATES.path(), GoldTable.UTILIZATION_PERSON.path()), outputs);
    }

    @Test
    void smallCellsAreSuppressed() {
        UtilizationSettings strict = UtilizationSettings.from(io.carelens.common.config.CareLensConfig.load(null,
                Map.of("utilization.as-of-date", "2025-12-31")));
        Map<String, Row> r = new UtilizationRates(strict).rates(SharedSpark.spark(),
                        UtilizationRates.overall(wh.read(GoldTable.MEMBER_MONTHS.path())), wh.read(GoldTable.UTILIZATION_EVENTS.path()))
                .where("program_id = 'all'").collectAsList().stream()
                .collect(Collectors.toMap(x -> x.getAs("measure_id"), x -> x));
        assertTrue((boolean) r.get("PQI01").getAs("suppressed"));
        assertNull(r.get("PQI01").getAs("events"));
        assertNull(r.get("PQI01").getAs("rate"));
        assertFalse((boolean) r.get("PQI03").getAs("suppressed"), "zero may be shown");
        assertFalse((boolean) r.get("ED_VISITS").getAs("suppressed"), "12 events");
        assertTrue((boolean) r.get("ED_FOLLOWUP_7").getAs("suppressed"), "10 eligible visits");
    }
}
