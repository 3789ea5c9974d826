package io.carelens.common.privacy;

import static org.apache.spark.sql.functions.col;

import io.carelens.common.config.CareLensConfig;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The person ids of published tables: the source's {@code person_id} as is, or, when
 * {@code carelens.privacy.pseudonymize} is on, its keyed pseudonym ({@link Pseudonymizer} with
 * {@code carelens.privacy.key}). Stages apply it to every gold table carrying {@code person_id} as it is written, and
 * to the silver-derived side (strata, attribution, coverage, events) of any join with such a table, so the ids on
 * both sides agree and aggregates are the same with pseudonymization on or off. Silver keeps the source ids.
 */
public final class PersonIds {
    /** The person id column of canonical and gold tables. */
    private static final String COLUMN = "person_id";

    private final Pseudonymizer pseudonymizer;

    private PersonIds(Pseudonymizer pseudonymizer) {
        this.pseudonymizer = pseudonymizer;
    }

    /** From {@code carelens.privacy}; fails with a configuration error when it is on without a valid key. */
    public static PersonIds from(CareLensConfig config) {
        boolean on = config.raw().getBoolean("privacy.pseudonymize");
        return new PersonIds(on ? new Pseudonymizer(config.raw().getString("privacy.key")) : null);
    }

    /**
     * {@code rows} with {@code person_id}, and each of {@code recordIdColumns} (the source ids of a person's visits or
     * stays, which identify the person as well as their id does), replaced by the keyed pseudonym when
     * pseudonymization is on; else as is.
     */
    public Dataset<Row> apply(Dataset<Row> rows, String... recordIdColumns) {
        if (pseudonymizer == null) {
            return rows;
        }
        Dataset<Row> out = rows.withColumn(COLUMN, pseudonymizer.pseudonym(col(COLUMN)));
        for (String id : recordIdColumns) {
            out = out.withColumn(id, pseudonymizer.pseudonym(col(id)));
        }
        return out;
    }
}
