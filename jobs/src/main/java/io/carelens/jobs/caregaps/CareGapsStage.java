package io.carelens.jobs.caregaps;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.carelens.common.config.ConfigurationException;
import io.carelens.common.delta.Warehouse;
import io.carelens.common.privacy.PersonIds;
import io.carelens.common.schema.CanonicalTable;
import io.carelens.jobs.measures.MeasuresStage;
import io.carelens.jobs.run.Stage;
import io.carelens.jobs.run.StageContext;
import io.carelens.jobs.utilization.UtilizationStage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The care-gaps stage: from {@code gold/measure_patient} and the attribution the utilization stage used (the
 * source's {@code silver/attribution} when it has rows, else the computed {@code gold/attribution}), the list of
 * persons each practice can reach out to per measure and period ({@link CareGaps}), rewritten whole as
 * {@code gold/care_gaps}. Person ids are those of {@code gold/measure_patient}: pseudonyms when
 * {@code carelens.privacy.pseudonymize} is on (silver attribution is pseudonymized the same way before the join).
 * The table is for quality teams' outreach; the dashboard never reads it.
 */
public final class CareGapsStage implements Stage {
    /** The table this stage writes. */
    public static final String TABLE = "gold/care_gaps";

    @Override
    public String name() {
        return "care-gaps";
    }

    @Override
    public void run(StageContext ctx) {
        Warehouse wh = ctx.warehouse();
        if (!wh.exists(MeasuresStage.PATIENT_TABLE)) {
            throw new ConfigurationException("no " + MeasuresStage.PATIENT_TABLE + " in " + wh.root()
                    + "; run carelens measures first");
        }
        ctx.manifest().input(name(), MeasuresStage.PATIENT_TABLE);
        Dataset<Row> gaps = CareGaps.of(ctx.spark(), wh.read(MeasuresStage.PATIENT_TABLE), spans(ctx))
                .withColumn("run_id", lit(ctx.runId()));
        wh.overwrite(TABLE, gaps);
        ctx.manifest().output(name(), TABLE);
        ctx.progress().step(name(), "wrote " + TABLE + " (" + wh.read(TABLE).count() + " rows)");
        ctx.manifest().commit(name());
    }

    private Dataset<Row> spans(StageContext ctx) {
        Warehouse wh = ctx.warehouse();
        String silver = CanonicalTable.ATTRIBUTION.silverPath();
        String[] columns = {"person_id", "program_id", "practice_id", "start_date", "end_date"};
        if (wh.exists(silver) && !wh.read(silver).isEmpty()) {
            ctx.manifest().input(name(), silver);
            return PersonIds.from(ctx.config()).apply(wh.read(silver).where(col("practice_id").isNotNull())
                    .selectExpr(columns));
        }
        if (wh.exists(UtilizationStage.ATTRIBUTION)) {
            ctx.manifest().input(name(), UtilizationStage.ATTRIBUTION);
            return wh.read(UtilizationStage.ATTRIBUTION).selectExpr(columns);
        }
        throw new ConfigurationException("no attribution in " + wh.root() + " (silver/attribution or "
                + UtilizationStage.ATTRIBUTION + "); run carelens utilization first");
    }
}
