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

/** CMS130 Colorectal Cancer Screening: adults 46–75 with a screening test inside its look-back window. */
final class Cms130 extends Measure {

    @Override
    public String id() {
        return "CMS130";
    }

    @Override
    public String title() {
        return "Colorectal Cancer Screening";
    }

    @Override
    public Set<String> valueSets() {
        Set<String> s = new HashSet<>(OutpatientEncounters.VALUE_SETS);
        s.addAll(SharedExclusions.VALUE_SETS);
        s.addAll(Set.of(MALIGNANT_NEOPLASM_COLON, TOTAL_COLECTOMY, FOBT, SDNA_FIT, FLEXIBLE_SIGMOIDOSCOPY,
                CT_COLONOGRAPHY, COLONOSCOPY));
        return s;
    }

    @Override
    public Dataset<Row> initialPopulation(MeasureContext c) {
        return both(c.agedBetween(c.period().endDate(), 46, 75), OutpatientEncounters.qualifying(c));
    }

    @Override
    public Optional<Dataset<Row>> denominatorExclusion(MeasureContext c) {
        Column end = c.period().endDate();
        Dataset<Row> colonCancer = c.events(MALIGNANT_NEOPLASM_COLON)
                .where(Status.condition().and(Timing.prevalenceStartsOnOrBefore(end, true)))
                .select(col("person_id"), SharedExclusions.evidence("colorectal cancer", col("start_ts")).as("evidence"));
        Dataset<Row> colectomy = c.events(TOTAL_COLECTOMY)
                .where(Status.procedureDone().and(Timing.latestDay().leq(end)))
                .select(col("person_id"), SharedExclusions.evidence("total colectomy", Timing.latest()).as("evidence"));
        return Optional.of(anyOf(SharedExclusions.hospice(c), colonCancer, colectomy,
                SharedExclusions.advancedIllnessAndFrailty(c), SharedExclusions.nursingHome(c),
                SharedExclusions.palliativeCare(c)));
    }

    /** Any of the five screenings, each within its own look-back from the period start. */
    @Override
    public Dataset<Row> numerator(MeasureContext c) {
        Column hasValue = col("value_num").isNotNull().or(col("value_code").isNotNull());
        return anyOf(
                screening(c, FOBT, 0, Status.laboratory().and(hasValue), "FOBT"),
                screening(c, SDNA_FIT, 2, Status.laboratory().and(hasValue), "sDNA-FIT"),
                screening(c, FLEXIBLE_SIGMOIDOSCOPY, 4, Status.procedureDone(), "flexible sigmoidoscopy"),
                screening(c, CT_COLONOGRAPHY, 4, Status.imaging(), "CT colonography"),
                screening(c, COLONOSCOPY, 9, Status.procedureDone(), "colonoscopy"));
    }

    private static Dataset<Row> screening(MeasureContext c, String valueSet, int priorYears, Column filter, String what) {
        Column from = c.period().startPlusMonths(-12 * priorYears);
        return c.events(valueSet).where(filter.and(Timing.endsWithin(from, c.period().endDate())))
                .select(col("person_id"), SharedExclusions.evidence(what, Timing.latest()).as("evidence"));
    }

    @Override
    public Optional<Dataset<Row>> strata(MeasureContext c) {
        return Optional.of(c.ages(c.period().endDate()).select(col("person_id"),
                when(col("age").between(46, 49), lit("46-49")).when(col("age").between(50, 75), lit("50-75"))
                        .as("stratum")));
    }
}
