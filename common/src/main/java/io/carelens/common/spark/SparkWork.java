package io.carelens.common.spark;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.sql.SparkSession;

/**
 * Counts what costs in a Spark run: jobs and stages started in this session's SparkContext. Spark's fixed cost per
 * job (scheduling, planning, task start-up) dominates small data, so a stage's job count is its first performance
 * figure; the benchmark and every stage's closing progress line print it. One counter per SparkContext.
 */
public final class SparkWork extends SparkListener {
    private static SparkWork installed;
    private static org.apache.spark.SparkContext installedOn;

    private final AtomicLong jobs = new AtomicLong();
    private final AtomicLong stages = new AtomicLong();

    private SparkWork() {
    }

    /** The counter of {@code spark}'s context, registered on first use. */
    public static synchronized SparkWork of(SparkSession spark) {
        if (installed == null || installedOn != spark.sparkContext()) {
            installed = new SparkWork();
            installedOn = spark.sparkContext();
            installedOn.addSparkListener(installed);
        }
        return installed;
    }

    @Override
    public void onJobStart(SparkListenerJobStart jobStart) {
        jobs.incrementAndGet();
    }

    @Override
    public void onStageCompleted(SparkListenerStageCompleted stageCompleted) {
        stages.incrementAndGet();
    }

    /** Jobs started so far. */
    public long jobs() {
        return jobs.get();
    }

    /** Stages completed so far. */
    public long stages() {
        return stages.get();
    }
}
