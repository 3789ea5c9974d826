package io.carelens.jobs.measures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carelens.common.period.ReportingPeriod;
import io.carelens.common.schema.GoldTable;
import io.carelens.common.config.ConfigurationException;
import io.carelens.common.valueset.ValueSetLoader;
import io.carelens.jobs.run.Refresh;
import io.carelens.jobs.ingest.CanonicalSource;
import io.carelens.jobs.ingest.IngestStage;
import io.carelens.jobs.run.StageContext;
import io.carelens.jobs.testing.SharedSpark;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.carelens.jobs.run.StageRunner;

/**
 * CMS130, CMS159, CMS138 (three groups) and the SDOH measures on CareLens-authored canonical patients (one per
 * population, exclusion and timing path; see test resources measures/PROVENANCE.md): one ingest, one measures run
 * for 2026 and one for 2025 (CMS138's content year), every expectation must hold.
 */
class MeasureFixturesTest {
    private static StageContext ctx;

    @BeforeAll
    static void run() throws URISyntaxException {
        ctx = SharedSpark.context(Map.of("ingest.future-tolerance-days", 3650));
        Path fixtures = Path.of(MeasureFixturesTest.class.getResource("/measures/fixtures").toURI());
        StageRunner.runAlone(new IngestStage(new CanonicalSource(), fixtures.toString()), ctx);
        StageRunner.runAlone(new MeasuresStage(List.of(ReportingPeriod.calendarYear(2026)),
                List.of("CMS130", "CMS159", "SDOH")), ctx);
        StageRunner.runAlone(new MeasuresStage(List.of(ReportingPeriod.calendarYear(2025)), List.of("CMS138")), ctx);
    }

    @Test
    void everyFixturePatientHasItsExpectedPopulations() throws Exception {
        List<ExpectedPopulations.Expected> expected = new ArrayList<>();
        try (InputStream in = getClass().getResourceAsStream("/measures/expected.csv")) {
            List<String> lines = ExpectedPopulations.lines(in);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",", -1);
                expected.add(new ExpectedPopulations.Expected(f[0], f[1], String.join(",", f[2], f[3], f[4], f[5], f[6]),
                        f[7].isEmpty() ? null : f[7]));
            }
        }
        Dataset<Row> actual = ctx.warehouse().read(GoldTable.MEASURE_PATIENT.path());
        List<String> failures = new ArrayList<>();
        Map<String, int[]> counts = ExpectedPopulations.compare(expected, actual, failures);
        counts.forEach((m, c) -> System.out.printf("fixtures %-22s %3d / %3d passed%n", m, c[0], c[1]));
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertTrue(counts.keySet().containsAll(List.of("CMS130", "CMS159", "CMS138-1", "CMS138-2", "CMS138-3",
                "SDOH-1", "SDOH-2-FOOD", "SDOH-2-SAFETY", "SDOH-REFERRAL-30D", "SDOH-REFERRAL-CLOSED")));
    }

    @Test
    void aUserValueSetReplacesTheBundledExpansion(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("colonoscopy.json"), """
                {"resourceType": "ValueSet", "url": "http://cts.nlm.nih.gov/fhir/ValueSet/%s", "name": "Colonoscopy",
                 "expansion": {"contains": [{"system": "http://www.ama-assn.org/go/cpt", "code": "45378"}]}}
                """.formatted(ValueSets.COLONOSCOPY));
        EventIndex index = EventIndex.build(ctx.warehouse(), ValueSetLoader.load(List.of(dir), ValueSets.directCodes()),
                Refresh.full());
        try (MeasureData data = new MeasureData(ctx.warehouse(), index, List.of(ReportingPeriod.calendarYear(2026)),
                Refresh.full())) {
            Row r = MeasureEngine.evaluate(data, new Cms130())
                    .where("person_id = 'c130-colonoscopy'").first();
            assertEquals("1,1,0,0,0", ExpectedPopulations.populations(r), "CPT 44388 is no longer a colonoscopy");
        }
    }

    @Test
    void aBrokenValueSetFolderStopsTheStageBeforeAnySparkWork(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("broken.json"), "{\"resourceType\": \"ValueSet\", \"id\": \"1.2.3\"}");
        StageContext fresh = SharedSpark.context(Map.of("measures.value-set-dirs", List.of(dir.toString())));
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> new MeasuresStage().run(fresh));
        assertTrue(e.getMessage().contains("broken.json"), e.getMessage());
        assertTrue(fresh.warehouse().tables().isEmpty(), "nothing was read or written");
    }

    @Test
    void everyMeasureNamesOnlyLoadedValueSets() {
        var library = ValueSetLoader.load(List.of(), ValueSets.directCodes());
        Measures.all().forEach(m -> library.require(m.id(), m.valueSets()));
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> library.require("CMS130", java.util.Set.of(ValueSets.COLONOSCOPY, "9.9.9.9")));
        assertTrue(e.getMessage().startsWith("measure CMS130 needs value set 9.9.9.9"), e.getMessage());
    }

    @Test
    void aRerunReplacesOnlyItsOwnRows() {
        long before = ctx.warehouse().read(GoldTable.MEASURE_PATIENT.path()).count();
        long cms138 = ctx.warehouse().read(GoldTable.MEASURE_PATIENT.path()).where("measure_id = 'CMS138-2'").count();
        StageRunner.runAlone(new MeasuresStage(List.of(ReportingPeriod.calendarYear(2025)), List.of("CMS138")), ctx);
        assertEquals(before, ctx.warehouse().read(GoldTable.MEASURE_PATIENT.path()).count());
        assertEquals(cms138, ctx.warehouse().read(GoldTable.MEASURE_PATIENT.path()).where("measure_id = 'CMS138-2'").count());
    }
}
