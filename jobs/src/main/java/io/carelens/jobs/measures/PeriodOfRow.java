package io.carelens.jobs.measures;

import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.make_date;
import static org.apache.spark.sql.functions.timestamp_millis;
import static org.apache.spark.sql.functions.unix_millis;
import static org.apache.spark.sql.functions.year;

import org.apache.spark.sql.Column;

/**
 * The measurement period of the row being evaluated, as column expressions read from the row's {@code person_id}
 * ({@link PeriodKey}), so one plan serves every period. The period is the closed UTC interval
 * [start 00:00:00.000, end 23:59:59.999] (eCQM §S1.1); measures compare "by day" with the dates and "exactly" with
 * the timestamps.
 */
public final class PeriodOfRow {
    private final Column personKey = col("person_id");

    PeriodOfRow() {
    }

    /** The first day of the period. */
    public Column startDate() {
        return PeriodKey.start(personKey);
    }

    /** The last day of the period. */
    public Column endDate() {
        return PeriodKey.end(personKey);
    }

    /** The first instant of the period. */
    public Column startTs() {
        return startDate().cast("timestamp");
    }

    /** The last instant of the period (23:59:59.999 on the end date). */
    public Column endTs() {
        return lastInstantOf(endDate());
    }

    /** The day {@code months} months after the first day (negative: before), as {@code LocalDate.plusMonths}. */
    public Column startPlusMonths(int months) {
        return add_months(startDate(), months);
    }

    /** The day {@code month}/{@code day} of the year {@code years} before the period's first year. */
    public Column dayOfYearBeforeStart(int years, int month, int day) {
        return make_date(year(startDate()).minus(years), lit(month), lit(day));
    }

    /** The last millisecond of a UTC day. */
    public static Column lastInstantOf(Column day) {
        return timestamp_millis(unix_millis(date_add(day, 1).cast("timestamp")).minus(1));
    }
}
