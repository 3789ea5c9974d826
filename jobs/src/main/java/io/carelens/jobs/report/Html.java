package io.carelens.jobs.report;

import java.time.LocalDate;
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

    /** A rate or other measure with one decimal and thousands separators: "1,234.5". */
    static String decimal(Object value) {
        Double v = number(value);
        return v == null ? NOT_AVAILABLE : String.format(Locale.US, "%,.1f", v);
    }

    /** A statistic with three significant decimals, for effects and indices of any scale. */
    static String statistic(Object value) {
        Double v = number(value);
        if (v == null) {
            return NOT_AVAILABLE;
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.US, "%,d", v.longValue());
        }
        return Math.abs(v) >= 100 ? String.format(Locale.US, "%,.1f", v) : String.format(Locale.US, "%.3g", v);
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

    /** A period as readers say it: "2025" for a calendar year, else "2025-01-01 to 2025-06-30". */
    static String period(Object start, Object end) {
        if (start == null) {
            return "all periods";
        }
        LocalDate s = LocalDate.parse(start.toString());
        if (end == null) {
            return "from " + s;
        }
        LocalDate e = LocalDate.parse(end.toString());
        if (s.getDayOfYear() == 1 && e.equals(s.withDayOfYear(s.lengthOfYear()))) {
            return Integer.toString(s.getYear());
        }
        return s + " to " + e;
    }
}
