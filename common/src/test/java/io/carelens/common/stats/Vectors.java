package io.carelens.common.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the copied test-vector CSVs under {@code stats-vectors/} and compares doubles with a relative tolerance. */
final class Vectors {

    /** Default relative tolerance. */
    static final double RELATIVE = 1e-6;

    private Vectors() {
    }

    /** One CSV row keyed by header. */
    record Row(Map<String, String> values) {
        String text(String column) {
            String value = values.get(column);
            return value == null ? "" : value;
        }

        double number(String column) {
            String value = text(column).replace("%", "");
            return value.isEmpty() || value.equals("NA") ? Double.NaN : Double.parseDouble(value);
        }

        @Override
        public String toString() {
            return values.toString();
        }
    }

    static List<Row> read(String name) {
        String resource = "/stats-vectors/" + name;
        try (InputStream in = Vectors.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String> header = split(reader.readLine());
            List<Row> rows = new ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                List<String> fields = split(line);
                Map<String, String> values = new LinkedHashMap<>();
                for (int i = 0; i < header.size() && i < fields.size(); i++) {
                    values.put(header.get(i), fields.get(i));
                }
                rows.add(new Row(values));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (char c : line.replace("\r", "").toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                fields.add(field.toString().trim());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString().trim());
        return fields;
    }

    /** Relative comparison; absolute where the expected value is 0; NaN must match NaN. */
    static void assertClose(double expected, double actual, double relative, String message) {
        if (Double.isNaN(expected)) {
            assertTrue(Double.isNaN(actual), message + ": expected NaN but was " + actual);
            return;
        }
        double tolerance = expected == 0 ? relative : Math.abs(expected) * relative;
        assertEquals(expected, actual, tolerance, message);
    }

    static void assertClose(double expected, double actual, String message) {
        assertClose(expected, actual, RELATIVE, message);
    }
}
