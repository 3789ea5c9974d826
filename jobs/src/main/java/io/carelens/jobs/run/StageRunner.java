package io.carelens.jobs.run;

import io.carelens.common.config.ConfigurationException;
import io.carelens.common.delta.Warehouse;
import io.carelens.common.schema.GoldTable;
import io.carelens.common.spark.CodeGeneration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Runs stages from what they declare ({@link Stage#reads()}, {@link Stage#writes()}): orders them so that every stage
 * follows the stages writing the tables it reads, checks a stage's inputs before it starts, and records in the run
 * manifest each input present (with the Delta version read) and each output written (with its new version). Stages
 * themselves never record inputs or outputs.
 */
public final class StageRunner {
    private StageRunner() {
    }

    /**
     * The stages in an order where each one follows every stage that writes a table it reads; stages with no such
     * dependency keep their given order.
     *
     * @throws IllegalStateException when the declarations form a cycle
     */
    public static List<Stage> order(List<Stage> stages) {
        List<Stage> pending = new ArrayList<>(stages);
        List<Stage> ordered = new ArrayList<>();
        while (!pending.isEmpty()) {
            Stage next = pending.stream().filter(s -> pending.stream().noneMatch(o -> o != s && feeds(o, s)))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("the stages' declared tables form a cycle: "
                            + pending.stream().map(Stage::name).toList()));
            ordered.add(next);
            pending.remove(next);
        }
        return ordered;
    }

    private static boolean feeds(Stage writer, Stage reader) {
        return reader.reads().stream().anyMatch(in -> writer.writes().contains(in.table()));
    }

    /**
     * Runs one stage alone (its own subcommand): a missing input it needs stops it with a one-line message naming
     * the stage to run first.
     */
    public static void runAlone(Stage stage, StageContext ctx) {
        run(stage, ctx, false);
    }

    /**
     * Runs a stage as part of {@code carelens run}: as {@link #runAlone}, except that a stage whose
     * {@link Input.Need#SKIP_WITHOUT} input is absent is skipped with one line.
     *
     * @return whether the stage ran
     */
    public static boolean runInPipeline(Stage stage, StageContext ctx) {
        return run(stage, ctx, true);
    }

    private static boolean run(Stage stage, StageContext ctx, boolean inPipeline) {
        Warehouse wh = ctx.warehouse();
        Map<String, Long> inputs = new LinkedHashMap<>();
        for (Input in : stage.reads()) {
            long version = wh.version(in.table());
            if (version >= 0) {
                inputs.put(in.table(), version);
            } else if (in.need() == Input.Need.SKIP_WITHOUT && inPipeline) {
                ctx.progress().step(stage.name(), "skipped: no " + in.table() + " in the warehouse");
                return false;
            } else if (in.need() != Input.Need.WHEN_PRESENT) {
                throw new ConfigurationException(stage.name() + " needs " + in.table() + " in " + wh.root()
                        + "; run carelens " + writer(in.table()) + " first");
            }
        }
        Map<String, Long> before = new LinkedHashMap<>();
        stage.writes().forEach(t -> before.put(t, wh.version(t)));
        ctx.progress().step(stage.name(), "starting");
        Set<Integer> persistedBefore = persisted(ctx).keySet();
        boolean mayInterpret = stage.interpretsSmallInputs();
        long inputBytes = mayInterpret ? stage.inputBytes(ctx) : 0;
        long interpretBelow = mayInterpret ? ctx.config().raw().getBytes("spark.interpret-below") : 0;
        try (CodeGeneration codeGeneration = CodeGeneration.forInput(ctx.spark(), inputBytes, interpretBelow)) {
            if (codeGeneration.interpreted()) {
                ctx.progress().step(stage.name(), String.format("inputs of %.1f MB: expressions interpreted, "
                        + "no code generated", inputBytes / 1e6));
            }
            stage.run(ctx);
        } finally {
            releasePersistedSince(persistedBefore, ctx);
        }
        RunManifest manifest = ctx.manifest();
        inputs.forEach((table, version) -> manifest.input(stage.name(), table, version));
        before.forEach((table, version) -> {
            long now = wh.version(table);
            if (now != version) {
                manifest.output(stage.name(), table, now);
            }
        });
        manifest.commit(stage.name());
        return true;
    }

    private static Map<Integer, JavaRDD<?>> persisted(StageContext ctx) {
        return new HashMap<>(JavaSparkContext.fromSparkContext(ctx.spark().sparkContext()).getPersistentRDDs());
    }

    /**
     * Frees the cached and locally checkpointed data a stage left behind, so that the next stage in the same session
     * has the executors' whole memory: blocks of a finished stage would otherwise stay until the driver's garbage
     * collector happens to clean them.
     */
    private static void releasePersistedSince(Set<Integer> before, StageContext ctx) {
        persisted(ctx).forEach((id, rdd) -> {
            if (!before.contains(id)) {
                rdd.unpersist(false);
            }
        });
    }

    /** The stage that writes {@code table}, as its command is spelled. */
    static String writer(String table) {
        return GoldTable.byPath(table).map(GoldTable::owner).orElse("ingest");
    }
}
