package io.carelens.jobs.measures;

import static io.carelens.jobs.measures.ValueSets.ANNUAL_WELLNESS_VISIT;
import static io.carelens.jobs.measures.ValueSets.HOME_HEALTHCARE;
import static io.carelens.jobs.measures.ValueSets.OFFICE_VISIT;
import static io.carelens.jobs.measures.ValueSets.PREVENTIVE_ESTABLISHED_18_UP;
import static io.carelens.jobs.measures.ValueSets.PREVENTIVE_INITIAL_18_UP;
import static io.carelens.jobs.measures.ValueSets.TELEPHONE_VISITS;
import static io.carelens.jobs.measures.ValueSets.VIRTUAL_ENCOUNTER;
import static org.apache.spark.sql.functions.col;

import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** §S9 AdultOutpatientEncounters "Qualifying Encounters": a finished outpatient visit within the period by day. */
final class OutpatientEncounters {
    private OutpatientEncounters() {
    }

    static final Set<String> VALUE_SETS = Set.of(OFFICE_VISIT, ANNUAL_WELLNESS_VISIT, PREVENTIVE_ESTABLISHED_18_UP,
            PREVENTIVE_INITIAL_18_UP, HOME_HEALTHCARE, VIRTUAL_ENCOUNTER, TELEPHONE_VISITS);

    static Dataset<Row> qualifying(MeasureContext c) {
        return c.shared("outpatient-encounters", () -> c.events(VALUE_SETS.toArray(String[]::new))
                .where(Status.encounterFinished()
                        .and(Timing.encounterWithin(c.period().startDate(), c.period().endDate())))
                .select(col("person_id")).distinct());
    }
}
