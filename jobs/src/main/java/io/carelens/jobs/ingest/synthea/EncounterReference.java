package io.carelens.jobs.ingest.synthea;

import static org.apache.spark.sql.functions.lit;

import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The ENCOUNTER column of the clinical files (conditions, procedures, observations, medications): a value must be
 * an Id of encounters.csv, else the row is rejected as UNRESOLVED_REFERENCE. An empty ENCOUNTER is allowed (e.g.
 * Synthea's QALY/DALY rows); without encounters.csv references are not checked.
 */
final class EncounterReference {
    private static final String FLAG = "_encounter_missing";

    private EncounterReference() {
    }

    /** The file's rows with the flag column set where ENCOUNTER does not resolve. */
    static Dataset<Row> flag(SyntheaFile f, Optional<Dataset<Row>> encounterIds) {
        return encounterIds.isPresent() ? f.flagUnresolved(f.rows(), "ENCOUNTER", encounterIds.get(), FLAG, false)
                : f.rows().withColumn(FLAG, lit(false));
    }

    /** The rejection for an unresolved ENCOUNTER; needs the rows from {@link #flag}. */
    static Column unresolved(SyntheaFile f) {
        return f.unresolved(FLAG, "ENCOUNTER", "encounters.csv");
    }
}
