package io.carelens.jobs.run;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.carelens.common.spark.Ages;
import io.carelens.jobs.testing.SharedSpark;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** The one whole-year age of every stage, on the dates where formulas disagree. */
class AgesTest {

    @Test
    void wholeYearsCountACompletedYearOnTheBirthdayAndOnFirstMarchForLeapDayBirths() {
        List<Row> rows = SharedSpark.spark().sql("SELECT * FROM VALUES "
                        + "(DATE'2000-02-29', DATE'2025-02-28', 24), (DATE'2000-02-29', DATE'2025-03-01', 25), "
                        + "(DATE'2000-02-29', DATE'2024-02-29', 24), (DATE'2000-02-29', DATE'2024-02-28', 23), "
                        + "(DATE'1990-06-15', DATE'2025-06-14', 34), (DATE'1990-06-15', DATE'2025-06-15', 35), "
                        + "(DATE'1999-01-31', DATE'2025-02-28', 26), (DATE'1999-03-31', DATE'2025-02-28', 25) "
                        + "AS t(birth, at_date, expected)")
                .select(col("expected"), Ages.wholeYears(col("birth"), col("at_date")).alias("age"), col("birth"),
                        col("at_date"))
                .collectAsList();
        for (Row r : rows) {
            assertEquals(r.getInt(0), r.getInt(1), "born " + r.get(2) + ", on " + r.get(3));
        }
    }
}
