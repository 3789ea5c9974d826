package io.carelens.jobs.run;

import io.carelens.common.spark.Seqs;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * How a stage refreshes its person-level gold tables in one run: in full, for everyone; or incrementally, only for
 * the persons with a row changed in an input since the stage's last run ({@link ChangeFeed}). A stage reads
 * its inputs through {@link #restrict}, so the same code computes both.
 */
public final class Refresh {
    public static final String FULL = "full";
    public static final String INCREMENTAL = "incremental";

    private final Dataset<Row> persons;
    private final long count;
    private final String reason;

    private Refresh(Dataset<Row> persons, long count, String reason) {
        this.persons = persons;
        this.count = count;
        this.reason = reason;
    }

    /** Everyone, as asked (no incremental run was requested). */
    public static Refresh full() {
        return new Refresh(null, 0, null);
    }

    /** Everyone, although an incremental run was requested, for {@code reason}. */
    static Refresh fullBecause(String reason) {
        return new Refresh(null, 0, reason);
    }

    /** Only {@code persons} (one column, {@code person_id}, distinct and persisted), {@code count} of them. */
    static Refresh incremental(Dataset<Row> persons, long count) {
        return new Refresh(persons, count, null);
    }

    public boolean isFull() {
        return persons == null;
    }

    /** {@value #FULL} or {@value #INCREMENTAL}, as the run manifest records it. */
    public String mode() {
        return isFull() ? FULL : INCREMENTAL;
    }

    /** The persons recomputed by an incremental refresh; none for a full one. */
    public Long recomputed() {
        return isFull() ? null : count;
    }

    /** An incremental refresh with no person to recompute: the stage's tables already hold the answer. */
    public boolean nothingChanged() {
        return !isFull() && count == 0;
    }

    /** Why a requested incremental refresh runs in full. */
    public Optional<String> fallbackReason() {
        return Optional.ofNullable(reason);
    }

    /** The changed persons' ids as the inputs hold them (one column, {@code person_id}); only when incremental. */
    public Dataset<Row> persons() {
        if (isFull()) {
            throw new IllegalStateException("a full refresh recomputes every person");
        }
        return persons;
    }

    /** {@code rows} (which have a {@code person_id}) of the persons this refresh recomputes. */
    public Dataset<Row> restrict(Dataset<Row> rows) {
        return isFull() ? rows : rows.join(persons, Seqs.of(List.of("person_id")), "left_semi");
    }

    /** Frees the persisted persons. */
    public void release() {
        if (persons != null) {
            persons.unpersist();
        }
    }
}
