package io.carelens.jobs.measures;

import static io.carelens.jobs.measures.MeasureContext.anyOf;
import static io.carelens.jobs.measures.ValueSets.*;
import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;

import io.carelens.common.spark.Ages;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * CMS159 Depression Remission at Twelve Months: patients 12 and older whose first PHQ-9 above 9, at a depression
 * visit ending in the Denominator Identification Period (14 to 2 months before the period), is followed by a last
 * PHQ-9 below 5 in the Measure Assessment Period (index + 12 months ± 60 days).
 */
final class Cms159 extends Measure {
    private static final Object[] NOT_PERFORMED = {"not-done", "entered-in-error", "unknown"};

    @Override
    public String id() {
        return "CMS159";
    }

    @Override
    public String title() {
        return "Depression Remission at Twelve Months";
    }

    @Override
    public Set<String> valueSets() {
        return new HashSet<>(Set.of(CONTACT_OR_OFFICE_VISIT, MAJOR_DEPRESSION, DYSTHYMIA, PHQ9, ENCOUNTER_INPATIENT,
                HOSPICE_ENCOUNTER, HOSPICE_ASSESSMENT.id(), HOSPICE_CARE_AMBULATORY, HOSPICE_DIAGNOSIS, FACIT_PAL.id(),
                PALLIATIVE_DIAGNOSIS, PALLIATIVE_ENCOUNTER, PALLIATIVE_INTERVENTION, BIPOLAR_DISORDER,
                PERSONALITY_DISORDER, SCHIZOPHRENIA, PERVASIVE_DEVELOPMENTAL_DISORDER));
    }

    private static Column integerScore() {
        return col("value_num").isNotNull().and(col("value_num").equalTo(floor(col("value_num"))));
    }

    /**
     * B4: per person, the index assessment (earliest elevated PHQ-9 within [visit start - 7 days, visit end] of a
     * depression visit ending in the DIP) with its index date, the MAP and the exclusion window.
     */
    private static Dataset<Row> index(MeasureContext c) {
        return c.shared("cms159-index", () -> indexAssessments(c));
    }

    private static Dataset<Row> indexAssessments(MeasureContext c) {
        PeriodOfRow p = c.period();
        Column dipStart = p.startPlusMonths(-14);
        Column dipEnd = date_sub(p.startPlusMonths(-2), 1);
        Dataset<Row> diagnoses = c.events(MAJOR_DEPRESSION, DYSTHYMIA)
                .where(Status.from("condition").and(Timing.conditionProfile()).and(Timing.confirmedActive()))
                .select(col("person_id"), col("start_ts").as("dx_start"), col("end_ts").as("dx_end"));
        Dataset<Row> visits = c.events(CONTACT_OR_OFFICE_VISIT)
                .where(Status.encounterFinished().and(col("end_ts").isNotNull())
                        .and(to_date(col("end_ts")).between(dipStart, dipEnd)))
                .select(col("person_id"), col("start_ts").as("v_start"), col("end_ts").as("v_end"));
        Dataset<Row> depressionVisits = visits.join(diagnoses, "person_id")
                .where(col("dx_start").isNull().or(col("dx_start").leq(col("v_end")))
                        .and(col("dx_end").isNull().or(col("dx_end").geq(col("v_start")))))
                .select("person_id", "v_start", "v_end");
        Dataset<Row> elevated = c.events(PHQ9).where(Status.observationDone().and(integerScore()).and(col("value_num").gt(9)));
        Dataset<Row> candidates = elevated.join(depressionVisits, "person_id")
                .where(Timing.startDay().geq(date_sub(to_date(col("v_start")), 7))
                        .and(Timing.latestDay().leq(to_date(col("v_end")))));
        Dataset<Row> first = Pick.first(candidates, col("start_ts"));
        Column indexDate = to_date(col("start_ts"));
        return first.select(col("person_id"), indexDate.as("index_date"), col("value_num").as("index_score"))
                .withColumn("map_start", date_sub(add_months(col("index_date"), 12), 60))
                .withColumn("map_end", date_add(add_months(col("index_date"), 12), 60))
                .withColumn("window_start", dipStart);
    }

    @Override
    public Dataset<Row> initialPopulation(MeasureContext c) {
        return index(c).join(c.patients().where(col("birth_date").isNotNull()), "person_id")
                .where(Ages.wholeYears(col("birth_date"), col("index_date")).geq(12))
                .select(col("person_id"), concat(lit("index PHQ-9 "), col("index_score").cast("int").cast("string"),
                        lit(" on "), date_format(col("index_date"), "yyyy-MM-dd")).as("evidence"));
    }

