package io.carelens.jobs.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;

import io.carelens.common.config.ConfigurationException;
import io.carelens.common.delta.Warehouse;
import io.carelens.jobs.caregaps.CareGapsStage;
import io.carelens.jobs.caregaps.ClosingActions;
import io.carelens.jobs.run.StageContext;
import io.carelens.jobs.run.StageRunner;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code carelens care-gaps}: one practice's care-gap list from {@code gold/care_gaps} as CSV, for one period (the
 * latest by default) and all or one measure. The practice must be named: there is no export of everyone.
 */
@Command(name = "care-gaps", mixinStandardHelpOptions = true,
        description = "Export one practice's care-gap list (persons to reach out to, per measure, with the evidence "
                + "and what closes the gap) from gold/care_gaps to a CSV file, and print its path.")
public final class CareGapsCommand extends StageCommand {
    /** The columns of the exported file, in order. */
    static final String[] EXPORT_COLUMNS = {"practice_id", "program_id", "measure_id", "period_start", "period_end",
            "person_id", "gap", "evidence", "close_gap"};

    @Option(names = "--practice", required = true, paramLabel = "ID", description = "the practice (required)")
    String practice;

    @Option(names = "--measure", paramLabel = "M", description = "one measure, e.g. CMS122 (default: every measure)")
    String measure;

    @Option(names = "--period-end", paramLabel = "DATE",
            description = "last day of the measurement period, yyyy-MM-dd (default: the practice's latest)")
    String periodEnd;

    @Option(names = "--out", required = true, paramLabel = "FILE.csv", description = "the CSV file to write")
    Path out;

    @Option(names = "--rebuild", description = "first rebuild gold/care_gaps from gold/measure_patient and the "
            + "attribution (after running measures or utilization alone)")
    boolean rebuild;

    @Override
    protected void run(StageContext context) {
        Warehouse wh = context.warehouse();
        if (rebuild) {
            StageRunner.runAlone(new CareGapsStage(), context);
        }
        if (!wh.exists(CareGapsStage.TABLE)) {
            throw new ConfigurationException("no " + CareGapsStage.TABLE + " in " + wh.root()
                    + "; run carelens run, or carelens care-gaps --rebuild after measures and utilization");
        }
        Dataset<Row> rows = wh.read(CareGapsStage.TABLE).where(col("practice_id").equalTo(lit(practice)));
        if (rows.isEmpty()) {
            throw new ConfigurationException("practice '" + practice + "' has no care gaps in " + CareGapsStage.TABLE);
        }
        if (measure != null) {
            String id = measure.trim().toUpperCase(Locale.ROOT);
            if (ClosingActions.of(id).isEmpty()) {
                throw new ConfigurationException("measure '" + measure + "' has no care gaps; measures with care "
                        + "gaps: " + String.join(", ", ClosingActions.measureIds()));
            }
            rows = rows.where(col("measure_id").equalTo(lit(id)));
        }
        Date end = periodEnd != null ? date(periodEnd) : latest(rows);
        Dataset<Row> selected = end == null ? rows.limit(0) : rows.where(col("period_end").equalTo(lit(end)));
        write(selected.selectExpr(EXPORT_COLUMNS).orderBy("measure_id", "program_id", "person_id"));
        context.progress().step("care-gaps", "practice " + practice + ", period ending " + end + ": "
                + selected.count() + " care gaps written to " + out);
        System.out.println(out.toAbsolutePath());
    }

    private static Date latest(Dataset<Row> rows) {
        return rows.agg(max("period_end")).first().getDate(0);
    }

    private static Date date(String s) {
        try {
            return Date.valueOf(LocalDate.parse(s));
        } catch (DateTimeParseException e) {
            throw new ConfigurationException("--period-end: not a date (yyyy-MM-dd): " + s);
        }
    }

    private void write(Dataset<Row> rows) {
        try {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (PrintStream file = new PrintStream(Files.newOutputStream(out), false, StandardCharsets.UTF_8)) {
                SqlCommand.print(rows, file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out, e);
        }
    }
}
