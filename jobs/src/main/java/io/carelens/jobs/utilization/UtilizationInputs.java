package io.carelens.jobs.utilization;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.to_date;

import io.carelens.common.schema.CanonicalTable;
import io.carelens.jobs.run.Refresh;
import io.carelens.jobs.run.StageContext;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The silver tables the utilization stage reads ({@link #TABLES}). A table that does not exist yet reads as empty
 * with its canonical schema (a warehouse without procedures still gets ED rates).
 */
public final class UtilizationInputs {
    static final String STAGE = "utilization";
    /** Every table read; the patient table is required, the others are read when present. */
    static final List<CanonicalTable> TABLES = List.of(CanonicalTable.PATIENT, CanonicalTable.COVERAGE,
            CanonicalTable.ENCOUNTER, CanonicalTable.CONDITION, CanonicalTable.PROCEDURE, CanonicalTable.ATTRIBUTION);

    private final Dataset<Row> patient;
    private final Dataset<Row> coverage;
    private final Dataset<Row> encounter;
    private final Dataset<Row> condition;
    private final Dataset<Row> procedure;
    private final Dataset<Row> attribution;

    private UtilizationInputs(Dataset<Row> patient, Dataset<Row> coverage, Dataset<Row> encounter,
                              Dataset<Row> condition, Dataset<Row> procedure, Dataset<Row> attribution) {
        this.patient = patient;
        this.coverage = coverage;
        this.encounter = encounter;
        this.condition = condition;
        this.procedure = procedure;
        this.attribution = attribution;
    }

    public static UtilizationInputs read(StageContext ctx) {
        return new UtilizationInputs(read(ctx, CanonicalTable.PATIENT), read(ctx, CanonicalTable.COVERAGE),
                read(ctx, CanonicalTable.ENCOUNTER), read(ctx, CanonicalTable.CONDITION),
                read(ctx, CanonicalTable.PROCEDURE), read(ctx, CanonicalTable.ATTRIBUTION));
    }

    /**
     * The rows of the persons {@code refresh} recomputes (all of them in a full refresh). Incrementally each table's
     * rows are checkpointed: they are few, and the stage's plans, which read the inputs many times over, would
     * otherwise each carry the change-data-feed reads that found the persons (enough to exhaust the driver's heap
     * in the text of the plans alone).
     */
    public UtilizationInputs restrictedTo(Refresh refresh) {
        if (refresh.isFull()) {
            return this;
        }
        return new UtilizationInputs(of(refresh, patient), of(refresh, coverage), of(refresh, encounter),
                of(refresh, condition), of(refresh, procedure), of(refresh, attribution));
    }

    private static Dataset<Row> of(Refresh refresh, Dataset<Row> rows) {
        return refresh.restrict(rows).localCheckpoint();
    }

    private static Dataset<Row> read(StageContext ctx, CanonicalTable table) {
        if (ctx.warehouse().exists(table.silverPath())) {
            return ctx.warehouse().read(table.silverPath());
        }
        return ctx.spark().createDataFrame(List.of(), table.silverSchema());
    }

    public Dataset<Row> patient() {
        return patient;
    }

    public Dataset<Row> coverage() {
        return coverage;
    }

    public Dataset<Row> encounter() {
        return encounter;
    }

    public Dataset<Row> condition() {
        return condition;
    }

    public Dataset<Row> procedure() {
        return procedure;
    }

    public Dataset<Row> attribution() {
        return attribution;
    }

    /** Encounters of the given classes and statuses. */
    public Dataset<Row> encounters(List<String> classes, List<String> statuses) {
        return encounter.where(col("encounter_class").isin(classes.toArray())
                .and(col("status").isin(statuses.toArray())));
    }

    /**
     * The date open spans end on: the configured as-of date, else the latest encounter start, else the latest
     * coverage date, else today (UTC).
     */
    public LocalDate asOfDate(UtilizationSettings settings) {
        if (settings.asOfDate() != null) {
            return settings.asOfDate();
        }
        Row latest = encounter.agg(max(to_date(col("start_ts")))).head();
        if (!latest.isNullAt(0)) {
            return latest.getDate(0).toLocalDate();
        }
        Row cov = coverage.agg(max(greatest(col("start_date"), col("end_date")))).head();
        return cov.isNullAt(0) ? LocalDate.now(ZoneOffset.UTC) : cov.getDate(0).toLocalDate();
    }
}
