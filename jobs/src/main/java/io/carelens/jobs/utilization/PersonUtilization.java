package io.carelens.jobs.utilization;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trunc;
import static org.apache.spark.sql.functions.when;

import io.carelens.common.spark.Aggregations;
import io.carelens.common.spark.ExactSum;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.RelationalGroupedDataset;
import org.apache.spark.sql.Row;

/**
 * {@code gold/utilization_person}: person x rate measure x period, with the person-years the person contributes to
 * the measure's denominator (member months at the measure's ages, / 12) and the events counted in those months.
 * It is what the equity stage stratifies; summed over people it gives the overall rates exactly.
 *
 * <p>Months and events are added up once per person and period, a column per measure, and only then turned into a
 * row per measure: the rows per measure are many (a person and period has one for every measure with an eligible
 * month), and none of them has to be shuffled.
 */
public final class PersonUtilization {
    private static final String[] PERSON_PERIOD = {"person_id", "period_start", "period_end"};
    private static final Column[] PERSON_PERIOD_COLUMNS = Arrays.stream(PERSON_PERIOD).map(c -> col(c))
            .toArray(Column[]::new);
    private static final List<UtilizationMeasure> RATE_MEASURES = Arrays.stream(UtilizationMeasure.values())
            .filter(m -> m.kind() != UtilizationMeasure.Kind.PROPORTION).toList();

    private PersonUtilization() {
    }

    /** From {@code gold/member_months} and {@code gold/utilization_events}; proportion measures are left out. */
    public static Dataset<Row> of(Dataset<Row> memberMonths, Dataset<Row> events) {
        // Member months have no null person, month or period (MemberMonths keeps a month only within a period).
        // Saying so makes both reads of the months below one plan, so Spark reads gold/member_months once: the joins
        // would otherwise add these filters to the second read only.
        Dataset<Row> months = memberMonths.select("person_id", "month_start", "period_start", "period_end", "age")
                .where(col("person_id").isNotNull().and(col("month_start").isNotNull())
                        .and(col("period_start").isNotNull()).and(col("period_end").isNotNull()))
                .distinct();
        // Person-time: the covered months at each measure's ages.
        Dataset<Row> personTime = perMeasure(months.groupBy(PERSON_PERIOD_COLUMNS),
                (m, i) -> sum(when(m.atAge(col("age")), 1L).otherwise(0L)).as(monthsColumn(i)));
        // Events: only those in a covered month at the measure's ages.
        Dataset<Row> counted = perMeasure(events.select(col("person_id"), col("measure_id"),
                        trunc(col("event_date"), "month").as("month_start"), col("events"))
                .join(months, new String[] {"person_id", "month_start"}).groupBy(PERSON_PERIOD_COLUMNS),
                (m, i) -> ExactSum.of(when(col("measure_id").equalTo(m.id()).and(m.atAge(col("age"))), col("events")))
                        .as(eventsColumn(i)));
        Column measureRows = explode(array(IntStream.range(0, RATE_MEASURES.size())
                .mapToObj(i -> struct(lit(RATE_MEASURES.get(i).id()).as("measure_id"),
                        col(monthsColumn(i)).as("months"), col(eventsColumn(i)).as("events")))
                .toArray(Column[]::new)));
        return personTime.join(counted, PERSON_PERIOD, "left")
                .select(col("person_id"), col("period_start"), col("period_end"), measureRows.as("m"))
                .where(col("m.months").gt(0))
                .select(col("person_id"), col("m.measure_id").as("measure_id"), col("period_start"),
                        col("period_end"), coalesce(col("m.events"), lit(0.0)).as("events"),
                        col("m.months").divide(12.0).as("person_years"));
    }

    /** The groups with one aggregate per rate measure, the i-th measure's named by {@code i}. */
    private static Dataset<Row> perMeasure(RelationalGroupedDataset groups, MeasureAggregate aggregate) {
        return Aggregations.of(groups, IntStream.range(0, RATE_MEASURES.size())
                .mapToObj(i -> aggregate.of(RATE_MEASURES.get(i), i)).toList());
    }

    private static String monthsColumn(int i) {
        return "months_" + i;
    }

    private static String eventsColumn(int i) {
        return "events_" + i;
    }

    /** An aggregate over the rows of a person and period for one measure. */
    @FunctionalInterface
    private interface MeasureAggregate {
        Column of(UtilizationMeasure measure, int index);
    }
}
