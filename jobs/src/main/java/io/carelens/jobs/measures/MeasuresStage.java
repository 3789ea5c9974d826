package io.carelens.jobs.measures;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.year;

import com.typesafe.config.Config;
import io.carelens.common.config.ConfigurationException;
import io.carelens.common.delta.GoldWriter;
import io.carelens.common.delta.Warehouse;
import io.carelens.common.period.ReportingPeriod;
import io.carelens.common.privacy.PersonIds;
import io.carelens.common.schema.CanonicalTable;
import io.carelens.common.schema.GoldTable;
import io.carelens.common.valueset.ValueSetLibrary;
import io.carelens.common.valueset.ValueSetLoader;
import io.carelens.jobs.run.Input;
import io.carelens.jobs.run.Refresh;
import io.carelens.jobs.run.Stage;
import io.carelens.jobs.run.StageContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The measures stage: checks that every value set the chosen measures name is loaded (before any Spark work),
 * builds the event index once, evaluates each measure for all periods in one plan from it, and replaces those measures'
 * rows of those periods in {@code gold/measure_patient}, so a rerun is idempotent. The rates are published by the
 * equity stage, which suppresses the overall row and every stratum of a measure jointly.
 * With {@code carelens.privacy.pseudonymize} on, {@code gold/measure_patient} carries the keyed pseudonym of
 * {@code person_id} ({@link PersonIds}).
 *
 * <p>Incrementally ({@code --incremental}, {@link Refresh}), it evaluates only the persons with a changed row in any
 * input since its last run, and replaces just their rows; a person whose rows are gone loses theirs. It runs in full
 * when the measures, periods or value sets differ from the last run's.
 *
 * <p>Periods come from the command line, else {@code carelens.measures.periods} (each a {@link ReportingPeriod}:
 * "2026" or "2026-01-01..2026-12-31"), else each calendar year in which the data has an encounter. A measurement
 * period is the closed UTC interval [start 00:00:00.000, end 23:59:59.999] (eCQM §S1.1), which the measures see
 * through {@link PeriodOfRow}.
 */
public final class MeasuresStage implements Stage {
    /** The silver tables the event index reads when present. */
    private static final List<CanonicalTable> EVENT_TABLES = List.of(CanonicalTable.ENCOUNTER,
            CanonicalTable.CONDITION, CanonicalTable.PROCEDURE, CanonicalTable.OBSERVATION, CanonicalTable.MEDICATION,
            CanonicalTable.REQUEST, CanonicalTable.REFERRAL);

    private final List<ReportingPeriod> periods;
    private final List<String> measureIds;

    /** Periods and measures from the configuration. */
    public MeasuresStage() {
        this(List.of(), List.of());
    }

    /** @param periods empty = from configuration or data; @param measureIds empty = from configuration or all */
    public MeasuresStage(List<ReportingPeriod> periods, List<String> measureIds) {
        this.periods = List.copyOf(periods);
        this.measureIds = List.copyOf(measureIds);
    }

    @Override
    public String name() {
        return "measures";
    }

    @Override
    public List<Input> reads() {
        List<Input> in = new ArrayList<>(List.of(Input.required(CanonicalTable.PATIENT.silverPath())));
        EVENT_TABLES.forEach(t -> in.add(Input.whenPresent(t.silverPath())));
        return in;
    }

    @Override
    public List<String> writes() {
        return List.of(GoldTable.MEASURE_PATIENT.path());
    }

