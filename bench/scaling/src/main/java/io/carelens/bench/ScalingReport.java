package io.carelens.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The report of {@code bench/scaling.sh} (issue #11): how each stage's wall time and peak memory grow with the number
 * of people. It reads the timings the script recorded (a tab-separated file with the header {@code people rows stage
 * wall_s rss_mb jobs commits status}, one line per stage and population size), fits each stage's wall time as a fixed
 * cost plus a cost per person (ordinary least squares over the sizes), computes the growth exponent between the two
 * largest sizes (1 = linear; below 1 = the fixed cost still weighs), and writes a Markdown report and a PNG plot of
 * wall time and peak memory per stage against people, both axes logarithmic.
 *
 * <p>Usage: {@code ScalingReport --timings FILE --markdown FILE --png FILE [--note TEXT]}, the note (machine, load,
 * commit) printed under the report's title.
 */
public final class ScalingReport {
    /** The whole pipeline: the sum of the stages' wall times and the largest of their peak memories. */
    private static final String PIPELINE = "whole pipeline";
    /** One colour per stage, the same in both panels; the whole pipeline is black. */
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
        new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
        new Color(0xbcbd22), new Color(0x17becf)};

    /** One stage run at one population size, as {@code bench/scaling.sh} recorded it. */
    record Timing(long people, long rows, String stage, double wallSeconds, long rssMb, long jobs, long commits,
                  boolean ok) {
        static Timing parse(String line) {
            String[] f = line.split("\t", -1);
            if (f.length != 8) {
                throw new IllegalArgumentException("expected 8 tab-separated fields, got " + f.length + ": " + line);
            }
            return new Timing(Long.parseLong(f[0]), Long.parseLong(f[1]), f[2], Double.parseDouble(f[3]),
                    parseOr(f[4]), parseOr(f[5]), parseOr(f[6]), f[7].equals("ok"));
        }

        private static long parseOr(String s) {
            return s.isBlank() || s.equals("n/a") ? -1 : Long.parseLong(s);
        }
    }

    /** A stage's wall time as {@code fixed + perPerson * people}, least squares over the sizes it ran at. */
    record Fit(double fixedSeconds, double secondsPerPerson) {
        static Fit of(List<Timing> runs) {
            int n = runs.size();
            double mx = runs.stream().mapToDouble(Timing::people).average().orElse(0);
            double my = runs.stream().mapToDouble(Timing::wallSeconds).average().orElse(0);
            double sxy = 0;
            double sxx = 0;
            for (Timing t : runs) {
                sxy += (t.people() - mx) * (t.wallSeconds() - my);
                sxx += (t.people() - mx) * (t.people() - mx);
            }
            if (n < 2 || sxx == 0) {
                return null;
            }
            double slope = sxy / sxx;
            return new Fit(my - slope * mx, slope);
        }
    }

    private ScalingReport() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i], args[i + 1]);
        }
        for (String required : List.of("--timings", "--markdown", "--png")) {
            if (!opts.containsKey(required)) {
                System.err.println("usage: ScalingReport --timings FILE --markdown FILE --png FILE [--note TEXT]");
                System.exit(2);
            }
        }
        Map<String, List<Timing>> byStage = read(Path.of(opts.get("--timings")));
        Files.writeString(Path.of(opts.get("--markdown")), markdown(byStage, opts.getOrDefault("--note", ""),
                Path.of(opts.get("--png")).getFileName().toString()));
        JFreeChart chart = chart(byStage);
        ChartUtils.saveChartAsPNG(Path.of(opts.get("--png")).toFile(), chart, 1000, 900);
    }

    /** The timings per stage in the order the stages ran, with the whole pipeline last (sizes where all ran). */
    static Map<String, List<Timing>> read(Path file) throws IOException {
        Map<String, List<Timing>> byStage = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file);
        for (String line : lines.subList(1, lines.size())) {
            if (!line.isBlank()) {
                Timing t = Timing.parse(line);
                byStage.computeIfAbsent(t.stage(), s -> new ArrayList<>()).add(t);
            }
        }
        List<Timing> pipeline = new ArrayList<>();
        for (long people : sizes(byStage)) {
            List<Timing> atSize = byStage.values().stream().flatMap(List::stream)
                    .filter(t -> t.people() == people).toList();
            boolean ok = atSize.size() == byStage.size() && atSize.stream().allMatch(Timing::ok);
            pipeline.add(new Timing(people, atSize.get(0).rows(), PIPELINE,
                    atSize.stream().mapToDouble(Timing::wallSeconds).sum(),
                    atSize.stream().mapToLong(Timing::rssMb).max().orElse(-1),
                    atSize.stream().mapToLong(Timing::jobs).sum(), atSize.stream().mapToLong(Timing::commits).sum(),
                    ok));
        }
        byStage.put(PIPELINE, pipeline);
        return byStage;
    }

    private static TreeSet<Long> sizes(Map<String, List<Timing>> byStage) {
        TreeSet<Long> sizes = new TreeSet<>();
        byStage.values().forEach(runs -> runs.forEach(t -> sizes.add(t.people())));
        return sizes;
    }

    /** The report; {@code png} is the plot's file name, beside the Markdown file. */
    static String markdown(Map<String, List<Timing>> byStage, String note, String png) {
        TreeSet<Long> sizes = sizes(byStage);
        StringBuilder md = new StringBuilder("# CareLens scaling\n\n");
        if (!note.isBlank()) {
            md.append(note).append("\n\n");
        }
        md.append("![wall time and peak memory per stage against people](").append(png).append(")\n\n");
        md.append("Input rows: ");
        List<String> rows = new ArrayList<>();
        for (long people : sizes) {
            byStage.get(PIPELINE).stream().filter(t -> t.people() == people).findFirst()
                    .ifPresent(t -> rows.add(String.format(Locale.US, "%,d people %,d canonical rows", people,
                            t.rows())));
        }
        md.append(String.join("; ", rows)).append(".\n\n");
        md.append("Wall time of each stage as a whole process (seconds; Spark jobs / Delta commits). Fixed cost and ")
                .append("cost per 100,000 people: least-squares line through the sizes. Growth exponent: ")
                .append("log(t2/t1) / log(n2/n1) between the two largest sizes (1 = linear).\n\n");
        header(md, sizes, List.of("fixed cost s", "s per 100,000 people", "growth exponent"));
        for (Map.Entry<String, List<Timing>> e : byStage.entrySet()) {
            String name = e.getKey().equals(PIPELINE) ? "**" + PIPELINE + "**" : e.getKey();
            cells(md, name, e.getValue(), sizes, ScalingReport::wallCell);
            List<Timing> ok = e.getValue().stream().filter(Timing::ok).toList();
            Fit fit = Fit.of(ok);
            md.append(fit == null ? " n/a | n/a |" : String.format(Locale.US, " %.1f | %.1f |", fit.fixedSeconds(),
                    fit.secondsPerPerson() * 100_000));
            md.append(' ').append(exponent(ok)).append(" |\n");
        }
        md.append("\nPeak memory (maximum resident set size of the JVM, MB):\n\n");
        header(md, sizes, List.of());
        for (Map.Entry<String, List<Timing>> e : byStage.entrySet()) {
            cells(md, e.getKey(), e.getValue(), sizes,
                    t -> t.rssMb() < 0 ? "n/a" : String.format(Locale.US, "%,d", t.rssMb()));
            md.append('\n');
        }
        return md.toString();
    }

    /** A table header: the stage, one column per size, then {@code more}. */
    private static void header(StringBuilder md, TreeSet<Long> sizes, List<String> more) {
        md.append("| stage |");
        sizes.forEach(p -> md.append(String.format(Locale.US, " %,d people |", p)));
        more.forEach(m -> md.append(' ').append(m).append(" |"));
        md.append("\n|---|").append("---|".repeat(sizes.size() + more.size())).append('\n');
    }

    /** A row's first cells: the stage's name and its value at each size ("not run" where it has none). */
    private static void cells(StringBuilder md, String name, List<Timing> runs, TreeSet<Long> sizes,
                              Function<Timing, String> cell) {
        md.append("| ").append(name).append(" |");
        for (long people : sizes) {
            md.append(' ').append(runs.stream().filter(t -> t.people() == people).findFirst().map(cell)
                    .orElse("not run")).append(" |");
        }
    }

    private static String wallCell(Timing t) {
        String cell = String.format(Locale.US, "%,.1f (%,d / %,d)", t.wallSeconds(), t.jobs(), t.commits());
        return t.ok() ? cell : cell + " failed";
    }

    private static String exponent(List<Timing> ok) {
        if (ok.size() < 2) {
            return "n/a";
        }
        List<Timing> sorted = ok.stream().sorted((a, b) -> Long.compare(a.people(), b.people())).toList();
        Timing small = sorted.get(sorted.size() - 2);
        Timing large = sorted.get(sorted.size() - 1);
        double e = Math.log(large.wallSeconds() / small.wallSeconds())
                / Math.log((double) large.people() / small.people());
        return String.format(Locale.US, "%.2f", e);
    }

    static JFreeChart chart(Map<String, List<Timing>> byStage) {
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(logAxis("people"));
        plot.setGap(12);
        plot.add(panel(byStage, "wall time, s", Timing::wallSeconds, true), 3);
        plot.add(panel(byStage, "peak memory (RSS), MB", Timing::rssMb, false), 2);
        JFreeChart chart = new JFreeChart("CareLens: wall time and peak memory per stage against people",
                JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.addSubtitle(new TextTitle("whole processes (bin/carelens), one run per size; both axes logarithmic"));
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /** A base-10 logarithmic axis labelled in plain numbers (1,000, 2,000, ...), not powers of ten. */
    private static LogarithmicAxis logAxis(String label) {
        LogarithmicAxis axis = new LogarithmicAxis(label);
        axis.setExpTickLabelsFlag(false);
        axis.setLog10TickLabelsFlag(false);
        axis.setStrictValuesFlag(false);
        return axis;
    }

    private static XYPlot panel(Map<String, List<Timing>> byStage, String label, ToDoubleFunction<Timing> value,
                                boolean inLegend) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Map.Entry<String, List<Timing>> e : byStage.entrySet()) {
            XYSeries s = new XYSeries(e.getKey());
            e.getValue().stream().filter(t -> t.ok() && value.applyAsDouble(t) > 0)
                    .forEach(t -> s.add(t.people(), value.applyAsDouble(t)));
            data.addSeries(s);
        }
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        renderer.setDefaultSeriesVisibleInLegend(inLegend);
        Shape dot = new Ellipse2D.Double(-3.5, -3.5, 7, 7);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
            renderer.setSeriesStroke(i, new BasicStroke(1.5f));
            renderer.setSeriesShape(i, dot);
        }
        renderer.setSeriesStroke(data.getSeriesCount() - 1, new BasicStroke(3f));
        renderer.setSeriesPaint(data.getSeriesCount() - 1, Color.BLACK);
        XYPlot panel = new XYPlot(data, null, logAxis(label), renderer);
        panel.setBackgroundPaint(Color.WHITE);
        panel.setRangeGridlinePaint(Color.LIGHT_GRAY);
        panel.setDomainGridlinePaint(Color.LIGHT_GRAY);
        return panel;
    }
}
