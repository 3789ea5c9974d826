package io.carelens.jobs.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The data the dashboard's script renders, embedded once in the page as compact JSON: each gold table as its column
 * names and rows of values (only the columns the page uses; text columns as indexes into a list of their distinct
 * values), plus the plain-language labels of measures and dimensions. A suppressed row keeps its keys (measure,
 * period, group) and loses every number, so a withheld count or rate never reaches the page. Decimals keep seven
 * significant digits (the page shows at most four).
 */
final class DashboardData {
    /** The columns of gold/measure_rates the page uses. */
    static final List<String> RATE_COLUMNS = List.of("measure_id", "period_start", "dimension", "stratum",
            "numerator", "performance_denominator", "rate", "ci_lower", "ci_upper", "suppressed");
    /** The columns of gold/utilization_rates the page uses. */
    static final List<String> UTILIZATION_COLUMNS = List.of("measure_id", "unit", "period_start", "program_id", "arm",
            "dimension", "stratum", "events", "person_years", "rate", "ci_lower", "ci_upper", "suppressed");
    /** The columns of gold/disparities the page uses. */
    static final List<String> DISPARITY_COLUMNS = List.of("measure_id", "program_id", "arm", "period_start",
            "dimension", "metric", "stratum", "reference_group", "estimate", "verdict", "trend", "suppressed");
    /** The columns of gold/evaluation the page uses. */
    static final List<String> EVALUATION_COLUMNS = List.of("program_id", "measure_id", "measure_kind", "unit",
            "dimension", "stratum", "row_type", "reference_stratum", "method", "estimand", "estimate", "ci95_lower",
            "ci95_upper", "ci_lower", "ci_upper", "p_value", "baseline_start", "performance_start", "suppressed");
    /** The columns of gold/pba the page uses. */
    static final List<String> PBA_COLUMNS = List.of("program_id", "practice_id", "performance_start", "stays",
            "person_years", "ahu_rate", "ahu_ci95_lower", "ahu_ci95_upper", "benchmark_rate", "ratio", "tier",
            "adjustment", "status", "suppressed");

    private static final MathContext SIGNIFICANT = new MathContext(7);

    /** Columns that identify a row and stay on a suppressed row. */
    private static final Set<String> KEYS = Set.of("measure_id", "unit", "period_start", "period_end", "program_id",
            "arm", "dimension", "stratum", "metric", "reference_group", "direction", "measure_kind", "row_type",
            "reference_stratum", "method", "estimand", "baseline_start", "performance_start", "practice_id", "tier",
            "adjustment", "status", "suppressed");

    private DashboardData() {
    }

    /** The page's data block: safe inside a script element ('<', '>' and '&' escaped). */
    static String json(ReportInputs in) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("rates", table(in.measureRates(), RATE_COLUMNS));
        data.put("utilization", table(in.utilizationRates(), UTILIZATION_COLUMNS));
        data.put("disparities", table(in.disparities(), DISPARITY_COLUMNS));
        data.put("evaluation", table(in.evaluation(), EVALUATION_COLUMNS));
        data.put("pba", table(in.pba(), PBA_COLUMNS));
        data.put("labels", labels(in));
        ObjectMapper mapper = new ObjectMapper();
        mapper.getFactory().setCharacterEscapes(new ScriptSafe());
        try {
            return mapper.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the dashboard data: " + e.getMessage(), e);
        }
    }

    /**
     * {@code {"columns": [...], "values": {column: [distinct texts]}, "rows": [[...], ...]}}, a text cell being the
     * index of its value; null for a table not computed yet.
     */
    static Map<String, Object> table(TableSnapshot t, List<String> wanted) {
        if (!t.present()) {
            return null;
        }
        List<String> columns = wanted.stream().filter(t::has).toList();
        Map<String, Map<String, Integer>> index = new LinkedHashMap<>();
        List<List<Object>> rows = new ArrayList<>();
        for (Map<String, Object> r : t.rows()) {
            boolean withheld = TableSnapshot.suppressed(r);
            List<Object> values = new ArrayList<>(columns.size());
            for (String c : columns) {
                Object v = withheld && !KEYS.contains(c) ? null : compact(r.get(c));
                if (v instanceof String text) {
                    Map<String, Integer> known = index.computeIfAbsent(c, k -> new LinkedHashMap<>());
                    v = known.computeIfAbsent(text, k -> known.size());
                }
                values.add(v);
            }
            rows.add(values);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        index.forEach((c, known) -> values.put(c, new ArrayList<>(known.keySet())));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("columns", columns);
        out.put("values", values);
        out.put("rows", rows);
        return out;
    }

    private static Object compact(Object v) {
        if (v instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                return null;
            }
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? (Object) d.longValue()
                    : new BigDecimal(d).round(SIGNIFICANT).doubleValue();
        }
        return v;
    }

    /** Plain-language names of every measure and dimension in the tables, and the measures where lower is better. */
    private static Map<String, Object> labels(ReportInputs in) {
        Set<String> measures = new TreeSet<>();
        Set<String> dimensions = new TreeSet<>();
        for (TableSnapshot t : List.of(in.measureRates(), in.utilizationRates(), in.disparities(), in.evaluation())) {
            t.rows().forEach(r -> {
                if (r.get("measure_id") != null) {
                    measures.add(r.get("measure_id").toString());
                }
                if (r.get("dimension") != null) {
                    dimensions.add(r.get("dimension").toString());
                }
            });
        }
        Map<String, String> measureNames = new LinkedHashMap<>();
        measures.forEach(m -> measureNames.put(m, Labels.measure(m)));
        Map<String, String> dimensionNames = new LinkedHashMap<>();
        dimensions.forEach(d -> dimensionNames.put(d, Labels.dimension(d)));
        Map<String, Object> labels = new LinkedHashMap<>();
        labels.put("measures", measureNames);
        labels.put("dimensions", dimensionNames);
        labels.put("lowerIsBetter", measures.stream().filter(Labels::lowerIsBetter).toList());
        return labels;
    }

    private static final class ScriptSafe extends CharacterEscapes {
        private final int[] escapes;

        ScriptSafe() {
            escapes = standardAsciiEscapesForJSON();
            escapes['<'] = ESCAPE_STANDARD;
            escapes['>'] = ESCAPE_STANDARD;
            escapes['&'] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return escapes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return ch == 0x2028 || ch == 0x2029 ? new SerializedString(String.format("\\u%04x", ch)) : null;
        }
    }
}
