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
    static final List<String> LABEL_COLUMNS = List.of("measure_id", "estimand", "method", "model", "comparison",
            "outcome", "period", "subgroup");

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
        if (estimate != null && ev.has("ci_lower") && ev.has("ci_upper") && !ev.rows().isEmpty()) {
            List<String> labels = new ArrayList<>();
            List<Double> est = new ArrayList<>();
            List<Double> lo = new ArrayList<>();
            List<Double> hi = new ArrayList<>();
            for (Map<String, Object> r : ev.rows()) {
                boolean s = TableSnapshot.suppressed(r);
                labels.add(label(r) + (s ? " (suppressed)" : ""));
                est.add(s ? null : Html.number(r.get(estimate)));
                lo.add(s ? null : Html.number(r.get("ci_lower")));
                hi.add(s ? null : Html.number(r.get("ci_upper")));
            }
            b.append(charts.forest("Estimated effects with 95% intervals", "estimate", labels, est, lo, hi));
        }
        b.append(HtmlTable.generic(ev.columns(), ev.rows(), Set.of()).html());
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
