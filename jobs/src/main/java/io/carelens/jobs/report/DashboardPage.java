package io.carelens.jobs.report;

/**
 * The dashboard as one self-contained HTML file: the controls (measure, period, program and arm, dimension) and the
 * views (at a glance, trends by group, evaluation) that {@code dashboard.js} renders on demand from one JSON block
 * of gold data ({@link DashboardData}); the data-quality and run-manifest sections as escaped HTML; Chart.js
 * inlined. The view and the selection live in the URL fragment, so a link opens the same view. A
 * Content-Security-Policy forbids every network request, so the page opens offline and cannot leak data. The page
 * records script errors: after each rendering it sets {@code data-errors} on the body (0 when nothing failed),
 * which the browser test reads.
 */
final class DashboardPage {
    private static final String TEMPLATE = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; \
            style-src 'unsafe-inline'; img-src data:">
            <title>%1$s</title>
            <script>window.carelensErrors = [];
            window.addEventListener('error', function (e) { window.carelensErrors.push(String(e.message)); });</script>
            <style>%2$s</style>
            </head>
            <body>
            <header>
            <h1>%1$s</h1>
            <p class="meta">Generated %3$s from the warehouse <code>%4$s</code> · report run <code>%5$s</code> · \
            CareLens %6$s</p>
            <nav aria-label="Views"><a href="#view=glance" data-view="glance">At a glance</a>\
            <a href="#view=trends" data-view="trends">Trends by group</a>\
            <a href="#view=evaluation" data-view="evaluation">Evaluation</a>\
            <a href="#view=quality" data-view="quality">Data quality and run</a></nav>
            </header>
            <form id="controls" class="controls" aria-label="Selection" onsubmit="return false">
            <label>Measure <select id="ctl-measure"></select></label>
            <label>Period <select id="ctl-period"></select></label>
            <label>Program and arm <select id="ctl-arm"></select></label>
            <label>Patient groups by <select id="ctl-dimension"></select></label>
            <p id="selection-note" class="note" aria-live="polite"></p>
            </form>
            <main>
            <section id="view-glance" class="view" hidden></section>
            <section id="view-trends" class="view" hidden></section>
            <section id="view-evaluation" class="view" hidden></section>
            <div id="view-quality" class="view" hidden>
            %7$s</div>
            </main>
            <footer>Charts drawn with Chart.js %8$s (MIT licence), included in this file. \
            Cells marked <em>suppressed</em> are withheld because the group is too small to publish safely \
            (counts from 1 to 10, or a count that would reveal one).</footer>
            <script type="application/json" id="carelens-data">%9$s</script>
            <script>%10$s</script>
            <script>%11$s</script>
            </body>
            </html>
            """;

    private DashboardPage() {
    }

    /** The page for what was read; {@code generatedAt}, {@code runId}, {@code codeVersion} describe this report. */
    static String render(String title, ReportInputs in, String warehouse, String generatedAt, String runId,
                         String codeVersion) {
        String sections = new DataQualitySection(in.dataQuality()).html() + new ManifestSection(in).html();
        return TEMPLATE.formatted(Html.text(title), ChartLibrary.resource("/report/dashboard.css"),
                Html.text(generatedAt), Html.text(warehouse), Html.text(runId), Html.text(codeVersion), sections,
                Html.text(ChartLibrary.version()), DashboardData.json(in), inline(ChartLibrary.script()),
                inline(ChartLibrary.resource("/report/dashboard.js")));
    }

    /** Script text safe inside a script element. */
    private static String inline(String js) {
        return js.replace("</script", "<\\/script");
    }
}
