package io.carelens.jobs.report;

/**
 * The dashboard as one self-contained HTML file: the sections rendered as escaped HTML tables, the chart data as
 * one JSON block, and the page script and Chart.js inlined. A Content-Security-Policy forbids every network
 * request, so the page opens offline and cannot leak data. The page records script errors: after drawing it sets
 * {@code data-errors} on the body (0 when nothing failed), which the browser test reads.
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
            <nav><a href="#overview">Overview</a><a href="#measures">Measures by group</a>\
            <a href="#ed">ED visits</a><a href="#evaluation">Evaluation</a><a href="#quality">Data quality</a>\
            <a href="#manifest">Run manifest</a></nav>
            </header>
            <main>
            %7$s</main>
            <footer>Charts drawn with Chart.js %8$s (MIT licence), included in this file. \
            Cells marked <em>suppressed</em> are withheld because the group is too small to publish safely.</footer>
            <script type="application/json" id="carelens-charts">%9$s</script>
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
        Charts charts = new Charts();
        String sections = new OverviewSection(in, charts).html()
                + new MeasureSection(in, charts).html()
                + new EdSection(in, charts).html()
                + new EvaluationSection(in, charts).html()
                + new DataQualitySection(in.dataQuality()).html()
                + new ManifestSection(in).html();
        return TEMPLATE.formatted(Html.text(title), ChartLibrary.resource("/report/dashboard.css"),
                Html.text(generatedAt), Html.text(warehouse), Html.text(runId), Html.text(codeVersion), sections,
                Html.text(ChartLibrary.version()), charts.json(), inline(ChartLibrary.script()),
                inline(ChartLibrary.resource("/report/dashboard.js")));
    }

    /** Script text safe inside a script element. */
    private static String inline(String js) {
        return js.replace("</script", "<\\/script");
    }
}
