package io.carelens.jobs.measures;

import static org.apache.spark.sql.functions.lit;

import io.carelens.common.config.ConfigurationException;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.apache.spark.sql.Column;

/**
 * A measurement period: the closed UTC interval [start 00:00:00.000, end 23:59:59.999] (eCQM §S1.1), with the
 * literals the measures compare against "by day" (dates) or "exactly" (timestamps).
 */
public record MeasurementPeriod(LocalDate start, LocalDate end) {

    public MeasurementPeriod {
        if (end.isBefore(start)) {
            throw new ConfigurationException("measurement period ends (" + end + ") before it starts (" + start + ")");
        }
    }

    public static MeasurementPeriod calendarYear(int year) {
        return new MeasurementPeriod(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
    }

    public Column startDate() {
        return date(start);
    }

    public Column endDate() {
        return date(end);
    }

    /** The first instant of the period. */
    public Column startTs() {
        return timestamp(start, false);
    }

    /** The last instant of the period (23:59:59.999 on the end date). */
    public Column endTs() {
        return timestamp(end, true);
    }

    /** The SQL predicate that selects this period's rows in a gold table. */
    public String predicate() {
        return "period_start = DATE'" + start + "' AND period_end = DATE'" + end + "'";
    }

    @Override
    public String toString() {
        return start + ".." + end;
    }

    public static Column date(LocalDate d) {
        return lit(Date.valueOf(d));
    }

    /** The start (or, with {@code lastInstant}, the last millisecond) of a UTC day. */
    public static Column timestamp(LocalDate d, boolean lastInstant) {
        var instant = lastInstant ? d.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusMillis(1)
                : d.atStartOfDay().toInstant(ZoneOffset.UTC);
        return lit(Timestamp.from(instant));
    }
}
