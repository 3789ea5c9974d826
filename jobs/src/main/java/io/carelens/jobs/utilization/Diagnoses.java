package io.carelens.jobs.utilization;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import io.carelens.common.schema.CodeSystem;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Encounter diagnoses and the rule that picks one principal diagnosis per visit or stay.
 *
 * <p>Codes are normalised as the reference tables write them: uppercase, without dots or spaces. The principal
 * diagnosis of a group of encounters is the diagnosis with the lowest {@code diagnosis_rank} (1 = principal; unranked
 * last), an ICD-10-CM code before a code of another system at equal rank, then the smallest condition id. Refuted and
 * entered-in-error conditions are ignored.
 */
public final class Diagnoses {
    private Diagnoses() {
    }

    /** Uppercase, no dots, no whitespace. */
    public static Column normalise(Column code) {
        return upper(regexp_replace(code, "[.\\s]", ""));
    }

    /** {@code encounter_id, code_system, dx, diagnosis_rank, condition_id} for every usable encounter diagnosis. */
    public static Dataset<Row> ofEncounters(Dataset<Row> condition) {
        return condition
                .where(col("encounter_id").isNotNull()
                        .and(col("verification_status").isNull()
                                .or(col("verification_status").isin("refuted", "entered-in-error").unary_$bang())))
                .select(col("encounter_id"), col("code_system"), normalise(col("code")).as("dx"),
                        col("diagnosis_rank"), col("condition_id"));
    }

    /**
     * One principal diagnosis per {@code groupColumn}: {@code groupColumn, principal_dx_system, principal_dx_code}.
     *
     * @param diagnoses rows of {@link #ofEncounters} carrying {@code groupColumn}
     */
    public static Dataset<Row> principal(Dataset<Row> diagnoses, String groupColumn) {
        Column icdFirst = when(col("code_system").equalTo(CodeSystem.ICD10CM.name()), lit(0)).otherwise(lit(1));
        return diagnoses
                .withColumn("_n", row_number().over(Window.partitionBy(groupColumn)
                        .orderBy(col("diagnosis_rank").asc_nulls_last(), icdFirst, col("condition_id"))))
                .where(col("_n").equalTo(1))
                .select(col(groupColumn), col("code_system").as("principal_dx_system"),
                        col("dx").as("principal_dx_code"));
    }

    /** True when {@code code} starts with any of the prefixes (already normalised). */
    public static Column startsWithAny(Column code, List<String> prefixes) {
        Column any = lit(false);
        for (String p : prefixes) {
            any = any.or(code.startsWith(p));
        }
        return any;
    }

    /** True for an ICD-10-CM code system value. */
    public static Column isIcd10cm(Column system) {
        return system.equalTo(CodeSystem.ICD10CM.name());
    }
}
