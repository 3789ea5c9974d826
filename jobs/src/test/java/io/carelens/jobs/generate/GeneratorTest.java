package io.carelens.jobs.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carelens.common.period.ReportingPeriod;
import io.carelens.common.schema.GoldTable;
import io.carelens.common.schema.CanonicalTable;
import io.carelens.jobs.ingest.CanonicalSource;
import io.carelens.jobs.ingest.IngestStage;
import io.carelens.jobs.measures.MeasuresStage;
import io.carelens.jobs.run.Progress;
import io.carelens.jobs.run.Reconciliation;
import io.carelens.jobs.run.StageContext;
import io.carelens.jobs.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import io.carelens.jobs.run.StageRunner;

/**
 * The generator: same seed, same bytes; every canonical table ingests without a quarantined row and CMS138 comes out
 * where the generator's tobacco probabilities put it (on 600 people); and each planted effect is present in the
 * output of 2,500 people, within four standard errors of its planted value.
 */
class GeneratorTest {
    private static final LocalDate THROUGH = LocalDate.of(2026, 10, 31);
    private static final double Z = 4.0;
    private static final GeneratorSettings SMALL = new GeneratorSettings(600, 7, 2023, 4, THROUGH);
    private static Path data;
    private static Path small;
    private static StageContext smallWarehouse;
    private static IngestStage smallIngest;

    @BeforeAll
    static void generate() throws IOException {
        data = Files.createTempDirectory("carelens-gen-");
        generate(new GeneratorSettings(2500, 42, 2023, 4, THROUGH), data);
        for (String t : CanonicalTable.names()) {
            spark().read().option("header", "true").csv(data.resolve(t + ".csv").toString()).createOrReplaceTempView("g_" + t);
        }
    }

    /** A small data set shared by the determinism and ingest tests. */
    private static synchronized Path small() throws IOException {
        if (small == null) {
            small = Files.createTempDirectory("carelens-gen-small-");
            generate(SMALL, small);
        }
        return small;
    }

    /** The small data set ingested once into its own warehouse, shared by the ingest and measure tests. */
    private static synchronized IngestStage ingestedSmall() throws IOException {
        if (smallIngest == null) {
            smallWarehouse = SharedSpark.context(Map.of());
            smallIngest = new IngestStage(new CanonicalSource(), small().toString());
            smallIngest.run(smallWarehouse);
        }
        return smallIngest;
    }

    private static void generate(GeneratorSettings settings, Path out) {
        new Generator(spark(), settings, Progress.silent()).generate(out.toString());
    }

    private static SparkSession spark() {
        return SharedSpark.spark();
    }

    private static Row one(String sql) {
        return spark().sql(sql).head();
    }

