package io.carelens.bench;

import io.carelens.bench.CanonicalContract.Column;
import io.carelens.bench.CanonicalContract.Table;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * CareLens's canonical CSV ingest in DuckDB SQL: each table's columns typed with TRY_CAST, checked by the rules of
 * CareLens's {@code Validator} (required fields, types, allowed values, code systems, patterns, end before start,
 * birth after death, events before birth, after death or in the future, orphan persons), flagged non-essential values
 * replaced by their fallback, exact repeats of a key removed and keys repeated with different content rejected, as
 * {@code IngestStage} does; the accepted rows are written to {@code <parquet>/<table>.parquet}.
 */
final class DuckDbIngest {
    /** Per table: rows read, accepted, rejected (invalid or conflicting key) and duplicates removed. */
    record Counts(String table, long read, long accepted, long rejected, long duplicates) {
    }

    private final Connection db;
    private final Path parquet;
    private final LocalDate latestAllowed;

    /**
     * @param latestAllowed events and births after this day are rejected (CareLens: today + future-tolerance-days)
     */
    DuckDbIngest(Connection db, Path parquet, LocalDate latestAllowed) {
        this.db = db;
        this.parquet = parquet;
        this.latestAllowed = latestAllowed;
    }

    /**
     * Ingests every contract table that has a {@code <table>.csv} or a folder {@code <table>/} of CSV files (with
     * one header) in {@code folder}; patient must be among them.
     */
    List<Counts> ingest(Path folder) throws SQLException, IOException {
        List<Counts> counts = new ArrayList<>();
        for (Table t : CanonicalContract.TABLES) {
            Path csv = folder.resolve(t.name() + ".csv");
            Path parts = folder.resolve(t.name());
            Optional<Path> first = Optional.empty();
            if (Files.isDirectory(parts)) {
                try (Stream<Path> files = Files.list(parts)) {
                    first = files.filter(f -> f.getFileName().toString().endsWith(".csv")).sorted().findFirst();
                }
            }
            if (Files.isRegularFile(csv) || first.isPresent()) {
                counts.add(Files.isRegularFile(csv) ? table(t, csv, csv.toString())
                        : table(t, first.get(), parts.resolve("*.csv").toString()));
                if (t.name().equals("patient")) {
                    exec("CREATE OR REPLACE TABLE persons AS SELECT person_id, birth_date, deceased_date FROM "
                            + "read_parquet(" + CanonicalContract.quote(file(t).toString()) + ")");
                }
            }
        }
        return counts;
    }

    /** The Parquet file of a table's accepted rows. */
    Path file(Table t) {
        return parquet.resolve(t.name() + ".parquet");
    }