    @Override
    public void run(StageContext ctx) {
        Config cfg = ctx.config().section("measures");
        List<Measure> measures = Measures.select(measureIds.isEmpty() ? cfg.getStringList("measures") : measureIds);
        ValueSetLibrary library = library(cfg);
        measures.forEach(m -> library.require(m.id(), m.valueSets()));
        PersonIds ids = PersonIds.from(ctx.config());
        List<ReportingPeriod> chosen = periods.isEmpty()
                ? ReportingPeriod.readList(cfg, "carelens.measures", "periods") : periods;

        Warehouse wh = ctx.warehouse();
        if (chosen.isEmpty()) {
            chosen = yearsInData(wh);
        }
        ctx.progress().step(name(), measures.size() + " measures, " + chosen.size() + " period(s), "
                + library.size() + " value sets");

        String predicate = predicate(chosen, measures);
        String fingerprint = fingerprint(measures, chosen, library);
        Refresh refresh = ctx.refresh(this, fingerprint);
        try {
            if (refresh.nothingChanged()) {
                ctx.progress().step(name(), "no input changed since the last run; "
                        + GoldTable.MEASURE_PATIENT.path() + " already holds the answer");
            } else {
                evaluate(wh, library, chosen, measures, refresh, ids, predicate);
                ctx.progress().step(name(), "wrote " + GoldTable.MEASURE_PATIENT.path()
                        + (refresh.isFull() ? "" : " for " + refresh.recomputed() + " changed person(s)"));
            }
            ctx.manifest().refresh(name(), refresh, fingerprint);
        } finally {
            refresh.release();
        }
    }

    /**
     * Evaluates the measures for the persons {@code refresh} recomputes and replaces their rows: for everyone, the
     * rows of the chosen measures and periods; incrementally, those rows of the changed persons only.
     */
    private static void evaluate(Warehouse wh, ValueSetLibrary library, List<ReportingPeriod> chosen,
            List<Measure> measures, Refresh refresh, PersonIds ids, String predicate) {
        EventIndex index = EventIndex.build(wh, library, refresh);
        try (MeasureData data = new MeasureData(wh, index, chosen, refresh)) {
            Dataset<Row> patientRows = null;
            for (Measure m : measures) {
                Dataset<Row> rows = MeasureEngine.evaluate(data, m);
                patientRows = patientRows == null ? rows : patientRows.unionByName(rows);
            }
            GoldWriter gold = new GoldWriter(wh);
            if (refresh.isFull()) {
                gold.replaceWhere(GoldTable.MEASURE_PATIENT, predicate, ids.apply(patientRows));
            } else {
                gold.replacePersons(GoldTable.MEASURE_PATIENT, predicate, ids.apply(refresh.persons()),
                        ids.apply(patientRows));
            }
        }
    }

    /** What besides the silver inputs and the configuration decides the rows: measures, periods and value sets. */
    private static String fingerprint(List<Measure> measures, List<ReportingPeriod> periods,
            ValueSetLibrary library) {
        return measures.stream().map(Measure::id).sorted().collect(Collectors.joining(",")) + ";"
                + periods.stream().map(ReportingPeriod::toString).sorted().collect(Collectors.joining(","))
                + ";" + library.fingerprint();
    }

    private static ValueSetLibrary library(Config cfg) {
        List<Path> dirs = cfg.getStringList("value-set-dirs").stream().map(Path::of).toList();
        return ValueSetLoader.load(dirs, ValueSets.directCodes());
    }

    private static String predicate(List<ReportingPeriod> periods, List<Measure> measures) {
        String ids = measures.stream().map(m -> "'" + m.id() + "'").collect(Collectors.joining(", "));
        String anyPeriod = periods.stream().map(p -> "(" + p.predicate() + ")").collect(Collectors.joining(" OR "));
        return "(" + anyPeriod + ") AND measure_id IN (" + ids + ")";
    }

    /** Each calendar year in which some encounter starts (one small aggregate). */
    private static List<ReportingPeriod> yearsInData(Warehouse wh) {
        if (!wh.exists(CanonicalTable.ENCOUNTER.silverPath())) {
            throw new ConfigurationException("no measurement period given and no encounters to take years from; "
                    + "set carelens.measures.periods or --period-start/--period-end");
        }
        return wh.read(CanonicalTable.ENCOUNTER.silverPath()).select(year(col("start_ts")).as("y")).distinct()
                .where(col("y").isNotNull()).orderBy("y").collectAsList().stream()
                .map(r -> ReportingPeriod.calendarYear(r.getInt(0))).toList();
    }
}
