package io.carelens.jobs.measures;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Evaluates a measure for every period of the run (in one plan, see {@link PeriodKey}) into {@code gold/measure_patient} rows: one row per initial-population member,
 * with the population memberships combined by eCQM §S14 (exclusions win; exceptions never remove a numerator
 * member), the measure's stratum and the evidence that decided the outcome.
 */
final class MeasureEngine {
    static final List<String> COLUMNS = List.of("person_id", "measure_id", "period_start", "period_end",
            "initial_population", "denominator", "denominator_exclusion", "numerator", "denominator_exception",
            "stratum", "evidence");

    private MeasureEngine() {
    }

    static Dataset<Row> evaluate(MeasureData data, Measure m) {
        MeasureContext c = new MeasureContext(data, m);
        Dataset<Row> r = distinctPersons(m.initialPopulation(c)).withColumnRenamed("evidence", "ev_ip");
        r = flag(r, m.denominator(c), "den", true);
        r = flag(r, m.denominatorExclusion(c), "denex", false);
        r = flag(r, Optional.of(m.numerator(c)), "num", false);
        r = flag(r, m.denominatorException(c), "exc", false);
        r = flag(r, m.evidence(c), "extra", false);
        Optional<Dataset<Row>> strata = m.strata(c);
        r = strata.isPresent() ? r.join(strata.get().localCheckpoint(), "person_id", "left")
                : r.withColumn("stratum", lit(null).cast(DataTypes.StringType));

        Column den = col("in_den");
        Column denex = den.and(col("in_denex"));
        Column num = den.and(denex.unary_$bang()).and(col("in_num"));
        Column exc = den.and(denex.unary_$bang()).and(num.unary_$bang()).and(col("in_exc"));
        Column evidence = coalesce(when(denex, col("ev_denex")), when(num, col("ev_num")), when(exc, col("ev_exc")),
                col("ev_extra"), col("ev_ip"));
        Column key = col("person_id");
        return r.select(PeriodKey.id(key).as("person_id"), lit(m.id()).as("measure_id"),
                PeriodKey.start(key).as("period_start"), PeriodKey.end(key).as("period_end"),
                lit(1).as("initial_population"), asInt(den).as("denominator"), asInt(denex).as("denominator_exclusion"),
                asInt(num).as("numerator"), asInt(exc).as("denominator_exception"), col("stratum"),
                evidence.as("evidence")).localCheckpoint();
    }

    private static Column asInt(Column flag) {
        return when(flag, 1).otherwise(0);
    }

    private static Dataset<Row> distinctPersons(Dataset<Row> rows) {
        return MeasureContext.persons(rows).groupBy("person_id").agg(min("evidence").as("evidence")).localCheckpoint();
    }

    /** Left-joins a population part as {@code in_<name>} / {@code ev_<name>}; an absent part is {@code absent}. */
    private static Dataset<Row> flag(Dataset<Row> r, Optional<Dataset<Row>> part, String name, boolean absent) {
        if (part.isEmpty()) {
            return r.withColumn("in_" + name, lit(absent)).withColumn("ev_" + name, lit(null).cast(DataTypes.StringType));
        }
        Dataset<Row> members = distinctPersons(part.get()).withColumnRenamed("evidence", "ev_" + name)
                .withColumn("in_" + name, lit(true));
        return r.join(members, "person_id", "left").withColumn("in_" + name, coalesce(col("in_" + name), lit(false)));
    }
}
