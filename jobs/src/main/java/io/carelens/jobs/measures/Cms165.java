package io.carelens.jobs.measures;

import static io.carelens.jobs.measures.MeasureContext.anyOf;
import static io.carelens.jobs.measures.MeasureContext.both;
import static io.carelens.jobs.measures.ValueSets.*;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import io.carelens.common.spark.Seqs;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * CMS165 Controlling High Blood Pressure: adults 18–85 with essential hypertension in the first six months of the
 * period whose lowest systolic and diastolic readings on the most recent qualifying BP day are below 140/90.
 */
final class Cms165 extends Measure {
    private static final Object[] ACUTE_CLASSES = {"EMER", "IMP", "ACUTE", "NONAC", "PRENC", "SS"};

    @Override
    public String id() {
        return "CMS165";
    }

    @Override
    public String title() {
        return "Controlling High Blood Pressure";
    }

    @Override
    public Set<String> valueSets() {
        Set<String> s = new HashSet<>(OutpatientEncounters.VALUE_SETS);
        s.addAll(SharedExclusions.VALUE_SETS);
        s.addAll(Set.of(ESSENTIAL_HYPERTENSION, PREGNANCY, ESRD, KIDNEY_TRANSPLANT_RECIPIENT, CKD_STAGE_5,
                KIDNEY_TRANSPLANT, DIALYSIS_SERVICES, ESRD_MONTHLY, ENCOUNTER_INPATIENT, ED_VISIT,
                BLOOD_PRESSURE_PANEL.id(), SYSTOLIC_BP.id(), DIASTOLIC_BP.id()));
        return s;
    }

    @Override
    public Dataset<Row> initialPopulation(MeasureContext c) {
        PeriodOfRow p = c.period();
        Column firstSixMonthsEnd = PeriodOfRow.lastInstantOf(date_sub(p.startPlusMonths(6), 1));
        Dataset<Row> hypertension = c.events(ESSENTIAL_HYPERTENSION)
                .where(Status.condition().and(Timing.prevalenceOverlaps(p.startTs(), firstSixMonthsEnd, false)));
        return both(both(c.agedBetween(p.endDate(), 18, 85), hypertension), OutpatientEncounters.qualifying(c));
    }

    @Override
    public Optional<Dataset<Row>> denominatorExclusion(MeasureContext c) {
        PeriodOfRow p = c.period();
        Dataset<Row> renalOrPregnancy = c.events(PREGNANCY, ESRD, KIDNEY_TRANSPLANT_RECIPIENT, CKD_STAGE_5)
                .where(Status.condition().and(Timing.prevalenceOverlaps(p.startTs(), p.endTs(), false)))
                .select(col("person_id"), SharedExclusions.evidence("pregnancy or kidney disease", col("start_ts")).as("evidence"));
        Dataset<Row> esrdProcedure = c.events(KIDNEY_TRANSPLANT, DIALYSIS_SERVICES)
                .where(Status.procedureDone().and(Timing.latest().leq(p.endTs())))
                .select(col("person_id"), SharedExclusions.evidence("kidney transplant or dialysis", Timing.latest()).as("evidence"));
        Dataset<Row> esrdEncounter = c.events(ESRD_MONTHLY)
                .where(Status.encounterFinished().and(col("start_ts").leq(p.endTs())))
                .select(col("person_id"), SharedExclusions.evidence("ESRD monthly services", col("start_ts")).as("evidence"));
        return Optional.of(anyOf(SharedExclusions.hospice(c), renalOrPregnancy, esrdProcedure, esrdEncounter,
                SharedExclusions.advancedIllnessAndFrailtyByAgeBand(c), SharedExclusions.nursingHome(c),
                SharedExclusions.palliativeCare(c)));
    }

    @Override
    public Dataset<Row> numerator(MeasureContext c) {
        return lowestOnMostRecentDay(c).where(col("systolic").lt(140).and(col("diastolic").lt(90)))
                .select("person_id", "evidence");
    }

