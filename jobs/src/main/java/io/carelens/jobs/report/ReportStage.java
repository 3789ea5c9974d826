package io.carelens.jobs.report;

import io.carelens.common.delta.Warehouse;
import io.carelens.common.schema.CanonicalTable;
import io.carelens.common.schema.GoldTable;
import io.carelens.jobs.ingest.Quarantine;
import io.carelens.jobs.run.Input;
import io.carelens.jobs.run.RunManifest;
import io.carelens.jobs.run.Stage;
import io.carelens.jobs.run.StageContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The last stage: reads the gold aggregates, the data-quality facts and the run manifest, and writes the
 * evaluators' dashboard, one self-contained HTML file ({@code carelens.report.out}, by default
 * {@code <warehouse>/../report/carelens-dashboard.html}). Missing gold tables show as "not computed yet".
 */
public final class ReportStage implements Stage {
    public static final String NAME = "report";
    static final String FILE_NAME = "carelens-dashboard.html";

    private final String out;
    private Path written;

    /** @param out the dashboard file, or null for the configured one */
    public ReportStage(String out) {
        this.out = out;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The gold aggregates and data-quality facts the dashboard shows; a missing one shows as not computed. */
    @Override
    public List<Input> reads() {
        return List.of(Input.whenPresent(GoldTable.MEASURE_RATES.path()),
                Input.whenPresent(GoldTable.UTILIZATION_RATES.path()),
                Input.whenPresent(GoldTable.DISPARITIES.path()),
                Input.whenPresent(GoldTable.EVALUATION.path()),
                Input.whenPresent(CanonicalTable.PATIENT.silverPath()),
                Input.whenPresent(Quarantine.TABLE),
                Input.whenPresent(RunManifest.TABLE));
    }

    /** The dashboard is a file, not a table. */
    @Override
    public List<String> writes() {
        return List.of();
    }

    @Override
    public void run(StageContext ctx) {
        Warehouse wh = ctx.warehouse();
        ReportInputs in = ReportInputs.read(wh);
        String generatedAt = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC)
                .format(Instant.now());
        String html = DashboardPage.render(ctx.config().raw().getString("report.title"), in, wh.root(), generatedAt,
                ctx.runId(), RunManifest.codeVersion());
        Path file = target(ctx);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, html, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the dashboard " + file + ": " + e.getMessage(), e);
        }
        written = file.toAbsolutePath().normalize();
        ctx.progress().step(NAME, "dashboard written");
    }

    /** The file the last {@link #run} wrote. */
    public Path written() {
        return written;
    }

    private Path target(StageContext ctx) {
        String configured = out != null ? out : ctx.config().raw().getString("report.out");
        if (!configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(ctx.warehouse().root()).toAbsolutePath().getParent().resolve("report").resolve(FILE_NAME);
    }
}
