package io.carelens.jobs.measures;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.carelens.common.spark.Ages;
import io.carelens.common.spark.Seqs;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * What one measure sees: the shared event index (filtered to the value sets the measure declared), the patients, the
 * silver tables it reads directly, and helpers for ages and person sets, every row once per measurement period under
 * a period key ({@link PeriodKey}); {@link #period()} is the period of the row at hand.
 */
public final class MeasureContext {
    static final StructType PERSONS = new StructType().add("person_id", DataTypes.StringType)
            .add("evidence", DataTypes.StringType);

    private final MeasureData data;
    private final PeriodOfRow period = new PeriodOfRow();
    private final Measure measure;

    MeasureContext(MeasureData data, Measure measure) {
        this.data = data;
        this.measure = measure;
    }

    /** The measurement period of the row being evaluated. */
    public PeriodOfRow period() {
        return period;
    }

    /** Events whose code (encounter type, diagnosis, procedure, observation, medication, request) is in a set. */
    public Dataset<Row> events(String... valueSets) {
        return role(EventIndex.CODE, valueSets);
    }

    /** Events whose coded value (an observation's answer) is in a set. */
    public Dataset<Row> valueEvents(String... valueSets) {
        return role(EventIndex.VALUE, valueSets);
    }

    /** Events whose not-done reason is in a set. */
    public Dataset<Row> reasonEvents(String... valueSets) {
        return role(EventIndex.REASON, valueSets);
    }

    public Dataset<Row> events(DirectCode code) {
        return events(code.id());
    }

    private Dataset<Row> role(String role, String... valueSets) {
        Set<String> declared = measure.valueSets();
        for (String vs : valueSets) {
            if (!declared.contains(vs)) {
                throw new IllegalStateException("measure " + measure.id() + " reads value set " + vs
                        + " without declaring it in valueSets()");
            }
        }
        return data.events().where(col("role").equalTo(role).and(col("value_set_oid").isin((Object[]) valueSets)));
    }

    /** A person set several measures share, computed once (see {@link MeasureData#shared}). */
    public Dataset<Row> shared(String name, Supplier<Dataset<Row>> compute) {
        return data.shared(name, compute);
    }

    /** person_id, birth_date, deceased_date, sex. */
    public Dataset<Row> patients() {
        return data.patients();
    }

    /** Encounters of any type (for rules that follow an observation's encounter reference). */
    public Dataset<Row> encounters() {
        return data.encounters();
    }

    /** Social-needs referrals. */
    public Dataset<Row> referrals() {
        return data.referrals();
    }

    /**
     * Persons with their age in whole years at {@code date}, a date expression such as {@code period().endDate()}
     * (eCQM §S3); persons without a birth date are left out.
     */
    public Dataset<Row> ages(Column date) {
        return patients().where(col("birth_date").isNotNull())
                .select(col("person_id"), Ages.wholeYears(col("birth_date"), date).as("age"));
    }

    /** Persons aged {@code min}..{@code max} (inclusive; null max = no upper bound) at {@code date}. */
    public Dataset<Row> agedBetween(Column date, int min, Integer max) {
        Column age = col("age");
        Column in = max == null ? age.geq(min) : age.between(min, max);
        return ages(date).where(in).select("person_id");
    }

    /** The distinct persons of a dataset, with an evidence column (null when the dataset has none). */
    public static Dataset<Row> persons(Dataset<Row> rows) {
        boolean hasEvidence = Arrays.asList(rows.columns()).contains("evidence");
        return rows.select(col("person_id"), hasEvidence ? col("evidence") : lit(null).cast(DataTypes.StringType).as("evidence"));
    }

    /** The union of person sets (each with or without evidence). */
    @SafeVarargs
    public static Dataset<Row> anyOf(Dataset<Row>... sets) {
        return Arrays.stream(sets).map(MeasureContext::persons).reduce(Dataset::union).orElseThrow();
    }

    /** Persons in both sets; evidence from the first. */
    public static Dataset<Row> both(Dataset<Row> a, Dataset<Row> b) {
        return persons(a).join(b.select("person_id").distinct(), "person_id");
    }

    /** Persons of {@code a} (with its evidence) who are not in {@code b}. */
    public static Dataset<Row> without(Dataset<Row> a, Dataset<Row> b) {
        return persons(a).join(b.select("person_id").distinct(), Seqs.of(List.of("person_id")), "left_anti");
    }

    /** Nobody: the empty person set. */
    public Dataset<Row> nobody() {
        return data.spark().createDataFrame(List.of(), PERSONS);
    }
}
