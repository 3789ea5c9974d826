package io.carelens.common.stats;

import static io.carelens.common.stats.Vectors.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ProportionsTest {

    static Stream<Vectors.Row> proportionVectors() {
        return Vectors.read("proportion_ci_vectors.csv").stream();
    }

    static Stream<Vectors.Row> pheProportions() {
        return Vectors.read("phe/testdata_Proportion__testdata_Prop.csv").stream();
    }

    static Stream<Vectors.Row> pheGroupedProportions() {
        return Vectors.read("phe/testdata_Proportion__testdata_Prop_g.csv").stream();
    }

    @ParameterizedTest
    @MethodSource("proportionVectors")
    void matchesProportionVector(Vectors.Row row) {
        double x = row.number("x");
        double n = row.number("n");
        double confidence = row.number("confidence");
        Estimate estimate = switch (row.text("method")) {
            case "wilson" -> Proportions.wilson(x, n, confidence);
            case "wilson_cc" -> Proportions.wilsonContinuityCorrected(x, n, confidence);
            case "clopper_pearson" -> Proportions.clopperPearson(x, n, confidence);
            default -> throw new IllegalArgumentException(row.text("method"));
        };
        assertTrue(estimate.isAvailable());
        assertClose(x / n, estimate.value(), row.toString());
        assertClose(row.number("lower"), estimate.lower(), "lower " + row);
        assertClose(row.number("upper"), estimate.upper(), "upper " + row);
    }

    @ParameterizedTest
    @MethodSource("pheProportions")
    void matchesPheProportionSheetAt95And998(Vectors.Row row) {
        double multiplier = row.number("multiplier");
        Estimate at95 = Proportions.wilson(row.number("Numerator"), row.number("Denominator"), 95).scaled(multiplier);
        Estimate at998 = Proportions.wilson(row.number("Numerator"), row.number("Denominator"), 0.998)
                .scaled(multiplier);
        assertEquals(Double.isNaN(row.number("value")), !at95.isAvailable(), row.toString());
        assertClose(row.number("value"), at95.value(), 1e-9, "value " + row);
        assertClose(row.number("lower95_0cl"), at95.lower(), 1e-9, "lower95 " + row);
        assertClose(row.number("upper95_0cl"), at95.upper(), 1e-9, "upper95 " + row);
        assertClose(row.number("lower99_8cl"), at998.lower(), 1e-9, "lower99.8 " + row);
        assertClose(row.number("upper99_8cl"), at998.upper(), 1e-9, "upper99.8 " + row);
        assertEquals(row.text("method"), at95.method());
    }

    @ParameterizedTest
    @MethodSource("pheGroupedProportions")
    void matchesPheGroupedSheetAfterSumming(Vectors.Row row) {
        Estimate estimate = Proportions.wilson(row.number("Numerator"), row.number("Denominator"),
                row.number("confidence"));
        assertClose(row.number("value"), estimate.value(), 1e-9, "value " + row);
        assertClose(row.number("lowercl"), estimate.lower(), 1e-9, "lower " + row);
        assertClose(row.number("uppercl"), estimate.upper(), 1e-9, "upper " + row);
    }

    @Test
    void wilsonAtZeroEventsHasLowerZeroAndClosedFormUpper() {
        double z2 = Math.pow(ConfidenceLevel.of(0.95).z(), 2);
        Estimate estimate = Proportions.wilson(0, 1, 0.95);
        assertEquals(0.0, estimate.lower());
        assertClose(z2 / (1 + z2), estimate.upper(), 1e-12, "upper");
    }

    @Test
    void allEventsGiveUpperLimitOneForEveryMethod() {
        assertEquals(1.0, Proportions.wilson(7, 7, 0.95).upper());
        assertEquals(1.0, Proportions.wilsonContinuityCorrected(7, 7, 0.95).upper());
        assertEquals(1.0, Proportions.clopperPearson(7, 7, 0.95).upper());
        assertEquals(0.0, Proportions.clopperPearson(0, 7, 0.95).lower());
        assertEquals(0.0, Proportions.wilsonContinuityCorrected(0, 7, 0.95).lower());
    }

    @Test
    void clopperPearsonZeroOfNHasClosedFormUpper() {
        assertClose(1 - Math.pow(0.025, 1.0 / 20), Proportions.clopperPearson(0, 20, 0.95).upper(), 1e-12, "upper");
    }

    @Test
    void fullConfidenceGivesZeroToOne() {
        Estimate estimate = Proportions.wilson(3, 10, 1.0);
        assertEquals(0.0, estimate.lower());
        assertEquals(1.0, estimate.upper());
    }

    @Test
    void invalidInputsAreFlaggedNotThrown() {
        assertEquals(DataQuality.NON_POSITIVE_DENOMINATOR, Proportions.wilson(0, 0, 0.95).quality());
        assertEquals(DataQuality.INVALID_NUMERATOR, Proportions.wilson(11, 10, 0.95).quality());
        assertEquals(DataQuality.INVALID_NUMERATOR, Proportions.clopperPearson(-1, 10, 0.95).quality());
        assertEquals(DataQuality.MISSING_INPUT, Proportions.wilsonContinuityCorrected(Double.NaN, 10, 0.95).quality());
        Estimate invalid = Proportions.wilson(11, 10, 0.95);
        assertFalse(invalid.isAvailable());
        assertTrue(Double.isNaN(invalid.value()) && Double.isNaN(invalid.lower()) && Double.isNaN(invalid.upper()));
    }

    @Test
    void confidenceIsNormalisedAndLowLevelsRejected() {
        assertEquals(Proportions.wilson(5, 100, 95), Proportions.wilson(5, 100, 0.95));
        assertEquals(0.95, ConfidenceLevel.of(95).fraction(), 1e-15);
        assertClose(1.959963984540054, ConfidenceLevel.of(95).z(), 1e-14, "z 97.5%");
        assertClose(3.090232306167813, ConfidenceLevel.of(99.8).z(), 1e-14, "z 99.9%");
        assertClose(1.6448536269514722, ConfidenceLevel.of(0.90).z(), 1e-14, "z 95%");
        assertThrows(IllegalArgumentException.class, () -> Proportions.wilson(5, 100, 0.5));
        assertThrows(IllegalArgumentException.class, () -> ConfidenceLevel.of(89));
        assertThrows(IllegalArgumentException.class, () -> ConfidenceLevel.of(101));
    }
}
