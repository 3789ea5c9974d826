package io.carelens.jobs.report;

import io.carelens.jobs.report.HtmlTable.Cell;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Emergency-department visits by NYU ED-algorithm category (Johnston ICD-10 version), per 1,000 person-years by
 * period and arm, with the potentially avoidable share: non-emergent, primary-care treatable, and emergent but
 * preventable visits. The rates are the utilization stage's NYU category rows of {@code gold/utilization_rates}.
 */
final class EdSection {
    /** The NYU categories whose visits count as potentially avoidable. */
    static final List<String> AVOIDABLE = List.of("NE", "EPCT", "EDCNPA");

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
        List<Map<String, Object>> rows = Sections.programLevel(util.where(r -> Labels.nyuCategory(
                String.valueOf(r.get("measure_id"))) != null));
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

    /**
     * Per period and arm, the potentially avoidable visit rate: "suppressed" if one of its categories is, "–" if
     * one is missing.
     */
    private String avoidable(List<Map<String, Object>> rows, List<String> groups) {
        HtmlTable t = new HtmlTable("Period and arm", "Potentially avoidable ED visits per 1,000 person-years");
        for (String g : groups) {
            double sum = 0;
            String shown = null;
            for (String c : AVOIDABLE) {
                Map<String, Object> r = find(rows, g, c).orElse(null);
                if (r == null || Html.number(r.get("rate")) == null && !TableSnapshot.suppressed(r)) {
                    shown = Html.NOT_AVAILABLE;
                } else if (TableSnapshot.suppressed(r)) {
                    shown = shown == null ? Html.SUPPRESSED : shown;
                } else {
                    sum += Html.number(r.get("rate"));
                }
            }
            t.row(Cell.of(g), Cell.number(shown != null ? shown : Html.decimal(sum)).key("ed-avoidable|" + g));
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
                                                                String category) {
        return rows.stream().filter(r -> group.equals(group(r))
                && category.equals(Labels.nyuCategory(String.valueOf(r.get("measure_id"))))).findFirst();
    }
}
