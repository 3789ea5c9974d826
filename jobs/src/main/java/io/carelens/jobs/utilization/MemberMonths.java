package io.carelens.jobs.utilization;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.make_date;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.trunc;
import static org.apache.spark.sql.functions.year;

import io.carelens.common.period.ReportingPeriod;
import io.carelens.common.spark.Ages;
import io.carelens.jobs.utilization.UtilizationSettings.MemberMonthRule;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Member months, the denominator of every utilization rate: one row per person, covered calendar month, reporting
 * period and program the person is attributed to that month (program columns null when unattributed).
 *
 * <p>A coverage span counts from the later of its start and the birth date to the earliest of its end, the date of
 * death and the as-of date (open spans end there). Under the default rule a month counts when any day of it is
 * covered; {@code first-day} and {@code mid-month} require the 1st or the 15th. Overlapping spans give one month; its
 * payer and dual status are those of the span that started last. Attribution spans attach by the same rule.
 */
public final class MemberMonths {
    static final StructType PERIOD_SCHEMA = new StructType()
            .add("period_start", DataTypes.DateType, false)
            .add("period_end", DataTypes.DateType, false);

    private final MemberMonthRule rule;
    private final LocalDate asOf;

    public MemberMonths(MemberMonthRule rule, LocalDate asOf) {
        this.rule = rule;
        this.asOf = asOf;
    }

    /**
     * Covered months: {@code person_id, month_start, age} (age in whole years on the month's first day),
     * {@code payer_type, dual_status}; one row per person and month.
     */
    public Dataset<Row> covered(Dataset<Row> coverage, Dataset<Row> patient) {
        Column asOfDate = lit(Date.valueOf(asOf));
        Dataset<Row> spans = coverage.join(patient.select("person_id", "birth_date", "deceased_date"), "person_id")
                .withColumn("_from", greatest(col("start_date"), col("birth_date")))
                .withColumn("_to", least(col("end_date"), col("deceased_date"), asOfDate))
                .where(col("_from").leq(col("_to")));
        Dataset<Row> months = spans
                .withColumn("month_start", explode(sequence(trunc(col("_from"), "MM"), trunc(col("_to"), "MM"),
                        expr("interval 1 month"))))
                .where(counts(col("month_start"), col("_from"), col("_to")));
        return months
                .withColumn("_n", row_number().over(Window.partitionBy("person_id", "month_start")
                        .orderBy(col("start_date").desc(), col("coverage_id"))))
                .where(col("_n").equalTo(1))
                .select(col("person_id"), col("month_start"),
                        Ages.wholeYears(col("birth_date"), col("month_start")).cast("int").as("age"),
                        col("payer_type"), col("dual_status"));
    }

    /** Whether the month starting {@code monthStart} counts for a span {@code [from, to]} under the rule. */
    private Column counts(Column monthStart, Column from, Column to) {
        return switch (rule) {
            case ANY_DAY -> lit(true);
            case FIRST_DAY -> monthStart.between(from, to);
            case MID_MONTH -> date_add(monthStart, 14).between(from, to);
        };
    }

    /** The reporting periods: the configured ones, else every calendar year holding a covered month. */
    public static Dataset<Row> periods(SparkSession spark, List<ReportingPeriod> configured, Dataset<Row> covered) {
        if (!configured.isEmpty()) {
            return spark.createDataFrame(configured.stream()
                    .map(p -> RowFactory.create(Date.valueOf(p.start()), Date.valueOf(p.end()))).toList(), PERIOD_SCHEMA);
        }
        return covered.select(year(col("month_start")).as("_y")).distinct()
                .select(make_date(col("_y"), lit(1), lit(1)).as("period_start"),
                        make_date(col("_y"), lit(12), lit(31)).as("period_end"));
    }

    /**
     * The gold member months: covered months within a period, each joined to the program spans covering it
     * ({@code person_id, program_id, practice_id, arm, start_date, end_date}); a month without one keeps null program
     * columns. Columns: {@code person_id, month_start, period_start, period_end, age, payer_type, dual_status,
     * program_id, arm, practice_id}.
     */
    public Dataset<Row> withAttribution(Dataset<Row> covered, Dataset<Row> periods, Dataset<Row> attribution) {
        Dataset<Row> inPeriod = covered.join(periods,
                col("month_start").between(col("period_start"), col("period_end")));
        Dataset<Row> spans = attribution
                .select(col("person_id").as("_a_person"), col("program_id"), col("practice_id"), col("arm"),
                        col("start_date").as("_a_from"),
                        least(col("end_date"), lit(Date.valueOf(asOf))).as("_a_to"));
        Column monthEnd = expr("last_day(month_start)");
        Column overlaps = col("person_id").equalTo(col("_a_person"))
                .and(col("_a_from").leq(monthEnd)).and(col("_a_to").geq(col("month_start")))
                .and(counts(col("month_start"), col("_a_from"), col("_a_to")));
        Dataset<Row> joined = inPeriod.join(spans, overlaps, "left")
                .withColumn("_n", row_number().over(Window.partitionBy("person_id", "month_start", "period_start",
                        "program_id").orderBy(col("_a_from").desc(), col("practice_id"))))
                .where(col("_n").equalTo(1));
        return joined.select("person_id", "month_start", "period_start", "period_end", "age", "payer_type",
                "dual_status", "program_id", "arm", "practice_id");
    }
}
