package io.carelens.common.delta;

/**
 * A write that lost the Delta commit race to another writer of the same table on every attempt. Nothing of it was
 * committed: the table is as the other writer left it, and running the stage again completes it.
 */
public final class WriteConflictException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    WriteConflictException(String table, int attempts) {
        super(table + " was changed by another writer at the same time on " + attempts + " attempts in a row; "
                + "nothing of this write was committed; run the stage again");
    }
}
