package io.carelens.jobs.run;

/**
 * The count of one ingested table: rows read = accepted + quarantined + duplicates removed + deletions, always.
 * {@code flagged} counts the accepted rows that had a non-essential field replaced (null or {@code unknown}); they
 * are inside {@code accepted}, reported beside it. {@code deleted} counts the valid deletion requests (rows whose
 * {@code _op} is {@code delete}), each of which removes its key's row from silver.
 */
public record Reconciliation(String table, long read, long accepted, long quarantined, long duplicates,
                             long flagged, long deleted) {

    /** A reconciliation without deletion requests. */
    public Reconciliation(String table, long read, long accepted, long quarantined, long duplicates, long flagged) {
        this(table, read, accepted, quarantined, duplicates, flagged, 0);
    }

    /** A reconciliation without flagged rows or deletion requests. */
    public Reconciliation(String table, long read, long accepted, long quarantined, long duplicates) {
        this(table, read, accepted, quarantined, duplicates, 0, 0);
    }

    public boolean balances() {
        return read == accepted + quarantined + duplicates + deleted && flagged <= accepted;
    }

    @Override
    public String toString() {
        return String.format("%-22s read %,10d = accepted %,10d + quarantined %,8d + duplicates %,8d%s  %s"
                        + "  (flagged %,d of accepted)",
                table, read, accepted, quarantined, duplicates,
                deleted == 0 ? "" : String.format(" + deletions %,8d", deleted),
                balances() ? "ok" : "MISMATCH", flagged);
    }
}
