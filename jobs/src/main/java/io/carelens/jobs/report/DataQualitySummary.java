package io.carelens.jobs.report;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.carelens.common.delta.Warehouse;
import io.carelens.jobs.ingest.Quarantine;
import io.carelens.jobs.run.RunManifest;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The data-quality facts an evaluator checks before trusting the rates: the last ingest's reconciliation (rows
 * read = accepted + quarantined + duplicates + deletions), quarantined rows by table and reason, and how many
 * patients have an unknown race or ethnicity (which weakens every stratified comparison). All are aggregates
 * computed by Spark.
 */
record DataQualitySummary(TableSnapshot reconciliation, TableSnapshot quarantine, TableSnapshot demographics) {
    static final String PATIENT = "silver/patient";

    static DataQualitySummary read(Warehouse wh) {
        return new DataQualitySummary(reconciliation(wh), quarantine(wh), demographics(wh));
    }

    /** The reconciliation rows of the most recent ingest run. */
    private static TableSnapshot reconciliation(Warehouse wh) {
        if (!wh.exists(RunManifest.TABLE)) {
            return TableSnapshot.absent(RunManifest.TABLE);
        }
        Dataset<Row> rec = wh.read(RunManifest.TABLE).where(col("role").equalTo("reconciliation"));
        List<Row> last = rec.orderBy(col("recorded_at").desc()).select("run_id").limit(1).collectAsList();
        if (last.isEmpty()) {
            return TableSnapshot.absent(RunManifest.TABLE);
        }
        Dataset<Row> rows = rec.where(col("run_id").equalTo(last.get(0).getString(0)))
                .select(col("run_id"), col("table_name"), col("rows_read"), col("rows_accepted"),
                        col("rows_quarantined"), col("duplicates_removed"),
                        Arrays.asList(rec.columns()).contains("rows_deleted")
                                ? coalesce(col("rows_deleted"), lit(0L)).as("rows_deleted")
                                : lit(0L).as("rows_deleted"))
                .orderBy("table_name");
        return TableSnapshot.collect(RunManifest.TABLE, wh.version(RunManifest.TABLE), rows);
    }

    private static TableSnapshot quarantine(Warehouse wh) {
        if (!wh.exists(Quarantine.TABLE)) {
            return TableSnapshot.absent(Quarantine.TABLE);
        }
        Dataset<Row> counts = wh.read(Quarantine.TABLE).groupBy("entity", "reason_code")
                .agg(count(lit(1)).as("rows")).orderBy(col("rows").desc(), col("entity"), col("reason_code"));
        return TableSnapshot.collect(Quarantine.TABLE, wh.version(Quarantine.TABLE), counts);
    }

    /** Patients, and those whose race or ethnicity is unknown or missing: one row. */
    private static TableSnapshot demographics(Warehouse wh) {
        if (!wh.exists(PATIENT)) {
            return TableSnapshot.absent(PATIENT);
        }
        Dataset<Row> agg = wh.read(PATIENT).agg(count(lit(1)).as("patients"),
                sum(unknown("race")).as("unknown_race"), sum(unknown("ethnicity")).as("unknown_ethnicity"));
        return TableSnapshot.collect(PATIENT, wh.version(PATIENT), agg);
    }

    private static Column unknown(String column) {
        return when(col(column).isNull().or(lower(col(column)).equalTo("unknown")), 1L).otherwise(0L);
    }
}
