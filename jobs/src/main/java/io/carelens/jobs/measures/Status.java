package io.carelens.jobs.measures;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Column;

/** The status filters of eCQM §S5/§S6 over event-index rows (2025 content unless named 2024). */
final class Status {
    private Status() {
    }

    static final Object[] ORDER_INTENTS = {"order", "original-order", "reflex-order", "filler-order", "instance-order"};

    static Column from(String source) {
        return col("source").equalTo(source);
    }

    static Column encounterFinished() {
        return from("encounter").and(col("status").equalTo("finished"));
    }

    /** 2024 content (§S6.2): finished, arrived, triaged, in-progress or onleave. */
    static Column encounterPerformed2024() {
        return from("encounter").and(col("status").isin("finished", "arrived", "triaged", "in-progress", "onleave"));
    }

    /** Assessment, laboratory test, BP, clinical result: final, amended or corrected. */
    static Column observationDone() {
        return from("observation").and(col("status").isin("final", "amended", "corrected"));
    }

    static Column laboratory() {
        return observationDone().and(col("category").equalTo("laboratory"));
    }

    static Column imaging() {
        return observationDone().and(col("category").equalTo("imaging"));
    }

    static Column symptom() {
        return from("observation").and(col("status").isin("preliminary", "final", "amended", "corrected"));
    }

    static Column procedureDone() {
        return from("procedure").and(col("status").equalTo("completed"));
    }

    static Column notDoNotPerform() {
        return col("do_not_perform").isNull().or(col("do_not_perform").equalTo(false));
    }

    /** Intervention or device order: active/completed, an order intent, not do-not-perform. */
    static Column ordered(String requestType) {
        return from("request").and(col("record_type").equalTo(requestType))
                .and(col("status").isin("active", "completed")).and(col("intent").isin(ORDER_INTENTS))
                .and(notDoNotPerform());
    }

    static Column medicationRequest() {
        return from("medication").and(col("record_type").equalTo("request")).and(notDoNotPerform());
    }

    static Column medicationActive() {
        return medicationRequest().and(col("status").equalTo("active")).and(col("intent").isin(ORDER_INTENTS));
    }

    static Column medicationOrdered() {
        return medicationRequest().and(col("status").isin("active", "completed")).and(col("intent").isin(ORDER_INTENTS));
    }

    /** A verified condition of a 2025 condition profile. */
    static Column condition() {
        return from("condition").and(Timing.conditionProfile()).and(Timing.verified());
    }
}
