package io.carelens.jobs.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The keyed cells ({@code <td data-key="...">text</td>}) of a dashboard page, as the page source or the DOM has them. */
final class PageCells {
    private static final Pattern CELL = Pattern.compile("<td[^>]*\\bdata-key=\"([^\"]*)\"[^>]*>([^<]*)</td>");

    private final Map<String, List<String>> cells = new HashMap<>();

    PageCells(String html) {
        Matcher m = CELL.matcher(html);
        while (m.find()) {
            cells.computeIfAbsent(unescape(m.group(1)), k -> new ArrayList<>()).add(unescape(m.group(2)));
        }
    }

    /** Every text shown under {@code key} (a key can appear in the overview and in a measure's table). */
    List<String> texts(String key) {
        return cells.getOrDefault(key, List.of());
    }

    boolean has(String key) {
        return cells.containsKey(key);
    }

    int size() {
        return cells.size();
    }

    static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&");
    }
}
