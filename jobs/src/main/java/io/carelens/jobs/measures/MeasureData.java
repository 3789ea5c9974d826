package io.carelens.jobs.measures;

import static org.apache.spark.sql.functions.col;

import io.carelens.common.delta.Warehouse;
import io.carelens.common.period.ReportingPeriod;
import io.carelens.common.schema.CanonicalTable;
import io.carelens.jobs.run.Refresh;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * The inputs all measures share in one run: the event index, patients, encounters and referrals, read once and seen
 * once per measurement period under period keys ({@link PeriodKey}).
 */
final class MeasureData implements AutoCloseable {
    private final SparkSession spark;
    private final EventIndex index;
    private final Dataset<Row> periods;
    private final Dataset<Row> patients;
    private final Dataset<Row> encounters;
    private final Dataset<Row> referrals;
    private final Map<String, Dataset<Row>> shared = new HashMap<>();

    MeasureData(Warehouse wh, EventIndex index, List<ReportingPeriod> periods, Refresh refresh) {
        this.spark = wh.spark();
        this.index = index;
        this.periods = PeriodKey.suffixes(spark, periods);
        this.patients = silver(wh, CanonicalTable.PATIENT, refresh)
                .select(col("person_id"), col("birth_date"), col("deceased_date"), col("sex"))
                .persist(StorageLevel.MEMORY_AND_DISK());
        this.encounters = silver(wh, CanonicalTable.ENCOUNTER, refresh);
        this.referrals = silver(wh, CanonicalTable.REFERRAL, refresh);
    }

    /** The silver table's rows of the persons {@code refresh} recomputes; none when the table is absent. */
    private static Dataset<Row> silver(Warehouse wh, CanonicalTable t, Refresh refresh) {
        if (wh.exists(t.silverPath())) {
            return refresh.restrict(wh.read(t.silverPath()));
        }
        return wh.spark().createDataFrame(List.of(), t.silverSchema());
    }

    /**
     * A person set shared by several measures (hospice, frailty, qualifying visits, ...), computed once per run for
     * every period and checkpointed, so each measure's plan stays small.
     */
    Dataset<Row> shared(String key, Supplier<Dataset<Row>> compute) {
        Dataset<Row> done = shared.get(key);
        if (done == null) {
            done = compute.get().localCheckpoint();
            shared.put(key, done);
        }
        return done;
    }

    SparkSession spark() {
        return spark;
    }

    Dataset<Row> events() {
        return PeriodKey.fold(index.rows(), periods, "person_id", "record_id", "encounter_id", "parent_id");
    }

    Dataset<Row> patients() {
        return PeriodKey.fold(patients, periods, "person_id");
    }

    Dataset<Row> encounters() {
        return PeriodKey.fold(encounters, periods, "person_id", "encounter_id");
    }

    Dataset<Row> referrals() {
        return PeriodKey.fold(referrals, periods, "person_id");
    }

    @Override
    public void close() {
        patients.unpersist();
        index.release();
    }
}
