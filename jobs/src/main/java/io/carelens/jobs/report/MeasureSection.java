package io.carelens.jobs.report;

import io.carelens.jobs.report.HtmlTable.Cell;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Per quality measure: the rate of every group (age band, sex, race, ethnicity, payer, ...) with its interval as a
 * forest plot for the latest period, a table over all periods with the AHRQ better / worse / same call against the
 * reference group, and the measure's disparity metrics from {@code gold/disparities}.
 */
final class MeasureSection {
    /** Columns of gold/disparities the per-measure table leaves out: known from the heading, or constant. */
    private static final Set<String> LEFT_OUT = Set.of("measure_id", "program_id", "period_end", "reference_rule",
            "direction", "baseline_period_end");

    private final ReportInputs in;
    private final Charts charts;

    MeasureSection(ReportInputs in, Charts charts) {
        this.in = in;
        this.charts = charts;
    }

    String html() {
        StringBuilder b = new StringBuilder("<section id=\"measures\"><h2>Quality measures by patient group</h2>\n");
        TableSnapshot rates = in.measureRates();
        if (!in.disparities().present()) {
            b.append(Sections.notComputed(in.disparities().table(), "equity"));
        }
        if (!rates.present()) {
            return b.append(Sections.notComputed(rates.table(), "measures")).append("</section>\n").toString();
        }
        b.append("<p class=\"lead\">For each measure: the rate in every patient group with its 95% interval "
                + "(a dot and a line), and how each group compares with the reference group: <span class=\"verdict "
                + "better\">better</span> or <span class=\"verdict worse\">worse</span> when the difference is both "
                + "statistically significant (p ≤ 0.05) and at least 10% in relative terms, else "
                + "<span class=\"verdict same\">same</span> (AHRQ rule). Small groups are shown as "
                + "<em>suppressed</em> to protect privacy.</p>\n");
        Map<String, Map<String, Object>> verdicts = verdicts();
        for (String m : rates.distinct(rates.rows(), "measure_id")) {
            b.append(measure(m, rates.where(r -> m.equals(r.get("measure_id"))), verdicts));
        }
        return b.append("</section>\n").toString();
    }

    private String measure(String id, List<Map<String, Object>> rows, Map<String, Map<String, Object>> verdicts) {
        StringBuilder b = new StringBuilder("<article class=\"measure\" id=\"measure-").append(Html.text(id))
                .append("\"><h3>").append(Html.text(Labels.measure(id))).append(" <span class=\"id\">")
                .append(Html.text(id)).append("</span></h3>\n<p class=\"polarity\">")
                .append(Labels.lowerIsBetter(id) ? "Lower is better." : "Higher is better.").append("</p>\n");
        List<String> periods = Sections.periods(rows);
        String latest = periods.get(periods.size() - 1);
        List<Map<String, Object>> current = rows.stream().filter(r -> latest.equals(Sections.period(r))).toList();
        List<String> labels = new ArrayList<>();
        List<Double> estimate = new ArrayList<>();
        List<Double> lower = new ArrayList<>();
        List<Double> upper = new ArrayList<>();
        for (Map<String, Object> r : current) {
            boolean s = TableSnapshot.suppressed(r);
            labels.add(groupLabel(r) + (s ? " (suppressed)" : ""));
            estimate.add(s ? null : percentOf(r.get("rate")));
            lower.add(s ? null : percentOf(r.get("ci_lower")));
            upper.add(s ? null : percentOf(r.get("ci_upper")));
        }
        b.append(charts.forest(Labels.measure(id) + ", " + latest + ": rate by group with 95% interval",
                "% of eligible patients", labels, estimate, lower, upper));
        String verdictColumn = in.disparities().firstColumn(Verdicts.VERDICT_COLUMNS);
        String referenceColumn = in.disparities().firstColumn(Verdicts.REFERENCE_COLUMNS);
        HtmlTable t = new HtmlTable("Period", "Group", "Eligible patients", "Met the measure", "Rate",
                "95% interval", "Compared with reference", "Reference group");
        for (Map<String, Object> r : rows) {
            List<Cell> cells = new ArrayList<>(List.of(Cell.of(Sections.period(r)), Cell.of(groupLabel(r))));
            cells.addAll(rateCells(r));
            Map<String, Object> d = verdicts.get(Verdicts.key(r, "stratum"));
            Object verdict = d == null || verdictColumn == null ? null : d.get(verdictColumn);
            cells.add(verdict == null ? Cell.of(Html.NOT_AVAILABLE)
                    : Verdicts.cell(verdict.toString()).key(Sections.measureKey(r, "verdict")));
            Object reference = d == null || referenceColumn == null ? null : d.get(referenceColumn);
            cells.add(Cell.of(reference == null ? Html.NOT_AVAILABLE : Labels.group(reference.toString())));
            t.row(cells);
        }
        b.append("<details open><summary>Counts and rates of every group, all periods</summary>\n")
                .append(t.html()).append("</details>\n");
        b.append(disparityMetrics(id, String.valueOf(current.get(0).get("period_start"))));
        return b.append("</article>\n").toString();
    }

