package io.carelens.jobs.utilization;

import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.to_date;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;

/**
 * Attribution of people to practices when the source gives no attribution table: for each reporting period, the
 * practice that gave the plurality of the person's primary-care visits in the look-back window ending on the period's
 * last day. A tie goes to the practice of the most recent visit (then the smaller practice id). The result has the
 * shape of {@code silver/attribution} (one span per person and period, arm null) plus the evidence of the run
 * ({@code visits}, {@code look_back_start}, {@code method}), and is written to {@code gold/attribution}.
 */
public final class Attribution {
    static final String METHOD = "plurality of primary-care visits, ties to the most recent visit";

    private final UtilizationSettings settings;

    public Attribution(UtilizationSettings settings) {
        this.settings = settings;
    }

    /**
     * @param encounters silver encounters
     * @param periods {@code period_start, period_end}
     * @return {@code person_id, program_id, practice_id, arm, start_date, end_date, visits, look_back_start,
     *         last_visit_date, method}
     */
    public Dataset<Row> attribute(Dataset<Row> encounters, Dataset<Row> periods) {
        Dataset<Row> visits = primaryCareVisits(encounters);
        Dataset<Row> windowed = visits.join(periods,
                        col("visit_date").between(date_add(add_months(col("period_end"), -settings.lookBackMonths()), 1),
                                col("period_end")))
                .groupBy("person_id", "period_start", "period_end", "practice_id")
                .agg(count(lit(1)).as("visits"), max("visit_ts").as("last_visit_ts"));
        return windowed
                .withColumn("_rank", row_number().over(Window.partitionBy("person_id", "period_start", "period_end")
                        .orderBy(col("visits").desc(), col("last_visit_ts").desc(), col("practice_id"))))
                .where(col("_rank").equalTo(1))
                .select(col("person_id"), lit(settings.attributionProgramId()).as("program_id"), col("practice_id"),
                        lit(null).cast(DataTypes.StringType).as("arm"),
                        col("period_start").as("start_date"), col("period_end").as("end_date"), col("visits"),
                        date_add(add_months(col("period_end"), -settings.lookBackMonths()), 1).as("look_back_start"),
                        to_date(col("last_visit_ts")).as("last_visit_date"), lit(METHOD).as("method"));
    }

    /** Finished visits of the primary-care classes and types with a practice: {@code person_id, practice_id, visit_date, visit_ts}. */
    Dataset<Row> primaryCareVisits(Dataset<Row> encounters) {
        Column pc = col("encounter_class").isin(settings.attributionClasses().toArray())
                .and(col("status").isin(settings.attributionStatuses().toArray()))
                .and(col("practice_id").isNotNull());
        if (!settings.primaryCareTypes().isEmpty()) {
            pc = pc.and(concat_ws("|", col("type_system"), col("type_code"))
                    .isin(settings.primaryCareTypes().toArray()));
        }
        return encounters.where(pc).select(col("person_id"), col("practice_id"), to_date(col("start_ts")).as("visit_date"),
                col("start_ts").as("visit_ts"));
    }
}
