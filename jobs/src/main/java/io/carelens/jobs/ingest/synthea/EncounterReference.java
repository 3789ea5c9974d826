package io.carelens.jobs.ingest.synthea;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.carelens.common.schema.CanonicalTable;
import java.util.ArrayList;
import java.util.List;
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

    /**
     * Maps a file of dated, coded events (START, STOP, PATIENT, ENCOUNTER, CODE: conditions, procedures,
     * medications): the {@code flagged} rows selected to {@code mapped}, an unresolved ENCOUNTER rejected, and the
     * source values kept for the quarantine record.
     *
     * @param flagged the rows from {@link #flag}
     * @param columns the canonical columns {@code mapped} yields
     */
    static Mapped mapEvents(SyntheaFile f, Dataset<Row> flagged, List<String> columns, Column... mapped) {
        List<Column> select = new ArrayList<>(List.of(mapped));
        select.add(f.firstRejection(unresolved(f)).as(SyntheaFile.REJECT));
        select.add(f.record("START", "STOP", "PATIENT", "ENCOUNTER", SyntheaFile.SYSTEM, "CODE").as(SyntheaFile.RECORD));
        select.add(col(CanonicalTable.SOURCE_FILE));
        select.add(col(CanonicalTable.SOURCE_ROW));
        return Mapped.split(f, flagged.select(select.toArray(Column[]::new)), columns);
    }
}