    @Test
    void sameSeedGivesSameBytesAndAnotherSeedDiffers() throws IOException {
        Path a = small();
        Path b = Files.createTempDirectory("carelens-gen-b-");
        Path c = Files.createTempDirectory("carelens-gen-c-");
        generate(SMALL, b);
        generate(new GeneratorSettings(SMALL.people(), 8, SMALL.startYear(), SMALL.years(), THROUGH), c);
        List<Path> files = listing(a);
        assertEquals(files, listing(b));
        for (Path f : files) {
            assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f.toString());
        }
        assertFalse(Files.mismatch(a.resolve("patient.csv"), c.resolve("patient.csv")) < 0, "seed 8 should differ");
        assertFalse(Files.mismatch(a.resolve("encounter.csv"), c.resolve("encounter.csv")) < 0);
    }

    private static List<Path> listing(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        }
    }

    @Test
    void everyTableIsWrittenAndIngestsWithNothingQuarantined() throws IOException {
        IngestStage ingest = ingestedSmall();
        Set<String> tables = ingest.reconciliations().stream().map(Reconciliation::table).collect(Collectors.toSet());
        assertEquals(CanonicalTable.names(), tables);
        for (Reconciliation r : ingest.reconciliations()) {
            assertTrue(r.read() > 0, r.table() + " is empty");
            assertEquals(0, r.quarantined(), r.toString());
            assertEquals(0, r.duplicates(), r.toString());
        }
    }

    /**
     * CMS138 on the small data set lies where the generator's probabilities put it. Everyone in the initial
     * population has a finished outpatient visit in the period (two qualifying visits or a preventive one, and every
     * outpatient visit code the generator writes is one of them, see CodesTest), and the first finished one of the
     * year is the screening occasion, where a smoking status is recorded with probability
     * {@link Screenings#TOBACCO_SCREENING}: so CMS138-1 estimates 0.9. A screened user gets counselling (0.35) and,
     * independently, pharmacotherapy (0.4): 1 - 0.65 x 0.6 = 0.61 have an intervention from this period's occasion;
     * the intervention window reaches six months into the previous year, whose occasion (if it fell then) is a
     * second chance, so CMS138-2 lies between 0.61 and 1 - 0.39^2 = 0.848. CMS138-3 counts the screened non-users
     * and the users with an intervention, i.e. CMS138-1's numerator less the users without one.
     */
    @Test
    void tobaccoScreeningAndCessationRatesFollowTheGeneratorsProbabilities() throws IOException {
        ingestedSmall();
        StageRunner.runAlone(new MeasuresStage(List.of(ReportingPeriod.calendarYear(2025)), List.of("CMS138")), smallWarehouse);
        Map<String, Row> counts = smallWarehouse.warehouse().read(GoldTable.MEASURE_PATIENT.path())
                .groupBy("measure_id").agg(functions.sum("denominator").as("denominator"),
                        functions.sum("denominator_exclusion").as("exclusion"), functions.sum("numerator").as("numerator"))
                .collectAsList().stream().collect(Collectors.toMap(r -> r.getString(0), r -> r));

        double screening = Screenings.TOBACCO_SCREENING;
        Row one = counts.get("CMS138-1");
        assertProportion("CMS138-1 screening", screening, performance(one));

        double once = 1 - (1 - Screenings.TOBACCO_COUNSELLING) * (1 - Screenings.TOBACCO_PHARMACOTHERAPY);
        double twice = 1 - (1 - once) * (1 - once);
        Row two = counts.get("CMS138-2");
        Row users = performance(two);
        long n = users.getLong(0);
        assertTrue(n >= 30, "CMS138-2: too few screened tobacco users (" + n + ")");
        double rate = (double) users.getLong(1) / n;
        assertTrue(rate >= once - Z * Math.sqrt(once * (1 - once) / n) && rate <= twice + Z * Math.sqrt(twice * (1 - twice) / n),
                String.format("CMS138-2 intervention rate %.4f outside [%.3f, %.3f] +/- %.1f SE", rate, once, twice, Z));

        Row three = counts.get("CMS138-3");
        long usersWithout = users.getLong(0) - users.getLong(1);
        assertEquals(one.<Long>getAs("numerator") - usersWithout, three.<Long>getAs("numerator"),
                "CMS138-3 = screened less users without intervention");
        assertEquals(performance(one).getLong(0), performance(three).getLong(0), "CMS138-1 and -3 share the denominator");
    }

    /** (performance denominator, numerator) of a measure's summed counts. */
    private static Row performance(Row counts) {
        return RowFactory.create(counts.<Long>getAs("denominator") - counts.<Long>getAs("exclusion"),
                counts.<Long>getAs("numerator"));
    }

    /** (a) Depression and social-needs screening at the first outpatient visit of a year, by ethnicity. */
    @Test
    void screeningIsLessLikelyForHispanicOrLatinoPersons() {
        spark().sql("""
                SELECT e.person_id, year(e.start_ts) AS year, p.ethnicity = 'hispanic_or_latino' AS hispanic,
                       year(e.start_ts) - year(p.birth_date) AS age,
                       max(o.code IN ('73832-8', '73831-0')) AS depression, max(o.code = '88122-7') AS sdoh
                FROM g_encounter e JOIN g_patient p ON e.person_id = p.person_id
                LEFT JOIN g_observation o ON o.encounter_id = e.encounter_id
                WHERE e.status = 'finished' AND e.encounter_class IN ('AMB', 'VR')
                GROUP BY 1, 2, 3, 4""").createOrReplaceTempView("g_screen_years");
        for (boolean hispanic : new boolean[] {true, false}) {
            double planted = hispanic ? PlantedEffects.SCREENING_PROBABILITY_HISPANIC
                    : PlantedEffects.SCREENING_PROBABILITY_OTHERS;
            Row depression = one("SELECT count(*), sum(IF(coalesce(depression, false), 1, 0)) FROM g_screen_years"
                    + " WHERE age >= 14 AND hispanic = " + hispanic);
            assertProportion("depression screening, hispanic=" + hispanic, planted, depression);
            Row sdoh = one("SELECT count(*), sum(IF(coalesce(sdoh, false), 1, 0)) FROM g_screen_years"
                    + " WHERE age >= 20 AND hispanic = " + hispanic);
            assertProportion("social-needs screening, hispanic=" + hispanic, planted, sdoh);
        }
    }

    /** (b) More ED visits, and more of them primary-care treatable, for full-benefit dual-eligible persons. */
    @Test
    void fullDualsHaveMoreAndMoreAvoidableEdVisits() {
        exposure();
        Row rates = one("""
                SELECT sum(IF(dual, visits, 0)), sum(IF(dual, years, 0)), sum(IF(dual, 0, visits)), sum(IF(dual, 0, years))
                FROM g_exposure""");
        double dualVisits = rates.getLong(0);
        double otherVisits = rates.getLong(2);
        double ratio = (dualVisits / rates.getDouble(1)) / (otherVisits / rates.getDouble(3));
        // The baseline rate holds for non-duals outside the intervention arm's performance years.
        Row baseline = one("SELECT sum(visits), sum(years) FROM g_exposure WHERE NOT dual AND NOT (arm = 'intervention' AND performance)");
        double rate = baseline.getLong(0) / baseline.getDouble(1);
        assertWithin("baseline ED rate", PlantedEffects.ED_VISITS_PER_PERSON_YEAR, rate,
                Math.sqrt(baseline.getLong(0)) / baseline.getDouble(1));
        // Arms are drawn independently of dual status, so the crude ratio estimates the planted ratio.
        double se = Math.sqrt(1 / dualVisits + 1 / otherVisits);
        assertWithin("log ED rate ratio dual full", Math.log(PlantedEffects.ED_RATE_RATIO_DUAL_FULL), Math.log(ratio), se);

        Set<String> pool = Codes.ED_PRIMARY_CARE_TREATABLE.stream().map(Draw.Weighted::value).collect(Collectors.toSet());
        spark().createDataFrame(pool.stream().map(c -> org.apache.spark.sql.RowFactory.create(c)).toList(),
                new org.apache.spark.sql.types.StructType().add("code", "string")).createOrReplaceTempView("g_pool");
        for (boolean dual : new boolean[] {true, false}) {
            Row share = one("""
                    SELECT count(*), sum(IF(pool.code IS NULL, 0, 1))
                    FROM g_encounter e JOIN g_condition c ON c.encounter_id = e.encounter_id AND c.diagnosis_rank = '1'
                    LEFT JOIN g_pool pool ON pool.code = c.code
                    WHERE e.encounter_class = 'EMER'
                      AND (e.person_id IN (SELECT person_id FROM g_coverage WHERE dual_status = 'full')) = """ + dual);
            assertProportion("primary-care pool share, dual=" + dual, dual ? PlantedEffects.ED_PRIMARY_CARE_POOL_SHARE_DUAL_FULL
                    : PlantedEffects.ED_PRIMARY_CARE_POOL_SHARE_OTHERS, share);
        }
    }

    /** (c) The intervention arm's ED rate falls by the planted ratio in the performance years; comparison unchanged. */
    @Test
    void interventionArmHasFewerEdVisitsInThePerformanceYears() {
        exposure();
        Row r = one("""
                SELECT sum(IF(arm = 'intervention' AND performance, visits, 0)), sum(IF(arm = 'intervention' AND performance, years, 0)),
                       sum(IF(arm = 'intervention' AND NOT performance, visits, 0)), sum(IF(arm = 'intervention' AND NOT performance, years, 0)),
                       sum(IF(arm = 'comparison' AND performance, visits, 0)), sum(IF(arm = 'comparison' AND performance, years, 0)),
                       sum(IF(arm = 'comparison' AND NOT performance, visits, 0)), sum(IF(arm = 'comparison' AND NOT performance, years, 0))
                FROM g_exposure""");
        double did = (r.getLong(0) / r.getDouble(1)) / (r.getLong(2) / r.getDouble(3))
                / ((r.getLong(4) / r.getDouble(5)) / (r.getLong(6) / r.getDouble(7)));
        double se = Math.sqrt(1.0 / r.getLong(0) + 1.0 / r.getLong(2) + 1.0 / r.getLong(4) + 1.0 / r.getLong(6));
        assertWithin("log difference-in-differences ED rate ratio",
                Math.log(PlantedEffects.ED_RATE_RATIO_INTERVENTION_PERFORMANCE), Math.log(did), se);
    }

    /** (d) HbA1c readings above 9 % are twice as likely in rural ZIP codes. */
    @Test
    void ruralHba1cReadingsAreMoreOftenAboveNine() {
        for (boolean rural : new boolean[] {true, false}) {
            Row r = one("""
                    SELECT count(*), sum(IF(CAST(o.value_num AS DOUBLE) > 9, 1, 0))
                    FROM g_observation o JOIN g_patient p ON o.person_id = p.person_id
                    JOIN g_area a ON a.area_code = p.postal_code
                    WHERE o.code = '4548-4' AND (a.rurality = 'rural') = """ + rural);
            assertProportion("HbA1c > 9, rural=" + rural,
                    rural ? PlantedEffects.HBA1C_ABOVE_9_RURAL : PlantedEffects.HBA1C_ABOVE_9_URBAN, r);
        }
    }

    /** ED visits and person-years alive by person-year, dual status, arm and period. */
    private static void exposure() {
        String through = "DATE'" + THROUGH + "'";
        spark().sql("""
                SELECT p.person_id, y.year, y.year >= 2025 AS performance,
                       coalesce(d.dual, false) AS dual, coalesce(a.arm, 'none') AS arm,
                       (datediff(least(make_date(y.year, 12, 31), %s, coalesce(CAST(p.deceased_date AS DATE), %s)),
                                 make_date(y.year, 1, 1)) + 1) / (datediff(make_date(y.year, 12, 31), make_date(y.year, 1, 1)) + 1) AS years,
                       coalesce(v.visits, 0) AS visits
                FROM g_patient p CROSS JOIN (SELECT explode(sequence(2023, 2026)) AS year) y
                LEFT JOIN (SELECT person_id, year(start_ts) AS year, count(*) AS visits FROM g_encounter
                           WHERE encounter_class = 'EMER' GROUP BY 1, 2) v ON v.person_id = p.person_id AND v.year = y.year
                LEFT JOIN (SELECT DISTINCT person_id, true AS dual FROM g_coverage WHERE dual_status = 'full') d ON d.person_id = p.person_id
                LEFT JOIN g_attribution a ON a.person_id = p.person_id
                WHERE coalesce(CAST(p.deceased_date AS DATE), %s) >= make_date(y.year, 1, 1)""".formatted(through, through, through))
                .createOrReplaceTempView("g_exposure");
    }

    private static void assertProportion(String what, double planted, Row countAndHits) {
        long n = countAndHits.getLong(0);
        long hits = countAndHits.getLong(1);
        assertTrue(n >= 100, what + ": too few cases (" + n + ")");
        double observed = (double) hits / n;
        assertWithin(what, planted, observed, Math.sqrt(planted * (1 - planted) / n));
    }

    private static void assertWithin(String what, double planted, double observed, double standardError) {
        assertTrue(Math.abs(observed - planted) <= Z * standardError, String.format(
                "%s: observed %.4f, planted %.4f, allowed +/- %.4f", what, observed, planted, Z * standardError));
    }
}
