package io.carelens.jobs.measures;

import static io.carelens.jobs.measures.MeasureContext.anyOf;
import static io.carelens.jobs.measures.MeasureContext.both;
import static io.carelens.jobs.measures.ValueSets.*;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** CMS125 Breast Cancer Screening: women 42–74 with a mammogram from 1 October two years before the period. */
final class Cms125 extends Measure {

    @Override
    public String id() {
        return "CMS125";
    }

    @Override
    public String title() {
        return "Breast Cancer Screening";
    }

    @Override
    public Set<String> valueSets() {
        Set<String> s = new HashSet<>(OutpatientEncounters.VALUE_SETS);
        s.addAll(SharedExclusions.VALUE_SETS);
        s.addAll(Set.of(STATUS_POST_RIGHT_MASTECTOMY, STATUS_POST_LEFT_MASTECTOMY, UNILATERAL_MASTECTOMY_UNSPECIFIED,
                UNILATERAL_MASTECTOMY_RIGHT, UNILATERAL_MASTECTOMY_LEFT, HISTORY_BILATERAL_MASTECTOMY,
                BILATERAL_MASTECTOMY, MAMMOGRAPHY));
        return s;
    }

    /** Women (sex from the US Core sex extension, not administrative gender) aged 42–74 with an outpatient visit. */
    @Override
    public Dataset<Row> initialPopulation(MeasureContext c) {
        Dataset<Row> women = c.patients().where(col("sex").equalTo("female")).select("person_id");
        return both(both(c.agedBetween(c.period().endDate(), 42, 74), women), OutpatientEncounters.qualifying(c));
    }

    @Override
    public Optional<Dataset<Row>> denominatorExclusion(MeasureContext c) {
        Column end = c.period().endTs();
        Dataset<Row> right = anyOf(mastectomyDiagnosis(c, STATUS_POST_RIGHT_MASTECTOMY, RIGHT),
                mastectomyProcedure(c, UNILATERAL_MASTECTOMY_RIGHT));
        Dataset<Row> left = anyOf(mastectomyDiagnosis(c, STATUS_POST_LEFT_MASTECTOMY, LEFT),
                mastectomyProcedure(c, UNILATERAL_MASTECTOMY_LEFT));
        Dataset<Row> bothSides = both(right, left).withColumn("evidence", lit("right and left mastectomy"));
        Dataset<Row> bilateralHistory = c.events(HISTORY_BILATERAL_MASTECTOMY)
                .where(Status.condition().and(Timing.prevalenceStartsOnOrBefore(end, false)))
                .select(col("person_id"), SharedExclusions.evidence("history of bilateral mastectomy", col("start_ts")).as("evidence"));
        Dataset<Row> bilateral = c.events(BILATERAL_MASTECTOMY)
                .where(Status.procedureDone().and(Timing.latest().leq(end)))
                .select(col("person_id"), SharedExclusions.evidence("bilateral mastectomy", Timing.latest()).as("evidence"));
        return Optional.of(anyOf(SharedExclusions.hospice(c), bothSides, bilateralHistory, bilateral,
                SharedExclusions.advancedIllnessAndFrailty(c), SharedExclusions.nursingHome(c),
                SharedExclusions.palliativeCare(c)));
    }

    /** A status-post condition of the side, or an unspecified-laterality one whose body site is the side. */
    private static Dataset<Row> mastectomyDiagnosis(MeasureContext c, String statusPost, String side) {
        return c.events(statusPost, UNILATERAL_MASTECTOMY_UNSPECIFIED)
                .where(Status.condition()
                        .and(col("value_set_oid").equalTo(statusPost).or(col("body_site_code").equalTo(side)))
                        .and(Timing.prevalenceStartsOnOrBefore(c.period().endTs(), false)))
                .select("person_id");
    }

    private static Dataset<Row> mastectomyProcedure(MeasureContext c, String valueSet) {
        return c.events(valueSet).where(Status.procedureDone().and(Timing.latest().leq(c.period().endTs())))
                .select("person_id");
    }

    @Override
    public Dataset<Row> numerator(MeasureContext c) {
        Column from = c.period().dayOfYearBeforeStart(2, 10, 1);
        return c.events(MAMMOGRAPHY)
                .where(Status.imaging().and(Timing.endsWithin(from, c.period().endDate())))
                .select(col("person_id"), SharedExclusions.evidence("mammography", Timing.latest()).as("evidence"));
    }

    @Override
    public Optional<Dataset<Row>> strata(MeasureContext c) {
        return Optional.of(c.ages(c.period().endDate()).select(col("person_id"),
                when(col("age").between(42, 51), lit("42-51")).when(col("age").between(52, 74), lit("52-74"))
                        .as("stratum")));
    }
}
