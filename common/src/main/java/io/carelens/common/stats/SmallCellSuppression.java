package io.carelens.common.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Small-cell suppression under the CMS cell-size policy (statistics.md §9): no count from 1 to the threshold (10 by
 * default) may be shown, nor be derivable from other published cells and totals. Zero may be shown.
 *
 * <p>A table is a list of {@link Cell}s (interior cells and totals alike) and a list of {@link Margin}s, each saying
 * that one total cell equals the sum of its member cells: rows, columns, subtotals and totals published elsewhere (the
 * overall N). The procedure is a pure function over this in-memory table, so the Spark equity stage can apply it to
 * collected aggregates:
 * <ol>
 *   <li>primary suppression of counts in [1, threshold] (and of any cells the caller flags, e.g. rates whose
 *       denominator or complement is small, see {@link #revealsSmallCount});</li>
 *   <li>complementary suppression: a margin with exactly one suppressed cell gets another, its smallest non-zero
 *       published cell;</li>
 *   <li>sum check: where a margin's total is published, the suppressed members must not add up to a value in
 *       [1, threshold];</li>
 *   <li>an audit that no suppressed cell can be solved from the published cells through any combination of margins
 *       (linear elimination), suppressing one more cell where one can.</li>
 * </ol>
 * Steps 2–4 repeat until nothing changes.
 */
public final class SmallCellSuppression {

    /** CMS threshold: counts 1 to 10 are suppressed. */
    public static final int DEFAULT_THRESHOLD = 10;

    private static final double TOLERANCE = 1e-9;

    private SmallCellSuppression() {
    }

    /**
     * A published count: an interior cell or a total.
     *
     * @param id a unique cell id (e.g. "measure|race=Black|county=X")
     * @param count the count, ≥ 0
     */
    public record Cell(String id, long count) {
        /** Rejects negative counts. */
        public Cell {
            if (count < 0) {
                throw new IllegalArgumentException("negative count in cell " + id);
            }
        }
    }

    /**
     * An additive relationship: the total cell equals the sum of the member cells.
     *
     * @param totalId the id of the total cell
     * @param memberIds the ids of the cells that add up to it
     */
    public record Margin(String totalId, List<String> memberIds) {
        /** Copies the member list. */
        public Margin {
            memberIds = List.copyOf(memberIds);
        }
    }

    /** Why a cell is or is not shown. */
    public enum Status {
        /** Shown. */
        PUBLISHED,
        /** Withheld because of its own value. */
        PRIMARY,
        /** Withheld so that a primary cell cannot be derived. */
        COMPLEMENTARY
    }

    /**
     * The suppression pattern of a table.
     *
     * @param status each cell id's status, in input order
     */
    public record Result(Map<String, Status> status) {
        /** Copies the map, keeping its order. */
        public Result {
            status = Collections.unmodifiableMap(new LinkedHashMap<>(status));
        }

        /**
         * @param id a cell id
         * @return true when the cell must not be shown
         */
        public boolean isSuppressed(String id) {
            return status.get(id) != Status.PUBLISHED;
        }

        /** @return the ids of all withheld cells */
        public Set<String> suppressedIds() {
            Set<String> ids = new LinkedHashSet<>();
            status.forEach((id, s) -> {
                if (s != Status.PUBLISHED) {
                    ids.add(id);
                }
            });
            return ids;
        }
    }

    /**
     * Whether a rate or percentage would reveal a small count: its numerator, its complement (denominator −
     * numerator) or its denominator lies in [1, threshold]. Flag such cells as primary in
     * {@link #suppress(List, List, int, Set)}.
     *
     * @param numerator events
     * @param denominator population
     * @param threshold the largest suppressed count
     * @return true when the rate must be suppressed
     */
    public static boolean revealsSmallCount(long numerator, long denominator, int threshold) {
        return isSmall(numerator, threshold) || isSmall(denominator - numerator, threshold)
                || isSmall(denominator, threshold);
    }

    /**
     * Suppresses with the CMS default threshold of 10.
     *
     * @param cells all cells, interior and totals
     * @param margins the additive relationships between them
     * @return the suppression pattern
     */
    public static Result suppress(List<Cell> cells, List<Margin> margins) {
        return suppress(cells, margins, DEFAULT_THRESHOLD, Set.of());
    }

    /**
     * Suppresses with a given threshold.
     *
     * @param cells all cells, interior and totals
     * @param margins the additive relationships between them
     * @param threshold the largest suppressed count (counts 1..threshold are primary)
     * @return the suppression pattern
     */
    public static Result suppress(List<Cell> cells, List<Margin> margins, int threshold) {
        return suppress(cells, margins, threshold, Set.of());
    }

    /**
     * Suppresses with a given threshold and extra primary cells.
     *
     * @param cells all cells, interior and totals
     * @param margins the additive relationships between them
     * @param threshold the largest suppressed count (counts 1..threshold are primary)
     * @param alsoPrimary ids of cells to withhold for reasons outside the table (e.g. a small rate denominator)
     * @return the suppression pattern
     */
    public static Result suppress(List<Cell> cells, List<Margin> margins, int threshold, Set<String> alsoPrimary) {
        return suppress(cells, margins, threshold, alsoPrimary, Set.of());
    }

    /**
     * Suppresses with a given threshold, extra primary cells and a preference among complementary cells.
     *
     * @param cells all cells, interior and totals
     * @param margins the additive relationships between them
     * @param threshold the largest suppressed count (counts 1..threshold are primary)
     * @param alsoPrimary ids of cells to withhold for reasons outside the table (e.g. a small rate denominator)
     * @param preferredComplements ids of cells to withhold first when a margin needs a complementary suppression
     *     (smallest non-zero first among them, then among the rest): counts whose absence costs the reader least,
     *     e.g. a subtotal rather than the numerator or denominator of a published rate
     * @return the suppression pattern
     */
    public static Result suppress(List<Cell> cells, List<Margin> margins, int threshold, Set<String> alsoPrimary,
                                  Set<String> preferredComplements) {
        if (threshold < 1) {
            throw new IllegalArgumentException("threshold must be at least 1: " + threshold);
        }
        Table table = new Table(cells, margins, preferredComplements);
        Map<String, Status> status = new LinkedHashMap<>();
        for (Cell cell : cells) {
            boolean primary = isSmall(cell.count(), threshold) || alsoPrimary.contains(cell.id());
            status.put(cell.id(), primary ? Status.PRIMARY : Status.PUBLISHED);
        }
        boolean changed = true;
        while (changed) {
            changed = protectMargins(table, status, threshold) || protectAgainstElimination(table, status);
        }
        return new Result(status);
    }

    private static boolean protectMargins(Table table, Map<String, Status> status, int threshold) {
        boolean changed = false;
        for (Margin margin : table.margins) {
            List<String> line = new ArrayList<>(margin.memberIds());
            line.add(margin.totalId());
            long suppressed = line.stream().filter(id -> status.get(id) != Status.PUBLISHED).count();
            if (suppressed == 1) {
                changed |= suppressSmallest(line, table, status);
            } else if (suppressed > 1 && status.get(margin.totalId()) == Status.PUBLISHED) {
                long hidden = margin.memberIds().stream().filter(id -> status.get(id) != Status.PUBLISHED)
                        .mapToLong(id -> table.counts.get(id)).sum();
                if (isSmall(hidden, threshold)) {
                    changed |= suppressSmallest(line, table, status);
                }
            }
        }
        return changed;
    }

    /**
     * Finds a suppressed cell that linear elimination over all margins can solve and withholds one more cell in a
     * margin containing it.
     */
    private static boolean protectAgainstElimination(Table table, Map<String, Status> status) {
        for (String id : derivable(table, status)) {
            for (Margin margin : table.margins) {
                List<String> line = new ArrayList<>(margin.memberIds());
                line.add(margin.totalId());
                if (line.contains(id) && suppressSmallest(line, table, status)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Suppressed cells whose value is fixed by the margins and the published cells. */
    private static List<String> derivable(Table table, Map<String, Status> status) {
        List<String> unknowns = status.entrySet().stream().filter(e -> e.getValue() != Status.PUBLISHED)
                .map(Map.Entry::getKey).toList();
        Map<String, Integer> column = new LinkedHashMap<>();
        unknowns.forEach(id -> column.put(id, column.size()));
        double[][] rows = new double[table.margins.size()][unknowns.size()];
        for (int r = 0; r < rows.length; r++) {
            Margin margin = table.margins.get(r);
            for (String member : margin.memberIds()) {
                if (column.containsKey(member)) {
                    rows[r][column.get(member)] += 1.0;
                }
            }
            if (column.containsKey(margin.totalId())) {
                rows[r][column.get(margin.totalId())] -= 1.0;
            }
        }
        int[] pivotOfRow = reducedRowEchelon(rows, unknowns.size());
        List<String> solved = new ArrayList<>();
        for (int r = 0; r < pivotOfRow.length && pivotOfRow[r] >= 0; r++) {
            boolean determined = true;
            for (int c = 0; c < unknowns.size() && determined; c++) {
                determined = c == pivotOfRow[r] || Math.abs(rows[r][c]) < TOLERANCE;
            }
            if (determined) {
                solved.add(unknowns.get(pivotOfRow[r]));
            }
        }
        return solved;
    }

    /** Gauss–Jordan elimination in place; returns the pivot column of each row (−1 after the last pivot row). */
    private static int[] reducedRowEchelon(double[][] rows, int columns) {
        int[] pivots = new int[rows.length];
        Arrays.fill(pivots, -1);
        int rank = 0;
        for (int c = 0; c < columns && rank < rows.length; c++) {
            int best = rank;
            for (int r = rank + 1; r < rows.length; r++) {
                if (Math.abs(rows[r][c]) > Math.abs(rows[best][c])) {
                    best = r;
                }
            }
            if (Math.abs(rows[best][c]) < TOLERANCE) {
                continue;
            }
            double[] swap = rows[rank];
            rows[rank] = rows[best];
            rows[best] = swap;
            double pivot = rows[rank][c];
            for (int k = 0; k < columns; k++) {
                rows[rank][k] /= pivot;
            }
            for (int r = 0; r < rows.length; r++) {
                double factor = rows[r][c];
                if (r != rank && Math.abs(factor) >= TOLERANCE) {
                    for (int k = 0; k < columns; k++) {
                        rows[r][k] -= factor * rows[rank][k];
                    }
                }
            }
            pivots[rank++] = c;
        }
        return pivots;
    }

    /**
     * Withholds one published cell of the line: a non-zero one before a zero, a preferred complement before any
     * other, then the smallest.
     */
    private static boolean suppressSmallest(List<String> line, Table table, Map<String, Status> status) {
        String choice = null;
        for (String id : line) {
            if (status.get(id) == Status.PUBLISHED && (choice == null || table.isBetterComplement(id, choice))) {
                choice = id;
            }
        }
        if (choice == null) {
            return false;
        }
        status.put(choice, Status.COMPLEMENTARY);
        return true;
    }

    private static boolean isSmall(long count, int threshold) {
        return count >= 1 && count <= threshold;
    }

    /** Cells by id with their margins, validated. */
    private static final class Table {
        private final Map<String, Long> counts = new LinkedHashMap<>();
        private final List<Margin> margins;
        private final Set<String> preferredComplements;

        Table(List<Cell> cells, List<Margin> margins, Set<String> preferredComplements) {
            this.preferredComplements = Set.copyOf(preferredComplements);
            for (Cell cell : cells) {
                if (counts.put(cell.id(), cell.count()) != null) {
                    throw new IllegalArgumentException("duplicate cell id " + cell.id());
                }
            }
            for (Margin margin : margins) {
                List<String> ids = new ArrayList<>(margin.memberIds());
                ids.add(margin.totalId());
                for (String id : ids) {
                    if (!counts.containsKey(id)) {
                        throw new IllegalArgumentException("margin refers to unknown cell " + id);
                    }
                }
                long sum = margin.memberIds().stream().mapToLong(counts::get).sum();
                if (sum != counts.get(margin.totalId())) {
                    throw new IllegalArgumentException("cells do not add up to total " + margin.totalId());
                }
            }
            this.margins = List.copyOf(margins);
        }

        boolean isBetterComplement(String candidate, String current) {
            long a = counts.get(candidate);
            long b = counts.get(current);
            if ((a == 0) != (b == 0)) {
                return b == 0;
            }
            boolean preferA = preferredComplements.contains(candidate);
            if (preferA != preferredComplements.contains(current)) {
                return preferA;
            }
            return a < b;
        }
    }
}
