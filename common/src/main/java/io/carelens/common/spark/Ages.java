package io.carelens.common.spark;

import static org.apache.spark.sql.functions.dayofmonth;
import static org.apache.spark.sql.functions.month;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

import org.apache.spark.sql.Column;

/**
 * The one age every stage computes: whole years completed at a date, as CQL's {@code AgeInYearsAt} and Java's
 * {@code Period.between} count them. A person born on 29 February completes a year on 1 March in a common year (not
 * on 28 February, as {@code floor(months_between / 12)} would have it, since Spark treats two month-ends as whole
 * months apart).
 */
public final class Ages {
    private Ages() {
    }

    /** Whole years from {@code birth} to {@code on}: the year difference, minus one before the birthday. */
    public static Column wholeYears(Column birth, Column on) {
        Column beforeBirthday = month(on).multiply(100).plus(dayofmonth(on))
                .lt(month(birth).multiply(100).plus(dayofmonth(birth)));
        return year(on).minus(year(birth)).minus(when(beforeBirthday, 1).otherwise(0));
    }
}
