package io.carelens.jobs.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    /** Columns a generic table leaves out: the suppression flag is shown through the cells it hides. */
    private static final Set<String> HIDDEN = Set.of("suppressed");

    /**
     * Every column of some rows of a table whose layout the dashboard does not interpret: numbers of a suppressed
     * row show as "suppressed", verdicts as badges.
     */
    static HtmlTable generic(List<String> columns, List<Map<String, Object>> rows, Set<String> leaveOut) {
        List<String> shown = columns.stream().filter(c -> !HIDDEN.contains(c) && !leaveOut.contains(c)).toList();
        HtmlTable t = new HtmlTable(shown.stream().map(HtmlTable::heading).toList());
        for (Map<String, Object> r : rows) {
            boolean suppressed = TableSnapshot.suppressed(r);
            Cell[] cells = new Cell[shown.size()];
            for (int i = 0; i < shown.size(); i++) {
                Object v = r.get(shown.get(i));
                if (v instanceof Number) {
                    cells[i] = Cell.number(suppressed ? Html.SUPPRESSED : Html.statistic(v));
                } else if (v instanceof Boolean bool) {
                    cells[i] = Cell.of(bool ? "yes" : "no");
                } else if (v != null && Verdicts.isVerdict(v.toString())) {
                    cells[i] = Verdicts.cell(v.toString());
                } else {
                    cells[i] = Cell.of(v);
                }
            }
            t.row(cells);
        }
        return t;
    }

    /** A column name as a heading: "ci_lower" is "Ci lower", known names are spelled out. */
    static String heading(String column) {
        return switch (column) {
            case "measure_id" -> "Measure";
            case "period_start" -> "Period start";
            case "period_end" -> "Period end";
            case "ci_lower" -> "95% CI lower";
            case "ci_upper" -> "95% CI upper";
            case "p_value" -> "p-value";
            default -> Labels.group(column);
        };
    }
}