    /** One table from {@code files} (a file or a glob), whose header is that of {@code csv}. */
    private Counts table(Table t, Path csv, String files) throws SQLException, IOException {
        Map<String, String> header = header(csv);
        // Every column read as text; a line that does not parse (wrong number of fields, bad quoting) is rejected,
        // as CareLens's MALFORMED_ROW is.
        String source = "read_csv(" + CanonicalContract.quote(files) + ", header = true, auto_detect = false,"
                + " delim = ',', quote = '\"', escape = '\"', columns = {" + String.join(", ", header.values().stream()
                        .map(h -> CanonicalContract.quote(h) + ": 'VARCHAR'").toList()) + "}, store_rejects = true,"
                + " rejects_table = 'rejected_lines', rejects_scan = 'rejected_scans')";
        List<String> extras = new ArrayList<>();
        if (t.extensible()) {
            header.keySet().stream().filter(h -> t.column(h).isEmpty() && !h.startsWith("_")).forEach(extras::add);
        }
        List<String> raw = new ArrayList<>();
        List<String> typed = new ArrayList<>();
        for (Column c : t.columns()) {
            String given = header.get(c.name());
            raw.add((given == null ? "NULL::VARCHAR" : blankAsNull(given)) + " AS " + ident("r_" + c.name()));
            typed.add(typedValue(c) + " AS " + ident("t_" + c.name()));
        }
        extras.forEach(x -> raw.add(ident(header.get(x)) + " AS " + ident("x_" + x)));

        List<String> reasons = new ArrayList<>();
        List<String> out = new ArrayList<>();
        for (Column c : t.columns()) {
            String r = ident("r_" + c.name());
            if (c.required()) {
                reasons.add(r + " IS NULL");
            }
            List<String> problems = problems(c);
            if (c.flag()) {
                String fallback = c.fallback() == null ? "NULL" : CanonicalContract.quote(c.fallback());
                out.add("CASE WHEN " + anyTrue(problems) + " THEN CAST(" + fallback + " AS " + c.type() + ") ELSE "
                        + ident("t_" + c.name()) + " END AS " + ident(c.name()));
            } else {
                reasons.addAll(problems);
                out.add(ident("t_" + c.name()) + " AS " + ident(c.name()));
            }
        }
        extras.forEach(x -> out.add(ident("x_" + x) + " AS " + ident(x)));
        if (t.end() != null) {
            reasons.add(ident("t_" + t.end()) + " < " + ident("t_" + t.start()));
        }
        String latest = "DATE '" + latestAllowed + "'";
        String from = "typed";
        if (t.name().equals("patient")) {
            reasons.add("t_deceased_date < t_birth_date");
            reasons.add("t_birth_date > " + latest);
            reasons.add("t_deceased_date > " + latest);
        } else if (t.referencesPatient()) {
            from = "typed LEFT JOIN persons p ON typed.t_person_id = p.person_id";
            reasons.add("t_person_id IS NOT NULL AND p.person_id IS NULL");
            if (t.start() != null) {
                String day = "CAST(" + ident("t_" + t.start()) + " AS DATE)";
                reasons.add(day + " < p.birth_date");
                reasons.add(day + " > p.deceased_date");
                reasons.add(day + " > " + latest);
            }
        } else if (t.start() != null) {
            reasons.add("CAST(" + ident("t_" + t.start()) + " AS DATE) > " + latest);
        }
        exec("DROP TABLE IF EXISTS rejected_lines");
        exec("DROP TABLE IF EXISTS rejected_scans");
        exec("CREATE OR REPLACE TEMP TABLE checked AS WITH src AS (SELECT " + String.join(", ", raw) + " FROM "
                + source + "), typed AS (SELECT *, " + String.join(", ", typed) + " FROM src) SELECT "
                + String.join(", ", out) + ", NOT " + anyTrue(reasons) + " AS _valid FROM " + from);

        List<String> content = new ArrayList<>(t.columns().stream().map(c -> ident(c.name())).toList());
        extras.forEach(x -> content.add(ident(x)));
        String keys = String.join(", ", t.keys().stream().map(DuckDbIngest::ident).toList());
        String hash = "hash(" + String.join(", ", content) + ")";
        exec("COPY (SELECT " + String.join(", ", content) + " FROM (SELECT *, " + hash + " AS _h FROM checked WHERE"
                + " _valid) QUALIFY min(_h) OVER (PARTITION BY " + keys + ") = max(_h) OVER (PARTITION BY " + keys
                + ") AND row_number() OVER (PARTITION BY " + keys + ") = 1) TO "
                + CanonicalContract.quote(file(t).toString()) + " (FORMAT parquet)");
        try (Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("WITH g AS (SELECT count(*) AS n, count(DISTINCT " + hash + ") AS d"
                     + " FROM checked WHERE _valid GROUP BY " + keys + "),"
                     + " m AS (SELECT count(DISTINCT (file_id, line)) AS n FROM rejected_lines) SELECT (SELECT count(*) FROM checked) + (SELECT n FROM m),"
                     + " (SELECT count(*) FROM g WHERE d = 1), (SELECT count(*) FROM checked WHERE NOT _valid)"
                     + " + (SELECT coalesce(sum(d), 0) FROM g WHERE d > 1) + (SELECT n FROM m),"
                     + " (SELECT coalesce(sum(n - d), 0) FROM g)")) {
            rs.next();
            return new Counts(t.name(), rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
        }
    }

    /** The file's header (as CsvLines reads it): contract name (lower case, trimmed) to the name in the file. */
    private static Map<String, String> header(Path csv) throws IOException {
        Map<String, String> names = new LinkedHashMap<>();
        try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String line = in.readLine();
            if (line == null || line.isBlank()) {
                throw new IOException(csv + ": empty file, expected a header row");
            }
            for (String h : line.replace("\uFEFF", "").split(",", -1)) {
                String name = h.replace("\"", "").trim().toLowerCase(Locale.ROOT);
                names.put(name, name);
            }
        }
        return names;
    }

    private static String typedValue(Column c) {
        String r = ident("r_" + c.name());
        if (c.codeSystem()) {
            return CanonicalContract.normaliseSystem(r);
        }
        return c.type().equals("VARCHAR") ? r : "TRY_CAST(trim(" + r + ") AS " + c.type() + ")";
    }

    /** The rules a column's given value can break (encoding, type or code system, allowed values, pattern). */
    private static List<String> problems(Column c) {
        String r = ident("r_" + c.name());
        String t = ident("t_" + c.name());
        List<String> problems = new ArrayList<>();
        if (c.type().equals("VARCHAR") && !c.codeSystem()) {
            problems.add("regexp_matches(" + r + ", '[\\x{FFFD}\\x00]')");
        }
        if (c.codeSystem() || !c.type().equals("VARCHAR")) {
            problems.add(r + " IS NOT NULL AND " + t + " IS NULL");
        }
        if (!c.allowed().isEmpty()) {
            problems.add(t + " IS NOT NULL AND " + t + " NOT IN ("
                    + String.join(", ", c.allowed().stream().map(CanonicalContract::quote).toList()) + ")");
        }
        if (c.pattern() != null) {
            problems.add(t + " IS NOT NULL AND NOT regexp_full_match(" + t + ", "
                    + CanonicalContract.quote("(?:" + c.pattern() + ")") + ")");
        }
        return problems;
    }

    /** SQL true when any condition is true (a NULL condition, as in Spark's {@code when}, is not a break). */
    private static String anyTrue(List<String> conditions) {
        if (conditions.isEmpty()) {
            return "false";
        }
        return "(" + String.join(" OR ", conditions.stream().map(c -> "coalesce(" + c + ", false)").toList()) + ")";
    }

    private static String blankAsNull(String given) {
        return "CASE WHEN trim(" + ident(given) + ") = '' THEN NULL ELSE " + ident(given) + " END";
    }

    static String ident(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private void exec(String sql) throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute(sql);
        }
    }
}
