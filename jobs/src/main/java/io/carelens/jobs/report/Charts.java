package io.carelens.jobs.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The charts of one page. Each section adds a chart spec (kind, labels, series) and gets back the canvas that
 * shows it; the specs go into the page as one JSON block that {@code dashboard.js} draws with Chart.js. Suppressed
 * cells are null in a series, never a number.
 */
final class Charts {
    private final Map<String, Map<String, Object>> specs = new LinkedHashMap<>();

    /** A grouped bar chart: one bar group per label, one bar per series. */
    String bars(String title, String axis, List<String> labels, List<Series> series) {
        return add("bars", title, axis, labels, Map.of("series", series), Math.max(260, 40 + labels.size() * 26));
    }

    /** A stacked bar chart: one stacked bar per label, one segment per series. */
    String stacked(String title, String axis, List<String> labels, List<Series> series) {
        return add("stacked", title, axis, labels, Map.of("series", series), Math.max(280, 60 + labels.size() * 34));
    }

    /** A forest plot: per label a point estimate with its interval. */
    String forest(String title, String axis, List<String> labels, List<Double> estimate, List<Double> lower,
                  List<Double> upper) {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("estimate", estimate);
        extra.put("lower", lower);
        extra.put("upper", upper);
        return add("forest", title, axis, labels, extra, Math.max(180, 90 + labels.size() * 30));
    }

    private String add(String kind, String title, String axis, List<String> labels, Map<String, Object> extra,
                       int height) {
        String id = "chart-" + (specs.size() + 1);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("kind", kind);
        spec.put("title", title);
        spec.put("axis", axis);
        spec.put("labels", new ArrayList<>(labels));
        spec.putAll(extra);
        specs.put(id, spec);
        return "<div class=\"chart\" style=\"height:" + height + "px\"><canvas id=\"" + id + "\" data-chart=\"" + id
                + "\" role=\"img\" aria-label=\"" + Html.text(title) + "\"></canvas></div>\n";
    }

    int size() {
        return specs.size();
    }

    /** The specs as JSON that is safe inside a script element ('<', '>' and '&' are escaped). */
    String json() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.getFactory().setCharacterEscapes(new ScriptSafe());
        try {
            return mapper.writeValueAsString(specs);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the chart data: " + e.getMessage(), e);
        }
    }

    /** One series of a bar chart. */
    record Series(String label, List<Double> values) {
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
