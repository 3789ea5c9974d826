package io.carelens.jobs.report;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * What the dashboard must show for the gold tables, computed here from the tables themselves (formatted the way
 * an evaluator reads them): key of the cell to its text.
 */
final class ExpectedCells {
    private ExpectedCells() {
    }

    /** Rate, eligible and met of every measure_rates row; "suppressed" for suppressed rows. */
    static Map<String, String> measureRates() {
        Map<String, String> expected = new LinkedHashMap<>();
        for (Row r : ReportFixture.table("gold/measure_rates").collectAsList()) {
            String key = "rate|" + r.getAs("measure_id") + "|" + r.getAs("period_start") + "|" + r.getAs("dimension")
                    + "|" + r.getAs("stratum") + "|";
            if (Boolean.TRUE.equals(r.getAs("suppressed"))) {
                expected.put(key + "rate", "suppressed");
            } else {
                expected.put(key + "rate", String.format(Locale.US, "%.1f%%", (Double) r.getAs("rate") * 100));
                expected.put(key + "numerator", String.format(Locale.US, "%,d", (Long) r.getAs("numerator")));
                expected.put(key + "performance_denominator",
                        String.format(Locale.US, "%,d", (Long) r.getAs("performance_denominator")));
            }
        }
        return expected;
    }

    /** The rate of every program-level overall utilization row (practice "all", dimension "overall"). */
    static Map<String, String> utilizationRates() {
        Map<String, String> expected = new LinkedHashMap<>();
        for (Row r : ReportFixture.table("gold/utilization_rates")
                .where("dimension = 'overall' AND practice_id = 'all'").collectAsList()) {
            String m = r.getAs("measure_id");
            String key = "util|" + m + "|" + r.getAs("period_start") + "|" + r.getAs("program_id") + "|" + r.getAs("arm")
                    + "|all|rate";
            String unit = r.getAs("unit");
            expected.put(key, Boolean.TRUE.equals(r.getAs("suppressed")) ? "suppressed"
                    : String.format(Locale.US, "%,.1f %s", (Double) r.getAs("rate"), unit));
        }
        return expected;
    }
}
