package io.carelens.jobs.caregaps;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.carelens.common.config.ConfigurationException;
import io.carelens.common.delta.GoldWriter;
import io.carelens.common.delta.Warehouse;
import io.carelens.common.privacy.PersonIds;
import io.carelens.common.schema.CanonicalTable;
import io.carelens.common.schema.GoldTable;
import io.carelens.jobs.run.Input;
import io.carelens.jobs.run.Stage;
import io.carelens.jobs.run.StageContext;
import java.util.List;
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
    public static final String TABLE = GoldTable.CARE_GAPS.path();

    @Override
    public String name() {
        return "care-gaps";
    }

    @Override
    public List<Input> reads() {
        return List.of(Input.required(GoldTable.MEASURE_PATIENT.path()),
                Input.whenPresent(CanonicalTable.ATTRIBUTION.silverPath()),
                Input.whenPresent(GoldTable.ATTRIBUTION.path()));
    }

    @Override
    public List<String> writes() {
        return List.of(TABLE);
    }

    @Override
    public void run(StageContext ctx) {
        Warehouse wh = ctx.warehouse();
        Dataset<Row> gaps = CareGaps.of(ctx.spark(), wh.read(GoldTable.MEASURE_PATIENT.path()), spans(ctx))
                .withColumn("run_id", lit(ctx.runId()));
        new GoldWriter(wh).overwrite(GoldTable.CARE_GAPS, gaps);
        ctx.progress().step(name(), "wrote " + TABLE);
    }

    private Dataset<Row> spans(StageContext ctx) {
        Warehouse wh = ctx.warehouse();
        String silver = CanonicalTable.ATTRIBUTION.silverPath();
        String computed = GoldTable.ATTRIBUTION.path();
        String[] columns = {"person_id", "program_id", "practice_id", "start_date", "end_date"};
        if (wh.exists(silver) && !wh.read(silver).isEmpty()) {
            return PersonIds.from(ctx.config()).apply(wh.read(silver).where(col("practice_id").isNotNull())
                    .selectExpr(columns));
        }
        if (wh.exists(computed)) {
            return wh.read(computed).selectExpr(columns);
        }
        throw new ConfigurationException("no attribution in " + wh.root() + " (" + silver + " or " + computed
                + "); run carelens utilization first");
    }
}
