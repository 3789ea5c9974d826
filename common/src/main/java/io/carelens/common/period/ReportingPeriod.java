package io.carelens.common.period;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.carelens.common.config.ConfigurationException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * A closed date range {@code [start, end]} a stage reports on: a measure's measurement period, a utilization
 * reporting period, the evaluation's baseline or performance period. One type so that every stage validates, prints
 * and selects periods alike, and one configuration syntax, read here: a calendar year ({@code "2026"}) or a first
 * and last day ({@code "2026-01-01..2026-12-31"}).
 *
 * @param start first day
 * @param end last day
 */
public record ReportingPeriod(LocalDate start, LocalDate end) {

    /** How a period is written in the configuration, as error messages show it. */
    public static final String SYNTAX = "a year (\"2026\") or a first and last day (\"2026-01-01..2026-12-31\")";

    public ReportingPeriod {
        if (end.isBefore(start)) {
            throw new ConfigurationException("period ends (" + end + ") before it starts (" + start + ")");
        }
    }

    public static ReportingPeriod calendarYear(int year) {
        return new ReportingPeriod(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
    }

    /** Calendar months the period touches (a partial month counts as a whole one). */
    public int months() {
        return (end.getYear() - start.getYear()) * 12 + end.getMonthValue() - start.getMonthValue() + 1;
    }

    /** Whether the period starts on a month's first day and ends on a month's last day. */
    public boolean isWholeMonths() {
        return start.getDayOfMonth() == 1 && end.getDayOfMonth() == end.lengthOfMonth();
    }

    /** The SQL predicate that selects this period's rows in a gold table ({@code period_start}, {@code period_end}). */
    public String predicate() {
        return "period_start = DATE'" + start + "' AND period_end = DATE'" + end + "'";
    }

    /** {@code start..end}, the range form of the configuration syntax. */
    @Override
    public String toString() {
        return start + ".." + end;
    }

    /**
     * Parses one period in the configuration syntax.
     *
     * @param key the configuration key it came from, named in the error
     * @param text a year or a range
     */
    public static ReportingPeriod parse(String key, String text) {
        String t = text.trim();
        try {
            if (t.matches("\\d{4}")) {
                return calendarYear(Integer.parseInt(t));
            }
            String[] days = t.split("\\.\\.", -1);
            if (days.length == 2) {
                LocalDate start = LocalDate.parse(days[0].trim());
                LocalDate end = LocalDate.parse(days[1].trim());
                if (end.isBefore(start)) {
                    throw new ConfigurationException(key + ": period '" + text + "' ends before it starts");
                }
                return new ReportingPeriod(start, end);
            }
        } catch (DateTimeParseException e) {
            throw new ConfigurationException(key + ": '" + text + "' has a day that is not a date (yyyy-MM-dd): '"
                    + e.getParsedString() + "'");
        }
        throw new ConfigurationException(key + ": '" + text + "' is not a period; write " + SYNTAX);
    }

    /**
     * The period at {@code path} of a configuration section.
     *
     * @param section the section's block
     * @param prefix the section's own path, e.g. {@code carelens.evaluation}, for messages
     * @param path the key within the section, e.g. {@code baseline}
     */
    public static ReportingPeriod read(Config section, String prefix, String path) {
        String key = prefix + "." + path;
        try {
            return parse(key, section.getString(path));
        } catch (ConfigException.WrongType e) {
            throw new ConfigurationException(key + " must be " + SYNTAX + ", e.g. " + path
                    + " = \"2025-01-01..2025-12-31\" (the { start, end } form is no longer read)");
        }
    }

    /** The list of periods at {@code path} of a configuration section; arguments as {@link #read}. */
    public static List<ReportingPeriod> readList(Config section, String prefix, String path) {
        String key = prefix + "." + path;
        try {
            return section.getStringList(path).stream().map(s -> parse(key, s)).toList();
        } catch (ConfigException.WrongType e) {
            throw new ConfigurationException(key + " must be a list of periods, each " + SYNTAX + ", e.g. " + path
                    + " = [\"2025\", \"2026-01-01..2026-06-30\"] (the { start, end } form is no longer read)");
        }
    }
}
