package io.carelens.jobs.measures;

import static io.carelens.jobs.measures.MeasureContext.anyOf;
import static io.carelens.jobs.measures.MeasureContext.both;
import static io.carelens.jobs.measures.ValueSets.*;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import io.carelens.common.spark.Seqs;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * CMS2 Preventive Care and Screening: Screening for Depression and Follow-Up Plan: patients 12 and older with a
 * qualifying visit, screened with the age-appropriate tool (negative, or positive with a follow-up plan); a
 * documented medical or patient reason for not screening is a denominator exception.
 */
final class Cms2 extends Measure {
    private static final String[] ENCOUNTERS = {DEPRESSION_SCREEN_ENCOUNTER, PHYSICAL_THERAPY_EVALUATION, TELEPHONE_VISITS};

    /** One screening tool with its follow-up value sets. */
    private record Tool(String name, DirectCode screening, String medications, String referral, String followUp) {
    }

    private static final Tool ADOLESCENT = new Tool("adolescent", ADOLESCENT_DEPRESSION_SCREENING,
            ADOLESCENT_DEPRESSION_MEDICATIONS, REFERRAL_ADOLESCENT_DEPRESSION, FOLLOW_UP_ADOLESCENT_DEPRESSION);
    private static final Tool ADULT = new Tool("adult", ADULT_DEPRESSION_SCREENING,
            ADULT_DEPRESSION_MEDICATIONS, REFERRAL_ADULT_DEPRESSION, FOLLOW_UP_ADULT_DEPRESSION);

    @Override
    public String id() {
        return "CMS2";
    }

    @Override
    public String title() {
        return "Screening for Depression and Follow-Up Plan";
    }

    @Override
    public Set<String> valueSets() {
        Set<String> s = new HashSet<>(Set.of(ENCOUNTERS));
        for (Tool t : List.of(ADOLESCENT, ADULT)) {
            s.addAll(Set.of(t.screening().id(), t.medications(), t.referral(), t.followUp()));
        }
        s.addAll(Set.of(BIPOLAR_DISORDER, MEDICAL_REASON, DEPRESSION_SCREENING_DECLINED.id()));
        return s;
    }

    /** B1: finished qualifying encounters within the period by day, with their start and end. */
    private static Dataset<Row> qualifyingEncounters(MeasureContext c) {
        return c.shared("cms2-qualifying-encounters", () -> c.events(ENCOUNTERS)
                .where(Status.encounterFinished().and(Timing.encounterWithin(c.period().startDate(), c.period().endDate())))
                .select(col("person_id"), col("record_id").as("qe_id"), col("start_ts").as("qe_start"),
                        col("end_ts").as("qe_end"))
                .distinct());
    }

    @Override
    public Dataset<Row> initialPopulation(MeasureContext c) {
        return both(c.agedBetween(c.period().startDate(), 12, null), qualifyingEncounters(c));
    }

    /** Bipolar disorder on the problem list starting before the date of a qualifying encounter. */
    @Override
    public Optional<Dataset<Row>> denominatorExclusion(MeasureContext c) {
        Dataset<Row> bipolar = c.events(BIPOLAR_DISORDER)
                .where(Status.from("condition").and(col("category").isin("problem-list-item", "health-concern")));
        return Optional.of(bipolar.join(qualifyingEncounters(c), "person_id")
                .where(col("start_ts").isNull().or(to_date(col("start_ts")).lt(to_date(col("qe_start")))))
                .select(col("person_id"), SharedExclusions.evidence("bipolar disorder", col("start_ts")).as("evidence")));
    }

    /** B2: screenings of a tool with a value, ending at most 14 days before (or on) a qualifying encounter's date. */
    private static Dataset<Row> screenings(MeasureContext c, Tool t) {
        return c.shared("cms2-screenings-" + t.name(), () -> screeningsOf(c, t));
    }

    private static Dataset<Row> screeningsOf(MeasureContext c, Tool t) {
        Dataset<Row> obs = c.events(t.screening())
                .where(Status.from("observation").and(col("status").isin("final", "corrected"))
                        .and(col("value_num").isNotNull().or(col("value_code").isNotNull())));
        return obs.join(qualifyingEncounters(c), "person_id")
                .where(Timing.latestDay().between(date_sub(to_date(col("qe_start")), 14), to_date(col("qe_start"))))
                .select(Arrays.stream(obs.columns()).map(name -> obs.col(name)).toArray(Column[]::new)).distinct();
    }

    /** B3: the most recent screening of a tool (latest start; ties prefer positive, then greatest id). */
    private static Dataset<Row> mostRecent(MeasureContext c, Tool t) {
        Column positive = col("value_code").equalTo(DEPRESSION_SCREENING_POSITIVE);
        return Pick.one(screenings(c, t), col("start_ts").desc_nulls_last(),
                when(positive, 1).otherwise(0).desc(), col("record_id").desc());
    }

