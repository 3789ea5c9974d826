package io.carelens.jobs.utilization;

import static org.apache.spark.sql.functions.lit;

import io.carelens.common.delta.GoldWriter;
import io.carelens.common.delta.Warehouse;
import io.carelens.common.privacy.PersonIds;
import io.carelens.common.schema.CanonicalTable;
import io.carelens.common.schema.GoldTable;
import io.carelens.common.spark.Seqs;
import io.carelens.jobs.run.Input;
import io.carelens.jobs.run.Refresh;
import io.carelens.jobs.run.Stage;
import io.carelens.jobs.run.StageContext;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * The utilization stage: member months (with attribution), ED visits with their NYU classification and follow-up,
 * PQI discharges, inpatient and observation stays, their events, and the rates per person-time. Reads silver, writes
 * {@code gold/member_months}, {@code gold/ed_visits}, {@code gold/utilization_events}, {@code gold/utilization_person}
 * (what the equity stage stratifies), {@code gold/utilization_rates}
 * and, when attribution is computed, {@code gold/attribution}. With {@code carelens.privacy.pseudonymize} on, their
 * {@code person_id} is the keyed pseudonym.
 *
 * <p>Every table is rewritten whole, except in an incremental run ({@code --incremental}, {@link Refresh}): then
 * the person-level tables get new rows only for the persons with a changed row in an input since the stage's last
 * run, and the rates are recomputed from them. It runs in full when the as-of date, the periods or the source of
 * attribution differ from the last run's (a new day of data moves the as-of date unless
 * {@code carelens.utilization.as-of-date} is set).
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
        UtilizationInputs all = UtilizationInputs.read(ctx);
        LocalDate asOf = all.asOfDate(settings);
        MemberMonths memberMonths = new MemberMonths(settings.memberMonthRule(), asOf);
        Dataset<Row> coveredByAll = memberMonths.covered(all.coverage(), all.patient())
                .persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> periods = MemberMonths.periods(ctx.spark(), settings.periods(), coveredByAll).cache();
        boolean attributionComputed = all.attribution().isEmpty();
        String fingerprint = fingerprint(asOf, periods, attributionComputed);
        Refresh refresh = ctx.refresh(this, fingerprint);
        try {
            if (refresh.nothingChanged()) {
                ctx.progress().step(name(), "no input changed since the last run; the gold tables already hold "
                        + "the answer");
            } else {
                UtilizationInputs inputs = all.restrictedTo(refresh);
                Dataset<Row> covered = refresh.isFull() ? coveredByAll
                        : memberMonths.covered(inputs.coverage(), inputs.patient())
                                .persist(StorageLevel.MEMORY_AND_DISK());
                ctx.progress().step(name(), "member months (" + settings.memberMonthRule() + ", open spans end "
                        + asOf + ")" + (refresh.isFull() ? "" : " for " + refresh.recomputed() + " changed person(s)"));
                compute(ctx, new Writes(ctx, refresh), settings, inputs, memberMonths, covered, periods,
                        attributionComputed);
                covered.unpersist();
            }
            ctx.manifest().refresh(name(), refresh, fingerprint);
        } finally {
            refresh.release();
            coveredByAll.unpersist();
            periods.unpersist();
        }
    }

    private void compute(StageContext ctx, Writes out, UtilizationSettings settings, UtilizationInputs inputs,
                         MemberMonths memberMonths, Dataset<Row> covered, Dataset<Row> periods,
                         boolean attributionComputed) {
        Warehouse wh = ctx.warehouse();
        Dataset<Row> attribution = attribution(ctx, out, settings, inputs, periods, attributionComputed);
        out.persons(GoldTable.MEMBER_MONTHS, memberMonths.withAttribution(covered, periods, attribution));

        ctx.progress().step(name(), "ED visits, NYU classification and follow-up");
        Dataset<Row> diagnoses = Diagnoses.ofEncounters(inputs.condition()).persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> stays = new AcuteHospitalUtilization(settings).stays(inputs)
                .persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> inpatient = AcuteHospitalUtilization.inpatient(stays);
        EdVisits edVisits = new EdVisits(settings);
        Dataset<Row> visitEncounters = edVisits.visitEncounters(inputs).persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> visits = NyuEdClassifier.classify(ctx.spark(),
                edVisits.visits(visitEncounters, inpatient, diagnoses));
        Dataset<Row> followedUp = new EdFollowUp(settings)
                .withFollowUp(visits, visitEncounters, diagnoses, inpatient, inputs)
                .selectExpr(ED_VISIT_COLUMNS).persist(StorageLevel.MEMORY_AND_DISK());
        out.persons(GoldTable.ED_VISITS, followedUp, "visit_id");

        ctx.progress().step(name(), "PQI discharges, stays and events");
        Dataset<Row> discharges = new PreventionQualityIndicators(settings)
                .discharges(ctx.spark(), inpatient, diagnoses, inputs);
        Dataset<Row> events = EdVisits.events(followedUp)
                .unionByName(NyuEdClassifier.events(followedUp, settings.nyuTreatAndReleaseOnly()))
                .unionByName(EdFollowUp.events(followedUp))
                .unionByName(PreventionQualityIndicators.events(discharges))
                .unionByName(AcuteHospitalUtilization.events(stays));
        out.persons(GoldTable.UTILIZATION_EVENTS, events, "source_id");
        out.pseudonymized(GoldTable.UTILIZATION_PERSON, PersonUtilization.of(
                out.recomputed(wh.read(GoldTable.MEMBER_MONTHS.path())),
                out.recomputed(wh.read(GoldTable.UTILIZATION_EVENTS.path()))));
        followedUp.unpersist();
        visitEncounters.unpersist();
        diagnoses.unpersist();
        stays.unpersist();

        ctx.progress().step(name(), "rates");
        Dataset<Row> rates = new UtilizationRates(settings)
                .rates(ctx.spark(), UtilizationRates.overall(wh.read(GoldTable.MEMBER_MONTHS.path())),
                        wh.read(GoldTable.UTILIZATION_EVENTS.path()));
        new GoldWriter(wh).overwrite(GoldTable.UTILIZATION_RATES, rates);
        written(ctx, GoldTable.UTILIZATION_RATES);
    }

    /**
     * What besides the inputs and the configuration decides every person's rows: the date open spans end on, the
     * periods (from the data when not configured), and whether attribution is computed or read.
     */
    private static String fingerprint(LocalDate asOf, Dataset<Row> periods, boolean attributionComputed) {
        String spans = periods.collectAsList().stream().map(r -> r.get(0) + ".." + r.get(1)).sorted()
                .collect(Collectors.joining(","));
        return "as-of " + asOf + "; periods " + spans + "; attribution " + (attributionComputed ? "computed" : "read");
    }

    /** The attribution spans: silver/attribution when it has rows, else the plurality attribution (recorded). */
    private Dataset<Row> attribution(StageContext ctx, Writes out, UtilizationSettings settings,
                                     UtilizationInputs inputs, Dataset<Row> periods, boolean computed) {
        if (!computed) {
            ctx.progress().step(name(), "attribution: silver/attribution");
            return inputs.attribution();
        }
        ctx.progress().step(name(), "attribution: plurality of primary-care visits, look-back "
                + settings.lookBackMonths() + " months");
        Dataset<Row> attribution = new Attribution(settings).attribute(inputs.encounter(), periods)
                .withColumn("run_id", lit(ctx.runId())).persist(StorageLevel.MEMORY_AND_DISK());
        out.persons(GoldTable.ATTRIBUTION, attribution);
        return attribution;
    }

    /**
     * Writes a person-level gold table: whole in a full refresh; in an incremental one, only the recomputed persons'
     * rows are replaced (a person whose rows are gone loses theirs).
     */
    private final class Writes {
        private final StageContext ctx;
        private final Refresh refresh;
        private final GoldWriter gold;
        private final PersonIds ids;
        private final Dataset<Row> persons;

        Writes(StageContext ctx, Refresh refresh) {
            this.ctx = ctx;
            this.refresh = refresh;
            this.gold = new GoldWriter(ctx.warehouse());
            this.ids = PersonIds.from(ctx.config());
            this.persons = refresh.isFull() ? null : ids.apply(refresh.persons());
        }

        /** Rows with the persons' own ids, pseudonymized (with {@code recordIds}) before they are written. */
        void persons(GoldTable table, Dataset<Row> rows, String... recordIds) {
            pseudonymized(table, ids.apply(rows, recordIds));
        }

        /** Rows whose person ids are already as the gold tables hold them. */
        void pseudonymized(GoldTable table, Dataset<Row> rows) {
            if (refresh.isFull()) {
                gold.overwrite(table, rows);
            } else {
                gold.replacePersons(table, "true", persons, rows);
            }
            written(ctx, table);
        }

        /** The rows of a gold table that belong to the recomputed persons. */
        Dataset<Row> recomputed(Dataset<Row> goldRows) {
            return refresh.isFull() ? goldRows
                    : goldRows.join(persons, Seqs.of(List.of("person_id")), "left_semi");
        }
    }

    private void written(StageContext ctx, GoldTable table) {
        ctx.progress().step(name(), "wrote " + table.path());
    }
}