    @Override
    public Optional<Dataset<Row>> evidence(MeasureContext c) {
        return Optional.of(lowestOnMostRecentDay(c).select("person_id", "evidence"));
    }

    /**
     * Per person, on the most recent day with a qualifying reading: the lowest systolic and lowest diastolic, null
     * when any reading of that day lacks the component.
     */
    private static Dataset<Row> lowestOnMostRecentDay(MeasureContext c) {
        Dataset<Row> readings = qualifyingReadings(c);
        Dataset<Row> lastDay = readings.groupBy("person_id").agg(max("day").as("day"));
        Dataset<Row> components = c.events(SYSTOLIC_BP.id(), DIASTOLIC_BP.id()).where(col("parent_id").isNotNull())
                .select(col("parent_id").as("record_id"), col("value_set_oid"), col("value_num"));
        Dataset<Row> onDay = readings.join(lastDay, Seqs.of(List.of("person_id", "day")));
        Column systolic = component(SYSTOLIC_BP);
        Column diastolic = component(DIASTOLIC_BP);
        Dataset<Row> perReading = onDay.join(components, Seqs.of(List.of("record_id")), "left")
                .groupBy("person_id", "day", "record_id")
                .agg(max(systolic).as("systolic"), max(diastolic).as("diastolic"));
        Dataset<Row> lowest = perReading.groupBy("person_id", "day")
                .agg(min("systolic").as("min_systolic"), min("diastolic").as("min_diastolic"),
                        count(lit(1)).as("readings"), count("systolic").as("with_systolic"),
                        count("diastolic").as("with_diastolic"))
                .select(col("person_id"), col("day"),
                        when(col("with_systolic").equalTo(col("readings")), col("min_systolic")).as("systolic"),
                        when(col("with_diastolic").equalTo(col("readings")), col("min_diastolic")).as("diastolic"));
        return lowest.withColumn("evidence", concat(lit("BP "),
                coalesce(col("systolic").cast("string"), lit("?")), lit("/"),
                coalesce(col("diastolic").cast("string"), lit("?")),
                lit(" mm[Hg] on "), date_format(col("day"), "yyyy-MM-dd")));
    }

    private static Column component(DirectCode code) {
        return when(col("value_set_oid").equalTo(code.id()), col("value_num"));
    }

    /** BP readings not taken during an inpatient/ED stay (a), or not linked to an acute encounter and in the period (b). */
    private static Dataset<Row> qualifyingReadings(MeasureContext c) {
        PeriodOfRow p = c.period();
        Dataset<Row> readings = c.events(BLOOD_PRESSURE_PANEL.id()).where(Status.observationDone())
                .select(col("person_id"), col("record_id"), col("encounter_id"), Timing.latestDay().as("day"));
        Dataset<Row> stays = c.events(ENCOUNTER_INPATIENT, ED_VISIT).where(Status.encounterFinished())
                .select(col("person_id").as("s_person"), to_date(col("start_ts")).as("s_start"),
                        to_date(col("end_ts")).as("s_end"));
        Dataset<Row> duringStay = readings.join(stays, readings.col("person_id").equalTo(stays.col("s_person"))
                        .and(readings.col("day").geq(stays.col("s_start")))
                        .and(stays.col("s_end").isNull().or(readings.col("day").leq(stays.col("s_end")))))
                .select("record_id").distinct();
        Dataset<Row> setA = readings.join(duringStay, Seqs.of(List.of("record_id")), "left_anti");
        Dataset<Row> acute = c.encounters().where(col("encounter_class").isin(ACUTE_CLASSES))
                .select(col("encounter_id").as("acute_encounter"));
        Dataset<Row> setB = readings.join(acute, readings.col("encounter_id").equalTo(acute.col("acute_encounter")), "left_anti")
                .where(col("day").between(p.startDate(), p.endDate()));
        return setA.union(setB).distinct();
    }
}
