package io.carelens.jobs.utilization;

import static org.apache.spark.sql.functions.lit;

import io.carelens.common.delta.GoldWriter;
import io.carelens.common.delta.Warehouse;
import io.carelens.common.privacy.PersonIds;
import io.carelens.common.schema.CanonicalTable;
import io.carelens.common.schema.GoldTable;
import io.carelens.jobs.run.Input;
import io.carelens.jobs.run.Stage;
import io.carelens.jobs.run.StageContext;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * The utilization stage: member months (with attribution), ED visits with their NYU classification and follow-up,
 * PQI discharges, inpatient and observation stays, their events, and the rates per person-time. Reads silver, writes
 * {@code gold/member_months}, {@code gold/ed_visits}, {@code gold/utilization_events}, {@code gold/utilization_person}
 * (what the equity stage stratifies), {@code gold/utilization_rates}
 * and, when attribution is computed, {@code gold/attribution}. Every table is rewritten whole; with
 * {@code carelens.privacy.pseudonymize} on, their {@code person_id} is the keyed pseudonym.
 */
public final class UtilizationStage implements Stage {
    static final String[] ED_VISIT_COLUMNS = {"visit_id", "person_id", "visit_date", "facility_id", "encounter_count",
            "admitted", "principal_dx_system", "principal_dx_code", "mapped", "ne", "epct", "edcnpa", "edcnnpa",
            "injury", "mental", "alcohol", "drug", "unclassified", "followup_eligible", "followup_days",
            "mental_illness", "mental_health_followup_days", "substance_use", "substance_use_followup_days"};

    @Override
    public String name() {
        return UtilizationInputs.STAGE;
    }

    @Override
    public List<Input> reads() {
        return UtilizationInputs.TABLES.stream().map(t -> t == CanonicalTable.PATIENT
                ? Input.required(t.silverPath()) : Input.whenPresent(t.silverPath())).toList();
    }

    @Override
    public List<String> writes() {
        return List.of(GoldTable.MEMBER_MONTHS.path(), GoldTable.ED_VISITS.path(), GoldTable.UTILIZATION_EVENTS.path(),
                GoldTable.UTILIZATION_PERSON.path(), GoldTable.UTILIZATION_RATES.path(), GoldTable.ATTRIBUTION.path());
    }

    @Override
    public void run(StageContext ctx) {
        UtilizationSettings settings = UtilizationSettings.from(ctx.config());
        Warehouse wh = ctx.warehouse();
        GoldWriter gold = new GoldWriter(wh);
        UtilizationInputs inputs = UtilizationInputs.read(ctx);
        LocalDate asOf = inputs.asOfDate(settings);
        ctx.progress().step(name(), "member months (" + settings.memberMonthRule() + ", open spans end " + asOf + ")");

        PersonIds ids = PersonIds.from(ctx.config());
        MemberMonths memberMonths = new MemberMonths(settings.memberMonthRule(), asOf);
        Dataset<Row> covered = memberMonths.covered(inputs.coverage(), inputs.patient())
                .persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> periods = MemberMonths.periods(ctx.spark(), settings.periods(), covered).cache();
        Dataset<Row> attribution = attribution(ctx, gold, settings, inputs, periods, ids);
        gold.overwrite(GoldTable.MEMBER_MONTHS, ids.apply(memberMonths.withAttribution(covered, periods, attribution)));
        written(ctx, GoldTable.MEMBER_MONTHS);
        covered.unpersist();

        ctx.progress().step(name(), "ED visits, NYU classification and follow-up");
        Dataset<Row> diagnoses = Diagnoses.ofEncounters(inputs.condition()).persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> stays = new AcuteHospitalUtilization(settings).stays(inputs).persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> inpatient = AcuteHospitalUtilization.inpatient(stays);
        EdVisits edVisits = new EdVisits(settings);
        Dataset<Row> visitEncounters = edVisits.visitEncounters(inputs).persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> visits = NyuEdClassifier.classify(ctx.spark(),
                edVisits.visits(visitEncounters, inpatient, diagnoses));
        Dataset<Row> followedUp = new EdFollowUp(settings)
                .withFollowUp(visits, visitEncounters, diagnoses, inpatient, inputs)
                .selectExpr(ED_VISIT_COLUMNS).persist(StorageLevel.MEMORY_AND_DISK());
        gold.overwrite(GoldTable.ED_VISITS, ids.apply(followedUp, "visit_id"));
        written(ctx, GoldTable.ED_VISITS);

        ctx.progress().step(name(), "PQI discharges, stays and events");
        Dataset<Row> discharges = new PreventionQualityIndicators(settings)
                .discharges(ctx.spark(), inpatient, diagnoses, inputs);
        Dataset<Row> events = EdVisits.events(followedUp)
                .unionByName(NyuEdClassifier.events(followedUp, settings.nyuTreatAndReleaseOnly()))
                .unionByName(EdFollowUp.events(followedUp))
                .unionByName(PreventionQualityIndicators.events(discharges))
                .unionByName(AcuteHospitalUtilization.events(stays));
        gold.overwrite(GoldTable.UTILIZATION_EVENTS, ids.apply(events, "source_id"));
        written(ctx, GoldTable.UTILIZATION_EVENTS);
        gold.overwrite(GoldTable.UTILIZATION_PERSON, PersonUtilization.of(ctx.spark(),
                wh.read(GoldTable.MEMBER_MONTHS.path()), wh.read(GoldTable.UTILIZATION_EVENTS.path())));
        written(ctx, GoldTable.UTILIZATION_PERSON);
        followedUp.unpersist();
        visitEncounters.unpersist();
        diagnoses.unpersist();
        stays.unpersist();

        ctx.progress().step(name(), "rates");
        Dataset<Row> rates = new UtilizationRates(settings)
                .rates(ctx.spark(), UtilizationRates.overall(wh.read(GoldTable.MEMBER_MONTHS.path())),
                        wh.read(GoldTable.UTILIZATION_EVENTS.path()));
        gold.overwrite(GoldTable.UTILIZATION_RATES, rates);
        written(ctx, GoldTable.UTILIZATION_RATES);
        periods.unpersist();
    }

    /** The attribution spans: silver/attribution when it has rows, else the plurality attribution (recorded). */
    private Dataset<Row> attribution(StageContext ctx, GoldWriter gold, UtilizationSettings settings,
                                     UtilizationInputs inputs, Dataset<Row> periods, PersonIds ids) {
        if (!inputs.attribution().isEmpty()) {
            ctx.progress().step(name(), "attribution: silver/attribution");
            return inputs.attribution();
        }
        ctx.progress().step(name(), "attribution: plurality of primary-care visits, look-back "
                + settings.lookBackMonths() + " months");
        Dataset<Row> computed = new Attribution(settings).attribute(inputs.encounter(), periods)
                .withColumn("run_id", lit(ctx.runId())).persist(StorageLevel.MEMORY_AND_DISK());
        gold.overwrite(GoldTable.ATTRIBUTION, ids.apply(computed));
        written(ctx, GoldTable.ATTRIBUTION);
        return computed;
    }

    private void written(StageContext ctx, GoldTable table) {
        ctx.progress().step(name(), "wrote " + table.path());
    }
}