    /** Hospice or palliative care from the DIP start to the MAP end, death by the MAP end, or a mental-health disorder. */
    @Override
    public Optional<Dataset<Row>> denominatorExclusion(MeasureContext c) {
        Dataset<Row> idx = index(c).select("person_id", "window_start", "map_end");
        Column lo = col("window_start");
        Column hi = col("map_end");
        Dataset<Row> hospice = anyOf(
                within(c.events(ENCOUNTER_INPATIENT), idx, Status.encounterFinished()
                        .and(col("discharge_code").isin(DISCHARGE_HOME_HOSPICE, DISCHARGE_FACILITY_HOSPICE))
                        .and(col("end_ts").isNotNull()).and(to_date(col("end_ts")).between(lo, hi)), "discharge to hospice"),
                within(c.events(HOSPICE_ENCOUNTER), idx, Status.from("encounter")
                        .and(col("status").isin("cancelled", "entered-in-error", "unknown").unary_$bang())
                        .and(Timing.encounterOverlaps(lo, hi)), "hospice encounter"),
                within(c.events(HOSPICE_ASSESSMENT), idx, Status.observationDone().and(col("value_code").equalTo(YES))
                        .and(Timing.overlaps(lo, hi)), "hospice assessment"),
                within(c.events(HOSPICE_CARE_AMBULATORY), idx, Status.ordered("service")
                        .and(to_date(col("authored_ts")).between(lo, hi)), "hospice care order"),
                within(c.events(HOSPICE_CARE_AMBULATORY), idx, Status.from("procedure")
                        .and(col("status").isin(NOT_PERFORMED).unary_$bang()).and(Timing.overlaps(lo, hi)), "hospice care"),
                within(c.events(HOSPICE_DIAGNOSIS), idx, confirmedActiveCondition()
                        .and(Timing.prevalenceOverlaps(lo, hi, true)), "hospice diagnosis"));
        Dataset<Row> palliative = anyOf(
                within(c.events(FACIT_PAL), idx, Status.observationDone().and(Timing.overlaps(lo, hi)), "palliative care assessment"),
                within(c.events(PALLIATIVE_DIAGNOSIS), idx, confirmedActiveCondition()
                        .and(Timing.prevalenceOverlaps(lo, hi, true)), "palliative care diagnosis"),
                within(c.events(PALLIATIVE_ENCOUNTER), idx, Status.encounterFinished().and(Timing.encounterOverlaps(lo, hi)),
                        "palliative care encounter"),
                within(c.events(PALLIATIVE_INTERVENTION), idx, Status.from("procedure")
                        .and(col("status").isin(NOT_PERFORMED).unary_$bang()).and(Timing.overlaps(lo, hi)),
                        "palliative care intervention"));
        Dataset<Row> expired = c.patients().join(idx, "person_id")
                .where(col("deceased_date").isNotNull().and(col("deceased_date").leq(col("map_end"))))
                .select(col("person_id"), SharedExclusions.evidence("died", col("deceased_date")).as("evidence"));
        Dataset<Row> mentalHealth = within(c.events(BIPOLAR_DISORDER, PERSONALITY_DISORDER, SCHIZOPHRENIA,
                PERVASIVE_DEVELOPMENTAL_DISORDER), idx, confirmedActiveCondition()
                .and(Timing.prevalenceStartsOnOrBefore(col("map_end"), true)), "mental health disorder");
        return Optional.of(anyOf(hospice, palliative, expired, mentalHealth));
    }

    private static Column confirmedActiveCondition() {
        return Status.from("condition").and(Timing.conditionProfile()).and(Timing.confirmedActive());
    }

    /** Events that meet {@code rule}, evaluated against each person's own windows. */
    private static Dataset<Row> within(Dataset<Row> events, Dataset<Row> windows, Column rule, String what) {
        return events.join(windows, "person_id").where(rule)
                .select(col("person_id"), SharedExclusions.evidence(what, col("start_ts")).as("evidence"));
    }

    /** Remission: the last PHQ-9 starting in the MAP has an integer score below 5. */
    @Override
    public Dataset<Row> numerator(MeasureContext c) {
        return lastInAssessmentPeriod(c).where(integerScore().and(col("value_num").lt(5)))
                .select("person_id", "evidence");
    }

    @Override
    public Optional<Dataset<Row>> evidence(MeasureContext c) {
        return Optional.of(lastInAssessmentPeriod(c).select("person_id", "evidence"));
    }

    private static Dataset<Row> lastInAssessmentPeriod(MeasureContext c) {
        Dataset<Row> idx = index(c).select("person_id", "map_start", "map_end");
        Dataset<Row> followUps = c.events(PHQ9).where(Status.observationDone()).join(idx, "person_id")
                .where(Timing.startDay().between(col("map_start"), col("map_end")));
        return Pick.last(followUps, col("start_ts")).withColumn("evidence", concat(lit("last PHQ-9 "),
                coalesce(col("value_num").cast("int").cast("string"), lit("without score")),
                lit(" on "), date_format(Timing.startDay(), "yyyy-MM-dd")));
    }
}
