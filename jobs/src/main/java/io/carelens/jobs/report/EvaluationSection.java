package io.carelens.jobs.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The evaluation results ({@code gold/evaluation}): every estimate as published, and, when the table has an
 * estimate with interval columns, a forest plot of the estimates (difference-in-differences effects and the like).
 */
final class EvaluationSection {
    /** Text columns that together name one estimate, in the order they are joined into its label. */
    static final List<String> LABEL_COLUMNS = List.of("program_id", "measure_id", "estimand", "model", "comparison",
            "outcome", "period", "subgroup");

    /** Columns the tables leave out: the 90% interval (the page shows 95%) and the periods' last days. */
    private static final Set<String> LEFT_OUT = Set.of("ci90_lower", "ci90_upper", "baseline_end", "performance_end",
            "measure_kind");

    private final ReportInputs in;
    private final Charts charts;

    EvaluationSection(ReportInputs in, Charts charts) {
        this.in = in;
        this.charts = charts;
    }

    String html() {
        StringBuilder b = new StringBuilder("<section id=\"evaluation\"><h2>Program evaluation results</h2>\n");
        TableSnapshot ev = in.evaluation();
        if (!ev.present()) {
            return b.append(Sections.notComputed(ev.table(), "evaluation")).append("</section>\n").toString();
        }
        b.append("<p class=\"lead\">Estimated program effects (intervention arm against comparison arm) with 95% "
                + "intervals, as computed by the evaluation stage. An interval that excludes zero indicates an "
                + "effect distinguishable from no change.</p>\n");
        String estimate = ev.firstColumn("estimate", "effect", "did", "value");
        String lowerColumn = ev.firstColumn("ci95_lower", "ci_lower");
        String upperColumn = ev.firstColumn("ci95_upper", "ci_upper");
        List<Map<String, Object>> overall = ev.where(r -> r.get("dimension") == null
                || "overall".equals(r.get("dimension")));
        if (estimate != null && lowerColumn != null && upperColumn != null && !overall.isEmpty()) {
            List<String> labels = new ArrayList<>();
            List<Double> est = new ArrayList<>();
            List<Double> lo = new ArrayList<>();
            List<Double> hi = new ArrayList<>();
            for (Map<String, Object> r : overall) {
                boolean s = TableSnapshot.suppressed(r);
                labels.add(label(r) + (s ? " (suppressed)" : ""));
                est.add(s ? null : Html.number(r.get(estimate)));
                lo.add(s ? null : Html.number(r.get(lowerColumn)));
                hi.add(s ? null : Html.number(r.get(upperColumn)));
            }
            b.append(charts.forest("Estimated effects, all patients, with 95% intervals (in each measure's unit)",
                    "estimated effect", labels, est, lo, hi));
        }
        b.append(HtmlTable.generic(ev.columns(), overall.isEmpty() ? ev.rows() : overall, LEFT_OUT).html());
        if (!overall.isEmpty() && overall.size() < ev.rows().size()) {
            b.append("<details><summary>Effects and gaps by patient group (").append(ev.rows().size() - overall.size())
                    .append(" rows)</summary>\n").append(HtmlTable.generic(ev.columns(), ev.where(r -> !overall
                            .contains(r)), LEFT_OUT).html()).append("</details>\n");
        }
        return b.append("</section>\n").toString();
    }

    private static String label(Map<String, Object> r) {
        List<String> parts = new ArrayList<>();
        for (String c : LABEL_COLUMNS) {
            Object v = r.get(c);
            if (v != null) {
                parts.add(c.equals("measure_id") ? Labels.measure(v.toString()) : v.toString());
            }
        }
        return parts.isEmpty() ? "estimate" : String.join(" · ", parts);
    }
}
