package io.carelens.jobs.ingest.fhir;

import static io.carelens.jobs.ingest.fhir.Fhir.first;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.flatten;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;

import io.carelens.jobs.ingest.ReasonCode;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Social-needs referrals: ServiceRequests with an SDOH category (a code of the HL7 SDOH Clinical Care temporary
 * code system, or the US Core category {@code sdoh}) to {@code referral}, the domain taken from that category
 * (food-insecurity to food, housing-instability / homelessness / inadequate-housing to housing, ...; otherwise
 * 'other'). A Task whose {@code focus} (or {@code basedOn}) is such a referral updates its status and, when the
 * Task is completed, failed, cancelled or rejected, its closed date (executionPeriod end, else lastModified) and
 * closure outcome (completed: need_met; failed: need_not_met; cancelled or rejected: other). The latest Task
 * (by lastModified) wins. A Task about anything else is quarantined as UNMAPPED.
 */
final class ReferralMapping {
    static final String SDOHCC = FhirUris.SDOHCC_CATEGORY;
    static final String US_CORE_CATEGORY = FhirUris.US_CORE_CATEGORY;

    /** SDOH Clinical Care category codes by canonical domain. */
    static final Map<String, String> DOMAIN = Map.ofEntries(
            Map.entry("food-insecurity", "food"),
            Map.entry("housing-instability", "housing"),
            Map.entry("homelessness", "housing"),
            Map.entry("inadequate-housing", "housing"),
            Map.entry("transportation-insecurity", "transportation"),
            Map.entry("utility-insecurity", "utilities"),
            Map.entry("intimate-partner-violence", "interpersonal_safety"),
            Map.entry("elder-abuse", "interpersonal_safety"));
    /** Task statuses that are not referral statuses. */
    private static final Map<String, String> TASK_STATUS = Map.of(
            "received", "in-progress", "accepted", "in-progress", "ready", "in-progress");
    private static final Map<String, String> OUTCOME = Map.of(
            "completed", "need_met", "failed", "need_not_met", "cancelled", "other", "rejected", "other");

    private static final StructType TASK = FhirTypes.resource()
            .add("status", DataTypes.StringType)
            .add("focus", FhirTypes.REFERENCE)
            .add("basedOn", FhirTypes.array(FhirTypes.REFERENCE))
            .add("executionPeriod", FhirTypes.PERIOD)
            .add("lastModified", DataTypes.StringType);

    private ReferralMapping() {
    }

    /** True for a ServiceRequest (parsed with RequestMapping.SERVICE_REQUEST) that is a social-needs referral. */
    static Column isReferral() {
        Column codings = flatten(transform(col("r.category"), cc -> cc.getField("coding")));
        return coalesce(org.apache.spark.sql.functions.exists(codings, c -> c.getField("system").equalTo(lit(SDOHCC))
                .or(c.getField("system").equalTo(lit(US_CORE_CATEGORY)).and(c.getField("code").equalTo(lit("sdoh"))))),
                lit(false));
    }

    static Mapped map(FhirResources res, Dataset<Row> referrals) {
        Dataset<Row> s = Mapped.withPerson(res, referrals, "subject");
        Column supporting = first(filter(coalesce(col("r.supportingInfo"), col("r.reasonReference")),
                ref -> ref.getField("reference").contains("Observation"))).getField("reference");
        s = res.resolve(s, supporting, "Observation", "source_observation_id");

        Dataset<Row> tasks = res.resolve(res.ofType("Task", TASK),
                coalesce(col("r.focus.reference"), first(col("r.basedOn")).getField("reference")), "ServiceRequest", "focus_id");
        Dataset<Row> referralIds = s.select(col("id").as("_referral_id"));
        Dataset<Row> matched = tasks.join(referralIds, tasks.col("focus_id").equalTo(referralIds.col("_referral_id")), "left");
        Dataset<Row> latest = matched.where(col("_referral_id").isNotNull()).groupBy("focus_id")
                .agg(max(struct(Fhir.instant(col("r.lastModified")).as("modified"), col("r.status").as("status"),
                        coalesce(col("r.executionPeriod.end"), col("r.lastModified")).as("ended"))).as("t"))
                .select(col("focus_id").as("_task_focus"), col("t.status").as("_task_status"), col("t.ended").as("_task_end"));
        s = s.join(latest, s.col("id").equalTo(latest.col("_task_focus")), "left");

        Column category = Fhir.codeAmong(col("r.category"), DOMAIN.keySet());
        Column code = Fhir.coding(col("r.code"));
        Column taskStatus = coalesce(Fhir.lookup(TASK_STATUS, col("_task_status")), col("_task_status"));
        Column closed = col("_task_status").isin(OUTCOME.keySet().toArray());
        Mapped rows = Mapped.split(s, "ServiceRequest", List.of("person_id"), List.of("subject"), List.of(
                col("id").as("referral_id"),
                col("person_id"),
                coalesce(Fhir.lookup(DOMAIN, category), lit("other")).as("domain"),
                code.getField("system").as("code_system"),
                code.getField("code").as("code"),
                coalesce(taskStatus, col("r.status")).as("status"),
                Fhir.date(coalesce(col("r.authoredOn"), col("r.occurrenceDateTime"), col("r.occurrencePeriod.start")))
                        .as("referred_date"),
                when(closed, Fhir.date(col("_task_end"))).as("closed_date"),
                when(closed, Fhir.lookup(OUTCOME, col("_task_status"))).as("closure_outcome"),
                col("source_observation_id")));
        Dataset<Row> strayTasks = FhirResources.rejects(matched.where(col("_referral_id").isNull()), "Task",
                ReasonCode.UNMAPPED, lit("field 'focus' does not reference a social-needs referral ServiceRequest in this source"));
        return new Mapped(rows.rows(), rows.rejects().unionByName(strayTasks));
    }
}
