package io.carelens.jobs.report;

import java.util.Locale;
import java.util.Map;

/**
 * The AHRQ better / worse / same call of a group against its reference, as {@code gold/disparities} publishes it,
 * and how the dashboard shows it (a coloured badge with the word, so colour is never the only cue).
 */
final class Verdicts {
    private Verdicts() {
    }

    /** Column names the disparities table may use for the group, the call and the reference group. */
    static final String[] GROUP_COLUMNS = {"stratum", "group", "group_name"};
    static final String[] VERDICT_COLUMNS = {"verdict", "ahrq_verdict", "call", "comparison"};
    static final String[] REFERENCE_COLUMNS = {"reference_stratum", "reference_group", "reference"};

    static boolean isVerdict(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "better", "worse", "same" -> true;
            default -> false;
        };
    }

    static HtmlTable.Cell cell(String verdict) {
        String v = verdict.toLowerCase(Locale.ROOT);
        return new HtmlTable.Cell(v, "verdict " + v, null);
    }

    /** The key that joins a disparities row to its stratum row in {@code gold/measure_rates}. */
    static String key(Map<String, Object> row, String groupColumn) {
        return row.get("measure_id") + "|" + row.get("period_start") + "|" + row.get("dimension") + "|"
                + row.get(groupColumn);
    }
}
