package io.carelens.common.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.carelens.common.stats.SmallCellSuppression.Cell;
import io.carelens.common.stats.SmallCellSuppression.Margin;
import io.carelens.common.stats.SmallCellSuppression.Result;
import io.carelens.common.stats.SmallCellSuppression.Status;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SmallCellSuppressionTest {

    /** A rows × columns table with row totals, column totals and the grand total, as the equity stage publishes. */
    private record CrossTable(List<Cell> cells, List<Margin> margins) {

        static CrossTable of(long[][] counts) {
            int rows = counts.length;
            int columns = counts[0].length;
            List<Cell> cells = new ArrayList<>();
            List<Margin> margins = new ArrayList<>();
            long grand = 0;
            long[] columnTotals = new long[columns];
            List<String> rowTotalIds = new ArrayList<>();
            for (int r = 0; r < rows; r++) {
                long rowTotal = 0;
                List<String> members = new ArrayList<>();
                for (int c = 0; c < columns; c++) {
                    cells.add(new Cell(id(r, c), counts[r][c]));
                    members.add(id(r, c));
                    rowTotal += counts[r][c];
                    columnTotals[c] += counts[r][c];
                }
                cells.add(new Cell("row" + r, rowTotal));
                margins.add(new Margin("row" + r, members));
                rowTotalIds.add("row" + r);
                grand += rowTotal;
            }
            List<String> columnTotalIds = new ArrayList<>();
            for (int c = 0; c < columns; c++) {
                int column = c;
                cells.add(new Cell("col" + c, columnTotals[c]));
                margins.add(new Margin("col" + c, IntStream.range(0, rows).mapToObj(r -> id(r, column)).toList()));
                columnTotalIds.add("col" + c);
            }
            cells.add(new Cell("all", grand));
            margins.add(new Margin("all", rowTotalIds));
            margins.add(new Margin("all", columnTotalIds));
            return new CrossTable(cells, margins);
        }

        private static String id(int row, int column) {
            return "r" + row + "c" + column;
        }
    }

    static Stream<long[][]> tables() {
        Random random = new Random(9);
        List<long[][]> tables = new ArrayList<>(List.of(
                new long[][] {{120, 35, 4, 60}, {80, 0, 45, 22}, {15, 30, 70, 51}},
                new long[][] {{5, 3, 200}, {40, 50, 60}},
                new long[][] {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}},
                new long[][] {{0, 0, 7}, {0, 12, 30}, {25, 40, 0}},
                new long[][] {{9, 100}, {100, 100}}));
        for (int t = 0; t < 150; t++) {
            long[][] counts = new long[2 + random.nextInt(4)][2 + random.nextInt(5)];
            for (long[] row : counts) {
                for (int c = 0; c < row.length; c++) {
                    int kind = random.nextInt(4);
                    row[c] = kind == 0 ? 0 : kind == 1 ? 1 + random.nextInt(10) : 11 + random.nextInt(300);
                }
            }
            tables.add(counts);
        }
        return tables.stream();
    }

    @ParameterizedTest
    @MethodSource("tables")
    void attackerCannotRecoverAnySuppressedCell(long[][] counts) {
        CrossTable table = CrossTable.of(counts);
        Result result = SmallCellSuppression.suppress(table.cells(), table.margins());
        Map<String, Long> truth = new LinkedHashMap<>();
        table.cells().forEach(c -> truth.put(c.id(), c.count()));
        truth.forEach((id, count) -> {
            if (count >= 1 && count <= 10) {
                assertEquals(Status.PRIMARY, result.status().get(id), id);
            }
        });
        Map<String, Long> published = new HashMap<>();
        truth.forEach((id, count) -> {
            if (!result.isSuppressed(id)) {
                published.put(id, count);
            }
        });
        Map<String, Long> derived = subtractAlongMargins(table.margins(), published);
        for (String id : result.suppressedIds()) {
            assertFalse(derived.containsKey(id), "subtraction recovered " + id + " = " + derived.get(id));
        }
        for (String id : solvableByElimination(table.margins(), truth.keySet(), published.keySet())) {
            fail("linear elimination recovers suppressed cell " + id + " = " + truth.get(id));
        }
        for (Margin margin : table.margins()) {
            if (published.containsKey(margin.totalId())) {
                long hidden = published.get(margin.totalId()) - margin.memberIds().stream()
                        .filter(published::containsKey).mapToLong(published::get).sum();
                boolean anyHidden = margin.memberIds().stream().anyMatch(id -> !published.containsKey(id));
                assertFalse(anyHidden && hidden <= 10, "suppressed cells of " + margin + " add up to " + hidden);
            }
        }
    }

    @Test
    void primaryAndComplementarySuppressionOfASmallTable() {
        CrossTable table = CrossTable.of(new long[][] {{120, 35, 4, 60}, {80, 0, 45, 22}, {15, 30, 70, 51}});
        Result result = SmallCellSuppression.suppress(table.cells(), table.margins());
        assertEquals(Status.PRIMARY, result.status().get("r0c2"));
        assertEquals(Status.PUBLISHED, result.status().get("r1c1"), "0 may be shown");
        assertEquals(Status.COMPLEMENTARY, result.status().get("r0c1"), "smallest non-zero cell in row 0");
        assertEquals(Status.COMPLEMENTARY, result.status().get("r1c2"), "smallest non-zero cell in column 2");
        assertEquals(Set.of("r0c1", "r0c2", "r1c0", "r1c2", "r1c3", "r2c0", "r2c1", "r2c3"), result.suppressedIds());
        assertTrue(Stream.of("row0", "row1", "row2", "col0", "col1", "col2", "col3", "all")
                .noneMatch(result::isSuppressed), "totals stay published");
    }

    @Test
    void attackerRecoversCellsWhenOnlyPrimarySuppressionIsApplied() {
        CrossTable table = CrossTable.of(new long[][] {{120, 35, 4, 60}, {80, 0, 45, 22}, {15, 30, 70, 51}});
        Map<String, Long> published = new HashMap<>();
        table.cells().stream().filter(c -> c.count() == 0 || c.count() > 10)
                .forEach(c -> published.put(c.id(), c.count()));
        assertEquals(Map.of("r0c2", 4L), subtractAlongMargins(table.margins(), published));
    }

    @Test
    void nestedSubtotalsAreProtectedAgainstEliminationAcrossMargins() {
        // "18-44" = a + b and "18-64" = a + b + c + d: the difference of the two totals gives c + d, so publishing d
        // would reveal c although every margin holds at least two suppressed cells.
        List<Cell> cells = List.of(new Cell("a", 5), new Cell("b", 40), new Cell("c", 7), new Cell("d", 100),
                new Cell("18-44", 45), new Cell("18-64", 152));
        List<Margin> margins = List.of(new Margin("18-44", List.of("a", "b")),
                new Margin("18-64", List.of("a", "b", "c", "d")));
        Result result = SmallCellSuppression.suppress(cells, margins);
        assertEquals(Set.of("a", "b", "c", "d"), result.suppressedIds());
        Set<String> published = Set.of("18-44", "18-64");
        assertTrue(solvableByElimination(margins, Set.of("a", "b", "c", "d", "18-44", "18-64"), published).isEmpty());
        assertEquals(List.of("c"), solvableByElimination(margins, Set.of("a", "b", "c", "d", "18-44", "18-64"),
                Set.of("18-44", "18-64", "d")), "without the audit d would stay published and reveal c");
    }

    @Test
    void thresholdIsConfigurable() {
        CrossTable table = CrossTable.of(new long[][] {{12, 40}, {50, 60}});
        assertTrue(SmallCellSuppression.suppress(table.cells(), table.margins()).suppressedIds().isEmpty());
        Result stricter = SmallCellSuppression.suppress(table.cells(), table.margins(), 15);
        assertEquals(Status.PRIMARY, stricter.status().get("r0c0"));
        assertEquals(4, stricter.suppressedIds().size());
    }

    @Test
    void cellsFlaggedByTheCallerAreProtectedLikePrimaryCells() {
        CrossTable table = CrossTable.of(new long[][] {{30, 40}, {50, 60}});
        Result result = SmallCellSuppression.suppress(table.cells(), table.margins(), 10, Set.of("r1c1"));
        assertEquals(Status.PRIMARY, result.status().get("r1c1"));
        assertEquals(4, result.suppressedIds().size());
    }

    @Test
    void preferredComplementsAreWithheldBeforeSmallerCells() {
        // denominator = exclusions + performance denominator: 2 exclusions must be hidden with one more cell; the
        // performance denominator (the smaller) carries the published rate, so the caller prefers the denominator.
        List<Cell> cells = List.of(new Cell("exclusions", 2), new Cell("performance", 616), new Cell("denominator", 618));
        List<Margin> margins = List.of(new Margin("denominator", List.of("exclusions", "performance")));
        assertEquals(Set.of("exclusions", "performance"), SmallCellSuppression.suppress(cells, margins).suppressedIds());
        Result preferring = SmallCellSuppression.suppress(cells, margins, 10, Set.of(), Set.of("denominator"));
        assertEquals(Status.COMPLEMENTARY, preferring.status().get("denominator"));
        assertEquals(Set.of("exclusions", "denominator"), preferring.suppressedIds());
        assertTrue(solvableByElimination(margins, Set.of("exclusions", "performance", "denominator"),
                Set.of("performance")).isEmpty(), "the exclusions cannot be derived from what is shown");
    }

    @Test
    void aPreferredZeroCellIsNotChosenOverANonZeroOne() {
        List<Cell> cells = List.of(new Cell("small", 3), new Cell("zero", 0), new Cell("large", 40), new Cell("total", 43));
        List<Margin> margins = List.of(new Margin("total", List.of("small", "zero", "large")));
        Result result = SmallCellSuppression.suppress(cells, margins, 10, Set.of(), Set.of("zero"));
        assertEquals(Set.of("small", "large"), result.suppressedIds());
    }

    @Test
    void ratesRevealingSmallCountsAreFlagged() {
        assertTrue(SmallCellSuppression.revealsSmallCount(5, 500, 10), "numerator");
        assertTrue(SmallCellSuppression.revealsSmallCount(495, 500, 10), "99% of 500 reveals 5 non-events");
        assertTrue(SmallCellSuppression.revealsSmallCount(0, 8, 10), "denominator");
        assertFalse(SmallCellSuppression.revealsSmallCount(0, 500, 10), "0 events may be shown");
        assertFalse(SmallCellSuppression.revealsSmallCount(50, 500, 10));
    }

    @Test
    void rejectsInconsistentTables() {
        assertThrows(IllegalArgumentException.class, () -> new Cell("a", -1));
        List<Cell> cells = List.of(new Cell("a", 3), new Cell("b", 4), new Cell("t", 8));
        assertThrows(IllegalArgumentException.class,
                () -> SmallCellSuppression.suppress(cells, List.of(new Margin("t", List.of("a", "b")))));
        assertThrows(IllegalArgumentException.class,
                () -> SmallCellSuppression.suppress(cells, List.of(new Margin("t", List.of("a", "x")))));
        assertThrows(IllegalArgumentException.class, () -> SmallCellSuppression.suppress(cells, List.of(), 0));
    }

    /** The attacker's first tool: any margin with one unknown cell gives it away; repeat until nothing changes. */
    private static Map<String, Long> subtractAlongMargins(List<Margin> margins, Map<String, Long> published) {
        Map<String, Long> known = new HashMap<>(published);
        Map<String, Long> derived = new HashMap<>();
        boolean progress = true;
        while (progress) {
            progress = false;
            for (Margin margin : margins) {
                List<String> unknown = new ArrayList<>(margin.memberIds().stream()
                        .filter(id -> !known.containsKey(id)).toList());
                boolean totalKnown = known.containsKey(margin.totalId());
                long membersKnown = margin.memberIds().stream().filter(known::containsKey).mapToLong(known::get).sum();
                if (totalKnown && unknown.size() == 1) {
                    learn(unknown.get(0), known.get(margin.totalId()) - membersKnown, known, derived);
                    progress = true;
                } else if (!totalKnown && unknown.isEmpty()) {
                    learn(margin.totalId(), membersKnown, known, derived);
                    progress = true;
                } else if (totalKnown && known.get(margin.totalId()) == membersKnown && !unknown.isEmpty()) {
                    unknown.forEach(id -> learn(id, 0, known, derived));
                    progress = true;
                }
            }
        }
        return derived;
    }

    private static void learn(String id, long value, Map<String, Long> known, Map<String, Long> derived) {
        known.put(id, value);
        derived.put(id, value);
    }

    /**
     * The attacker's second tool: exact rational elimination over all margins at once. A suppressed cell is solvable
     * when its reduced row has no free unknowns.
     */
    private static List<String> solvableByElimination(List<Margin> margins, Set<String> cells, Set<String> published) {
        List<String> unknowns = cells.stream().filter(id -> !published.contains(id)).toList();
        int n = unknowns.size();
        List<BigInteger[]> rows = new ArrayList<>();
        for (Margin margin : margins) {
            BigInteger[] row = new BigInteger[n];
            for (int k = 0; k < n; k++) {
                String id = unknowns.get(k);
                long coefficient = margin.memberIds().stream().filter(id::equals).count()
                        - (margin.totalId().equals(id) ? 1 : 0);
                row[k] = BigInteger.valueOf(coefficient);
            }
            rows.add(row);
        }
        List<Integer> pivotColumns = new ArrayList<>();
        int rank = 0;
        for (int c = 0; c < n && rank < rows.size(); c++) {
            int pivotRow = -1;
            for (int r = rank; r < rows.size() && pivotRow < 0; r++) {
                if (rows.get(r)[c].signum() != 0) {
                    pivotRow = r;
                }
            }
            if (pivotRow < 0) {
                continue;
            }
            BigInteger[] pivot = rows.remove(pivotRow);
            rows.add(rank, pivot);
            for (int r = 0; r < rows.size(); r++) {
                BigInteger[] row = rows.get(r);
                if (r != rank && row[c].signum() != 0) {
                    BigInteger factor = row[c];
                    for (int k = 0; k < n; k++) {
                        row[k] = row[k].multiply(pivot[c]).subtract(pivot[k].multiply(factor));
                    }
                }
            }
            pivotColumns.add(c);
            rank++;
        }
        List<String> solvable = new ArrayList<>();
        for (int r = 0; r < rank; r++) {
            BigInteger[] row = rows.get(r);
            int pivotColumn = pivotColumns.get(r);
            if (IntStream.range(0, n).allMatch(k -> k == pivotColumn || row[k].signum() == 0)) {
                solvable.add(unknowns.get(pivotColumn));
            }
        }
        return solvable;
    }
}
