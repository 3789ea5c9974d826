package io.carelens.jobs.measures;

import io.carelens.common.config.ConfigurationException;
import java.time.LocalDate;

/**
 * A measurement period chosen for a run: the closed UTC interval [start 00:00:00.000, end 23:59:59.999] (eCQM §S1.1).
 * The measures see it through {@link PeriodOfRow}.
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

    /** The SQL predicate that selects this period's rows in a gold table. */
    public String predicate() {
        return "period_start = DATE'" + start + "' AND period_end = DATE'" + end + "'";
    }

    @Override
    public String toString() {
        return start + ".." + end;
    }
}
