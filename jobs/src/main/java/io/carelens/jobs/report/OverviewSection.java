package io.carelens.jobs.report;

import io.carelens.jobs.report.HtmlTable.Cell;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The overview: each quality measure's overall rate by period, and each utilization measure's rate by period and
 * program arm (per 1,000 person-years; PQI per 100,000), with intervals.
 */
final class OverviewSection {
    private final ReportInputs in;
    private final Charts charts;

    OverviewSection(ReportInputs in, Charts charts) {
        this.in = in;
        this.charts = charts;
    }

    String html() {
        return "<section id=\"overview\"><h2>Overview</h2>\n" + measures() + utilization() + "</section>\n";
    }

    private String measures() {
        StringBuilder b = new StringBuilder("<h3>Quality measures, all patients</h3>\n");
        TableSnapshot rates = in.measureRates();
        if (!rates.present()) {
            return b.append(Sections.notComputed(rates.table(), "measures")).toString();
        }
        List<Map<String, Object>> overall = rates.where(r -> "overall".equals(r.get("dimension")));
        if (overall.isEmpty()) {
            return b.append("<p class=\"note\">No overall rows in gold/measure_rates.</p>\n").toString();
        }
        b.append("<p class=\"lead\">Share of eligible patients who met each measure (numerator ÷ eligible "
                + "denominator after exclusions and exceptions), with 95% Wilson intervals. "
                + "For HbA1c poor control a lower rate is better.</p>\n");
        List<String> measureIds = rates.distinct(overall, "measure_id");
        List<String> periods = Sections.periods(overall);
        List<Charts.Series> series = new ArrayList<>();
        for (String p : periods) {
            List<Double> values = new ArrayList<>();
            for (String m : measureIds) {
                values.add(overall.stream().filter(r -> m.equals(r.get("measure_id")) && p.equals(Sections.period(r)))
                        .findFirst().filter(r -> !TableSnapshot.suppressed(r)).map(r -> Html.number(r.get("rate")))
                        .map(v -> v * 100).orElse(null));
            }
            series.add(new Charts.Series(p, values));
        }
        b.append(charts.bars("Quality measures by period (% of eligible patients)", "% of eligible patients",
                measureIds.stream().map(Labels::measure).toList(), series));
        List<String> header = new ArrayList<>(List.of("Measure"));
        header.addAll(periods);
        HtmlTable pivot = new HtmlTable(header);
        for (String m : measureIds) {
            List<Cell> cells = new ArrayList<>(List.of(Cell.of(Labels.measure(m))));
            for (String p : periods) {
                cells.add(overall.stream().filter(r -> m.equals(r.get("measure_id")) && p.equals(Sections.period(r)))
                        .findFirst().map(r -> MeasureSection.rateCells(r).get(2))
                        .orElse(Cell.number(Html.NOT_AVAILABLE)));
            }
            pivot.row(cells);
        }
        b.append("<p class=\"note\">Rate by measurement period; – means the measure was not computed for that "
                + "period or had no eligible patients.</p>\n").append(pivot.html());
        HtmlTable t = new HtmlTable("Measure", "Period", "Eligible patients", "Met the measure", "Rate",
                "95% interval");
        for (Map<String, Object> r : overall) {
            List<Cell> cells = new ArrayList<>(List.of(Cell.of(Labels.measure((String) r.get("measure_id"))),
                    Cell.of(Sections.period(r))));
            cells.addAll(MeasureSection.rateCells(r));
            t.row(cells);
        }
        return b.append("<details><summary>Counts and 95% intervals</summary>\n").append(t.html())
                .append("</details>\n").toString();
    }

    private String utilization() {
        StringBuilder b = new StringBuilder("<h3>Utilization by period and program arm</h3>\n");
        TableSnapshot util = in.utilizationRates();
        if (!util.present()) {
            return b.append(Sections.notComputed(util.table(), "utilization")).toString();
        }
        List<Map<String, Object>> rows = Sections.programLevel(util.where(r -> !Labels.edCategory(
                String.valueOf(r.get("measure_id")))));
        if (rows.isEmpty()) {
            return b.append("<p class=\"note\">No overall rows in gold/utilization_rates.</p>\n").toString();
        }
        b.append("<p class=\"lead\">Events per 1,000 person-years of enrolment (preventable admissions, PQI, per "
                + "100,000; follow-up measures as a share of eligible ED visits), by measurement period and arm, "
                + "with 95% intervals.</p>\n<div class=\"grid\">");
        List<String> measures = util.distinct(rows, "measure_id");
        List<String> headline = Labels.HEADLINE_UTILIZATION.stream().filter(measures::contains).toList();
        for (String m : headline.isEmpty() ? measures.subList(0, Math.min(4, measures.size())) : headline) {
            List<Map<String, Object>> of = rows.stream().filter(r -> m.equals(r.get("measure_id"))).toList();
            List<String> periods = Sections.periods(of);
            List<Charts.Series> series = new ArrayList<>();
            for (String arm : Sections.arms(of)) {
                List<Double> values = new ArrayList<>();
                for (String p : periods) {
                    values.add(of.stream().filter(r -> arm.equals(Sections.arm(r)) && p.equals(Sections.period(r)))
                            .findFirst().filter(r -> !TableSnapshot.suppressed(r))
                            .map(r -> Html.number(r.get("rate"))).orElse(null));
                }
                series.add(new Charts.Series(arm, values));
            }
            String unit = Sections.rateUnit(of.get(0));
            b.append("<div>").append(charts.bars(Labels.measure(of.get(0)) + " (" + unit + ")", unit, periods,
                    series)).append("</div>");
        }
        b.append("</div>\n");
        List<Map<String, Object>> shown = rows.stream().filter(r -> headline.contains(r.get("measure_id"))).toList();
        b.append(utilizationTable(shown.isEmpty() ? rows : shown));
        if (!shown.isEmpty() && shown.size() < rows.size()) {
            b.append("<details><summary>Every utilization measure (").append(measures.size())
                    .append(")</summary>\n").append(utilizationTable(rows.stream()
                            .filter(r -> !headline.contains(r.get("measure_id"))).toList())).append("</details>\n");
        }
        return b.toString();
    }

    static String utilizationTable(List<Map<String, Object>> rows) {
        HtmlTable t = new HtmlTable("Measure", "Period", "Program", "Arm", "Events", "Person-years", "Rate",
                "95% interval");
        for (Map<String, Object> r : rows) {
            boolean s = TableSnapshot.suppressed(r);
            String unit = Sections.proportion(r) ? "" : " " + Sections.rateUnit(r);
            t.row(Cell.of(Labels.measure(r)), Cell.of(Sections.period(r)), Cell.of(Sections.program(r)),
                    Cell.of(Sections.arm(r)),
                    Cell.number(s ? Html.SUPPRESSED : Html.count(r.get("events"))),
                    Cell.number(s ? Html.SUPPRESSED : Html.decimal(r.get("person_years"))),
                    Cell.number(s ? Html.SUPPRESSED : Sections.rateText(r, "rate") + unit)
                            .key(Sections.utilizationKey(r, "rate")),
                    Cell.number(s ? Html.SUPPRESSED : Sections.interval(Sections.rateText(r, "ci_lower"),
                            Sections.rateText(r, "ci_upper"))));
        }
        return t.html();
    }
}
