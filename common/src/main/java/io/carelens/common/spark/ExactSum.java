package io.carelens.common.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * The sum of a column of fractional doubles (NYU ED weights, person-years, their products) that does not depend on
 * the order in which rows arrive. Spark adds doubles in the order its tasks deliver them, and that order differs
 * between a local run and a cluster run (or after a lost executor), so a plain {@code sum} can change the last
 * digit of a rate from one run to the next. Here each value is rounded once to 18 decimal places and the decimals
 * are added exactly, so the same rows give the same double on any layout.
 */
public final class ExactSum {
    /** 20 integer and 18 fractional digits: every sum CareLens takes is far below 10^20. */
    private static final DataType DECIMAL = DataTypes.createDecimalType(38, 18);

    private ExactSum() {
    }

    /**
     * {@code sum(value)} kept as the exact decimal: a partial sum that {@link #of(String)} adds up again (per coarser
     * group) to the same double as one sum over all the rows.
     */
    public static Column partial(Column value) {
        return sum(value.cast(DECIMAL));
    }

    /** {@code sum(value)} as a double, added exactly. */
    public static Column of(Column value) {
        return sum(value.cast(DECIMAL)).cast(DataTypes.DoubleType);
    }

    /** {@code sum(column)} as a double, added exactly. */
    public static Column of(String column) {
        return of(col(column));
    }
}
