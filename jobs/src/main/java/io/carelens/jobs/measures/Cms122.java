package io.carelens.jobs.measures;

import static io.carelens.jobs.measures.MeasureContext.both;
import static io.carelens.jobs.measures.ValueSets.*;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * CMS122 Diabetes: Glycemic Status Assessment Greater Than 9% (inverse): diabetic adults 18–75 whose most recent
 * glycemic assessment (lowest reading on the most recent day) is above 9 %, missing a result, or absent.
 */
final class Cms122 extends Measure {
    private static final Set<String> ENCOUNTERS = Set.of(OFFICE_VISIT, ANNUAL_WELLNESS_VISIT,
            PREVENTIVE_ESTABLISHED_18_UP, PREVENTIVE_INITIAL_18_UP, HOME_HEALTHCARE, NUTRITION_SERVICES,
            TELEPHONE_VISITS, MEDICAL_NUTRITION_THERAPY.id());

    @Override
    public String id() {
        return "CMS122";
    }

    @Override
    public String title() {
        return "Diabetes: Glycemic Status Assessment Greater Than 9%";
    }

    @Override
    public boolean inverse() {
        return true;
    }

    @Override
    public Set<String> valueSets() {
        Set<String> s = new HashSet<>(ENCOUNTERS);
        s.addAll(Set.of(DIABETES, HBA1C, GMI.id()));
        s.addAll(SharedExclusions.VALUE_SETS);
        return s;
    }

    @Override
    public Dataset<Row> initialPopulation(MeasureContext c) {
        PeriodOfRow p = c.period();
        Dataset<Row> encounter = c.events(ENCOUNTERS.toArray(String[]::new))
                .where(Status.encounterFinished().and(Timing.encounterWithin(p.startDate(), p.endDate())));
        Dataset<Row> diabetes = c.events(DIABETES)
                .where(Status.condition().and(col("category").equalTo("encounter-diagnosis"))
                        .and(Timing.prevalenceOverlaps(p.startDate(), p.endDate(), true)));
        return both(both(c.agedBetween(p.endDate(), 18, 75), encounter), diabetes);
    }

    @Override
    public Optional<Dataset<Row>> denominatorExclusion(MeasureContext c) {
        return Optional.of(SharedExclusions.standard(c));
    }

    /** Poor control: no assessment, or the lowest reading of the most recent day is missing or above 9 %. */
    @Override
    public Dataset<Row> numerator(MeasureContext c) {
        Dataset<Row> lowest = lowestOnMostRecentDay(c);
        Column withoutResult = col("value_num").isNull().and(col("value_code").isNull());
        Column elevated = col("value_num").gt(9).and(col("value_unit").isNull().or(col("value_unit").equalTo("%")));
        Dataset<Row> noAssessment = MeasureContext.without(c.patients(), lowest)
                .withColumn("evidence", lit("no glycemic assessment in the period"));
        return MeasureContext.anyOf(noAssessment,
                lowest.where(withoutResult.or(elevated)).select(col("person_id"), col("evidence")));
    }

    @Override
    public Optional<Dataset<Row>> evidence(MeasureContext c) {
        return Optional.of(lowestOnMostRecentDay(c).select("person_id", "evidence"));
    }

    /** §CMS122 step 2: per person, the lowest reading (missing values first) on the most recent assessment day. */
    private static Dataset<Row> lowestOnMostRecentDay(MeasureContext c) {
        PeriodOfRow p = c.period();
        Dataset<Row> assessments = c.events(HBA1C, GMI.id())
                .where(Status.laboratory().and(Timing.endsWithin(p.startDate(), p.endDate())))
                .withColumn("day", Timing.latestDay());
        Dataset<Row> lowest = Pick.one(assessments, col("day").desc(), col("value_num").asc_nulls_first(),
                col("record_id").asc());
        Column value = when(col("value_num").isNotNull(), concat(col("value_num").cast("string"), lit(" %")))
                .when(col("value_code").isNotNull(), concat(lit("coded "), col("value_code")))
                .otherwise(lit("no result"));
        return lowest.withColumn("evidence", concat(lit("HbA1c "), value, lit(" on "), date_format(col("day"), "yyyy-MM-dd")));
    }
}
