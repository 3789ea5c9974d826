package io.carelens.jobs.report;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** What the sections share: how a row names its period, program and arm, units, and the "not computed" note. */
final class Sections {
    /** Rows without a practice, or with this value, are the program-level totals. */
    static final String ALL_PRACTICES = "all";

    private Sections() {
    }

    static String notComputed(String table, String stage) {
        return "<p class=\"not-computed\">Not computed yet: the table " + Html.text(table) + " does not exist in this "
                + "warehouse. Run <code>carelens " + Html.text(stage) + "</code> (or <code>carelens run</code>).</p>\n";
    }

    static String period(Map<String, Object> row) {
        return Html.period(row.get("period_start"), row.get("period_end"));
    }

    /** The distinct periods of some rows, oldest first. */
    static List<String> periods(List<Map<String, Object>> rows) {
        return rows.stream().sorted((a, b) -> String.valueOf(a.get("period_start"))
                        .compareTo(String.valueOf(b.get("period_start"))))
                .map(Sections::period).distinct().toList();
    }

    static String program(Map<String, Object> row) {
        Object p = row.containsKey("program") ? row.get("program") : row.get("program_id");
        return p == null ? "all programs" : p.toString();
    }

    static String arm(Map<String, Object> row) {
        Object a = row.get("arm");
        return a == null || "all".equals(a) ? "all arms" : Labels.group(a.toString());
    }

    static List<String> arms(List<Map<String, Object>> rows) {
        return rows.stream().map(Sections::arm).distinct().sorted().toList();
    }

    private static Object practice(Map<String, Object> row) {
        return row.containsKey("practice") ? row.get("practice") : row.get("practice_id");
    }

    /**
     * The program-level rows: those summed over practices (practice null or "all") when the table has them,
     * else every row.
     */
    static List<Map<String, Object>> programLevel(List<Map<String, Object>> rows) {
        List<Map<String, Object>> total = rows.stream()
                .filter(r -> practice(r) == null || ALL_PRACTICES.equals(practice(r))).toList();
        return total.isEmpty() ? rows : total;
    }

    /** The unit of a utilization rate: the table's {@code unit}, else PQI per 100,000 and the rest per 1,000. */
    static String rateUnit(Map<String, Object> row) {
        Object unit = row.get("unit");
        if (unit != null) {
            return unit.toString();
        }
        return String.valueOf(row.get("measure_id")).startsWith("PQI") ? "per 100,000 person-years"
                : "per 1,000 person-years";
    }

    /** Whether a utilization measure is a proportion (follow-up after an ED visit) rather than a rate. */
    static boolean proportion(Map<String, Object> row) {
        return rateUnit(row).startsWith("proportion");
    }

    /** A utilization value with its unit: "381.5 per 1,000 person-years", or a percentage for proportions. */
    static String rateText(Map<String, Object> row, String column) {
        Object v = row.get(column);
        return proportion(row) ? Html.percent(v) : Html.decimal(v);
    }

    static String interval(String lower, String upper) {
        return Html.NOT_AVAILABLE.equals(lower) && Html.NOT_AVAILABLE.equals(upper)
                ? Html.NOT_AVAILABLE : lower + " to " + upper;
    }

    /** The data-key of a utilization cell: measure|period start|program|arm|practice|column. */
    static String utilizationKey(Map<String, Object> row, String column) {
        return "util|" + row.get("measure_id") + "|" + row.get("period_start") + "|" + program(row) + "|"
                + Objects.toString(row.get("arm"), "") + "|" + Objects.toString(practice(row), "") + "|" + column;
    }

    /** The data-key of a measure-rate cell: measure|period start|dimension|stratum|column. */
    static String measureKey(Map<String, Object> row, String column) {
        return "rate|" + row.get("measure_id") + "|" + row.get("period_start") + "|" + row.get("dimension") + "|"
                + row.get("stratum") + "|" + column;
    }
}
