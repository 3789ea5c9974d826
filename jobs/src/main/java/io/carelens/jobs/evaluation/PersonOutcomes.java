package io.carelens.jobs.evaluation;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;

import io.carelens.common.config.ConfigurationException;
import io.carelens.common.delta.Warehouse;
import io.carelens.common.schema.GoldTable;
import io.carelens.common.spark.ExactSum;
import io.carelens.common.spark.Seqs;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Every attributed person's outcome in each period, as a ratio of two person-level sums so quality proportions
 * and utilization rates share one estimator: {@code events} over {@code weight}.
 * <ul>
 *   <li>Quality measure (gold/measure_patient): events = numerator hits, weight = performance-denominator
 *       memberships (denominator, not excluded, no exception) of measure periods inside the evaluation period.</li>
 *   <li>Utilization rate: events = events dated in the period while attributed, weight = attributed person-years;
 *       every attributed person counts, with zero events if none. Follow-up proportions: events = visits followed
 *       up, weight = eligible visits.</li>
 * </ul>
 */
final class PersonOutcomes {
    static final String QUALITY = "quality";
    static final String UTILIZATION = "utilization";

    private PersonOutcomes() {
    }

    /**
     * @param spans {@link AttributedTime#spans}
     * @param attributed {@link AttributedTime#build}
     * @return person_id, measure_id, kind, period, arm, practice_id, events, weight
     */
    static Dataset<Row> build(Warehouse warehouse, EvaluationSettings settings, Dataset<Row> periods,
                              Dataset<Row> spans, Dataset<Row> attributed) {
        List<Dataset<Row>> parts = new ArrayList<>();
        if (warehouse.exists(GoldTable.MEASURE_PATIENT.path())) {
            parts.add(quality(warehouse, periods, attributed));
        }
        if (!settings.utilization().isEmpty()) {
            parts.add(utilization(UtilizationEventSource.events(warehouse, settings.utilization()),
                    UtilizationEventSource.rateIds(warehouse, settings.utilization()), periods, spans, attributed));
        }
        return parts.stream().reduce(Dataset::unionByName).orElseThrow(() -> new ConfigurationException(
                "nothing to evaluate: no " + GoldTable.MEASURE_PATIENT.path() + " and no utilization outcomes configured"));
    }

    private static Dataset<Row> quality(Warehouse warehouse, Dataset<Row> periods, Dataset<Row> attributed) {
        Dataset<Row> mp = warehouse.read(GoldTable.MEASURE_PATIENT.path());
        Column performanceDenominator = flag("denominator").equalTo(1).and(flag("denominator_exclusion").equalTo(0))
                .and(flag("denominator_exception").equalTo(0));
        Dataset<Row> inPeriod = mp.where(performanceDenominator).alias("m").join(periods.alias("p"),
                col("m.period_start").geq(col("p.period_start")).and(col("m.period_end").leq(col("p.period_end"))));
        Dataset<Row> perPerson = inPeriod.groupBy(col("m.person_id").alias("person_id"), col("m.measure_id").alias(
                        "measure_id"), col("p.period").alias("period"))
                .agg(sum(flag("numerator")).cast("double").alias("events"), count(lit(1)).cast("double").alias("weight"));
        return perPerson.join(attributed.select("person_id", "period", "arm", "practice_id"),
                        Seqs.of(List.of("person_id", "period")))
                .select(col("person_id"), col("measure_id"), lit(QUALITY).alias("kind"), col("period"), col("arm"),
                        col("practice_id"), col("events"), col("weight"));
    }

    /**
     * Utilization outcomes from {@link UtilizationEventSource#events}: events dated in the period while attributed.
     * A rate per person-time weighs each attributed person by their person-years, with zero events if none; a
     * follow-up proportion weighs each person by their eligible visits.
     */
    static Dataset<Row> utilization(Dataset<Row> events, Dataset<Row> rateIds, Dataset<Row> periods,
                                    Dataset<Row> spans, Dataset<Row> attributed) {
        Dataset<Row> whileAttributed = events.alias("e").join(spans.alias("s"),
                col("e.person_id").equalTo(col("s.person_id"))
                        .and(col("e.event_date").geq(col("s.start_date")))
                        .and(col("s.end_date").isNull().or(col("e.event_date").leq(col("s.end_date")))), "left_semi");
        Dataset<Row> inPeriod = whileAttributed.join(periods, col("event_date").between(col("period_start"),
                col("period_end")));
        Dataset<Row> rateEvents = inPeriod.where(UtilizationEventSource.isRate())
                .groupBy("person_id", "period", "measure_id").agg(ExactSum.of("events").alias("events"));
        Dataset<Row> rates = attributed.crossJoin(broadcast(rateIds))
                .join(rateEvents, Seqs.of(List.of("person_id", "period", "measure_id")), "left")
                .select(col("person_id"), col("measure_id"), lit(UTILIZATION).alias("kind"), col("period"),
                        col("arm"), col("practice_id"), coalesce(col("events"), lit(0.0)).alias("events"),
                        col("person_years").alias("weight"));
        Dataset<Row> proportions = inPeriod.where(not(UtilizationEventSource.isRate()))
                .groupBy("person_id", "period", "measure_id")
                .agg(ExactSum.of("events").alias("events"), sum("eligible").cast("double").alias("weight"))
                .join(attributed.select("person_id", "period", "arm", "practice_id"),
                        Seqs.of(List.of("person_id", "period")))
                .select(col("person_id"), col("measure_id"), lit(UTILIZATION).alias("kind"), col("period"),
                        col("arm"), col("practice_id"), col("events"), col("weight"));
        return rates.unionByName(proportions);
    }

    private static Column flag(String name) {
        return coalesce(col(name).cast("int"), lit(0));
    }
}
