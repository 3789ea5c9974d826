package io.carelens.common.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carelens.jobs.testing.SharedSpark;
import java.util.List;
import org.apache.spark.sql.RuntimeConfig;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class CodeGenerationTest {
    private static final long MB = 1024 * 1024;

    private static long evenSquaresBelow(SparkSession spark, int n) {
        return spark.range(n).selectExpr("id * id AS sq").where("sq % 2 = 0").selectExpr("sum(sq)").head().getLong(0);
    }

    @Test
    void smallInputsInterpretUntilClosedWithTheSameAnswer() {
        SparkSession spark = SharedSpark.spark();
        RuntimeConfig conf = spark.conf();
        long compiled = evenSquaresBelow(spark, 1000);
        try (CodeGeneration codegen = CodeGeneration.forInput(spark, 10 * MB, 64 * MB)) {
            assertTrue(codegen.interpreted());
            assertEquals("false", conf.get(CodeGeneration.WHOLE_STAGE));
            assertEquals("NO_CODEGEN", conf.get(CodeGeneration.FACTORY_MODE));
            String plan = spark.range(10).selectExpr("id + 1").queryExecution().executedPlan().toString();
            assertFalse(plan.contains("*("), "no whole-stage code generation in " + plan);
            assertEquals(compiled, evenSquaresBelow(spark, 1000));
        }
        assertFalse(conf.contains(CodeGeneration.WHOLE_STAGE));
        assertFalse(conf.contains(CodeGeneration.FACTORY_MODE));
        String plan = spark.range(10).selectExpr("id + 1").queryExecution().executedPlan().toString();
        assertTrue(plan.contains("*("), "whole-stage code generation again in " + plan);
    }

    @Test
    void inputsAtTheThresholdOrAboveGenerateCode() {
        SparkSession spark = SharedSpark.spark();
        for (long bytes : List.of(64 * MB, 5000 * MB)) {
            try (CodeGeneration codegen = CodeGeneration.forInput(spark, bytes, 64 * MB)) {
                assertFalse(codegen.interpreted());
                assertFalse(spark.conf().contains(CodeGeneration.WHOLE_STAGE));
                assertFalse(spark.conf().contains(CodeGeneration.FACTORY_MODE));
            }
        }
    }

    @Test
    void aUsersOwnSettingIsKept() {
        SparkSession spark = SharedSpark.spark();
        spark.conf().set(CodeGeneration.WHOLE_STAGE, "true");
        try {
            try (CodeGeneration codegen = CodeGeneration.forInput(spark, 0, 64 * MB)) {
                assertFalse(codegen.interpreted());
                assertFalse(spark.conf().contains(CodeGeneration.FACTORY_MODE));
            }
            assertEquals("true", spark.conf().get(CodeGeneration.WHOLE_STAGE));
        } finally {
            spark.conf().unset(CodeGeneration.WHOLE_STAGE);
        }
    }
}
