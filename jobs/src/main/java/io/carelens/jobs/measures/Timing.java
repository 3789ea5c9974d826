package io.carelens.jobs.measures;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.to_date;

import org.apache.spark.sql.Column;

/**
 * The timing relationships of eCQM §S2 over event-index rows, as Column expressions. An event's interval is
 * [{@code start_ts}, {@code end_ts}]; "by day" compares UTC dates, "exactly" compares instants. Points (an
 * observation or procedure without an end) end where they start; an encounter without an end is ongoing.
 * Conditions use their prevalence period (§S7.4), whose end is unbounded when active and unknown when not, and whose
 * start is unbounded without an onset; an undecided comparison is not met (§S2.5).
 */
final class Timing {
    private Timing() {
    }

    static Column startDay() {
        return to_date(col("start_ts"));
    }

    /** The latest time of an observation or procedure (§S2.3): its end if known, else its start. */
    static Column latest() {
        return coalesce(col("end_ts"), col("start_ts"));
    }

    static Column latestDay() {
        return to_date(latest());
    }

    /** An encounter period entirely within [lo, hi] by day; an encounter without an end is ongoing and fails. */
    static Column encounterWithin(Column lo, Column hi) {
        return col("start_ts").isNotNull().and(col("end_ts").isNotNull())
                .and(to_date(col("start_ts")).geq(lo)).and(to_date(col("end_ts")).leq(hi));
    }

    /** An encounter period overlapping [lo, hi] by day; one without an end is ongoing. */
    static Column encounterOverlaps(Column lo, Column hi) {
        return to_date(col("start_ts")).leq(hi).and(col("end_ts").isNull().or(to_date(col("end_ts")).geq(lo)));
    }

    /** A point or closed interval (observation, procedure) overlapping [lo, hi] by day. */
    static Column overlaps(Column lo, Column hi) {
        return startDay().leq(hi).and(latestDay().geq(lo));
    }

    /** The end (latest time) of an observation or procedure within [lo, hi] by day. */
    static Column endsWithin(Column lo, Column hi) {
        return latestDay().between(lo, hi);
    }

    static Column active() {
        return col("clinical_status").isin("active", "recurrence", "relapse");
    }

    /** §S7.1: verification absent, confirmed, unconfirmed, provisional or differential. */
    static Column verified() {
        return col("verification_status").isNull()
                .or(col("verification_status").isin("confirmed", "unconfirmed", "provisional", "differential"));
    }

    /** §S7.3 (CMS159): active and confirmed. */
    static Column confirmedActive() {
        return active().and(col("verification_status").equalTo("confirmed"));
    }

    /** A 2025 condition profile: encounter diagnosis, problem list or health concern (§S5). */
    static Column conditionProfile() {
        return col("category").isin("encounter-diagnosis", "problem-list-item", "health-concern");
    }

    /**
     * The prevalence period overlaps [lo, hi]; pass dates for "by day" or timestamps for "exactly". Without an
     * abatement an active condition is ongoing, an inactive one has an unknown end and overlaps only when its onset
     * lies inside [lo, hi].
     */
    static Column prevalenceOverlaps(Column lo, Column hi, boolean byDay) {
        Column start = byDay ? to_date(col("start_ts")) : col("start_ts");
        Column end = byDay ? to_date(col("end_ts")) : col("end_ts");
        Column startOk = col("start_ts").isNull().or(start.leq(hi));
        Column endOk = col("end_ts").isNotNull().and(end.geq(lo))
                .or(col("end_ts").isNull().and(active()))
                .or(col("end_ts").isNull().and(active().unary_$bang()).and(col("start_ts").isNotNull())
                        .and(start.geq(lo)));
        return startOk.and(endOk);
    }

    /** The prevalence period starts on or before {@code p}; no onset means an unbounded start (trap T5: met). */
    static Column prevalenceStartsOnOrBefore(Column p, boolean byDay) {
        Column start = byDay ? to_date(col("start_ts")) : col("start_ts");
        return col("start_ts").isNull().or(start.leq(p));
    }

    /** The prevalence period starts within [lo, hi] by day; no onset (unbounded start) is not within. */
    static Column prevalenceStartsWithin(Column lo, Column hi) {
        return col("start_ts").isNotNull().and(to_date(col("start_ts")).between(lo, hi));
    }

    /**
     * A medication request period (§S8, computed by the source adapter into start_ts/end_ts; the start falls back to
     * authored_ts) overlapping [lo, hi] by day. A request without a computable end has no period and never overlaps.
     */
    static Column medicationOverlaps(Column lo, Column hi) {
        Column start = to_date(coalesce(col("start_ts"), col("authored_ts")));
        return col("end_ts").isNotNull().and(start.leq(hi)).and(to_date(col("end_ts")).geq(lo));
    }
}