    /** The most disparity rows shown per measure; the rest are in gold/disparities (notebook 02). */
    static final int MAX_DISPARITY_ROWS = 200;

    /** The measure's rows of gold/disparities for its latest period (arm "all"), every column as published. */
    private String disparityMetrics(String id, String latestStart) {
        TableSnapshot d = in.disparities();
        if (!d.present() || !d.has("measure_id")) {
            return "";
        }
        List<Map<String, Object>> rows = d.where(r -> id.equals(r.get("measure_id"))
                && (r.get("period_start") == null || latestStart.equals(String.valueOf(r.get("period_start"))))
                && (r.get("arm") == null || "all".equals(r.get("arm"))));
        if (rows.isEmpty()) {
            return "<p class=\"note\">No disparity metrics for this measure in its latest period.</p>\n";
        }
        String more = rows.size() > MAX_DISPARITY_ROWS ? ", the first " + MAX_DISPARITY_ROWS + " shown; all are in "
                + ReportInputs.DISPARITIES : "";
        return "<details><summary>Disparity metrics, latest period (" + rows.size() + " rows" + more
                + ")</summary>\n" + HtmlTable.generic(d.columns(), rows.subList(0, Math.min(rows.size(),
                MAX_DISPARITY_ROWS)), LEFT_OUT).html() + "</details>\n";
    }

    /**
     * The disparities rows that carry a group and a call, by measure|period|dimension|group (quality measures have
     * no arm, or arm "all"; the first row with a call wins, its metrics agree on it).
     */
    private Map<String, Map<String, Object>> verdicts() {
        TableSnapshot d = in.disparities();
        String group = d.firstColumn(Verdicts.GROUP_COLUMNS);
        Map<String, Map<String, Object>> byKey = new HashMap<>();
        if (!d.present() || group == null || d.firstColumn(Verdicts.VERDICT_COLUMNS) == null) {
            return byKey;
        }
        String verdict = d.firstColumn(Verdicts.VERDICT_COLUMNS);
        for (Map<String, Object> r : d.rows()) {
            Object arm = r.get("arm");
            if (r.get(group) != null && r.get(verdict) != null && (arm == null || "all".equals(arm))) {
                byKey.putIfAbsent(Verdicts.key(r, group), r);
            }
        }
        return byKey;
    }

    private static String groupLabel(Map<String, Object> r) {
        String dimension = (String) r.get("dimension");
        if ("overall".equals(dimension)) {
            return "All patients";
        }
        return Labels.dimension(dimension) + ": " + Labels.group((String) r.get("stratum"));
    }

    private static Double percentOf(Object proportion) {
        Double v = Html.number(proportion);
        return v == null ? null : v * 100;
    }

    /** Eligible, met, rate and interval of a measure-rate row; a suppressed row shows "suppressed" in each. */
    static List<Cell> rateCells(Map<String, Object> r) {
        if (TableSnapshot.suppressed(r)) {
            return List.of(Cell.number(Html.SUPPRESSED), Cell.number(Html.SUPPRESSED),
                    Cell.number(Html.SUPPRESSED).key(Sections.measureKey(r, "rate")), Cell.number(Html.SUPPRESSED));
        }
        return List.of(Cell.number(Html.count(r.get("performance_denominator"))).key(Sections.measureKey(r,
                        "performance_denominator")),
                Cell.number(Html.count(r.get("numerator"))).key(Sections.measureKey(r, "numerator")),
                Cell.number(Html.percent(r.get("rate"))).key(Sections.measureKey(r, "rate")),
                Cell.number(Sections.interval(Html.percent(r.get("ci_lower")), Html.percent(r.get("ci_upper")))));
    }
}
