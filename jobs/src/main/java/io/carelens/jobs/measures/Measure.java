package io.carelens.jobs.measures;

import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A proportion measure with patient-based populations (eCQM §S14), written part by part as its specification is:
 * each part returns the persons who meet that criterion (column {@code person_id}, optionally {@code evidence}: what
 * decided it, e.g. the HbA1c date and value). The engine combines them: DEN = IP and denominator; DENEX = DEN and
 * exclusion; NUM = DEN, not DENEX, and numerator (exclusions win); DENEXCEP = DEN, not DENEX, not NUM, and exception.
 */
public abstract class Measure {

    /** The measure id, as gold tables spell it: CMS122, CMS138-2, SDOH-2-FOOD, ... */
    public abstract String id();

    public abstract String title();

    /** Every value set (OID or CareLens id) the measure reads; checked before any Spark work. */
    public abstract Set<String> valueSets();

    /** True when a lower rate is better (CMS122). */
    public boolean inverse() {
        return false;
    }

    public abstract Dataset<Row> initialPopulation(MeasureContext c);

    /** The denominator criterion applied to the initial population; empty when the denominator equals it. */
    public Optional<Dataset<Row>> denominator(MeasureContext c) {
        return Optional.empty();
    }

    /** The denominator exclusion criterion; empty when the measure has none. */
    public Optional<Dataset<Row>> denominatorExclusion(MeasureContext c) {
        return Optional.empty();
    }

    public abstract Dataset<Row> numerator(MeasureContext c);

    /** The denominator exception criterion; empty when the measure has none. */
    public Optional<Dataset<Row>> denominatorException(MeasureContext c) {
        return Optional.empty();
    }

    /** The measure's own strata: (person_id, stratum) for initial-population members; empty when it has none. */
    public Optional<Dataset<Row>> strata(MeasureContext c) {
        return Optional.empty();
    }

    /** Evidence for persons the other parts leave without (e.g. the HbA1c of a controlled patient). */
    public Optional<Dataset<Row>> evidence(MeasureContext c) {
        return Optional.empty();
    }
}