    /** Negative, or positive with a follow-up (B5), for one tool. */
    private static Dataset<Row> screenedNegativeOrFollowedUp(MeasureContext c, Tool t) {
        Dataset<Row> recent = mostRecent(c, t);
        Dataset<Row> negative = recent.where(col("value_code").equalTo(DEPRESSION_SCREENING_NEGATIVE))
                .select(col("person_id"), SharedExclusions.evidence(t.name() + " depression screen negative", col("start_ts")).as("evidence"));
        Dataset<Row> positive = recent.where(col("value_code").equalTo(DEPRESSION_SCREENING_POSITIVE))
                .select(col("person_id"), to_date(col("start_ts")).as("screen_day"));
        Dataset<Row> qe = qualifyingEncounters(c);
        // the positive screening counts for the encounters it precedes by at most 14 days
        Dataset<Row> screenedVisits = positive.join(qe, "person_id")
                .where(col("screen_day").between(date_sub(to_date(col("qe_start")), 14), to_date(col("qe_start"))));
        Column inPeriod = to_date(col("f_time")).between(c.period().startDate(), c.period().endDate());

        Dataset<Row> procedures = c.events(t.followUp()).where(Status.procedureDone())
                .select(col("person_id"), col("start_ts").as("f_time"));
        Dataset<Row> byProcedure = screenedVisits.join(procedures, "person_id")
                .where(col("f_time").between(col("qe_start"), col("qe_end")).and(inPeriod));

        Dataset<Row> referrals = c.events(t.referral())
                .where(Status.from("request").and(col("status").isin("active", "completed")).and(Status.notDoNotPerform()))
                .select(col("person_id"), col("authored_ts").as("f_time"));
        Dataset<Row> medications = medicationFollowUps(c, t, positive, qe);
        Column withinTwoDays = to_date(col("f_time")).between(to_date(col("qe_end")), date_add(to_date(col("qe_end")), 2));
        Dataset<Row> byOrder = screenedVisits.join(referrals.union(medications), "person_id").where(withinTwoDays.and(inPeriod));

        Dataset<Row> followedUp = anyOf(byProcedure.select("person_id"), byOrder.select("person_id"))
                .withColumn("evidence", lit(t.name() + " depression screen positive, follow-up provided"));
        return anyOf(negative, followedUp);
    }

    /**
     * F-med: depression medication orders whose supply period overlaps a qualifying encounter (preceded by the
     * positive screen by at most 14 days) and runs beyond its end date.
     */
    private static Dataset<Row> medicationFollowUps(MeasureContext c, Tool t, Dataset<Row> positive, Dataset<Row> qe) {
        Dataset<Row> orders = c.events(t.medications()).where(Status.medicationOrdered().and(col("end_ts").isNotNull()))
                .select(col("person_id"), col("authored_ts").as("f_time"),
                        to_date(coalesce(col("start_ts"), col("authored_ts"))).as("m_start"), to_date(col("end_ts")).as("m_end"));
        Dataset<Row> e1 = positive.join(qe, "person_id")
                .where(col("screen_day").between(date_sub(to_date(col("qe_start")), 14), to_date(col("qe_start"))))
                .select(col("person_id"), to_date(col("qe_start")).as("e1_start"), to_date(col("qe_end")).as("e1_end"));
        return orders.join(e1, "person_id")
                .where(col("m_start").leq(col("e1_end")).and(col("m_end").geq(col("e1_start")))
                        .and(col("m_end").gt(col("e1_end"))))
                .select("person_id", "f_time").distinct();
    }

    @Override
    public Dataset<Row> numerator(MeasureContext c) {
        Dataset<Row> ages = c.ages(c.period().startDate());
        Dataset<Row> adolescentAges = ages.where(col("age").between(12, 17)).select("person_id");
        Dataset<Row> adultAges = ages.where(col("age").geq(17)).select("person_id");
        return anyOf(both(screenedNegativeOrFollowedUp(c, ADOLESCENT), adolescentAges),
                both(screenedNegativeOrFollowedUp(c, ADULT), adultAges));
    }

    /** A medical or patient reason for not screening with a tool, during a qualifying visit, and no screening. */
    @Override
    public Optional<Dataset<Row>> denominatorException(MeasureContext c) {
        Dataset<Row> qe = qualifyingEncounters(c);
        Dataset<Row> reasons = c.reasonEvents(MEDICAL_REASON, DEPRESSION_SCREENING_DECLINED.id())
                .where(Status.from("observation").and(col("status").equalTo("cancelled")))
                .select("record_id");
        Dataset<Row> perTool = null;
        for (Tool t : List.of(ADOLESCENT, ADULT)) {
            Dataset<Row> notDone = c.events(t.screening()).where(col("status").equalTo("cancelled"))
                    .join(reasons, Seqs.of(List.of("record_id")))
                    .join(qe, "person_id")
                    .where(to_date(col("start_ts")).between(to_date(col("qe_start")), to_date(col("qe_end"))))
                    .select(col("person_id"), lit("reason for not screening (" + t.name() + " tool)").as("evidence"));
            Dataset<Row> unscreened = MeasureContext.without(notDone, screenings(c, t));
            perTool = perTool == null ? unscreened : anyOf(perTool, unscreened);
        }
        return Optional.of(perTool);
    }
}
