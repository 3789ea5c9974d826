package io.carelens.jobs.run;

/**
 * The count of one ingested table: rows read = accepted + quarantined + duplicates removed, always. {@code flagged}
 * counts the accepted rows that had a non-essential field replaced (null or {@code unknown}); they are inside
 * {@code accepted}, reported beside it.
 */
public record Reconciliation(String table, long read, long accepted, long quarantined, long duplicates,
                             long flagged) {

    /** A reconciliation without flagged rows. */
    public Reconciliation(String table, long read, long accepted, long quarantined, long duplicates) {
        this(table, read, accepted, quarantined, duplicates, 0);
    }

    public boolean balances() {
        return read == accepted + quarantined + duplicates && flagged <= accepted;
    }

    @Override
    public String toString() {
        return String.format("%-22s read %,10d = accepted %,10d + quarantined %,8d + duplicates %,8d  %s"
                        + "  (flagged %,d of accepted)",
                table, read, accepted, quarantined, duplicates, balances() ? "ok" : "MISMATCH", flagged);
    }
}
