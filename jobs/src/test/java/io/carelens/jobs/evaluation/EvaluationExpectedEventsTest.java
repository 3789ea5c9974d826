package io.carelens.jobs.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carelens.jobs.testing.SharedSpark;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Regression: on the sample data the stage failed with "cells do not add up to total e|overall=all|t0" because the
 * NYU measures' events are expected visits (sums of probabilities) and rounding each stratum's sum does not give the
 * rounded overall sum. Here 104 hand-made people, half in each arm and the same in both periods, expect 0.52 (dual
 * status none, 40 people), 0.77 (full, 40) or 0.15 (partial, 24) non-emergent visits a year: per arm
 * 10.4 + 15.4 + 1.8 = 27.6, which rounds to 28, while the rounded strata give 10 + 15 + 2 = 27.
 */
class EvaluationExpectedEventsTest {
    private static final String MEASURE = "ED_NYU_NONEMERGENT";
    private static List<Effect> effects;

    @BeforeAll
    static void aggregate() {
        SparkSession spark = SharedSpark.spark();
        Dataset<Row> people = spark.range(104).selectExpr("format_string('p%03d', id) AS person_id",
                "CASE WHEN id < 40 THEN 'none' WHEN id < 80 THEN 'full' ELSE 'partial' END AS dual_status",
                "IF(id % 2 = 0, 'intervention', 'comparison') AS arm");
        Dataset<Row> outcomes = people.crossJoin(spark.sql("SELECT explode(array('baseline', 'performance')) AS period"))
                .selectExpr("person_id", "'" + MEASURE + "' AS measure_id", "'utilization' AS kind", "period", "arm",
                        "'P1' AS practice_id",
                        "CASE dual_status WHEN 'none' THEN 0.52D WHEN 'full' THEN 0.77D ELSE 0.15D END AS events",
                        "1.0D AS weight");
        Dataset<Row> strata = people.selectExpr("person_id", "'overall' AS dimension", "'all' AS stratum")
                .union(people.selectExpr("person_id", "'dual_status'", "dual_status"));
        effects = new EffectEstimator(0.5).estimate(SufficientStatistics.compute(outcomes, strata));
    }

    private static Effect effect(String dimension, String stratum) {
        return effects.stream().filter(e -> e.key().dimension().equals(dimension) && e.key().stratum().equals(stratum))
                .findFirst().orElseThrow();
    }

    @Test
    void roundedStratumEventsDoNotAddUpToTheRoundedOverallEvents() {
        long strata = effects.stream().filter(e -> e.key().dimension().equals("dual_status"))
                .mapToLong(e -> Math.round(e.t0().events())).sum();
        assertEquals(52, effect("overall", "all").t0().people());
        assertEquals(28, Math.round(effect("overall", "all").t0().events()));
        assertNotEquals(28, strata, "the table would be inconsistent if expected events entered it as counts");
    }

    @Test
    void expectedEventsAreSuppressedWithoutFailing() {
        Set<CellKey.StratumKey> withheld = new EvaluationSuppression(10).suppressed(effects);

        assertTrue(withheld.contains(effect("dual_status", "partial").key()),
                "12 people with 1.8 expected visits: the rounded 2 is a small count");
        assertEquals(2, withheld.size(), "one complementary stratum keeps the 12 people from overall minus the rest");
        assertFalse(withheld.contains(effect("overall", "all").key()));
    }
}
