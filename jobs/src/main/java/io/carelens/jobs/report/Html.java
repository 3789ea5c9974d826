package io.carelens.jobs.report;

import java.util.Locale;

/** Escaping and number formats of the dashboard: every text that reaches the page goes through {@link #text}. */
final class Html {
    static final String SUPPRESSED = "suppressed";
    static final String NOT_AVAILABLE = "–";

    private Html() {
    }

    /** HTML-escapes text for element content and quoted attribute values. */
    static String text(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A proportion as a percentage with one decimal: 0.2345 is "23.5%". */
    static String percent(Object proportion) {
        Double v = number(proportion);
        return v == null ? NOT_AVAILABLE : String.format(Locale.US, "%.1f%%", v * 100);
    }

    /** A count with thousands separators; counts of probabilities (NYU categories) keep one decimal. */
    static String count(Object value) {
        Double v = number(value);
        if (v == null) {
            return NOT_AVAILABLE;
        }
        return v == Math.rint(v) ? String.format(Locale.US, "%,d", v.longValue()) : String.format(Locale.US, "%,.1f", v);
    }

    static Double number(Object value) {
        if (value instanceof Number n) {
            double d = n.doubleValue();
            return Double.isNaN(d) || Double.isInfinite(d) ? null : d;
        }
        return null;
    }
}
