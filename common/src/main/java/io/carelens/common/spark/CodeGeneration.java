package io.carelens.common.spark;

import org.apache.spark.sql.RuntimeConfig;
import org.apache.spark.sql.SparkSession;

/**
 * Whether a stage's plans generate and compile code for their expressions or interpret them. Spark generates Java
 * source for each plan, compiles it and loads it as classes, which the JVM then compiles again once they run hot: a
 * fixed cost per plan that pays off over millions of rows and is most of the work over a few thousand. A stage whose
 * inputs are smaller than a threshold therefore runs with whole-stage code generation off and expressions interpreted
 * ({@code spark.sql.codegen.wholeStage}, {@code spark.sql.codegen.factoryMode}); the results are the same either way.
 * A user who set either key in {@code carelens.spark.conf} keeps it. Closing restores the session as it was.
 */
public final class CodeGeneration implements AutoCloseable {
    static final String WHOLE_STAGE = "spark.sql.codegen.wholeStage";
    static final String FACTORY_MODE = "spark.sql.codegen.factoryMode";

    private final RuntimeConfig conf;
    private final boolean interpreted;

    private CodeGeneration(RuntimeConfig conf, boolean interpreted) {
        this.conf = conf;
        this.interpreted = interpreted;
        if (interpreted) {
            conf.set(WHOLE_STAGE, "false");
            conf.set(FACTORY_MODE, "NO_CODEGEN");
        }
    }

    /**
     * Interprets expressions in {@code spark} until closed when {@code inputBytes} is below {@code interpretBelowBytes}
     * and the session's settings leave the choice open.
     */
    public static CodeGeneration forInput(SparkSession spark, long inputBytes, long interpretBelowBytes) {
        RuntimeConfig conf = spark.conf();
        boolean userChose = conf.contains(WHOLE_STAGE) || conf.contains(FACTORY_MODE);
        return new CodeGeneration(conf, !userChose && inputBytes < interpretBelowBytes);
    }

    /** Whether expressions are interpreted until {@link #close()}. */
    public boolean interpreted() {
        return interpreted;
    }

    @Override
    public void close() {
        if (interpreted) {
            conf.unset(WHOLE_STAGE);
            conf.unset(FACTORY_MODE);
        }
    }
}
