package io.carelens.jobs.cli;

import io.carelens.common.config.CareLensConfig;
import io.carelens.common.spark.Sessions;
import io.carelens.jobs.run.Progress;
import io.carelens.jobs.run.StageContext;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Mixin;

/**
 * Base of every subcommand that needs Spark: loads the configuration, starts (or joins) the Spark session and
 * hands a {@link StageContext} to {@link #run(StageContext)}.
 */
public abstract class StageCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global = new GlobalOptions();

    /** Configuration keys (under carelens) that the subcommand's own options set, e.g. a measurement period. */
    protected Map<String, Object> overrides() {
        return Map.of();
    }

    protected abstract void run(StageContext context);

    @Override
    public Integer call() {
        Map<String, Object> o = new HashMap<>(overrides());
        if (global.warehouse != null) {
            o.put("warehouse", global.warehouse);
        }
        CareLensConfig config = CareLensConfig.load(global.config, o);
        SparkSession spark = session(config);
        if (!global.verbose) {
            spark.sparkContext().setLogLevel("ERROR");
        }
        StageContext ctx = new StageContext(config, spark, config.warehouse(), new Progress(System.err, global.quiet));
        run(ctx);
        return 0;
    }

    static SparkSession session(CareLensConfig config) {
        Map<String, String> extra = new HashMap<>();
        config.section("spark.conf").entrySet().forEach(e -> extra.put(e.getKey().replace("\"", ""),
                String.valueOf(e.getValue().unwrapped())));
        return Sessions.getOrCreate(config.raw().getString("spark.master"), config.raw().getString("spark.app-name"),
                config.raw().getInt("spark.shuffle-partitions"), extra);
    }
}
