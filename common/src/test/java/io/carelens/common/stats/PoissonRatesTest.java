package io.carelens.common.stats;

import static io.carelens.common.stats.Vectors.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PoissonRatesTest {

    static Stream<Vectors.Row> rateVectors() {
        return Vectors.read("poisson_rate_ci_vectors.csv").stream();
    }

    static Stream<Vectors.Row> pheRateSheet() {
        return Vectors.read("phe/testdata_Rate__testdata_Rate.csv").stream();
    }

    @ParameterizedTest
    @MethodSource("rateVectors")
    void matchesRateVector(Vectors.Row row) {
        double count = row.number("count");
        double confidence = row.number("confidence");
        String method = row.text("method");
        double value;
        double lower;
        double upper;
        if (method.endsWith("_count")) {
            Interval limits = method.equals("byars_count")
                    ? PoissonRates.byarCount(count, confidence) : PoissonRates.exactCount(count, confidence);
            value = limits.estimate();
            lower = limits.lower();
            upper = limits.upper();
        } else {
            Estimate rate = PoissonRates.rate(count, row.number("denominator"), row.number("multiplier"), confidence);
            assertEquals(method.equals("phe_rate_exact") ? "Exact" : "Byars", rate.method(), row.toString());
            value = rate.value();
            lower = rate.lower();
            upper = rate.upper();
        }
        double tolerance = row.text("source").startsWith("PHE") ? 1e-9 : Vectors.RELATIVE;
        assertClose(row.number("value"), value, tolerance, "value " + row);
        assertClose(row.number("lower"), lower, tolerance, "lower " + row);
        assertClose(row.number("upper"), upper, tolerance, "upper " + row);
    }

    @ParameterizedTest
    @MethodSource("pheRateSheet")
    void matchesPheRateSheetIncludingMissingInputs(Vectors.Row row) {
        double multiplier = row.number("multiplier");
        Estimate at95 = PoissonRates.rate(row.number("Numerator"), row.number("Denominator"), multiplier, 95);
        Estimate at998 = PoissonRates.rate(row.number("Numerator"), row.number("Denominator"), multiplier, 99.8);
        assertEquals(Double.isNaN(row.number("value")), !at95.isAvailable(), row.toString());
        assertClose(row.number("value"), at95.value(), 1e-9, "value " + row);
        assertClose(row.number("lower95_0cl"), at95.lower(), 1e-9, "lower95 " + row);
        assertClose(row.number("upper95_0cl"), at95.upper(), 1e-9, "upper95 " + row);
        assertClose(row.number("lower99_8cl"), at998.lower(), 1e-9, "lower99.8 " + row);
        assertClose(row.number("upper99_8cl"), at998.upper(), 1e-9, "upper99.8 " + row);
        if (at95.isAvailable()) {
            assertEquals(row.text("method"), at95.method());
        }
    }

    @Test
    void zeroCountHasExactLimitsAndNoByarLowerLimit() {
        Estimate exact = PoissonRates.rate(0, 1000, 1000, 0.95);
        assertEquals("Exact", exact.method());
        assertEquals(0.0, exact.lower());
        assertClose(3.6888794541, exact.upper(), "upper");
        assertTrue(Double.isNaN(PoissonRates.byarCount(0, 0.95).lower()));
        assertTrue(Double.isNaN(PoissonRates.byarRate(0, 1000, 1000, 0.95).lower()));
    }

    @Test
    void bareByarAndExactDifferAtSmallCounts() {
        Estimate byar = PoissonRates.byarRate(1, 1, 1, 0.95);
        Estimate exact = PoissonRates.exactRate(1, 1, 1, 0.95);
        assertClose(0.01307213290150435, byar.lower(), 1e-12, "byar lower");
        assertClose(5.5637555824752605, byar.upper(), 1e-12, "byar upper");
        assertClose(0.025317807984289897, exact.lower(), 1e-9, "exact lower");
        assertClose(5.571643390938898, exact.upper(), 1e-9, "exact upper");
        assertEquals("Byars", PoissonRates.rate(10, 100, 1, 0.95).method());
        assertEquals("Exact", PoissonRates.rate(9, 100, 1, 0.95).method());
    }

    @Test
    void invalidInputsAreFlaggedNotThrown() {
        assertEquals(DataQuality.NON_POSITIVE_DENOMINATOR, PoissonRates.rate(3, 0, 1000, 0.95).quality());
        assertEquals(DataQuality.INVALID_NUMERATOR, PoissonRates.rate(-3, 10, 1000, 0.95).quality());
        assertEquals(DataQuality.MISSING_INPUT, PoissonRates.rate(Double.NaN, 10, 1000, 0.95).quality());
        assertTrue(PoissonRates.rate(250, 220, 100_000, 0.95).isAvailable());
    }
}
