package io.carelens.jobs.utilization;

import static org.apache.spark.sql.functions.col;

import io.carelens.common.config.CareLensConfig;
import io.carelens.common.privacy.Pseudonymizer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * How {@code person_id} leaves the stage: as is, or replaced by its keyed pseudonym when
 * {@code carelens.privacy.pseudonymize} is on. Applied to every gold table at write, after all joins on the source id,
 * so the gold tables still join to each other.
 */
final class PersonIds {
    private final Pseudonymizer pseudonymizer;

    private PersonIds(Pseudonymizer pseudonymizer) {
        this.pseudonymizer = pseudonymizer;
    }

    static PersonIds from(CareLensConfig config) {
        boolean on = config.raw().getBoolean("privacy.pseudonymize");
        return new PersonIds(on ? new Pseudonymizer(config.raw().getString("privacy.key")) : null);
    }

    Dataset<Row> apply(Dataset<Row> rows) {
        return pseudonymizer == null ? rows : rows.withColumn("person_id", pseudonymizer.pseudonym(col("person_id")));
    }
}
