package io.carelens.jobs.report;

import io.carelens.jobs.ingest.ReasonCode;
import io.carelens.jobs.report.HtmlTable.Cell;
import java.util.Arrays;
import java.util.Map;

/** The data-quality summary: ingest reconciliation, quarantined rows by reason, unknown race and ethnicity. */
final class DataQualitySection {
    private final DataQualitySummary dq;

    DataQualitySection(DataQualitySummary dq) {
        this.dq = dq;
    }

    String html() {
        return "<section id=\"quality\"><h2>Data quality</h2>\n" + demographics() + reconciliation() + quarantine()
                + "</section>\n";
    }

    private String demographics() {
        StringBuilder b = new StringBuilder("<h3>Completeness of race and ethnicity</h3>\n");
        TableSnapshot d = dq.demographics();
        if (!d.present() || d.rows().isEmpty()) {
            return b.append(Sections.notComputed(d.table(), "ingest")).toString();
        }
        Map<String, Object> r = d.rows().get(0);
        double patients = Html.number(r.get("patients"));
        b.append("<p class=\"lead\">Patients whose race or ethnicity is unknown fall into an 'unknown' group of "
                + "their own; a large share weakens every comparison by race or ethnicity.</p>\n");
        HtmlTable t = new HtmlTable("Field", "Patients", "Unknown or missing", "Share unknown");
        for (String field : new String[] {"race", "ethnicity"}) {
            Double unknown = Html.number(r.get("unknown_" + field));
            t.row(Cell.of(Labels.dimension(field)), Cell.number(Html.count(patients)),
                    Cell.number(Html.count(unknown)),
                    Cell.number(patients == 0 || unknown == null ? Html.NOT_AVAILABLE
                            : Html.percent(unknown / patients)).key("unknown-share|" + field));
        }
        return b.append(t.html()).toString();
    }

    private String reconciliation() {
        StringBuilder b = new StringBuilder("<h3>Ingest reconciliation</h3>\n");
        TableSnapshot rec = dq.reconciliation();
        if (!rec.present()) {
            return b.append(Sections.notComputed("the reconciliation of ops/run_manifest", "ingest")).toString();
        }
        b.append("<p class=\"lead\">Every input row is accounted for: rows read = accepted + quarantined + "
                + "duplicates removed + deletion requests (last ingest run ")
                .append(Html.text(rec.rows().get(0).get("run_id"))).append(").</p>\n");
        HtmlTable t = new HtmlTable("Table", "Rows read", "Accepted", "Quarantined", "Duplicates removed",
                "Deletions", "Balances");
        for (Map<String, Object> r : rec.rows()) {
            long read = ((Number) r.get("rows_read")).longValue();
            long sum = ((Number) r.get("rows_accepted")).longValue() + ((Number) r.get("rows_quarantined")).longValue()
                    + ((Number) r.get("duplicates_removed")).longValue() + ((Number) r.get("rows_deleted")).longValue();
            t.row(Cell.of(r.get("table_name")), Cell.number(Html.count(r.get("rows_read"))),
                    Cell.number(Html.count(r.get("rows_accepted"))),
                    Cell.number(Html.count(r.get("rows_quarantined"))).key("quarantined|" + r.get("table_name")),
                    Cell.number(Html.count(r.get("duplicates_removed"))),
                    Cell.number(Html.count(r.get("rows_deleted"))),
                    new Cell(read == sum ? "yes" : "NO", read == sum ? "ok" : "bad", null));
        }
        return b.append(t.html()).toString();
    }

    private String quarantine() {
        StringBuilder b = new StringBuilder("<h3>Quarantined rows by reason</h3>\n");
        TableSnapshot q = dq.quarantine();
        if (!q.present()) {
            return b.append("<p class=\"note\">No row has been quarantined (silver/quarantine does not exist).</p>\n")
                    .toString();
        }
        HtmlTable t = new HtmlTable("Table", "Reason", "What it means", "Rows");
        for (Map<String, Object> r : q.rows()) {
            String reason = String.valueOf(r.get("reason_code"));
            String meaning = Arrays.stream(ReasonCode.values()).filter(c -> c.name().equals(reason)).findFirst()
                    .map(ReasonCode::meaning).orElse("");
            t.row(Cell.of(r.get("entity")), Cell.of(reason), Cell.of(meaning),
                    Cell.number(Html.count(r.get("rows"))).key("quarantine|" + r.get("entity") + "|" + reason));
        }
        return b.append(t.isEmpty() ? "<p class=\"note\">No row has been quarantined.</p>\n" : t.html()).toString();
    }
}
