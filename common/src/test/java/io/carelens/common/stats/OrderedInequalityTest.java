package io.carelens.common.stats;

import static io.carelens.common.stats.Vectors.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.carelens.common.stats.OrderedInequality.SlopeIndex;
import io.carelens.common.stats.OrderedInequality.SlopeIndexLimits;
import io.carelens.common.stats.OrderedInequality.ValueType;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OrderedInequalityTest {

    /** PHE's own tests allow this relative tolerance on simulated limits. */
    private static final double MONTE_CARLO = 0.05;
    /**
     * One fixed seed for every case. The Monte Carlo SD of a 99% limit at 100,000 repetitions is about 0.03 for
     * area1, so its lower SII limit (1.92) sits only about 2–3 combined SDs inside the 5% tolerance.
     */
    private static final long SEED = 20241213L;
    private static final Map<String, Vectors.Row> QUANTILE_ROWS = Vectors.read("phe/testdata_SII__testdata_SII.csv")
            .stream().collect(Collectors.toMap(r -> r.text("RecordNo"), Function.identity()));

    static Stream<Vectors.Row> siiCases() {
        return Vectors.read("phe_sii_expected_summary.csv").stream();
    }

    @ParameterizedTest
    @MethodSource("siiCases")
    void matchesPhePointValues(Vectors.Row row) {
        Case c = Case.of(row);
        SlopeIndex index = OrderedInequality.slopeIndex(c.groups, c.type, c.transform, c.multiplier);
        assertClose(row.number("sii"), index.sii(), 1e-9, "sii " + c);
        if (!row.text("rii").isEmpty()) {
            assertClose(row.number("rii"), index.rii(), 1e-9, "rii " + c);
        }
        if (!row.text("Intercept").isEmpty()) {
            assertClose(row.number("Intercept"), index.intercept(), 1e-9, "intercept " + c);
        }
    }

    @ParameterizedTest
    @MethodSource("siiCases")
    void simulatedLimitsAgreeWithPheWithinMonteCarloTolerance(Vectors.Row row) {
        Case c = Case.of(row);
        if (row.text("sii_lowercl_1").isEmpty()) {
            return;
        }
        List<SlopeIndexLimits> limits = OrderedInequality.simulatedLimits(c.groups, c.type, c.transform,
                c.multiplier, c.confidences, (int) row.number("Repetitions"), SEED);
        for (int level = 1; level <= c.confidences.size(); level++) {
            SlopeIndexLimits limit = limits.get(level - 1);
            assertClose(row.number("sii_lowercl_" + level), limit.sii().lower(), MONTE_CARLO, "sii lower " + c);
            assertClose(row.number("sii_uppercl_" + level), limit.sii().upper(), MONTE_CARLO, "sii upper " + c);
            if (!row.text("rii_lowercl_" + level).isEmpty()) {
                assertClose(row.number("rii_lowercl_" + level), limit.rii().lower(), MONTE_CARLO, "rii lower " + c);
                assertClose(row.number("rii_uppercl_" + level), limit.rii().upper(), MONTE_CARLO, "rii upper " + c);
            }
        }
    }

    @Test
    void simulationIsReproducibleForASeed() {
        Case c = Case.of(siiCases().findFirst().orElseThrow());
        assertEquals(OrderedInequality.simulatedLimits(c.groups, c.type, false, 1, List.of(0.95), 2000, 7),
                OrderedInequality.simulatedLimits(c.groups, c.type, false, 1, List.of(0.95), 2000, 7));
    }

    @Test
    void riditsAreCumulativeMidpoints() {
        double[] ridits = OrderedInequality.ridits(groups(new double[] {1, 2, 3}, new double[] {100, 100, 200}));
        assertEquals(0.125, ridits[0], 1e-15);
        assertEquals(0.375, ridits[1], 1e-15);
        assertEquals(0.75, ridits[2], 1e-15);
    }

    @Test
    void linearGradientGivesItsSlopeExactly() {
        double[] populations = {100, 300, 200, 400};
        double[] ridits = OrderedInequality.ridits(groups(new double[] {1, 1, 1, 1}, populations));
        double[] values = Arrays.stream(ridits).map(r -> 10 + 4 * r).toArray();
        SlopeIndex index = OrderedInequality.slopeIndex(groups(values, populations), ValueType.VALUE, false, 1);
        assertEquals(4.0, index.sii(), 1e-12);
        assertEquals(10.0, index.intercept(), 1e-12);
        assertEquals(14.0 / 10.0, index.rii(), 1e-12);
        assertThrows(IllegalArgumentException.class,
                () -> OrderedInequality.slopeIndex(groups(values, populations), ValueType.VALUE, true, 1));
    }

    @Test
    void standardErrorFromLimitsUsesTheTransformedScale() {
        assertEquals(2.0 / (2 * 1.959964), OrderedInequality.standardErrorFromLimits(ValueType.VALUE, 9, 11), 1e-15);
        assertEquals(Math.log(2) / (2 * 1.959964), OrderedInequality.standardErrorFromLimits(ValueType.RATE, 2, 4),
                1e-15);
        assertEquals(Math.log(9) / (2 * 1.959964),
                OrderedInequality.standardErrorFromLimits(ValueType.PROPORTION, 0.25, 0.75), 1e-15);
    }

    @Test
    void concentrationIndicesFollowTheRiditFormula() {
        double[] values = {0.30, 0.20, 0.10};
        double[] populations = {100, 100, 200};
        List<GroupEstimate> groups = groups(values, populations);
        double mean = 0.25 * 0.30 + 0.25 * 0.20 + 0.5 * 0.10;
        double expected = 2 / mean * (0.25 * 0.30 * 0.125 + 0.25 * 0.20 * 0.375 + 0.5 * 0.10 * 0.75) - 1;
        assertEquals(expected, OrderedInequality.relativeConcentrationIndex(groups), 1e-15);
        assertEquals(mean * expected, OrderedInequality.absoluteConcentrationIndex(groups), 1e-15);
        double covarianceForm = 2 / mean * (0.25 * (0.30 - mean) * (0.125 - 0.5) + 0.25 * (0.20 - mean) * (0.375 - 0.5)
                + 0.5 * (0.10 - mean) * (0.75 - 0.5));
        assertEquals(covarianceForm, expected, 1e-15);
        assertEquals(-0.25, expected, 1e-15);
        assertEquals(0.0, OrderedInequality.relativeConcentrationIndex(groups(new double[] {5, 5, 5}, populations)),
                1e-15);
    }

    private static List<GroupEstimate> groups(double[] values, double[] populations) {
        return IntStream.range(0, values.length)
                .mapToObj(j -> new GroupEstimate(String.valueOf(j + 1), values[j], 0, populations[j])).toList();
    }

    /** One PHE SII test case: its quantile rows and the parameters read from the description. */
    private record Case(String description, String area, List<GroupEstimate> groups, ValueType type,
                        boolean transform, double multiplier, List<Double> confidences) {

        static Case of(Vectors.Row row) {
            int first = (int) row.number("first_RecordNo");
            int quantiles = (int) row.number("n_quantiles");
            List<GroupEstimate> groups = IntStream.range(first, first + quantiles)
                    .mapToObj(i -> QUANTILE_ROWS.get(String.valueOf(i)))
                    .map(q -> new GroupEstimate(q.text("Quantile"), q.number("Value"), q.number("StandardError"),
                            q.number("Population")))
                    .toList();
            String description = row.text("TestDescription");
            ValueType type = ValueType.values()[(int) row.number("ValueType")];
            boolean transform = description.contains("log transform") || description.contains("logit transform");
            double multiplier = description.contains("(x 100)") ? 100
                    : description.contains("(x -100)") ? -100
                    : description.contains("negative multiplier") ? -1 : 1;
            return new Case(description, row.text("Area"), groups, type, transform, multiplier,
                    confidences(description, row.text("Confidence")));
        }

        /** The Confidence column is wrong for the 98% cases, so the levels come from the description. */
        private static List<Double> confidences(String description, String column) {
            if (column.startsWith("c(")) {
                return Arrays.stream(column.replaceAll("[c() ]", "").split(",")).map(Double::valueOf).toList();
            }
            if (description.contains("95 and 98") || description.contains("95% and 98%")) {
                return List.of(95.0, 98.0);
            }
            if (description.contains("98%")) {
                return List.of(98.0);
            }
            return List.of(Double.valueOf(column));
        }

        @Override
        public String toString() {
            return description + " / " + area;
        }
    }
}
