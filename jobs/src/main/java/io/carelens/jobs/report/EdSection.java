package io.carelens.jobs.report;

import io.carelens.jobs.report.HtmlTable.Cell;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Emergency-department visits by NYU ED-algorithm category (Johnston ICD-10 version), per 1,000 person-years by
 * period and arm, and the potentially avoidable visits (non-emergent, primary-care treatable, emergent but
 * preventable): the utilization stage's NYU rows of {@code gold/utilization_rates}.
 */
final class EdSection {
    private final ReportInputs in;
    private final Charts charts;

    EdSection(ReportInputs in, Charts charts) {
        this.in = in;
        this.charts = charts;
    }

    String html() {
        StringBuilder b = new StringBuilder("<section id=\"ed\"><h2>Emergency department visits by NYU category</h2>\n");
        TableSnapshot util = in.utilizationRates();
        if (!util.present()) {
            return b.append(Sections.notComputed(util.table(), "utilization")).append("</section>\n").toString();
        }
        List<Map<String, Object>> rows = Sections.programLevel(util.where(r -> Labels.edCategory(
                String.valueOf(r.get("measure_id")))));
        if (rows.isEmpty()) {
            return b.append("<p class=\"not-computed\">Not computed yet: gold/utilization_rates has no NYU ED "
                    + "category rows.</p>\n</section>\n").toString();
        }
        b.append("<p class=\"lead\">ED visits per 1,000 person-years, split by how likely each visit was to be "
                + "avoidable (NYU algorithm; a visit's diagnosis spreads it over categories by probability, so "
                + "visit counts can be fractional). Potentially avoidable = non-emergent + primary-care treatable "
                + "+ emergent but preventable.</p>\n");
        List<String> groups = groups(rows);
        List<Charts.Series> series = new ArrayList<>();
        for (Map.Entry<String, String> c : Labels.NYU_CATEGORIES.entrySet()) {
            List<Double> values = new ArrayList<>();
            for (String g : groups) {
                values.add(find(rows, g, c.getKey()).filter(r -> !TableSnapshot.suppressed(r))
                        .map(r -> Html.number(r.get("rate"))).orElse(null));
            }
            if (values.stream().anyMatch(Objects::nonNull)) {
                series.add(new Charts.Series(c.getValue(), values));
            }
        }
        b.append(charts.stacked("ED visits by NYU category (per 1,000 person-years)", "per 1,000 person-years",
                groups, series));
        b.append(avoidable(rows, groups));
        b.append("<details><summary>Every category, period and arm</summary>\n")
                .append(OverviewSection.utilizationTable(rows)).append("</details>\n");
        return b.append("</section>\n").toString();
    }

    /** Per period and arm, the potentially avoidable visit rate as the utilization stage publishes it. */
    private String avoidable(List<Map<String, Object>> rows, List<String> groups) {
        HtmlTable t = new HtmlTable("Period and arm", "Potentially avoidable ED visits per 1,000 person-years",
                "95% interval");
        for (String g : groups) {
            Map<String, Object> r = find(rows, g, Labels.ED_AVOIDABLE).orElse(null);
            boolean s = r != null && TableSnapshot.suppressed(r);
            t.row(Cell.of(g), Cell.number(r == null ? Html.NOT_AVAILABLE : s ? Html.SUPPRESSED
                            : Html.decimal(r.get("rate"))).key("ed-avoidable|" + g),
                    Cell.number(r == null ? Html.NOT_AVAILABLE : s ? Html.SUPPRESSED
                            : Sections.interval(Html.decimal(r.get("ci_lower")), Html.decimal(r.get("ci_upper")))));
        }
        return t.html();
    }

    private static List<String> groups(List<Map<String, Object>> rows) {
        return Sections.periods(rows).stream().flatMap(p -> rows.stream().filter(r -> p.equals(Sections.period(r)))
                .map(EdSection::group).distinct()).toList();
    }

    private static String group(Map<String, Object> r) {
        return Sections.period(r) + " · " + Sections.arm(r) + multiProgram(r);
    }

    private static String multiProgram(Map<String, Object> r) {
        Object p = r.containsKey("program") ? r.get("program") : r.get("program_id");
        return p == null ? "" : " · " + p;
    }

    private static java.util.Optional<Map<String, Object>> find(List<Map<String, Object>> rows, String group,
                                                                String measureId) {
        return rows.stream().filter(r -> group.equals(group(r)) && measureId.equals(r.get("measure_id"))).findFirst();
    }
}
