package io.carelens.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The DuckDB side of {@code bench/duckdb.sh} (issue #11): the same work as three CareLens stages, written in DuckDB
 * SQL and run in-process, so that CareLens's times can be put beside a single-node SQL engine's on the same data and
 * machine. It ingests the canonical CSV folder with CareLens's validation rules into Parquet ({@link DuckDbIngest}),
 * computes CMS122 for one period and the ED visit rate per 1,000 person-years ({@link DuckDbMeasures}), times each
 * step, and checks the answers against CareLens's (a time counts only when they agree): accepted rows per table
 * against the silver row counts, the four CMS122 flags of every person against {@code gold_measure_patient}, and the
 * rate against {@code gold_utilization_rates}. Exits 1 when any answer differs.
 *
 * <p>Usage: {@code DuckDbComparison --canonical DIR --value-sets DIR --work DIR --period-start D --period-end D
 * --silver-counts FILE --cms122 FILE --ed FILE [--future-tolerance-days N]}, the three files being CSV exports of
 * CareLens's answers (table,rows; person_id and the four flags; events,person_years,rate), N as CareLens's
 * {@code ingest.future-tolerance-days} (default 1). Prints {@code time <step> <seconds>} lines and one agreement line
 * per check.
 */
public final class DuckDbComparison {
    /** CareLens's ingest.future-tolerance-days default: later events and births are rejected. */
    private static final String FUTURE_TOLERANCE_DAYS = "1";
    private static final double RELATIVE_TOLERANCE = 1e-9;

    private DuckDbComparison() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        Path work = Path.of(o.get("work"));
        Path parquet = work.resolve("parquet");
        Files.createDirectories(parquet);
        LocalDate lo = LocalDate.parse(o.get("period-start"));
        LocalDate hi = LocalDate.parse(o.get("period-end"));
        boolean agree = true;
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
            exec(db, "SET memory_limit = '2GB'");
            exec(db, "SET threads = 2");
            exec(db, "SET temp_directory = " + CanonicalContract.quote(work.resolve("spill").toString()));
            exec(db, "SET preserve_insertion_order = false");

            long t0 = System.nanoTime();
            long tolerance = Long.parseLong(o.getOrDefault("future-tolerance-days", FUTURE_TOLERANCE_DAYS));
            DuckDbIngest ingest = new DuckDbIngest(db, parquet, LocalDate.now(ZoneOffset.UTC).plusDays(tolerance));
            List<DuckDbIngest.Counts> counts = ingest.ingest(Path.of(o.get("canonical")));
            time("ingest", t0);

            Map<String, Path> files = new LinkedHashMap<>();
            CanonicalContract.TABLES.stream().filter(t -> counts.stream().anyMatch(c -> c.table().equals(t.name())))
                    .forEach(t -> files.put(t.name(), ingest.file(t)));
            DuckDbMeasures measures = new DuckDbMeasures(db, files);
            t0 = System.nanoTime();
            measures.cms122(Path.of(o.get("value-sets")), lo, hi);
            time("cms122", t0);

            t0 = System.nanoTime();
            double[] ed = measures.edRate(lo, hi);
            time("ed", t0);

            agree &= checkIngest(db, counts, o.get("silver-counts"));
            agree &= checkCms122(db, o.get("cms122"));
            agree &= checkEd(db, ed, o.get("ed"));
        }
        System.out.println(agree ? "result: DuckDB and CareLens agree" : "result: DuckDB and CareLens DISAGREE");
        if (!agree) {
            System.exit(1);
        }
    }

    private static boolean checkIngest(Connection db, List<DuckDbIngest.Counts> counts, String file)
            throws SQLException {
        Map<String, Long> silver = new HashMap<>();
        try (Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM read_csv(" + CanonicalContract.quote(file)
                     + ", header = true, all_varchar = true)")) {
            while (rs.next()) {
                silver.put(rs.getString(1), Long.parseLong(rs.getString(2)));
            }
        }
        boolean ok = true;
        for (DuckDbIngest.Counts c : counts) {
            Long expected = silver.get(c.table());
            boolean same = expected != null && expected == c.accepted();
            ok &= same;
            System.out.printf(Locale.ROOT, "ingest %-12s read %,d: accepted %,d (CareLens silver %s), rejected %,d,"
                            + " duplicates %,d: %s%n", c.table(), c.read(), c.accepted(),
                    expected == null ? "missing" : String.format(Locale.ROOT, "%,d", expected), c.rejected(),
                    c.duplicates(), same ? "agree" : "MISMATCH");
        }
        return ok;
    }

    private static boolean checkCms122(Connection db, String file) throws SQLException {
        String carelens = "(SELECT * FROM read_csv(" + CanonicalContract.quote(file)
                + ", header = true, all_varchar = true))";
        List<String> mismatches = new ArrayList<>();
        long persons;
        long expected;
        try (Statement s = db.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT coalesce(d.person_id, c.person_id) FROM cms122 d"
                    + " FULL OUTER JOIN " + carelens + " c ON d.person_id = c.person_id"
                    + " WHERE d.person_id IS NULL OR c.person_id IS NULL"
                    + " OR CAST(d.initial_population AS VARCHAR) <> c.initial_population"
                    + " OR CAST(d.denominator AS VARCHAR) <> c.denominator"
                    + " OR CAST(d.denominator_exclusion AS VARCHAR) <> c.denominator_exclusion"
                    + " OR CAST(d.numerator AS VARCHAR) <> c.numerator ORDER BY 1")) {
                while (rs.next()) {
                    mismatches.add(rs.getString(1));
                }
            }
            persons = single(s, "SELECT count(*) FROM cms122");
            expected = single(s, "SELECT count(*) FROM " + carelens);
            System.out.printf(Locale.ROOT, "cms122 DuckDB %,d persons (denominator exclusions %,d, numerator %,d),"
                            + " CareLens %,d persons: %,d mismatches%s%n", persons,
                    single(s, "SELECT sum(denominator_exclusion) FROM cms122"),
                    single(s, "SELECT sum(numerator) FROM cms122"), expected, mismatches.size(),
                    mismatches.isEmpty() ? ": agree" : " (first: " + String.join(", ",
                            mismatches.subList(0, Math.min(5, mismatches.size()))) + ")");
        }
        return mismatches.isEmpty() && persons > 0;
    }

    private static boolean checkEd(Connection db, double[] ed, String file) throws SQLException {
        double[] expected = new double[3];
        try (Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM read_csv(" + CanonicalContract.quote(file)
                     + ", header = true, all_varchar = true)")) {
            if (!rs.next()) {
                System.out.println("ed CareLens's overall ED_VISITS row is missing: MISMATCH");
                return false;
            }
            for (int i = 0; i < 3; i++) {
                expected[i] = Double.parseDouble(rs.getString(i + 1));
            }
        }
        boolean same = ed[0] == expected[0] && close(ed[1], expected[1]) && close(ed[2], expected[2]);
        System.out.printf(Locale.ROOT, "ed DuckDB %.0f visits, %.4f person-years, rate %.12f per 1,000; CareLens %.0f,"
                + " %.4f, %.12f: %s%n", ed[0], ed[1], ed[2], expected[0], expected[1], expected[2],
                same ? "agree" : "MISMATCH");
        return same;
    }

    private static boolean close(double a, double b) {
        return Math.abs(a - b) <= RELATIVE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
    }

    private static long single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void time(String step, long startNanos) {
        System.out.printf(Locale.ROOT, "time %s %.3f%n", step, (System.nanoTime() - startNanos) / 1e9);
    }

    private static void exec(Connection db, String sql) throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute(sql);
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected an option, got " + args[i]);
            }
            o.put(args[i].substring(2), args[i + 1]);
        }
        for (String required : List.of("canonical", "value-sets", "work", "period-start", "period-end",
                "silver-counts", "cms122", "ed")) {
            if (!o.containsKey(required)) {
                throw new IllegalArgumentException("missing option --" + required);
            }
        }
        return o;
    }
}
