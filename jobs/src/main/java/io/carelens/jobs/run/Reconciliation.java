package io.carelens.jobs.run;

/** The count of one ingested table: rows read = accepted + quarantined + duplicates removed, always. */
public record Reconciliation(String table, long read, long accepted, long quarantined, long duplicates) {

    public boolean balances() {
        return read == accepted + quarantined + duplicates;
    }

    @Override
    public String toString() {
        return String.format("%-22s read %,10d = accepted %,10d + quarantined %,8d + duplicates %,8d  %s",
                table, read, accepted, quarantined, duplicates, balances() ? "ok" : "MISMATCH");
    }
}
