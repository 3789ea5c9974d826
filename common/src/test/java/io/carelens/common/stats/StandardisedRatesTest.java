package io.carelens.common.stats;

import static io.carelens.common.stats.Vectors.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class StandardisedRatesTest {

    /** European Standard Population 2013, 19 bands (statistics.md §3). */
    private static final double[] ESP_2013 = {5000, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000, 7000, 6500,
        6000, 5500, 5000, 4000, 2500, 1500, 1000};
    private static final String MULTIAREA = "phe/testdata_DSR_ISR__testdata_multiarea.csv";
    private static final String REPEAT_EVENTS = "phe/testdata_DSR_ISR__testdata_nonindepe.csv";

    static Stream<Vectors.Row> dsrVectors() {
        return Vectors.read("dsr_isr_vectors.csv").stream().filter(r -> r.text("method").startsWith("Dobson"));
    }

    static Stream<Vectors.Row> fayFeuerVectors() {
        return Vectors.read("dsr_isr_vectors.csv").stream().filter(r -> r.text("method").startsWith("Fay-Feuer"));
    }

    static Stream<Vectors.Row> indirectVectors() {
        return Vectors.read("dsr_isr_vectors.csv").stream().filter(r -> r.text("method").startsWith("IS"));
    }

    @ParameterizedTest
    @MethodSource("dsrVectors")
    void matchesPheDsr(Vectors.Row row) {
        String area = row.text("area");
        double multiplier = Double.isNaN(row.number("multiplier")) ? 100_000 : row.number("multiplier");
        boolean repeatEvents = row.text("method").contains("non-independent");
        Estimate at95;
        Estimate at998;
        if (repeatEvents) {
            List<StandardisedRates.RepeatEventBand> bands = repeatEventBands(area);
            assertEquals(row.number("observed"), bands.stream().mapToDouble(StandardisedRates.RepeatEventBand::count)
                    .sum(), 0.0, "observed " + area);
            at95 = StandardisedRates.directlyStandardisedRepeatEvents(bands, multiplier, 0.95);
            at998 = StandardisedRates.directlyStandardisedRepeatEvents(bands, multiplier, 0.998);
        } else {
            List<StandardisedRates.Band> bands = area.equals("testdata_1976") ? bands1976() : multiareaBands(area);
            assertEquals(row.number("observed"), bands.stream().mapToDouble(StandardisedRates.Band::count).sum(), 0.0);
            at95 = StandardisedRates.directlyStandardised(bands, multiplier, 0.95);
            at998 = StandardisedRates.directlyStandardised(bands, multiplier, 0.998);
        }
        assertEquals(row.text("method"), at95.method());
        if (Double.isNaN(row.number("value"))) {
            assertEquals(DataQuality.SMALL_COUNT, at95.quality(), area);
            assertTrue(Double.isNaN(at95.value()) && Double.isNaN(at95.lower()) && Double.isNaN(at95.upper()));
            return;
        }
        assertClose(row.number("value"), at95.value(), 1e-9, "value " + area);
        assertClose(row.number("lower95"), at95.lower(), 1e-9, "lower95 " + area);
        assertClose(row.number("upper95"), at95.upper(), 1e-9, "upper95 " + area);
        if (!area.equals("testdata_1976")) {
            assertClose(row.number("lower99_8"), at998.lower(), 1e-9, "lower99.8 " + area);
            assertClose(row.number("upper99_8"), at998.upper(), 1e-9, "upper99.8 " + area);
        }
    }

    @Test
    void testdata1976NinetyNinePointEightLimitsInTheSourceAreTenTimesTooLarge() {
        Vectors.Row row = Vectors.read("dsr_isr_vectors.csv").stream()
                .filter(r -> r.text("area").equals("testdata_1976") && r.number("multiplier") == 100_000)
                .findFirst().orElseThrow();
        Estimate at998 = StandardisedRates.directlyStandardised(bands1976(), 100_000, 0.998);
        assertClose(row.number("lower99_8") / 10, at998.lower(), 1e-9, "lower99.8 / 10");
        assertClose(row.number("upper99_8") / 10, at998.upper(), 1e-9, "upper99.8 / 10");
    }

    @ParameterizedTest
    @MethodSource("fayFeuerVectors")
    void matchesFayFeuerComparisonValues(Vectors.Row row) {
        Estimate estimate = StandardisedRates.directlyStandardisedFayFeuer(multiareaBands(row.text("area")),
                row.number("multiplier"), 0.95);
        assertTrue(estimate.isAvailable());
        assertClose(row.number("value"), estimate.value(), "value " + row.text("area"));
        assertClose(row.number("lower95"), estimate.lower(), "lower " + row.text("area"));
        assertClose(row.number("upper95"), estimate.upper(), "upper " + row.text("area"));
    }

    @ParameterizedTest
    @MethodSource("indirectVectors")
    void matchesPheIndirectStandardisation(Vectors.Row row) {
        String area = row.text("area");
        List<Vectors.Row> reference = Vectors.read("phe/testdata_DSR_ISR__refdata.csv");
        List<Vectors.Row> local = area.startsWith("Area")
                ? Vectors.read("phe/testdata_DSR_ISR__testdata_err2.csv").stream()
                        .filter(r -> r.text("area").equals(area)).toList()
                : rowsOf(MULTIAREA, area);
        List<StandardisedRates.ReferenceBand> bands = new ArrayList<>();
        double observed = 0;
        for (int i = 0; i < local.size(); i++) {
            bands.add(new StandardisedRates.ReferenceBand(local.get(i).number("pop"),
                    reference.get(i).number("refcount"), reference.get(i).number("refpop")));
            observed += Double.isNaN(local.get(i).number("count")) ? 0 : local.get(i).number("count");
        }
        if (!area.startsWith("Area")) {
            assertEquals(lookupTotal(area), observed, 0.0, "lookup total " + area);
        }
        assertEquals(row.number("observed"), observed, 0.0);
        double expected = StandardisedRates.expectedCount(bands);
        assertClose(row.number("expected_E"), expected, 1e-12, "E " + area);
        String method = row.text("method");
        double multiplier = row.number("multiplier");
        boolean ratio = method.startsWith("ISRatio");
        Estimate at95 = ratio ? StandardisedRates.standardisedRatio(observed, expected, multiplier, 0.95)
                : StandardisedRates.indirectlyStandardisedRate(observed, expected,
                        StandardisedRates.referenceRate(bands), multiplier, 0.95);
        Estimate at998 = ratio ? StandardisedRates.standardisedRatio(observed, expected, multiplier, 0.998)
                : StandardisedRates.indirectlyStandardisedRate(observed, expected,
                        StandardisedRates.referenceRate(bands), multiplier, 0.998);
        assertTrue(method.endsWith(at95.method()), method + " vs " + at95.method());
        assertClose(row.number("value"), at95.value(), 1e-9, "value " + row);
        assertClose(row.number("lower95"), at95.lower(), 1e-9, "lower95 " + row);
        assertClose(row.number("upper95"), at95.upper(), 1e-9, "upper95 " + row);
        if (!Double.isNaN(row.number("lower99_8"))) {
            assertClose(row.number("lower99_8"), at998.lower(), 1e-9, "lower99.8 " + row);
            assertClose(row.number("upper99_8"), at998.upper(), 1e-9, "upper99.8 " + row);
        }
    }

    @Test
    void referenceRateMatchesPhe() {
        List<StandardisedRates.ReferenceBand> bands = Vectors.read("phe/testdata_DSR_ISR__refdata.csv").stream()
                .map(r -> new StandardisedRates.ReferenceBand(1, r.number("refcount"), r.number("refpop"))).toList();
        assertClose(9349.88309221102, StandardisedRates.referenceRate(bands) * 100_000, 1e-12, "reference rate");
    }

    @ParameterizedTest
    @ValueSource(strings = {"phe/testdata_DSR_ISR__testdata_err1.csv", "phe/testdata_DSR_ISR__testdata_err3.csv",
        "phe/testdata_DSR_ISR__testdata_err4.csv"})
    void rejectsNegativeCountPopulationOrStandardPopulation(String file) {
        assertThrows(IllegalArgumentException.class, () -> Vectors.read(file).stream()
                .map(r -> new StandardisedRates.Band(r.number("count"), r.number("pop"), r.number("stdpop")))
                .toList());
    }

    @Test
    void rejectsMissingPopulationAndNegativeReferenceData() {
        assertThrows(IllegalArgumentException.class, () -> new StandardisedRates.Band(3, Double.NaN, 5000));
        assertThrows(IllegalArgumentException.class, () -> new StandardisedRates.Band(3, 0, 5000));
        assertThrows(IllegalArgumentException.class, () -> new StandardisedRates.ReferenceBand(10, -1, 100));
        assertThrows(IllegalArgumentException.class, () -> new StandardisedRates.ReferenceBand(-10, 1, 100));
        assertThrows(IllegalArgumentException.class,
                () -> new StandardisedRates.RepeatEventBand(List.of(1.0, -2.0), 100, 5000));
        assertThrows(IllegalArgumentException.class,
                () -> new StandardisedRates.RepeatEventBand(List.of(1.0, 2.0), 0, 5000));
        assertEquals(5.0, new StandardisedRates.RepeatEventBand(List.of(1.0, 2.0), 10, 5000).count(), 0.0);
    }

    @Test
    void missingCountIsZeroAndStandardisedRatioFlagsBadInputs() {
        assertEquals(0.0, new StandardisedRates.Band(Double.NaN, 10, 5000).count());
        assertEquals(DataQuality.NON_POSITIVE_DENOMINATOR,
                StandardisedRates.standardisedRatio(5, 0, 100, 0.95).quality());
        assertEquals(DataQuality.MISSING_INPUT,
                StandardisedRates.standardisedRatio(Double.NaN, 4, 100, 0.95).quality());
        assertFalse(StandardisedRates.standardisedRatio(-1, 4, 100, 0.95).isAvailable());
    }

    private static List<StandardisedRates.Band> multiareaBands(String area) {
        List<Vectors.Row> rows = rowsOf(MULTIAREA, area);
        List<StandardisedRates.Band> bands = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            bands.add(new StandardisedRates.Band(rows.get(i).number("count"), rows.get(i).number("pop"), ESP_2013[i]));
        }
        return bands;
    }

    private static List<StandardisedRates.Band> bands1976() {
        return Vectors.read("phe/testdata_DSR_ISR__testdata_1976.csv").stream()
                .map(r -> new StandardisedRates.Band(r.number("count"), r.number("pop"), r.number("esp1976")))
                .toList();
    }

    private static List<StandardisedRates.RepeatEventBand> repeatEventBands(String area) {
        List<Vectors.Row> rows = rowsOf(REPEAT_EVENTS, area);
        List<StandardisedRates.RepeatEventBand> bands = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Vectors.Row row = rows.get(i);
            List<Double> persons = List.of(row.number("f1"), row.number("f2"), row.number("f3"), row.number("f4"));
            StandardisedRates.RepeatEventBand band = new StandardisedRates.RepeatEventBand(persons,
                    row.number("pop"), ESP_2013[i]);
            assertEquals(row.number("count"), band.count(), 0.0, "count " + row);
            bands.add(band);
        }
        return bands;
    }

    private static List<Vectors.Row> rowsOf(String file, String area) {
        List<Vectors.Row> rows = Vectors.read(file).stream().filter(r -> r.text("area").equals(area)).toList();
        assertEquals(ESP_2013.length, rows.size(), "bands of " + area);
        return rows;
    }

    private static double lookupTotal(String area) {
        return Vectors.read("phe/testdata_DSR_ISR__testdata_multiarea_lookup.csv").stream()
                .filter(r -> r.text("area").equals(area)).findFirst().orElseThrow().number("total_count");
    }
}
