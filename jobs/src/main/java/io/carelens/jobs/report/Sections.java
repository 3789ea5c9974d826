package io.carelens.jobs.report;

/** What the server-rendered sections share: the program-level practice value and the "not computed" note. */
final class Sections {
    /** Rows without a practice, or with this value, are the program-level totals. */
    static final String ALL_PRACTICES = "all";

    private Sections() {
    }

    static String notComputed(String table, String stage) {
        return "<p class=\"not-computed\">Not computed yet: the table " + Html.text(table) + " does not exist in this "
                + "warehouse. Run <code>carelens " + Html.text(stage) + "</code> (or <code>carelens run</code>).</p>\n";
    }
}
