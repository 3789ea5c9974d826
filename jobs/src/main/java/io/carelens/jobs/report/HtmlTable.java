package io.carelens.jobs.report;

import java.util.ArrayList;
import java.util.List;

/** An HTML table built row by row; every cell text is escaped here. */
final class HtmlTable {
    private final List<String> header;
    private final List<List<Cell>> rows = new ArrayList<>();

    HtmlTable(String... header) {
        this.header = List.of(header);
    }

    HtmlTable(List<String> header) {
        this.header = List.copyOf(header);
    }

    /** One cell: its text, an optional CSS class and an optional data-key that tests and scripts look up. */
    record Cell(String text, String cssClass, String key) {
        static Cell of(Object text) {
            return new Cell(text == null ? "" : text.toString(), null, null);
        }

        static Cell number(String text) {
            return new Cell(text, Html.SUPPRESSED.equals(text) ? "num suppressed" : "num", null);
        }

        Cell key(String k) {
            return new Cell(text, cssClass, k);
        }
    }

    HtmlTable row(Cell... cells) {
        return row(List.of(cells));
    }

    HtmlTable row(List<Cell> cells) {
        if (cells.size() != header.size()) {
            throw new IllegalArgumentException(cells.size() + " cells for " + header.size() + " columns");
        }
        rows.add(List.copyOf(cells));
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    String html() {
        StringBuilder b = new StringBuilder("<div class=\"table-wrap\"><table>\n<thead><tr>");
        for (String h : header) {
            b.append("<th>").append(Html.text(h)).append("</th>");
        }
        b.append("</tr></thead>\n<tbody>\n");
        for (List<Cell> r : rows) {
            b.append("<tr>");
            for (Cell c : r) {
                b.append("<td");
                if (c.cssClass() != null) {
                    b.append(" class=\"").append(Html.text(c.cssClass())).append('"');
                }
                if (c.key() != null) {
                    b.append(" data-key=\"").append(Html.text(c.key())).append('"');
                }
                b.append('>').append(Html.text(c.text())).append("</td>");
            }
            b.append("</tr>\n");
        }
        return b.append("</tbody></table></div>\n").toString();
    }
}
