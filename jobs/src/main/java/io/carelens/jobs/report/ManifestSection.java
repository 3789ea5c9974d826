package io.carelens.jobs.report;

import io.carelens.jobs.report.HtmlTable.Cell;
import java.util.List;
import java.util.Map;

/**
 * The run manifest: the version of every table this report read, the tables each stage's latest run read and
 * wrote, and the effective configuration, so every number on the page can be traced and reproduced.
 */
final class ManifestSection {
    private final ReportInputs in;

    ManifestSection(ReportInputs in) {
        this.in = in;
    }

    String html() {
        StringBuilder b = new StringBuilder("<section id=\"manifest\"><h2>Run manifest</h2>\n");
        b.append("<h3>Tables this report read</h3>\n");
        HtmlTable read = new HtmlTable("Table", "Delta version", "Rows used");
        for (TableSnapshot t : List.of(in.measureRates(), in.utilizationRates(), in.disparities(), in.evaluation(),
                in.pba(), in.dataQuality().demographics(), in.dataQuality().quarantine())) {
            read.row(Cell.of(t.table()), t.present() ? Cell.number(Long.toString(t.version())).key("version|"
                            + t.table()) : new Cell("not computed yet", "not-computed", "version|" + t.table()),
                    Cell.number(t.present() ? Html.count(t.rows().size()) + (t.truncated() ? " (truncated)" : "")
                            : Html.NOT_AVAILABLE));
        }
        b.append(read.html());
        b.append("<h3>Latest run of each stage</h3>\n");
        TableSnapshot runs = in.run().tables();
        if (!runs.present()) {
            b.append(Sections.notComputed(runs.table(), "run"));
        } else {
            HtmlTable t = new HtmlTable("Stage", "Read or wrote", "Table", "Delta version", "Run id", "Recorded at");
            for (Map<String, Object> r : runs.rows()) {
                t.row(Cell.of(r.get("stage")), Cell.of("input".equals(r.get("role")) ? "read" : "wrote"),
                        Cell.of(r.get("table_name")), Cell.number(Html.count(r.get("delta_version"))),
                        Cell.of(r.get("run_id")), Cell.of(r.get("recorded_at")));
            }
            b.append(t.html());
        }
        b.append("<h3>Configuration</h3>\n");
        if (in.run().configuration() == null) {
            b.append("<p class=\"note\">No configuration recorded yet (ops/run_config).</p>\n");
        } else {
            b.append("<p>Code version <code>").append(Html.text(in.run().codeVersion()))
                    .append("</code>, configuration hash <code>").append(Html.text(in.run().configHash()))
                    .append("</code>.</p>\n<details><summary>Effective configuration (HOCON)</summary><pre>")
                    .append(Html.text(in.run().configuration())).append("</pre></details>\n");
        }
        return b.append("</section>\n").toString();
    }
}
