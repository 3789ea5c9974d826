package io.carelens.jobs.measures;

import static io.carelens.jobs.measures.MeasureContext.anyOf;
import static io.carelens.jobs.measures.MeasureContext.both;
import static io.carelens.jobs.measures.ValueSets.*;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * CMS138 Preventive Care and Screening: Tobacco Use: Screening and Cessation Intervention (2024 content, QI-Core
 * 4.1.1). Three population groups share the initial population and the hospice exclusion: CMS138-1 screening,
 * CMS138-2 intervention for tobacco users, CMS138-3 overall (non-user, or user with an intervention).
 */
final class Cms138 extends Measure {
    private static final String[] QUALIFYING_VISITS = {HOME_HEALTHCARE, OCCUPATIONAL_THERAPY_EVALUATION,
            v2024(OFFICE_VISIT), OPHTHALMOLOGICAL_SERVICES, PHYSICAL_THERAPY_EVALUATION, PSYCH_DIAGNOSTIC_EVALUATION,
            PSYCH_PSYCHOTHERAPY, PSYCHOANALYSIS, SPEECH_HEARING_EVALUATION, TELEPHONE_VISITS, v2024(VIRTUAL_ENCOUNTER),
            HEALTH_BEHAVIOR_VISIT.id()};
    private static final String[] PREVENTIVE_VISITS = {v2024(ANNUAL_WELLNESS_VISIT), PREVENTIVE_ESTABLISHED_18_UP,
            PREVENTIVE_INITIAL_18_UP, PREVENTIVE_ESTABLISHED_0_17, PREVENTIVE_INITIAL_0_17, PREVENTIVE_GROUP_COUNSELING,
            PREVENTIVE_INDIVIDUAL_COUNSELING, NUTRITION_SERVICES, PREVENTIVE_CPT.id()};

    /** The population group: 1 screening, 2 intervention for users, 3 overall. */
    private final int group;

    Cms138(int group) {
        this.group = group;
    }

    static List<Measure> groups() {
        return List.of(new Cms138(1), new Cms138(2), new Cms138(3));
    }

    @Override
    public String id() {
        return "CMS138-" + group;
    }

    @Override
    public String title() {
        return switch (group) {
            case 1 -> "Tobacco Use: Screening";
            case 2 -> "Tobacco Use: Cessation Intervention for Tobacco Users";
            default -> "Tobacco Use: Screening and Cessation Intervention";
        };
    }

    @Override
    public Set<String> valueSets() {
        Set<String> s = new HashSet<>(Set.of(QUALIFYING_VISITS));
        s.addAll(Set.of(PREVENTIVE_VISITS));
        s.addAll(Set.of(TOBACCO_USE_SCREENING, TOBACCO_USER, TOBACCO_NON_USER, TOBACCO_CESSATION_COUNSELING,
                TOBACCO_CESSATION_PHARMACOTHERAPY, TOBACCO_ABUSE_COUNSELING.id()));
        s.addAll(SharedExclusions.HOSPICE_2024_VALUE_SETS);
        return s;
    }

    /** Age 12 or older at the period start with two qualifying visits or one preventive visit (2024 statuses). */
    @Override
    public Dataset<Row> initialPopulation(MeasureContext c) {
        Column inPeriod = Status.encounterPerformed2024()
                .and(Timing.encounterWithin(c.period().startDate(), c.period().endDate()));
        Dataset<Row> twoVisits = c.events(QUALIFYING_VISITS).where(inPeriod).groupBy("person_id")
                .agg(countDistinct("record_id").as("visits")).where(col("visits").geq(2)).select("person_id");
        Dataset<Row> preventive = c.events(PREVENTIVE_VISITS).where(inPeriod).select("person_id");
        return both(c.agedBetween(c.period().startDate(), 12, null), anyOf(twoVisits, preventive));
    }

    @Override
    public Optional<Dataset<Row>> denominator(MeasureContext c) {
        return group == 2 ? Optional.of(screenedAs(c, TOBACCO_USER, "tobacco user")) : Optional.empty();
    }

    @Override
    public Optional<Dataset<Row>> denominatorExclusion(MeasureContext c) {
        return Optional.of(SharedExclusions.hospice2024(c));
    }

    @Override
    public Dataset<Row> numerator(MeasureContext c) {
        Dataset<Row> user = screenedAs(c, TOBACCO_USER, "tobacco user");
        Dataset<Row> nonUser = screenedAs(c, TOBACCO_NON_USER, "tobacco non-user");
        return switch (group) {
            case 1 -> anyOf(user, nonUser);
            case 2 -> cessationIntervention(c);
            default -> anyOf(nonUser, both(cessationIntervention(c), user));
        };
    }

    /** B3: the most recent tobacco screening in the period (survey category) has a value in {@code valueSet}. */
    private static Dataset<Row> screenedAs(MeasureContext c, String valueSet, String what) {
        Dataset<Row> screenings = c.events(TOBACCO_USE_SCREENING)
                .where(Status.observationDone().and(col("category").equalTo("survey"))
                        .and(Timing.startDay().geq(c.period().startDate())).and(Timing.latestDay().leq(c.period().endDate())));
        Dataset<Row> latest = Pick.last(screenings, col("start_ts")).select("person_id", "record_id", "start_ts");
        return latest.join(c.valueEvents(valueSet).select("record_id"), "record_id")
                .select(col("person_id"), SharedExclusions.evidence("screened " + what, col("start_ts")).as("evidence"));
    }

    /** B5: counseling, a pharmacotherapy order, or active pharmacotherapy, from six months before the period. */
    private static Dataset<Row> cessationIntervention(MeasureContext c) {
        Column lo = c.period().startPlusMonths(-6);
        Column hi = c.period().endDate();
        Column order = Status.medicationRequest().and(col("intent").equalTo("order"));
        return anyOf(
                c.events(TOBACCO_CESSATION_COUNSELING)
                        .where(Status.procedureDone().and(Timing.startDay().geq(lo)).and(Timing.latestDay().leq(hi)))
                        .select(col("person_id"), SharedExclusions.evidence("cessation counseling", col("start_ts")).as("evidence")),
                c.events(TOBACCO_ABUSE_COUNSELING.id())
                        .where(Status.from("condition").and(Timing.prevalenceStartsWithin(lo, hi)))
                        .select(col("person_id"), SharedExclusions.evidence("tobacco abuse counseling", col("start_ts")).as("evidence")),
                c.events(TOBACCO_CESSATION_PHARMACOTHERAPY)
                        .where(order.and(col("status").isin("active", "completed"))
                                .and(to_date(col("authored_ts")).between(lo, hi)))
                        .select(col("person_id"), SharedExclusions.evidence("cessation medication ordered", col("authored_ts")).as("evidence")),
                c.events(TOBACCO_CESSATION_PHARMACOTHERAPY)
                        .where(order.and(col("status").equalTo("active")).and(col("end_ts").isNotNull())
                                .and(to_date(coalesce(col("start_ts"), col("authored_ts"))).geq(lo))
                                .and(to_date(col("end_ts")).leq(hi)))
                        .select(col("person_id"), lit("active cessation pharmacotherapy").as("evidence")));
    }
}
